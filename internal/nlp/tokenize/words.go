package tokenize

import (
	"strings"

	"github.com/dyad-events/dyad/internal/nlp"
)

// scanner splits text into word tokens in UD English conventions. It keeps no state between
// calls of Tokenize.
type scanner struct {
	text    string
	toks    []nlp.Token
	learned map[string]bool // abbreviations learned from training text, may be nil
	key     []byte          // scratch for lower-cased map keys
	noEmail int             // no e-mail address starts before this offset (keeps urlEnd linear)
}

// scan appends the tokens of s.text to s.toks.
func (s *scanner) scan() {
	text := s.text
	i := 0
	for i < len(text) {
		sp, w := spaceAt(text, i)
		if sp {
			i += w
			continue
		}
		j := i + w
		for j < len(text) {
			sp, w = spaceAt(text, j)
			if sp {
				break
			}
			j += w
		}
		s.chunk(i, j)
		i = j
	}
}

// emit appends the token text[a:b].
func (s *scanner) emit(a, b int) {
	sa := false
	if b < len(s.text) {
		sa, _ = spaceAt(s.text, b)
	}
	s.toks = append(s.toks, nlp.Token{Text: s.text[a:b], Start: a, End: b, SpaceAfter: sa, Head: -1})
}

// chunk tokenizes text[a:b], a run of non-space characters.
func (s *scanner) chunk(a, b int) {
	text := s.text
	p := a
	for p < b {
		r, w := decode(text, p)
		if isAlnum(r) {
			if e := urlEnd(text, p, b, &s.noEmail); e > p {
				s.emit(p, e)
				p = e
				continue
			}
			p = s.word(p, b)
			continue
		}
		e := p + w
		switch {
		case isApos(r) || r == '‘':
			if c := cliticEnd(text, p+w, b); c > 0 && (p > a || c == b) {
				e = c
				break
			}
			if n := len(digitsAt(text, e, b)); n == 2 {
				if !alnumAt(text, e+2, b) {
					e += 2 // '72
					break
				}
				if text[e+2] == 's' && !alnumAt(text, e+3, b) {
					e += 3 // '80s
					break
				}
			}
			if r == '’' || r == '‘' {
				for e < b && (strings.HasPrefix(text[e:], "’") || strings.HasPrefix(text[e:], "‘")) {
					e += len("’")
				}
				break
			}
			e = run(text, e, b, r)
		case r == '-' || r == '—' || r == '–' || r == '*' || r == '=' || r == '~' || r == '_' ||
			r == '#' || r == '+' || r == '>' || r == '<' || r == '/' || r == '…' || r == '^' || r == '$':
			e = run(text, e, b, r)
		case r == '.' || r == '!' || r == '?':
			for e < b && (text[e] == '!' || text[e] == '?' || text[e] == '.') {
				e++
			}
		case r == ':' || r == ';' || r == '=':
			e = emoticonEnd(text, p, b)
		}
		s.emit(p, e)
		p = e
	}
}

// run returns the end of the run of r starting before e.
func run(text string, e, b int, r rune) int {
	for e < b {
		r2, w := decode(text, e)
		if r2 != r {
			break
		}
		e += w
	}
	return e
}

// emoticonEnd returns the end of an emoticon such as ":)", ";-)" or ":D" at p, or p+1.
func emoticonEnd(text string, p, b int) int {
	e := p + 1
	if e < b && text[e] == '-' {
		e++
	}
	if e < b {
		switch text[e] {
		case ')', '(', 'D', 'P', 'p', '/', '|', ']', '[':
			if e+1 == b || !alnumAt(text, e+1, b) {
				return e + 1
			}
		}
	}
	return p + 1
}

// cliticEnd returns the end of an English clitic ('s, 're, 've, 'll, 'd, 'm) whose letters start
// at i, just after an apostrophe, or 0 when there is none.
func cliticEnd(text string, i, b int) int {
	n := 0
	for i+n < b && n < 3 {
		c := text[i+n]
		if ascii[c&0x7f]&(cUpper|cLower) == 0 || c >= 0x80 {
			break
		}
		n++
	}
	if n == 0 || n == 3 || alnumAt(text, i+n, b) {
		return 0
	}
	switch lowerASCII(text[i]) {
	case 's', 'd', 'm':
		if n == 1 {
			return i + 1
		}
	case 'r':
		if n == 2 && lowerASCII(text[i+1]) == 'e' {
			return i + 2
		}
	case 'v':
		if n == 2 && lowerASCII(text[i+1]) == 'e' {
			return i + 2
		}
	case 'l':
		if n == 2 && lowerASCII(text[i+1]) == 'l' {
			return i + 2
		}
	}
	return 0
}

// urlEnd returns the end of a URL or e-mail address starting at p, or p when there is none.
// *noEmail is an offset before which no e-mail address starts; urlEnd moves it on when a scan
// fails, so that a long chunk is not scanned again from each of its words.
func urlEnd(text string, p, b int, noEmail *int) int {
	t := text[p:b]
	isURL := hasPrefixFold(t, "http://") || hasPrefixFold(t, "https://") || hasPrefixFold(t, "www.") ||
		hasPrefixFold(t, "ftp://") || hasPrefixFold(t, "mailto:")
	if !isURL {
		if p < *noEmail {
			return p
		}
		// an e-mail address: local@domain.tld
		at := -1
		for i := 0; i < len(t); i++ {
			c := t[i]
			if c == '@' {
				at = i
				break
			}
			if c >= 0x80 || !(ascii[c]&(cUpper|cLower|cDigit) != 0 || c == '.' || c == '_' || c == '-' || c == '+' || c == '%') {
				*noEmail = p + i + 1 // every start before i stops here too
				return p
			}
		}
		if at < 0 {
			*noEmail = b
			return p
		}
		if at == 0 {
			return p
		}
		dot := false
		i := at + 1
		for ; i < len(t); i++ {
			c := t[i]
			if c == '.' && i+1 < len(t) && ascii[t[i+1]&0x7f]&(cUpper|cLower|cDigit) != 0 && t[i+1] < 0x80 {
				dot = true
				continue
			}
			if c >= 0x80 || !(ascii[c]&(cUpper|cLower|cDigit) != 0 || c == '-' || c == '_') {
				break
			}
		}
		if !dot {
			*noEmail = p + at + 1 // every start before the @ finds the same domain
			return p
		}
		return p + i
	}
	// strip trailing punctuation, keeping a ")" matched inside the URL
	open, close := 0, 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '(':
			open++
		case ')':
			close++
		}
	}
	e := len(t)
	for e > 0 {
		c := t[e-1]
		if c == ')' {
			if open >= close {
				break
			}
			close--
			e--
			continue
		}
		if c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == '"' ||
			c == ']' || c == '}' || c == '>' {
			e--
			continue
		}
		if c >= 0x80 { // trailing curly quote or other non-ASCII punctuation
			r, w := lastRune(t[:e])
			if !isAlnum(r) && r != '/' {
				e -= w
				continue
			}
		}
		break
	}
	// a URL ends before an angle bracket or quote inside the chunk
	for i := 0; i < e; i++ {
		if c := t[i]; c == '<' || c == '>' || c == '"' {
			e = i
			break
		}
	}
	if e < 5 {
		return p
	}
	return p + e
}

func lastRune(s string) (rune, int) {
	i := len(s) - 1
	for i > 0 && s[i]&0xc0 == 0x80 {
		i--
	}
	r, _ := decode(s, i)
	return r, len(s) - i
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && equalFoldASCII(s[:len(prefix)], prefix)
}

// word scans the word starting at a (an alphanumeric rune) and emits it with its clitics split
// off and, when it is an abbreviation, its period; it returns where scanning goes on.
func (s *scanner) word(a, b int) int {
	text := s.text
	e := a
	seg := a // start of the current hyphen-separated part
loop:
	for e < b {
		r, w := decode(text, e)
		if isAlnum(r) {
			e += w
			continue
		}
		switch {
		case r == '.':
			if alnumAt(text, e+1, b) {
				e++
				continue
			}
		case r == ',' || r == ':' || r == '/':
			if digitAt(text, e-1, b) && digitAt(text, e+1, b) {
				e++
				continue
			}
		case r == '&':
			if e+1 < b && isUpper(rune(text[e+1])) && isUpper(rune(text[e-1])) {
				e++
				continue
			}
		case r == '_':
			if alnumAt(text, e+1, b) {
				e++
				continue
			}
		case r == '-':
			if e+1 == b && e > a && !digitAt(text, e-1, b) {
				e++ // a truncated word or a suspended prefix: "th-", "pre- and post-war"
				break loop
			}
			if phonePart(text[seg:e]) && phonePart(digitsAt(text, e+1, b)) {
				e++
				seg = e
				continue
			}
			if alnumAt(text, e+1, b) && s.keepHyphen(text[seg:e]) {
				e++
				seg = e
				continue
			}
		case isApos(r):
			if e+w < b && (text[e+w] == 't' || text[e+w] == 'T') && e-1 >= a &&
				(text[e-1] == 'n' || text[e-1] == 'N') && !alnumAt(text, e+w+1, b) {
				// n't: the word ends before the n
				if e-1 > a {
					s.emitWord(a, e-1)
				}
				s.emit(e-1, e+w+1)
				return e + w + 1
			}
			if c := cliticEnd(text, e+w, b); c > 0 {
				if c == e+w+1 && (text[e+w] == 's' || text[e+w] == 'S') && digitAt(text, e-1, b) {
					e = c // the 1960's
				}
				break loop
			}
			if alnumAt(text, e+w, b) {
				e += w
				continue
			}
		}
		break
	}
	// "w/" (with) is a word, and so are two single letters around a slash: "w/o", "b/c", "A/C"
	if e == a+1 && e < b && text[e] == '/' {
		if (text[a] == 'w' || text[a] == 'W') && (e+1 == b || !alnumAt(text, e+1, b)) {
			s.emit(a, e+1)
			return e + 1
		}
		if e+1 < b && text[a] < 0x80 && text[e+1] < 0x80 && ascii[text[a]]&(cUpper|cLower) != 0 &&
			ascii[text[e+1]]&(cUpper|cLower) != 0 &&
			!alnumAt(text, e+2, b) {
			s.emit(a, e+2)
			return e + 2
		}
	}
	// an abbreviation keeps its period (Tokenize splits it off again at a sentence end)
	if e < b && text[e] == '.' && (e+1 == b || text[e+1] != '.') && s.abbrev(text[a:e], e+1) {
		s.emit(a, e+1)
		return e + 1
	}
	s.emitWord(a, e)
	return e
}

// phonePart reports whether s is a group of a telephone number: 3 or 4 digits.
func phonePart(s string) bool {
	if len(s) < 3 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// digitsAt returns the run of ASCII digits at i.
func digitsAt(text string, i, b int) string {
	j := i
	for j < b && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	return text[i:j]
}

// keepHyphen reports whether a hyphen after part stays inside the word.
func (s *scanner) keepHyphen(part string) bool {
	if len(part) > 7 {
		return false
	}
	s.key = lowerKey(s.key, part)
	return hyphenPrefixes[string(s.key)]
}

// abbrev reports whether word followed by a period is an abbreviation; next is the offset after
// the period.
func (s *scanner) abbrev(word string, next int) bool {
	if len(word) == 1 {
		return isUpper(rune(word[0])) || nextIsDigit(s.text, next) && isLower(rune(word[0]))
	}
	letters, seg, dots := 0, 0, 0
	for i := 0; i < len(word); i++ {
		c := word[i]
		switch {
		case c == '.':
			dots++
			if seg == 0 || seg > 3 {
				letters = -1 << 20
			}
			seg = 0
		case ascii[c&0x7f]&(cUpper|cLower) != 0 && c < 0x80:
			letters++
			seg++
		default:
			letters = -1 << 20
		}
	}
	if dots > 0 {
		return letters > 0 && seg <= 3 // U.S, a.m, Ph.D, e.g
	}
	if len(word) > 8 {
		return false
	}
	s.key = lowerKey(s.key, word)
	if abbrevs[string(s.key)] || s.learned[string(s.key)] {
		return true
	}
	if numberAbbrevs[string(s.key)] && nextIsDigit(s.text, next) {
		return true
	}
	if stateAbbrevs[string(s.key)] && isUpper(rune(word[0])) {
		a := next - 1 - len(word)
		return a > 0 && s.text[a-1] == '-' || next < len(s.text) && (s.text[next] == ',' || s.text[next] == ')')
	}
	return false
}

// nextIsDigit reports whether the next non-space byte after i is a digit.
func nextIsDigit(text string, i int) bool {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i < len(text) && text[i] >= '0' && text[i] <= '9'
}

// itIs reports whether "its" ending at e stands for "it's": the next word, after spaces, is
// one that cannot follow the possessive ("its a shame", "its not", "its really good").
func (s *scanner) itIs(e int) bool {
	text := s.text
	i := e
	for i < len(text) && text[i] == ' ' {
		i++
	}
	if i == e {
		return false
	}
	j := i
	for j < len(text) && text[j] < 0x80 && ascii[text[j]]&(cUpper|cLower) != 0 {
		j++
	}
	if j == i || j-i > 10 || j < len(text) && (text[j] == '-' || text[j] == '\'' || text[j] >= 0x80) {
		return false
	}
	s.key = lowerKey(s.key, text[i:j])
	return itsNext[string(s.key)]
}

// emitWord emits text[a:e], splitting fused contractions ("gonna" → gon na) and a time suffix
// after a number ("10am" → 10 am).
func (s *scanner) emitWord(a, e int) {
	text := s.text
	if n := e - a; n >= 2 && n <= 8 && fusedShape[n][lowerASCII(text[a])&0x7f] && !isUpper(rune(text[a+1])) {
		s.key = lowerKey(s.key, text[a:e])
		if parts, ok := fused[string(s.key)]; ok {
			for _, k := range parts {
				s.emit(a, a+k)
				a += k
			}
			s.emit(a, e)
			return
		}
	}
	if e-a == 3 && (text[a] == 'i' || text[a] == 'I') && text[a+1] == 't' && text[a+2] == 's' &&
		s.itIs(e) {
		s.emit(a, a+2) // "its a shame" → it s a shame
		s.emit(a+2, e)
		return
	}
	if text[a] >= '0' && text[a] <= '9' && e-a >= 2 {
		k := e
		for k > a && ascii[text[k-1]&0x7f]&(cUpper|cLower) != 0 && text[k-1] < 0x80 && e-k < 3 {
			k--
		}
		if k < e && k > a && text[k-1] >= '0' && text[k-1] <= '9' {
			s.key = lowerKey(s.key, text[k:e])
			if numberSuffixes[string(s.key)] {
				s.emit(a, k)
				s.emit(k, e)
				return
			}
		}
	}
	s.emit(a, e)
}
