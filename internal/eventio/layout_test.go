package eventio

import (
	"bytes"
	"encoding/json"
	"github.com/dyad-events/dyad/internal/testenv"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
)

// sharedDir finds ../shared relative to the repository root, or skips the test.
func sharedDir(t *testing.T) string {
	t.Helper()
	return testenv.Shared(t, ".")
}

// TestLayoutColumnsMatchRecordFormats checks the layouts against the published column lists.
func TestLayoutColumnsMatchRecordFormats(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(sharedDir(t), "ontology", "record_formats.json"))
	if err != nil {
		t.Skip(err)
	}
	var formats map[string]json.RawMessage
	if err := json.Unmarshal(b, &formats); err != nil {
		t.Fatal(err)
	}
	for name, cols := range map[string][]string{"gdelt_1_event": GDELTColumns, "icews_event": ICEWSColumns} {
		var f struct{ Columns []string }
		if err := json.Unmarshal(formats[name], &f); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(cols, f.Columns) {
			t.Errorf("%s columns differ:\n got %q\nwant %q", name, cols, f.Columns)
		}
	}
}

func layoutProvenance(i int) Provenance {
	return Provenance{Mentions: 3 - i, Sources: 2 - i, Articles: 2 - i, Added: dyad.MustDate("2024-03-06"),
		URL: "https://example.org/a1", Publisher: "Example News"}
}

func TestLayouts(t *testing.T) {
	igo := sampleEvents()[1]
	igo.ID, igo.Sentence = "a1-2-0", 2
	igo.Source = dyad.Actor{Text: "the UN", Name: "United Nations", Code: "IGOUNO", Country: "IGO", Agent: "IGO"}
	igo.SetCode("")
	evs := append(sampleEvents(), igo)
	tests := []struct {
		name    string
		columns []string
		row     func(*dyad.Event, Provenance) []string
		writer  func(*bytes.Buffer) *LayoutWriter
	}{
		{"gdelt", GDELTColumns, GDELTRow, func(b *bytes.Buffer) *LayoutWriter { return NewGDELTWriter(b, true) }},
		{"gdelt-noheader", GDELTColumns, GDELTRow, func(b *bytes.Buffer) *LayoutWriter { return NewGDELTWriter(b, false) }},
		{"icews", ICEWSColumns, ICEWSRow, func(b *bytes.Buffer) *LayoutWriter { return NewICEWSWriter(b) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := tt.writer(&buf)
			for i := range evs {
				if got := len(tt.row(&evs[i], layoutProvenance(i%2))); got != len(tt.columns) {
					t.Fatalf("row has %d fields, want %d", got, len(tt.columns))
				}
				if err := w.Write(&evs[i], layoutProvenance(i%2)); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
			for i, l := range lines {
				if n := strings.Count(l, "\t") + 1; n != len(tt.columns) {
					t.Errorf("line %d has %d fields, want %d: %q", i+1, n, len(tt.columns), l)
				}
			}
			testenv.Golden(t, filepath.Join("testdata", "layout-"+tt.name+".tsv"), buf.Bytes(), *update)
		})
	}
}

func TestGDELTFields(t *testing.T) {
	e := sampleEvents()[0]
	row := GDELTRow(&e, layoutProvenance(0))
	get := func(col string) string {
		for i, c := range GDELTColumns {
			if c == col {
				return row[i]
			}
		}
		t.Fatalf("no column %s", col)
		return ""
	}
	want := map[string]string{
		"SQLDATE": "20240304", "MonthYear": "202403", "Year": "2024", "FractionDate": "2024.2575",
		"Actor1Code": "CHLGOV", "Actor1Name": "GABRIEL BORIC", "Actor1CountryCode": "CHL", "Actor1Type1Code": "GOV",
		"Actor2Code": "ARG", "IsRootEvent": "1", "EventCode": "041", "EventBaseCode": "041", "EventRootCode": "04",
		"QuadClass": "1", "GoldsteinScale": "1", "NumMentions": "3", "NumSources": "2", "NumArticles": "2",
		"ActionGeo_Type": "4", "ActionGeo_FullName": "Santiago", "ActionGeo_Lat": "-33.45694", "ActionGeo_Long": "-70.64827",
		"DATEADDED": "20240306", "SOURCEURL": "https://example.org/a1", "AvgTone": "", "ActionGeo_CountryCode": "",
	}
	for col, v := range want {
		if got := get(col); got != v {
			t.Errorf("%s = %q, want %q", col, got, v)
		}
	}
}

func TestNumericID(t *testing.T) {
	seen := map[int64]string{}
	for _, id := range []string{"a-0-0", "a-0-1", "a-1-0", "b-0-0", ""} {
		n := NumericID(id)
		if n < 0 || n >= 1<<53 {
			t.Errorf("NumericID(%q) = %d out of range", id, n)
		}
		if other, ok := seen[n]; ok {
			t.Errorf("NumericID(%q) = NumericID(%q)", id, other)
		}
		seen[n] = id
		if NumericID(id) != n {
			t.Errorf("NumericID(%q) not stable", id)
		}
	}
}

func ExampleNewICEWSWriter() {
	e := dyad.Event{ID: "x-0-0", Doc: "x", Date: dyad.MustDate("2024-01-02"),
		Source: dyad.Actor{Name: "France", Code: "FRA", Country: "FRA"}, Target: dyad.Actor{Name: "Germany", Code: "DEUGOV", Country: "DEU", Agent: "GOV"}}
	e.SetCode("036")
	w := NewICEWSWriter(os.Stdout)
	_ = w.Write(&e, Provenance{Mentions: 1, Sources: 1, Articles: 1, Publisher: "Example"})
	_ = w.Close()
	// Output:
	// Event ID	Event Date	Source Name	Source Sectors	Source Country	Event Text	CAMEO Code	Intensity	Target Name	Target Sectors	Target Country	Story ID	Sentence Number	Publisher	City	District	Province	Country	Latitude	Longitude
	// 1183386534066095	2024-01-02	France		FRA	Express intent to meet or negotiate	036	4	Germany	Government	DEU	x	1	Example
}
