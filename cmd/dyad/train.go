package main

import (
	"context"
	"errors"
)

// cmdTrain is not built yet; the issue that adds "dyad train" replaces this file.
func cmdTrain(ctx context.Context, e *env, args []string) error {
	return errors.New("not implemented yet")
}
