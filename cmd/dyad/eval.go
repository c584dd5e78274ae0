package main

import (
	"context"
	"errors"
)

// cmdEval is not built yet; the issue that adds "dyad eval" replaces this file.
func cmdEval(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
