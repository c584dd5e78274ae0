//go:build ignore

// gen-warc writes a large synthetic WARC file of news-like HTML pages, to check that dyad streams
// an input of any size in bounded memory (issue 7: "a 2 GB WARC streams" in under 1 GB of RSS):
//
//	go run scripts/gen-warc.go -size 2GiB -o /tmp/big.warc
//	go build -o /tmp/dyad ./cmd/dyad && /usr/bin/time -v /tmp/dyad code /tmp/big.warc > /dev/null
//
// Each page is about 43 KB of HTML: style, script, navigation and footer boilerplate around an
// article of 24 sentences built from templates written for this tool (country pairs, diplomatic
// verbs, filler sentences). Every 10th page is followed by a request record, which readers skip,
// and every 50th page is in French, which dyad skips as not English. The output is deterministic
// for a seed.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
)

var (
	countries = strings.Fields("Kenya Uganda Brazil Argentina Germany Serbia Japan Vietnam India Pakistan " +
		"Mexico Ecuador Poland Hungary Egypt Turkey Iran France Chile Peru Nigeria Ghana Canada Norway " +
		"Sweden Italy Spain Greece Morocco Algeria Jordan Qatar Indonesia Malaysia")
	// %[1]s is the target country.
	acts = []string{"criticised %[1]s", "praised %[1]s", "accused %[1]s of violating the ceasefire",
		"met officials from %[1]s", "signed an agreement with %[1]s", "expelled diplomats from %[1]s",
		"threatened %[1]s", "urged %[1]s to release the prisoners", "rejected a proposal from %[1]s",
		"welcomed a delegation from %[1]s", "imposed sanctions on %[1]s", "sent aid to %[1]s",
		"condemned %[1]s", "held talks with %[1]s", "promised to help %[1]s",
		"demanded an apology from %[1]s", "agreed to cooperate with %[1]s", "warned %[1]s"}
	// %[1]s is the source country.
	subjects = []string{"%[1]s", "The government of %[1]s", "%[1]s's foreign minister",
		"The president of %[1]s", "Police in %[1]s", "Officials in %[1]s"}
	days   = strings.Fields("Monday Tuesday Wednesday Thursday Friday")
	filler = []string{
		"The meeting lasted several hours and ended without a joint statement.",
		"Analysts said the decision could affect trade in the region.",
		"Markets were calm on the news, and the currency barely moved.",
		"The weather in the capital was mild for the time of year.",
		"A spokesman declined to give further details.",
		"Local newspapers carried the story on their front pages.",
	}
	french = strings.Repeat("Le gouvernement a annoncé de nouvelles mesures pour la région. ", 20)
)

func main() {
	size := flag.String("size", "2GiB", "stop after this many bytes (suffixes KiB, MiB, GiB)")
	out := flag.String("o", "", "output WARC file")
	seed := flag.Uint64("seed", 7, "seed of the generated texts")
	flag.Parse()
	limit, err := parseSize(*size)
	if err != nil || *out == "" {
		log.Fatalf("usage: go run scripts/gen-warc.go -size 2GiB -o FILE (%v)", err)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	r := rand.New(rand.NewPCG(*seed, 0))
	boiler := boilerplate()
	var written int64
	pages := 0
	for written < limit {
		pages++
		day := 1 + pages%28
		url := fmt.Sprintf("https://news.example.org/world/story-%d.html", pages)
		body := article(r)
		if pages%50 == 0 {
			body = "<p>" + french + "</p>"
		}
		html := fmt.Sprintf(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story %d</title>`+
			`<meta property="og:title" content="Regional diplomacy, report %d">`+
			`<meta property="article:published_time" content="2024-03-%02dT10:00:00Z">%s</head>`+
			`<body><header><nav>%s</nav></header><main><article><h1>Regional diplomacy, report %d</h1>%s</article></main>`+
			`<aside>%s</aside>%s</body></html>`, pages, pages, day, boiler.head, boiler.nav, pages, body, boiler.nav, boiler.footer)
		block := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(html), html)
		n, err := record(w, "response", pages, day, url, block)
		if err != nil {
			log.Fatal(err)
		}
		written += n
		if pages%10 == 0 {
			req := fmt.Sprintf("GET /world/story-%d.html HTTP/1.1\r\nHost: news.example.org\r\n\r\n", pages)
			n, err := record(w, "request", 1_000_000_000+pages, day, url, req)
			if err != nil {
				log.Fatal(err)
			}
			written += n
		}
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d pages, %d bytes\n", *out, pages, written)
}

// record writes one WARC record and returns its length.
func record(w *bufio.Writer, typ string, id, day int, url, block string) (int64, error) {
	head := fmt.Sprintf("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n"+
		"WARC-Date: 2024-03-%02dT10:00:00Z\r\nWARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=%s\r\n"+
		"Content-Length: %d\r\n\r\n", typ, id, day, url, typ, len(block))
	n, err := fmt.Fprintf(w, "%s%s\r\n\r\n", head, block)
	return int64(n), err
}

// article returns eight paragraphs of three sentences: an act of one country towards another
// (three in five) or a filler sentence.
func article(r *rand.Rand) string {
	var b strings.Builder
	for range 8 {
		b.WriteString("<p>")
		for k := range 3 {
			if k > 0 {
				b.WriteByte(' ')
			}
			if r.Float64() >= 0.6 {
				b.WriteString(filler[r.IntN(len(filler))])
				continue
			}
			i := r.IntN(len(countries))
			j := (i + 1 + r.IntN(len(countries)-1)) % len(countries)
			fmt.Fprintf(&b, subjects[r.IntN(len(subjects))], countries[i])
			b.WriteByte(' ')
			act := acts[r.IntN(len(acts))]
			fmt.Fprintf(&b, act, countries[j])
			if strings.HasSuffix(act, "%[1]s") {
				b.WriteString(" on " + days[r.IntN(len(days))])
			}
			b.WriteByte('.')
		}
		b.WriteString("</p>")
	}
	return b.String()
}

type boilerplateParts struct{ head, nav, footer string }

// boilerplate returns the style, script, navigation and footer every page carries, about 38 KB.
func boilerplate() boilerplateParts {
	var nav, footer strings.Builder
	nav.WriteString("<ul>")
	for i := range 120 {
		fmt.Fprintf(&nav, `<li><a href="/section/%d">Section %d</a></li>`, i, i)
	}
	nav.WriteString("</ul>")
	footer.WriteString("<footer>")
	for i := range 150 {
		fmt.Fprintf(&footer, `<a href="/about/%d">About link %d</a> `, i, i)
	}
	footer.WriteString("</footer>")
	head := "<style>" + strings.Repeat(".c{margin:0;padding:0;color:#333}", 400) + "</style>" +
		"<script>" + strings.Repeat("window.dataLayer=window.dataLayer||[];", 300) + "</script>"
	return boilerplateParts{head: head, nav: nav.String(), footer: footer.String()}
}

// parseSize reads a byte count with an optional KiB, MiB or GiB suffix.
func parseSize(s string) (int64, error) {
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.m
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}
