package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-events/dyad/internal/eventio"
)

func testExportLayouts(t *testing.T, f storeFixture) {
	tests := []struct {
		name   string
		req    exportRequest
		lines  int  // rows (without a header)
		fields int  // tab-separated fields per line, 0 to skip the check
		whole  bool // golden of the whole output, else of the first line
	}{
		{"events-csv", exportRequest{format: "csv"}, 8, 0, false},
		{"events-tsv", exportRequest{format: "tsv"}, 8, 29, false},
		{"events-jsonl", exportRequest{format: "jsonl"}, 8, 0, true},
		{"merged-csv", exportRequest{format: "csv", merged: true}, 7, 0, false},
		{"merged-tsv", exportRequest{format: "tsv", merged: true}, 7, 29, false},
		{"merged-jsonl", exportRequest{format: "jsonl", merged: true}, 7, 0, true},
		{"gdelt-header", exportRequest{format: "tsv", layout: "gdelt", header: true}, 8, len(eventio.GDELTColumns), false},
		{"merged-gdelt-header", exportRequest{format: "tsv", layout: "gdelt", header: true, merged: true}, 7, len(eventio.GDELTColumns), false},
		{"icews", exportRequest{format: "tsv", layout: "icews"}, 8, len(eventio.ICEWSColumns), true},
		{"merged-icews", exportRequest{format: "tsv", layout: "icews", merged: true}, 7, len(eventio.ICEWSColumns), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := f.export(t, tt.req)
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			header := 1
			if strings.HasSuffix(tt.name, "jsonl") {
				header = 0
			}
			if got := len(lines) - header; got != tt.lines && !strings.Contains(tt.name, "csv") {
				t.Errorf("%d rows, want %d", got, tt.lines)
			}
			for i, l := range lines {
				if n := strings.Count(l, "\t") + 1; tt.fields > 0 && n != tt.fields {
					t.Errorf("line %d has %d fields, want %d", i+1, n, tt.fields)
				}
			}
			if tt.whole {
				golden(t, "export-"+tt.name+".txt", out)
			} else {
				golden(t, "export-"+tt.name+".header", lines[0]+"\n")
			}
		})
	}
	// GDELT files proper have no header: 8 records of 58 fields, the first an event id.
	code, out, _ := runMain(t, f.db, "export", "--layout", "gdelt")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 0 || len(lines) != 8 || strings.HasPrefix(out, "GLOBALEVENTID") {
		t.Errorf("gdelt without header: exit %d, %d lines", code, len(lines))
	}
	// Merged events carry their counts in NumMentions, NumSources, NumArticles.
	out = f.export(t, exportRequest{format: "tsv", layout: "gdelt", merged: true})
	var counts []string
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		f := strings.Split(l, "\t")
		counts = append(counts, f[26]+":"+f[31]+"/"+f[32]+"/"+f[33])
	}
	if got, want := strings.Join(counts, " "), "043:2/2/2 036:1/1/1 043:1/1/1 190:1/1/1 112:1/1/1 070:1/1/1 020:1/1/1"; got != want {
		t.Errorf("merged GDELT EventCode:NumMentions/NumSources/NumArticles = %s, want %s", got, want)
	}
}

func testExportParquet(t *testing.T, f storeFixture) {
	dir := t.TempDir()
	for _, merged := range []bool{false, true} {
		out := filepath.Join(dir, "events.parquet")
		args := []string{"export", "-o", out}
		want := "8"
		if merged {
			out = filepath.Join(dir, "merged.parquet")
			args = []string{"export", "--merged", "--format", "parquet", "-o", out}
			want = "7"
		}
		if code, _, stderr := runMain(t, f.db, args...); code != 0 {
			t.Fatalf("export %v: exit %d: %s", args, code, stderr)
		}
		if _, err := os.Stat(out); err != nil {
			t.Fatal(err)
		}
		code, got, stderr := runMain(t, f.db, "sql", "--format", "tsv", "SELECT count(*) AS n FROM read_parquet('"+out+"')")
		if code != 0 || got != "n\n"+want+"\n" {
			t.Errorf("parquet rows: exit %d %q %s; want %s", code, got, stderr, want)
		}
	}
}

func testExportUsage(t *testing.T, f storeFixture) {
	tests := [][]string{
		{"export", "--format", "xml"},
		{"export", "--format", "parquet"},
		{"export", "--layout", "acled"},
		{"export", "--layout", "gdelt", "--format", "csv"},
		{"export", "--header"},
		{"export", "out.csv"},
	}
	for _, args := range tests {
		if code, _, stderr := runMain(t, f.db, args...); code != 2 {
			t.Errorf("dyad %q: exit %d (%s), want 2", args, code, stderr)
		}
	}
}

// export runs an export on the open fixture store.
func (f storeFixture) export(t *testing.T, req exportRequest) string {
	t.Helper()
	var out bytes.Buffer
	if err := runExport(context.Background(), f.st, &out, "", req); err != nil {
		t.Fatalf("export %+v: %v", req, err)
	}
	return out.String()
}
