package lemma_test

import (
	"fmt"
	"os"

	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
	"github.com/dyad-events/dyad/internal/nlp/lemma"
)

func Example() {
	f, err := os.Open("testdata/tiny.conllu")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	train, err := conllu.ReadAll(f, "tiny.conllu")
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := lemma.Train(train, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := nlp.Sentence{Tokens: []nlp.Token{
		{Text: "Troops", XPOS: "NNS"}, {Text: "had", XPOS: "VBD"}, {Text: "fled", XPOS: "VBN"},
		{Text: "the", XPOS: "DT"}, {Text: "Capital", XPOS: "NN"},
	}}
	m.Lemmatize(&s)
	for _, t := range s.Tokens {
		fmt.Print(t.Lemma, " ")
	}
	fmt.Println()
	// Output:
	// troop have flee the capital
}
