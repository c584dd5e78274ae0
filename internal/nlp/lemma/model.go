package lemma

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The model file is a gzip-compressed text: a magic line, then one entry a line, sorted:
//
//	E form xpos lemma      case-specific dictionary entry
//	L form xpos lemma      lower-case dictionary entry
//	R suffix xpos strip add  suffix rewrite
//
// with the fields separated by tabs. To keep the file small a dictionary lemma is written as a
// rewrite of its form ("=" + strip count + "," + added text) when that is shorter.
const magic = "dyad-lemma-1"

// Save writes the model.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("saving lemmatizer: %w", err)
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic + "\n")
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
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	if !sc.Scan() || sc.Text() != magic {
		return nil, fmt.Errorf("loading lemmatizer: not a dyad lemmatizer model")
	}
	m := &Model{exact: map[string]string{}, lower: map[string]string{}, rules: map[string]rewrite{}}
	line := 1
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 4 && !(len(f) == 5 && f[0] == "R") {
			return nil, fmt.Errorf("loading lemmatizer: line %d: want 4 or 5 fields, got %d", line, len(f))
		}
		k := f[1] + "\x00" + f[2]
		switch f[0] {
		case "E", "L":
			l, ok := decodeLemma(f[1], f[3])
			if !ok {
				return nil, fmt.Errorf("loading lemmatizer: line %d: bad lemma %q", line, f[3])
			}
			if f[0] == "E" {
				m.exact[k] = l
			} else {
				m.lower[k] = l
			}
		case "R":
			strip, err := strconv.Atoi(f[3])
			if len(f) != 5 || err != nil || strip < 0 || strip > 64 {
				return nil, fmt.Errorf("loading lemmatizer: line %d: bad rewrite", line)
			}
			m.rules[k] = rewrite{strip: strip, add: f[4]}
			m.maxSuffix = max(m.maxSuffix, len(f[1]))
		default:
			return nil, fmt.Errorf("loading lemmatizer: line %d: unknown entry %q", line, f[0])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("loading lemmatizer: %w", err)
	}
	return m, nil
}
