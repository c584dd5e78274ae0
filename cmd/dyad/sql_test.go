package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func testSQL(t *testing.T, f storeFixture) {
	tests := []struct {
		name, format, query string
	}{
		{"plover-counts", "csv", "SELECT plover, count(*) AS n, sum(goldstein) AS goldstein FROM events GROUP BY plover ORDER BY n DESC, plover"},
		{"merged-lists", "jsonl", "SELECT id, mentions, docs, evidence FROM merged_events WHERE mentions > 1 ORDER BY id"},
		{"articles", "table", "SELECT id, date, source, n_events, length(hash) AS hash_len FROM articles ORDER BY id"},
		{"schema", "tsv", "SELECT version FROM schema_version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := runSQL(context.Background(), f.st, &out, tt.query, tt.format); err != nil {
				t.Fatal(err)
			}
			golden(t, "sql-"+tt.name+".txt", out.String())
		})
	}
}

func testSQLErrors(t *testing.T, f storeFixture) {
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"sql"}, 2, "no SQL"},
		{[]string{"sql", "--format", "xml", "SELECT 1"}, 2, "--format"},
		{[]string{"sql", "SELECT * FROM nowhere"}, 1, "nowhere"},
		{[]string{"sql", "DELETE FROM articles"}, 1, "read-only"},
	}
	for _, tt := range tests {
		code, _, stderr := runMain(t, f.db, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("dyad %q: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.msg)
		}
	}
	if _, evs, _ := storeCounts(t, f.db); evs != 8 {
		t.Errorf("events after a refused DELETE: %d, want 8", evs)
	}
}
