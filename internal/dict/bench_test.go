package dict

import (
	"strings"
	"testing"
)

var benchText = words(`The Kremlin said on Tuesday that Russian troops had left the Donbas , while Iranian
Foreign Minister Hossein Amirabdollahian met U.S. envoy in Doha and the United Nations called on
Israel and Hamas to stop the fighting in the Gaza Strip near Khan Younis and Rafah ; officials in
Ankara , Paris , Tripoli and Washington welcomed the talks`)

func benchDict(b *testing.B) *Dict {
	d, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkMatchActor tries a match at every word of a news sentence, as the coder does.
func BenchmarkMatchActor(b *testing.B) {
	d := benchDict(b)
	b.ResetTimer()
	for b.Loop() {
		for i := range benchText {
			d.MatchActor(benchText[i:])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(benchText)), "ns/word")
}

// BenchmarkMatchPlace tries a place match at every word of a news sentence.
func BenchmarkMatchPlace(b *testing.B) {
	d := benchDict(b)
	b.ResetTimer()
	for b.Loop() {
		for i := range benchText {
			d.MatchPlace(benchText[i:])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(benchText)), "ns/word")
}

func BenchmarkNorm(b *testing.B) {
	in := strings.Fields("Erdoğan met Türkiye 's foreign minister in Ankara on Tuesday , said the Élysée")
	for b.Loop() {
		for _, w := range in {
			Norm(w)
		}
	}
}

// BenchmarkDefault measures loading and indexing the bundled dictionaries.
func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}
