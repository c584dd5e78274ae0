package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/duckdb"
	"github.com/dyad-events/dyad/internal/testenv"
)

var updateStore = flag.Bool("update-store", false, "rewrite the golden files of the store tests (testdata/store)")

// golden compares got with testdata/store/name, rewriting it with -update-store (or -update when
// the package defines that flag).
func golden(t *testing.T, name, got string) {
	t.Helper()
	testenv.Golden(t, filepath.Join("testdata", "store", name), []byte(got), *updateStore || updateFlagSet())
}

// updateFlagSet reports whether the package-wide -update flag exists and is set.
func updateFlagSet() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestStoreCommands runs the tests of query, sql and export that only read the store on one
// store ingested from the fixture articles.
func TestStoreCommands(t *testing.T) {
	db := ingestFixture(t, 0)
	st, err := duckdb.Open(context.Background(), db, duckdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, tt := range []struct {
		name string
		test func(*testing.T, storeFixture)
	}{
		{"QueryFilters", testQueryFilters},
		{"QueryMerged", testQueryMerged},
		{"QueryAggregations", testQueryAggregations},
		{"QueryTable", testQueryTable},
		{"QueryRejectsBadFilters", testQueryRejectsBadFilters},
		{"SQL", testSQL},
		{"SQLErrors", testSQLErrors},
		{"ExportLayouts", testExportLayouts},
		{"ExportParquet", testExportParquet},
		{"ExportUsage", testExportUsage},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.test(t, storeFixture{db, st}) })
	}
}

// storeFixture is the store of TestStoreCommands: its path for running Main, and an open store
// for running commands without opening it every time.
type storeFixture struct {
	db string
	st *duckdb.Store
}

// query runs "dyad query args" on the open fixture store.
func (f storeFixture) query(t *testing.T, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	e := &env{stdout: &out, stderr: &out, getenv: func(string) string { return "" }}
	req, _, err := parseQuery(e, args)
	if err == nil {
		err = runQuery(context.Background(), f.st, &out, req)
	}
	if err != nil {
		t.Fatalf("dyad query %q: %v", args, err)
	}
	return out.String()
}

// ids runs dyad query with args and returns the event ids, space-separated.
func (f storeFixture) ids(t *testing.T, args ...string) string {
	t.Helper()
	out := f.query(t, append([]string{"--format", "jsonl"}, args...)...)
	var ids []string
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var e dyad.Event
		if err := dec.Decode(&e); err != nil {
			t.Fatalf("decoding %q: %v", out, err)
		}
		ids = append(ids, e.ID)
	}
	return strings.Join(ids, " ")
}

func testQueryFilters(t *testing.T, f storeFixture) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "a1-0-0 a1-1-0 a2-0-0 a3-0-0 a4-0-0 a4-1-0 a5-0-0 a5-1-0"},
		{[]string{"--actor", "TUR"}, "a1-0-0 a1-1-0 a2-0-0 a3-0-0"},
		{[]string{"--actor", "iran"}, "a1-0-0 a1-1-0 a2-0-0 a3-0-0"}, // name prefix, any case
		{[]string{"--actor", "ukrainian"}, "a4-1-0 a5-0-0"},
		{[]string{"--source", "USA"}, "a5-0-0 a5-1-0"},
		{[]string{"--source", "united"}, "a5-0-0 a5-1-0"},
		{[]string{"--target", "UKR"}, "a4-0-0 a5-0-0"},
		{[]string{"--dyad", "RUS-UKR"}, "a4-0-0"},
		{[]string{"--dyad", "ukr-rus"}, "a4-1-0"},
		{[]string{"--code", "04"}, "a1-0-0 a2-0-0 a3-0-0"},
		{[]string{"--code", "190"}, "a4-0-0"},
		{[]string{"--plover", "consult"}, "a1-0-0 a2-0-0 a3-0-0"},
		{[]string{"--plover", "AID"}, "a5-0-0"},
		{[]string{"--quad", "4"}, "a4-0-0"},
		{[]string{"--quad", "3"}, "a4-1-0"},
		{[]string{"--country", "ukr"}, "a4-0-0 a4-1-0"},
		{[]string{"--place", "ank"}, "a1-0-0 a2-0-0 a3-0-0"},
		{[]string{"--from", "2024-04-01"}, "a4-0-0 a4-1-0 a5-0-0 a5-1-0"},
		{[]string{"--to", "2024-03-04"}, "a1-0-0 a1-1-0 a2-0-0"},
		{[]string{"--from", "2024-03-05", "--to", "2024-04-10"}, "a3-0-0 a4-0-0 a4-1-0"},
		{[]string{"--text", "DRONES"}, "a4-1-0"},
		{[]string{"--actor", "TUR", "--code", "03"}, "a1-1-0"},
		{[]string{"--actor", "XYZ"}, ""},
		{[]string{"--limit", "2"}, "a1-0-0 a1-1-0"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			got := f.ids(t, tt.args...)
			if got != tt.want {
				t.Errorf("ids = %q, want %q", got, tt.want)
			}
		})
	}
}

func testQueryMerged(t *testing.T, f storeFixture) {
	out := f.query(t, "--merged", "--format", "jsonl", "--actor", "TUR")
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m mergedEvent
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		got = append(got, m.ID+" "+m.CAMEO+" "+strings.Join([]string{strconv.Itoa(m.Mentions), strconv.Itoa(m.Articles), strconv.Itoa(m.Sources)}, "/")+" "+strings.Join(m.Docs, ","))
	}
	want := []string{"a1-0-0 043 2/2/2 a1,a2", "a1-1-0 036 1/1/1 a1", "a3-0-0 043 1/1/1 a3"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("merged events:\ngot  %q\nwant %q", got, want)
	}
	// The text filter looks through all the evidence of a merged event.
	out = f.query(t, "--merged", "--format", "jsonl", "--text", "were said to be pleased")
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, `"id":"a1-0-0"`) {
		t.Errorf("merged --text: %q", out)
	}
}

func testQueryAggregations(t *testing.T, f storeFixture) {
	tests := []struct {
		name string
		args []string
	}{
		{"month-dyad", []string{"--by", "month,dyad"}},
		{"week-plover", []string{"--by", "week,plover"}},
		{"day", []string{"--by", "day"}},
		{"source", []string{"--by", "source"}},
		{"target", []string{"--by", "target", "--format", "csv"}},
		{"root", []string{"--by", "root", "--format", "jsonl"}},
		{"month-root-filtered", []string{"--by", "root,month", "--from", "2024-04-01"}},
		{"merged-day-dyad", []string{"--merged", "--by", "day,dyad"}},
		{"table-month", []string{"--by", "month", "--format", "table"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := f.query(t, append([]string{"--format", "tsv"}, tt.args...)...)
			golden(t, "query-"+tt.name+".txt", out)
		})
	}
}

func testQueryTable(t *testing.T, f storeFixture) {
	for _, merged := range []bool{false, true} {
		args := []string{"query", "--format", "table", "--from", "2024-04-01"}
		name := "query-table.txt"
		if merged {
			args = append(args, "--merged")
			name = "query-table-merged.txt"
		}
		code, out, stderr := runMain(t, f.db, args...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		golden(t, name, out)
	}
}

func testQueryRejectsBadFilters(t *testing.T, f storeFixture) {
	tests := []struct {
		args []string
		msg  string
	}{
		{[]string{"--from", "2024-02-30"}, "--from"},
		{[]string{"--from", "yesterday"}, "want YYYY-MM-DD"},
		{[]string{"--to", "2024/01/01"}, "--to"},
		{[]string{"--from", "2024-05-01", "--to", "2024-04-01"}, "before"},
		{[]string{"--code", "999"}, "not a CAMEO event code"},
		{[]string{"--code", "4"}, "not a CAMEO event code"},
		{[]string{"--plover", "HUG"}, "not a PLOVER event type"},
		{[]string{"--quad", "5"}, "quad classes are 1 to 4"},
		{[]string{"--country", "Turkey"}, "alpha-3"},
		{[]string{"--dyad", "TUR"}, "SRC-TGT"},
		{[]string{"--by", "year"}, "not day, week, month"},
		{[]string{"--by", "day,month"}, "one period"},
		{[]string{"--format", "xml"}, "--format"},
		{[]string{"stray"}, "unexpected arguments"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, stderr := runMain(t, f.db, append([]string{"query"}, tt.args...)...)
			if code != 2 || !strings.Contains(stderr, tt.msg) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and a message with %q", code, out, stderr, tt.msg)
			}
		})
	}
}

func TestQueryNoStore(t *testing.T) {
	code, _, stderr := runMain(t, filepath.Join(t.TempDir(), "missing.duckdb"), "query")
	if code != 1 || !strings.Contains(stderr, "no event store") {
		t.Errorf("exit %d, stderr %q; want a clear 'no event store' error", code, stderr)
	}
}

// FuzzQueryWhere checks that filter values reach the SQL only as parameters: the statement for
// any values is the one for placeholder values, and there are as many parameters as placeholders.
func FuzzQueryWhere(f *testing.F) {
	f.Add("TUR", "iran", "", "RUS-UKR", "ank", "drones", "x'; DROP TABLE events; --")
	f.Add("", "", "USA", "", "", "50%_off", `\"`)
	f.Fuzz(func(t *testing.T, actor, source, target, dyadArg, place, text, country string) {
		q := queryFilter{actor: actor, source: source, target: target, place: place, text: text, country: country}
		q.dyadSource, q.dyadTarget, _ = strings.Cut(dyadArg, "-")
		neutral := func(s string) string {
			if s == "" {
				return ""
			}
			return "x"
		}
		p := queryFilter{actor: neutral(actor), source: neutral(source), target: neutral(target), place: neutral(place),
			text: neutral(text), country: neutral(country), dyadSource: neutral(q.dyadSource), dyadTarget: neutral(q.dyadTarget)}
		for _, merged := range []bool{false, true} {
			sql, args := q.where(merged)
			want, _ := p.where(merged)
			if sql != want {
				t.Fatalf("SQL depends on filter values:\n%s\n%s", sql, want)
			}
			if n := strings.Count(sql, "$"); n != len(args) {
				t.Fatalf("%d placeholders, %d args: %s", n, len(args), sql)
			}
		}
	})
}
