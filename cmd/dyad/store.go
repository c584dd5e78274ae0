package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/duckdb"
)

// defaultDB is where the event store lives when neither --db nor DYAD_DB says otherwise.
const defaultDB = "dyad.duckdb"

// ingestStore is what "dyad ingest" needs of the event store.
type ingestStore interface {
	// Deduper returns a function reporting whether an article is stored or was seen already (same
	// id or same content hash), remembering the ones it has not seen.
	Deduper(ctx context.Context) (func(*dyad.Article) bool, error)
	// Write stores articles with their events (Event.Doc names the article) in one transaction.
	Write(ctx context.Context, coder string, arts []*dyad.Article, events []dyad.Event) error
	// Recode replaces stored articles and their events in one transaction.
	Recode(ctx context.Context, coder string, arts []*dyad.Article, events []dyad.Event) error
	// Articles streams the stored articles.
	Articles(ctx context.Context, yield func(*dyad.Article) error) error
	// Merge rebuilds the merged events with days of slack between reports.
	Merge(ctx context.Context, days int) error
	// Counts returns the number of stored articles, events and merged events.
	Counts(ctx context.Context) (articles, events, merged int, err error)
}

// queryStore is what "dyad query" and "dyad sql" need: SQL over the documented tables
// (docs/store.md). The SQL dyad generates keeps to what DuckDB and PostgreSQL share.
type queryStore interface {
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// exportStore is what "dyad export" needs.
type exportStore interface {
	queryStore
	// CopyParquet writes the result of a parameterless query to a Parquet file.
	CopyParquet(ctx context.Context, query, path string) error
}

// dbFlag adds --db to a command's flags; its value is resolved by dbPath.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "event store `file` (default $DYAD_DB, else ./"+defaultDB+")")
}

// dbPath resolves the store path: --db, else $DYAD_DB, else ./dyad.duckdb.
func dbPath(e *env, flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if e.getenv != nil {
		if v := e.getenv("DYAD_DB"); v != "" {
			return v
		}
	}
	return defaultDB
}

// openStore opens the event store; read-only stores must exist.
func openStore(ctx context.Context, path string, readOnly bool) (*duckdb.Store, error) {
	s, err := duckdb.Open(ctx, path, duckdb.Options{ReadOnly: readOnly})
	if err != nil {
		if errors.Is(err, duckdb.ErrNoStore) {
			return nil, fmt.Errorf("no event store at %s: run 'dyad ingest' first, or give --db or DYAD_DB", path)
		}
		return nil, err
	}
	return s, nil
}

// isTerminalWriter reports whether w is a terminal (a character device).
func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// coderVersion names the coder for the provenance columns of stored events: dyad's version and
// the user dictionaries loaded.
func coderVersion(dicts []string) string {
	v := version
	if v == "" {
		v = "devel"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	v = "dyad " + v
	if len(dicts) > 0 {
		v += " dict=" + strings.Join(dicts, ",")
	}
	return v
}
