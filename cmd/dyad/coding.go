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

// codedArticle is an article with its events and, when the coder says, its number of sentences.
type codedArticle struct {
	art       *dyad.Article
	events    []dyad.Event
	sentences int
}

// codeBatch codes articles analysed together (see analyseAll); element i is arts[i] coded.
func (c *nlpCoder) codeBatch(arts []*dyad.Article) []codedArticle {
	docs := c.analyseAll(arts)
	out := make([]codedArticle, len(arts))
	for i, a := range arts {
		out[i] = codedArticle{a, c.coder.Code(a, docs[i]), len(docs[i].Sentences)}
	}
	return out
}

// analyse runs the NLP pipeline over the text of an article as the coder wants it read.
func (c *nlpCoder) analyse(a *dyad.Article) *nlp.Doc {
	return c.pipe.Annotate(coder.AnalysisText(a.Text))
}

// analyseAll analyses the texts of articles together, stage by stage (nlp.Pipeline.AnnotateAll),
// which is faster than one by one; the documents are those of analyse.
func (c *nlpCoder) analyseAll(arts []*dyad.Article) []*nlp.Doc {
	texts := make([]string, len(arts))
	for i, a := range arts {
		texts[i] = coder.AnalysisText(a.Text)
	}
	return c.pipe.AnnotateAll(texts)
}

// batchCoder codes several articles at once, faster than one by one.
type batchCoder interface {
	codeBatch(arts []*dyad.Article) []codedArticle
}

// codeAll codes arts with c: in one batch when c can, else one by one.
func codeAll(c articleCoder, arts []*dyad.Article) []codedArticle {
	if b, ok := c.(batchCoder); ok {
		return b.codeBatch(arts)
	}
	out := make([]codedArticle, len(arts))
	for i, a := range arts {
		out[i] = codedArticle{art: a, events: c.Code(a)}
	}
	return out
}

// Batches of articles that are coded together (pipeline.MapBatches) end at batchArticles articles
// or batchBytes of text. Larger batches keep the models' tables in the caches longer, but leave
// fewer batches to share among the cores on small inputs and hold more text in memory. On the dev
// articles (dyad bench --repeat 3, 2-core VM, runs interleaved) dyad code on one core went from
// about 2,900 sentences/s one article at a time to about 3,400 in batches of 16 and 3,650 in
// batches of 32.
const (
	batchArticles = 32
	batchBytes    = 256 << 10
)

// batchesFor returns when a batch of articles for c is full: at batchFull when c codes batches, at
// one article when it codes them one by one anyway (a batch would then only hold back the results
// of its first articles until its last one is coded).
func batchesFor(c articleCoder) func([]*dyad.Article) bool {
	if _, ok := c.(batchCoder); ok {
		return batchFull
	}
	return func([]*dyad.Article) bool { return true }
}

// batchFull reports whether a batch of articles takes no more.
func batchFull(b []*dyad.Article) bool {
	if len(b) >= batchArticles {
		return true
	}
	n := 0
	for _, a := range b {
		n += len(a.Text)
	}
	return n >= batchBytes
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
