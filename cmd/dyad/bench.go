package main

import (
	"context"
	"errors"
)

// cmdBench is not built yet; the issue that adds "dyad bench" replaces this file.
func cmdBench(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
