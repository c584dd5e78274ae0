package main

import (
	"context"
	"errors"
)

// cmdParse is not built yet; the issue that adds "dyad parse" replaces this file.
func cmdParse(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
