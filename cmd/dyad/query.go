package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/eventio"
)

func cmdQuery(ctx context.Context, e *env, args []string) error {
	req, db, err := parseQuery(e, args)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, dbPath(e, db), true)
	if err != nil {
		return err
	}
	defer st.Close()
	return runQuery(ctx, st, e.stdout, req)
}

// parseQuery reads the flags of "dyad query" into a request and the --db flag.
func parseQuery(e *env, args []string) (queryRequest, string, error) {
	fs := newFlagSet(e, "query", "[flags]\n\n"+
		"Lists stored events that match every filter given, or counts them (--by). Codes match as\n"+
		"prefixes (--actor TUR matches TURGOV), names as case-insensitive prefixes.")
	db := dbFlag(fs)
	var f queryFilter
	fs.StringVar(&f.actor, "actor", "", "source or target actor: code or name `prefix`")
	fs.StringVar(&f.source, "source", "", "source actor: code or name `prefix`")
	fs.StringVar(&f.target, "target", "", "target actor: code or name `prefix`")
	dyadFlag := fs.String("dyad", "", "source and target code prefixes, `SRC-TGT` (e.g. TUR-IRN)")
	fs.StringVar(&f.code, "code", "", "CAMEO event `code` or root; matches it and its subcodes (04 matches 040..046)")
	fs.StringVar(&f.plover, "plover", "", "PLOVER event `type` (CONSULT, ASSAULT, ...)")
	fs.IntVar(&f.quad, "quad", 0, "quad `class`: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")
	fs.StringVar(&f.country, "country", "", "country where the event happened (ISO 3166 alpha-3 `code`)")
	fs.StringVar(&f.place, "place", "", "place where the event happened: name `prefix`")
	from := fs.String("from", "", "first `date` (YYYY-MM-DD)")
	to := fs.String("to", "", "last `date` (YYYY-MM-DD)")
	fs.StringVar(&f.text, "text", "", "evidence contains `words` (case-insensitive)")
	by := fs.String("by", "", "count events by `period,key`: period day, week or month; key dyad, source, target, root or plover (either or both)")
	merged := fs.Bool("merged", false, "query merged events (duplicate reports folded) instead of events")
	format := fs.String("format", "", "output `format`: table, jsonl, csv or tsv (default: table on a terminal, else jsonl)")
	limit := fs.Int("limit", 0, "print at most `N` rows (0: all)")
	var req queryRequest
	if err := parseFlags(fs, args); err != nil {
		return req, "", err
	}
	if fs.NArg() > 0 {
		return req, "", usageError("unexpected arguments %q: filters are flags", fs.Args())
	}
	if *dyadFlag != "" {
		src, tgt, ok := strings.Cut(*dyadFlag, "-")
		if !ok || src == "" || tgt == "" {
			return req, "", usageError("--dyad %q: want SRC-TGT, e.g. TUR-IRN", *dyadFlag)
		}
		f.dyadSource, f.dyadTarget = src, tgt
	}
	var err error
	if f.from, err = dyad.ParseDate(*from); err != nil {
		return req, "", usageError("--from: %v", err)
	}
	if f.to, err = dyad.ParseDate(*to); err != nil {
		return req, "", usageError("--to: %v", err)
	}
	if err := f.validate(); err != nil {
		return req, "", err
	}
	agg, err := parseBy(*by)
	if err != nil {
		return req, "", err
	}
	if *format == "" {
		*format = "jsonl"
		if isTerminalWriter(e.stdout) {
			*format = "table"
		}
	}
	if !slices.Contains([]string{"table", "jsonl", "csv", "tsv"}, *format) {
		return req, "", usageError("--format %q: want table, jsonl, csv or tsv", *format)
	}
	if *limit < 0 {
		return req, "", usageError("--limit %d: want 0 or more", *limit)
	}
	return queryRequest{filter: f, agg: agg, merged: *merged, format: *format, limit: *limit}, *db, nil
}

// queryFilter holds the filters of "dyad query"; the zero value matches every event.
type queryFilter struct {
	actor, source, target  string
	dyadSource, dyadTarget string
	code, plover           string
	quad                   int
	country, place         string
	from, to               dyad.Date
	text                   string
}

// validate rejects codes dyad does not know and normalises case.
func (f *queryFilter) validate() error {
	if f.code != "" {
		if _, ok := dyad.LookupCode(f.code); !ok {
			return usageError("--code %q: not a CAMEO event code or root (e.g. 04, 043, 1823)", f.code)
		}
	}
	if f.plover != "" {
		p := strings.ToUpper(f.plover)
		if !slices.Contains(dyad.PLOVERTypes, p) {
			return usageError("--plover %q: not a PLOVER event type (one of %s)", f.plover, strings.Join(dyad.PLOVERTypes, ", "))
		}
		f.plover = p
	}
	if f.quad != 0 && (f.quad < 1 || f.quad > 4) {
		return usageError("--quad %d: quad classes are 1 to 4", f.quad)
	}
	if f.country != "" {
		c := strings.ToUpper(f.country)
		if len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return usageError("--country %q: want an ISO 3166 alpha-3 code such as TUR", f.country)
		}
		f.country = c
	}
	if !f.from.IsZero() && !f.to.IsZero() && f.to.Before(f.from) {
		return usageError("--to %s is before --from %s", f.to, f.from)
	}
	return nil
}

// where builds the WHERE clause (with $n parameters) for the events or merged_events table.
func (f *queryFilter) where(merged bool) (string, []any) {
	var conds []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	actor := func(side, v string) string {
		code, name := arg(strings.ToUpper(v)), arg(strings.ToLower(v))
		return fmt.Sprintf("(starts_with(%s_code, %s) OR starts_with(lower(%s_name), %s))", side, code, side, name)
	}
	if f.actor != "" {
		conds = append(conds, "("+actor("source", f.actor)+" OR "+actor("target", f.actor)+")")
	}
	if f.source != "" {
		conds = append(conds, actor("source", f.source))
	}
	if f.target != "" {
		conds = append(conds, actor("target", f.target))
	}
	if f.dyadSource != "" {
		conds = append(conds, "starts_with(source_code, "+arg(strings.ToUpper(f.dyadSource))+")",
			"starts_with(target_code, "+arg(strings.ToUpper(f.dyadTarget))+")")
	}
	if f.code != "" {
		conds = append(conds, "starts_with(cameo, "+arg(f.code)+")")
	}
	if f.plover != "" {
		conds = append(conds, "plover = "+arg(f.plover))
	}
	if f.quad != 0 {
		conds = append(conds, "quad_class = "+arg(f.quad))
	}
	if f.country != "" {
		conds = append(conds, "location_country = "+arg(f.country))
	}
	if f.place != "" {
		conds = append(conds, "starts_with(lower(location_name), "+arg(strings.ToLower(f.place))+")")
	}
	if !f.from.IsZero() {
		conds = append(conds, "date >= "+arg(f.from.Time()))
	}
	if !f.to.IsZero() {
		conds = append(conds, "date <= "+arg(f.to.Time()))
	}
	if f.text != "" {
		col := "evidence"
		if merged {
			col = "array_to_string(evidence, ' ')"
		}
		conds = append(conds, "strpos(lower("+col+"), "+arg(strings.ToLower(f.text))+") > 0")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// aggregation is what --by asks for: a period, a key, or both.
type aggregation struct {
	period string // "", day, week, month
	key    string // "", dyad, source, target, root, plover
}

func (a aggregation) isZero() bool { return a.period == "" && a.key == "" }

func parseBy(s string) (aggregation, error) {
	var a aggregation
	if s == "" {
		return a, nil
	}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		switch part {
		case "day", "week", "month":
			if a.period != "" {
				return a, usageError("--by %q: one period at most", s)
			}
			a.period = part
		case "dyad", "source", "target", "root", "plover":
			if a.key != "" {
				return a, usageError("--by %q: one of dyad, source, target, root, plover at most", s)
			}
			a.key = part
		default:
			return a, usageError("--by %q: %q is not day, week, month, dyad, source, target, root or plover", s, part)
		}
	}
	return a, nil
}

// queryRequest is one run of "dyad query".
type queryRequest struct {
	filter queryFilter
	agg    aggregation
	merged bool
	format string
	limit  int
}

// eventColumns are the columns scanEvent reads, in order.
const eventColumns = `id, doc, sentence, date, doc_date,
	source_text, source_name, source_code, source_country, source_agent,
	target_text, target_name, target_code, target_country, target_agent,
	cameo, root, plover, quad_class, goldstein,
	location_name, location_country, location_lat, location_lon, evidence, span_start, span_end`

// mergedColumns are the columns scanMerged reads, in order.
const mergedColumns = `id, date, last_date,
	source_name, source_code, source_country, source_agent,
	target_name, target_code, target_country, target_agent,
	cameo, root, plover, quad_class, goldstein,
	location_name, location_country, location_lat, location_lon,
	mentions, articles, sources, url, publisher, ingested_at, docs, event_ids, evidence`

func runQuery(ctx context.Context, st queryStore, w io.Writer, q queryRequest) error {
	table := "events"
	if q.merged {
		table = "merged_events"
	}
	where, args := q.filter.where(q.merged)
	if !q.agg.isZero() {
		return runAggregate(ctx, st, w, q, table, where, args)
	}
	cols := eventColumns
	if q.merged {
		cols = mergedColumns
	}
	query := "SELECT " + cols + " FROM " + table + where + " ORDER BY date, id"
	if q.limit > 0 {
		query += " LIMIT " + strconv.Itoa(q.limit)
	}
	rows, err := st.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	out, err := newEventOutput(w, q.format, q.merged)
	if err != nil {
		return err
	}
	for rows.Next() {
		if q.merged {
			m, err := scanMerged(rows)
			if err != nil {
				return err
			}
			err = out.merged(&m)
		} else {
			ev, err := scanEvent(rows)
			if err != nil {
				return err
			}
			err = out.event(&ev)
		}
		if err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading events: %w", err)
	}
	return out.close()
}

func runAggregate(ctx context.Context, st queryStore, w io.Writer, q queryRequest, table, where string, args []any) error {
	var sel, group []string
	var header []string
	if q.agg.period != "" {
		sel = append(sel, "date_trunc('"+q.agg.period+"', date) AS period")
		group = append(group, "period")
		header = append(header, q.agg.period)
	}
	switch q.agg.key {
	case "dyad":
		sel = append(sel, "source_code", "target_code")
		group = append(group, "source_code", "target_code")
		header = append(header, "source", "target")
	case "source", "target":
		sel = append(sel, q.agg.key+"_code")
		group = append(group, q.agg.key+"_code")
		header = append(header, q.agg.key)
	case "root", "plover":
		sel = append(sel, q.agg.key)
		group = append(group, q.agg.key)
		header = append(header, q.agg.key)
	}
	sel = append(sel, "count(*) AS events", "coalesce(sum(goldstein), 0) AS goldstein")
	header = append(header, "events", "goldstein")
	if q.merged {
		sel = append(sel, "sum(mentions) AS mentions")
		header = append(header, "mentions")
	}
	var order []string
	if q.agg.period != "" {
		order = append([]string{"period", "events DESC"}, group[1:]...)
	} else {
		order = append([]string{"events DESC"}, group...)
	}
	query := "SELECT " + strings.Join(sel, ", ") + " FROM " + table + where +
		" GROUP BY " + strings.Join(group, ", ") + " ORDER BY " + strings.Join(order, ", ")
	if q.limit > 0 {
		query += " LIMIT " + strconv.Itoa(q.limit)
	}
	rows, err := st.Query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	tw := newTableOutput(w, q.format, header)
	vals := make([]any, len(header))
	ptrs := make([]any, len(header))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("reading counts: %w", err)
		}
		row := make([]any, len(vals))
		for i, v := range vals {
			switch x := v.(type) {
			case time.Time:
				if q.agg.period == "month" {
					row[i] = x.Format("2006-01")
				} else {
					row[i] = x.Format(time.DateOnly)
				}
			case nil:
				row[i] = ""
			default:
				row[i] = x
			}
		}
		if err := tw.write(row); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading counts: %w", err)
	}
	return tw.close()
}

// scanEvent reads one row of eventColumns.
func scanEvent(rows *sql.Rows) (dyad.Event, error) {
	var e dyad.Event
	dest, finish := eventScanDest(&e)
	if err := rows.Scan(dest...); err != nil {
		return e, fmt.Errorf("reading events: %w", err)
	}
	finish()
	return e, nil
}

// eventScanDest returns Scan destinations for eventColumns and a function that fills e from them
// once Scan has run.
func eventScanDest(e *dyad.Event) ([]any, func()) {
	var date, docDate sql.NullTime
	var st [10]sql.NullString
	var cameo, root, plover, ln, lc, evidence sql.NullString
	var quad, sent, start, end sql.NullInt64
	var gold, lat, lon sql.NullFloat64
	dest := []any{&e.ID, &e.Doc, &sent, &date, &docDate,
		&st[0], &st[1], &st[2], &st[3], &st[4], &st[5], &st[6], &st[7], &st[8], &st[9],
		&cameo, &root, &plover, &quad, &gold, &ln, &lc, &lat, &lon, &evidence, &start, &end}
	return dest, func() {
		e.Sentence = int(sent.Int64)
		e.Date, e.DocDate = fromNullTime(date), fromNullTime(docDate)
		e.Source = dyad.Actor{Text: st[0].String, Name: st[1].String, Code: st[2].String, Country: st[3].String, Agent: st[4].String}
		e.Target = dyad.Actor{Text: st[5].String, Name: st[6].String, Code: st[7].String, Country: st[8].String, Agent: st[9].String}
		e.CAMEO, e.Root, e.PLOVER = cameo.String, root.String, plover.String
		e.QuadClass, e.Goldstein = int(quad.Int64), gold.Float64
		e.Location = nil
		if ln.Valid {
			e.Location = &dyad.Location{Name: ln.String, Country: lc.String, Lat: lat.Float64, Lon: lon.Float64}
		}
		e.Evidence = evidence.String
		e.Span = dyad.Span{Start: int(start.Int64), End: int(end.Int64)}
	}
}

func fromNullTime(t sql.NullTime) dyad.Date {
	if !t.Valid {
		return dyad.Date{}
	}
	return dyad.DateOf(t.Time.Date())
}

// mergedEvent is a merged event as dyad prints and exports it: the attributes of its first report
// and the counts of all of them.
type mergedEvent struct {
	ID         string         `json:"id"`
	Date       dyad.Date      `json:"date"`
	LastDate   dyad.Date      `json:"last_date"`
	Source     dyad.Actor     `json:"source"`
	Target     dyad.Actor     `json:"target"`
	CAMEO      string         `json:"cameo"`
	Root       string         `json:"root"`
	PLOVER     string         `json:"plover"`
	QuadClass  int            `json:"quad_class"`
	Goldstein  float64        `json:"goldstein"`
	Location   *dyad.Location `json:"location"`
	Mentions   int            `json:"mentions"`
	Articles   int            `json:"articles"`
	Sources    int            `json:"sources"`
	URL        string         `json:"url"`
	Publisher  string         `json:"publisher"`
	IngestedAt time.Time      `json:"-"`
	Docs       []string       `json:"docs"`
	EventIDs   []string       `json:"event_ids"`
	Evidence   []string       `json:"evidence"`
}

// scanMerged reads one row of mergedColumns.
func scanMerged(rows *sql.Rows) (mergedEvent, error) {
	var m mergedEvent
	var date, last, ingested sql.NullTime
	var st [8]sql.NullString
	var cameo, root, plover, ln, lc, url, pub sql.NullString
	var quad, mentions, articles, sources sql.NullInt64
	var gold, lat, lon sql.NullFloat64
	var docs, ids, evidence any
	err := rows.Scan(&m.ID, &date, &last, &st[0], &st[1], &st[2], &st[3], &st[4], &st[5], &st[6], &st[7],
		&cameo, &root, &plover, &quad, &gold, &ln, &lc, &lat, &lon,
		&mentions, &articles, &sources, &url, &pub, &ingested, &docs, &ids, &evidence)
	if err != nil {
		return m, fmt.Errorf("reading merged events: %w", err)
	}
	m.Date, m.LastDate = fromNullTime(date), fromNullTime(last)
	m.Source = dyad.Actor{Name: st[0].String, Code: st[1].String, Country: st[2].String, Agent: st[3].String}
	m.Target = dyad.Actor{Name: st[4].String, Code: st[5].String, Country: st[6].String, Agent: st[7].String}
	m.CAMEO, m.Root, m.PLOVER = cameo.String, root.String, plover.String
	m.QuadClass, m.Goldstein = int(quad.Int64), gold.Float64
	if ln.Valid {
		m.Location = &dyad.Location{Name: ln.String, Country: lc.String, Lat: lat.Float64, Lon: lon.Float64}
	}
	m.Mentions, m.Articles, m.Sources = int(mentions.Int64), int(articles.Int64), int(sources.Int64)
	m.URL, m.Publisher = url.String, pub.String
	if ingested.Valid {
		m.IngestedAt = ingested.Time
	}
	m.Docs, m.EventIDs, m.Evidence = sqlStrings(docs), sqlStrings(ids), sqlStrings(evidence)
	return m, nil
}

// sqlStrings converts a scanned SQL list of strings.
func sqlStrings(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, 0, len(x))
		for _, s := range x {
			if s != nil {
				out = append(out, fmt.Sprint(s))
			}
		}
		return out
	}
	return []string{}
}

// eventOutput writes events or merged events in one of the query formats.
type eventOutput struct {
	jsonl  *json.Encoder
	events eventio.Writer
	table  *tableOutput
	bw     io.Writer
}

var mergedHeader = []string{"id", "date", "last_date", "source_code", "source_name", "target_code", "target_name",
	"cameo", "plover", "quad_class", "goldstein", "location", "mentions", "articles", "sources", "evidence"}

var eventTableHeader = []string{"date", "source", "target", "cameo", "plover", "quad", "goldstein", "place", "evidence"}

func newEventOutput(w io.Writer, format string, merged bool) (*eventOutput, error) {
	switch {
	case format == "table" && merged:
		return &eventOutput{table: newTableOutput(w, format, []string{"date", "last", "source", "target", "cameo", "plover", "mentions", "articles", "sources", "evidence"})}, nil
	case format == "table":
		return &eventOutput{table: newTableOutput(w, format, eventTableHeader)}, nil
	case merged && format == "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return &eventOutput{jsonl: enc}, nil
	case merged:
		return &eventOutput{table: newTableOutput(w, format, mergedHeader)}, nil
	}
	ew, err := eventio.NewWriter(w, format)
	if err != nil {
		return nil, usageError("--format: %v", err)
	}
	return &eventOutput{events: ew}, nil
}

func (o *eventOutput) event(e *dyad.Event) error {
	if o.events != nil {
		return o.events.Write(e)
	}
	place := ""
	if e.Location != nil {
		place = e.Location.Name
	}
	return o.table.write([]any{e.Date.String(), actorLabel(e.Source), actorLabel(e.Target), e.CAMEO, e.PLOVER, e.QuadClass, e.Goldstein, place, e.Evidence})
}

func (o *eventOutput) merged(m *mergedEvent) error {
	if o.jsonl != nil {
		return o.jsonl.Encode(m)
	}
	ev := strings.Join(m.Evidence, " | ")
	if o.table.format == "table" {
		first := ""
		if len(m.Evidence) > 0 {
			first = m.Evidence[0]
		}
		return o.table.write([]any{m.Date.String(), m.LastDate.String(), actorLabel(m.Source), actorLabel(m.Target), m.CAMEO, m.PLOVER,
			m.Mentions, m.Articles, m.Sources, first})
	}
	loc := ""
	if m.Location != nil {
		loc = m.Location.Name
	}
	return o.table.write([]any{m.ID, m.Date.String(), m.LastDate.String(), m.Source.Code, m.Source.Name, m.Target.Code, m.Target.Name,
		m.CAMEO, m.PLOVER, m.QuadClass, m.Goldstein, loc, m.Mentions, m.Articles, m.Sources, ev})
}

func (o *eventOutput) close() error {
	switch {
	case o.events != nil:
		return o.events.Close()
	case o.table != nil:
		return o.table.close()
	}
	return nil
}

func actorLabel(a dyad.Actor) string {
	switch {
	case a.Code != "" && a.Name != "":
		return a.Code + " " + a.Name
	case a.Code != "":
		return a.Code
	}
	return a.Name
}
