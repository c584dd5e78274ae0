package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/eval/events"
	"github.com/dyad-events/dyad/internal/ingest"
)

func cmdEval(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "eval", "--gold EVENTS.jsonl [flags] ARTICLES...\n\nCodes the articles and scores the events against hand-coded gold events:\n"+
		"precision, recall and F1 at root, code and full level, overall and per CAMEO root.")
	goldPath := fs.String("gold", "", "gold events `FILE` (JSONL, the format of the development set)")
	codedPath := fs.String("events", "", "score the events in `FILE` instead of coding the articles: JSONL from dyad code, or gold events\n"+
		"(the --gold format, e.g. a second annotator's); only events of the ARTICLES are scored")
	details := fs.Bool("details", true, "list misses and false alarms with their evidence")
	jsonOut := fs.Bool("json", false, "print the figures as JSON")
	dateFlag := fs.String("date", "", "publication `date` for articles that carry none")
	var dicts dictFlag
	fs.Var(&dicts, "dict", "load user dictionaries from `DIR` (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *goldPath == "" || fs.NArg() == 0 {
		return usageError("need --gold EVENTS.jsonl and the articles")
	}
	date, err := dyad.ParseDate(*dateFlag)
	if err != nil {
		return usageError("--date: %v", err)
	}
	gf, err := os.Open(*goldPath)
	if err != nil {
		return err
	}
	gold, err := events.ReadGold(gf, *goldPath)
	gf.Close()
	if err != nil {
		return err
	}
	warn := func(err error) { fmt.Fprintf(e.stderr, "dyad eval: %v\n", err) }
	opts := ingest.Options{Date: date, Stdin: e.stdin, OnSkip: warn}
	var articles []string
	var pred []dyad.Event
	if *codedPath != "" {
		if _, err := ingest.Read(ctx, fs.Args(), opts, func(a *dyad.Article) error {
			articles = append(articles, a.ID)
			return nil
		}); err != nil {
			return err
		}
		if pred, err = readEvents(*codedPath); err != nil {
			return err
		}
	} else {
		c, err := newArticleCoder(coderOptions{dictDirs: dicts, warn: warn})
		if err != nil {
			return err
		}
		if _, err := codeArticles(ctx, c, fs.Args(), opts, 0, func(a *dyad.Article, evs []dyad.Event) error {
			articles = append(articles, a.ID)
			pred = append(pred, evs...)
			return nil
		}); err != nil {
			return err
		}
	}
	res := events.Score(gold, pred, articles)
	if *jsonOut {
		type level struct {
			Level              string
			Precision, Recall  float64
			F1                 float64
			Gold, Coded, Match int
		}
		var out []level
		for _, l := range events.Levels {
			p := res.Overall[l]
			out = append(out, level{l.String(), p.P(), p.R(), p.F1(), p.Gold, p.Pred, p.Match})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	res.Report(e.stdout, *details)
	return nil
}

// readEvents reads the events to score: coded events (JSONL from dyad code) or gold-format events.
func readEvents(path string) ([]dyad.Event, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return events.ReadEvents(f, path)
}
