package tokenize

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp"
)

// selfDocs makes training documents of the testdata texts with the embedded model's sentences as
// gold.
func selfDocs(t *testing.T) []nlp.Doc {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	tok := New()
	var docs []nlp.Doc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, nlp.Doc{Text: string(b), Sentences: tok.Tokenize(string(b))})
	}
	return docs
}

func TestTrainSegmenterSaveLoad(t *testing.T) {
	docs := selfDocs(t)
	m, err := TrainSegmenter(docs, SegTrainOptions{Iterations: 20, Seed: 3, Augment: true, Prune: -1}, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	// the model learns its training documents
	tok := NewWithModel(m)
	for _, d := range docs {
		got := tok.Tokenize(d.Text)
		if len(got) != len(d.Sentences) {
			t.Errorf("trained model finds %d sentences in a training text of %d", len(got), len(d.Sentences))
		}
	}
	// a saved model loads back and tokenizes alike (weights are quantized, so compare outputs)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := LoadSegModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m.abbrevs, m2.abbrevs) || !reflect.DeepEqual(m.ortho, m2.ortho) ||
		len(m.weights) != len(m2.weights) {
		t.Errorf("loaded model differs: %d/%d abbreviations, %d/%d words, %d/%d weights", len(m.abbrevs),
			len(m2.abbrevs), len(m.ortho), len(m2.ortho), len(m.weights), len(m2.weights))
	}
	tok2 := NewWithModel(m2)
	for _, d := range docs {
		if a, b := tok.Tokenize(d.Text), tok2.Tokenize(d.Text); !reflect.DeepEqual(a, b) {
			t.Errorf("loaded model tokenizes differently: %d vs %d sentences", len(a), len(b))
		}
	}
	if _, err := TrainSegmenter(nil, SegTrainOptions{}, nil); err == nil {
		t.Error("training on nothing: no error")
	}
}

func TestEmbeddedModel(t *testing.T) {
	m, err := LoadSegModel(strings.NewReader(segmenterBin))
	if err != nil {
		t.Fatal(err)
	}
	if a, w := m.Size(); w < 1000 || len(m.ortho) < 1000 {
		t.Errorf("embedded model is small: %d abbreviations, %d weights, %d words", a, w, len(m.ortho))
	}
	for _, bad := range []string{"", "dyad-seg 1\n", modelMagic, modelMagic + "\x01\x00\x00\x00\x05ab", segmenterBin[:len(segmenterBin)/2]} {
		if _, err := LoadSegModel(strings.NewReader(bad)); err == nil {
			t.Errorf("LoadSegModel(%q...) gave no error", bad[:min(len(bad), 20)])
		}
	}
}

func TestLayout(t *testing.T) {
	for _, c := range []struct {
		text  string
		style byte
		max   int
	}{
		{"one line", 0, 8},
		{"two\nlines here", 1, 10},
		{"para\n\nnext", 2, 4},
		{"para\n \t\nnext", 2, 4},
		{"a\r\n\r\nb", 2, 2},
	} {
		if s, m := layout(c.text), maxLine(c.text); s != c.style || m != c.max {
			t.Errorf("%q: layout %d maxLine %d, want %d %d", c.text, s, m, c.style, c.max)
		}
	}
}

// TestTrack checks the sentence state that the segmenter's features read: brackets and curly
// quotes left open, straight double quotes, and the line of the current token.
func TestTrack(t *testing.T) {
	for _, c := range []struct {
		text       string
		depth      []byte // after each token
		dquote     []byte
		lineStarts []int
		lineEnds   []int
	}{
		{"He said (twice) it.", []byte{0, 0, 1, 1, 0, 0, 0}, []byte{0, 0, 0, 0, 0, 0, 0},
			[]int{0, 0, 0, 0, 0, 0, 0}, []int{19, 19, 19, 19, 19, 19, 19}},
		{`a "b" ((c`, []byte{0, 0, 0, 0, 1, 2, 2}, []byte{0, 1, 1, 0, 0, 0, 0},
			[]int{0, 0, 0, 0, 0, 0, 0}, []int{9, 9, 9, 9, 9, 9, 9}},
		{"one\ntwo three\n\nfour", []byte{0, 0, 0, 0}, []byte{0, 0, 0, 0},
			[]int{0, 4, 4, 15}, []int{3, 13, 13, 19}},
		{"“Yes” ) )", []byte{1, 1, 0, 0, 0}, []byte{0, 0, 0, 0, 0}, []int{0, 0, 0, 0, 0}, []int{13, 13, 13, 13, 13}},
	} {
		toks := New().Words(c.text)
		if len(toks) != len(c.depth) {
			t.Fatalf("%q: %d tokens, want %d", c.text, len(toks), len(c.depth))
		}
		st := ctx{text: c.text, lineEnd: -1}
		for i := range toks {
			st.track(&toks[i])
			if st.depth != c.depth[i] || st.dquote != c.dquote[i] || st.lineStart != c.lineStarts[i] ||
				st.lineEnd != c.lineEnds[i] {
				t.Errorf("%q after %q: depth %d dquote %d line [%d,%d), want %d %d [%d,%d)", c.text, toks[i].Text,
					st.depth, st.dquote, st.lineStart, st.lineEnd, c.depth[i], c.dquote[i], c.lineStarts[i],
					c.lineEnds[i])
			}
		}
		st.newSentence()
		if st.depth != 0 || st.dquote != 0 {
			t.Errorf("%q: newSentence left depth %d dquote %d", c.text, st.depth, st.dquote)
		}
	}
}

// TestCasualness checks the punctuation-habit bits of whole texts and the first token class of
// each line that track records.
func TestCasualness(t *testing.T) {
	for _, c := range []struct {
		text string
		want byte
	}{
		{"The minister arrived on Monday. Talks began at noon. They ended late.", 0},
		{"", 0},
		{"great food and nice staff would go again for sure and the prices are fine too", 1},
		{"Great food. I think i liked it. The staff were kind and the bill was small.", 2},
		{"It was fine. not great. The soup was cold. the bread was hard. Never again.", 4},
		{"ok so i went there on friday and it was closed and nobody told us why so we walked home in the rain and then we ate cold pizza and watched tv until very late at night and slept badly lol. whatever", 1 | 2 | 4},
	} {
		if got := casualness(New().Words(c.text)); got != c.want {
			t.Errorf("casualness(%q) = %d, want %d", c.text, got, c.want)
		}
	}
	text := "Hello there\n- one item\n3 more\nend"
	toks := New().Words(text)
	st := ctx{text: text, lineEnd: -1}
	var firsts []byte
	for i := range toks {
		st.track(&toks[i])
		firsts = append(firsts, st.lineFirst)
	}
	if got, want := string(firsts), "WW---ddwww"[:len(toks)]; got != want {
		t.Errorf("line-first classes %q, want %q", got, want)
	}
}

func TestWrapped(t *testing.T) {
	d := selfDocs(t)[0]
	w := wrapped(d, 40, 1)
	if strings.Count(w.Text, "\n") <= strings.Count(d.Text, "\n") {
		t.Errorf("wrapping added no line breaks")
	}
	for i, s := range w.Sentences {
		for j, x := range s.Tokens {
			if w.Text[x.Start:x.End] != x.Text || x.Text != d.Sentences[i].Tokens[j].Text {
				t.Fatalf("token %q moved to %d:%d = %q", x.Text, x.Start, x.End, w.Text[x.Start:x.End])
			}
		}
	}
	for _, line := range strings.Split(w.Text, "\n") {
		if len(line) > 40 && strings.Contains(line, " ") && !strings.Contains(line[:41], " ") {
			t.Errorf("line longer than 40 bytes with an earlier space: %q", line)
		}
	}
}

func FuzzLoadSegModel(f *testing.F) {
	f.Add(segmenterBin[:200])
	f.Add(modelMagic + "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x3f\x02\x00\x00\x00\x05\x7f\x03\x81")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := LoadSegModel(strings.NewReader(s))
		if err == nil {
			NewWithModel(m).Tokenize("A test. Another one.")
		}
	})
}
