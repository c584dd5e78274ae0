package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/eventio"
)

func cmdExport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "export", "[flags] -o FILE\n\n"+
		"Exports every stored event (or merged event) in date order. Parquet, CSV and TSV have the\n"+
		"columns of the store's tables (docs/store.md); JSONL has dyad's event schema. --layout gdelt\n"+
		"writes GDELT 1.0 event records (58 tab-separated columns, no header unless --header) and\n"+
		"--layout icews ICEWS-like records, so that scripts written for those data sets can read them.")
	db := dbFlag(fs)
	format := fs.String("format", "", "`format`: parquet, csv, tsv or jsonl (default: from the -o extension, else jsonl; tsv with --layout)")
	out := fs.String("o", "", "write to `FILE` (default stdout; required for parquet)")
	merged := fs.Bool("merged", false, "export merged events (duplicate reports folded, with mention counts)")
	layout := fs.String("layout", "", "column `layout`: gdelt or icews (tab-separated)")
	header := fs.Bool("header", false, "with --layout gdelt: write a header row (GDELT's own files have none)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected arguments %q (the output file is -o FILE)", fs.Args())
	}
	if *format == "" {
		*format = formatFromName(*out)
		if *layout != "" {
			*format = "tsv"
		}
	}
	switch *format {
	case "parquet", "csv", "tsv", "jsonl":
	default:
		return usageError("--format %q: want parquet, csv, tsv or jsonl", *format)
	}
	switch *layout {
	case "", "gdelt", "icews":
	default:
		return usageError("--layout %q: want gdelt or icews", *layout)
	}
	if *layout != "" && *format != "tsv" {
		return usageError("--layout %s writes tab-separated records: drop --format %s or use --format tsv", *layout, *format)
	}
	if *header && *layout != "gdelt" {
		return usageError("--header goes with --layout gdelt")
	}
	if *format == "parquet" && (*out == "" || *out == "-") {
		return usageError("parquet needs a file: give -o FILE")
	}
	st, err := openStore(ctx, dbPath(e, *db), true)
	if err != nil {
		return err
	}
	defer st.Close()
	req := exportRequest{format: *format, merged: *merged, layout: *layout, header: *header}
	if *format == "parquet" {
		return runExport(ctx, st, nil, *out, req)
	}
	var w io.Writer = e.stdout
	var f *os.File
	if *out != "" && *out != "-" {
		if f, err = os.Create(*out); err != nil {
			return err
		}
		w = f
	}
	err = runExport(ctx, st, w, *out, req)
	if f != nil {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing %s: %w", *out, cerr)
		}
	}
	return err
}

// formatFromName guesses the export format from a file name.
func formatFromName(name string) string {
	for _, f := range []string{"parquet", "csv", "tsv", "jsonl"} {
		if strings.HasSuffix(name, "."+f) {
			return f
		}
	}
	return "jsonl"
}

// exportRequest is one run of "dyad export".
type exportRequest struct {
	format string // parquet, csv, tsv, jsonl
	merged bool
	layout string // "", gdelt, icews
	header bool   // GDELT header row
}

// exportEventColumns are the columns of an events export (Parquet, CSV, TSV): the events table.
const exportEventColumns = eventColumns + `, ingested_at, coder_version`

// exportMergedColumns are the columns of a merged events export.
const exportMergedColumns = mergedColumns

func runExport(ctx context.Context, st exportStore, w io.Writer, path string, req exportRequest) error {
	table, cols := "events", exportEventColumns
	if req.merged {
		table, cols = "merged_events", exportMergedColumns
	}
	query := "SELECT " + cols + " FROM " + table + " ORDER BY date, id"
	switch {
	case req.format == "parquet":
		return st.CopyParquet(ctx, query, path)
	case req.layout != "":
		return exportLayout(ctx, st, w, req)
	case req.format == "jsonl":
		return runQuery(ctx, st, w, queryRequest{merged: req.merged, format: "jsonl"})
	}
	return runSQL(ctx, st, w, query, req.format)
}

// exportLayout writes events or merged events in the GDELT or ICEWS layout.
func exportLayout(ctx context.Context, st queryStore, w io.Writer, req exportRequest) error {
	var lw *eventio.LayoutWriter
	if req.layout == "gdelt" {
		lw = eventio.NewGDELTWriter(w, req.header)
	} else {
		lw = eventio.NewICEWSWriter(w)
	}
	var query string
	if req.merged {
		query = "SELECT " + mergedColumns + " FROM merged_events ORDER BY date, id"
	} else {
		query = "SELECT " + prefixed("e.", eventColumns) + ", e.ingested_at, a.url, a.source FROM events e LEFT JOIN articles a ON a.id = e.doc ORDER BY e.date, e.id"
	}
	rows, err := st.Query(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var ev dyad.Event
		var p eventio.Provenance
		if req.merged {
			m, err := scanMerged(rows)
			if err != nil {
				return err
			}
			ev = dyad.Event{ID: m.ID, Doc: firstString(m.Docs), Date: m.Date, Source: m.Source, Target: m.Target, CAMEO: m.CAMEO, Root: m.Root,
				PLOVER: m.PLOVER, QuadClass: m.QuadClass, Goldstein: m.Goldstein, Location: m.Location, Evidence: firstString(m.Evidence)}
			ev.Sentence = -1 // unknown for a merged event: not a root event
			p = eventio.Provenance{Mentions: m.Mentions, Sources: m.Sources, Articles: m.Articles, URL: m.URL, Publisher: m.Publisher}
			if !m.IngestedAt.IsZero() {
				p.Added = dyad.DateOf(m.IngestedAt.Date())
			}
		} else {
			ev, p, err = scanEventProvenance(rows)
			if err != nil {
				return err
			}
		}
		if err := lw.Write(&ev, p); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading events: %w", err)
	}
	return lw.Close()
}

// scanEventProvenance reads eventColumns followed by ingested_at, the article's url and source.
func scanEventProvenance(rows interface{ Scan(...any) error }) (dyad.Event, eventio.Provenance, error) {
	var ev dyad.Event
	var p eventio.Provenance
	dest, finish := eventScanDest(&ev)
	var ingested sql.NullTime
	var url, source sql.NullString
	dest = append(dest, &ingested, &url, &source)
	if err := rows.Scan(dest...); err != nil {
		return ev, p, fmt.Errorf("reading events: %w", err)
	}
	finish()
	p = eventio.Provenance{Mentions: 1, Sources: 1, Articles: 1, URL: url.String, Publisher: source.String}
	if ingested.Valid {
		p.Added = dyad.DateOf(ingested.Time.Date())
	}
	return ev, p, nil
}

func firstString(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// prefixed qualifies each column of a comma-separated list with p.
func prefixed(p, cols string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}
