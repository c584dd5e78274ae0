package main

import (
	"context"
	"errors"
)

// cmdCode is not built yet; the issue that adds "dyad code" replaces this file.
func cmdCode(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
