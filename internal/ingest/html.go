package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/itlightning/dateparse"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"

	"github.com/dyad-events/dyad"
)

// ErrNoText is returned (wrapped) by ExtractHTML for a page with no article text, or less than
// MinHTMLText bytes of it.
var ErrNoText = errors.New("no article text")

// MinHTMLText is the least text, in bytes, an HTML page must yield to count as an article.
const MinHTMLText = 100

// ExtractHTML extracts the article from an HTML page: its main text (navigation, ads, comments and
// other boilerplate dropped, by go-readability), title, publication date, URL (canonical link, else
// og:url, else pageURL) and outlet (og:site_name or JSON-LD publisher, else the URL's host). The
// date is the first found of: JSON-LD datePublished or article:published_time meta, another date
// meta tag (pubdate, dc.date, itemprop=datePublished, ...), the <time datetime> marked as the
// publication time, the first <time datetime>; it is the day in the zone the page gives. The
// character set is taken from the page's meta tags (UTF-8 when it has none). The id is pageURL when
// given, else the URL found, else origin. A page without article text (less than MinHTMLText bytes)
// gives an error wrapping ErrNoText.
func ExtractHTML(r io.Reader, pageURL string, origin string) (*dyad.Article, error) {
	return extractHTML(r, "text/html", pageURL, origin)
}

// extractHTML is ExtractHTML with the Content-Type the page was served with (for its charset).
func extractHTML(r io.Reader, contentType, pageURL, origin string) (*dyad.Article, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxHTML))
	if err != nil && len(raw) == 0 {
		return nil, fmt.Errorf("%s: reading: %w", origin, err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, fmt.Errorf("%s: %w (empty page)", origin, ErrNoText)
	}
	page, err := decodePage(raw, contentType)
	if err != nil {
		return nil, fmt.Errorf("%s: decoding: %w", origin, err)
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("%s: parsing HTML: %w", origin, err)
	}
	meta := scanMeta(doc)

	base, _ := nurl.Parse(pageURL)
	if base != nil && !base.IsAbs() {
		base = nil
	}
	p := readability.NewParser()
	p.KeepClasses = true // dropNonText reads them
	art, err := parseReadable(&p, doc, base)
	if errors.Is(err, errPanic) {
		return nil, fmt.Errorf("%s: %w", origin, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", origin, ErrNoText, err)
	}

	a := &dyad.Article{Origin: origin, Title: cleanLine(art.Title())}
	if art.Node != nil {
		dropNonText(art.Node)
		a.Text = cleanText(render.InnerText(art.Node))
	}
	a.Text = valid(a.Text) // a page may lie about its charset
	a.Title = valid(a.Title)
	if len(a.Text) < MinHTMLText {
		return nil, fmt.Errorf("%s: %w (%d bytes)", origin, ErrNoText, len(a.Text))
	}
	if d := linkDensity(art.Node); d > maxLinkDensity {
		return nil, fmt.Errorf("%s: %w (%.0f%% of the text is links: a list page)", origin, ErrNoText, 100*d)
	}

	if t, err := art.PublishedTime(); err == nil {
		a.Date = plausibleDate(t)
	}
	for _, s := range []string{meta.metaDate, meta.timeDate} {
		if a.Date.IsZero() && s != "" {
			if t, err := parseAnyTime(s); err == nil {
				a.Date = plausibleDate(t)
			}
		}
	}

	a.URL = firstAbsURL(meta.canonical, meta.ogURL, pageURL, base)
	a.Source = valid(cleanLine(art.SiteName()))
	if a.Source == "" {
		a.Source = valid(cleanLine(meta.siteName))
	}
	if a.Source == "" && a.URL != "" {
		if u, err := nurl.Parse(a.URL); err == nil {
			a.Source = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	switch {
	case pageURL != "":
		a.ID = pageURL
	case a.URL != "":
		a.ID = a.URL
	default:
		a.ID = origin
	}
	return a, nil
}

// metaCharset finds the charset a page declares in a meta tag.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// decodePage returns a page converted to UTF-8. Text that is valid UTF-8 (and not plain ASCII) is
// taken as UTF-8 whatever the page or server says, since servers and pages often misdeclare it and
// other encodings are almost never valid UTF-8 by chance. Otherwise the encoding is the first of: a
// byte-order mark, the charset of contentType, a meta charset in the first 64 KB (browsers look at
// the first 1 KB only, but large heads push it further), windows-1252.
func decodePage(b []byte, contentType string) ([]byte, error) {
	if utf8.Valid(b) {
		return b, nil // ASCII or UTF-8 (a UTF-8 BOM is dropped by the HTML parser)
	}
	e, _, certain := charset.DetermineEncoding(b, contentType)
	if !certain {
		if m := metaCharset.FindSubmatch(b[:min(len(b), 64<<10)]); m != nil {
			if me, _ := charset.Lookup(string(m[1])); me != nil {
				e = me
			}
		}
	}
	if e == encoding.Nop || e == unicode.UTF8 { // declared UTF-8 but invalid: repair
		return bytes.ToValidUTF8(b, []byte("\uFFFD")), nil
	}
	return e.NewDecoder().Bytes(b)
}

// nonTextWords name, as the last word of a class or id (or the word before a generic last word such
// as "text" or "wrapper"), elements inside an article that hold no article text: captions, photo
// credits, bylines, sharing tools, related-story boxes, promotions.
var nonTextWords = map[string]bool{
	"caption": true, "captions": true, "credit": true, "credits": true, "byline": true, "share": true,
	"sharing": true, "social": true, "newsletter": true, "related": true, "promo": true,
	"advert": true, "advertisement": true,
}

// genericWords may follow a non-text word at the end of a class ("caption-text", "share-tools").
var genericWords = map[string]bool{
	"text": true, "wrapper": true, "wrap": true, "container": true, "inner": true, "box": true,
	"block": true, "tools": true, "links": true, "bar": true, "buttons": true, "inline": true,
	"list": true, "module": true, "widget": true, "signup": true, "label": true,
}

// nonTextName reports whether a class or id value names a non-text element: one of its
// space-separated names, split into words at '-' and '_', ends in a non-text word (possibly
// followed by a generic one) and does not start with "no", "has", "with" or "without".
func nonTextName(v string) bool {
	for name := range strings.FieldsSeq(strings.ToLower(v)) {
		words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' })
		if len(words) == 0 {
			continue
		}
		switch words[0] {
		case "no", "has", "with", "without":
			continue
		}
		last := words[len(words)-1]
		if len(words) > 1 && genericWords[last] {
			last = words[len(words)-2]
		}
		if nonTextWords[last] {
			return true
		}
	}
	return false
}

// dropNonText removes from readability's article node what is not article text: figures and their
// captions, asides, forms and buttons, and elements whose class or id says they are captions,
// credits, bylines, sharing tools or related links.
func dropNonText(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			switch {
			case c.Data == "figure" || c.Data == "figcaption" || c.Data == "aside" || c.Data == "form" ||
				c.Data == "button" || c.Data == "nav" || c.Data == "svg" || c.Data == "noscript":
				n.RemoveChild(c)
			case nonTextName(attr(c, "class")) || nonTextName(attr(c, "id")):
				n.RemoveChild(c)
			default:
				dropNonText(c)
			}
		}
		c = next
	}
}

// maxLinkDensity is the largest share of link text in an article: above it the page is a list of
// links (a section front, a tag page), not an article.
const maxLinkDensity = 0.5

// linkDensity returns the share of the text under n that is inside links.
func linkDensity(n *html.Node) float64 {
	var all, linked int
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		switch n.Type {
		case html.TextNode:
			k := len(strings.TrimSpace(n.Data))
			all += k
			if inLink {
				linked += k
			}
		case html.ElementNode:
			if n.Data == "a" {
				inLink = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink)
		}
	}
	walk(n, false)
	if all == 0 {
		return 0
	}
	return float64(linked) / float64(all)
}

// errPanic marks a panic in go-readability.
var errPanic = errors.New("readability panicked")

// parseReadable runs go-readability on a document. A panic in it (it walks arbitrary pages from
// the web) becomes an error, so that one odd page does not end a long read.
func parseReadable(p *readability.Parser, doc *html.Node, base *nurl.URL) (art readability.Article, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w: %v", errPanic, v)
		}
	}()
	return p.ParseAndMutate(doc, base)
}

// pageMeta is what ExtractHTML reads from the page itself before readability mutates it.
type pageMeta struct {
	canonical string // <link rel=canonical href>
	ogURL     string // <meta property=og:url>
	siteName  string // <meta property=og:site_name>
	metaDate  string // a publication date from another meta tag (pubdate, dc.date, itemprop ...)
	timeDate  string // datetime of the best <time> element
}

// dateMetaNames are meta names or properties (lower case) that hold a publication date, besides
// article:published_time and the JSON-LD datePublished that go-readability reads.
var dateMetaNames = map[string]bool{
	"pubdate": true, "publishdate": true, "publish-date": true, "publish_date": true, "date": true,
	"dc.date": true, "dc.date.issued": true, "dcterms.date": true, "dcterms.issued": true,
	"sailthru.date": true, "article.published": true, "og:published_time": true,
	"published_time": true, "datepublished": true, "original-publish-date": true,
	"article:publicationdate": true, "publicationdate": true, "publication_date": true,
	"article:published": true, "date_published": true, "parsely-pub-date": true,
}

// scanMeta walks the document once for the metadata readability does not give.
func scanMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var firstTime, pubTime string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "link":
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case "meta":
				prop := strings.ToLower(strings.TrimSpace(attr(n, "property")))
				if prop == "" {
					prop = strings.ToLower(strings.TrimSpace(attr(n, "name")))
				}
				if m.metaDate == "" && (dateMetaNames[prop] || attr(n, "itemprop") == "datePublished") {
					m.metaDate = strings.TrimSpace(attr(n, "content"))
				}
				switch prop {
				case "og:url":
					if m.ogURL == "" {
						m.ogURL = strings.TrimSpace(attr(n, "content"))
					}
				case "og:site_name":
					if m.siteName == "" {
						m.siteName = strings.TrimSpace(attr(n, "content"))
					}
				}
			case "time":
				if dt := strings.TrimSpace(attr(n, "datetime")); dt != "" && firstTime == "" {
					firstTime = dt
				}
				if pubTime == "" && (hasAttr(n, "pubdate") || strings.Contains(strings.ToLower(attr(n, "class")), "publish")) {
					pubTime = strings.TrimSpace(attr(n, "datetime"))
				}
			case "script", "style", "template":
				return
			}
			if pubTime == "" && n.Data != "meta" && attr(n, "itemprop") == "datePublished" {
				pubTime = strings.TrimSpace(attr(n, "datetime"))
				if pubTime == "" {
					pubTime = strings.TrimSpace(attr(n, "content"))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	m.timeDate = pubTime
	if m.timeDate == "" {
		m.timeDate = firstTime
	}
	return m
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(strings.ToLower(list)) {
		if f == tok {
			return true
		}
	}
	return false
}

// firstAbsURL returns the first of the candidates that is an absolute http(s) URL (relative ones are
// resolved against base).
func firstAbsURL(canonical, ogURL, pageURL string, base *nurl.URL) string {
	for _, s := range []string{canonical, ogURL, pageURL} {
		if s == "" {
			continue
		}
		u, err := nurl.Parse(s)
		if err != nil {
			continue
		}
		if !u.IsAbs() && base != nil {
			u = base.ResolveReference(u)
		}
		if u.IsAbs() && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u.String()
		}
	}
	return ""
}

// parseAnyTime reads a date or time in any of the usual forms.
func parseAnyTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return dateparse.ParseAny(s)
}

// plausibleDate returns the day of t in its own zone, or zero for years no news was published in.
func plausibleDate(t time.Time) dyad.Date {
	if t.Year() < 1900 || t.Year() > 2200 {
		return dyad.Date{}
	}
	return dateOfTime(t)
}

// cleanText tidies rendered text: non-breaking spaces become spaces, each line is trimmed, runs of
// blank lines become one blank line (paragraph break), and the whole is trimmed.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	s = strings.ReplaceAll(s, "\r", "")
	var b strings.Builder
	b.Grow(len(s))
	blank := false
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

// cleanLine collapses white space in a one-line field (title, source).
func cleanLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// readHTML reads one HTML page file (at most maxHTML bytes); its article, whose id is the file name
// stem, is extracted on a worker.
func (r *reader) readHTML(in io.Reader, origin, id string) error {
	data, err := io.ReadAll(io.LimitReader(in, maxHTML))
	if err != nil {
		r.skip(origin, ReasonUnreadable, err)
		return nil
	}
	return r.extract(origin, func() (*dyad.Article, string, error) {
		a, err := extractHTML(bytes.NewReader(data), "text/html", "", origin)
		if err != nil {
			if errors.Is(err, ErrNoText) {
				return nil, ReasonNoText, unwrapOrigin(err, origin)
			}
			return nil, ReasonBadHTML, unwrapOrigin(err, origin)
		}
		a.ID = id
		return a, "", nil
	})
}

// unwrapOrigin drops a leading "origin: " from an error's message, since SkipError names it already.
func unwrapOrigin(err error, origin string) error {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, origin+": "); ok {
		return &trimmedError{msg: rest, err: err}
	}
	return err
}

type trimmedError struct {
	msg string
	err error
}

func (e *trimmedError) Error() string { return e.msg }
func (e *trimmedError) Unwrap() error { return e.err }
