package main

import (
	"context"
	"errors"
)

// cmdSQL is not built yet; the issue that adds "dyad sql" replaces this file.
func cmdSQL(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
