package main

import (
	"context"
	"errors"
)

// cmdExport is not built yet; the issue that adds "dyad export" replaces this file.
func cmdExport(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
