package main

import (
	"context"
	"errors"
)

// cmdQuery is not built yet; the issue that adds "dyad query" replaces this file.
func cmdQuery(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
