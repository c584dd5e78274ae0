package eventio

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite golden files")

func sampleEvents() []dyad.Event {
	e1 := dyad.Event{
		ID: "a1-0-0", Doc: "a1", Sentence: 0,
		Date: dyad.MustDate("2024-03-04"), DocDate: dyad.MustDate("2024-03-05"),
		Source:   dyad.Actor{Text: "Chilean President Gabriel Boric", Name: "Gabriel Boric", Code: "CHLGOV", Country: "CHL", Agent: "GOV"},
		Target:   dyad.Actor{Text: "Argentina", Name: "Argentina", Code: "ARG", Country: "ARG"},
		Location: &dyad.Location{Name: "Santiago", Country: "CHL", Lat: -33.45694, Lon: -70.64827},
		Evidence: "Chilean President Gabriel Boric spoke by phone with Argentina's leader, \"tab\there\".",
		Span:     dyad.Span{Start: 0, End: 81},
	}
	e1.SetCode("041")
	e2 := dyad.Event{ID: "a1-1-0", Doc: "a1", Sentence: 1, DocDate: dyad.MustDate("2024-03-05"),
		Source:   dyad.Actor{Text: "Police", Name: "police", Code: "---COP", Country: "", Agent: "COP"},
		Target:   dyad.Actor{Text: "protesters", Name: "protesters", Code: "CHLCVL", Country: "CHL", Agent: "CVL"},
		Evidence: "Police, on Monday,\ndetained protesters.", Span: dyad.Span{Start: 82, End: 121}}
	e2.Date = e2.DocDate
	e2.SetCode("173")
	return []dyad.Event{e1, e2}
}

func TestWriters(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			w, err := NewWriter(&buf, format)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range sampleEvents() {
				if err := w.Write(&e); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			testenv.Golden(t, filepath.Join("testdata", "events."+format), buf.Bytes(), *update)
		})
	}
}

// TestJSONSchema pins the field names and shapes of the JSONL contract.
func TestJSONSchema(t *testing.T) {
	e := sampleEvents()[0]
	b, err := json.Marshal(&e)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	want := []string{"id", "doc", "sentence", "date", "doc_date", "source", "target", "cameo", "root",
		"plover", "quad_class", "goldstein", "location", "evidence", "span"}
	if len(m) != len(want) {
		t.Errorf("event has %d fields, want %d: %s", len(m), len(want), b)
	}
	for _, k := range want {
		if _, ok := m[k]; !ok {
			t.Errorf("field %q missing: %s", k, b)
		}
	}
	src := m["source"].(map[string]any)
	for _, k := range []string{"text", "name", "code", "country", "agent"} {
		if _, ok := src[k]; !ok {
			t.Errorf("source.%s missing", k)
		}
	}
	loc := m["location"].(map[string]any)
	for _, k := range []string{"name", "country", "lat", "lon"} {
		if _, ok := loc[k]; !ok {
			t.Errorf("location.%s missing", k)
		}
	}
	if span, ok := m["span"].([]any); !ok || len(span) != 2 {
		t.Errorf("span = %v, want [start,end]", m["span"])
	}
	if m["cameo"] != "041" || m["root"] != "04" || m["plover"] != "CONSULT" || m["quad_class"] != 1.0 {
		t.Errorf("code fields wrong: %s", b)
	}
	var back dyad.Event
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Date != e.Date || back.Span != e.Span || *back.Location != *e.Location || back.Source != e.Source {
		t.Errorf("round trip changed the event: %+v", back)
	}
	e2 := sampleEvents()[1]
	b2, _ := json.Marshal(&e2)
	if !bytes.Contains(b2, []byte(`"location":null`)) {
		t.Errorf("missing location must be null: %s", b2)
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := NewWriter(&bytes.Buffer{}, "xml"); err == nil {
		t.Fatal("want an error for an unknown format")
	}
}

func BenchmarkJSONL(b *testing.B) {
	evs := sampleEvents()
	w, _ := NewWriter(&bytes.Buffer{}, "jsonl")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = w.Write(&evs[i%2])
	}
}

func ExampleNewWriter() {
	e := dyad.Event{ID: "x-0-0", Doc: "x", Source: dyad.Actor{Code: "FRA", Country: "FRA"}, Target: dyad.Actor{Code: "DEU", Country: "DEU"}}
	e.SetCode("036")
	w, _ := NewWriter(os.Stdout, "jsonl")
	_ = w.Write(&e)
	_ = w.Close()
	// Output:
	// {"id":"x-0-0","doc":"x","sentence":0,"date":null,"doc_date":null,"source":{"text":"","name":"","code":"FRA","country":"FRA","agent":""},"target":{"text":"","name":"","code":"DEU","country":"DEU","agent":""},"cameo":"036","root":"03","plover":"AGREE","quad_class":1,"goldstein":4,"location":null,"evidence":"","span":[0,0]}
}
