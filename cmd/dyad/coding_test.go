package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
)

// TestCodeAllMatchesCode checks that coding articles in one batch (analysed stage by stage) gives
// each article the events that coding it alone gives.
func TestCodeAllMatchesCode(t *testing.T) {
	c, err := newArticleCoder(coderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	arts := readExamples(t)
	got := codeAll(c, arts)
	if len(got) != len(arts) {
		t.Fatalf("%d results for %d articles", len(got), len(arts))
	}
	events := 0
	for i, a := range arts {
		want := c.Code(a)
		events += len(want)
		if got[i].art != a || !reflect.DeepEqual(got[i].events, want) || got[i].sentences == 0 {
			t.Errorf("%s: %d events in a batch (%d sentences), %d alone, or other events", a.ID, len(got[i].events), got[i].sentences, len(want))
		}
	}
	if events == 0 {
		t.Fatal("the examples gave no event")
	}
}

// TestCodeAllOneByOne checks codeAll on a coder that cannot code batches.
func TestCodeAllOneByOne(t *testing.T) {
	arts := []*dyad.Article{
		{ID: "a", Date: dyad.MustDate("2024-03-01"), Text: "Turkey praised Iran [TURGOV IRNGOV 051]"},
		{ID: "b", Date: dyad.MustDate("2024-03-02"), Text: "no event here"},
		{ID: "c", Date: dyad.MustDate("2024-03-03"), Text: "Ukraine accused Russia [UKR RUS 112]"},
	}
	got := codeAll(tagCoder{}, arts)
	if len(got) != 3 || len(got[0].events) != 1 || len(got[1].events) != 0 || len(got[2].events) != 1 {
		t.Fatalf("got %+v", got)
	}
	if got[0].art != arts[0] || got[0].events[0].Doc != "a" || got[2].events[0].CAMEO != "112" {
		t.Errorf("%+v and %+v: wrong article or code", got[0], got[2])
	}
}

// TestBatchesFor checks that only a coder that codes batches gets batches of more than one article.
func TestBatchesFor(t *testing.T) {
	one := []*dyad.Article{{ID: "a", Text: "short"}}
	if !batchesFor(tagCoder{})(one) {
		t.Error("a coder without CodeAll: a batch of one article is not full")
	}
	if batchesFor(&nlpCoder{})(one) {
		t.Error("nlpCoder: a batch of one short article is full")
	}
	big := []*dyad.Article{{ID: "b", Text: strings.Repeat("x", batchBytes)}}
	if !batchesFor(&nlpCoder{})(big) {
		t.Errorf("nlpCoder: a batch of %d bytes of text is not full", batchBytes)
	}
}
