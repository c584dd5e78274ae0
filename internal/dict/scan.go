package dict

import "strings"

// srcLine is one line of a dictionary file with its comment removed.
type srcLine struct {
	n        int    // 1-based line number
	text     string // without the comment and trailing white space; leading white space kept
	indented bool   // the line starts with white space
}

// scanLines splits a file into its non-blank lines. A '#' at the start of a line or after white
// space starts a comment; a UTF-8 byte order mark and '\r' line ends are dropped.
func scanLines(data string) []srcLine {
	data = strings.TrimPrefix(data, "\ufeff")
	out := make([]srcLine, 0, strings.Count(data, "\n")+1)
	n := 0
	for len(data) > 0 {
		n++
		var line string
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, ""
		}
		line = stripComment(line)
		line = strings.TrimRight(line, " \t\r\v\f")
		if strings.TrimSpace(line) == "" {
			continue
		}
		out = append(out, srcLine{n: n, text: line, indented: line[0] == ' ' || line[0] == '\t'})
	}
	return out
}

func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i]
		}
	}
	return line
}

// splitTabs splits a tab-separated line into trimmed columns (empty columns kept).
func splitTabs(s string) []string {
	f := strings.Split(s, "\t")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	return f
}

// splitBar splits a '|'-separated list of names, trimmed, dropping empty items; it reports
// whether an item was empty.
func splitBar(s string) (items []string, empty bool) {
	if strings.TrimSpace(s) == "" {
		return nil, false
	}
	for _, p := range strings.Split(s, "|") {
		p = strings.Join(strings.Fields(p), " ")
		if p == "" {
			empty = true
			continue
		}
		items = append(items, p)
	}
	return items, empty
}

func isUpperCode(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// isActorCode reports whether s looks like a CAMEO actor code: upper-case letters and digits,
// a multiple of three long.
func isActorCode(s string) bool {
	if s == "" || len(s)%3 != 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}
