package parse

import (
	"slices"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp"
)

// TestStaticSplit checks, in every configuration of greedy parses of the tiny treebank, that the
// dynamic features, the static ones of each role and the label and bias features are the features
// of actFeats, and that scoring them the split way gives the scores of actFeats.
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
			split := slices.Clone(dynFeats(st))
			roles, labs := staticAt(st)
			for r, j := range roles {
				split = roleFeats(st, j, r, split)
			}
			for k, j := range labs {
				split = append(split, fh(labTemplates[k], st.lab[j], 0, 0))
			}
			split = append(split, fh(biasTemplate, 0, 0, 0))
			slices.Sort(all)
			slices.Sort(split)
			if !slices.Equal(all, split) {
				t.Fatalf("sentence %s, configuration %d: %d features split, actFeats makes %d (or others)", g.ID, configs, len(split), len(all))
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
