package duckdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/dyad-events/dyad"
)

// ContentHash returns the hex SHA-256 of an article text with runs of white space collapsed to one
// space and the ends trimmed, so that a reprint differing only in layout hashes the same.
func ContentHash(text string) string {
	b := make([]byte, 0, len(text))
	for f := range strings.FieldsSeq(text) {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(b, f...)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Deduper loads the ids and content hashes of the stored articles and returns a function that
// reports whether an article is already stored (same id or same content hash) or was already seen
// by the function; an article it has not seen before is remembered. The function is not safe for
// concurrent use.
func (s *Store) Deduper(ctx context.Context) (func(a *dyad.Article) bool, error) {
	ids := map[string]struct{}{}
	hashes := map[[32]byte]struct{}{}
	rows, err := s.db.QueryContext(ctx, `SELECT id, hash FROM articles`)
	if err != nil {
		return nil, fmt.Errorf("reading stored articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, h string
		if err := rows.Scan(&id, &h); err != nil {
			return nil, fmt.Errorf("reading stored articles: %w", err)
		}
		ids[id] = struct{}{}
		hashes[hashKey(h)] = struct{}{}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading stored articles: %w", err)
	}
	return func(a *dyad.Article) bool {
		k := hashKey(ContentHash(a.Text))
		_, dupID := ids[a.ID]
		_, dupHash := hashes[k]
		if dupID || dupHash {
			return true
		}
		ids[a.ID] = struct{}{}
		hashes[k] = struct{}{}
		return false
	}, nil
}

func hashKey(h string) [32]byte {
	var k [32]byte
	hex.Decode(k[:], []byte(h))
	return k
}

// Write stores new articles and the events coded from them. Every event's Doc must name one of
// the articles. With one writer connection (the default) the batch is one transaction; with more
// (Options.Writers) it is split into parts written in parallel, each part, a run of articles with
// all their events, one transaction, and when Write fails some parts may have been committed.
// Either way the store never holds an article without its events or an event without its article.
// coder names the coder version for the provenance columns. Write does not check for duplicates
// (see Deduper).
func (s *Store) Write(ctx context.Context, coder string, arts []*dyad.Article, events []dyad.Event) error {
	return s.write(ctx, coder, arts, events, false)
}

// Recode replaces stored articles and all their events with the articles and their new events,
// in parts as Write does.
func (s *Store) Recode(ctx context.Context, coder string, arts []*dyad.Article, events []dyad.Event) error {
	return s.write(ctx, coder, arts, events, true)
}

// writePart is the share of a batch one connection writes in one transaction.
type writePart struct {
	arts   []*dyad.Article
	events []dyad.Event
	keys   []eventKeys // the events' lookup keys
	counts map[string]int
}

func (s *Store) write(ctx context.Context, coder string, arts []*dyad.Article, events []dyad.Event, replace bool) error {
	if s.readOnly {
		return errors.New("writing to a store opened read-only")
	}
	// Split the articles into runs, one per connection, and send each event to its article's run.
	n := max(1, min(len(s.wconns), len(arts)/64))
	parts := make([]writePart, n)
	partOf := make(map[string]int, len(arts))
	for i, a := range arts {
		k := i * n / len(arts)
		parts[k].arts = append(parts[k].arts, a)
		partOf[a.ID] = k
	}
	for k := range parts {
		parts[k].counts = make(map[string]int, len(parts[k].arts))
		if n > 1 {
			parts[k].events = make([]dyad.Event, 0, len(events)/n+1)
		}
	}
	if n == 1 {
		parts[0].events = events
	}
	for i := range events {
		k, ok := partOf[events[i].Doc]
		if !ok {
			return fmt.Errorf("event %s: article %q is not in the batch", events[i].ID, events[i].Doc)
		}
		parts[k].counts[events[i].Doc]++
		if n > 1 {
			parts[k].events = append(parts[k].events, events[i])
		}
	}
	now := time.Now().UTC().Truncate(time.Microsecond)

	s.mu.Lock()
	defer s.mu.Unlock()
	// Key the events' actors and codes, and commit the lookup rows the batch adds with (or, with
	// several writers, before) the events that use them.
	if s.lk == nil {
		lk, err := loadLookups(ctx, s.db)
		if err != nil {
			return fmt.Errorf("storing batch of %d articles: %w", len(arts), err)
		}
		s.lk = lk
	}
	var add lookupAdds
	for k := range parts {
		parts[k].keys = make([]eventKeys, len(parts[k].events))
		for i := range parts[k].events {
			parts[k].keys[i] = s.lk.keys(&parts[k].events[i], &add)
		}
	}
	if n == 1 {
		// One transaction holds the whole batch, lookup rows included.
		err := writePartTx(ctx, s.wconns[0], coder, now, parts[0], replace, func() error {
			return appendLookups(s.wconns[0], s.lk, &add)
		})
		if err != nil {
			s.lk = nil // reload the committed rows on the next write
			return fmt.Errorf("storing batch of %d articles: %w", len(arts), err)
		}
		return nil
	}
	if err := writeLookups(ctx, s.wconns[0], s.lk, &add); err != nil {
		s.lk = nil
		return fmt.Errorf("storing batch of %d articles: %w", len(arts), err)
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	for k := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[k] = writePartTx(ctx, s.wconns[k], coder, now, parts[k], replace, nil)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("storing batch of %d articles: %w", len(arts), err)
	}
	return nil
}

// writePartTx writes one part in one transaction on conn, after the rows first appends (if not nil).
func writePartTx(ctx context.Context, conn driver.Conn, coder string, now time.Time, p writePart, replace bool, first func() error) error {
	if err := exec(ctx, conn, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	var err error
	if first != nil {
		err = first()
	}
	if err == nil {
		err = writeTx(ctx, conn, coder, now, p, replace)
	}
	if err == nil {
		err = exec(ctx, conn, "COMMIT")
	}
	if err != nil {
		exec(context.WithoutCancel(ctx), conn, "ROLLBACK")
	}
	return err
}

func writeTx(ctx context.Context, conn driver.Conn, coder string, now time.Time, p writePart, replace bool) error {
	arts, events := p.arts, p.events
	if replace && len(arts) > 0 {
		var sb strings.Builder
		args := make([]any, len(arts))
		for i, a := range arts {
			if i > 0 {
				sb.WriteString(",")
			}
			sb.WriteString("?")
			args[i] = a.ID
		}
		in := sb.String()
		if err := exec(ctx, conn, "DELETE FROM event_rows WHERE doc IN ("+in+")", args...); err != nil {
			return err
		}
		if err := exec(ctx, conn, "DELETE FROM articles WHERE id IN ("+in+")", args...); err != nil {
			return err
		}
	}
	app, err := duckdb.NewAppenderFromConn(conn, "", "articles")
	if err != nil {
		return err
	}
	for _, a := range arts {
		err = app.AppendRow(a.ID, nullDate(a.Date), a.URL, a.Source, a.Title, ContentHash(a.Text), a.Text, a.Origin,
			int32(p.counts[a.ID]), now, coder)
		if err != nil {
			app.Close()
			return fmt.Errorf("appending article %s: %w", a.ID, err)
		}
	}
	if err := app.Close(); err != nil {
		return err
	}
	if len(events) == 0 {
		return nil
	}
	app, err = duckdb.NewAppenderFromConn(conn, "", "event_rows")
	if err != nil {
		return err
	}
	row := make([]driver.Value, 17)
	row[15], row[16] = now, coder // the same for every event of the batch
	var box boxes
	for i := range events {
		if err := appendEvent(app, row, &box, &events[i], p.keys[i]); err != nil {
			app.Close()
			return fmt.Errorf("appending event %s: %w", events[i].ID, err)
		}
	}
	return app.Close()
}

// appendEvent appends an event's row of event_rows, built in row (17 values, reused; the last two,
// the provenance, are set by the caller).
func appendEvent(app *duckdb.Appender, row []driver.Value, box *boxes, e *dyad.Event, k eventKeys) error {
	row[0], row[1], row[2], row[3], row[4] = e.ID, box.doc(e.Doc), int32(e.Sentence), box.date(e.Date), box.date(e.DocDate)
	row[5], row[6], row[7] = k.source, k.target, k.code
	if l := e.Location; l != nil {
		row[8], row[9], row[10], row[11] = l.Name, l.Country, l.Lat, l.Lon
	} else {
		row[8], row[9], row[10], row[11] = nil, nil, nil, nil
	}
	row[12], row[13], row[14] = e.Evidence, int32(e.Span.Start), int32(e.Span.End)
	return app.AppendRow(row...)
}

// boxes keeps the last article id and dates converted to driver values: an article's events,
// which come one after the other, share them, and each conversion allocates.
type boxes struct {
	lastDoc string
	docV    driver.Value // nil until the first doc
	dates   [2]dyad.Date
	dateV   [2]driver.Value // nil: empty slot
	next    int             // the slot of dates to replace next
}

func (b *boxes) doc(s string) driver.Value {
	if b.docV == nil || b.lastDoc != s {
		b.lastDoc, b.docV = s, s
	}
	return b.docV
}

func (b *boxes) date(d dyad.Date) driver.Value {
	if d.IsZero() {
		return nil
	}
	for i := range b.dates {
		if b.dateV[i] != nil && b.dates[i] == d {
			return b.dateV[i]
		}
	}
	i := b.next
	b.next = 1 - i
	b.dates[i], b.dateV[i] = d, d.Time()
	return b.dateV[i]
}

func nullDate(d dyad.Date) driver.Value {
	if d.IsZero() {
		return nil
	}
	return d.Time()
}

// exec runs a statement on the first write connection.
func (s *Store) exec(ctx context.Context, query string, args ...any) error {
	return exec(ctx, s.wconns[0], query, args...)
}

// exec runs a statement on a connection.
func exec(ctx context.Context, conn driver.Conn, query string, args ...any) error {
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	_, err := conn.(driver.ExecerContext).ExecContext(ctx, query, named)
	return err
}

// Articles calls yield with every stored article, in id order, with its id, date, title, text,
// url, source and origin as they were stored.
func (s *Store) Articles(ctx context.Context, yield func(*dyad.Article) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT id, date, title, text, url, source, origin FROM articles ORDER BY id`)
	if err != nil {
		return fmt.Errorf("reading stored articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a dyad.Article
		var date sql.NullTime
		var title, text, url, source, origin sql.NullString
		if err := rows.Scan(&a.ID, &date, &title, &text, &url, &source, &origin); err != nil {
			return fmt.Errorf("reading stored articles: %w", err)
		}
		if date.Valid {
			a.Date = dyad.DateOf(date.Time.Date())
		}
		a.Title, a.Text, a.URL, a.Source, a.Origin = title.String, text.String, url.String, source.String, origin.String
		if err := yield(&a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading stored articles: %w", err)
	}
	return nil
}

// Counts returns the number of stored articles, events and merged events.
func (s *Store) Counts(ctx context.Context) (articles, events, merged int, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), (SELECT count(*) FROM merged_events)`).
		Scan(&articles, &events, &merged)
	if err != nil {
		err = fmt.Errorf("counting stored rows: %w", err)
	}
	return
}
