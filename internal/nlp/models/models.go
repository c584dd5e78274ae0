// Package models embeds dyad's trained English models — the tagger (tagger.bin), the lemmatizer
// (lemma.bin) and the dependency parser (parser.bin), all written by "dyad train -o
// internal/nlp/models" — and assembles them with the tokenizer into an nlp.Pipeline.
package models

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/lemma"
	"github.com/dyad-events/dyad/internal/nlp/parse"
	"github.com/dyad-events/dyad/internal/nlp/tag"
	"github.com/dyad-events/dyad/internal/nlp/tokenize"
)

var (
	//go:embed tagger.bin
	taggerBin string
	//go:embed lemma.bin
	lemmaBin string
	//go:embed parser.bin
	parserBin string
)

// Pipeline loads the embedded models into a new pipeline: tokenizer, tagger, lemmatizer and parser.
// The four models load concurrently, each on its own goroutine, so that loading takes about as
// long as the slowest of them when there are cores to spare. Callers keep the result, which is
// safe for concurrent use.
func Pipeline() (*nlp.Pipeline, error) {
	var (
		wg  sync.WaitGroup
		tk  *tokenize.Tokenizer
		tg  *tag.Model
		lm  *lemma.Model
		ps  *parse.Model
		err [3]error
	)
	wg.Go(func() { ps, err[2] = Parser() }) // the largest first
	wg.Go(func() { tg, err[0] = Tagger() })
	wg.Go(func() { lm, err[1] = Lemmatizer() })
	wg.Go(func() { tk = tokenize.New() })
	wg.Wait()
	if e := errors.Join(err[:]...); e != nil {
		return nil, e
	}
	return &nlp.Pipeline{Tokenizer: tk, Tagger: tg, Lemmatizer: lm, Parser: ps}, nil
}

// Tagger loads the embedded tagger.
func Tagger() (*tag.Model, error) {
	if taggerBin == "" {
		return nil, fmt.Errorf("models: tagger.bin is empty; train it with dyad train -o internal/nlp/models")
	}
	m, err := tag.Load(strings.NewReader(taggerBin))
	if err != nil {
		return nil, fmt.Errorf("models: loading tagger.bin: %w", err)
	}
	return m, nil
}

// Lemmatizer loads the embedded lemmatizer.
func Lemmatizer() (*lemma.Model, error) {
	if lemmaBin == "" {
		return nil, fmt.Errorf("models: lemma.bin is empty; train it with dyad train -o internal/nlp/models")
	}
	m, err := lemma.Load(strings.NewReader(lemmaBin))
	if err != nil {
		return nil, fmt.Errorf("models: loading lemma.bin: %w", err)
	}
	return m, nil
}

// Parser loads the embedded dependency parser.
func Parser() (*parse.Model, error) {
	if parserBin == "" {
		return nil, fmt.Errorf("models: parser.bin is empty; train it with dyad train -o internal/nlp/models")
	}
	m, err := parse.Load(strings.NewReader(parserBin))
	if err != nil {
		return nil, fmt.Errorf("models: loading parser.bin: %w", err)
	}
	return m, nil
}
