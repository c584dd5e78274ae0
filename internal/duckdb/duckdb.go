// Package duckdb is dyad's event store: one DuckDB file holding the stored articles, the events coded
// from them (with provenance) and the merged events (duplicate reports of one event folded together).
// It owns the schema and its forward migrations, bulk writes through the DuckDB Appender with each
// batch of articles committed together with their events, the merging SQL, and read access for
// queries and Parquet exports. It is the only package of dyad that uses cgo.
package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Store is an open event store. Its methods are safe for concurrent use; writes are serialised.
// Only one Store may write a file at a time: it hands out the keys of new actors and codes from
// what it read at its first write (DuckDB's file lock keeps other processes out; within one
// process, close a writing Store before opening another on the same file).
type Store struct {
	path      string
	connector *duckdb.Connector
	db        *sql.DB
	readOnly  bool

	mu      sync.Mutex    // serialises Write, Recode and Merge
	wconns  []driver.Conn // connections writes run on, in parallel (none when read-only)
	lk      *lookups      // keys of the lookup rows, read at the first write; nil after a failed write
	threads int           // DuckDB's thread count before Open set it to 1 for writing
}

// Options tune Open.
type Options struct {
	// ReadOnly opens an existing store without writing to it; several processes may then read it at
	// once. A read-only store must already exist and have the current schema.
	ReadOnly bool
	// Writers is the number of connections a batch is written on in parallel, each committing
	// whole articles with their events (0: one). With one, a batch is one transaction; with more,
	// the lookup rows a batch adds are committed first, then each part. Measured on 2 cores, one
	// writer is faster (BenchmarkWrite -writers).
	Writers int
}

// ErrNoStore is returned by a read-only Open of a path where no store exists.
var ErrNoStore = errors.New("no event store")

// Open opens the store at path, creating it if needed (unless read-only), and migrates its schema
// forward to the version this build of dyad writes.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	dsn := path
	if opts.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("%w at %s (run dyad ingest first): %v", ErrNoStore, path, err)
		}
		dsn += "?access_mode=READ_ONLY"
	}
	c, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		return nil, fmt.Errorf("opening store %s: %w", path, err)
	}
	s := &Store{path: path, connector: c, db: sql.OpenDB(c), readOnly: opts.ReadOnly}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("opening store %s: %w", path, err)
	}
	if !opts.ReadOnly {
		n := max(opts.Writers, 1)
		for range n {
			wc, err := c.Connect(ctx)
			if err != nil {
				s.Close()
				return nil, fmt.Errorf("opening store %s: %w", path, err)
			}
			s.wconns = append(s.wconns, wc)
		}
		// Writes run on one DuckDB thread: with more, the thread committing a batch spin-waits
		// for the workers compressing the automatic checkpoint's row groups, which cost a quarter
		// to a third more CPU per event in BenchmarkWrite on 2 cores (SET threads=1 vs 2). Merge
		// raises the count again for its set-based statement. Only writing processes are affected:
		// dyad's readers open the store read-only, in their own process.
		err := s.db.QueryRowContext(ctx, `SELECT current_setting('threads')`).Scan(&s.threads)
		if err == nil {
			err = s.setThreads(ctx, 1)
		}
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("opening store %s: %w", path, err)
		}
	}
	return s, nil
}

// setThreads sets the number of threads DuckDB runs queries on (a setting of the whole database).
func (s *Store) setThreads(ctx context.Context, n int) error {
	if err := s.exec(ctx, fmt.Sprintf("SET threads = %d", n)); err != nil {
		return fmt.Errorf("setting threads: %w", err)
	}
	return nil
}

// Path returns the file the store lives in.
func (s *Store) Path() string { return s.path }

// Close closes the store; DuckDB checkpoints its write-ahead log into the file.
func (s *Store) Close() error {
	var errs []error
	for _, wc := range s.wconns {
		errs = append(errs, wc.Close())
	}
	s.wconns = nil
	if s.db != nil {
		errs = append(errs, s.db.Close()) // closes the connector too
		s.db = nil
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("closing store %s: %w", s.path, err)
	}
	return nil
}

// SchemaVersion is the schema version this build writes; Open migrates older stores to it.
// It is the number of migrations.
const SchemaVersion = 2

// migrations[i] takes the schema from version i to version i+1. Append only: never edit a step
// that has been released, add a new one.
var migrations = []string{
	// 1: articles, events, merged events.
	`CREATE TABLE meta (key VARCHAR, value VARCHAR);
CREATE TABLE articles (
	id VARCHAR NOT NULL, date DATE, url VARCHAR, source VARCHAR, title VARCHAR,
	hash VARCHAR NOT NULL, text VARCHAR, origin VARCHAR,
	n_events INTEGER, ingested_at TIMESTAMP, coder_version VARCHAR);
CREATE TABLE events (
	id VARCHAR, doc VARCHAR, sentence INTEGER, date DATE, doc_date DATE,
	source_text VARCHAR, source_name VARCHAR, source_code VARCHAR, source_country VARCHAR, source_agent VARCHAR,
	target_text VARCHAR, target_name VARCHAR, target_code VARCHAR, target_country VARCHAR, target_agent VARCHAR,
	cameo VARCHAR, root VARCHAR, plover VARCHAR, quad_class INTEGER, goldstein DOUBLE,
	location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
	evidence VARCHAR, span_start INTEGER, span_end INTEGER,
	ingested_at TIMESTAMP, coder_version VARCHAR);
CREATE TABLE merged_events (
	id VARCHAR, date DATE, last_date DATE,
	source_name VARCHAR, source_code VARCHAR, source_country VARCHAR, source_agent VARCHAR,
	target_name VARCHAR, target_code VARCHAR, target_country VARCHAR, target_agent VARCHAR,
	cameo VARCHAR, root VARCHAR, plover VARCHAR, quad_class INTEGER, goldstein DOUBLE,
	location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
	mentions INTEGER, articles INTEGER, sources INTEGER,
	url VARCHAR, publisher VARCHAR, ingested_at TIMESTAMP,
	docs VARCHAR[], event_ids VARCHAR[], evidence VARCHAR[]);`,

	// 2: events stored narrower (event_rows with keys into actors and codes) behind an events view
	// with the columns of version 1, in the same order: writes cost a third of what they did.
	`CREATE TABLE actors (id INTEGER NOT NULL, text VARCHAR NOT NULL, name VARCHAR NOT NULL,
	code VARCHAR NOT NULL, country VARCHAR NOT NULL, agent VARCHAR NOT NULL);
INSERT INTO actors SELECT (row_number() OVER (ORDER BY code, name, text, country, agent) - 1)::INTEGER, text, name, code, country, agent
FROM (SELECT coalesce(source_text, '') AS text, coalesce(source_name, '') AS name, coalesce(source_code, '') AS code,
		coalesce(source_country, '') AS country, coalesce(source_agent, '') AS agent FROM events
	UNION SELECT coalesce(target_text, ''), coalesce(target_name, ''), coalesce(target_code, ''),
		coalesce(target_country, ''), coalesce(target_agent, '') FROM events);
CREATE TABLE codes (id INTEGER NOT NULL, cameo VARCHAR NOT NULL, root VARCHAR NOT NULL, plover VARCHAR NOT NULL,
	quad_class INTEGER NOT NULL, goldstein DOUBLE NOT NULL);
INSERT INTO codes SELECT (row_number() OVER (ORDER BY cameo, root, plover, quad_class, goldstein) - 1)::INTEGER, *
FROM (SELECT DISTINCT coalesce(cameo, '') AS cameo, coalesce(root, '') AS root, coalesce(plover, '') AS plover,
	coalesce(quad_class, 0) AS quad_class, coalesce(goldstein, 0) AS goldstein FROM events);
CREATE TABLE event_rows (id VARCHAR, doc VARCHAR, sentence INTEGER, date DATE, doc_date DATE,
	source INTEGER, target INTEGER, code INTEGER,
	location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
	evidence VARCHAR, span_start INTEGER, span_end INTEGER, ingested_at TIMESTAMP, coder_version VARCHAR);
INSERT INTO event_rows SELECT ev.id, ev.doc, ev.sentence, ev.date, ev.doc_date, s.id, t.id, c.id,
	ev.location_name, ev.location_country, ev.location_lat, ev.location_lon,
	ev.evidence, ev.span_start, ev.span_end, ev.ingested_at, ev.coder_version
FROM events ev
JOIN actors s ON s.text = coalesce(ev.source_text, '') AND s.name = coalesce(ev.source_name, '') AND s.code = coalesce(ev.source_code, '')
	AND s.country = coalesce(ev.source_country, '') AND s.agent = coalesce(ev.source_agent, '')
JOIN actors t ON t.text = coalesce(ev.target_text, '') AND t.name = coalesce(ev.target_name, '') AND t.code = coalesce(ev.target_code, '')
	AND t.country = coalesce(ev.target_country, '') AND t.agent = coalesce(ev.target_agent, '')
JOIN codes c ON c.cameo = coalesce(ev.cameo, '') AND c.root = coalesce(ev.root, '') AND c.plover = coalesce(ev.plover, '')
	AND c.quad_class = coalesce(ev.quad_class, 0) AND c.goldstein = coalesce(ev.goldstein, 0)
ORDER BY ev.date, ev.id;
DROP TABLE events;
CREATE VIEW events AS SELECT e.id, e.doc, e.sentence, e.date, e.doc_date,
	s.text AS source_text, s.name AS source_name, s.code AS source_code, s.country AS source_country, s.agent AS source_agent,
	t.text AS target_text, t.name AS target_name, t.code AS target_code, t.country AS target_country, t.agent AS target_agent,
	c.cameo, c.root, c.plover, c.quad_class, c.goldstein,
	e.location_name, e.location_country, e.location_lat, e.location_lon,
	e.evidence, e.span_start, e.span_end, e.ingested_at, e.coder_version
FROM event_rows e
JOIN actors s ON s.id = e.source
JOIN actors t ON t.id = e.target
JOIN codes c ON c.id = e.code;`,
}

// migrate brings the schema up to SchemaVersion, one transaction per step.
func (s *Store) migrate(ctx context.Context) error {
	if !s.readOnly {
		if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)`); err != nil {
			return fmt.Errorf("creating schema_version: %w", err)
		}
	}
	v, err := s.version(ctx)
	if err != nil {
		return err
	}
	if v > SchemaVersion {
		return fmt.Errorf("schema version %d is newer than this dyad's (%d): upgrade dyad", v, SchemaVersion)
	}
	if v < SchemaVersion && s.readOnly {
		return fmt.Errorf("schema version %d is older than this dyad's (%d): run dyad ingest once to migrate it", v, SchemaVersion)
	}
	for ; v < SchemaVersion; v++ {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migrating to schema %d: %w", v+1, err)
		}
		_, err = tx.ExecContext(ctx, migrations[v])
		if err == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM schema_version`)
		}
		if err == nil {
			_, err = tx.ExecContext(ctx, `INSERT INTO schema_version VALUES (?)`, v+1)
		}
		if err == nil {
			err = tx.Commit()
		} else {
			tx.Rollback()
		}
		if err != nil {
			return fmt.Errorf("migrating to schema %d: %w", v+1, err)
		}
	}
	return nil
}

// version reads the schema version; 0 for a new store.
func (s *Store) version(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("reading schema version: %w", err)
	}
	if n == 0 {
		return 0, nil
	}
	var v sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT max(version) FROM schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("reading schema version: %w", err)
	}
	return int(v.Int64), nil
}

// Version returns the schema version of the open store.
func (s *Store) Version(ctx context.Context) (int, error) { return s.version(ctx) }

// Query runs a read query over the store's tables (see docs/store.md for their columns).
func (s *Store) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("querying store: %w", err)
	}
	return rows, nil
}

// CopyParquet writes the result of a query (without parameters) to a Parquet file at path.
func (s *Store) CopyParquet(ctx context.Context, query, path string) error {
	q := "COPY (" + query + ") TO '" + strings.ReplaceAll(path, "'", "''") + "' (FORMAT parquet, COMPRESSION zstd)"
	if _, err := s.db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
