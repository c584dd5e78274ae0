package duckdb

import (
	"context"
	"errors"
	"fmt"
)

// mergeSQL folds reports of the same event into merged events. Reports are the same event when
// they have the same source code, target code and CAMEO code and each is dated at most $1 days
// after the previous one (so with 0 they share the date). Events without a date are never merged.
// The first report (by date, then id) gives the merged event its id and attributes; a location is
// taken from the first report that has one.
const mergeSQL = `
INSERT INTO merged_events
WITH e AS (
	SELECT ev.*, coalesce(nullif(a.source, ''), ev.doc) AS outlet, a.url AS url, a.source AS publisher
	FROM events ev LEFT JOIN articles a ON a.id = ev.doc
), b AS (
	SELECT *, CASE WHEN date IS NULL OR lag(date) OVER w IS NULL OR date - lag(date) OVER w > $1 THEN 1 ELSE 0 END AS brk
	FROM e
	WINDOW w AS (PARTITION BY source_code, target_code, cameo, date IS NULL ORDER BY date, id)
), c AS (
	SELECT *, sum(brk) OVER (PARTITION BY source_code, target_code, cameo, date IS NULL ORDER BY date, id
		ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cluster
	FROM b
)
SELECT
	first(id ORDER BY date, id), min(date), max(date),
	first(source_name ORDER BY date, id), source_code, first(source_country ORDER BY date, id), first(source_agent ORDER BY date, id),
	first(target_name ORDER BY date, id), target_code, first(target_country ORDER BY date, id), first(target_agent ORDER BY date, id),
	cameo, first(root ORDER BY date, id), first(plover ORDER BY date, id), first(quad_class ORDER BY date, id), first(goldstein ORDER BY date, id),
	first(location_name ORDER BY location_name IS NULL, date, id), first(location_country ORDER BY location_name IS NULL, date, id),
	first(location_lat ORDER BY location_name IS NULL, date, id), first(location_lon ORDER BY location_name IS NULL, date, id),
	count(*), count(DISTINCT doc), count(DISTINCT outlet),
	first(url ORDER BY date, id), first(publisher ORDER BY date, id), max(ingested_at),
	list(DISTINCT doc ORDER BY doc), list(id ORDER BY date, id), list(DISTINCT evidence ORDER BY evidence)
FROM c
GROUP BY source_code, target_code, cameo, date IS NULL, cluster
ORDER BY min(date), 1`

// Merge rebuilds the merged_events table from the events, allowing days of slack between reports
// of one event (see mergeSQL). It runs in one transaction: readers see the old or the new table.
func (s *Store) Merge(ctx context.Context, days int) error {
	if s.readOnly {
		return errors.New("merging in a store opened read-only")
	}
	if days < 0 {
		return fmt.Errorf("merge window of %d days: want 0 or more", days)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.setThreads(ctx, s.threads); err != nil {
		return fmt.Errorf("merging events: %w", err)
	}
	defer s.setThreads(context.WithoutCancel(ctx), 1)
	if err := s.exec(ctx, "BEGIN TRANSACTION"); err != nil {
		return fmt.Errorf("merging events: %w", err)
	}
	err := s.exec(ctx, "DELETE FROM merged_events")
	if err == nil {
		err = s.exec(ctx, mergeSQL, days)
	}
	if err == nil {
		err = s.exec(ctx, "DELETE FROM meta WHERE key = 'merge_days'")
	}
	if err == nil {
		err = s.exec(ctx, "INSERT INTO meta VALUES ('merge_days', ?)", fmt.Sprint(days))
	}
	if err == nil {
		err = s.exec(ctx, "COMMIT")
	}
	if err != nil {
		s.exec(context.WithoutCancel(ctx), "ROLLBACK")
		return fmt.Errorf("merging events: %w", err)
	}
	return nil
}
