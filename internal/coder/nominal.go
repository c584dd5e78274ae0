package coder

import (
	"github.com/dyad-events/dyad/internal/dict"
)

// Event nouns: events the text names rather than tells ("an Israeli blockade of Gaza", "in a
// phone call with X").

// nominal codes an event noun whose actor the phrase itself names: "an Israeli blockade of Gaza",
// "Russia's invasion of Ukraine", "a phone call between X and Y".
func (ac *articleCoder) nominal(s *sentence, n int) {
	r := s.toks[n].Rel
	if h := s.toks[n].Head; r == "obj" && h >= 0 && lightVerbs[s.lemma[h]] {
		return // coded with its light verb
	}
	pats := ac.c.dict.NounPatterns(s.lemma[n])
	if len(pats) == 0 {
		return
	}
	talk := s.sceneTalk(n, pats)
	if s.negatedNoun(n) || !s.assertedNoun(n) && !s.madeCharge(n) && talk < 0 {
		return
	}
	m, ok := s.bestMatch(n, pats)
	if !ok {
		return
	}
	tgt := s.mentionsAt(m.target)
	if len(tgt) == 0 && m.target >= 0 && m.p.Code[:2] == "15" { // "a deployment along the border with Chile"
		tgt = ac.targetsOf(s, m.target, m.p.Code)
	}
	if len(tgt) == 0 && m.target >= 0 { // "with his Chilean counterpart Gabriel Boric": the name in apposition
		for _, k := range s.kids[m.target] {
			if s.toks[k].Rel == "appos" {
				tgt = append(tgt, s.mentionsAt(k)...)
			}
		}
	}
	if m.target < 0 && chargeNouns[s.lemma[n]] { // "the allegation by X that Y smuggled arms": Y
		if c := s.contentClause(n); c >= 0 {
			if subj := s.child(c, "nsubj"); subj >= 0 {
				if tgt = ac.targetsOf(s, subj, m.p.Code); len(tgt) > 0 {
					m.target = subj
				}
			}
		}
	}
	if m.target < 0 && conflictRoot(m.p.Code) { // "a blockade in Gaza", "strikes against X"
		for _, k := range s.kids[n] {
			if relIs(s.toks[k].Rel, "nmod") {
				if c := s.caseOf(k); c == "in" || c == "on" || c == "against" || c == "of" || c == "into" {
					if tgt = ac.targetsOf(s, k, m.p.Code); len(tgt) > 0 {
						m.target = k
						break
					}
				}
			}
		}
		// "the group's offensive on Israel" with "on Israel" parsed onto the verb: the phrase
		// right after the noun, when it hangs on the noun's own head
		if _, hi := s.subtreeSpan(n); m.target < 0 && hi < len(s.toks) && s.toks[hi].UPOS == "ADP" {
			if k := s.toks[hi].Head; k > hi && (s.lemma[hi] == "on" || s.lemma[hi] == "against") && s.toks[k].Head == s.toks[n].Head {
				if tgt = ac.targetsOf(s, k, m.p.Code); len(tgt) > 0 {
					m.target = k
				}
			}
		}
	}
	var src []*mention
	for _, k := range s.kids[n] {
		rk := s.toks[k].Rel
		if rk == "amod" || rk == "nmod:poss" || rk == "compound" || (relIs(rk, "nmod") && s.caseOf(k) == "by") {
			if mm := s.mentionOf(k); mm != nil && mm.head != m.target {
				src = append(src, s.mentionsAt(k)...)
			} else if mm == nil {
				if mm := ac.modifierMention(s, k); mm != nil {
					militaryOf(mm, m.p.Code)
					src = append(src, mm)
				}
			}
		}
	}
	if b := s.prepChild(n, "between"); b >= 0 && (m.target < 0 || m.target == b) && len(src) == 0 {
		pair := s.mentionsAt(b)
		if len(pair) >= 2 {
			ac.code(s, n, m.p.Code, pair[:1], pair[1:], true)
		}
		return
	}
	if len(src) == 0 && m.p.Code[:2] == "04" && (relIs(s.toks[n].Rel, "obl") || relIs(s.toks[n].Rel, "nmod")) {
		// "In a phone call with X, Y pledged ...", "after talks with X, Y said": the talker is
		// the subject of the clause the noun modifies; "Y made the request to X during a phone
		// call": and the one Y addressed is the other party
		v := s.governingVerb(n)
		if talk >= 0 {
			v = talk
		}
		if v < 0 { // the parse hung the phrase on a word, not a verb: the next verb that has an actor
			_, hi := s.subtreeSpan(n)
			for j := hi; j < len(s.toks) && j < hi+8; j++ {
				if s.toks[j].UPOS == "VERB" && len(s.sources(j)) > 0 {
					v = j
					break
				}
			}
		}
		if v >= 0 {
			for steps := 0; steps < 4 && s.toks[v].Rel == "xcomp" && s.toks[v].Head >= 0; steps++ {
				v = s.toks[v].Head // "urged X to help ... in a phone call with Y": the one who urged
			}
			src = s.sources(v)
			if len(tgt) == 0 && len(src) > 0 {
				var cands []int
				for _, k := range s.kids[v] {
					if r := s.toks[k].Rel; (r == "obj" || r == "iobj" || relIs(r, "obl") && (s.caseOf(k) == "to" || s.caseOf(k) == "with")) && k != n {
						if r != "obj" { // an object is the topic ("prevent the oppression of X"), not the other party
							cands = append(cands, k)
						}
						for _, kk := range s.kids[k] { // "made the request to X"
							if r == "obj" && relIs(s.toks[kk].Rel, "nmod") && (s.caseOf(kk) == "to" || s.caseOf(kk) == "with") {
								cands = append(cands, kk)
							}
						}
					}
				}
				for _, k := range cands {
					for _, t := range s.mentionsAt(k) {
						if t.actor.Country != src[0].actor.Country || t.actor.Agent != src[0].actor.Agent {
							tgt = append(tgt, t)
						}
					}
				}
				if len(tgt) > 0 {
					m.p = &dict.Pattern{Code: m.p.Code, Recip: true, Noun: true, Pos: m.p.Pos}
				}
			}
		}
	}
	if len(src) == 0 {
		return
	}
	ac.code(s, n, m.p.Code, src, tgt, m.p.Recip)
}

// governingVerb returns the verb that the noun n modifies (through other nouns), or -1.
func (s *sentence) governingVerb(n int) int {
	for cur, steps := n, 0; steps < 3; steps++ {
		h := s.toks[cur].Head
		if h < 0 {
			return -1
		}
		if s.toks[h].UPOS == "VERB" {
			return h
		}
		if r := s.toks[cur].Rel; !relIs(r, "nmod") && !relIs(r, "obl") {
			return -1
		}
		cur = h
	}
	return -1
}

// assertedNoun reports whether an event noun is stated as happening rather than feared, planned
// or denied: it must not be governed by a negated, modal or non-factive verb.
func (s *sentence) assertedNoun(n int) bool {
	if s.child(n, "nmod:poss") >= 0 && relIs(s.toks[n].Rel, "obl") {
		return true // "had not taken part in the militia's attack": the attack is taken as fact
	}
	for cur, steps := n, 0; steps < 6; steps++ {
		h := s.toks[cur].Head
		if h < 0 {
			return true
		}
		if s.toks[h].UPOS == "VERB" || s.toks[h].UPOS == "AUX" {
			if relIs(s.toks[cur].Rel, "obl") {
				switch s.caseOf(cur) { // "in a phone call with X, Y pledged ...": the call took place
				case "in", "during", "after", "at", "following":
					// but "urged both sides to engage in dialogue": no dialogue yet
					return !s.negated(h) && (s.asserted(h) || s.toks[h].Rel != "acl")
				}
			}
			return s.asserted(h) && !nonFactive[s.lemma[h]]
		}
		cur = h
	}
	return true
}

// sceneTalk returns the main verb of the sentence when n is a meeting or call told as the scene of
// what the sentence reports ("urged X to help end the blockade ... in a phone call with Y") but
// hung by the parse on a noun deep inside the reported act; -1 otherwise. The call took place if
// the main verb is asserted.
func (s *sentence) sceneTalk(n int, pats []dict.Pattern) int {
	if len(pats) == 0 || pats[0].Code[:2] != "04" {
		return -1
	}
	if c := s.caseOf(n); c != "in" && c != "during" {
		return -1
	}
	h := s.toks[n].Head
	if h < 0 || s.toks[h].UPOS != "NOUN" && s.toks[h].UPOS != "PROPN" {
		return -1
	}
	if r := s.sent.Root(); r >= 0 && s.toks[r].UPOS == "VERB" && s.asserted(r) {
		return r
	}
	return -1
}

// madeCharge reports whether n is an accusation whose maker the phrase names ("Bolivia's
// allegation", "accusations by Peru"): the charge was made even when it is denied or investigated.
func (s *sentence) madeCharge(n int) bool {
	if !chargeNouns[s.lemma[n]] {
		return false
	}
	for _, k := range s.kids[n] {
		if r := s.toks[k].Rel; r == "nmod:poss" || relIs(r, "nmod") && s.caseOf(k) == "by" {
			return true
		}
	}
	return false
}

// chargeNounOf returns the charge noun that token h is or is the maker of ("allegations" or
// "Peru" in "allegations by Peru"), or -1.
func (s *sentence) chargeNounOf(h int) int {
	if chargeNouns[s.lemma[h]] {
		return h
	}
	if g := s.toks[h].Head; g >= 0 && chargeNouns[s.lemma[g]] && relIs(s.toks[h].Rel, "nmod") && s.caseOf(h) == "by" {
		return g
	}
	return -1
}

// chargeVerbs do something with a charge or a claim; a "that" clause on such a noun whose verb is
// one of these is a relative clause ("the charges that Lima denied"), not what is charged.
var chargeVerbs = map[string]bool{"deny": true, "reject": true, "dismiss": true, "make": true,
	"level": true, "raise": true, "face": true, "investigate": true, "call": true, "repeat": true,
	"hear": true, "publish": true, "report": true, "echo": true, "support": true, "back": true,
	"refute": true, "rebuff": true, "contest": true, "dispute": true, "bring": true, "file": true,
	"press": true, "drop": true, "withdraw": true, "examine": true, "review": true}

// contentClause returns the verb of the clause that says what a noun such as "allegation" or
// "claim" holds ("the allegation that Peru smuggled arms"), or -1; a relative clause on the noun
// ("the charges that Lima denied") is not one.
func (s *sentence) contentClause(n int) int {
	kids := s.kids[n]
	for _, k := range s.kids[n] { // "allegations by Peru that ..." with the clause hung on "Peru"
		if relIs(s.toks[k].Rel, "nmod") && s.caseOf(k) == "by" {
			kids = append(kids[:len(kids):len(kids)], s.kids[k]...)
		}
	}
	for _, k := range kids {
		if r := s.toks[k].Rel; r != "acl" && r != "acl:relcl" && r != "ccomp" {
			continue
		}
		lo, _ := s.subtreeSpan(k)
		if lo <= n || s.norm[lo] != "that" {
			continue
		}
		switch s.toks[lo].Rel {
		case "mark":
			return k
		case "obj":
			objs := 0
			for _, kk := range s.kids[k] {
				if s.toks[kk].Rel == "obj" || s.toks[kk].Rel == "ccomp" || s.toks[kk].Rel == "xcomp" {
					objs++
				}
			}
			if objs > 1 || !chargeVerbs[s.lemma[k]] && s.child(k, "nsubj") >= 0 {
				return k // "that" taken for an object by the parse, in a clause that has its own
			}
		}
	}
	return -1
}

func (s *sentence) negatedNoun(n int) bool {
	return s.hasChildLemma(n, "det", "no")
}
