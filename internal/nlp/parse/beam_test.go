package parse

import (
	"bytes"
	"encoding/binary"
	"sync"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

func trainTinyBeam(t testing.TB, k int) (*Model, []*conllu.Sentence) {
	t.Helper()
	tb := readFile(t, "testdata/tiny.conllu")
	m, err := Train(tb, TrainOptions{Iterations: 10, Seed: 1, Beam: k}, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	return m, tb
}

// las returns the labelled attachment score of the parses of the gold sentences, in percent.
func las(gold []*conllu.Sentence, parsed [][]nlp.Token) float64 {
	var words, ok int
	for i, toks := range parsed {
		for j, tk := range toks {
			words++
			if g := gold[i].Tokens[j]; tk.Head == g.Head && tk.Rel == g.Rel {
				ok++
			}
		}
	}
	return 100 * float64(ok) / float64(words)
}

// TestBeamTrainLearnsTinyTreebank trains with a beam of 4: the model keeps its width, fits its
// training set, makes trees, and is deterministic.
func TestBeamTrainLearnsTinyTreebank(t *testing.T) {
	m, tb := trainTinyBeam(t, 4)
	if m.Width() != 4 {
		t.Errorf("Width() = %d, want 4", m.Width())
	}
	if got := las(tb, parseAll(m, tb)); got < 95 {
		t.Errorf("training-set LAS %.1f with a beam of 4, want at least 95", got)
	}
	for _, toks := range parseAll(m, tb) {
		checkTree(t, &nlp.Sentence{Tokens: toks})
	}
	m2, _ := trainTinyBeam(t, 4)
	b1 := modelBytes(t, m)
	if !bytes.Equal(b1, modelBytes(t, m2)) {
		t.Error("two beam trainings with the same seed give different models")
	}
	g, _ := trainTiny(t)
	if bytes.Equal(b1, modelBytes(t, g)) {
		t.Error("beam training gives the greedy model")
	}
}

// TestBeamOfOneIsGreedy: a beam of one configuration must make the greedy parser's choices.
func TestBeamOfOneIsGreedy(t *testing.T) {
	for _, k := range []int{0, 4} {
		m, tb := trainTinyBeam(t, k)
		for _, g := range tb {
			toks := func() []nlp.Token {
				out := make([]nlp.Token, len(g.Tokens))
				for j, tk := range g.Tokens {
					out[j] = nlp.Token{Text: tk.Text, UPOS: tk.UPOS, XPOS: tk.XPOS, Lemma: tk.Lemma, Head: -1}
				}
				return out
			}
			a, b := nlp.Sentence{Tokens: toks()}, nlp.Sentence{Tokens: toks()}
			m.parseGreedy(&a)
			m.beamSearch(&b, 1)
			for j := range a.Tokens {
				if a.Tokens[j].Head != b.Tokens[j].Head || a.Tokens[j].Rel != b.Tokens[j].Rel {
					t.Errorf("trained with beam %d: %s word %d: greedy %d %s, beam of 1 %d %s", k, g.ID, j,
						a.Tokens[j].Head, a.Tokens[j].Rel, b.Tokens[j].Head, b.Tokens[j].Rel)
				}
			}
		}
	}
}

// TestParseUsesBeam checks that Model.Beam chooses the search: on unseen, oddly tagged sentences a
// wide beam and greedy parsing must both give trees, and Beam 0 must follow Width.
func TestParseUsesBeam(t *testing.T) {
	m, tb := trainTinyBeam(t, 4)
	words := []string{"Zorblax", "quibbled", "furiously", "with", "the", "glorp", "of", "the", "norn", "."}
	for _, k := range []int{0, 1, 2, 4, 16} {
		m.Beam = k
		s := oddlyTagged(words)
		m.Parse(&s)
		checkTree(t, &s)
	}
	m.Beam = 0
	def := parseAll(m, tb)
	m.Beam = 4
	four := parseAll(m, tb)
	for i := range def {
		for j := range def[i] {
			if def[i][j] != four[i][j] {
				t.Fatalf("Beam 0 and Beam 4 (the model's width) differ on %s word %d", tb[i].ID, j)
			}
		}
	}
}

// TestLoadGreedyV4 reads a model in the format written before beam search (no width): it loads as
// a greedy model.
func TestLoadGreedyV4(t *testing.T) {
	m, tb := trainTiny(t)
	var b bytes.Buffer
	if err := m.Save(&b); err != nil {
		t.Fatal(err)
	}
	rest := b.Bytes()[len(magic):]
	w, n := binary.Uvarint(rest)
	if w != 1 || n != 1 {
		t.Fatalf("greedy model saved with width %d", w)
	}
	v4 := append([]byte(magicV4), rest[n:]...)
	m4, err := Load(bytes.NewReader(v4))
	if err != nil {
		t.Fatal(err)
	}
	if m4.Width() != 1 {
		t.Errorf("v4 model has width %d", m4.Width())
	}
	p, p4 := parseAll(m, tb), parseAll(m4, tb)
	for i := range p {
		for j := range p[i] {
			if p[i][j] != p4[i][j] {
				t.Fatalf("%s word %d: %v from the model, %v from its v4 copy", tb[i].ID, j, p[i][j], p4[i][j])
			}
		}
	}
}

// TestBeamConcurrent parses from several goroutines at once: each must get the sequential parses
// (the beams' scratch space is per call).
func TestBeamConcurrent(t *testing.T) {
	m, tb := trainTinyBeam(t, 4)
	want := parseAll(m, tb)
	got := make([][][]nlp.Token, 4)
	var wg sync.WaitGroup
	for g := range got {
		wg.Go(func() {
			for range 5 {
				got[g] = parseAll(m, tb)
			}
		})
	}
	wg.Wait()
	for g := range got {
		for i := range want {
			for j := range want[i] {
				if got[g][i][j] != want[i][j] {
					t.Fatalf("goroutine %d: %s word %d: %v, sequentially %v", g, tb[i].ID, j, got[g][i][j], want[i][j])
				}
			}
		}
	}
}
