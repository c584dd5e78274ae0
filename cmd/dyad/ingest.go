package main

import (
	"context"
	"errors"
)

// cmdIngest is not built yet; the issue that adds "dyad ingest" replaces this file.
func cmdIngest(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
