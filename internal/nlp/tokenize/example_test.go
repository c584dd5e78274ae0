package tokenize_test

import (
	"fmt"

	"github.com/dyad-events/dyad/internal/nlp/tokenize"
)

func ExampleTokenizer_Tokenize() {
	text := `U.S. envoy didn't meet Iran's minister on Oct. 14. "Talks failed," he said.`
	for _, s := range tokenize.New().Tokenize(text) {
		fmt.Printf("[%d,%d)", s.Start, s.End)
		for _, t := range s.Tokens {
			fmt.Printf(" %s", t.Text)
		}
		fmt.Println()
	}
	// Output:
	// [0,50) U.S. envoy did n't meet Iran 's minister on Oct. 14 .
	// [51,75) " Talks failed , " he said .
}
