package main

import (
	"context"
	"errors"
)

// cmdDict is not built yet; the issue that adds "dyad dict" replaces this file.
func cmdDict(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
