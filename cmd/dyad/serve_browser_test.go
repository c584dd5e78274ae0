package main

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/dyad-events/dyad/internal/testenv"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/dyad-events/dyad/internal/server"
)

// chromiumPath is the browser the end-to-end tests drive; DYAD_CHROMIUM overrides it.
func chromiumPath() string {
	if p := os.Getenv("DYAD_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// testOutDir is where the browser tests save screenshots: $DYAD_TEST_OUT/browser if set, else a
// temporary folder.
func testOutDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("DYAD_TEST_OUT"); d != "" {
		d = filepath.Join(d, "browser")
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// repoRoot walks up from the test's folder to the folder holding go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	return testenv.RepoRoot(t)
}

// TestServeBrowser drives Chromium through the dashboard over a store filled from the bundled
// examples with the real coder: load it, filter, open an article, look at a dyad, code text.
func TestServeBrowser(t *testing.T) {
	browser := chromiumPath()
	if _, err := os.Stat(browser); err != nil {
		t.Skipf("no browser at %s (apt-get install chromium, or set DYAD_CHROMIUM): %v", browser, err)
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	c, err := newArticleCoder(coderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "examples.duckdb")
	ingestInto(t, path, ingestOptions{inputs: []string{filepath.Join(repoRoot(t), "examples")}}, c)
	st, err := openStore(context.Background(), path, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ts := httptest.NewServer(server.New(serveStore{st}, c, server.Options{CacheEntries: 64, Version: "test"}))
	defer ts.Close()
	out := testOutDir(t)

	// apiGet reads an API answer from the test server itself, to know what the page must show.
	apiGet := func(path string, v any) {
		t.Helper()
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	var all, rus server.EventsResponse
	apiGet("/api/events?limit=1", &all)
	apiGet("/api/events?limit=1&actor=RUS", &rus)
	if all.Total == 0 || rus.Total == 0 || rus.Total >= all.Total {
		t.Fatalf("the examples give %d events, %d with RUS: want some, and fewer with RUS", all.Total, rus.Total)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1250),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	// chromedp may report errors from its own goroutines while the browser shuts down, after the
	// test has returned, where t.Logf must not be called.
	var logMu sync.Mutex
	testDone := false
	logf := func(format string, a ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		if !testDone {
			t.Logf(format, a...)
		}
	}
	defer func() {
		logMu.Lock()
		testDone = true
		logMu.Unlock()
	}()
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithErrorf(logf))
	defer cancel()

	// Script errors on the page fail the test.
	var mu sync.Mutex
	var pageErrors []string
	exceptions := chromedp.Events(ctx, runtime.ExceptionThrown)
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			mu.Lock()
			pageErrors = append(pageErrors, (&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error())
			mu.Unlock()
		}
	}()

	// The first Run starts the browser; later steps each get a bound so a broken page fails the
	// test instead of hanging it (a bound on waiting, not an assertion on speed).
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", browser, err)
	}
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, scancel := context.WithTimeout(ctx, 60*time.Second)
		defer scancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	eval := func(expr string) string {
		t.Helper()
		sctx, scancel := context.WithTimeout(ctx, 30*time.Second)
		defer scancel()
		v, err := chromedp.Run(sctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("evaluating %s: %v", expr, err)
		}
		return v
	}
	shot := func(name string) {
		t.Helper()
		sctx, scancel := context.WithTimeout(ctx, 30*time.Second)
		defer scancel()
		png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// waitLoaded waits until the page has finished a refresh started after the marker prev.
	waitLoaded := func(prev string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.body.dataset.loaded && document.body.dataset.loaded !== %q`, prev))
	}

	// 1. The dashboard loads with every event of the store in its chart and table.
	step("load dashboard", chromedp.Navigate(ts.URL+"/"), waitLoaded(""),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("#map path.land").length > 100`))
	if got := eval(`document.querySelector("#timeline").dataset.total`); got != fmt.Sprint(all.Total) {
		t.Errorf("chart counts %s events, want %d", got, all.Total)
	}
	if got := eval(`document.querySelector("#events").dataset.total`); got != fmt.Sprint(all.Total) {
		t.Errorf("table has %s events, want %d", got, all.Total)
	}
	if got := eval(`String(document.querySelectorAll("#timeline canvas").length)`); got == "0" {
		t.Error("no chart canvas")
	}
	if got := eval(`String(document.querySelectorAll("#network path.edge").length)`); got == "0" {
		t.Error("the network shows no actor pairs")
	}
	shot("dashboard.png")

	// 2. A filter changes the chart and the table to the filtered events.
	prev := eval(`document.body.dataset.loaded`)
	step("filter by actor", chromedp.SendKeys(`#filters input[name=actor]`, "RUS"), chromedp.Click(`#apply`), waitLoaded(prev))
	if got := eval(`document.querySelector("#timeline").dataset.total`); got != fmt.Sprint(rus.Total) {
		t.Errorf("after the filter the chart counts %s events, want %d", got, rus.Total)
	}
	if got := eval(`document.querySelector("#events").dataset.total`); got != fmt.Sprint(rus.Total) {
		t.Errorf("after the filter the table has %s events, want %d", got, rus.Total)
	}
	rows := eval(`String(document.querySelectorAll("#event-rows tr[data-id]").length)`)
	if rows != fmt.Sprint(min(rus.Total, 25)) {
		t.Errorf("table shows %s rows, want %d", rows, min(rus.Total, 25))
	}
	if loc := eval(`location.search`); !strings.Contains(loc, "actor=RUS") {
		t.Errorf("the filter is not in the address: %q", loc)
	}
	shot("filtered.png")

	// 3. A row opens its article with the event's evidence highlighted.
	id := eval(`document.querySelector("#event-rows tr[data-id]").dataset.id`)
	doc := eval(`document.querySelector("#event-rows tr[data-id]").dataset.doc`)
	var art server.ArticleResponse
	apiGet("/api/articles/"+url.PathEscape(doc), &art)
	var evidence string
	for _, e := range art.Events {
		if e.ID == id {
			evidence = e.Evidence
		}
	}
	if evidence == "" {
		t.Fatalf("event %s is not among the events of article %s", id, doc)
	}
	step("open article", chromedp.Click(`#event-rows tr[data-id]`), chromedp.WaitVisible(`#article mark.evidence.selected`))
	marked := eval(`Array.from(document.querySelectorAll("#article mark.evidence.selected")).map(m => m.firstChild.textContent).join("")`)
	if strings.TrimSpace(marked) != strings.TrimSpace(evidence) {
		t.Errorf("highlighted %q, want the evidence %q", marked, evidence)
	}
	if got := eval(`String(document.querySelectorAll("#article-events tr").length)`); got != fmt.Sprint(len(art.Events)) {
		t.Errorf("article lists %s events, want %d", got, len(art.Events))
	}
	if got := eval(`(() => { const c = document.querySelector("#article-text").cloneNode(true); c.querySelectorAll("sup").forEach(s => s.remove()); return c.textContent })()`); got != art.Article.Text {
		t.Errorf("the article's text is shown as %q, want %q", got, art.Article.Text)
	}
	shot("article.png")
	step("close article", chromedp.Click(`#article-close`), chromedp.WaitNotVisible(`#article`))

	// 4. The dyad view shows both directions of a pair.
	var top server.TopDyadsResponse
	apiGet("/api/top/dyads?level=country&limit=1", &top)
	if len(top.Dyads) == 0 {
		t.Fatal("no dyads in the examples")
	}
	a, b := top.Dyads[0].Source, top.Dyads[0].Target
	var dy server.DyadResponse
	apiGet("/api/dyad?a="+a+"&b="+b, &dy)
	step("dyad view", chromedp.Click(`#reset-filters`), chromedp.Click(`nav a[data-view=dyad]`),
		chromedp.WaitVisible(`#dyad-form`),
		chromedp.SendKeys(`#dyad-form input[name=a]`, a), chromedp.SendKeys(`#dyad-form input[name=b]`, b),
		chromedp.Click(`#dyad-form button`),
		chromedp.Poll[chromedp.Void](`document.querySelector("#dyad-chart").dataset.ab !== undefined`))
	sum := func(ps []server.Point) (n int) {
		for _, p := range ps {
			n += p.Events
		}
		return n
	}
	if got := eval(`document.querySelector("#dyad-chart").dataset.ab + " " + document.querySelector("#dyad-chart").dataset.ba`); got != fmt.Sprint(sum(dy.AB), " ", sum(dy.BA)) {
		t.Errorf("dyad view %s→%s shows %s events, want %d %d", a, b, got, sum(dy.AB), sum(dy.BA))
	}
	shot("dyad.png")

	// 5. Pasted text is coded and each event's evidence is highlighted.
	const text = "Turkish Foreign Minister Hakan Fidan met Iranian Foreign Minister Abbas Araghchi in Ankara on Tuesday. " +
		"Israel launched air strikes on Hezbollah positions in southern Lebanon. " +
		"Russia accused Ukraine of attacking a power plant."
	var coded server.ArticleResponse
	resp, err := http.Post(ts.URL+"/api/code", "text/plain", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err := json.Unmarshal(body, &coded); err != nil || len(coded.Events) == 0 {
		t.Fatalf("the coder finds no events in the test text (%v): %s", err, body)
	}
	step("code text", chromedp.Click(`nav a[data-view=code]`), chromedp.WaitVisible(`#code-text`),
		chromedp.SetValue(`#code-text`, text), chromedp.Click(`#code-run`),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll("#code-events tr").length > 0`))
	if got := eval(`String(document.querySelectorAll("#code-events tr").length)`); got != fmt.Sprint(len(coded.Events)) {
		t.Errorf("code page lists %s events, want %d", got, len(coded.Events))
	}
	if got := eval(`String(document.querySelectorAll("#code-out mark.evidence").length)`); got == "0" {
		t.Error("no evidence highlighted in the coded text")
	}
	step("select coded event", chromedp.Click(`#code-events tr`), chromedp.WaitVisible(`#code-out mark.evidence.selected`))
	marked = eval(`Array.from(document.querySelectorAll("#code-out mark.evidence.selected")).map(m => m.firstChild.textContent).join("")`)
	if strings.TrimSpace(marked) != strings.TrimSpace(coded.Events[0].Evidence) {
		t.Errorf("highlighted %q, want the evidence %q", marked, coded.Events[0].Evidence)
	}
	shot("code.png")

	mu.Lock()
	defer mu.Unlock()
	if len(pageErrors) > 0 {
		t.Errorf("script errors on the page:\n%s", strings.Join(pageErrors, "\n"))
	}
	t.Logf("screenshots in %s", out)
}
