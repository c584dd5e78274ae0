// Package events scores coded events against hand-coded gold events: precision, recall and F1 at
// three levels of detail (root, code, full), overall and per CAMEO root, with the lists of misses
// and false alarms a developer needs to see why.
package events

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dyad-events/dyad"
)

// GoldActor is an actor of a gold event.
type GoldActor struct {
	Name    string `json:"name"`
	Country string `json:"country"`
	Agent   string `json:"agent"`
}

// Gold is one hand-coded event, in the format of the development set.
type Gold struct {
	Article  string    `json:"article"`
	Sentence int       `json:"sentence"`
	Evidence string    `json:"evidence"`
	Date     string    `json:"date"`
	Source   GoldActor `json:"source"`
	Code     string    `json:"code"`
	Target   GoldActor `json:"target"`
	Location *string   `json:"location"`
	PLOVER   string    `json:"plover"`
}

// ReadGold reads gold events, one JSON object a line. Bad lines are errors naming the line.
func ReadGold(r io.Reader, name string) ([]Gold, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []Gold
	for line := 1; sc.Scan(); line++ {
		b := strings.TrimSpace(sc.Text())
		if b == "" {
			continue
		}
		var g Gold
		if err := json.Unmarshal([]byte(b), &g); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if g.Article == "" || len(g.Code) < 2 {
			return nil, fmt.Errorf("%s:%d: gold event needs an article and a code", name, line)
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return out, nil
}

// Level is how much of an event must agree for a match.
type Level int

const (
	Root Level = iota // source country, target country, CAMEO root
	Code              // ... and the 3-digit code
	Full              // ... and the event date and both agents
)

// Levels lists the levels in order.
var Levels = []Level{Root, Code, Full}

func (l Level) String() string { return [...]string{"root", "code", "full"}[l] }

// PRF counts matches and gives precision, recall and F1.
type PRF struct {
	Gold, Pred, Match int
}

// P is precision.
func (p PRF) P() float64 { return ratio(p.Match, p.Pred) }

// R is recall.
func (p PRF) R() float64 { return ratio(p.Match, p.Gold) }

// F1 is the harmonic mean of precision and recall.
func (p PRF) F1() float64 {
	pr, r := p.P(), p.R()
	if pr+r == 0 {
		return 0
	}
	return 2 * pr * r / (pr + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Item is a gold or predicted event that was not matched, for the report.
type Item struct {
	Article  string
	Sentence int
	Key      string // the event as "SRC CODE TGT date agents"
	Evidence string
}

// Result is the outcome of scoring.
type Result struct {
	Overall      [3]PRF
	ByRoot       map[string]*PRF // at root level, keyed by CAMEO root
	Misses       []Item          // gold events not matched at code level
	FalseAlarms  []Item          // predicted events not matched at code level
	Articles     int
	GoldEvents   int
	PredEvents   int
	UnknownCodes int // predicted events whose code is not a CAMEO code
}

// country folds equivalent codes (Kosovo is XKX or KOS).
func country(c string) string {
	if c == "KOS" {
		return "XKX"
	}
	return c
}

func base(code string) string {
	if len(code) > 3 {
		return code[:3]
	}
	return code
}

func key(l Level, src, tgt, code, date, sa, ta string) string {
	switch l {
	case Root:
		return country(src) + "|" + country(tgt) + "|" + code[:2]
	case Code:
		return country(src) + "|" + country(tgt) + "|" + base(code)
	}
	return country(src) + "|" + country(tgt) + "|" + base(code) + "|" + date + "|" + sa + "|" + ta
}

func goldKey(l Level, g *Gold) string {
	return key(l, g.Source.Country, g.Target.Country, g.Code, g.Date, g.Source.Agent, g.Target.Agent)
}

func predKey(l Level, e *dyad.Event) string {
	return key(l, e.Source.Country, e.Target.Country, e.CAMEO, e.Date.String(), e.Source.Agent, e.Target.Agent)
}

// Score matches predicted events against gold events as multisets per article. Only articles in
// articles are scored (nil: every article that has gold or predicted events).
func Score(gold []Gold, pred []dyad.Event, articles []string) *Result {
	res := &Result{ByRoot: map[string]*PRF{}}
	goldBy := map[string][]*Gold{}
	predBy := map[string][]*dyad.Event{}
	for i := range gold {
		goldBy[gold[i].Article] = append(goldBy[gold[i].Article], &gold[i])
	}
	for i := range pred {
		if len(pred[i].CAMEO) < 2 {
			res.UnknownCodes++
			continue
		}
		predBy[pred[i].Doc] = append(predBy[pred[i].Doc], &pred[i])
	}
	if articles == nil {
		seen := map[string]bool{}
		for a := range goldBy {
			seen[a] = true
		}
		for a := range predBy {
			seen[a] = true
		}
		for a := range seen {
			articles = append(articles, a)
		}
	}
	sort.Strings(articles)
	res.Articles = len(articles)
	rootPRF := func(r string) *PRF {
		if res.ByRoot[r] == nil {
			res.ByRoot[r] = &PRF{}
		}
		return res.ByRoot[r]
	}
	for _, a := range articles {
		gs, ps := goldBy[a], predBy[a]
		res.GoldEvents += len(gs)
		res.PredEvents += len(ps)
		for _, l := range Levels {
			gm, pm := matchMultiset(len(gs), len(ps), func(i int) string { return goldKey(l, gs[i]) },
				func(j int) string { return predKey(l, ps[j]) })
			o := &res.Overall[l]
			o.Gold += len(gs)
			o.Pred += len(ps)
			for _, m := range gm {
				if m {
					o.Match++
				}
			}
			switch l {
			case Root:
				for i, g := range gs {
					p := rootPRF(g.Code[:2])
					p.Gold++
					if gm[i] {
						p.Match++
					}
				}
				for _, e := range ps {
					rootPRF(e.Root).Pred++
				}
			case Code:
				for i, g := range gs {
					if !gm[i] {
						res.Misses = append(res.Misses, Item{Article: a, Sentence: g.Sentence, Evidence: g.Evidence,
							Key: fmt.Sprintf("%s%s %s %s%s %s", g.Source.Country, g.Source.Agent, g.Code, g.Target.Country, g.Target.Agent, g.Date)})
					}
				}
				for j, e := range ps {
					if !pm[j] {
						res.FalseAlarms = append(res.FalseAlarms, Item{Article: a, Sentence: e.Sentence, Evidence: e.Evidence,
							Key: fmt.Sprintf("%s %s %s %s", e.Source.Code, e.CAMEO, e.Target.Code, e.Date)})
					}
				}
			}
		}
	}
	return res
}

// matchMultiset pairs gold and predicted items with equal keys, each used once.
func matchMultiset(ng, np int, gk, pk func(int) string) (gm, pm []bool) {
	gm, pm = make([]bool, ng), make([]bool, np)
	free := map[string][]int{}
	for j := 0; j < np; j++ {
		free[pk(j)] = append(free[pk(j)], j)
	}
	for i := 0; i < ng; i++ {
		k := gk(i)
		if js := free[k]; len(js) > 0 {
			gm[i], pm[js[0]] = true, true
			free[k] = js[1:]
		}
	}
	return gm, pm
}

// Report writes the scores as text: the three levels, the per-root table, and (when details is
// true) the misses and false alarms with their evidence.
func (r *Result) Report(w io.Writer, details bool) {
	fmt.Fprintf(w, "articles %d, gold events %d, coded events %d\n\n", r.Articles, r.GoldEvents, r.PredEvents)
	fmt.Fprintf(w, "%-6s %9s %9s %9s %7s %7s %7s\n", "level", "precision", "recall", "F1", "gold", "coded", "match")
	for _, l := range Levels {
		p := r.Overall[l]
		fmt.Fprintf(w, "%-6s %9.3f %9.3f %9.3f %7d %7d %7d\n", l, p.P(), p.R(), p.F1(), p.Gold, p.Pred, p.Match)
	}
	fmt.Fprintf(w, "\nper CAMEO root (root level)\n%-4s %-28s %9s %9s %9s %6s %6s %6s\n", "root", "name", "precision", "recall", "F1", "gold", "coded", "match")
	roots := make([]string, 0, len(r.ByRoot))
	for k := range r.ByRoot {
		roots = append(roots, k)
	}
	sort.Strings(roots)
	for _, k := range roots {
		p := r.ByRoot[k]
		name := ""
		if c, ok := dyad.LookupCode(k); ok {
			name = c.Name
		}
		fmt.Fprintf(w, "%-4s %-28.28s %9.3f %9.3f %9.3f %6d %6d %6d\n", k, name, p.P(), p.R(), p.F1(), p.Gold, p.Pred, p.Match)
	}
	if !details {
		return
	}
	fmt.Fprintf(w, "\nmisses (gold events not coded, code level): %d\n", len(r.Misses))
	for _, m := range r.Misses {
		fmt.Fprintf(w, "  %s s%d  %s  | %s\n", m.Article, m.Sentence, m.Key, m.Evidence)
	}
	fmt.Fprintf(w, "\nfalse alarms (coded events not in gold, code level): %d\n", len(r.FalseAlarms))
	for _, m := range r.FalseAlarms {
		fmt.Fprintf(w, "  %s s%d  %s  | %s\n", m.Article, m.Sentence, m.Key, m.Evidence)
	}
}
