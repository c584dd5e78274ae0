package tag

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"github.com/dyad-events/dyad/internal/testenv"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func readTiny(t testing.TB) []*conllu.Sentence {
	t.Helper()
	return testenv.ReadCoNLLU(t, "testdata/tiny.conllu")
}

func trainTiny(t testing.TB) *Model {
	t.Helper()
	m, err := Train(readTiny(t), TrainOptions{Iterations: 10, Seed: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sentence makes an untagged sentence of the space-separated words.
func sentence(words string) nlp.Sentence {
	var s nlp.Sentence
	for _, w := range strings.Fields(words) {
		s.Tokens = append(s.Tokens, nlp.Token{Text: w, Head: -1})
	}
	return s
}

func TestTrainTiny(t *testing.T) {
	tiny := readTiny(t)
	var lines []string
	m, err := Train(tiny, TrainOptions{Iterations: 10, Seed: 1}, func(f string, a ...any) {
		lines = append(lines, fmt.Sprintf(f, a...))
	})
	if err != nil {
		t.Fatal(err)
	}
	iters := 0
	for _, l := range lines {
		if strings.Contains(l, "iteration") {
			iters++
		}
	}
	if iters != 10 || !strings.Contains(lines[len(lines)-1], "classes") {
		t.Errorf("want a log line per iteration and a summary, got %q", lines)
	}
	if u, x := Accuracy(m, tiny); u < 0.97 || x < 0.97 {
		t.Errorf("accuracy on the training sentences: UPOS %.3f XPOS %.3f, want >= 0.97", u, x)
	}
	// A word the tagger never saw takes a tag from its suffix and context.
	s := sentence("The ministers were arrested in Cairo .")
	m.Tag(&s)
	for i, want := range []string{"DT", "NNS", "VBD", "VBN", "IN", "NNP", "."} {
		if got := s.Tokens[i].XPOS; got != want {
			t.Errorf("%s: XPOS %s, want %s", s.Tokens[i].Text, got, want)
		}
	}
}

func TestTrainErrors(t *testing.T) {
	if _, err := Train(nil, TrainOptions{}, nil); err == nil {
		t.Error("Train(nil): no error")
	}
	empty := []*conllu.Sentence{{Tokens: []nlp.Token{}}}
	if _, err := Train(empty, TrainOptions{}, nil); err == nil {
		t.Error("Train(empty sentence): no error")
	}
}

func TestSaveLoad(t *testing.T) {
	tiny := readTiny(t)
	m := trainTiny(t)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	saved := slices.Clone(buf.Bytes())
	m2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range tiny {
		a, b := g.NLP(), g.NLP()
		a.Tokens, b.Tokens = slices.Clone(a.Tokens), slices.Clone(b.Tokens)
		m.Tag(&a)
		m2.Tag(&b)
		if !slices.Equal(a.Tokens, b.Tokens) {
			t.Errorf("sentence %s: loaded model tags differently", g.ID)
		}
	}
	var again bytes.Buffer
	if err := m2.Save(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(saved, again.Bytes()) {
		t.Error("saving a loaded model gives different bytes")
	}
	if _, err := Load(bytes.NewReader(saved[:len(saved)/2])); err == nil {
		t.Error("Load of a truncated model: no error")
	}
	if _, err := Load(strings.NewReader("not a model")); err == nil {
		t.Error("Load of text: no error")
	}
}

func TestTagEdgeCases(t *testing.T) {
	m := trainTiny(t)
	var empty nlp.Sentence
	m.Tag(&empty) // must not panic
	long := sentence(strings.Repeat("the talks were productive , ", 40) + ".")
	m.Tag(&long)
	for i, tk := range long.Tokens {
		if tk.UPOS == "" || tk.XPOS == "" {
			t.Fatalf("token %d %q of a %d-token sentence left untagged", i, tk.Text, len(long.Tokens))
		}
	}
	odd := sentence("Ünïcödé 3.5% @user https://x.org/a?b=c ... ——")
	odd.Tokens = append(odd.Tokens, nlp.Token{Text: ""}, nlp.Token{Text: "\xff\xfe"})
	m.Tag(&odd)
	for _, tk := range odd.Tokens {
		if tk.XPOS == "" {
			t.Errorf("%q untagged", tk.Text)
		}
	}
}

// TestTagConcurrent tags from several goroutines at once (run with -race to check for data races).
func TestTagConcurrent(t *testing.T) {
	m := trainTiny(t)
	want := sentence("The rebels were arrested in Geneva .")
	m.Tag(&want)
	errs := make(chan string, 8)
	for range 8 {
		go func() {
			for range 50 {
				s := sentence("The rebels were arrested in Geneva .")
				m.Tag(&s)
				if !slices.Equal(s.Tokens, want.Tokens) {
					errs <- fmt.Sprint(s.Tokens)
					return
				}
			}
			errs <- ""
		}()
	}
	for range 8 {
		if e := <-errs; e != "" {
			t.Errorf("concurrent tagging gave %s, want %v", e, want.Tokens)
		}
	}
}

// TestTagNews checks key tags of the committed model on news-style sentences.
func TestTagNews(t *testing.T) {
	m := loadModelFile(t)
	for _, c := range []struct {
		words string
		want  map[int]string // token index → "UPOS/XPOS" or "XPOS"
	}{
		{"The bridge was destroyed by rebel forces on Sunday .", map[int]string{2: "AUX/VBD", 3: "VERB/VBN", 4: "ADP/IN", 8: "PROPN/NNP"}},
		{"Rebel forces destroyed the bridge on Sunday .", map[int]string{2: "VERB/VBD"}},
		{"Angela Merkel met Emmanuel Macron in Berlin .", map[int]string{0: "NNP", 1: "NNP", 2: "VBD", 3: "NNP", 4: "NNP", 6: "NNP"}},
		{"Iran could retaliate against the strikes .", map[int]string{0: "PROPN/NNP", 1: "AUX/MD", 2: "VERB/VB", 5: "NNS"}},
		{"The ministry did not confirm the report .", map[int]string{2: "AUX/VBD", 3: "PART/RB", 4: "VERB/VB"}},
		{"The minister has resigned .", map[int]string{2: "AUX/VBZ", 3: "VERB/VBN"}},
		{"Several protesters were injured when police fired tear gas .", map[int]string{2: "AUX/VBD", 3: "VBN", 4: "WRB", 6: "VBD"}},
		{"Hamas said it would not accept the proposal .", map[int]string{0: "NNP", 1: "VBD", 2: "PRP", 3: "MD", 4: "PART/RB", 5: "VB"}},
		{"The talks are expected to resume on Monday .", map[int]string{2: "AUX/VBP", 3: "VBN", 4: "PART/TO", 5: "VB"}},
		{"Russia 's foreign minister will visit China .", map[int]string{1: "PART/POS", 4: "MD", 6: "NNP"}},
	} {
		s := sentence(c.words)
		m.Tag(&s)
		for i, want := range c.want {
			tk := s.Tokens[i]
			got := tk.XPOS
			if strings.Contains(want, "/") {
				got = tk.UPOS + "/" + tk.XPOS
			}
			if got != want {
				t.Errorf("%q: %s is %s, want %s", c.words, tk.Text, got, want)
			}
		}
	}
}

// TestTagGolden tags testdata/news.txt with the committed model and compares with news.golden.
func TestTagGolden(t *testing.T) {
	m := loadModelFile(t)
	in, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(in))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		s := sentence(line)
		m.Tag(&s)
		for i, tk := range s.Tokens {
			if i > 0 {
				out.WriteByte(' ')
			}
			fmt.Fprintf(&out, "%s/%s/%s", tk.Text, tk.UPOS, tk.XPOS)
		}
		out.WriteByte('\n')
	}
	testenv.Golden(t, "testdata/news.golden", out.Bytes(), *update)
}

func FuzzLoad(f *testing.F) {
	var buf bytes.Buffer
	if err := trainTiny(f).Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(magic))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			return
		}
		s := sentence("The talks were held in Geneva .")
		m.Tag(&s)
		var out bytes.Buffer
		if err := m.Save(&out); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkTagNews tags the sentences of testdata/news.txt with the committed model.
func BenchmarkTagNews(b *testing.B) {
	m := loadModelFile(b)
	in, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	var sents []nlp.Sentence
	for _, line := range strings.Split(string(in), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			sents = append(sents, sentence(line))
		}
	}
	testenv.BenchTokens(b, sents, m.Tag)
}

func TestSecondPass(t *testing.T) {
	tiny := readTiny(t)
	m, err := Train(tiny, TrainOptions{Iterations: 10, Seed: 1, SecondPass: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.w2.ent) == 0 {
		t.Fatal("no second-pass weights")
	}
	if u, x := Accuracy(m, tiny); u < 0.97 || x < 0.97 {
		t.Errorf("accuracy on the training sentences: UPOS %.3f XPOS %.3f, want >= 0.97", u, x)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	a, b := sentence("The envoys were expected in Geneva ."), sentence("The envoys were expected in Geneva .")
	m.Tag(&a)
	m2.Tag(&b)
	if !slices.Equal(a.Tokens, b.Tokens) {
		t.Errorf("loaded two-pass model tags differently: %v vs %v", a.Tokens, b.Tokens)
	}
}
