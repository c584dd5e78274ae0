package tag_test

import (
	"fmt"
	"os"

	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
	"github.com/dyad-events/dyad/internal/nlp/tag"
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
	m, err := tag.Train(train, tag.TrainOptions{Iterations: 10, Seed: 1}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := nlp.Sentence{}
	for _, w := range []string{"The", "summit", "was", "postponed", "by", "the", "organizers", "."} {
		s.Tokens = append(s.Tokens, nlp.Token{Text: w})
	}
	m.Tag(&s)
	for _, t := range s.Tokens {
		fmt.Printf("%s/%s/%s ", t.Text, t.UPOS, t.XPOS)
	}
	fmt.Println()
	// Output:
	// The/DET/DT summit/NOUN/NN was/AUX/VBD postponed/VERB/VBN by/ADP/IN the/DET/DT organizers/NOUN/NNS ./PUNCT/.
}
