package coder

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/dict"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

// parsedDocs reads hand-written parses: documents start with "# newdoc id = NAME date = DATE".
// It rebuilds each document's text (tokens joined by spaces) with byte offsets.
func parsedDocs(t testing.TB, path string) map[string]*testDoc {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sents, err := conllu.ReadAll(f, path)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*testDoc{}
	var cur *testDoc
	for _, s := range sents {
		if s.NewDoc {
			var id, date string
			for _, c := range s.Comments {
				if strings.HasPrefix(c, "newdoc") {
					fmt.Sscanf(c, "newdoc id = %s date = %s", &id, &date)
				}
			}
			cur = &testDoc{art: &dyad.Article{ID: id, Date: dyad.MustDate(date)}, doc: &nlp.Doc{}}
			docs[id] = cur
		}
		var b strings.Builder
		b.WriteString(cur.doc.Text)
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		ns := nlp.Sentence{Start: b.Len()}
		for i, tok := range s.Tokens {
			if i > 0 && !(tok.UPOS == "PUNCT" && tok.Text != "“") {
				b.WriteString(" ")
			}
			tok.Start = b.Len()
			b.WriteString(tok.Text)
			tok.End = b.Len()
			ns.Tokens = append(ns.Tokens, tok)
		}
		ns.End = b.Len()
		cur.doc.Text = b.String()
		cur.doc.Sentences = append(cur.doc.Sentences, ns)
	}
	for _, d := range docs {
		d.art.Text = d.doc.Text
	}
	return docs
}

type testDoc struct {
	art *dyad.Article
	doc *nlp.Doc
}

func testCoder(t testing.TB) *Coder {
	d, err := dict.LoadFS(os.DirFS("testdata/dict"))
	if err != nil {
		t.Fatal(err)
	}
	return New(d)
}

// brief writes an event as "SRC CODE TGT DATE [PLACE]".
func brief(e dyad.Event) string {
	s := fmt.Sprintf("%s %s %s %s", e.Source.Code, e.CAMEO, e.Target.Code, e.Date)
	if e.Location != nil {
		s += " @" + e.Location.Name
	}
	return s
}

func TestCodeParsedSentences(t *testing.T) {
	docs := parsedDocs(t, "testdata/parses.conllu")
	c := testCoder(t)
	tests := []struct {
		doc  string
		want []string
	}{
		// a titled person with a demonym; phone call is mutual; "on Monday" before a Wednesday
		{"phone", []string{"CHLGOV 041 ARGGOV 2024-03-04", "ARGGOV 041 CHLGOV 2024-03-04"}},
		{"accuse", []string{"ARGGOV 112 BOL 2024-03-06"}},
		// passive: the by-agent is the source; "yesterday"
		{"passive", []string{"PERCOP 190 BOLMIL 2024-03-05"}},
		{"negated", nil},
		{"modal", nil},
		// object control: the urging is coded, the urged attack is not
		{"control", []string{"CHLGOV 020 PER 2024-03-06"}},
		// capitals stand for their governments
		{"metonymy", []string{"CHLGOV 112 BOLGOV 2024-03-06"}},
		// conjoined subjects give one event each
		{"conj", []string{"CHL 112 BOL 2024-03-06", "PER 112 BOL 2024-03-06"}},
		// "A and B held talks": both directions; the place is resolved
		{"recip", []string{"CHL 040 PER 2024-03-06 @Lima", "PER 040 CHL 2024-03-06 @Lima"}},
		// "He" is the latest person; an explicit date, on which Milei was still a deputy
		{"pronoun", []string{"CHLGOV 040 ARGLEG 2023-10-14", "ARGLEG 040 CHLGOV 2023-10-14"}},
		// the same name before his term began is coded with his earlier role
		{"dated", []string{"ARGLEG 112 BOL 2023-06-01"}},
		// a nominal event whose modifier names the actor
		{"nominal", []string{"PER 191 BOL 2024-03-06"}},
		// the relative pronoun takes the noun it modifies
		{"relcl", []string{"ARGGOV 112 BOL 2024-03-06"}},
		{"question", nil},
		// a conjunct the parse hung on an apposition of the first subject is a co-subject
		{"apposconj", []string{"ARGGOV 112 BOL 2024-03-06", "CHLGOV 112 BOL 2024-03-06"}},
		// a call the parse hung deep inside the urged act is the scene of the urging; the other
		// party is named in apposition
		// a participle clause shares the day of the verb it modifies
		{"participledate", []string{"ARGGOV 112 BOL 2024-03-04"}},
		// a clause on a statement is the act of whoever issued it
		{"statementacl", []string{"ARGGOV 112 BOL 2024-03-06"}},
		// the verb's own subject is an act, not an actor: no actor further back stands in for it
		{"nounsubj", nil},
		// "Chile's President Boric" misparsed as a conjunction is one actor, not two
		{"possessor", []string{"CHLGOV 112 BOL 2024-03-06"}},
		// an organisation's court, misparsed as a conjunct of it, is the organisation's court
		{"orgcourt", []string{"IGOCANJUD 112 BOL 2024-03-06"}},
		// an attribution the parse hung on the quotation it attributes is still asserted, and its
		// speaker is the name beside it
		{"quoteattr", []string{"ARGGOV 112 BOL 2024-03-06"}},
		// "and" parts two names that the parse hung on one head; both hold the talks
		{"namesplit", []string{"ARGGOV 040 CHLGOV 2024-03-06", "CHLGOV 040 ARGGOV 2024-03-06"}},
		// a name hung on the head of the name after "and" is a mention of its own, not a phrase
		// running up to that head
		{"namespan", []string{"ARGGOV 040 CHLGOV 2024-03-06", "CHLGOV 040 ARGGOV 2024-03-06"}},
		// two subjects without "and" between them are one actor named twice, not two
		{"twosubj", []string{"CHLCOP 112 BOL 2024-03-06"}},
		// a name the dictionaries do not know, described by a demonym, takes its country
		{"apposdemonym", []string{"CHL 112 BOL 2024-03-06"}},
		// ", which" right after a name is that name, whatever the parse made of the clause
		{"whichcomma", []string{"PER 112 BOL 2024-03-06"}},
		// "Flanked by X, Y spoke and accused Z" with Y hung on X: Y, right before the first verb,
		// is the subject of both verbs
		{"flanked", []string{"ARGGOV 112 BOL 2024-03-06"}},
		{"scenecall", []string{"ARGGOV 020 PER 2024-03-06", "ARGGOV 041 CHLGOV 2024-03-06", "CHLGOV 041 ARGGOV 2024-03-06"}},
	}
	for _, tc := range tests {
		t.Run(tc.doc, func(t *testing.T) {
			d := docs[tc.doc]
			if d == nil {
				t.Fatalf("no document %q in testdata", tc.doc)
			}
			var got []string
			for _, e := range c.Code(d.art, d.doc) {
				got = append(got, brief(e))
			}
			sort.Strings(got)
			want := append([]string(nil), tc.want...)
			sort.Strings(want)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%q:\n got %q\nwant %q", d.art.Text, got, want)
			}
		})
	}
}

// TestAttributionSpeaker checks that a reporting verb the parse left without a subject after a
// quotation takes the name beside it as its speaker.
func TestAttributionSpeaker(t *testing.T) {
	d := parsedDocs(t, "testdata/parses.conllu")["quoteattr"]
	ac := &articleCoder{c: testCoder(t), art: d.art, doc: d.doc, date: d.art.Date}
	ac.run()
	s := ac.sents[0]
	if got := s.subjectOf(7, 0); got != 6 { // "said" -> "Milei"
		t.Errorf("subject of 'said' = %d, want 6 (Milei)", got)
	}
	if got := s.attributionSpeaker(3); got != -1 { // "win" is no reporting verb
		t.Errorf("speaker of 'win' = %d, want -1", got)
	}
}
