// Package eventio writes coded events in the formats analysts load: JSONL (dyad's contract schema),
// and flat CSV/TSV tables with a header row whose column names follow GDELT where one exists.
package eventio

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad"
)

// Writer writes events one at a time; Close flushes what is buffered.
type Writer interface {
	Write(e *dyad.Event) error
	Close() error
}

// Formats lists the format names NewWriter accepts.
var Formats = []string{"jsonl", "tsv", "csv"}

// NewWriter returns a writer of the named format ("jsonl", "tsv" or "csv").
func NewWriter(w io.Writer, format string) (Writer, error) {
	switch format {
	case "jsonl", "json", "ndjson":
		bw := bufio.NewWriter(w)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		return &jsonlWriter{bw: bw, enc: enc}, nil
	case "tsv":
		return &tableWriter{tsv: true, bw: bufio.NewWriter(w)}, nil
	case "csv":
		cw := csv.NewWriter(w)
		return &tableWriter{cw: cw}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

type jsonlWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func (w *jsonlWriter) Write(e *dyad.Event) error { return w.enc.Encode(e) }
func (w *jsonlWriter) Close() error              { return w.bw.Flush() }

// Columns is the header of the CSV and TSV formats, in order.
var Columns = []string{
	"GLOBALEVENTID", "DocID", "Sentence", "SQLDATE", "DocDate",
	"Actor1Text", "Actor1Name", "Actor1Code", "Actor1CountryCode", "Actor1Type1Code",
	"Actor2Text", "Actor2Name", "Actor2Code", "Actor2CountryCode", "Actor2Type1Code",
	"EventCode", "EventBaseCode", "EventRootCode", "PLOVER", "QuadClass", "GoldsteinScale",
	"ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
	"Evidence", "SpanStart", "SpanEnd",
}

// Row flattens an event into the values of Columns.
func Row(e *dyad.Event) []string {
	base := e.CAMEO
	if len(base) > 3 {
		base = base[:3]
	}
	var geoName, geoCountry, lat, lon string
	if l := e.Location; l != nil {
		geoName, geoCountry = l.Name, l.Country
		lat = strconv.FormatFloat(l.Lat, 'f', -1, 64)
		lon = strconv.FormatFloat(l.Lon, 'f', -1, 64)
	}
	return []string{
		e.ID, e.Doc, strconv.Itoa(e.Sentence), e.Date.String(), e.DocDate.String(),
		e.Source.Text, e.Source.Name, e.Source.Code, e.Source.Country, e.Source.Agent,
		e.Target.Text, e.Target.Name, e.Target.Code, e.Target.Country, e.Target.Agent,
		e.CAMEO, base, e.Root, e.PLOVER, strconv.Itoa(e.QuadClass), strconv.FormatFloat(e.Goldstein, 'f', -1, 64),
		geoName, geoCountry, lat, lon,
		e.Evidence, strconv.Itoa(e.Span.Start), strconv.Itoa(e.Span.End),
	}
}

type tableWriter struct {
	tsv    bool
	bw     *bufio.Writer
	cw     *csv.Writer
	header bool
}

// tsvEscape keeps one record a line: tabs and line breaks inside a field become spaces.
var tsvEscape = strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ")

func (w *tableWriter) writeRow(row []string) error {
	if !w.tsv {
		return w.cw.Write(row)
	}
	for i, f := range row {
		if i > 0 {
			w.bw.WriteByte('\t')
		}
		w.bw.WriteString(tsvEscape.Replace(f))
	}
	return w.bw.WriteByte('\n')
}

func (w *tableWriter) Write(e *dyad.Event) error {
	if !w.header {
		w.header = true
		if err := w.writeRow(Columns); err != nil {
			return err
		}
	}
	return w.writeRow(Row(e))
}

func (w *tableWriter) Close() error {
	if !w.header { // an empty result still gets its header
		w.header = true
		if err := w.writeRow(Columns); err != nil {
			return err
		}
	}
	if w.tsv {
		return w.bw.Flush()
	}
	w.cw.Flush()
	return w.cw.Error()
}
