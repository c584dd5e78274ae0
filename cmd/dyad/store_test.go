package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/duckdb"
	"github.com/dyad-events/dyad/internal/ingest"
)

// tagCoder is a fake articleCoder for the store tests: every line of an article that ends in a tag
// "[SRC TGT CODE Place]" (place optional) gives one event, with that line as evidence.
type tagCoder struct {
	shift bool // code every event as 051 instead (as a changed dictionary would)
}

var tagNames = map[string]string{
	"TUR": "Turkey", "TURGOV": "Turkish government", "IRN": "Iran", "IRNGOV": "Iranian government",
	"RUS": "Russia", "RUSMIL": "Russian military", "UKR": "Ukraine", "UKRGOV": "Ukrainian government",
	"USA": "United States", "ISR": "Israel",
}

var tagPlaces = map[string]dyad.Location{
	"Ankara": {Name: "Ankara", Country: "TUR", Lat: 39.93, Lon: 32.85},
	"Kyiv":   {Name: "Kyiv", Country: "UKR", Lat: 50.45, Lon: 30.52},
}

func tagActor(code, text string) dyad.Actor {
	a := dyad.Actor{Text: text, Name: tagNames[code], Code: code, Country: code[:3]}
	if len(code) > 3 {
		a.Agent = code[3:]
	}
	return a
}

func (c tagCoder) Code(a *dyad.Article) []dyad.Event {
	var evs []dyad.Event
	off := 0
	for i, line := range strings.SplitAfter(a.Text, "\n") {
		start := off
		off += len(line)
		line = strings.TrimRight(line, "\n")
		open := strings.LastIndexByte(line, '[')
		if open < 0 || !strings.HasSuffix(line, "]") {
			continue
		}
		f := strings.Fields(line[open+1 : len(line)-1])
		if len(f) < 3 {
			continue
		}
		words := strings.Fields(line[:open])
		e := dyad.Event{ID: a.ID + "-" + strconv.Itoa(i) + "-0", Doc: a.ID, Sentence: i, Date: a.Date, DocDate: a.Date,
			Source: tagActor(f[0], words[0]), Target: tagActor(f[1], words[len(words)-1]),
			Evidence: line, Span: dyad.Span{Start: start, End: start + len(line)}}
		code := f[2]
		if c.shift {
			code = "051"
		}
		e.SetCode(code)
		if len(f) > 3 {
			l := tagPlaces[f[3]]
			e.Location = &l
		}
		evs = append(evs, e)
	}
	return evs
}

// testdataStore is the fixture articles of the store tests.
var testdataStore = filepath.Join("testdata", "store", "articles.jsonl")

// ingestFixture ingests the fixture articles into a new store and returns its path.
func ingestFixture(t *testing.T, mergeDays int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "events.duckdb")
	ingestInto(t, path, ingestOptions{inputs: []string{testdataStore}, mergeDays: mergeDays}, tagCoder{})
	return path
}

// ingestInto runs runIngest on the store at path with the coder.
func ingestInto(t *testing.T, path string, opts ingestOptions, c articleCoder) ingestResult {
	t.Helper()
	ctx := context.Background()
	st, err := duckdb.Open(ctx, path, duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if opts.batch == 0 {
		opts.batch = 100
	}
	if opts.stderr == nil {
		opts.stderr = io.Discard
	}
	opts.read = ingest.Options{OnSkip: func(err error) { t.Logf("skip: %v", err) }}
	opts.coder = "test"
	res, err := runIngest(ctx, st, c, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// runMain runs dyad with args against the store at db and returns the exit status, stdout and stderr.
func runMain(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr,
		getenv: func(k string) string {
			if k == "DYAD_DB" {
				return db
			}
			return ""
		}}
	code := Main(context.Background(), args, e)
	return code, stdout.String(), stderr.String()
}
