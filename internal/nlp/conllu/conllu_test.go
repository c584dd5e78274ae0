package conllu

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp"
)

// row builds a CoNLL-U token line from its ten columns.
func row(cols ...string) string { return strings.Join(cols, "\t") + "\n" }

func TestRead(t *testing.T) {
	sent1 := "# newdoc id = d1\n# newpar\n# sent_id = s1\n# text = Talks collapsed.\n" +
		row("1", "Talks", "talk", "NOUN", "NNS", "Number=Plur", "2", "nsubj", "_", "_") +
		row("2", "collapsed", "collapse", "VERB", "VBD", "_", "0", "root", "_", "SpaceAfter=No") +
		row("3", ".", ".", "PUNCT", ".", "_", "2", "punct", "_", "_") + "\n"
	tests := []struct {
		name    string
		in      string
		want    []*Sentence // compared on ID, Text, NewDoc, NewPar and Tokens
		wantErr string      // substring of the error of the last Read, "" for io.EOF
	}{
		{name: "empty", in: ""},
		{name: "blank lines only", in: "\n\n  \n"},
		{
			name: "one sentence",
			in:   sent1,
			want: []*Sentence{{ID: "s1", Text: "Talks collapsed.", NewDoc: true, NewPar: true, Tokens: []nlp.Token{
				{Text: "Talks", Lemma: "talk", UPOS: "NOUN", XPOS: "NNS", Feats: "Number=Plur", Head: 1, Rel: "nsubj", SpaceAfter: true},
				{Text: "collapsed", Lemma: "collapse", UPOS: "VERB", XPOS: "VBD", Feats: "_", Head: -1, Rel: "root"},
				{Text: ".", Lemma: ".", UPOS: "PUNCT", XPOS: ".", Feats: "_", Head: 1, Rel: "punct", SpaceAfter: true},
			}}},
		},
		{
			name: "multiword token and empty node are skipped",
			in: "# sent_id = s2\n" +
				row("1-2", "don't", "_", "_", "_", "_", "_", "_", "_", "_") +
				row("1", "do", "do", "AUX", "VBP", "_", "3", "aux", "_", "_") +
				row("2", "n't", "not", "PART", "RB", "_", "3", "advmod", "_", "_") +
				row("3", "go", "go", "VERB", "VB", "_", "0", "root", "_", "_") +
				row("3.1", "went", "go", "VERB", "VBD", "_", "_", "_", "3:conj", "_"),
			want: []*Sentence{{ID: "s2", Tokens: []nlp.Token{
				{Text: "do", Lemma: "do", UPOS: "AUX", XPOS: "VBP", Feats: "_", Head: 2, Rel: "aux", SpaceAfter: true},
				{Text: "n't", Lemma: "not", UPOS: "PART", XPOS: "RB", Feats: "_", Head: 2, Rel: "advmod", SpaceAfter: true},
				{Text: "go", Lemma: "go", UPOS: "VERB", XPOS: "VB", Feats: "_", Head: -1, Rel: "root", SpaceAfter: true},
			}}},
		},
		{
			name: "comment-only block does not end a sentence",
			in:   "# newdoc\n\n" + sent1,
			want: []*Sentence{{ID: "s1", Text: "Talks collapsed.", NewDoc: true, NewPar: true}},
		},
		{
			name:    "wrong number of columns",
			in:      "1\tword\tword\n",
			wantErr: "in.conllu:1: want 10 tab-separated columns, got 3",
		},
		{
			name:    "bad id",
			in:      row("2", "a", "a", "DET", "DT", "_", "0", "root", "_", "_"),
			wantErr: `in.conllu:1: bad token id "2"`,
		},
		{
			name:    "bad head",
			in:      row("1", "a", "a", "DET", "DT", "_", "x", "root", "_", "_"),
			wantErr: `in.conllu:1: bad head "x"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.in), "in.conllu")
			var got []*Sentence
			var err error
			for {
				var s *Sentence
				s, err = r.Read()
				if err != nil {
					break
				}
				got = append(got, s)
			}
			if tt.wantErr == "" && err != io.EOF {
				t.Fatalf("error %v, want io.EOF", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%d sentences, want %d", len(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.ID != w.ID || g.Text != w.Text || g.NewDoc != w.NewDoc || g.NewPar != w.NewPar {
					t.Errorf("sentence %d: id %q text %q newdoc %v newpar %v, want %q %q %v %v",
						i, g.ID, g.Text, g.NewDoc, g.NewPar, w.ID, w.Text, w.NewDoc, w.NewPar)
				}
				if w.Tokens != nil && !reflect.DeepEqual(g.Tokens, w.Tokens) {
					t.Errorf("sentence %d tokens:\n got  %+v\n want %+v", i, g.Tokens, w.Tokens)
				}
			}
		})
	}
}

func TestReadGoesOnAfterAnError(t *testing.T) {
	in := row("1", "a", "b") + row("2", "x", "x", "X", "X", "_", "0", "root", "_", "_") + "\n" +
		row("1", "ok", "ok", "INTJ", "UH", "_", "0", "root", "_", "_")
	r := NewReader(strings.NewReader(in), "f")
	if _, err := r.Read(); err == nil || !strings.Contains(err.Error(), "f:1:") {
		t.Fatalf("first Read: error %v, want one at f:1", err)
	}
	s, err := r.Read()
	if err != nil || len(s.Tokens) != 1 || s.Tokens[0].Text != "ok" {
		t.Fatalf("second Read: %+v, %v; want the sentence after the bad one", s, err)
	}
	if _, err := r.Read(); err != io.EOF {
		t.Fatalf("third Read: %v, want io.EOF", err)
	}
}

func TestReadAllChecksHeads(t *testing.T) {
	in := "# sent_id = x\n" + row("1", "a", "a", "X", "X", "_", "5", "dep", "_", "_")
	_, err := ReadAll(strings.NewReader(in), "h.conllu")
	if err == nil || !strings.Contains(err.Error(), `h.conllu: sentence "x": head 5 out of range`) {
		t.Fatalf("error %v, want head out of range naming the file", err)
	}
}

func TestWrite(t *testing.T) {
	s := &nlp.Sentence{Tokens: []nlp.Token{
		{Text: "Iran", Lemma: "Iran", UPOS: "PROPN", XPOS: "NNP", Head: 1, Rel: "nsubj", SpaceAfter: true},
		{Text: "protested", Lemma: "protest", UPOS: "VERB", XPOS: "VBD", Head: -1, Rel: "root"},
		{Text: ".", Lemma: ".", UPOS: "PUNCT", XPOS: ".", Head: 1, Rel: "punct"},
		{Text: "x"},
	}}
	var b bytes.Buffer
	if err := Write(&b, "7", "Iran\nprotested.", s); err != nil {
		t.Fatal(err)
	}
	want := "# sent_id = 7\n# text = Iran protested.\n" +
		row("1", "Iran", "Iran", "PROPN", "NNP", "_", "2", "nsubj", "_", "_") +
		row("2", "protested", "protest", "VERB", "VBD", "_", "0", "root", "_", "SpaceAfter=No") +
		row("3", ".", ".", "PUNCT", ".", "_", "2", "punct", "_", "SpaceAfter=No") +
		row("4", "x", "_", "_", "_", "_", "_", "_", "_", "_") + "\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteReportsErrors(t *testing.T) {
	s := &nlp.Sentence{Tokens: []nlp.Token{{Text: "a"}}}
	if err := Write(failWriter{}, "", "", s); err == nil {
		t.Error("Write to a failing writer succeeded")
	}
}

func ExampleReader() {
	in := "# sent_id = 1\n# text = Protests spread.\n" +
		"1\tProtests\tprotest\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n" +
		"2\tspread\tspread\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n" +
		"3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
	r := NewReader(strings.NewReader(in), "example")
	s, err := r.Read()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.ID, s.Text)
	for i, t := range s.Tokens {
		fmt.Println(i, t.Text, t.Rel, t.Head)
	}
	// Output:
	// 1 Protests spread.
	// 0 Protests nsubj 1
	// 1 spread root -1
	// 2 . punct 1
}

// FuzzRead feeds arbitrary input to the reader: it must not panic, every sentence it returns must
// have tokens, and writing what it read and reading that back must be stable.
func FuzzRead(f *testing.F) {
	f.Add("# sent_id = s1\n# text = A b.\n" + row("1", "A", "a", "DET", "DT", "_", "2", "det", "_", "_") +
		row("2", "b", "b", "NOUN", "NN", "_", "0", "root", "_", "SpaceAfter=No") + "\n")
	f.Add(row("1-2", "x", "_", "_", "_", "_", "_", "_", "_", "_") + row("1", "x", "_", "_", "_", "_", "0", "root", "_", "_"))
	f.Add("# only a comment\n\n\n1\tx\n")
	f.Add(row("1", "x", "_", "_", "_", "_", "-1", "root", "_", "_"))
	f.Fuzz(func(t *testing.T, in string) {
		r := NewReader(strings.NewReader(in), "fuzz")
		for n := 0; n < 10000; n++ {
			s, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				if !strings.HasPrefix(err.Error(), "fuzz:") {
					t.Fatalf("error %q does not name the input", err)
				}
				continue
			}
			if len(s.Tokens) == 0 {
				t.Fatal("sentence without tokens")
			}
			if len(s.Misc) != len(s.Tokens) {
				t.Fatalf("%d MISC fields for %d tokens", len(s.Misc), len(s.Tokens))
			}
			once := roundTrip(t, s.Tokens)
			twice := roundTrip(t, once)
			if !reflect.DeepEqual(once, twice) {
				t.Fatalf("write/read not stable:\n%+v\n%+v", once, twice)
			}
		}
	})
}

// roundTrip writes tokens and reads them back.
func roundTrip(t *testing.T, toks []nlp.Token) []nlp.Token {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, "id", "text", &nlp.Sentence{Tokens: toks}); err != nil {
		t.Fatal(err)
	}
	s, err := NewReader(&b, "again").Read()
	if err != nil {
		t.Fatalf("reading back %q: %v", b.String(), err)
	}
	return s.Tokens
}
