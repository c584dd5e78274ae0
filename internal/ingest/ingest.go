// Package ingest owns reading news articles from the input formats users have: the seed format
// ("date YYYY-MM-DD" header line, then the text), plain text, JSONL/NDJSON (and JSON arrays), HTML
// pages (main text, title, date, URL and outlet extracted with go-readability), RSS/Atom feeds, WARC
// archives as Common Crawl's CC-NEWS publishes them, gzip of any of these, directories of them and
// standard input. It streams: JSONL is read line by line, JSON arrays element by element and WARC
// record by record, so memory stays bounded however large the input. Records that cannot be used
// (bad JSON, bad date, invalid UTF-8, no text, not English, ...) are reported through Options.OnSkip
// as *SkipError and skipped; the rest of the input goes on. IsEnglish is the small language filter
// applied to every article.
package ingest

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/pipeline"
)

// Options configure Read.
type Options struct {
	Date   dyad.Date       // date for inputs that carry none (plain .txt); zero = unknown
	Stdin  io.Reader       // what "-" reads; os.Stdin when nil
	OnSkip func(err error) // called for every skipped record with an error naming file:line (or record) and why
	// Workers is the number of goroutines that extract and check articles (0: GOMAXPROCS).
	Workers int
	// OnRead, when set, is called with the number of bytes read from an input file (as stored:
	// before gzip is undone) each time some are read, from the goroutine that reads the inputs.
	// Against the files' sizes it tells how far Read has got. Standard input is not counted.
	OnRead func(n int)
}

// Stats counts what Read did.
type Stats struct {
	Articles int            // articles yielded
	Skipped  int            // records skipped (bad JSON, bad date, invalid UTF-8, empty text, non-English, ...)
	ByReason map[string]int // skipped counts by short reason ("bad json", "empty text", "not english", ...)
	Files    int            // files opened
}

// Skip reasons, the keys of Stats.ByReason.
const (
	ReasonUnreadable    = "unreadable"        // a file or stream that could not be opened or read
	ReasonUnknownFormat = "unknown format"    // a file whose format is not one Read knows
	ReasonTooLarge      = "too large"         // a text file or JSONL line over the size limit
	ReasonBadJSON       = "bad json"          // a JSONL line that is not a JSON object
	ReasonBadDate       = "bad date"          // a date that does not parse
	ReasonInvalidUTF8   = "invalid utf-8"     // text that is not UTF-8
	ReasonEmptyText     = "empty text"        // a record whose text is empty
	ReasonNoText        = "no text"           // an HTML page or WARC response with no article text
	ReasonNotEnglish    = "not english"       // a document detected as not English
	ReasonBadFeed       = "bad feed"          // an RSS/Atom file that does not parse
	ReasonBadHTML       = "bad html"          // an HTML page that does not parse
	ReasonBadWARC       = "bad warc"          // a malformed WARC record (the rest of that file is skipped)
	ReasonWARCNonResp   = "warc non-response" // a WARC record that is not a response
	ReasonWARCNonHTML   = "warc non-html"     // a WARC response whose payload is not HTML
	ReasonWARCStatus    = "warc status"       // a WARC response whose HTTP status is not 200
	ReasonWARCBadHTTP   = "warc bad http"     // a WARC response whose HTTP message does not parse
)

// SkipError is what Options.OnSkip receives: where the skipped record is, why it was skipped (a
// short reason, one of the Reason constants) and the underlying error if any.
type SkipError struct {
	Origin string // file, file:line, or file record N
	Reason string
	Err    error
}

func (e *SkipError) Error() string {
	if e.Err == nil {
		return e.Origin + ": " + e.Reason
	}
	return e.Origin + ": " + e.Reason + ": " + e.Err.Error()
}

func (e *SkipError) Unwrap() error { return e.Err }

// Limits on what is held in memory at once (per record in flight).
const (
	maxLine     = 64 << 20 // longest JSONL line
	maxTextFile = 64 << 20 // largest plain-text or seed-format file
	maxHTML     = 8 << 20  // largest HTML page (the rest is not read)
	peekSize    = 1024     // bytes looked at to sniff a format
)

// reader is the producing side of one Read call: it walks the inputs on its own goroutine and sends
// items (articles, skips, pages to extract) down one channel, in input order.
type reader struct {
	ctx   context.Context // cancelled when Read stops early
	opts  Options
	items chan<- item
	files int // files opened; read by Read after the reader goroutine is done
}

// item is one record on its way from the reader to yield or OnSkip. Exactly one of a, job and reason
// is set; job (HTML extraction, JSON decoding) and the checks on a run on worker goroutines.
type item struct {
	where  string
	a      *dyad.Article
	job    func() (*dyad.Article, string, error) // gives an article or a skip reason
	reason string
	err    error
}

// Read reads every input (file, directory recursively in sorted order, or "-" for stdin), detects each
// file's format (seed format, .txt, .jsonl/.ndjson, .html/.htm, RSS/Atom .xml/.rss/.atom, .warc, and
// .gz of any of these), and calls yield for each article in a deterministic order. A bad record is
// reported through OnSkip and skipped; an unreadable file is reported and skipped too. Read returns an
// error only when yield does or ctx is cancelled.
//
// Formats are chosen by extension (.gz is undone by its magic bytes, whatever the name); stdin, files
// without an extension and files named explicitly with an unknown one are sniffed: JSONL when the
// first non-space byte is '{' (a JSON array of articles when it is '['), HTML for "<!doctype html" or
// "<html", a feed for an <rss>, <feed> or <rdf:RDF> root, WARC for "WARC/", else the seed format or
// plain text. In directories, hidden files and directories are skipped, and files with an unknown
// extension are reported as "unknown format". Ids: the file name without extensions for one-article
// files (.txt, HTML), the record's id else file:line (JSONL), guid or link (feeds), WARC-Record-ID
// (WARC). Articles without a date of their own get opts.Date.
//
// Inputs are read on one goroutine; HTML extraction and the checks of each article (UTF-8, language)
// run on opts.Workers workers (GOMAXPROCS by default), a few records per worker in memory at most.
// yield and OnSkip are always called from Read's goroutine, one at a time, in input order.
func Read(ctx context.Context, inputs []string, opts Options, yield func(*dyad.Article) error) (Stats, error) {
	st := Stats{ByReason: map[string]int{}}
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	items := make(chan item)
	r := &reader{ctx: rctx, opts: opts, items: items}
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(items)
		r.readAll(inputs)
	}()
	err := pipeline.Map(rctx, opts.Workers, items, process, func(it item) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if it.a == nil && it.reason == "" {
			return nil
		}
		if it.reason != "" {
			st.Skipped++
			st.ByReason[it.reason]++
			if opts.OnSkip != nil {
				opts.OnSkip(&SkipError{Origin: it.where, Reason: it.reason, Err: it.err})
			}
			return nil
		}
		if it.a.Date.IsZero() {
			it.a.Date = opts.Date
		}
		st.Articles++
		if err := yield(it.a); err != nil {
			cancel() // stop the reader now rather than after the rest of the input
			return fmt.Errorf("%s: %w", it.a.Origin, err)
		}
		return nil
	})
	cancel()
	<-done // the reader goroutine is gone: its files are closed, its count final
	st.Files = r.files
	if err == nil {
		err = ctx.Err()
	}
	return st, err
}

// process runs on a worker: it extracts a page's article and checks every article.
func process(it item) item {
	if it.job != nil {
		a, reason, err := it.job()
		if reason != "" {
			return item{where: it.where, reason: reason, err: err}
		}
		if a == nil {
			return item{} // nothing to report
		}
		it = item{where: a.Origin, a: a}
	}
	if it.a != nil {
		if reason, err := check(it.a); reason != "" {
			return item{where: it.a.Origin, reason: reason, err: err}
		}
	}
	return it
}

// readAll reads the inputs in order until they are done or r.ctx is cancelled.
func (r *reader) readAll(inputs []string) {
	for _, in := range inputs {
		if r.ctx.Err() != nil {
			return
		}
		var err error
		if in == "-" {
			stdin := r.opts.Stdin
			if stdin == nil {
				stdin = os.Stdin
			}
			r.files++
			err = r.readStream(stdin, "stdin", "stdin", "", true)
		} else {
			err = r.readPath(in)
		}
		if err != nil {
			return
		}
	}
}

// send passes an item on; it fails only when Read is stopping.
func (r *reader) send(it item) error {
	select {
	case r.items <- it:
		return nil
	case <-r.ctx.Done():
		return r.ctx.Err()
	}
}

// skip reports a skipped record. When Read is stopping the report is dropped; the readers' loops see
// r.ctx and stop.
func (r *reader) skip(origin, reason string, err error) {
	r.send(item{where: origin, reason: reason, err: err})
}

// emit passes an article on to be checked and yielded. It fails only when Read is stopping.
func (r *reader) emit(a *dyad.Article) error { return r.send(item{where: a.Origin, a: a}) }

// extract passes a job (a page to extract, a line to decode) on to a worker. The job gives an
// article, a skip reason, or neither (nothing to report). It fails only when Read is stopping.
func (r *reader) extract(where string, job func() (*dyad.Article, string, error)) error {
	return r.send(item{where: where, job: job})
}

// check returns the skip reason for an article that must not be yielded, or "".
func check(a *dyad.Article) (string, error) {
	if strings.TrimSpace(a.Text) == "" {
		return ReasonEmptyText, nil
	}
	for _, f := range []struct{ name, v string }{{"text", a.Text}, {"title", a.Title}, {"id", a.ID}, {"url", a.URL}, {"source", a.Source}} {
		if off := invalidUTF8(f.v); off >= 0 {
			return ReasonInvalidUTF8, fmt.Errorf("%s: byte %d", f.name, off)
		}
	}
	if !IsEnglish(a.Text) {
		return ReasonNotEnglish, nil
	}
	return "", nil
}

// readPath reads a file or a directory tree.
func (r *reader) readPath(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		r.skip(path, ReasonUnreadable, err)
		return nil
	}
	if !info.IsDir() {
		return r.readFile(path, true)
	}
	files := dirFiles(path, func(p string, err error) { r.skip(p, ReasonUnreadable, err) })
	for _, f := range files {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if err := r.readFile(f, false); err != nil {
			return err
		}
	}
	return nil
}

// dirFiles lists the files Read reads in a directory tree, in sorted order: regular files (or
// links to them) that are not hidden and are not under a hidden directory. Errors go to onErr.
func dirFiles(path string, onErr func(p string, err error)) []string {
	var files []string
	walkErr := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			onErr(p, err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() || (d.Type()&fs.ModeSymlink != 0 && isRegular(p)) {
			files = append(files, p)
		}
		return nil
	})
	if walkErr != nil {
		onErr(path, walkErr)
	}
	sort.Strings(files) // WalkDir already walks in lexical order; this makes it explicit
	return files
}

// Size returns the number of bytes Read will read from the files of inputs, as stored (as
// OnRead counts them), or 0 when that is not known in advance: an input is standard input, or
// nothing could be listed.
func Size(inputs []string) int64 {
	var total int64
	for _, in := range inputs {
		if in == "-" {
			return 0
		}
		info, err := os.Stat(in)
		switch {
		case err != nil:
		case !info.IsDir():
			total += info.Size()
		default:
			for _, f := range dirFiles(in, func(string, error) {}) {
				if info, err := os.Stat(f); err == nil && !unknownExt(filepath.Base(f)) {
					total += info.Size()
				}
			}
		}
	}
	return total
}

// unknownExt reports whether a file name has an extension that names no format Read knows; such
// files are skipped in directories (and sniffed when named).
func unknownExt(name string) bool {
	ext := formatExt(name)
	return ext != "" && formatOfExt(ext) == formatUnknown
}

func isRegular(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular()
}

// readFile opens and reads one file. explicit is false for files found in a directory, where
// unknown extensions are skipped instead of sniffed.
func (r *reader) readFile(path string, explicit bool) error {
	name := filepath.Base(path)
	ext := formatExt(name)
	if !explicit && unknownExt(name) {
		r.skip(path, ReasonUnknownFormat, fmt.Errorf("extension %q", ext))
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		r.skip(path, ReasonUnreadable, err)
		return nil
	}
	defer f.Close()
	r.files++
	var in io.Reader = f
	if r.opts.OnRead != nil {
		in = &countingReader{r: f, count: r.opts.OnRead}
	}
	return r.readStream(in, path, valid(stem(name)), ext, explicit)
}

// countingReader reports the bytes read through it.
type countingReader struct {
	r     io.Reader
	count func(n int)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.count(n)
	}
	return n, err
}

// formatExt returns the lower-case extension of a file name that decides its format, without a .gz
// suffix: "a.warc.gz" gives ".warc", "a.gz" gives "".
func formatExt(name string) string {
	name = strings.ToLower(name)
	name = strings.TrimSuffix(name, ".gz")
	return filepath.Ext(name)
}

// stem returns a file name without its extensions (.gz and the format's), the id of a one-article file.
func stem(name string) string {
	if strings.HasSuffix(strings.ToLower(name), ".gz") {
		name = name[:len(name)-3]
	}
	return strings.TrimSuffix(name, filepath.Ext(name))
}

type format int

const (
	formatUnknown format = iota
	formatText           // seed format or plain text
	formatJSONL
	formatHTML
	formatFeed
	formatWARC
)

func formatOfExt(ext string) format {
	switch ext {
	case ".txt", ".text":
		return formatText
	case ".jsonl", ".ndjson", ".json":
		return formatJSONL
	case ".html", ".htm", ".xhtml":
		return formatHTML
	case ".rss", ".atom", ".xml":
		return formatFeed
	case ".warc":
		return formatWARC
	}
	return formatUnknown
}

// readStream reads one stream: it undoes gzip (found by magic bytes), picks the format from ext, or
// sniffs it when ext says nothing, and hands the stream to the format's reader. origin names the
// stream in messages, id is the article id for one-article formats.
func (r *reader) readStream(in io.Reader, origin, id, ext string, sniff bool) error {
	br := bufio.NewReaderSize(in, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			r.skip(origin, ReasonUnreadable, err)
			return nil
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	f := formatOfExt(ext)
	if f == formatUnknown || ext == ".xml" {
		head, err := br.Peek(peekSize)
		if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
			r.skip(origin, ReasonUnreadable, err)
			return nil
		}
		s := sniffFormat(head)
		switch {
		case ext == ".xml" && s != formatFeed:
			r.skip(origin, ReasonUnknownFormat, errors.New("XML file without an RSS or Atom root"))
			return nil
		case f == formatUnknown && s == formatUnknown:
			r.skip(origin, ReasonUnknownFormat, errors.New("not text"))
			return nil
		}
		f = s
	}
	switch f {
	case formatText:
		return r.readText(br, origin, id)
	case formatJSONL:
		return r.readJSONL(br, origin)
	case formatHTML:
		return r.readHTML(br, origin, id)
	case formatFeed:
		return r.readFeed(br, origin)
	case formatWARC:
		return r.readWARC(br, origin)
	}
	r.skip(origin, ReasonUnknownFormat, nil)
	return nil
}

// sniffFormat guesses a format from the first bytes of a stream: JSONL when the first non-space byte
// is '{' (or '[' then '{': a JSON array), HTML for "<!doctype html" or "<html", a feed for "<rss", "<feed" or "<rdf:RDF", WARC for
// "WARC/", unknown for binary data, text otherwise.
func sniffFormat(head []byte) format {
	s := strings.TrimPrefix(string(head), "\ufeff")
	s = strings.TrimLeft(s, " \t\r\n")
	low := strings.ToLower(s)
	switch {
	case strings.HasPrefix(s, "{"):
		return formatJSONL
	case strings.HasPrefix(s, "[") && (strings.HasPrefix(strings.TrimLeft(s[1:], " \t\r\n"), "{") || strings.HasPrefix(strings.TrimLeft(s[1:], " \t\r\n"), "]")):
		return formatJSONL // a JSON array of articles
	case strings.HasPrefix(s, "WARC/"):
		return formatWARC
	case strings.HasPrefix(low, "<"):
		// skip an XML declaration, comments and processing instructions to the root element
		if i := strings.Index(low, "<rss"); i >= 0 && onlyProlog(low[:i]) {
			return formatFeed
		}
		if i := strings.Index(low, "<feed"); i >= 0 && onlyProlog(low[:i]) {
			return formatFeed
		}
		if i := strings.Index(low, "<rdf:rdf"); i >= 0 && onlyProlog(low[:i]) {
			return formatFeed
		}
		if strings.HasPrefix(low, "<!doctype html") || strings.Contains(low, "<html") ||
			strings.Contains(low, "<head") || strings.Contains(low, "<body") {
			return formatHTML
		}
	}
	if strings.IndexByte(s, 0) >= 0 {
		return formatUnknown
	}
	return formatText
}

// onlyProlog reports whether s (lower case) holds nothing but an XML prolog: declaration,
// processing instructions, comments, a doctype and white space.
func onlyProlog(s string) bool {
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		switch {
		case s == "":
			return true
		case strings.HasPrefix(s, "<?"):
			i := strings.Index(s, "?>")
			if i < 0 {
				return false
			}
			s = s[i+2:]
		case strings.HasPrefix(s, "<!--"):
			i := strings.Index(s, "-->")
			if i < 0 {
				return false
			}
			s = s[i+3:]
		case strings.HasPrefix(s, "<!doctype"):
			i := strings.IndexByte(s, '>')
			if i < 0 {
				return false
			}
			s = s[i+1:]
		default:
			return false
		}
	}
}
