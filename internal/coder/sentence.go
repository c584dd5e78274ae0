package coder

import (
	"slices"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/dict"
	"github.com/dyad-events/dyad/internal/nlp"
)

// sentence is one analysed sentence with the indexes the coder needs.
type sentence struct {
	doc      *nlp.Doc
	index    int
	sent     *nlp.Sentence
	toks     []nlp.Token
	kids     [][]int  // children of each token
	norm     []string // dict.Norm of each token's text
	lemma    []string // dict.Norm of each token's lemma (text when there is none)
	mentions []*mention
	mentAt   []int // token -> index in mentions of the mention whose head it is, or -1
	events   []dyad.Event
	evVerb   []int                      // the verb token each of events was coded from
	bits     [dict.WordBits / 64]uint64 // dict.WordBit of every lemma and spelling, for hasWords
	haveBits bool
	vm       []verbMatchMemo // verbMatch results by token, computed on first use
}

// verbMatchMemo is a remembered verbMatch result.
type verbMatchMemo struct {
	done, ok bool
	m        match
}

func newSentence(doc *nlp.Doc, index int, s *nlp.Sentence) *sentence {
	n := len(s.Tokens)
	toks := repairParse(s.Tokens, clauseOnTime, shiftedObject, listSubject, appositiveList, participleTitle, nounConjOfVerb, subordinateSubject)
	st := &sentence{doc: doc, index: index, sent: s, toks: toks, kids: make([][]int, n),
		norm: make([]string, n), lemma: make([]string, n), mentAt: make([]int, n)}
	// The children lists share one array, filled in order of heads (a token has one head).
	count := make([]int, n+1)
	for _, t := range toks {
		if t.Head >= 0 && t.Head < n {
			count[t.Head+1]++
		}
	}
	for i := 1; i <= n; i++ {
		count[i] += count[i-1]
	}
	all := make([]int, count[n])
	for h := 0; h < n; h++ {
		st.kids[h] = all[count[h]:count[h]:count[h+1]]
	}
	for i, t := range toks {
		if t.Head >= 0 && t.Head < n {
			st.kids[t.Head] = append(st.kids[t.Head], i)
		}
		st.norm[i] = dict.Norm(t.Text)
		l := t.Lemma
		if l == "" || l == "_" {
			l = t.Text
		}
		st.lemma[i] = dict.Norm(l)
		st.mentAt[i] = -1
	}
	return st
}

// clauseVerbs take a that-clause as their complement: what is said, asked, agreed or decided.
var clauseVerbs = map[string]bool{"say": true, "tell": true, "write": true, "announce": true,
	"agree": true, "demand": true, "insist": true, "warn": true, "claim": true, "state": true,
	"report": true, "confirm": true, "add": true, "declare": true, "argue": true, "note": true,
	"repeat": true, "reiterate": true, "stress": true, "promise": true, "pledge": true, "vow": true,
	"deny": true, "acknowledge": true, "admit": true, "decide": true, "rule": true, "suggest": true,
	"propose": true, "recommend": true, "urge": true, "ask": true, "request": true, "signal": true,
	"assure": true, "threaten": true, "allege": true, "accuse": true, "charge": true, "post": true}

// A parseRepair undoes a misparse the coder knows: for token i of toks it returns the head and
// relation the token should have, and ok when they differ from the parse's.
type parseRepair func(toks []nlp.Token, i int) (head int, rel string, ok bool)

// repairParse returns toks after each repair in turn, each reading the tokens the ones before it
// left: toks itself when nothing needs repair, else a corrected copy (the document's own tokens
// are not changed).
func repairParse(toks []nlp.Token, repairs ...parseRepair) []nlp.Token {
	for _, r := range repairs {
		var out []nlp.Token
		for i := range toks {
			if h, rel, ok := r(toks, i); ok {
				if out == nil {
					out = slices.Clone(toks)
				}
				out[i].Head, out[i].Rel = h, rel
			}
		}
		if out != nil {
			toks = out
		}
	}
	return toks
}

// clauseOnTime repairs the that-clause of a saying or demanding verb that the parse hung on the
// phrase before it as a relative clause ("said on Monday that the talks had failed" with the
// clause under "Monday"; "told a news conference that ..."): a relative clause has no "that" as
// its subordinator, and this one has a subject of its own. It becomes the verb's ccomp.
func clauseOnTime(toks []nlp.Token, x int) (int, string, bool) {
	h := toks[x].Head
	if toks[x].Rel != "acl:relcl" || h < 0 || h >= x {
		return 0, "", false
	}
	v := toks[h].Head
	if r := toks[h].Rel; v < 0 || v >= h || !relIs(r, "obl") && r != "obj" && r != "iobj" && r != "nmod:tmod" ||
		toks[v].UPOS != "VERB" || !clauseVerbs[strings.ToLower(toks[v].Lemma)] {
		return 0, "", false
	}
	that, subjects, objects := "", 0, 0 // that: the relation of the clause's "that"
	for k := range toks {
		switch {
		case toks[k].Head == x && strings.EqualFold(toks[k].Text, "that"):
			that = toks[k].Rel
		case toks[k].Head == x && relIs(toks[k].Rel, "nsubj"):
			subjects++
		case toks[k].Head == x && toks[k].Rel == "obj":
			objects++
		case toks[k].Head == v && toks[k].Rel == "ccomp":
			return 0, "", false // the verb has its complement
		}
	}
	// "that" is the clause's subordinator when it is parsed as one, or as an object that the
	// clause already has ("that Chile had violated the treaty"), or as the object of a verb
	// that takes none ("that Chile's actions amounted to ...")
	l := strings.ToLower(toks[x].Lemma)
	if subjects == 0 || that != "mark" && !(that == "obj" && (objects > 0 || copulaVerbs[l] || l == "be")) {
		return 0, "", false
	}
	return v, "ccomp", true
}

// shiftedObject repairs a verb's object written after its "as" phrase and parsed as an
// apposition of that phrase ("rejected as slander the government's claim that ..."): English
// moves a long object to the end, and the parse then has a verb with no object and an "as"
// phrase with a second noun in apposition. It becomes the verb's obj.
func shiftedObject(toks []nlp.Token, a int) (int, string, bool) {
	h := toks[a].Head
	if toks[a].Rel != "appos" || h < 0 || h >= a || toks[a].UPOS != "NOUN" || !relIs(toks[h].Rel, "obl") {
		return 0, "", false
	}
	v := toks[h].Head
	if v < 0 || v >= h || toks[v].UPOS != "VERB" {
		return 0, "", false
	}
	as := false
	for k := range toks {
		switch {
		case toks[k].Head == h && toks[k].Rel == "case" && strings.EqualFold(toks[k].Text, "as"):
			as = true
		case toks[k].Head == v && toks[k].Rel == "obj":
			return 0, "", false // the verb has its object
		}
	}
	return v, "obj", as
}

// listSubject repairs a second subject of a verb that continues a list ending the first one
// ("the leaders of the United States, Canada and Mexico issued ..." with "Canada" a subject of
// its own): a verb has one subject, and a name after a comma that ends the first subject's
// phrase is the next item of that phrase's list, a conj of its last name.
func listSubject(toks []nlp.Token, k2 int) (int, string, bool) {
	v := toks[k2].Head
	if toks[k2].Rel != "nsubj" || v < 0 || k2 < 2 || toks[k2-1].Text != "," || toks[k2].UPOS != "PROPN" {
		return 0, "", false
	}
	first := false
	for k := 0; k < k2-1 && !first; k++ {
		first = toks[k].Head == v && toks[k].Rel == "nsubj"
	}
	last := k2 - 2 // the last noun of the first subject's phrase, right before the comma
	if u := toks[last].UPOS; !first || u != "PROPN" && u != "NOUN" {
		return 0, "", false
	}
	head := last
	for ; toks[last].Rel == "flat" || toks[last].Rel == "compound" || toks[last].Rel == "amod"; last = toks[last].Head {
		head = toks[last].Head // the head of the last name ("States" of "United States")
	}
	return head, "conj", true
}

// appositiveList repairs the second item of a list whose first item has an apposition ("signed
// by A, the secretary of B, and C" with C hung on the verb as a clause or oblique of its own):
// a name after ", and" that follows an argument's apposition is that argument's conjunct.
func appositiveList(toks []nlp.Token, k int) (int, string, bool) {
	v := toks[k].Head
	if v < 0 || v >= k || toks[v].UPOS != "VERB" || toks[k].UPOS != "NOUN" && toks[k].UPOS != "PROPN" {
		return 0, "", false
	}
	switch toks[k].Rel {
	case "advcl", "obl", "obl:unmarked", "parataxis", "dep", "list", "appos":
	default:
		return 0, "", false
	}
	and := -1 // the "and" before k, right after a comma
	for c := range k {
		if toks[c].Head == k && toks[c].Rel == "cc" && strings.EqualFold(toks[c].Text, "and") && c > 0 && toks[c-1].Text == "," {
			and = c
		}
	}
	if and < 0 {
		return 0, "", false
	}
	for a := range and {
		if toks[a].Head != v || !argRels[toks[a].Rel] {
			continue
		}
		appos := false
		for p := a + 1; p < and; p++ {
			appos = appos || toks[p].Head == a && toks[p].Rel == "appos"
		}
		if appos && subtreeEnd(toks, a) == and-2 {
			return a, "conj", true
		}
	}
	return 0, "", false
}

// titleParticiples qualify an office as a modifier before its noun ("the acting high
// commissioner", "the outgoing ambassador").
var titleParticiples = map[string]bool{"acting": true, "outgoing": true, "incoming": true,
	"sitting": true, "serving": true, "visiting": true, "departing": true, "retiring": true}

// participleTitle repairs an office written with a participle before it and parsed as a verb
// taking the office as its object ("summoned Pakistan's acting high commissioner" with
// "commissioner" the object of "acting"): a verb has no possessor or determiner of its own, so
// "acting" is a modifier of the noun, the noun takes the participle's place in the sentence, the
// possessor and determiner before it are the noun's, and what follows the noun is the clause's.
func participleTitle(toks []nlp.Token, i int) (int, string, bool) {
	// p: the participle; n: its object noun right after it (adjectives between)
	part := func(p int) (int, bool) {
		if p < 0 || p >= len(toks) || toks[p].XPOS != "VBG" || !titleParticiples[strings.ToLower(toks[p].Text)] {
			return 0, false
		}
		n := p + 1
		for n < len(toks) && toks[n].UPOS == "ADJ" && toks[n].Head > n {
			n++
		}
		if n >= len(toks) || toks[n].Head != p || toks[n].Rel != "obj" || toks[n].UPOS != "NOUN" {
			return 0, false
		}
		owned := false
		for k := 0; k < p; k++ {
			owned = owned || toks[k].Head == p && (toks[k].Rel == "nmod:poss" || toks[k].Rel == "det")
		}
		return n, owned
	}
	if n, ok := part(i); ok { // the participle modifies the noun
		return n, "amod", true
	}
	if h := toks[i].Head; h >= 0 {
		if n, ok := part(h); ok {
			switch {
			case i == n: // the noun takes the participle's place
				return toks[h].Head, toks[h].Rel, true
			case i < h: // "Pakistan's", "the": the noun's
				return n, toks[i].Rel, true
			case i > n: // "on Wednesday", "to protest ...": the clause's
				return toks[h].Head, toks[i].Rel, true
			}
		}
	}
	return 0, "", false
}

// nounConjOfVerb repairs a name conjoined to a verb right after the verb's object ("asked the
// United States and the United Nations to send troops" with "Nations" a conjunct of "asked"): a
// noun with no subject or object of its own, after "and" that follows the object's phrase, is
// the object's conjunct.
func nounConjOfVerb(toks []nlp.Token, k int) (int, string, bool) {
	v := toks[k].Head
	if toks[k].Rel != "conj" || v < 0 || v >= k || toks[v].UPOS != "VERB" || toks[k].UPOS != "PROPN" && toks[k].UPOS != "NOUN" {
		return 0, "", false
	}
	and := -1
	for c := range k {
		if h := toks[c].Head; h == k && (toks[c].Rel == "nsubj" || toks[c].Rel == "obj" || toks[c].Rel == "nsubj:pass") {
			return 0, "", false // a clause of its own
		}
		if toks[c].Head == k && toks[c].Rel == "cc" && strings.EqualFold(toks[c].Text, "and") {
			and = c
		}
	}
	if and < 1 {
		return 0, "", false
	}
	for a := v + 1; a < and; a++ {
		if toks[a].Head == v && (toks[a].Rel == "obj" || toks[a].Rel == "iobj") && subtreeEnd(toks, a) == and-1 {
			return a, "conj", true
		}
	}
	return 0, "", false
}

// subordinators open a clause of time or cause, and are read as prepositions by the parse when
// a noun follows them ("after Bolivian police detained ..."). "As" is left out: it is far more
// often a preposition ("as a gesture", "as president").
var subordinators = map[string]bool{"after": true, "before": true, "because": true, "while": true,
	"since": true, "until": true, "when": true, "although": true}

// subordinateSubject repairs a clause of time or cause that the parse split into an oblique and a
// conjunct ("expelled the ambassador after Bolivian police detained three journalists" with
// "police" an oblique of "expelled" and "detained" its conjunct): the noun is the subject of the
// finite verb right after it, the verb a clause under the main verb, the subordinator its marker.
func subordinateSubject(toks []nlp.Token, i int) (int, string, bool) {
	// split reports, for a conjunct verb k, the oblique noun n before it and its subordinator c.
	split := func(k int) (n, c int, ok bool) {
		v := toks[k].Head
		if toks[k].Rel != "conj" || v < 0 || v >= k || toks[k].UPOS != "VERB" ||
			toks[k].XPOS != "VBD" && toks[k].XPOS != "VBZ" && toks[k].XPOS != "VBP" {
			return 0, 0, false
		}
		for j := range toks {
			if toks[j].Head == k && (toks[j].Rel == "cc" || relIs(toks[j].Rel, "nsubj")) {
				return 0, 0, false // a conjunct of its own ("and detained"), or a subject already
			}
		}
		for n = v + 1; n < k; n++ {
			if toks[n].Head != v || !relIs(toks[n].Rel, "obl") || subtreeEnd(toks, n) != k-1 ||
				toks[n].UPOS != "NOUN" && toks[n].UPOS != "PROPN" {
				continue
			}
			for c = v + 1; c < n; c++ {
				if toks[c].Head == n && toks[c].Rel == "case" && subordinators[strings.ToLower(toks[c].Text)] {
					return n, c, true
				}
			}
		}
		return 0, 0, false
	}
	if toks[i].Rel == "conj" {
		if _, _, ok := split(i); ok {
			return toks[i].Head, "advcl", true
		}
		return 0, "", false
	}
	// the noun, or its subordinator: the verb is the token right after the noun's phrase
	n := i
	if toks[i].Rel == "case" {
		n = toks[i].Head
	}
	if n < i || !relIs(toks[n].Rel, "obl") {
		return 0, "", false
	}
	k := subtreeEnd(toks, n) + 1
	if k >= len(toks) {
		return 0, "", false
	}
	if sn, c, ok := split(k); ok && sn == n {
		switch i {
		case n:
			return k, "nsubj", true
		case c:
			return k, "mark", true
		}
	}
	return 0, "", false
}

// argRels are the relations of a verb's actor arguments.
var argRels = map[string]bool{"nsubj": true, "nsubj:pass": true, "obj": true, "iobj": true, "obl:agent": true}

// subtreeEnd returns the index of the last token in the subtree of i, punctuation that ends it
// aside.
func subtreeEnd(toks []nlp.Token, i int) int {
	end := i
	for j := i + 1; j < len(toks); j++ {
		h := toks[j].Head
		for h >= 0 && h != i && h > i {
			h = toks[h].Head
		}
		if h == i && toks[j].UPOS != "PUNCT" {
			end = j
		}
	}
	return end
}

func (s *sentence) text() string { return s.doc.Text[s.sent.Start:s.sent.End] }

// rel returns the base relation of token i ("nsubj" for "nsubj:pass" is not folded: callers decide).
func (s *sentence) rel(i int) string { return s.toks[i].Rel }

// child returns the first child of i with one of the relations, or -1.
func (s *sentence) child(i int, rels ...string) int {
	for _, k := range s.kids[i] {
		for _, r := range rels {
			if s.toks[k].Rel == r {
				return k
			}
		}
	}
	return -1
}

// hasChildLemma reports whether i has a child with relation rel (prefix match on "rel:") and lemma.
func (s *sentence) hasChildLemma(i int, rel string, lemmas ...string) bool {
	for _, k := range s.kids[i] {
		if relIs(s.toks[k].Rel, rel) {
			for _, l := range lemmas {
				if s.lemma[k] == l || s.norm[k] == l {
					return true
				}
			}
		}
	}
	return false
}

// caseOf returns the lemma of the case marker (preposition) of token i, or "".
func (s *sentence) caseOf(i int) string {
	first, n := -1, 0
	for _, k := range s.kids[i] {
		if relIs(s.toks[k].Rel, "case") && k < i {
			if n == 0 {
				first = k
			}
			n++
		}
	}
	switch n {
	case 0:
		return ""
	case 1: // the common case, without allocating
		return s.lemma[first]
	}
	var parts []string
	for _, k := range s.kids[i] {
		if relIs(s.toks[k].Rel, "case") && k < i {
			parts = append(parts, s.lemma[k])
		}
	}
	return strings.Join(parts, " ")
}

// hasWords reports whether the sentence may have every word a pattern needs besides its head (as
// a lemma or a spelling): a pattern that fails this cannot match, so it need not be tried.
func (s *sentence) hasWords(p *dict.Pattern) bool {
	if !s.haveBits {
		for i := range s.toks {
			for _, b := range [2]uint16{dict.WordBit(s.lemma[i]), dict.WordBit(s.norm[i])} {
				s.bits[b/64] |= 1 << (b % 64)
			}
		}
		s.haveBits = true
	}
	for _, b := range p.Needs {
		if s.bits[b/64]&(1<<(b%64)) == 0 {
			return false
		}
	}
	return true
}

// relIs reports whether rel is base or a subtype of base ("obl:tmod" is "obl").
func relIs(rel, base string) bool {
	return rel == base || (len(rel) > len(base) && rel[len(base)] == ':' && rel[:len(base)] == base)
}

// isPassive reports whether verb i is passive (has nsubj:pass or aux:pass, or is a bare participle
// modifying a noun).
func (s *sentence) isPassive(i int) bool {
	for _, k := range s.kids[i] {
		if r := s.toks[k].Rel; r == "nsubj:pass" || r == "aux:pass" || r == "csubj:pass" {
			return true
		}
	}
	return false
}

// subtreeSpan returns the token range [lo, hi) covered by i and its descendants.
func (s *sentence) subtreeSpan(i int) (lo, hi int) {
	lo, hi = i, i+1
	var walk func(int)
	walk = func(j int) {
		for _, k := range s.kids[j] {
			if k < lo {
				lo = k
			}
			if k+1 > hi {
				hi = k + 1
			}
			walk(k)
		}
	}
	walk(i)
	return lo, hi
}

// coreSpan is subtreeSpan without the conjuncts, appositions and clauses hung on i and its
// dependents: the noun phrase itself ("the town of Ras al-Ain" in "the town of Ras al-Ain, and
// Mustafa Bali, a spokesman").
func (s *sentence) coreSpan(i int) (lo, hi int) {
	lo, hi = i, i+1
	var walk func(int)
	walk = func(j int) {
		for _, k := range s.kids[j] {
			switch r := s.toks[k].Rel; {
			case r == "conj" || r == "cc" || r == "appos" || r == "parataxis" || r == "punct" ||
				r == "acl" || r == "acl:relcl":
				continue
			}
			lo, hi = min(lo, k), max(hi, k+1)
			walk(k)
		}
	}
	walk(i)
	return lo, hi
}

// span returns the text of tokens [lo, hi).
func (s *sentence) span(lo, hi int) string {
	if lo >= hi {
		return ""
	}
	return s.doc.Text[s.toks[lo].Start:s.toks[hi-1].End]
}

// mentionOf returns the mention headed by token i, or the mention covering i, or nil.
func (s *sentence) mentionOf(i int) *mention {
	if i < 0 {
		return nil
	}
	if m := s.mentAt[i]; m >= 0 {
		return s.mentions[m]
	}
	for _, m := range s.mentions {
		if i >= m.start && i < m.end {
			return m
		}
	}
	return nil
}

// linearSubject finds the subject of verb v when the parse gives none: the nearest mention to its
// left that is not inside a prepositional phrase and not another verb's object.
func (s *sentence) linearSubject(v int) int {
	for i := v - 1; i >= 0; i-- {
		t := s.toks[i]
		if t.Text == ";" || (t.UPOS == "VERB" && i < v-1 && s.child(i, "nsubj") >= 0) {
			return -1 // another clause
		}
		m := s.mentionOf(i)
		if m == nil && relIs(t.Rel, "nsubj") && t.Head == v && t.UPOS == "NOUN" {
			return -1 // "X said the raids had hit Y": the verb's subject is no actor
		}
		if m == nil || m.head != i {
			continue
		}
		r := t.Rel
		if s.caseOf(i) == "" && m.end == v && !relIs(r, "obl") && r != "obj" && r != "iobj" {
			return i // "..., Defence Minister X told ..." with the name hung on a noun before it
		}
		if s.caseOf(i) != "" || r == "obj" || r == "iobj" || relIs(r, "obl") || relIs(r, "nmod") || r == "nmod:poss" {
			continue
		}
		return i
	}
	return -1
}

// conjuncts returns i and the tokens conjoined to it ("Turkey and Iran" -> both).
func (s *sentence) conjuncts(i int) []int {
	out := []int{i}
	for _, k := range s.kids[i] {
		if s.toks[k].Rel == "conj" {
			if c := s.caseOf(k); c == "in" && c != s.caseOf(i) && s.mentAt[k] < 0 {
				// "signed by A and B, in the presence of C" with "presence" a conjunct: a phrase
				// of place or circumstance, not an item of the list
				continue
			}
			out = append(out, s.conjuncts(k)...)
		}
	}
	return out
}

// patientOf are act nouns whose of-phrase names whom the act is done to, not who does it ("the
// invasion of Ukraine", "the arrest of the opposition leader").
var patientOf = map[string]bool{"invasion": true, "occupation": true, "annexation": true, "bombing": true,
	"shelling": true, "killing": true, "murder": true, "assassination": true, "arrest": true,
	"detention": true, "release": true, "expulsion": true, "blockade": true, "siege": true,
	"recognition": true, "isolation": true, "destruction": true, "capture": true, "seizure": true,
	"abduction": true, "kidnapping": true, "execution": true, "massacre": true, "persecution": true,
	"oppression": true, "torture": true, "bombardment": true, "deportation": true, "extradition": true,
	"conviction": true, "prosecution": true, "sentencing": true, "overthrow": true, "ouster": true}

// conjoinedOf reports whether noun j has an "of" phrase of several conjoined words ("the leaders
// of Germany, Poland and Norway").
func (s *sentence) conjoinedOf(j int) bool {
	for _, k := range s.kids[j] {
		if relIs(s.toks[k].Rel, "nmod") && s.caseOf(k) == "of" {
			return len(s.conjuncts(k)) > 1
		}
	}
	return false
}

// mentionsAt returns the resolved mentions of token i and of its conjuncts.
func (s *sentence) mentionsAt(i int) []*mention {
	if i < 0 {
		return nil
	}
	var out []*mention
	for _, j := range s.conjuncts(i) {
		m := s.mentionOf(j)
		// "dozens of demonstrators", "members of Hamas", "tens of thousands of people": the actor
		// is in the of-phrase
		for q, depth := j, 0; m == nil && depth < 2 && !patientOf[s.lemma[q]]; depth++ {
			next := -1
			for _, k := range s.kids[q] {
				if relIs(s.toks[k].Rel, "nmod") && s.caseOf(k) == "of" {
					m, next = s.mentionOf(k), k
					break
				}
			}
			if next < 0 {
				break
			}
			q = next
		}
		if m != nil && (m.kind == description || m.actor.Agent != "" && m.head == j && s.conjoinedOf(j)) {
			// "the leaders of Argentina, Brazil and Uruguay"
			for _, k := range s.kids[j] {
				if relIs(s.toks[k].Rel, "nmod") && s.caseOf(k) == "of" {
					for _, om := range s.mentionsAt(k) {
						g := *om
						if g.actor.Agent == "" {
							g.actor.Agent, g.actor.Code = m.actor.Agent, g.actor.Country+m.actor.Agent
						}
						out = append(out, &g)
					}
					m = nil
					break
				}
			}
		}
		if m != nil && m.group == nil && m.actor.Country == "" {
			m = nil // an unresolved name or pronoun is no actor
		}
		if m != nil {
			if m.group != nil {
				out = append(out, m.group...)
				continue
			}
			out = append(out, m)
		}
	}
	return out
}
