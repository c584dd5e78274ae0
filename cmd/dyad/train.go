package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad/internal/eval/treebank"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
	"github.com/dyad-events/dyad/internal/nlp/lemma"
	"github.com/dyad-events/dyad/internal/nlp/parse"
	"github.com/dyad-events/dyad/internal/nlp/tag"
)

func cmdTrain(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "train", "--treebank FILE[,FILE...] [flags] -o DIR\n\n"+
		"Trains the tagger, the lemmatizer and the dependency parser on Universal Dependencies treebanks\n"+
		"(CoNLL-U) and writes tagger.bin, lemma.bin and parser.bin into DIR. The committed models are\n"+
		"made with -o internal/nlp/models. The parser learns from tags predicted by taggers trained on the\n"+
		"other folds of the data (--jackknife), as it will see them, and is trained globally for beam\n"+
		"search (--beam; the width is stored in parser.bin and is dyad parse's default). Training is\n"+
		"deterministic (--seed).\n"+
		"With --parser-only only parser.bin is written: the jackknife taggers and lemmatizers are trained\n"+
		"as usual, and the final tagger and lemmatizer (for --dev, and for --jackknife 0) are read from\n"+
		"tagger.bin and lemma.bin in DIR.")
	tbFlag := fs.String("treebank", "", "training treebank `FILES` (CoNLL-U, comma-separated)")
	devFlag := fs.String("dev", "", "score the new models on this CoNLL-U `FILE` (gold tokenization)")
	iters := fs.Int("iterations", 0, "training passes of the tagger and the parser (0: each one's default)")
	seed := fs.Int64("seed", 1, "seed of the shuffling and exploration")
	folds := fs.Int("jackknife", 4, "train the parser on tags and lemmas predicted by models trained on the other `N` folds (0 or 1: by the final models)")
	out := fs.String("o", "", "output `DIR`")
	parserOnly := fs.Bool("parser-only", false, "train only the parser, with tagger.bin and lemma.bin read from DIR")
	beam := fs.Int("beam", 1, "train the parser for beam search with `N` configurations (1: greedy with the dynamic oracle, the bundled model; 8: the beam model, more accurate and 3-4x slower)")
	runs := fs.Int("runs", 0, "average the parser over `N` training runs with seeds seed, seed+1, ... (0: the parser's default)")
	pruneFlag := fs.String("prune", "", "smallest averaged transition and label weights the parser keeps, `ACT/LABEL` (0: the default); with a comma-separated list, parser.bin is made with the first and parser-ACT-LABEL.bin with each other one, all from one training")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *tbFlag == "" || *out == "" {
		return usageError("need --treebank FILE[,FILE...] and -o DIR")
	}
	if fs.NArg() > 0 {
		return usageError("unexpected arguments %q", fs.Args())
	}
	if *iters < 0 || *folds < 0 || *runs < 0 {
		return usageError("--iterations, --jackknife and --runs must not be negative")
	}
	prunes, err := parsePrunes(*pruneFlag)
	if err != nil {
		return err
	}
	if *beam < 1 || *beam > parse.MaxBeam {
		return usageError("--beam must be between 1 and %d", parse.MaxBeam)
	}
	var train []*conllu.Sentence
	for _, p := range strings.Split(*tbFlag, ",") {
		s, err := readTreebank(p)
		if err != nil {
			return err
		}
		train = append(train, s...)
	}
	var dev []*conllu.Sentence
	if *devFlag != "" {
		var err error
		if dev, err = readTreebank(*devFlag); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	start := time.Now()
	logf := func(format string, a ...any) {
		fmt.Fprintf(e.stderr, "%6.1fs  %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, a...))
	}
	logf("train: %d sentences from %s", len(train), *tbFlag)

	tagOpt := tag.TrainOptions{Iterations: *iters, Seed: *seed}
	var tagger *tag.Model
	var lem *lemma.Model
	if *parserOnly {
		tagger, lem, err = loadTagLemma(*out)
	} else {
		tagger, lem, err = trainTagLemma(ctx, train, tagOpt, *out, logf)
	}
	if err != nil {
		return err
	}

	// The parser's training copy carries predicted tags and lemmas. The folds are contiguous blocks
	// (whole documents), so a fold's words are not learned from neighbouring sentences of the same
	// text: the copy's tags are then about as accurate as the final tagger's on new text.
	pred := copyTreebank(train)
	if *folds > 1 {
		fold := func(i int) int { return i * *folds / len(train) }
		for k := 0; k < *folds; k++ {
			var rest []*conllu.Sentence
			for i, s := range train {
				if fold(i) != k {
					rest = append(rest, s)
				}
			}
			logf("train: jackknife fold %d/%d: tagger and lemmatizer on %d sentences", k+1, *folds, len(rest))
			tk, err := tag.Train(rest, tagOpt, nil)
			if err != nil {
				return fmt.Errorf("training the tagger of fold %d: %w", k+1, err)
			}
			lk, err := lemma.Train(rest, nil)
			if err != nil {
				return fmt.Errorf("training the lemmatizer of fold %d: %w", k+1, err)
			}
			for i := range pred {
				if fold(i) == k {
					s := nlp.Sentence{Tokens: pred[i].Tokens}
					tk.Tag(&s)
					lk.Lemmatize(&s)
				}
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	} else {
		for _, p := range pred {
			s := nlp.Sentence{Tokens: p.Tokens}
			tagger.Tag(&s)
			lem.Lemmatize(&s)
		}
	}
	popt := parse.TrainOptions{Iterations: *iters, Seed: *seed, Runs: *runs, Beam: *beam, Prune: prunes[0]}
	parsers, err := parse.TrainPrunings(pred, popt, prunes[1:], logf)
	if err != nil {
		return fmt.Errorf("training the parser: %w", err)
	}
	parser := parsers[0]
	if err := saveModel(filepath.Join(*out, "parser.bin"), parser.Save); err != nil {
		return err
	}
	for i, p := range prunes[1:] {
		name := fmt.Sprintf("parser-%g-%g.bin", p.Act, p.Label)
		if err := saveModel(filepath.Join(*out, name), parsers[i+1].Save); err != nil {
			return err
		}
	}
	if dev != nil {
		p := &nlp.Pipeline{Tagger: tagger, Lemmatizer: lem, Parser: parser}
		a, _, err := scoreGoldTokens(p, dev, false)
		if err != nil {
			return fmt.Errorf("%s: %w", *devFlag, err)
		}
		logf("train: %s: %s", *devFlag, a)
	}
	if *parserOnly {
		logf("train: wrote parser.bin to %s", *out)
	} else {
		logf("train: wrote tagger.bin, lemma.bin and parser.bin to %s", *out)
	}
	return nil
}

// trainTagLemma trains the tagger and the lemmatizer on train and writes them into dir.
func trainTagLemma(ctx context.Context, train []*conllu.Sentence, tagOpt tag.TrainOptions, dir string, logf func(string, ...any)) (*tag.Model, *lemma.Model, error) {
	tagger, err := tag.Train(train, tagOpt, logf)
	if err != nil {
		return nil, nil, fmt.Errorf("training the tagger: %w", err)
	}
	if err := saveModel(filepath.Join(dir, "tagger.bin"), tagger.Save); err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	lem, err := lemma.Train(train, logf)
	if err != nil {
		return nil, nil, fmt.Errorf("training the lemmatizer: %w", err)
	}
	if err := saveModel(filepath.Join(dir, "lemma.bin"), lem.Save); err != nil {
		return nil, nil, err
	}
	return tagger, lem, ctx.Err()
}

// loadTagLemma reads tagger.bin and lemma.bin from dir.
func loadTagLemma(dir string) (*tag.Model, *lemma.Model, error) {
	read := func(name string, load func(io.Reader) error) error {
		path := filepath.Join(dir, name)
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := load(bufio.NewReader(f)); err != nil {
			return fmt.Errorf("reading %s: %w", path, err)
		}
		return nil
	}
	var tagger *tag.Model
	var lem *lemma.Model
	err := read("tagger.bin", func(r io.Reader) (err error) { tagger, err = tag.Load(r); return err })
	if err == nil {
		err = read("lemma.bin", func(r io.Reader) (err error) { lem, err = lemma.Load(r); return err })
	}
	return tagger, lem, err
}

// readTreebank reads a CoNLL-U file; errors name the file.
func readTreebank(path string) ([]*conllu.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := conllu.ReadAll(f, path)
	if err != nil {
		return nil, err
	}
	if len(s) == 0 {
		return nil, fmt.Errorf("%s: no sentences", path)
	}
	return s, nil
}

// copyTreebank copies the sentences with their own token slices.
func copyTreebank(in []*conllu.Sentence) []*conllu.Sentence {
	out := make([]*conllu.Sentence, len(in))
	for i, s := range in {
		c := *s
		c.Tokens = append([]nlp.Token(nil), s.Tokens...)
		out[i] = &c
	}
	return out
}

// saveModel writes a model file through a temporary file, so that a failed run leaves the old one.
func saveModel(path string, save func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := save(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// scoreGoldTokens annotates the gold words of each sentence afresh (see annotateGold) and scores
// them against the gold annotation; it returns the time spent annotating.
func scoreGoldTokens(p *nlp.Pipeline, gold []*conllu.Sentence, goldTags bool) (*treebank.Attachment, time.Duration, error) {
	var a treebank.Attachment
	var spent time.Duration
	for _, g := range gold {
		t0 := time.Now()
		s := annotateGold(p, g, goldTags)
		spent += time.Since(t0)
		if err := a.Add(g.Tokens, s.Tokens); err != nil {
			return nil, 0, fmt.Errorf("sentence %s: %w", g.ID, err)
		}
	}
	return &a, spent, nil
}

// annotateGold annotates a copy of the gold words of g: tags, lemmas and parse with the gold
// annotation cleared, or, with goldTags, only the parse, from the gold UPOS, XPOS and lemmas.
func annotateGold(p *nlp.Pipeline, g *conllu.Sentence, goldTags bool) *nlp.Sentence {
	s := &nlp.Sentence{Tokens: make([]nlp.Token, len(g.Tokens))}
	for i, t := range g.Tokens {
		s.Tokens[i] = nlp.Token{Text: t.Text, Start: t.Start, End: t.End, SpaceAfter: t.SpaceAfter, Head: -1}
		if goldTags {
			s.Tokens[i].UPOS, s.Tokens[i].XPOS, s.Tokens[i].Lemma = t.UPOS, t.XPOS, t.Lemma
		}
	}
	switch {
	case !goldTags:
		p.AnnotateSentence(s)
	case p.Parser != nil:
		p.Parser.Parse(s)
	}
	return s
}

// parsePrunes reads the --prune list ACT/LABEL,...; an empty list is the default pruning.
func parsePrunes(s string) ([]parse.Pruning, error) {
	if s == "" {
		return []parse.Pruning{{}}, nil
	}
	var out []parse.Pruning
	for _, f := range strings.Split(s, ",") {
		a, l, ok := strings.Cut(f, "/")
		act, err1 := strconv.ParseFloat(a, 64)
		lab, err2 := strconv.ParseFloat(l, 64)
		if !ok || err1 != nil || err2 != nil || act < 0 || lab < 0 {
			return nil, usageError("--prune: want ACT/LABEL, two numbers >= 0, not %q", f)
		}
		out = append(out, parse.Pruning{Act: act, Label: lab})
	}
	return out, nil
}
