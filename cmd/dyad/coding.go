package main

import (
	"github.com/dyad-events/dyad"
)

// articleCoder codes one article into events. It is safe for concurrent use.
type articleCoder interface {
	Code(a *dyad.Article) []dyad.Event
}

// coderOptions are the settings shared by the commands that code articles (code, ingest, serve, eval).
type coderOptions struct {
	dictDirs []string // user dictionary folders loaded over the bundled ones
}

// newArticleCoder loads the NLP models and dictionaries and returns the coder.
// (Placeholder until the coder lands: it codes nothing.)
func newArticleCoder(opts coderOptions) (articleCoder, error) {
	return nopCoder{}, nil
}

type nopCoder struct{}

func (nopCoder) Code(*dyad.Article) []dyad.Event { return nil }
