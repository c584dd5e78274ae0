package parse

import (
	"slices"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp"
)

// TestStaticSplit checks, in every configuration of greedy parses of the tiny treebank, that
// actFeats makes the 104 templates' features, none twice, and that scoring the split way (dynamic
// features, then the static sums of staticSums and staticModel) gives the scores of actFeats.
func TestStaticSplit(t *testing.T) {
	m, tb := trainTiny(t)
	sm := m.staticModel()
	configs := 0
	for _, g := range tb {
		toks := make([]nlp.Token, len(g.Tokens))
		for j, tk := range g.Tokens {
			toks[j] = nlp.Token{Text: tk.Text, UPOS: tk.UPOS, XPOS: tk.XPOS, Lemma: tk.Lemma, Head: -1}
		}
		st := newState()
		m.fill(st, toks, nil)
		m.staticSums(st)
		st.lscores = make([]float32, len(m.labels))
		for st.b < st.N {
			configs++
			all := slices.Clone(actFeats(st))
			if len(all) != 104 {
				t.Fatalf("sentence %s, configuration %d: %d transition features, want 104", g.ID, configs, len(all))
			}
			slices.Sort(all)
			if len(slices.Compact(all)) != 104 {
				t.Fatalf("sentence %s, configuration %d: a transition feature is made twice", g.ID, configs)
			}
			var want, got [nAct]int32
			m.act.score(actFeats(st), &want)
			m.act.score(dynFeats(st), &got)
			addStatic(st, sm, &got)
			if got != want {
				t.Fatalf("sentence %s, configuration %d: split scores %v, actFeats scores %v", g.ID, configs, got, want)
			}
			m.advance(st, &want)
		}
	}
	if configs < 100 {
		t.Fatalf("only %d configurations", configs)
	}
}
