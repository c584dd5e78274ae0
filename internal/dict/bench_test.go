package dict

import (
	"strings"
	"testing"
)

var benchText = words(`The Kremlin said on Tuesday that Russian troops had left the Donbas , while Iranian
Foreign Minister Hossein Amirabdollahian met U.S. envoy in Doha and the United Nations called on
Israel and Hamas to stop the fighting in the Gaza Strip near Khan Younis and Rafah ; officials in
Ankara , Paris , Tripoli and Washington welcomed the talks`)

// benchPlain is news prose with few names, as most sentences are: most words start no phrase.
var benchPlain = words(`The talks broke down late on Tuesday after the two sides failed to agree on a
timetable for the withdrawal of troops , officials said , adding that the ministers would meet again
next week to discuss the release of prisoners and the reopening of the border crossing , which has
been closed since fighting resumed in the spring ; aid groups warned that food and medicine were
running short in the towns along the front line`)

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

// BenchmarkAtoms makes the look-ups the coder makes at every word of a sentence of plain prose
// and of one dense with names: an actor, an agent noun (as lemma and as spelling) and a place.
func BenchmarkAtoms(b *testing.B) {
	d := benchDict(b)
	text := append(append([]string(nil), benchPlain...), benchText...)
	b.ResetTimer()
	for b.Loop() {
		for i := range text {
			d.MatchActor(text[i:])
			d.MatchAgent(text[i:])
			d.MatchAgent(text[i:])
			d.MatchPlace(text[i:])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(text)), "ns/word")
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
