package lemma

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The model file is a gzip-compressed text: a magic line, a line with the numbers of E, L and R
// entries, then one entry a line, sorted:
//
//	E form xpos lemma      case-specific dictionary entry
//	L form xpos lemma      lower-case dictionary entry
//	R suffix xpos strip add  suffix rewrite
//
// with the fields separated by tabs. To keep the file small a dictionary lemma is written as a
// rewrite of its form ("=" + strip count + "," + added text) when that is shorter.
const magic = "dyad-lemma-2"

// Save writes the model.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("saving lemmatizer: %w", err)
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic + "\n")
	fmt.Fprintf(bw, "%d %d %d\n", len(m.exact), len(m.lower), len(m.rules))
	dict := func(tag string, d map[string]string) {
		keys := make([]string, 0, len(d))
		for k := range d {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			form, xpos, _ := strings.Cut(k, "\x00")
			fmt.Fprintf(bw, "%s\t%s\t%s\t%s\n", tag, form, xpos, encodeLemma(form, d[k]))
		}
	}
	dict("E", m.exact)
	dict("L", m.lower)
	keys := make([]string, 0, len(m.rules))
	for k := range m.rules {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		suf, xpos, _ := strings.Cut(k, "\x00")
		r := m.rules[k]
		fmt.Fprintf(bw, "R\t%s\t%s\t%d\t%s\n", suf, xpos, r.strip, r.add)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("saving lemmatizer: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("saving lemmatizer: %w", err)
	}
	return nil
}

// encodeLemma writes lemma as "=strip,add" relative to form when it shares a prefix with it.
func encodeLemma(form, lemma string) string {
	i := 0
	for i < len(form) && i < len(lemma) && form[i] == lemma[i] {
		i++
	}
	enc := "=" + strconv.Itoa(len(form)-i) + "," + lemma[i:]
	if len(enc) < len(lemma) || strings.HasPrefix(lemma, "=") {
		return enc
	}
	return lemma
}

func decodeLemma(form, s string) (string, bool) {
	if !strings.HasPrefix(s, "=") {
		return s, true
	}
	n, add, ok := strings.Cut(s[1:], ",")
	strip, err := strconv.Atoi(n)
	if !ok || err != nil || strip < 0 || strip > len(form) {
		return "", false
	}
	return form[:len(form)-strip] + add, true
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("loading lemmatizer: %w", err)
	}
	return parse(zr)
}

// parse reads the uncompressed model text.
func parse(r io.Reader) (*Model, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	if !sc.Scan() || sc.Text() != magic {
		return nil, fmt.Errorf("loading lemmatizer: not a dyad lemmatizer model")
	}
	var ne, nl, nr int
	if !sc.Scan() {
		return nil, fmt.Errorf("loading lemmatizer: no entry counts")
	}
	if _, err := fmt.Sscanf(sc.Text(), "%d %d %d", &ne, &nl, &nr); err != nil || ne < 0 || nl < 0 || nr < 0 {
		return nil, fmt.Errorf("loading lemmatizer: line 2: bad entry counts %q", sc.Text())
	}
	const maxEntries = 1 << 16 // preallocation cap, so that a corrupt count cannot claim much memory
	m := &Model{
		infl:  newInflection(),
		exact: make(map[string]string, min(ne, maxEntries)),
		lower: make(map[string]string, min(nl, maxEntries)),
		rules: make(map[string]rewrite, min(nr, maxEntries)),
	}
	line := 2
	for sc.Scan() {
		line++
		// One string a line: "form\x00xpos" is the key, the rest is the value.
		b := sc.Bytes()
		bad := func(what string) error {
			return fmt.Errorf("loading lemmatizer: line %d: %s", line, what)
		}
		if len(b) < 2 || b[1] != '\t' {
			return nil, bad("want a kind letter and a tab")
		}
		kind, rest := b[0], b[2:]
		i := bytes.IndexByte(rest, '\t')
		if i < 0 {
			return nil, bad("missing fields")
		}
		j := bytes.IndexByte(rest[i+1:], '\t')
		if j < 0 {
			return nil, bad("missing fields")
		}
		j += i + 1
		rest[i] = 0
		str := string(rest)
		key, val, form := str[:j], str[j+1:], str[:i]
		switch kind {
		case 'E', 'L':
			if strings.IndexByte(val, '\t') >= 0 {
				return nil, bad("want 4 fields")
			}
			l, ok := decodeLemma(form, val)
			if !ok {
				return nil, bad(fmt.Sprintf("bad lemma %q", val))
			}
			if kind == 'E' {
				m.exact[key] = l
			} else {
				m.lower[key] = l
			}
		case 'R':
			n, add, ok := strings.Cut(val, "\t")
			strip, err := strconv.Atoi(n)
			if !ok || err != nil || strip < 0 || strip > 64 || strings.IndexByte(add, '\t') >= 0 {
				return nil, bad("bad rewrite")
			}
			m.rules[key] = rewrite{strip: strip, add: add}
			m.maxSuffix = max(m.maxSuffix, len(form))
		default:
			return nil, bad(fmt.Sprintf("unknown entry %q", kind))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("loading lemmatizer: %w", err)
	}
	m.indexVerbs()
	return m, nil
}
