package dyad

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Code is one CAMEO event code with its published attributes.
type Code struct {
	Code       string  // "041"
	Name       string  // "Discuss by telephone"
	Goldstein  float64 // -10..+10
	QuadClass  int     // 1..4
	PLOVER     string  // PLOVER event type, "" for codes PLOVER drops (01x, 02x)
	PLOVERMode string  // PLOVER mode, if any
}

// Root returns the two-digit root of the code ("04" for "041").
func (c Code) Root() string { return c.Code[:2] }

// Base returns the three-digit base code ("041" for "0411"; roots stay as they are).
func (c Code) Base() string {
	if len(c.Code) > 3 {
		return c.Code[:3]
	}
	return c.Code
}

//go:embed codes.tsv
var codesTSV string

// codeTable is built once from codes.tsv; it is read-only after that.
var codeTable = mustParseCodes(codesTSV)

func mustParseCodes(s string) map[string]Code {
	m, err := ParseCodeTable(s)
	if err != nil {
		panic(err)
	}
	return m
}

// ParseCodeTable reads a code table in codes.tsv's format
// (code, name, goldstein, quad class, PLOVER type, PLOVER mode; '#' comments).
func ParseCodeTable(s string) (map[string]Code, error) {
	m := map[string]Code{}
	for i, line := range strings.Split(s, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			return nil, fmt.Errorf("codes.tsv:%d: want at least 4 tab-separated fields, got %d", i+1, len(f))
		}
		g, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("codes.tsv:%d: goldstein: %w", i+1, err)
		}
		q, err := strconv.Atoi(f[3])
		if err != nil || q < 1 || q > 4 {
			return nil, fmt.Errorf("codes.tsv:%d: bad quad class %q", i+1, f[3])
		}
		c := Code{Code: f[0], Name: f[1], Goldstein: g, QuadClass: q}
		if len(f) > 4 {
			c.PLOVER = f[4]
		}
		if len(f) > 5 {
			c.PLOVERMode = f[5]
		}
		m[c.Code] = c
	}
	return m, nil
}

// LookupCode returns the attributes of a CAMEO code ("04", "041", "0411").
func LookupCode(code string) (Code, bool) {
	c, ok := codeTable[code]
	return c, ok
}

// Codes returns every CAMEO code, sorted.
func Codes() []Code {
	out := make([]Code, 0, len(codeTable))
	for _, c := range codeTable {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// PLOVERTypes lists the 16 PLOVER event types.
var PLOVERTypes = []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
	"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
