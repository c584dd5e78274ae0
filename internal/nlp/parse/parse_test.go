package parse

import (
	"bytes"
	"github.com/dyad-events/dyad/internal/testenv"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

func readFile(t testing.TB, path string) []*conllu.Sentence {
	t.Helper()
	return testenv.ReadCoNLLU(t, path)
}

func trainTiny(t testing.TB) (*Model, []*conllu.Sentence) {
	t.Helper()
	tb := readFile(t, "testdata/tiny.conllu")
	m, err := Train(tb, TrainOptions{Iterations: 15, Seed: 1}, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	return m, tb
}

// parseAll parses copies of the gold sentences and returns the copies.
func parseAll(m *Model, gold []*conllu.Sentence) [][]nlp.Token {
	out := make([][]nlp.Token, len(gold))
	for i, g := range gold {
		toks := make([]nlp.Token, len(g.Tokens))
		for j, tk := range g.Tokens {
			toks[j] = nlp.Token{Text: tk.Text, UPOS: tk.UPOS, XPOS: tk.XPOS, Lemma: tk.Lemma, Head: -1}
		}
		s := nlp.Sentence{Tokens: toks}
		m.Parse(&s)
		out[i] = toks
	}
	return out
}

func TestTrainLearnsTinyTreebank(t *testing.T) {
	m, tb := trainTiny(t)
	var words, las int
	for i, toks := range parseAll(m, tb) {
		for j, tk := range toks {
			words++
			g := tb[i].Tokens[j]
			if tk.Head == g.Head && tk.Rel == g.Rel {
				las++
			} else {
				t.Logf("%s: %s: got %d %s, want %d %s", tb[i].ID, tk.Text, tk.Head, tk.Rel, g.Head, g.Rel)
			}
		}
	}
	// the perceptron separates its own small training set almost perfectly
	if las*100 < words*95 {
		t.Errorf("training-set LAS %d/%d, want at least 95%%", las, words)
	}
}

// TestTrainMixesRuns averages two training runs: the model must still fit the tiny treebank, differ
// from a single run, and be deterministic.
func TestTrainMixesRuns(t *testing.T) {
	tb := readFile(t, "testdata/tiny.conllu")
	train := func(runs int) []byte {
		m, err := Train(tb, TrainOptions{Iterations: 15, Seed: 1, Runs: runs}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := m.Save(&b); err != nil {
			t.Fatal(err)
		}
		var words, las int
		for i, toks := range parseAll(m, tb) {
			for j, tk := range toks {
				words++
				if g := tb[i].Tokens[j]; tk.Head == g.Head && tk.Rel == g.Rel {
					las++
				}
			}
		}
		if las*100 < words*95 {
			t.Errorf("%d runs: training-set LAS %d/%d, want at least 95%%", runs, las, words)
		}
		return b.Bytes()
	}
	one, two, again := train(1), train(2), train(2)
	if bytes.Equal(one, two) {
		t.Error("two averaged runs give the same model as one run")
	}
	if !bytes.Equal(two, again) {
		t.Error("two trainings of two runs with the same seed give different models")
	}
}

func TestParseMakesTrees(t *testing.T) {
	m, tb := trainTiny(t)
	// unseen words, odd tags, one-word and long sentences must still give one rooted tree
	inputs := [][]string{
		{"Hello"},
		{"Zorblax", "quibbled", "furiously", "with", "the", "glorp", "!"},
		{"and", "and", "and", "and", "and", "and", "and", "and", "and", "."},
	}
	for _, words := range inputs {
		s := oddlyTagged(words)
		m.Parse(&s)
		checkTree(t, &s)
	}
	for _, toks := range parseAll(m, tb) {
		checkTree(t, &nlp.Sentence{Tokens: toks})
	}
}

// checkTree fails unless s is a tree with exactly one root labelled "root".
func checkTree(t *testing.T, s *nlp.Sentence) {
	t.Helper()
	roots := 0
	for i, tk := range s.Tokens {
		if tk.Rel == "" {
			t.Errorf("token %d %q has no relation", i, tk.Text)
		}
		if tk.Head == -1 {
			roots++
			if tk.Rel != "root" {
				t.Errorf("root token %q has relation %q", tk.Text, tk.Rel)
			}
			continue
		}
		if tk.Rel == "root" {
			t.Errorf("non-root token %q has relation root", tk.Text)
		}
		h, n := i, 0
		for h != -1 && n <= len(s.Tokens) {
			h = s.Tokens[h].Head
			n++
		}
		if h != -1 {
			t.Errorf("token %d %q does not reach the root", i, tk.Text)
		}
	}
	if roots != 1 {
		t.Errorf("%d roots, want 1", roots)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	m, tb := trainTiny(t)
	var b1 bytes.Buffer
	if err := m.Save(&b1); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var b2 bytes.Buffer
	if err := m2.Save(&b2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Errorf("saving a loaded model gives %d bytes, the original %d", b2.Len(), b1.Len())
	}
	p1, p2 := parseAll(m, tb), parseAll(m2, tb)
	for i := range p1 {
		for j := range p1[i] {
			if p1[i][j].Head != p2[i][j].Head || p1[i][j].Rel != p2[i][j].Rel {
				t.Errorf("%s word %d: trained model %d %s, loaded model %d %s", tb[i].ID, j,
					p1[i][j].Head, p1[i][j].Rel, p2[i][j].Head, p2[i][j].Rel)
			}
		}
	}
}

// modelBytes returns the model file m saves.
func modelBytes(t *testing.T, m *Model) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := m.Save(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestTrainIsDeterministic(t *testing.T) {
	m1, _ := trainTiny(t)
	m2, _ := trainTiny(t)
	if !bytes.Equal(modelBytes(t, m1), modelBytes(t, m2)) {
		t.Error("two trainings with the same seed give different models")
	}
}

func TestLoadRejectsDamagedModels(t *testing.T) {
	m, _ := trainTiny(t)
	var b bytes.Buffer
	if err := m.Save(&b); err != nil {
		t.Fatal(err)
	}
	full := b.Bytes()
	for _, n := range []int{0, 5, len(magic), len(magic) + 3, len(full) / 2, len(full) - 1} {
		if _, err := Load(bytes.NewReader(full[:n])); err == nil {
			t.Errorf("Load of the first %d of %d bytes succeeded", n, len(full))
		}
	}
}

func TestTrainRejectsEmptyTreebank(t *testing.T) {
	bad := []*conllu.Sentence{{Tokens: []nlp.Token{{Text: "x", Head: 5, Rel: "dep"}}}}
	if _, err := Train(bad, TrainOptions{Iterations: 1}, nil); err == nil {
		t.Error("Train on a treebank without a usable tree succeeded")
	}
}

func TestProjectivize(t *testing.T) {
	tests := []struct {
		name       string
		heads, out []int32 // index 0 unused
		changed    bool
	}{
		{"projective", []int32{0, 2, 0, 2}, []int32{0, 2, 0, 2}, false},
		// the arc 3 -> 1 spans word 2, which hangs from 4: word 1 is lifted to 3's head, 4
		{"one lift", []int32{0, 3, 4, 4, 0}, []int32{0, 4, 4, 4, 0}, true},
		// 2 -> 4 (shortest) spans 3, a root dependent: 4 goes to 2's head 5; then 5 -> 2 still spans
		// 3, so 2 goes to 5's head 3
		{"two lifts", []int32{0, 3, 5, 0, 2, 3}, []int32{0, 3, 3, 0, 5, 3}, true},
	}
	for _, tt := range tests {
		h := append([]int32(nil), tt.heads...)
		if got := projectivize(h); got != tt.changed {
			t.Errorf("%s: changed = %v, want %v", tt.name, got, tt.changed)
		}
		for i := range h {
			if h[i] != tt.out[i] {
				t.Errorf("%s: heads %v, want %v", tt.name, h, tt.out)
				break
			}
		}
	}
}

// TestOracleReachesGold follows the dynamic oracle's zero-cost transitions from the initial state:
// on a projective tree they must rebuild it exactly.
func TestOracleReachesGold(t *testing.T) {
	tb := readFile(t, "testdata/tiny.conllu")
	for _, s := range tb {
		st := newState()
		st.reset(len(s.Tokens))
		st.gold = make([]int32, st.N+1)
		for i, tk := range s.Tokens {
			st.gold[i+1] = int32(tk.Head + 1)
		}
		st.gold[0], st.gold[st.N] = st.N, st.N
		for st.b < st.N {
			v := st.valid()
			c := st.costs(v)
			a := -1
			for i := 0; i < nAct; i++ {
				if v[i] && c[i] == 0 {
					a = i
					break
				}
			}
			if a < 0 {
				t.Fatalf("%s: no zero-cost transition (valid %v, costs %v)", s.ID, v, c)
			}
			st.apply(a, 0)
		}
		for i := range s.Tokens {
			if got, want := st.head[i+1], st.gold[i+1]; got != want {
				t.Errorf("%s: word %d head %d, want %d", s.ID, i+1, got, want)
			}
		}
	}
}

func FuzzLoad(f *testing.F) {
	m, _ := trainTiny(f)
	var b bytes.Buffer
	if err := m.Save(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte(magic))
	f.Add([]byte(magic + "\x01\x01a\x00\x00\x00\x01\x04root\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			return
		}
		// a model that loads must parse without panicking
		s := nlp.Sentence{Tokens: []nlp.Token{{Text: "a", XPOS: "DT"}, {Text: "b", XPOS: "NN"}}}
		m.Parse(&s)
	})
}

// oddlyTagged makes a sentence of words the model has no tags for (every word X/FW).
func oddlyTagged(words []string) nlp.Sentence {
	toks := make([]nlp.Token, len(words))
	for i, w := range words {
		toks[i] = nlp.Token{Text: w, UPOS: "X", XPOS: "FW", Lemma: w}
	}
	return nlp.Sentence{Tokens: toks}
}
