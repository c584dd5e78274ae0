package main

import (
	"fmt"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/coder"
	"github.com/dyad-events/dyad/internal/dict"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/models"
)

// articleCoder codes one article into events. It is safe for concurrent use.
type articleCoder interface {
	Code(a *dyad.Article) []dyad.Event
}

// coderOptions are the settings shared by the commands that code articles (code, ingest, serve, eval).
type coderOptions struct {
	dictDirs []string    // user dictionary folders loaded over the bundled ones
	warn     func(error) // told about problems that do not stop coding (bad user dictionary lines)
}

// dictFlag collects repeated --dict flags.
type dictFlag []string

func (f *dictFlag) String() string     { return strings.Join(*f, ",") }
func (f *dictFlag) Set(v string) error { *f = append(*f, v); return nil }

// nlpCoder analyses an article's text with the NLP pipeline and codes the result.
type nlpCoder struct {
	pipe  *nlp.Pipeline
	coder *coder.Coder
}

func (c *nlpCoder) Code(a *dyad.Article) []dyad.Event {
	return c.coder.Code(a, c.analyse(a))
}

// analyse runs the NLP pipeline over the text of an article as the coder wants it read.
func (c *nlpCoder) analyse(a *dyad.Article) *nlp.Doc {
	return c.pipe.Annotate(coder.AnalysisText(a.Text))
}

// newArticleCoder loads the NLP models and dictionaries and returns the coder. Bad entries in
// user dictionaries are reported through opts.warn and skipped.
func newArticleCoder(opts coderOptions) (*nlpCoder, error) {
	// The models and the dictionaries load at the same time: each takes a good part of startup.
	var (
		pipe    *nlp.Pipeline
		pipeErr error
		done    = make(chan struct{})
	)
	go func() {
		defer close(done)
		pipe, pipeErr = models.Pipeline()
	}()
	d, err := dict.Load(opts.dictDirs...)
	<-done
	if pipeErr != nil {
		return nil, fmt.Errorf("loading NLP models: %w", pipeErr)
	}
	if err != nil {
		if d == nil {
			return nil, fmt.Errorf("loading dictionaries: %w", err)
		}
		if opts.warn != nil {
			if list, ok := err.(dict.ErrorList); ok {
				for _, e := range list {
					opts.warn(e)
				}
			} else {
				opts.warn(err)
			}
		}
	}
	return &nlpCoder{pipe: pipe, coder: coder.New(d)}, nil
}
