package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/duckdb"
	"github.com/dyad-events/dyad/internal/ingest"
)

// fixtureEvents codes the fixture articles with tagCoder directly, skipping a6 (a reprint of a4).
func fixtureEvents(t *testing.T) []dyad.Event {
	t.Helper()
	var evs []dyad.Event
	_, err := ingest.Read(context.Background(), []string{testdataStore}, ingest.Options{}, func(a *dyad.Article) error {
		if a.ID != "a6" {
			evs = append(evs, tagCoder{}.Code(a)...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// queryEvents runs dyad query --format jsonl with args and decodes the events.
func queryEvents(t *testing.T, db string, args ...string) []dyad.Event {
	t.Helper()
	code, out, stderr := runMain(t, db, append([]string{"query", "--format", "jsonl"}, args...)...)
	if code != 0 {
		t.Fatalf("dyad query %v: exit %d: %s", args, code, stderr)
	}
	var evs []dyad.Event
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var e dyad.Event
		if err := dec.Decode(&e); err != nil {
			t.Fatalf("decoding %q: %v", out, err)
		}
		evs = append(evs, e)
	}
	return evs
}

func TestIngestRoundTripsEveryField(t *testing.T) {
	db := ingestFixture(t, 0)
	want := fixtureEvents(t)
	if len(want) != 8 {
		t.Fatalf("fixture gives %d events, want 8", len(want))
	}
	got := queryEvents(t, db)
	sort.Slice(want, func(i, j int) bool {
		if want[i].Date != want[j].Date {
			return want[i].Date.Before(want[j].Date)
		}
		return want[i].ID < want[j].ID
	})
	if !reflect.DeepEqual(got, want) {
		gb, _ := json.MarshalIndent(got, "", " ")
		wb, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("stored events differ from coded ones:\ngot  %s\nwant %s", gb, wb)
	}
}

func TestIngestIsIdempotent(t *testing.T) {
	db := ingestFixture(t, 0)
	// Again, plus a copy of the same articles under other ids (same texts).
	copyPath := filepath.Join(t.TempDir(), "copy.jsonl")
	b, err := os.ReadFile(testdataStore)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copyPath, []byte(strings.ReplaceAll(string(b), `"id":"a`, `"id":"copy-a`)), 0o644); err != nil {
		t.Fatal(err)
	}
	res := ingestInto(t, db, ingestOptions{inputs: []string{testdataStore, copyPath}}, tagCoder{})
	if res.stored != 0 || res.read != 12 {
		t.Errorf("re-ingest: read %d stored %d, want 12 read, 0 stored", res.read, res.stored)
	}
	arts, evs, merged := storeCounts(t, db)
	if arts != 5 || evs != 8 || merged != 7 {
		t.Errorf("after re-ingest: %d articles %d events %d merged, want 5 8 7", arts, evs, merged)
	}
}

func storeCounts(t *testing.T, db string) (articles, events, merged int) {
	t.Helper()
	st, err := duckdb.Open(context.Background(), db, duckdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	articles, events, merged, err = st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return
}

func TestIngestRecode(t *testing.T) {
	db := ingestFixture(t, 0)
	res := ingestInto(t, db, ingestOptions{recode: true}, tagCoder{shift: true})
	if res.stored != 5 {
		t.Errorf("recode stored %d articles, want 5", res.stored)
	}
	evs := queryEvents(t, db)
	if len(evs) != 8 {
		t.Fatalf("after recode: %d events, want 8", len(evs))
	}
	for _, e := range evs {
		if e.CAMEO != "051" {
			t.Errorf("event %s still has code %s after recode", e.ID, e.CAMEO)
		}
	}
	// Recoded events merge again: every dyad's 051 reports of one day are one event.
	if _, _, merged := storeCounts(t, db); merged != 7 {
		t.Errorf("merged after recode = %d, want 7", merged)
	}
}

func TestIngestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.duckdb")
	tests := [][]string{
		{"ingest"},
		{"ingest", "--recode", "file.jsonl"},
		{"ingest", "--date", "2024-13-01", "file.txt"},
		{"ingest", "--merge-days", "-1", "file.txt"},
		{"ingest", "--progress", "sometimes", "file.txt"},
	}
	for _, args := range tests {
		code, _, stderr := runMain(t, db, args...)
		if code != 2 || !strings.Contains(stderr, "dyad ingest:") {
			t.Errorf("dyad %v: exit %d, stderr %q; want a usage error (2)", args, code, stderr)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a usage error created the store")
	}
}

// blockingCoder codes like tagCoder but never returns for the article with id block, so that an
// ingest can be killed with some batches committed and others not.
type blockingCoder struct{ block string }

func (c blockingCoder) Code(a *dyad.Article) []dyad.Event {
	if a.ID == c.block {
		select {}
	}
	return tagCoder{}.Code(a)
}

// manyArticles writes n articles of two events each to a JSONL file in dir.
func manyArticles(t *testing.T, dir string, n int) string {
	t.Helper()
	var sb strings.Builder
	for i := range n {
		text := fmt.Sprintf("Turkish officials met their Iranian counterparts in Ankara for round %d of the talks. [TURGOV IRNGOV 043 Ankara]\n"+
			"Russian forces shelled the city of Kyiv for the %dth time, officials said on the radio. [RUSMIL UKR 190 Kyiv]", i, i)
		b, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("m%03d", i), "date": "2024-06-01", "source": "Outlet " + strconv.Itoa(i%3), "text": text})
		sb.Write(b)
		sb.WriteByte('\n')
	}
	path := filepath.Join(dir, "many.jsonl")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestIngestChild is the child process of TestIngestKilledMidway; it does nothing in a normal run.
func TestIngestChild(t *testing.T) {
	spec := os.Getenv("DYAD_TEST_INGEST_CHILD")
	if spec == "" {
		t.Skip("only run as the child of TestIngestKilledMidway")
	}
	db, input, _ := strings.Cut(spec, "|")
	ctx := context.Background()
	st, err := duckdb.Open(ctx, db, duckdb.Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	opts := ingestOptions{inputs: []string{input}, batch: 3, workers: 2, coder: "child", stderr: os.Stderr,
		committed: func(articles, events int) { fmt.Printf("committed %d %d\n", articles, events) }}
	_, err = runIngest(ctx, st, blockingCoder{block: "m010"}, opts)
	fmt.Println("returned", err) // not reached: the coder blocks and the parent kills the process
	os.Exit(1)
}

// TestIngestKilledMidway kills an ingest with SIGKILL after some batches are committed, checks that
// the store opens and is consistent, and that running the ingest again completes it.
func TestIngestKilledMidway(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "killed.duckdb")
	input := manyArticles(t, dir, 30)
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestChild$")
	cmd.Env = append(os.Environ(), "DYAD_TEST_INGEST_CHILD="+db+"|"+input)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	committed := 0
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(line, "committed "); ok {
			committed, _ = strconv.Atoi(strings.Fields(n)[0])
			if committed >= 6 {
				break
			}
			continue
		}
		t.Logf("child: %s", line)
	}
	if committed < 6 {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child stopped after committing %d articles", committed)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	cmd.Wait()

	// The store opens, holds whole batches only, and every event has its article.
	st, err := duckdb.Open(context.Background(), db, duckdb.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("store after kill: %v", err)
	}
	var arts, orphans, short int
	row := func(q string, dst *int) {
		rows, err := st.Query(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		rows.Next()
		if err := rows.Scan(dst); err != nil {
			t.Fatal(err)
		}
	}
	row(`SELECT count(*) FROM articles`, &arts)
	row(`SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = e.doc)`, &orphans)
	row(`SELECT count(*) FROM articles a WHERE n_events <> (SELECT count(*) FROM events e WHERE e.doc = a.id)`, &short)
	st.Close()
	if arts < committed || arts >= 30 || arts%3 != 0 {
		t.Errorf("after kill: %d articles stored, want whole batches of 3, at least %d and fewer than 30", arts, committed)
	}
	if orphans != 0 || short != 0 {
		t.Errorf("after kill: %d events without their article, %d articles missing events", orphans, short)
	}

	// A rerun completes the ingest without storing anything twice.
	res := ingestInto(t, db, ingestOptions{inputs: []string{input}}, tagCoder{})
	if res.stored != 30-arts {
		t.Errorf("rerun stored %d articles, want %d", res.stored, 30-arts)
	}
	a, e, _ := storeCounts(t, db)
	if a != 30 || e != 60 {
		t.Errorf("after rerun: %d articles %d events, want 30 and 60", a, e)
	}
}

// cancellingCoder codes like tagCoder and cancels the ingest when it reaches article stop.
type cancellingCoder struct {
	stop   string
	cancel context.CancelFunc
}

func (c cancellingCoder) Code(a *dyad.Article) []dyad.Event {
	if a.ID == c.stop {
		c.cancel()
	}
	return tagCoder{}.Code(a)
}

// TestIngestInterrupted cancels an ingest (as Ctrl-C does): the articles coded so far are
// committed with their events, the error says to run again, and a rerun completes the ingest.
func TestIngestInterrupted(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "int.duckdb")
	input := manyArticles(t, dir, 30)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := duckdb.Open(ctx, db, duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	res, err := runIngest(ctx, st, cancellingCoder{stop: "m012", cancel: cancel},
		ingestOptions{inputs: []string{input}, batch: 5, workers: 1, coder: "test", stderr: &stderr})
	st.Close()
	if err == nil || !strings.Contains(err.Error(), "run the same command again") || !res.interrupted {
		t.Fatalf("interrupted ingest: err %v, result %+v", err, res)
	}
	arts, evs, _ := storeCounts(t, db)
	if arts < 13 || arts >= 30 || evs != 2*arts {
		t.Errorf("after interrupt: %d articles %d events; want at least the 13 coded, fewer than 30, 2 events each", arts, evs)
	}
	res = ingestInto(t, db, ingestOptions{inputs: []string{input}}, tagCoder{})
	if res.stored != 30-arts {
		t.Errorf("rerun stored %d, want %d", res.stored, 30-arts)
	}
	if a, e, m := storeCounts(t, db); a != 30 || e != 60 || m != 2 {
		t.Errorf("after rerun: %d articles %d events %d merged, want 30 60 2", a, e, m)
	}
}

// TestIngestProgressBar forces the progress bar (as on a terminal) and checks its last frame and
// the summary line.
func TestIngestProgressBar(t *testing.T) {
	var stderr strings.Builder
	ingestInto(t, filepath.Join(t.TempDir(), "p.duckdb"), ingestOptions{inputs: []string{testdataStore}, bar: true, stderr: &stderr}, tagCoder{})
	out := stderr.String()
	for _, want := range []string{"100 %", "6 articles 8 events", "articles/s", "events/s", "ETA",
		"dyad ingest: 6 articles read, 0 skipped, 1 already stored, 5 new stored with 8 events; 7 merged events"} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output lacks %q:\n%s", want, out)
		}
	}
}

// failingStore fails its second Write.
type failingStore struct {
	ingestStore
	writes int
}

func (s *failingStore) Write(ctx context.Context, coder string, arts []*dyad.Article, events []dyad.Event) error {
	s.writes++
	if s.writes == 2 {
		return fmt.Errorf("disk full")
	}
	return s.ingestStore.Write(ctx, coder, arts, events)
}

// TestIngestStoreFailure checks that a failed write stops the ingest with that error (and does
// not hang), leaving the batches written before it.
func TestIngestStoreFailure(t *testing.T) {
	dir := t.TempDir()
	input := manyArticles(t, dir, 40)
	st, err := duckdb.Open(context.Background(), filepath.Join(dir, "f.duckdb"), duckdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fs := &failingStore{ingestStore: st}
	_, err = runIngest(context.Background(), fs, tagCoder{}, ingestOptions{inputs: []string{input}, batch: 4, coder: "t", stderr: io.Discard})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want the write error", err)
	}
	if a, _, _, _ := st.Counts(context.Background()); a != 4 {
		t.Errorf("%d articles stored, want the 4 of the first batch", a)
	}
}
