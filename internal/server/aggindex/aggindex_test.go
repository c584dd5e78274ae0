package aggindex

import (
	"fmt"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/server"
)

func row(date, src, srcName, tgt, tgtName, code string, loc *dyad.Location) *Row {
	c, ok := dyad.LookupCode(code)
	if !ok {
		panic(code)
	}
	r := &Row{SourceCode: src, SourceName: srcName, TargetCode: tgt, TargetName: tgtName,
		CAMEO: code, Root: c.Root(), PLOVER: c.PLOVER, Quad: c.QuadClass, Goldstein: c.Goldstein, Location: loc}
	if len(src) >= 3 {
		r.SourceCountry = src[:3]
	}
	if len(tgt) >= 3 {
		r.TargetCountry = tgt[:3]
	}
	if date != "" {
		r.Date = dyad.MustDate(date)
	}
	return r
}

var (
	ankara = &dyad.Location{Name: "Ankara", Country: "TUR", Lat: 39.93, Lon: 32.85}
	kyiv   = &dyad.Location{Name: "Kyiv", Country: "UKR", Lat: 50.45, Lon: 30.52}
)

// testIndex holds six events: two on the Turkey-Iran dyad in the week of Monday 2024-03-04, an
// attack in the next week, an undated accusation, an event without a target and one whose source
// and target are the same.
func testIndex() *Index {
	b := NewBuilder()
	for _, r := range []*Row{
		row("2024-03-11", "RUSMIL", "Russian forces", "UKR", "Ukraine", "190", kyiv),
		row("2024-03-04", "TURGOV", "Turkish government", "IRNGOV", "Iranian government", "043", ankara),
		row("2024-03-10", "TURGOV", "Hakan Fidan", "IRNGOV", "Iranian government", "036", nil),
		row("", "UKRGOV", "Ukrainian government", "RUS", "Russia", "112", kyiv),
		row("2024-04-01", "USA", "United States", "", "", "010", nil),
		row("2024-04-02", "TUR", "Turkey", "TUR", "Turkey", "040", ankara),
	} {
		b.Add(r)
	}
	return b.Build()
}

func TestIndex(t *testing.T) {
	x := testIndex()
	tests := []struct {
		name string
		got  func() any
		want string
	}{
		{"series by week, undated left out", func() any { return x.Series(server.Filter{}, "week") },
			"[{2024-03-04 2 6.8 3.4 [2 0 0 0]} {2024-03-11 1 -10 -10 [0 0 0 1]} {2024-04-01 2 1 0.5 [2 0 0 0]}]"},
		{"series by month for an actor named by a name prefix", func() any { return x.Series(server.Filter{Actor: "ukr"}, "month") },
			"[{2024-03-01 1 -10 -10 [0 0 0 1]}]"},
		{"series by day in a date range", func() any {
			return x.Series(server.Filter{From: dyad.MustDate("2024-03-05"), To: dyad.MustDate("2024-03-11")}, "day")
		}, "[{2024-03-10 1 4 4 [1 0 0 0]} {2024-03-11 1 -10 -10 [0 0 0 1]}]"},
		{"top dyads by code: no empty or self pairs, least name", func() any { return x.TopDyads(server.Filter{}, "code", 10) },
			"[{TURGOV Hakan Fidan IRNGOV Iranian government 2 6.8 3.4} {RUSMIL Russian forces UKR Ukraine 1 -10 -10} {UKRGOV Ukrainian government RUS Russia 1 -2 -2}]"},
		{"top dyads by country, limited", func() any { return x.TopDyads(server.Filter{}, "country", 1) },
			"[{TUR  IRN  2 6.8 3.4}]"},
		{"dyad filter", func() any { return x.TopDyads(server.Filter{DyadSource: "UKR", DyadTarget: "RUS"}, "code", 10) },
			"[{UKRGOV Ukrainian government RUS Russia 1 -2 -2}]"},
		{"counts by type for a source name", func() any { return x.Counts(server.Filter{Source: "russian"}) },
			"{[{ASSAULT 1 -10}] [{4 1 -10}] [{19 1 -10}]}"},
		{"counts with a root and quad class", func() any { return x.Counts(server.Filter{Code: "0", Quad: 1}) },
			"{[{CONSULT 2 3.8} { 1 0} {AGREE 1 4}] [{1 4 7.8}] [{04 2 3.8} {01 1 0} {03 1 4}]}"},
		{"counts of a type nobody has", func() any { return x.Counts(server.Filter{PLOVER: "RETREAT"}) }, "{[] [] []}"},
		{"places in a country", func() any { return x.Places(server.Filter{Country: "TUR"}, 10) },
			"[{{Ankara TUR 39.93 32.85} 2 1.9}]"},
		{"places by name prefix, undated included", func() any { return x.Places(server.Filter{Place: "ky", Target: "rus"}, 10) },
			"[{{Kyiv UKR 50.45 30.52} 1 -2}]"},
		{"nothing matches", func() any { return x.Series(server.Filter{Actor: "ZZZ"}, "day") }, "[]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(tt.got()); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
	if x.Len() != 6 {
		t.Errorf("Len %d, want 6", x.Len())
	}
	if Supports(server.Filter{Text: "talks"}) || !Supports(server.Filter{Actor: "TUR"}) {
		t.Error("Supports: want false only with a text filter")
	}
}

func ExampleIndex_Series() {
	b := NewBuilder()
	b.Add(&Row{Date: dyad.MustDate("2024-05-02"), SourceCode: "TURGOV", TargetCode: "IRNGOV", CAMEO: "043", Quad: 1, Goldstein: 2.8})
	b.Add(&Row{Date: dyad.MustDate("2024-05-20"), SourceCode: "IRNGOV", TargetCode: "TURGOV", CAMEO: "043", Quad: 1, Goldstein: 2.8})
	b.Add(&Row{Date: dyad.MustDate("2024-06-01"), SourceCode: "RUSMIL", TargetCode: "UKR", CAMEO: "190", Quad: 4, Goldstein: -10})
	x := b.Build()
	for _, p := range x.Series(server.Filter{Actor: "TUR"}, "month") {
		fmt.Println(p.Period, p.Events, p.Goldstein)
	}
	// Output:
	// 2024-05-01 2 5.6
}

// benchIndex builds an index of n synthetic events over four years, 20 countries and 22 codes.
func benchIndex(n int) *Index {
	countries := []string{"USA", "CHN", "RUS", "TUR", "IRN", "ISR", "UKR", "FRA", "DEU", "GBR", "IND", "PAK", "EGY", "SAU", "SYR", "IRQ", "JPN", "KOR", "PRK", "BRA"}
	codes := []string{"010", "020", "036", "040", "042", "043", "051", "057", "061", "071", "090", "111", "112", "120", "130", "138", "141", "163", "172", "190", "193", "195"}
	agents := []string{"GOV", "MIL", "", "OPP"}
	base := dyad.MustDate("2021-01-01")
	b := NewBuilder()
	for k := range n {
		s, t := countries[(k*7)%20], countries[(k/3+k%5+1)%20]
		r := row("", s+agents[k%4], s+" "+agents[k%4], t+agents[(k/7)%4], t, codes[(k*13)%22], nil)
		r.Date = base.AddDays(k % 1461)
		if k%3 == 0 {
			r.Location = ankara
		}
		b.Add(r)
	}
	return b.Build()
}

// BenchmarkIndex measures the aggregates over 1,000,000 events, one request at a time.
func BenchmarkIndex(b *testing.B) {
	x := benchIndex(1_000_000)
	for _, bc := range []struct {
		name string
		run  func()
	}{
		{"series-month", func() { x.Series(server.Filter{}, "month") }},
		{"series-day-actor", func() { x.Series(server.Filter{Actor: "RUS"}, "day") }},
		{"series-week-plover", func() { x.Series(server.Filter{PLOVER: "ASSAULT"}, "week") }},
		{"top-dyads-code", func() { x.TopDyads(server.Filter{}, "code", 20) }},
		{"top-dyads-country-actor", func() { x.TopDyads(server.Filter{Actor: "IRN"}, "country", 30) }},
		{"counts", func() { x.Counts(server.Filter{}) }},
		{"places-year", func() {
			x.Places(server.Filter{From: dyad.MustDate("2023-01-01"), To: dyad.MustDate("2023-12-31")}, 500)
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				bc.run()
			}
		})
	}
}
