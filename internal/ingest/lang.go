package ingest

import (
	"unicode"
	"unicode/utf8"
)

// Function-word profiles: the commonest short words of each language, chosen to overlap little with
// English. A text is English when English function words are frequent in it and no other language's
// are more frequent.
var langWords = map[string][]string{
	"en": {"the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "was", "by", "at",
		"it", "he", "his", "from", "said", "be", "are", "have", "has", "were", "an", "this", "which",
		"not", "but", "they", "will", "who", "their", "had", "been", "its", "after", "would", "or",
		"we", "she", "her", "also", "than", "more", "about", "over", "into", "there", "when", "what",
		"can", "you", "all", "a", "i", "our", "us", "no", "up", "out", "if", "should", "could"},
	"de": {"der", "die", "und", "den", "das", "nicht", "ist", "mit", "sich", "des", "auf", "für", "dem",
		"eine", "ein", "auch", "zu", "von", "wurde", "sind", "bei", "nach", "wie", "aus", "oder",
		"werden", "hat", "über", "sie", "im", "einem", "einer", "noch", "vor", "dass"},
	"fr": {"le", "la", "les", "des", "et", "est", "une", "du", "dans", "que", "qui", "pour", "pas",
		"par", "sur", "au", "avec", "ce", "il", "sont", "aux", "plus", "ont", "été", "cette", "mais",
		"son", "ses", "leur", "elle", "nous", "vous", "ou", "un", "se"},
	"es": {"el", "los", "las", "del", "que", "por", "con", "una", "para", "es", "se", "su", "al", "lo",
		"como", "más", "pero", "sus", "le", "ha", "fue", "este", "entre", "sobre", "también", "y",
		"la", "de", "en", "un", "muy", "sin", "desde", "esta"},
	"it": {"il", "di", "che", "della", "per", "non", "sono", "una", "del", "gli", "alla", "anche",
		"dei", "nel", "con", "delle", "è", "le", "più", "ha", "al", "stato", "questo", "dal", "la",
		"un", "si", "nella", "ed", "ma"},
	"pt": {"os", "da", "do", "não", "uma", "em", "para", "com", "dos", "das", "que", "ao", "mais",
		"pelo", "foi", "seu", "sua", "também", "são", "na", "no", "ser", "pela", "de", "um", "se",
		"e", "o", "mas", "como"},
	"nl": {"het", "een", "van", "de", "en", "niet", "dat", "zijn", "op", "voor", "met", "ook", "maar",
		"wordt", "werd", "bij", "naar", "hij", "zij", "heeft", "deze", "dit", "aan", "uit", "worden",
		"er", "die", "wat", "nog", "om"},
	"tr": {"ve", "bir", "bu", "için", "ile", "da", "de", "olarak", "olan", "gibi", "çok", "daha",
		"ama", "ancak", "sonra", "kadar", "ise", "değil", "tarafından", "en", "her", "ne", "şu"},
	"id": {"yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "dalam", "tidak", "akan",
		"pada", "juga", "ke", "ada", "oleh", "telah", "adalah", "sebagai", "mereka", "kami", "saya"},
	"sv": {"och", "att", "det", "som", "en", "är", "för", "på", "med", "av", "har", "inte", "till",
		"og", "af", "er", "ikke", "den", "jeg", "var", "om", "ett", "kan", "vi", "til", "på"},
	"pl": {"nie", "się", "na", "jest", "że", "od", "jak", "po", "przez", "tak", "ale", "był", "oraz",
		"jego", "jej", "są", "dla", "ze", "co", "czy", "które", "który"},
}

// langIndex maps a word to the bit set of the languages (indexes into langNames) it is a function
// word of. It is built once and only read.
var langNames, langIndex = buildLangIndex()

func buildLangIndex() ([]string, map[string]uint32) {
	names := []string{"en", "de", "fr", "es", "it", "pt", "nl", "tr", "id", "sv", "pl"}
	idx := map[string]uint32{}
	for i, n := range names {
		for _, w := range langWords[n] {
			idx[w] |= 1 << i
		}
	}
	return names, idx
}

// Detector thresholds.
const (
	langMaxWords   = 400  // words looked at
	langMinWords   = 12   // fewer words than this are not judged by their function words
	langMinEnglish = 0.10 // least share of English function words in a judged text
	langMinLatin   = 0.5  // least share of Latin letters among all letters
)

// IsEnglish reports whether text looks English: mostly Latin script, and (for texts of 12 words or
// more) English function words at least 10% of the words and at least as frequent as those of any
// of ten other common languages (German, French, Spanish, Italian, Portuguese, Dutch, Turkish,
// Indonesian, Swedish/Danish/Norwegian, Polish). Short texts in Latin script are taken as English
// unless another language's function words outnumber English ones by two or more. A text without
// any word is not English.
func IsEnglish(text string) bool {
	var counts [16]int
	words, latin, letters := 0, 0, 0
	var buf [16]byte // the current word, lower case; longer words match no function word
	n, long := 0, false
	flush := func() {
		if n == 0 && !long {
			return
		}
		words++
		if !long {
			if bits, ok := langIndex[string(buf[:n])]; ok {
				for i := range langNames {
					if bits&(1<<i) != 0 {
						counts[i]++
					}
				}
			}
		}
		n, long = 0, false
	}
	for _, c := range text {
		var isLetter bool
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			isLetter = 'a' <= c && c <= 'z'
			if isLetter {
				letters++
				latin++
			}
		} else if unicode.IsLetter(c) {
			isLetter = true
			letters++
			if unicode.Is(unicode.Latin, c) {
				latin++
			}
			c = unicode.ToLower(c)
		}
		if isLetter || c == '\'' && (n > 0 || long) {
			if n+utf8.RuneLen(c) > len(buf) {
				long = true
			} else {
				n += utf8.EncodeRune(buf[n:], c)
			}
			continue
		}
		flush()
		if words >= langMaxWords {
			break
		}
	}
	flush()
	if words == 0 {
		return false // no words at all: numbers, punctuation
	}
	if letters >= 20 && float64(latin) < langMinLatin*float64(letters) {
		return false
	}
	en, other := counts[0], 0
	for i := 1; i < len(langNames); i++ {
		other = max(other, counts[i])
	}
	if words < langMinWords {
		return other < en+2
	}
	return float64(en) >= langMinEnglish*float64(words) && en >= other
}
