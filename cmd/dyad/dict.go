package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/dict"
)

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// cmdDict inspects the dictionaries: "dict stats", "dict check", "dict lookup".
func cmdDict(ctx context.Context, e *env, args []string) error {
	usage := "stats|check|lookup [--dict DIR]... [--date YYYY-MM-DD] [WORDS...]"
	fs := newFlagSet(e, "dict", usage)
	var dirs stringList
	fs.Var(&dirs, "dict", "user dictionary folder loaded over the bundled one (repeatable)")
	date := fs.String("date", "", "article date for dated roles (lookup)")
	missing := fs.Bool("missing", false, "also list the 3-digit CAMEO codes no pattern codes (stats)")
	if len(args) == 0 {
		fs.Usage()
		return usageError("want a subcommand: stats, check or lookup")
	}
	sub, rest := args[0], args[1:]
	if sub == "-h" || sub == "-help" || sub == "--help" {
		fs.Usage()
		return flag.ErrHelp
	}
	if err := parseFlags(fs, rest); err != nil {
		return err
	}
	d, loadErr := dict.Load(dirs...)
	var list dict.ErrorList
	if loadErr != nil && !errors.As(loadErr, &list) {
		return loadErr
	}
	switch sub {
	case "stats":
		if len(list) > 0 {
			fmt.Fprintf(e.stderr, "dyad dict: %d errors (run 'dyad dict check')\n", len(list))
		}
		printStats(e.stdout, d.Stats())
		if *missing {
			fmt.Fprintf(e.stdout, "codes without patterns: %s\n", strings.Join(d.MissingCodes(), " "))
		}
		return nil
	case "check":
		for _, w := range d.Warnings() {
			fmt.Fprintf(e.stdout, "warning: %s\n", w.Error())
		}
		for _, er := range list {
			fmt.Fprintln(e.stdout, er.Error())
		}
		if len(list) > 0 {
			return fmt.Errorf("%d errors, %d warnings", len(list), len(d.Warnings()))
		}
		fmt.Fprintf(e.stdout, "ok: 0 errors, %d warnings\n", len(d.Warnings()))
		return nil
	case "lookup":
		dt, err := dyad.ParseDate(*date)
		if err != nil {
			return usageError("--date: %v", err)
		}
		if fs.NArg() == 0 {
			return usageError("lookup wants words")
		}
		lookup(e.stdout, d, fs.Args(), dt)
		return nil
	}
	return usageError("unknown subcommand %q (want stats, check or lookup)", sub)
}

func printStats(w io.Writer, s dict.Stats) {
	rows := []struct {
		name string
		n    int
	}{
		{"countries", s.Countries},
		{"country names", s.CountryNames},
		{"capitals and seats", s.Capitals},
		{"demonyms", s.Demonyms},
		{"people", s.People},
		{"dated person roles", s.DatedPersonRoles},
		{"IGOs", s.IGOs},
		{"armed groups", s.ArmedGroups},
		{"other organizations", s.OtherOrgs},
		{"agent phrases", s.AgentPhrases},
		{"titles", s.Titles},
		{"verb patterns", s.VerbPatterns},
		{"noun patterns", s.NounPatterns},
		{"places", s.Places},
	}
	for _, r := range rows {
		fmt.Fprintf(w, "%-22s %7d\n", r.name, r.n)
	}
	fmt.Fprintf(w, "%-22s %3d/%d\n", "CAMEO codes covered", s.CodesCovered, s.CodesTotal)
}

// lookup shows what the words resolve to, as an actor, an agent and a place, trying every start.
func lookup(w io.Writer, d *dict.Dict, args []string, date dyad.Date) {
	var words []string
	for _, a := range args {
		for _, f := range strings.Fields(a) {
			words = append(words, dict.Norm(f))
		}
	}
	found := false
	for i := 0; i < len(words); {
		step := 1
		rest := words[i:]
		if n, en := d.MatchActor(rest); en != nil {
			found = true
			fmt.Fprintf(w, "%q\tactor %s %q", strings.Join(rest[:n], " "), en.Kind, en.Name)
			if r, ok := en.Resolve(date); ok {
				fmt.Fprintf(w, " → %s", r.Code)
				if r.Title != "" {
					fmt.Fprintf(w, " (%s)", r.Title)
				}
				if r.Dated() {
					fmt.Fprintf(w, " [%s..%s]", r.From, r.To)
				}
			} else {
				fmt.Fprint(w, " → not coded on this date")
			}
			fmt.Fprintf(w, "\t%s\n", en.Pos)
			step = max(step, n)
		}
		if n, a, ok := d.MatchAgent(rest); ok {
			found = true
			t := ""
			if a.Title {
				t = " title"
			}
			fmt.Fprintf(w, "%q\tagent %s%s\n", strings.Join(rest[:n], " "), a.Code, t)
			step = max(step, n)
		}
		if n, ps := d.MatchPlaces(rest); len(ps) > 0 {
			found = true
			p := ps[0]
			fmt.Fprintf(w, "%q\tplace %s %q %s %.4f,%.4f pop %d\t%s\n", strings.Join(rest[:n], " "), p.Kind, p.Name, p.Country, p.Lat, p.Lon, p.Population, p.Pos)
			if len(ps) > 1 {
				var other []string
				for _, q := range ps[1:min(len(ps), 9)] {
					other = append(other, q.Country)
				}
				if len(ps) > 9 {
					other = append(other, "...")
				}
				fmt.Fprintf(w, "\t(%d other places of this name: %s)\n", len(ps)-1, strings.Join(other, " "))
			}
			step = max(step, n)
		}
		i += step
	}
	if !found {
		fmt.Fprintln(w, "no match")
	}
}
