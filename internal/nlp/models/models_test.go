package models_test

import (
	"fmt"
	"testing"

	"github.com/dyad-events/dyad/internal/nlp/models"
)

func TestPipeline(t *testing.T) {
	p, err := models.Pipeline()
	if err != nil {
		t.Fatal(err)
	}
	doc := p.Annotate("The minister said that Turkey would not attack Iran. Talks were held in Geneva.")
	if len(doc.Sentences) != 2 {
		t.Fatalf("got %d sentences, want 2", len(doc.Sentences))
	}
	for _, s := range doc.Sentences {
		if s.Root() < 0 {
			t.Errorf("sentence %q has no root", s.Text(doc.Text))
		}
		for _, tok := range s.Tokens {
			if tok.UPOS == "" || tok.Lemma == "" || tok.Rel == "" {
				t.Errorf("token %q not annotated: %+v", tok.Text, tok)
			}
		}
	}
}

func Example() {
	p, err := models.Pipeline()
	if err != nil {
		fmt.Println(err)
		return
	}
	doc := p.Annotate("Police arrested two men.")
	for _, t := range doc.Sentences[0].Tokens {
		head := "ROOT"
		if t.Head >= 0 {
			head = doc.Sentences[0].Tokens[t.Head].Text
		}
		fmt.Println(t.Text, t.Rel, head)
	}
	// Output:
	// Police nsubj arrested
	// arrested root ROOT
	// two nummod men
	// men obj arrested
	// . punct arrested
}
