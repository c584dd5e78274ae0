package dict

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold maps runes that do not decompose into a base letter and marks, and the punctuation that
// Norm replaces.
var fold = map[rune]string{
	'ı': "i", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'þ': "th", 'Þ': "th", 'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ə': "e", 'Ə': "e", 'ŋ': "n", 'Ŋ': "n", 'ĸ': "k",
	'ſ': "s", 'ʻ': "'", 'ʼ': "'", 'ʽ': "'", 'ʿ': "'", 'ʾ': "'", '‘': "'", '’': "'", '‚': "'",
	'‛': "'", '′': "'", '´': "'", '`': "'", '“': "\"", '”': "\"", '„': "\"", '‟': "\"", '″': "\"",
	'«': "\"", '»': "\"", '‐': "-", '‑': "-", '‒': "-", '–': "-", '—': "-", '―': "-", '−': "-",
	'﹣': "-", '－': "-", '\u00a0': " ", '\u2009': " ", '\u202f': " ", '\u00ad': "",
}

// latinFold is Norm of each rune from U+0080 to latinEnd (Latin-1, Latin Extended-A and -B),
// computed once; it is read-only.
const latinEnd = 0x250

var latinFold = func() []string {
	t := make([]string, latinEnd-utf8.RuneSelf)
	for r := rune(utf8.RuneSelf); r < latinEnd; r++ {
		t[r-utf8.RuneSelf] = foldRune(r)
	}
	return t
}()

// foldRune is Norm of one non-ASCII rune, by compatibility decomposition without marks.
func foldRune(r rune) string {
	if s, ok := fold[r]; ok {
		return s
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	var b strings.Builder
	for _, x := range string(norm.NFKD.Append(nil, buf[:n]...)) {
		if unicode.Is(unicode.Mn, x) {
			continue
		}
		if s, ok := fold[x]; ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(unicode.ToLower(x))
	}
	return b.String()
}

// Norm returns the form of a word (or phrase) that dictionary keys are matched in: lower case,
// diacritics folded ("Erdoğan" → "erdogan", "Türkiye" → "turkiye", "ı" → "i"), curly quotes and
// backquotes → ', unicode dashes → -, no-break spaces → space.
func Norm(word string) string {
	ascii, upper := true, false
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' || c == '`' {
			upper = true
		}
	}
	if ascii {
		if !upper {
			return word
		}
		b := make([]byte, len(word))
		for i := 0; i < len(word); i++ {
			c := word[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			} else if c == '`' {
				c = '\''
			}
			b[i] = c
		}
		return string(b)
	}
	var b strings.Builder
	b.Grow(len(word))
	for _, r := range word {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			} else if r == '`' {
				r = '\''
			}
			b.WriteByte(byte(r))
			continue
		}
		if s, ok := fold[r]; ok {
			b.WriteString(s)
			continue
		}
		if r < latinEnd {
			b.WriteString(latinFold[r-utf8.RuneSelf])
			continue
		}
		b.WriteString(foldRune(r))
	}
	return b.String()
}

// nameVariants splits a dictionary name into Norm'ed words, the way a tokenizer is expected to
// split running text, and returns every word sequence the name should match:
//   - the name split at white space, with a final comma split off each word ("Washington, D.C.")
//     and a possessive 's split off as its own word ("People's Liberation Army");
//   - a leading "the" dropped (matchers skip an optional "the" in the text);
//   - hyphenated words split into word, "-", word (tokenizers differ on hyphens);
//   - a final abbreviation's last period dropped ("U.S." at the end of a sentence → "u.s").
func nameVariants(name string) [][]string {
	fields := strings.Fields(Norm(name))
	words := fields // when no word is split, the fields themselves
	for i, f := range fields {
		if _, _, ok := splitWord(f); !ok {
			continue
		}
		words = make([]string, i, len(fields)+4)
		copy(words, fields[:i])
		for _, f := range fields[i:] {
			if w, suffix, ok := splitWord(f); ok {
				words = append(words, w, suffix)
			} else {
				words = append(words, f)
			}
		}
		break
	}
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	if len(words) == 0 {
		return nil
	}
	out := [][]string{words}
	hyphenated := func(w string) bool { return len(w) > 1 && strings.Contains(strings.Trim(w, "-"), "-") }
	if slices.ContainsFunc(words, hyphenated) {
		var split []string
		for _, w := range words {
			if hyphenated(w) {
				for i, p := range strings.Split(w, "-") {
					if i > 0 {
						split = append(split, "-")
					}
					if p != "" {
						split = append(split, p)
					}
				}
				continue
			}
			split = append(split, w)
		}
		out = append(out, split)
	}
	last := words[len(words)-1]
	if strings.Count(last, ".") > 1 && strings.HasSuffix(last, ".") {
		v := append(append([]string(nil), words[:len(words)-1]...), last[:len(last)-1])
		out = append(out, v)
	}
	return out
}

// hasWord reports whether a name has at least one word once Norm'ed (nameVariants is not empty).
func hasWord(name string) bool { return strings.TrimSpace(Norm(name)) != "" }

// splitWord splits a trailing comma or "'s" off a word of a name, as tokenizers split them
// ("People's" → people 's); ok is false when there is neither.
func splitWord(f string) (word, suffix string, ok bool) {
	switch {
	case len(f) > 1 && strings.HasSuffix(f, ","):
		return f[:len(f)-1], ",", true
	case len(f) > 2 && strings.HasSuffix(f, "'s"):
		return f[:len(f)-2], "'s", true
	}
	return f, "", false
}
