package parse_test

import (
	"testing"

	"github.com/dyad-events/dyad/internal/nlp/models"
	"github.com/dyad-events/dyad/internal/testenv"
)

// BenchmarkParseTreebank parses the gold-tagged words of EWT dev greedily with the committed model
// and reports tokens per second and per CPU second of the benchmark's thread (the steadier figure
// on a busy machine). Unlike BenchmarkParse, whose few news sentences keep the weights they touch
// in the caches, its 2,000 sentences make the parser fetch most weights from memory, as when
// parsing news.
func BenchmarkParseTreebank(b *testing.B) {
	gold := testenv.Treebanks(b, "en_ewt-ud-dev.conllu")
	m, err := models.Parser()
	if err != nil {
		b.Fatal(err)
	}
	m.Beam = 1
	testenv.BenchTokens(b, testenv.Sentences(gold), m.Parse)
}
