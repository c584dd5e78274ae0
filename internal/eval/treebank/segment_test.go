package treebank_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/eval/treebank"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

// segConllu is a small treebank written for these tests: two documents, a paragraph break, a
// multiword token and a sentence without "# text".
const segConllu = `# newdoc id = d1
# newpar
# sent_id = 1
# text = Talks failed.
1	Talks	talk	NOUN	NNS	_	2	nsubj	_	_
2	failed	fail	VERB	VBD	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	_	_

# sent_id = 2
# text = Iran's envoy left.
1-2	Iran's	_	_	_	_	_	_	_	_
1	Iran	Iran	PROPN	NNP	_	3	nmod:poss	_	_
2	's	's	PART	POS	_	1	case	_	_
3	envoy	envoy	NOUN	NN	_	4	nsubj	_	_
4	left	leave	VERB	VBD	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

# newpar
# sent_id = 3
# text = New paragraph
1	New	new	ADJ	JJ	_	2	amod	_	_
2	paragraph	paragraph	NOUN	NN	_	0	root	_	_

# newdoc id = d2
# sent_id = 4
1	Hi	hi	INTJ	UH	_	0	root	_	SpaceAfter=No
2	!	!	PUNCT	.	_	1	punct	_	_

`

func segGold(t testing.TB) []*conllu.Sentence {
	t.Helper()
	g, err := conllu.ReadAll(strings.NewReader(segConllu), "test")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// segSpans renders a document's sentences and tokens as text with their spans.
func segSpans(d nlp.Doc) string {
	var b strings.Builder
	for _, s := range d.Sentences {
		fmt.Fprintf(&b, "[%d,%d)", s.Start, s.End)
		for _, t := range s.Tokens {
			fmt.Fprintf(&b, " %s@%d-%d", t.Text, t.Start, t.End)
			if d.Text[t.Start:t.End] != t.Text {
				b.WriteString("!MISMATCH")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestDocuments(t *testing.T) {
	for _, c := range []struct {
		join  treebank.Join
		texts []string
		spans []string
	}{
		{treebank.JoinParagraphs,
			[]string{"Talks failed. Iran's envoy left.\nNew paragraph", "Hi!"},
			[]string{"[0,13) Talks@0-5 failed@6-12 .@12-13\n" +
				"[14,32) Iran@14-18 's@18-20 envoy@21-26 left@27-31 .@31-32\n" +
				"[33,46) New@33-36 paragraph@37-46\n",
				"[0,3) Hi@0-2 !@2-3\n"}},
		{treebank.JoinSpace,
			[]string{"Talks failed. Iran's envoy left. New paragraph", "Hi!"}, nil},
	} {
		docs := treebank.Documents(segGold(t), c.join)
		if len(docs) != len(c.texts) {
			t.Fatalf("join %d: %d documents, want %d", c.join, len(docs), len(c.texts))
		}
		for i, d := range docs {
			if d.Text != c.texts[i] {
				t.Errorf("join %d: document %d text %q, want %q", c.join, i, d.Text, c.texts[i])
			}
			if got := segSpans(d); strings.Contains(got, "MISMATCH") || c.spans != nil && got != c.spans[i] {
				t.Errorf("join %d: document %d spans\n%s\nwant\n%s", c.join, i, got, c.spans[i])
			}
		}
	}
}

// segFunc adapts a function to treebank.Tokenizer.
type segFunc func(string) []nlp.Sentence

func (f segFunc) Tokenize(s string) []nlp.Sentence { return f(s) }

// segWhitespace makes tokens of white-space separated chunks and a sentence of each line.
func segWhitespace(text string) []nlp.Sentence {
	var out []nlp.Sentence
	var cur nlp.Sentence
	flush := func() {
		if len(cur.Tokens) > 0 {
			cur.Start, cur.End = cur.Tokens[0].Start, cur.Tokens[len(cur.Tokens)-1].End
			out = append(out, cur)
		}
		cur = nlp.Sentence{}
	}
	start := -1
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == ' ' || text[i] == '\n' {
			if start >= 0 {
				cur.Tokens = append(cur.Tokens, nlp.Token{Text: text[start:i], Start: start, End: i})
				start = -1
			}
			if i == len(text) || text[i] == '\n' {
				flush()
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}

func TestSegmentDocs(t *testing.T) {
	docs := treebank.Documents(segGold(t), treebank.JoinParagraphs)
	for _, c := range []struct {
		name        string
		tok         treebank.Tokenizer
		sents, toks treebank.PRF
	}{
		{"gold", segFunc(func(s string) []nlp.Sentence {
			for _, d := range docs {
				if d.Text == s {
					return d.Sentences
				}
			}
			return nil
		}), treebank.NewPRF(4, 4, 4), treebank.NewPRF(12, 12, 12)},
		// lines as sentences: "New paragraph" and "Hi!" are right; white-space chunks as
		// tokens: Talks, envoy, New and paragraph are right, "failed." "Iran's" "left." "Hi!" not
		{"whitespace", segFunc(segWhitespace), treebank.NewPRF(4, 3, 2), treebank.NewPRF(12, 8, 4)},
		{"nothing", segFunc(func(string) []nlp.Sentence { return nil }), treebank.NewPRF(4, 0, 0),
			treebank.NewPRF(12, 0, 0)},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := treebank.SegmentDocs(docs, c.tok)
			if got.Docs != 2 || got.Sentences != c.sents || got.Tokens != c.toks {
				t.Errorf("got %d docs, sentences %+v, tokens %+v; want 2, %+v, %+v", got.Docs, got.Sentences,
					got.Tokens, c.sents, c.toks)
			}
		})
	}
}

func TestNewPRF(t *testing.T) {
	for _, c := range []struct {
		gold, pred, correct int
		p, r, f             float64
	}{
		{10, 10, 10, 1, 1, 1},
		{10, 5, 5, 1, 0.5, 2.0 / 3},
		{4, 8, 2, 0.25, 0.5, 1.0 / 3},
		{0, 0, 0, 0, 0, 0},
		{3, 0, 0, 0, 0, 0},
	} {
		s := treebank.NewPRF(c.gold, c.pred, c.correct)
		if !segClose(s.P, c.p) || !segClose(s.R, c.r) || !segClose(s.F1, c.f) {
			t.Errorf("NewPRF(%d, %d, %d) = %+v, want P %g R %g F1 %g", c.gold, c.pred, c.correct, s, c.p, c.r, c.f)
		}
	}
	if s := treebank.NewPRF(1, 2, 1).Add(treebank.NewPRF(3, 2, 1)); s != treebank.NewPRF(4, 4, 2) {
		t.Errorf("Add = %+v", s)
	}
}

func segClose(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// FuzzDocuments checks that any words and text give spans inside the document, in order.
func FuzzDocuments(f *testing.F) {
	f.Add("Iran's envoy left.", "Iran 's envoy left .")
	f.Add("gonna go", "gon na go")
	f.Add("cannot", "can not x y")
	f.Add("", "a")
	f.Fuzz(func(t *testing.T, text, words string) {
		s := &conllu.Sentence{Text: text, NewDoc: true}
		for _, w := range strings.Fields(words) {
			s.Tokens = append(s.Tokens, nlp.Token{Text: w})
		}
		for _, d := range treebank.Documents([]*conllu.Sentence{s}, treebank.JoinParagraphs) {
			prev := 0
			for _, x := range d.Sentences[0].Tokens {
				if x.Start < prev || x.End < x.Start || x.End > len(d.Text) {
					t.Fatalf("token %+v out of order or bounds in %q", x, d.Text)
				}
				prev = x.End
			}
		}
	})
}

func ExampleSegmentation() {
	gold, _ := conllu.ReadAll(strings.NewReader(segConllu), "example")
	// a tokenizer that makes one sentence of each line and one token of each white-space chunk
	tok := segFunc(segWhitespace)
	sc := treebank.Segmentation(gold, tok)
	fmt.Printf("sentences F1 %.2f, tokens F1 %.2f\n", sc.Sentences.F1, sc.Tokens.F1)
	// Output: sentences F1 0.57, tokens F1 0.40
}
