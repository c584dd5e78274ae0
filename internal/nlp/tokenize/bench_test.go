package tokenize_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/eval/treebank"
	"github.com/dyad-events/dyad/internal/nlp/tokenize"
)

// benchText returns about 1 MB of text: the news-style testdata files repeated.
func benchText(b *testing.B) string {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	var parts []string
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		parts = append(parts, string(t))
	}
	one := strings.Join(parts, "\n\n")
	return strings.Repeat(one+"\n\n", 1<<20/len(one)+1)
}

func benchTokenize(b *testing.B, text string) {
	tok := tokenize.New()
	n := 0
	for _, s := range tok.Tokenize(text) {
		n += len(s.Tokens)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		tok.Tokenize(text)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkTokenize measures sentence segmentation and tokenization of news-style text.
func BenchmarkTokenize(b *testing.B) { benchTokenize(b, benchText(b)) }

// BenchmarkTokenizeArticle measures one article-sized call (about 5 KB), the usual case.
func BenchmarkTokenizeArticle(b *testing.B) { benchTokenize(b, benchText(b)[:5000]) }

// BenchmarkWords measures tokenization without sentence segmentation.
func BenchmarkWords(b *testing.B) {
	text := benchText(b)
	tok := tokenize.New()
	n := len(tok.Words(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		tok.Words(text)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkTokenizeEWT measures the raw text of the EWT test treebank (web text).
func BenchmarkTokenizeEWT(b *testing.B) {
	dir := treebankDir(b)
	var sb strings.Builder
	for _, d := range treebank.Documents(readTreebank(b, dir, "en_ewt-ud-test.conllu"), treebank.JoinParagraphs) {
		sb.WriteString(d.Text)
		sb.WriteString("\n\n")
	}
	benchTokenize(b, sb.String())
}

// BenchmarkLongChunks measures 100 KB runs without white space (hyphenated, URL-like), where a
// quadratic rescan would show.
func BenchmarkLongChunks(b *testing.B) {
	text := strings.Repeat("a-", 50000) + " http://x.org/" + strings.Repeat(")", 50000) + " " +
		strings.Repeat("1-", 50000) + "@b"
	benchTokenize(b, text)
}
