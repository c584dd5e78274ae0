package tokenize

import (
	"strings"

	"github.com/dyad-events/dyad/internal/nlp"
)

// The sentence-boundary classifier scores the gap after token i from hashed features of the
// tokens around it (FNV-1a, 64 bits, folded to 32 for the weight table).

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func mixByte(h uint64, c byte) uint64 { return (h ^ uint64(c)) * fnvPrime }

func mixU32(h uint64, v uint32) uint64 {
	h = mixByte(h, byte(v))
	h = mixByte(h, byte(v>>8))
	h = mixByte(h, byte(v>>16))
	return mixByte(h, byte(v>>24))
}

// mixLower mixes s in ASCII lower case, at most 24 bytes, then a separator.
func mixLower(h uint64, s string) uint64 {
	n := len(s)
	if n > 24 {
		n = 24
	}
	for i := 0; i < n; i++ {
		h = mixByte(h, lowerASCII(s[i]))
	}
	return mixByte(h, 0xff)
}

func tmpl(id byte) uint64 { return mixByte(fnvOffset, id) }

func mixU64(h, v uint64) uint64 { return mixU32(mixU32(h, uint32(v)), uint32(v>>32)) }

// lex hashes word w of class k for the lexical features: in lower case, except that a short
// all-capital word is kept apart from the lower-case one ("US" is not "us", "PM" not "pm").
func lex(w string, k byte) uint64 {
	h := mixLower(fnvOffset, w)
	if k == kCaps && len(w) <= 5 {
		h = mixByte(h, 'A')
	}
	return h
}

// Token classes.
const (
	kBOS    = 'B' // before the first token
	kEOS    = 'E' // after the last token
	kUpper  = 'W' // capitalised word
	kCaps   = 'A' // all capitals, two letters or more
	kLower  = 'w'
	kDigit  = 'd'
	kAbbr   = 'a' // word with its period
	kFinal  = '.' // . ! ? … and runs of them
	kClose  = 'c' // closing bracket or quote
	kOpen   = 'o' // opening bracket or quote
	kQuote  = 'q' // ambiguous quote: " '
	kComma  = ','
	kColon  = ':' // : ;
	kDash   = '-'
	kSymbol = 'p' // other punctuation and symbols
)

// class returns the coarse class of a token.
func class(t string) byte {
	r, _ := decode(t, 0)
	if isAlnum(r) {
		if len(t) > 1 && t[len(t)-1] == '.' {
			return kAbbr
		}
		switch {
		case isDigit(r):
			return kDigit
		case isLower(r):
			return kLower
		}
		caps := true
		for i := 1; i < len(t); i++ {
			if c := t[i]; c >= 'a' && c <= 'z' {
				caps = false
				break
			}
		}
		if caps && len(t) > 1 {
			return kCaps
		}
		return kUpper
	}
	switch r {
	case '.', '!', '?', '…':
		return kFinal
	case ')', ']', '}', '”', '’', '»':
		return kClose
	case '(', '[', '{', '“', '‘', '«', '„':
		return kOpen
	case '"', '\'', '`':
		return kQuote
	case ',':
		return kComma
	case ':', ';':
		if len(t) > 1 {
			return kSymbol // emoticon
		}
		return kColon
	case '-', '—', '–':
		return kDash
	}
	return kSymbol
}

// shape is a finer class: the class of a word, or the first rune of punctuation.
func shape(t string) uint32 {
	k := class(t)
	switch k {
	case kUpper, kCaps, kLower, kDigit:
		if len(t) == 1 {
			return uint32(k) | 0x100
		}
		return uint32(k)
	case kAbbr:
		if len(t) == 2 {
			return uint32(k) | 0x100 // an initial
		}
		return uint32(k)
	}
	r, _ := decode(t, 0)
	return uint32(r) | 0x10000
}

// ctx holds what the features of one gap look at.
type ctx struct {
	text         string
	toks         []nlp.Token
	i            int // the gap after toks[i]
	since        int // tokens since the last sentence start
	abbrevListed bool
	ortho1       byte // orthographic class of toks[i+1] (see SegModel.ortho)
	ortho0       byte // orthographic class of toks[i], 'p' for a non-word
	casual       byte // punctuation habits of the whole text (see casualness)
	style        byte // layout of the whole text (see layout)
	maxLine      int  // length in bytes of the longest line of the text
	// what track gathers over the tokens of the sentence so far
	depth     byte // brackets and curly quotes opened and not closed, at most 2
	dquote    byte // 1 after an odd number of straight double quotes
	lineStart int  // byte offset of the line of the current token
	lineEnd   int  // byte offset of the end of that line (a line break or the end of text)
	lineFirst byte // class of the first token of that line
}

// track updates the sentence state of c with token t, the next one of the text.
func (c *ctx) track(t *nlp.Token) {
	if t.End > c.lineEnd {
		from := max(c.lineEnd, 0)
		c.lineStart = from
		if j := strings.LastIndexByte(c.text[from:t.Start], '\n'); j >= 0 {
			c.lineStart = from + j + 1
		}
		c.lineEnd = len(c.text)
		c.lineFirst = class(t.Text)
		if j := strings.IndexByte(c.text[t.End:], '\n'); j >= 0 {
			c.lineEnd = t.End + j
		}
	}
	if b := t.Text[0]; b < 0x80 && ascii[b]&(cUpper|cLower|cDigit) != 0 {
		return // a word: the common case
	}
	switch class(t.Text) {
	case kOpen:
		if c.depth < 2 {
			c.depth++
		}
	case kClose:
		if c.depth > 0 {
			c.depth--
		}
	case kQuote:
		if t.Text[0] == '"' {
			c.dquote ^= 1
		}
	}
}

// newSentence resets the sentence state of c.
func (c *ctx) newSentence() { c.depth, c.dquote = 0, 0 }

// byteBucket buckets a distance in bytes.
func byteBucket(n int) byte {
	switch {
	case n <= 1:
		return 0
	case n < 12:
		return 1
	case n < 30:
		return 2
	case n < 80:
		return 3
	}
	return 4
}

// maxLine returns the length in bytes of the longest line of text.
func maxLine(text string) int {
	max := 0
	for len(text) > 0 {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			i = len(text)
		}
		if i > max {
			max = i
		}
		if i == len(text) {
			break
		}
		text = text[i+1:]
	}
	return max
}

// fits reports whether the first chunk of the next line would have fit at the end of the line
// that ends after toks[i]: then the line was not broken by wrapping.
func fits(text string, toks []nlp.Token, i, maxLine int) byte {
	end := toks[i].End
	start := strings.LastIndexByte(text[:end], '\n') + 1
	j := toks[i+1].Start
	for j < len(text) && text[j] != ' ' && text[j] != '\n' && text[j] != '\t' {
		j++
	}
	if end-start+1+j-toks[i+1].Start <= maxLine {
		return 1
	}
	return 0
}

// layout classifies the line breaks of a text: 0 none, 1 line breaks but no blank line, 2 blank
// lines (then a single line break is more likely a wrapped line than a paragraph end).
func layout(text string) byte {
	i := strings.IndexByte(text, '\n')
	if i < 0 {
		return 0
	}
	for i >= 0 {
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
			j++
		}
		if j < len(text) && text[j] == '\n' {
			return 2
		}
		k := strings.IndexByte(text[j:], '\n')
		if k < 0 {
			break
		}
		i = j + k
	}
	return 1
}

// lineBucket buckets the length in bytes of the line that ends after toks[i].
func lineBucket(text string, toks []nlp.Token, i int) byte {
	end := toks[i].End
	start := strings.LastIndexByte(text[:end], '\n') + 1
	switch n := end - start; {
	case n < 30:
		return 0
	case n < 55:
		return 1
	case n < 85:
		return 2
	}
	return 3
}

func lenBucket(n int) byte {
	switch {
	case n <= 1:
		return byte(n)
	case n <= 3:
		return 2
	case n <= 6:
		return 3
	case n <= 12:
		return 4
	case n <= 25:
		return 5
	}
	return 6
}

// newlines counts the line breaks in the gap after toks[i], up to 2.
func newlines(text string, toks []nlp.Token, i int) int {
	n := 0
	end := len(text)
	if i+1 < len(toks) {
		end = toks[i+1].Start
	}
	for j := toks[i].End; j < end; j++ {
		if text[j] == '\n' {
			n++
			if n == 2 {
				break
			}
		}
	}
	return n
}

const maxFeatures = 72

// features writes the hashes of the features of gap c.i into f and returns how many.
func features(c *ctx, f *[maxFeatures]uint64) int {
	toks := c.toks
	i := c.i
	w0 := toks[i].Text
	var w1, w2, wm1 string
	k1, k2, km1 := byte(kEOS), byte(kEOS), byte(kBOS)
	s1, s2, sm1 := uint32(kEOS), uint32(kEOS), uint32(kBOS)
	sa1 := byte(0)
	if i+1 < len(toks) {
		w1 = toks[i+1].Text
		k1, s1 = class(w1), shape(w1)
		if toks[i+1].SpaceAfter {
			sa1 = 1
		}
	}
	if i+2 < len(toks) {
		w2 = toks[i+2].Text
		k2, s2 = class(w2), shape(w2)
	}
	if i > 0 {
		wm1 = toks[i-1].Text
		km1, sm1 = class(wm1), shape(wm1)
	}
	k0, s0 := class(w0), shape(w0)
	nl := byte(newlines(c.text, toks, i))
	listed := byte(0)
	if c.abbrevListed {
		listed = 1
	}
	n := 0
	add := func(h uint64) { f[n] = h; n++ }
	add(tmpl(1))
	l0, l1, lm1 := lex(w0, k0), lex(w1, k1), lex(wm1, km1)
	add(mixU64(tmpl(2), l0))
	add(mixU64(tmpl(3), l1))
	add(mixU64(mixU64(tmpl(4), lm1), l0))
	add(mixU32(mixU64(tmpl(5), l0), s1))
	add(mixU32(mixU32(tmpl(6), s0), s1))
	add(mixByte(mixByte(mixByte(mixByte(tmpl(7), km1), k0), k1), k2))
	add(mixByte(tmpl(8), nl))
	add(mixU32(mixByte(mixByte(tmpl(9), nl), k0), s1))
	add(mixU32(mixByte(mixByte(tmpl(10), listed), k0), s1))
	add(mixByte(mixU64(tmpl(11), l1), k0))
	add(mixByte(mixByte(tmpl(12), lenBucket(c.since)), k0))
	add(mixU32(mixU32(mixByte(tmpl(13), k0), s1), s2))
	add(mixByte(mixU32(mixByte(tmpl(14), k0), s1), sa1))
	add(mixU32(mixByte(mixByte(tmpl(15), lenBucket(len(w0))), k0), s1))
	add(mixU64(mixU32(tmpl(16), sm1), l0))
	add(mixU32(mixU64(tmpl(17), l1), s2))
	add(mixByte(mixByte(mixByte(mixByte(tmpl(18), nl), km1), k0), k1))
	add(mixByte(mixByte(mixByte(mixByte(tmpl(19), c.ortho1), k0), listed), nl))
	add(mixU32(mixByte(mixByte(tmpl(20), c.ortho1), km1), s0))
	add(mixU64(mixU64(tmpl(21), l0), l1))
	add(mixByte(mixByte(mixByte(mixByte(mixByte(tmpl(22), nl), c.style), k0), c.ortho1), byte(s1)))
	lb, fit := byte(9), byte(9)
	if nl == 1 {
		lb = lineBucket(c.text, toks, i)
		fit = fits(c.text, toks, i, c.maxLine)
	}
	add(mixByte(mixByte(mixByte(mixByte(tmpl(23), nl), c.style), lb), k0))
	add(mixByte(mixByte(mixByte(mixByte(tmpl(24), nl), c.style), fit), k0))
	add(mixByte(mixByte(mixByte(tmpl(25), fit), c.ortho1), byte(s1)))
	wm2 := ""
	if i > 1 {
		wm2 = toks[i-2].Text
	}
	add(mixByte(mixLower(tmpl(26), w2), k1))
	add(mixByte(mixByte(mixLower(tmpl(27), wm2), km1), k0))
	start := toks[max(0, i-c.since)].Text
	add(mixByte(mixByte(mixLower(tmpl(28), start), lenBucket(c.since)), k0))
	// every feature so far again, specific to the layout of the text
	for j := range n {
		f[n+j] = mixByte(f[j], 0xa0+c.style)
	}
	n *= 2
	add(mixByte(mixByte(mixByte(mixByte(tmpl(29), c.depth), c.dquote), k0), k1))
	rep := byte(0)
	if c.since >= 2 && w1 != "" && strings.EqualFold(w1, start) {
		rep = 1
		if s := max(0, i-c.since) + 1; s < i && w2 != "" && strings.EqualFold(w2, toks[s].Text) {
			rep = 2
		}
	}
	add(mixByte(mixByte(mixByte(tmpl(30), rep), k0), k1))
	before, after := byteBucket(toks[i].End-c.lineStart), byteBucket(c.lineEnd-toks[i].End)
	add(mixByte(mixByte(mixByte(mixByte(tmpl(31), before), after), k0), k1))
	add(mixByte(mixByte(mixByte(tmpl(32), after), k0), c.ortho1))
	u := byte(0)
	if urlLike(w0) {
		u = 1
	}
	if urlLike(w1) {
		u |= 2
	}
	add(mixByte(mixByte(mixByte(mixByte(tmpl(33), u), nl), k0), k1))
	add(mixByte(mixByte(mixByte(mixByte(tmpl(34), c.ortho0), c.ortho1), k0), nl))
	add(mixByte(mixByte(mixByte(mixByte(tmpl(35), c.ortho0), c.ortho1), c.casual), k0))
	add(mixByte(mixByte(mixByte(mixByte(mixByte(tmpl(36), c.casual), nl), k0), k1), c.ortho1))
	add(mixByte(mixByte(mixByte(tmpl(37), c.casual), byte(s1)), km1))
	add(mixByte(mixU64(tmpl(38), l0), c.ortho1))
	add(mixByte(mixByte(mixByte(mixByte(tmpl(40), c.lineFirst), k0), k1), nl))
	return n
}

// casualness classifies the punctuation habits of a text from its tokens, as bits: 1 when few
// tokens are sentence-final punctuation (under one in 40), 2 when the pronoun "i" is written in
// lower case, 4 when a fifth or more of the sentence-final marks are followed by a lower-case
// word. Mail, forum posts and reviews often set these; edited news text does not.
func casualness(toks []nlp.Token) byte {
	finals, lowerAfter, words := 0, 0, 0
	var c byte
	for i := range toks {
		t := toks[i].Text
		b := t[0]
		if b < 0x80 && ascii[b]&(cUpper|cLower|cDigit) != 0 {
			words++
			if len(t) == 1 && b == 'i' {
				c |= 2
			}
			continue
		}
		if class(t) == kFinal {
			finals++
			if i+1 < len(toks) {
				if r, _ := decode(toks[i+1].Text, 0); isLower(r) {
					lowerAfter++
				}
			}
		}
	}
	if finals*40 < words {
		c |= 1
	}
	if finals > 0 && lowerAfter*5 >= finals {
		c |= 4
	}
	return c
}

// candidate reports whether the gap after toks[i] may end a sentence at all; other gaps (a
// word followed on the same line by a lower-case word, or no space between the tokens) never
// do, and the classifier is not asked.
func candidate(text string, toks []nlp.Token, i int) bool {
	t := &toks[i]
	if !t.SpaceAfter {
		return false
	}
	if i+1 >= len(toks) {
		return true
	}
	k0 := class(t.Text)
	if k0 != kLower && k0 != kUpper && k0 != kCaps && k0 != kDigit && k0 != kComma {
		return true
	}
	r, _ := decode(toks[i+1].Text, 0)
	if !isLower(r) || urlLike(t.Text) || urlLike(toks[i+1].Text) {
		return true
	}
	return newlines(text, toks, i) > 0
}

// urlLike reports whether token t is a web address or an e-mail address, which may end a
// sentence (or a list item) without punctuation.
func urlLike(t string) bool {
	if len(t) <= 5 {
		return false
	}
	if i := strings.IndexByte(t, ':'); i > 0 && strings.HasPrefix(t[i:], "://") {
		return true
	}
	return strings.HasPrefix(t, "www.") || strings.IndexByte(t[1:], '@') >= 0
}
