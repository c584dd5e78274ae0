package duckdb_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/duckdb"
)

func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "dyad-example")
	defer os.RemoveAll(dir)
	st, err := duckdb.Open(ctx, filepath.Join(dir, "events.duckdb"), duckdb.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()

	// Two outlets report the same visit.
	var arts []*dyad.Article
	var evs []dyad.Event
	for i, outlet := range []string{"Daily Ledger", "Evening Post"} {
		a := &dyad.Article{ID: fmt.Sprintf("a%d", i), Date: dyad.MustDate("2024-03-04"), Source: outlet,
			Text: fmt.Sprintf("Report %d: Turkey's foreign minister visited Tehran.", i)}
		e := dyad.Event{ID: a.ID + "-0-0", Doc: a.ID, Date: a.Date, DocDate: a.Date, Evidence: a.Text,
			Source: dyad.Actor{Name: "Turkey", Code: "TURGOV", Country: "TUR", Agent: "GOV"},
			Target: dyad.Actor{Name: "Iran", Code: "IRN", Country: "IRN"}}
		e.SetCode("042")
		arts, evs = append(arts, a), append(evs, e)
	}
	if err := st.Write(ctx, "example", arts, evs); err != nil {
		fmt.Println(err)
		return
	}
	if err := st.Merge(ctx, 0); err != nil {
		fmt.Println(err)
		return
	}
	rows, err := st.Query(ctx, `SELECT source_code, target_code, cameo, mentions, articles, sources FROM merged_events`)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var src, tgt, code string
		var mentions, articles, sources int
		rows.Scan(&src, &tgt, &code, &mentions, &articles, &sources)
		fmt.Println(src, tgt, code, mentions, articles, sources)
	}
	// Output:
	// TURGOV IRN 042 2 2 2
}
