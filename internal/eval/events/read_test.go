package events

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// goldLine writes one gold-format line for the tests.
func goldLine(article, date, code, src, tgt string) string {
	return fmt.Sprintf(`{"article": %q, "sentence": 0, "evidence": "e", "date": %q, "source": {"name": "a", "country": %q, "agent": "GOV"}, "code": %q, "target": {"name": "b", "country": %q, "agent": ""}, "location": null, "plover": ""}`,
		article, date, src, code, tgt)
}

// TestReadEventsGolden reads a file mixing gold and coded lines and compares the events with the
// golden JSON (go test -run TestReadEventsGolden -update rewrites it).
func TestReadEventsGolden(t *testing.T) {
	for _, name := range []string{"mixed"} {
		t.Run(name, func(t *testing.T) {
			in := filepath.Join("testdata", "read", name+".jsonl")
			f, err := os.Open(in)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			evs, err := ReadEvents(f, in)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(evs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "read", name+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("events of %s differ from %s:\n%s", in, golden, got)
			}
		})
	}
}

func TestReadEventsErrors(t *testing.T) {
	good := goldLine("a", "2021-01-02", "041", "CHL", "PER") + "\n"
	for _, tc := range []struct {
		name, bad, want string
	}{
		{"not json", "{nope", "f.jsonl:2:"},
		{"array", `[1, 2]`, "f.jsonl:2:"},
		{"neither kind", `{"id": "x", "text": "an article, not an event"}`, "f.jsonl:2: neither a coded event"},
		{"both kinds", `{"doc": "a", "cameo": "041", "article": "a", "code": "041"}`, "f.jsonl:2: neither"},
		{"gold bad date", goldLine("a", "2021-13-02", "041", "CHL", "PER"), "f.jsonl:2: gold event of a: bad date"},
		{"gold short code", goldLine("a", "2021-01-02", "4", "CHL", "PER"), "f.jsonl:2: gold event of a: code"},
		{"gold no article", goldLine("", "2021-01-02", "041", "CHL", "PER"), `f.jsonl:2: gold event has an empty "article"`},
		{"gold wrong type", `{"article": "a", "code": 41}`, "f.jsonl:2: gold event:"},
		{"coded no doc", `{"doc": "", "cameo": "041"}`, `f.jsonl:2: coded event has an empty "doc"`},
		{"coded bad date", `{"doc": "a", "cameo": "041", "date": "yesterday"}`, "f.jsonl:2: coded event:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadEvents(strings.NewReader(good+tc.bad+"\n"), "f.jsonl")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestGoldEvent(t *testing.T) {
	loc := "PER"
	empty := ""
	for _, tc := range []struct {
		name                   string
		g                      Gold
		cameo, root, plover    string
		srcCode, tgtCode, date string
		loc                    string
	}{
		{"3-digit", Gold{Article: "a", Date: "2021-01-02", Code: "041", Source: GoldActor{Country: "CHL", Agent: "GOV"}, Target: GoldActor{Country: "PER"}, Location: &loc},
			"041", "04", "CONSULT", "CHLGOV", "PER", "2021-01-02", "PER"},
		{"4-digit", Gold{Article: "a", Date: "2021-01-02", Code: "1121", Source: GoldActor{Country: "IGO", Agent: "IGO"}, Target: GoldActor{Country: "PER", Agent: "JUD"}, Location: &empty},
			"1121", "11", "ACCUSE", "IGOIGO", "PERJUD", "2021-01-02", ""},
		{"not in table", Gold{Article: "a", Date: "2021-01-02", Code: "099", Source: GoldActor{Country: "FJI"}, Target: GoldActor{Country: "TON"}},
			"099", "09", "", "FJI", "TON", "2021-01-02", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := tc.g.Event()
			if err != nil {
				t.Fatal(err)
			}
			l := ""
			if e.Location != nil {
				l = e.Location.Country
			}
			got := []string{e.CAMEO, e.Root, e.PLOVER, e.Source.Code, e.Target.Code, e.Date.String(), l, e.Doc}
			want := []string{tc.cameo, tc.root, tc.plover, tc.srcCode, tc.tgtCode, tc.date, tc.loc, "a"}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("Event() = %q, want %q", got, want)
			}
		})
	}
	if _, err := (&Gold{Article: "a", Date: "2/1/2021", Code: "041"}).Event(); err == nil {
		t.Error("a bad date converted without error")
	}
}

// A gold file scored against itself agrees fully; against a copy with one code and one date changed
// it loses exactly those matches at code and full level; events of articles not asked for are ignored.
func TestScoreGoldAsEvents(t *testing.T) {
	lines := []string{
		goldLine("a", "2021-01-02", "041", "CHL", "PER"),
		goldLine("a", "2021-01-02", "041", "PER", "CHL"),
		goldLine("a", "2021-01-03", "112", "CHL", "PER"),
		goldLine("b", "2021-02-01", "0841", "PER", "BOL"),
	}
	gold, err := ReadGold(strings.NewReader(strings.Join(lines, "\n")), "g")
	if err != nil {
		t.Fatal(err)
	}
	other := append([]string(nil), lines...)
	other[2] = goldLine("a", "2021-01-03", "111", "CHL", "PER")  // same root, other code
	other[3] = goldLine("b", "2021-01-31", "0841", "PER", "BOL") // other date
	other = append(other, goldLine("zz", "2021-01-03", "190", "CHL", "PER"))
	for _, tc := range []struct {
		name     string
		pred     []string
		articles []string
		want     [3]PRF
	}{
		{"self", lines, nil, [3]PRF{{4, 4, 4}, {4, 4, 4}, {4, 4, 4}}},
		{"other", other, []string{"a", "b"}, [3]PRF{{4, 4, 4}, {4, 4, 3}, {4, 4, 2}}},
		{"other, all articles", other, nil, [3]PRF{{4, 5, 4}, {4, 5, 3}, {4, 5, 2}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pred, err := ReadEvents(strings.NewReader(strings.Join(tc.pred, "\n")), "p")
			if err != nil {
				t.Fatal(err)
			}
			if r := Score(gold, pred, tc.articles); r.Overall != tc.want {
				t.Errorf("overall = %+v, want %+v", r.Overall, tc.want)
			}
		})
	}
}

func FuzzReadEvents(f *testing.F) {
	f.Add([]byte(goldLine("a", "2021-01-02", "041", "CHL", "PER") + "\n"))
	f.Add([]byte(`{"doc": "a", "cameo": "041", "date": "2021-01-02"}` + "\n\n"))
	f.Add([]byte(`{"article": "a", "code": "1", "date": "x"}`))
	f.Add([]byte("[]\n{}\n"))
	if b, err := os.ReadFile(filepath.Join("testdata", "read", "mixed.jsonl")); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		evs, err := ReadEvents(bytes.NewReader(b), "fuzz")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz:") && !strings.HasPrefix(err.Error(), "reading fuzz") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, e := range evs {
			if e.Doc == "" {
				t.Fatalf("event without article: %+v", e)
			}
		}
		Score(nil, evs, nil) // must not panic on anything ReadEvents accepts
	})
}

func ExampleGold_Event() {
	g := Gold{Article: "x1", Sentence: 3, Date: "2021-06-01", Code: "0841",
		Source: GoldActor{Name: "Ecuador", Country: "ECU", Agent: "GOV"},
		Target: GoldActor{Name: "detained fishermen", Country: "PER", Agent: "CVL"}}
	e, err := g.Event()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Doc, e.Sentence, e.Date, e.Source.Code, e.CAMEO, e.Root, e.PLOVER, e.Target.Code)
	// Output: x1 3 2021-06-01 ECUGOV 0841 08 RETREAT PERCVL
}
