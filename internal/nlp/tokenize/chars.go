package tokenize

import (
	"unicode"
	"unicode/utf8"
)

// Character classes of ASCII bytes.
const (
	cSpace = 1 << iota
	cUpper
	cLower
	cDigit
)

var ascii = func() (t [128]uint8) {
	for c := 0; c < 128; c++ {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			t[c] = cSpace
		case c >= 'A' && c <= 'Z':
			t[c] = cUpper
		case c >= 'a' && c <= 'z':
			t[c] = cLower
		case c >= '0' && c <= '9':
			t[c] = cDigit
		}
	}
	return t
}()

// decode returns the rune at text[i] and its width; an invalid byte is returned as
// utf8.RuneError of width 1.
func decode(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// isSpaceRune reports whether r separates tokens: Unicode white space plus the zero-width
// space and the byte-order mark.
func isSpaceRune(r rune) bool {
	if r < utf8.RuneSelf {
		return ascii[r]&cSpace != 0
	}
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// spaceAt reports whether a space rune starts at text[i] and returns its width.
func spaceAt(text string, i int) (bool, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return ascii[c]&cSpace != 0, 1
	}
	r, w := utf8.DecodeRuneInString(text[i:])
	return isSpaceRune(r), w
}

// isAlnum reports whether r is a letter, digit or combining mark.
func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return ascii[r]&(cUpper|cLower|cDigit) != 0
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) ||
		unicode.Is(unicode.Mc, r))
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return ascii[r]&cUpper != 0
	}
	return unicode.IsUpper(r)
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return ascii[r]&cLower != 0
	}
	return unicode.IsLower(r)
}

// isApos reports whether r is an apostrophe: ', ’ or `.
func isApos(r rune) bool { return r == '\'' || r == '’' || r == '`' }

// alnumAt reports whether text[i] starts an alphanumeric rune (false past the end).
func alnumAt(text string, i, end int) bool {
	if i >= end {
		return false
	}
	r, _ := decode(text, i)
	return isAlnum(r)
}

func digitAt(text string, i, end int) bool {
	return i < end && i >= 0 && text[i] >= '0' && text[i] <= '9'
}

// lowerASCII returns c lowered when it is an ASCII capital.
func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalFoldASCII compares s with the lower-case ASCII word w, ignoring ASCII case in s.
func equalFoldASCII(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lowerASCII(s[i]) != w[i] {
			return false
		}
	}
	return true
}
