// Package watch owns following news feeds: it reads a list of RSS/Atom feeds, polls them on an
// interval, fetches the pages of new items politely (per-host concurrency limit and delay, timeouts,
// retries with exponential back-off and jitter, conditional GET, a clear User-Agent), extracts their
// articles and hands them to a sink. What it has seen, and each feed's validators (ETag,
// Last-Modified), are kept in a JSON state file, so a restarted watcher resumes where it stopped.
//
// The package neither codes nor stores articles: the caller's Sink does.
package watch

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode"
)

// Feed is one feed to follow.
type Feed struct {
	URL  string // absolute http or https URL
	Name string // optional name, used as the articles' source; empty when the list gives none
}

// maxListLine bounds a line of a feed list.
const maxListLine = 64 << 10

// ParseFeedList reads a feed list: one feed a line, its URL then optionally whitespace and a name
// (the rest of the line). Blank lines and lines starting with '#' are ignored, as is anything after
// " #" on a line. URLs must be absolute http or https URLs; a feed listed twice is kept once (the
// first name wins). Errors name the line.
func ParseFeedList(r io.Reader) ([]Feed, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxListLine)
	var feeds []Feed
	seen := map[string]bool{}
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		if i := strings.Index(line, "\t#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		raw, name := line, ""
		if i := strings.IndexFunc(line, unicode.IsSpace); i >= 0 {
			raw, name = line[:i], strings.Join(strings.Fields(line[i:]), " ")
		}
		u, err := checkFeedURL(raw)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if seen[u] {
			continue
		}
		seen[u] = true
		feeds = append(feeds, Feed{URL: u, Name: strings.ToValidUTF8(name, "\uFFFD")})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", n+1, err)
	}
	return feeds, nil
}

// checkFeedURL returns the URL as given when it is an absolute http(s) URL with a host.
func checkFeedURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("feed URL %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("feed URL %q: want an http or https URL", raw)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", fmt.Errorf("feed URL %q: no host", raw)
	}
	return raw, nil
}
