package ingest

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dyad-events/dyad"
)

// ParseFeed reads an RSS or Atom feed: each item becomes an article whose id is the item's guid
// (else its link, else origin#N), date its publication (else update) date, title its title, text its
// content (else description) with HTML stripped, url its link and source the feed's title. Items
// without text are left out. An error means the feed as a whole does not parse.
func ParseFeed(r io.Reader, origin string) ([]*dyad.Article, error) {
	var out []*dyad.Article
	err := parseFeed(r, origin, func(a *dyad.Article, reason string, err error) {
		if reason == "" {
			out = append(out, a)
		}
	})
	return out, err
}

// parseFeed calls each for every item of the feed, in order: with the article, or with a skip reason
// and the article (for its origin) when the item is unusable.
func parseFeed(r io.Reader, origin string, each func(a *dyad.Article, reason string, err error)) error {
	feed, err := gofeed.NewParser().Parse(r)
	if err != nil {
		return fmt.Errorf("%s: parsing feed: %w", origin, err)
	}
	source := valid(cleanLine(feed.Title))
	for i, it := range feed.Items {
		if it == nil {
			continue
		}
		a := &dyad.Article{
			Origin: origin + "#" + strconv.Itoa(i+1),
			Title:  valid(cleanLine(stripHTML(it.Title))),
			URL:    valid(strings.TrimSpace(it.Link)),
			Source: source,
		}
		a.ID = valid(strings.TrimSpace(it.GUID))
		if a.ID == "" {
			a.ID = a.URL
		}
		if a.ID == "" {
			a.ID = a.Origin
		}
		a.Date = itemDate(it.Published, it.PublishedParsed)
		if a.Date.IsZero() {
			a.Date = itemDate(it.Updated, it.UpdatedParsed)
		}
		a.Text = stripHTML(it.Content)
		if a.Text == "" {
			a.Text = stripHTML(it.Description)
		}
		a.Text = valid(a.Text)
		if a.Text == "" {
			each(a, ReasonEmptyText, nil)
			continue
		}
		each(a, "", nil)
	}
	return nil
}

// itemDate returns the day of a feed item's time as written in the feed (in the writer's zone),
// falling back to gofeed's parse of it.
func itemDate(raw string, parsed *time.Time) dyad.Date {
	if t, err := parseAnyTime(strings.TrimSpace(raw)); err == nil {
		return plausibleDate(t)
	}
	if parsed != nil {
		return plausibleDate(*parsed)
	}
	return dyad.Date{}
}

// stripHTML turns an HTML fragment (or plain text with entities) into text, block elements giving
// line breaks.
func stripHTML(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !strings.ContainsAny(s, "<&") {
		return cleanText(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return cleanText(s)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return cleanText(render.InnerText(root))
}

// readFeed reads an RSS/Atom file, one article per item.
func (r *reader) readFeed(in io.Reader, origin string) error {
	var yieldErr error
	err := parseFeed(in, origin, func(a *dyad.Article, reason string, err error) {
		if yieldErr != nil {
			return
		}
		if reason != "" {
			r.skip(a.Origin, reason, err)
			return
		}
		yieldErr = r.emit(a)
	})
	if yieldErr != nil {
		return yieldErr
	}
	if err != nil {
		r.skip(origin, ReasonBadFeed, unwrapOrigin(err, origin))
	}
	return nil
}

// valid replaces invalid UTF-8 sequences by U+FFFD.
func valid(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
