package lemma

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

const (
	maxSuffixLen  = 7   // longest suffix (bytes) considered for a learned rewrite
	minRuleTypes  = 2   // a suffix rewrite needs this many word types behind it
	minRuleShare  = 0.7 // share of the word types with a suffix that its rewrite must have
	minRuleSuffix = 2   // shorter suffixes are left to the hand-written rules
)

// Train learns the lemma dictionaries and suffix rewrites from the LEMMA and XPOS columns.
func Train(train []*conllu.Sentence, logf func(format string, a ...any)) (*Model, error) {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	type fx struct{ form, xpos string }
	exact := map[fx]map[string]int{}
	lower := map[fx]map[string]int{}
	add := func(m map[fx]map[string]int, k fx, l string) {
		c := m[k]
		if c == nil {
			c = map[string]int{}
			m[k] = c
		}
		c[l]++
	}
	n := 0
	for _, s := range train {
		for _, t := range s.Tokens {
			if t.Lemma == "" || t.Lemma == "_" || t.XPOS == "" {
				continue
			}
			n++
			add(exact, fx{t.Text, t.XPOS}, t.Lemma)
			add(lower, fx{strings.ToLower(t.Text), t.XPOS}, t.Lemma)
		}
	}
	if n == 0 {
		return nil, errors.New("training lemmatizer: no lemmas")
	}
	best := func(c map[string]int) string {
		b := ""
		for l, k := range c {
			if k > c[b] || k == c[b] && l < b {
				b = l
			}
		}
		return b
	}
	m := &Model{exact: map[string]string{}, lower: map[string]string{}, rules: map[string]rewrite{}, infl: newInflection()}
	for k, c := range lower {
		m.lower[k.form+"\x00"+k.xpos] = best(c)
	}
	// The exact dictionary keeps only the forms whose lemma differs from the lower-case entry's.
	for k, c := range exact {
		l := best(c)
		if m.lower[strings.ToLower(k.form)+"\x00"+k.xpos] != l {
			m.exact[k.form+"\x00"+k.xpos] = l
		}
	}
	// Suffix rewrites, counted over word types.
	type sx struct {
		suf, xpos string
		rw        rewrite
	}
	counts := map[sx]int{}
	for k, c := range lower {
		form, l := k.form, best(c)
		if proper(k.xpos) {
			continue // proper nouns are learned from their cased forms below
		}
		rw, ok := rewriteOf(form, l)
		if !ok {
			continue
		}
		for n := 1; n <= maxSuffixLen && n < len(form); n++ {
			suf := form[len(form)-n:]
			if !utf8.RuneStart(suf[0]) {
				continue
			}
			counts[sx{suf, k.xpos, rw}]++
		}
	}
	for k, c := range exact {
		if k.xpos != "NNPS" {
			continue
		}
		rw, ok := rewriteOf(k.form, best(c))
		if !ok {
			continue
		}
		for n := 1; n <= maxSuffixLen && n < len(k.form); n++ {
			suf := strings.ToLower(k.form[len(k.form)-n:])
			if !utf8.RuneStart(suf[0]) {
				continue
			}
			counts[sx{suf, k.xpos, rw}]++
		}
	}
	type cand struct {
		rw rewrite
		n  int
	}
	bySuffix := map[string]cand{}
	keys := make([]sx, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b sx) int {
		return cmp.Or(cmp.Compare(a.suf, b.suf), cmp.Compare(a.xpos, b.xpos),
			cmp.Compare(a.rw.strip, b.rw.strip), cmp.Compare(a.rw.add, b.rw.add))
	})
	total := map[string]int{}
	for _, k := range keys {
		n := counts[k]
		key := k.suf + "\x00" + k.xpos
		total[key] += n
		if b, ok := bySuffix[key]; n >= minRuleTypes && (!ok || n > b.n) {
			bySuffix[key] = cand{k.rw, n}
		}
	}
	for k, c := range bySuffix {
		if float64(c.n) < minRuleShare*float64(total[k]) {
			continue // no clear majority: the hand-written rules decide
		}
		m.rules[k] = c.rw
		m.maxSuffix = max(m.maxSuffix, strings.IndexByte(k, 0))
	}
	logf("lemma: %d tokens, %d forms (%d case-specific), %d suffix rewrites", n, len(m.lower), len(m.exact), len(m.rules))
	m.indexVerbs()
	return m, nil
}

// rewriteOf finds the rewrite from form to lemma, comparing case-insensitively for the shared
// prefix; it fails when the lemma is unrelated to the form's spelling (went → go).
func rewriteOf(form, lemma string) (rewrite, bool) {
	i := 0
	for i < len(form) && i < len(lemma) && form[i] == lemma[i] {
		i++
	}
	for i > 0 && i < len(form) && !utf8.RuneStart(form[i]) {
		i--
	}
	if i == 0 || len(form)-i > 4 {
		return rewrite{}, false
	}
	return rewrite{strip: len(form) - i, add: lemma[i:]}, true
}

// Accuracy lemmatizes copies of the gold sentences (with their gold tags) and returns the share of
// tokens whose lemma matches the gold one.
func Accuracy(m *Model, gold []*conllu.Sentence) float64 {
	var n, ok int
	for _, g := range gold {
		s := g.NLP()
		s.Tokens = slices.Clone(s.Tokens)
		m.Lemmatize(&s)
		for i, t := range s.Tokens {
			n++
			if t.Lemma == g.Tokens[i].Lemma {
				ok++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(ok) / float64(n)
}
