package main

import (
	"context"
	"errors"
)

// cmdServe is not built yet; the issue that adds "dyad serve" replaces this file.
func cmdServe(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
