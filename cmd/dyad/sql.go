package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"
)

func cmdSQL(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "sql", "[flags] \"SQL\"\n\n"+
		"Runs SQL over the event store (read-only) and prints the result. The tables are articles,\n"+
		"events, merged_events and schema_version; docs/store.md lists their columns. Example:\n"+
		"  dyad sql \"SELECT plover, count(*) FROM events GROUP BY ALL ORDER BY 2 DESC\"")
	db := dbFlag(fs)
	format := fs.String("format", "", "output `format`: table, csv, tsv or jsonl (default: table on a terminal, else csv)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if query == "" {
		return usageError("no SQL given")
	}
	if *format == "" {
		*format = "csv"
		if isTerminalWriter(e.stdout) {
			*format = "table"
		}
	}
	if !slices.Contains([]string{"table", "jsonl", "csv", "tsv"}, *format) {
		return usageError("--format %q: want table, csv, tsv or jsonl", *format)
	}
	st, err := openStore(ctx, dbPath(e, *db), true)
	if err != nil {
		return err
	}
	defer st.Close()
	return runSQL(ctx, st, e.stdout, query, *format)
}

// runSQL runs one query and prints its rows.
func runSQL(ctx context.Context, st queryStore, w io.Writer, query, format string) error {
	rows, err := st.Query(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("reading result: %w", err)
	}
	out := newTableOutput(w, format, cols)
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("reading result: %w", err)
		}
		if err := out.write(slices.Clone(vals)); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading result: %w", err)
	}
	return out.close()
}

// tableOutput writes rows under a header as an aligned table, CSV, TSV or JSON lines (one object
// per row, keyed by the header).
type tableOutput struct {
	format string
	header []string
	tw     *tabwriter.Writer
	cw     *csv.Writer
	bw     *bufio.Writer
	enc    *json.Encoder
	wrote  bool
}

// maxCell is the widest cell of the aligned table, in characters.
const maxCell = 60

func newTableOutput(w io.Writer, format string, header []string) *tableOutput {
	t := &tableOutput{format: format, header: header}
	switch format {
	case "table":
		t.tw = tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	case "csv":
		t.cw = csv.NewWriter(w)
	case "jsonl":
		t.bw = bufio.NewWriter(w)
		t.enc = json.NewEncoder(t.bw)
		t.enc.SetEscapeHTML(false)
	default: // tsv
		t.bw = bufio.NewWriter(w)
	}
	return t
}

func (t *tableOutput) writeHeader() error {
	if t.wrote {
		return nil
	}
	t.wrote = true
	switch t.format {
	case "jsonl":
		return nil
	case "table":
		return t.line(t.header)
	}
	return t.line(t.header)
}

func (t *tableOutput) line(cells []string) error {
	switch t.format {
	case "csv":
		return t.cw.Write(cells)
	case "table":
		for i, c := range cells {
			c = strings.Join(strings.Fields(c), " ")
			if utf8.RuneCountInString(c) > maxCell {
				r := []rune(c)
				c = string(r[:maxCell-1]) + "…"
			}
			cells[i] = c
		}
		_, err := io.WriteString(t.tw, strings.Join(cells, "\t")+"\n")
		return err
	}
	for i, c := range cells {
		cells[i] = layoutSafe.Replace(c)
	}
	_, err := t.bw.WriteString(strings.Join(cells, "\t") + "\n")
	return err
}

// layoutSafe keeps a TSV record on one line.
var layoutSafe = strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ")

// write writes one row of values (strings, numbers, times, lists, nil).
func (t *tableOutput) write(row []any) error {
	if err := t.writeHeader(); err != nil {
		return err
	}
	if t.format == "jsonl" {
		obj := make(map[string]any, len(row))
		for i, v := range row {
			if i < len(t.header) {
				obj[t.header[i]] = jsonValue(v)
			}
		}
		return t.enc.Encode(orderedObject{keys: t.header, m: obj})
	}
	cells := make([]string, len(row))
	for i, v := range row {
		cells[i] = formatCell(v)
	}
	return t.line(cells)
}

func (t *tableOutput) close() error {
	if err := t.writeHeader(); err != nil {
		return err
	}
	switch t.format {
	case "table":
		return t.tw.Flush()
	case "csv":
		t.cw.Flush()
		return t.cw.Error()
	}
	return t.bw.Flush()
}

// orderedObject marshals as a JSON object with its keys in header order.
type orderedObject struct {
	keys []string
	m    map[string]any
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(o.m[k])
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// jsonValue turns a scanned SQL value into something encoding/json writes well.
func jsonValue(v any) any {
	switch x := v.(type) {
	case time.Time, []byte:
		return formatCell(x)
	case float64:
		return roundFloat(x)
	case *big.Int:
		return x.String()
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e)
		}
		return out
	}
	return v
}

func roundFloat(x float64) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	return math.Round(x*1e6) / 1e6
}

// formatCell renders a scanned SQL value as text: dates as YYYY-MM-DD, times as RFC 3339, lists
// and structs as JSON, NULL as the empty string.
func formatCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format(time.DateOnly)
		}
		return x.Format(time.RFC3339Nano)
	case float64:
		return strconv.FormatFloat(roundFloat(x), 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(roundFloat(float64(x)), 'f', -1, 32)
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, bool:
		return fmt.Sprint(x)
	case fmt.Stringer:
		return x.String()
	}
	b, err := json.Marshal(jsonValue(v))
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
