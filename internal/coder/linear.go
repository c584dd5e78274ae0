package coder

import (
	"strings"

	"github.com/dyad-events/dyad/internal/dict"
)

// The word-order fallback, for verbs the parse links to no actor.

// linearEvent is the fallback when the parse links a verb to no actor: TABARI-style, the source
// is the nearest actor before the verb and the target the nearest after it (after the pattern's
// preposition, if it has one), within the verb's clause. prefer, when not empty, is the code of a
// pattern the parse matched but found no actor for: a word-order pattern that only says the
// same more vaguely (020 for the parse's 0256) takes that code.
func (ac *articleCoder) linearEvent(s *sentence, v int, prefer string) {
	if s.toks[v].UPOS != "VERB" {
		return
	}
	var pats []dict.Pattern
	for _, l := range verbLemmas(s.lemma[v], s.norm[v]) {
		if pats = ac.c.dict.VerbPatterns(l); len(pats) > 0 {
			break
		}
	}
	passive := s.isPassive(v)
	end := s.linearEnd(v)
	for i := range pats {
		p := &pats[i]
		if len(p.HeadMods) == 0 && !s.hasWords(p) || s.foreignObject(v, p) {
			continue // a word the pattern needs is not in the sentence; "signed an order"
		}
		t, ok := s.linearMatch(v, end, p)
		if !ok || (t < 0 && !p.Recip) { // a mutual act ("traded fire") needs no target
			continue
		}
		src := s.sources(v)
		if len(src) == 0 {
			if k := s.linearSubject(v); k >= 0 {
				src = s.mentionsAt(k)
			}
		}
		tgt := s.mentionsAt(t)
		if passive { // "X was attacked by Y" read in order
			if t >= 0 && s.caseOf(t) != "by" && !(t > 0 && s.lemma[t-1] == "by") {
				continue // "he was admitted to a hospital": the hospital did nothing
			}
			src, tgt = tgt, src
		}
		code := p.Code
		if vaguer(code, prefer) {
			code = prefer
		}
		ac.code(s, v, code, src, tgt, p.Recip)
		return
	}
}

// vaguer reports whether code says what specific says, less precisely: the same root, and
// specific goes on where code stops at zeros (020 for 0256, 190 for 195).
func vaguer(code, specific string) bool {
	return len(specific) >= len(code) && code != specific && specific[:2] == code[:2] &&
		strings.HasPrefix(specific, strings.TrimRight(code, "0"))
}

// linearEnd returns where the clause of verb v ends, for linearMatch: at a semicolon, a verb with a
// subject of its own (before that subject when it opens a closing report or a "but" clause) or a
// subordinating conjunction, and at most 15 tokens on.
func (s *sentence) linearEnd(v int) int {
	end := v + 1
	for end < len(s.toks) && end-v < 15 {
		t := &s.toks[end]
		if t.Text == ";" || t.UPOS == "SCONJ" {
			break
		}
		if k := s.child(end, "nsubj"); t.UPOS == "VERB" && k >= 0 {
			if lo, _ := s.subtreeSpan(k); lo > v+1 && lo < end && (reportVerbs[s.lemma[end]] && s.toks[lo-1].Text == "," || s.lemma[lo-1] == "but") {
				// "thanked Chile for hosting the talks, his spokesman said", "petitioned the court,
				// but the government did not respond": not the spokesman, not the government
				return lo
			}
			break
		}
		end++
	}
	return end
}

// linearMatch matches a pattern's words in order after verb v, before end, and returns the target
// token.
func (s *sentence) linearMatch(v, end int, p *dict.Pattern) (int, bool) {
	at, target := v+1, -1
	for wi, w := range p.Words {
		if w == "+" {
			direct := wi == 0 || !preps[p.Words[wi-1]]
			for ; at < end; at++ {
				if m := s.mentionOf(at); m != nil && m.head == at {
					if direct && (s.caseOf(at) != "" || m.start > 0 && s.toks[m.start-1].UPOS == "ADP") {
						continue // "meeting in Cairo": a place in a phrase is not a direct object
					}
					target = at
					break
				}
			}
			if target < 0 {
				return -1, false
			}
			at++
			continue
		}
		word := w
		if i := strings.LastIndexByte(w, '_'); i >= 0 {
			word = w[i+1:]
		}
		found := false
		for ; at < end; at++ {
			if s.lemma[at] == word || s.norm[at] == word {
				found = true
				at++
				break
			}
		}
		if !found {
			return -1, false
		}
	}
	return target, true
}
