package main

import (
	"context"
	"errors"
)

// cmdWatch is not built yet; the issue that adds "dyad watch" replaces this file.
func cmdWatch(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
