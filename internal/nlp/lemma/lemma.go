// Package lemma is dyad's English lemmatizer. A word seen in training takes its commonest lemma for
// its form and Penn tag; an unseen word takes the longest-suffix rewrite learned from the training
// words of the same tag, then hand-written English inflection rules and an irregular-verb list.
// Lemmas follow UD English conventions: lower case except for proper nouns.
package lemma

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/nlp"
)

// Model is a trained lemmatizer. It is immutable after Train or Load and safe for concurrent use.
type Model struct {
	exact map[string]string // form "\x00" xpos → lemma
	lower map[string]string // lower-case form "\x00" xpos → lemma
	rules map[string]rewrite
	// maxSuffix is the longest suffix (in bytes) with a learned rewrite.
	maxSuffix int
	infl      inflection
	verbs     map[string]bool // the lemmas of the training words tagged as verbs
	known     map[string]bool // every lemma of the training words
}

// indexVerbs collects verbs, the lemmas the training data gave to words with a verb tag, and
// known, all its lemmas.
func (m *Model) indexVerbs() {
	m.verbs, m.known = map[string]bool{}, map[string]bool{}
	for _, dict := range []map[string]string{m.exact, m.lower} {
		for k, l := range dict {
			m.known[l] = true
			if i := strings.IndexByte(k, 0); i >= 0 && isVerb(k[i+1:]) {
				m.verbs[l] = true
			}
		}
	}
}

// rewrite turns a form into its lemma: drop strip bytes from the end, then append add.
type rewrite struct {
	strip int
	add   string
}

func (r rewrite) apply(w string) (string, bool) {
	if r.strip > len(w) || r.strip == len(w) && r.add == "" {
		return "", false
	}
	return w[:len(w)-r.strip] + r.add, true
}

// key builds form "\x00" xpos in buf without allocating when it fits.
func key(buf []byte, form, xpos string) []byte {
	buf = append(buf[:0], form...)
	buf = append(buf, 0)
	return append(buf, xpos...)
}

// Lemmatize sets Lemma on every token of s from its Text and XPOS (UPOS is used when XPOS is empty).
func (m *Model) Lemmatize(s *nlp.Sentence) {
	var buf [80]byte
	for i := range s.Tokens {
		t := &s.Tokens[i]
		next := ""
		if i+1 < len(s.Tokens) {
			next = s.Tokens[i+1].Text
		}
		t.Lemma = m.lemma(buf[:0], t.Text, t.XPOS, t.UPOS, next)
		if !utf8.ValidString(t.Lemma) { // a suffix rule cut a multi-byte letter ("’re" as VBD)
			t.Lemma = lowerASCII(t.Text)
		}
	}
}

// lemma returns the lemma of form with Penn tag xpos; next is the following word.
func (m *Model) lemma(buf []byte, form, xpos, upos, next string) string {
	if form == "" {
		return form
	}
	if xpos == "" {
		xpos = xposOf(upos)
	}
	// 's as a verb: "has" before a participle of have/get, else "is".
	if xpos == "VBZ" && (form == "'s" || form == "’s" || form == "'S") {
		switch strings.ToLower(next) {
		case "been", "got", "gotten", "had":
			return "have"
		}
		return "be"
	}
	if l, ok := m.exact[string(key(buf, form, xpos))]; ok {
		return l
	}
	low := lowerASCII(form)
	if l, ok := m.lower[string(key(buf, low, xpos))]; ok {
		return l
	}
	if strings.ContainsRune(low, '’') {
		if l, ok := m.lower[string(key(buf, strings.ReplaceAll(low, "’", "'"), xpos))]; ok {
			return l
		}
	}
	return m.unseen(buf, form, low, xpos)
}

// lowerASCII lower-cases s, allocating only when s has upper-case letters.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// proper reports whether the tag is a proper noun's (whose lemma keeps its case).
func proper(xpos string) bool { return xpos == "NNP" || xpos == "NNPS" }

// unseen lemmatizes a word not in the dictionaries.
func (m *Model) unseen(buf []byte, form, low, xpos string) string {
	w := low
	if proper(xpos) {
		w = form
	}
	switch xpos {
	case "CD", "LS", "SYM", "$", ",", ".", ":", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP", "ADD", "GW", "FW", "AFX":
		if hasLetter(form) && !proper(xpos) && xpos != "ADD" {
			return low
		}
		return form
	case "NNP":
		return form
	}
	if !hasLetter(w) {
		return form
	}
	if isVerb(xpos) {
		if l, ok := m.infl.verbs[low]; ok {
			return l
		}
	}
	if l, ok := m.suffixRule(buf, w, xpos); ok {
		return m.knownVerb(l, xpos)
	}
	return m.knownVerb(m.infl.lemma(w, xpos), xpos)
}

// knownVerb corrects the lemma l of an unseen inflected verb whose rule cut a letter that a word
// seen in training has: "traded" is "trade", not "trad" as "loaded" is "load"; "shelled" is
// "shell", not "shel" as "travelled" is "travel". A verb seen in training is preferred, then
// any word seen; a lemma seen as a verb stays.
func (m *Model) knownVerb(l, xpos string) string {
	switch xpos {
	case "VBD", "VBN", "VBG":
	default:
		return l
	}
	if m.verbs[l] || l == "" {
		return l
	}
	alts := [2]string{l + "e", l + l[len(l)-1:]}
	for _, set := range []map[string]bool{m.verbs, m.known} {
		if set[l] {
			return l
		}
		for _, a := range alts {
			if set[a] {
				return a
			}
		}
	}
	return l
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func isVerb(xpos string) bool { return strings.HasPrefix(xpos, "VB") }

// suffixRule applies the rewrite of the longest suffix of w learned for xpos.
func (m *Model) suffixRule(buf []byte, w, xpos string) (string, bool) {
	for k := min(m.maxSuffix, len(w)-1); k >= minRuleSuffix; k-- {
		suf := w[len(w)-k:]
		if !utf8.RuneStart(suf[0]) {
			continue
		}
		if r, ok := m.rules[string(key(buf, suf, xpos))]; ok {
			return r.apply(w)
		}
	}
	return "", false
}

// xposOf gives a Penn tag for a UPOS when only UPOS is known.
func xposOf(upos string) string {
	switch upos {
	case "NOUN":
		return "NN"
	case "PROPN":
		return "NNP"
	case "VERB", "AUX":
		return "VB"
	case "ADJ":
		return "JJ"
	case "ADV":
		return "RB"
	case "NUM":
		return "CD"
	case "PUNCT":
		return "."
	case "PRON":
		return "PRP"
	case "DET":
		return "DT"
	case "ADP", "SCONJ":
		return "IN"
	case "CCONJ":
		return "CC"
	}
	return upos
}
