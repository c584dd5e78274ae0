package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/dyad-events/dyad/internal/eval/treebank"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
	"github.com/dyad-events/dyad/internal/nlp/models"
	"github.com/dyad-events/dyad/internal/nlp/parse"
)

func cmdParse(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "parse", "[flags] [FILE|-]\n\n"+
		"Tokenizes, tags, lemmatizes and parses English text (FILE, or standard input) and writes\n"+
		"CoNLL-U with \"# sent_id\" and \"# text\" lines.\n"+
		"  dyad parse --conllu FILE        re-tag and re-parse the words of a CoNLL-U file\n"+
		"  dyad parse --eval FILE.conllu... score tags, lemmas and attachments on the gold words and\n"+
		"                                  sentence and token F1 on the raw text, with tokens/s\n"+
		"With --gold-tags, --conllu and --eval keep each word's gold UPOS, XPOS and lemma and only\n"+
		"parse: the attachment scores then show what tagging errors cost the parser.")
	conlluPath := fs.String("conllu", "", "annotate the gold tokenization of this CoNLL-U `FILE`")
	eval := fs.Bool("eval", false, "score the models on the CoNLL-U files given as arguments")
	goldTags := fs.Bool("gold-tags", false, "with --conllu or --eval: parse from the gold tags and lemmas instead of tagging")
	beam := fs.Int("beam", 0, "parse with a beam of `N` configurations (1: greedy; 0: the width the parser was trained with)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *beam < 0 || *beam > parse.MaxBeam {
		return usageError("--beam must be between 0 and %d", parse.MaxBeam)
	}
	switch {
	case *eval:
		if *conlluPath != "" {
			return usageError("--eval and --conllu do not go together")
		}
		if fs.NArg() == 0 {
			return usageError("--eval needs CoNLL-U files")
		}
	case *conlluPath != "":
		if fs.NArg() > 0 {
			return usageError("--conllu takes no other arguments")
		}
	case fs.NArg() > 1:
		return usageError("give one FILE or - for standard input")
	}
	if *goldTags && !*eval && *conlluPath == "" {
		return usageError("--gold-tags needs --conllu or --eval: raw text has no gold tags")
	}
	p, err := models.Pipeline()
	if err != nil {
		return err
	}
	if pm, ok := p.Parser.(*parse.Model); ok {
		pm.Beam = *beam
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	switch {
	case *eval:
		return evalTreebanks(ctx, out, p, fs.Args(), *goldTags)
	case *conlluPath != "":
		return parseCoNLLU(ctx, out, p, *conlluPath, *goldTags)
	}
	name := "-"
	if fs.NArg() == 1 {
		name = fs.Arg(0)
	}
	text, err := readText(e, name)
	if err != nil {
		return err
	}
	doc := p.Annotate(text)
	for i := range doc.Sentences {
		s := &doc.Sentences[i]
		if err := conllu.Write(out, strconv.Itoa(i+1), s.Text(doc.Text), s); err != nil {
			return err
		}
	}
	return out.Flush()
}

// readText reads a whole file, or standard input for "-".
func readText(e *env, name string) (string, error) {
	var b []byte
	var err error
	if name == "-" {
		b, err = io.ReadAll(e.stdin)
	} else {
		b, err = os.ReadFile(name)
	}
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", name, err)
	}
	return string(b), nil
}

// parseCoNLLU annotates the words of each sentence of a CoNLL-U file afresh (see annotateGold).
func parseCoNLLU(ctx context.Context, w io.Writer, p *nlp.Pipeline, path string, goldTags bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rd := conllu.NewReader(f, path)
	for {
		g, err := rd.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := conllu.Write(w, g.ID, g.Text, annotateGold(p, g, goldTags)); err != nil {
			return err
		}
	}
}

// evalTreebanks scores the pipeline on each file and, for several files, on all of them; with
// goldTags the attachment scores are the parser's alone, on the gold tags and lemmas.
func evalTreebanks(ctx context.Context, w io.Writer, p *nlp.Pipeline, paths []string, goldTags bool) error {
	what, timed := "gold tokenization", "tag+lemma+parse"
	if goldTags {
		what, timed = "gold tokenization and tags", "parse"
	}
	var total treebank.Attachment
	var totalTime time.Duration
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		gold, err := readTreebank(path)
		if err != nil {
			return err
		}
		a, spent, err := scoreGoldTokens(p, gold, goldTags)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fmt.Fprintf(w, "%s: %s: %s\n", path, what, a)
		fmt.Fprintf(w, "%s: %s: %.0f tokens/s\n", path, timed, float64(a.Words)/spent.Seconds())
		t0 := time.Now()
		seg := treebank.Segmentation(gold, p.Tokenizer)
		segTime := time.Since(t0)
		fmt.Fprintf(w, "%s: raw text: sentences F1 %.2f (P %.2f R %.2f)  tokens F1 %.2f (P %.2f R %.2f)  tokenize %.0f tokens/s\n",
			path, 100*seg.Sentences.F1, 100*seg.Sentences.P, 100*seg.Sentences.R,
			100*seg.Tokens.F1, 100*seg.Tokens.P, 100*seg.Tokens.R, float64(seg.Tokens.Pred)/segTime.Seconds())
		total.Merge(a)
		totalTime += spent
	}
	if len(paths) > 1 {
		fmt.Fprintf(w, "all: %s: %s\n", what, &total)
		fmt.Fprintf(w, "all: %s: %.0f tokens/s\n", timed, float64(total.Words)/totalTime.Seconds())
	}
	return nil
}
