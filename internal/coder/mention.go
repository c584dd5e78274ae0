package coder

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/dict"
)

// mentionKind says how a mention names its actor.
type mentionKind uint8

const (
	named       mentionKind = iota // a dictionary name, or a titled person: resolved on the spot
	description                    // an agent noun without a country ("the minister", "the two leaders")
	pronoun                        // he, she, it, they, who
	surname                        // a bare proper name that may repeat an earlier full name
)

// mention is a noun phrase that refers to an actor.
type mention struct {
	start, end int // token range
	head       int // head token
	kind       mentionKind
	actor      dyad.Actor // Name, Code, Country, Agent (Text is filled when an event is emitted)
	person     bool
	org        bool // an organisation (or a description of one: "the group")
	plural     bool
	title      string     // office words ("president", "foreign minister") when known
	surname    string     // last word of a person's name, for later surname-only mentions
	names      []string   // every word of a known person's names
	count      int        // "the two leaders" -> 2
	group      []*mention // a description that resolved to several actors
	entity     *entity
	implicit   bool        // not named in the sentence: inferred from the article (its Text stays empty)
	entry      *dict.Entry // the person whose dated role gave the actor, if any (see atEventDate)
}

func (m *mention) sameActor(o *mention) bool {
	if m.entity != nil && m.entity == o.entity {
		return true
	}
	return m.actor.Code == o.actor.Code && m.actor.Name == o.actor.Name
}

// sameAsAny reports whether m is the same actor as one of ms (a co-actor is not the one acted on).
func (m *mention) sameAsAny(ms []*mention) bool {
	for _, o := range ms {
		if m.sameActor(o) || m.actor.Code == o.actor.Code {
			return true
		}
	}
	return false
}

func (m *mention) dyadActor(s *sentence) dyad.Actor {
	a := m.actor
	if !m.implicit {
		a.Text = s.span(m.start, m.end)
	}
	if a.Code == "" {
		a.Code = a.Country + a.Agent
	}
	return a
}

// atom is one dictionary match inside a sentence.
type atom struct {
	start, end int
	entry      *dict.Entry // an actor entry, or nil
	agent      dict.Agent  // an agent phrase when entry is nil
}

// capitalised reports whether any token in [lo, hi) starts with an upper-case letter.
func (s *sentence) capitalised(lo, hi int) bool {
	for i := lo; i < hi; i++ {
		r, _ := utf8.DecodeRuneInString(s.toks[i].Text)
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// atoms finds the dictionary matches of a sentence, longest first, left to right.
func (ac *articleCoder) atoms(s *sentence) []atom {
	d := ac.c.dict
	var out []atom
	for i := 0; i < len(s.toks); {
		if s.toks[i].UPOS == "PUNCT" {
			i++
			continue
		}
		n, e := d.MatchActor(s.norm[i:])
		if n > 0 && !s.capitalised(i, i+n) {
			n, e = 0, nil // names are capitalised: "us", "chad", "turkey" are not countries
		}
		if n == 1 && e.Kind == dict.Person && s.longerName(i) {
			n, e = 0, nil // "Cameron MacKay" is not David Cameron
		}
		if n == 1 && e.Kind == dict.Demonym && i > 0 && regionWords[s.norm[i-1]] && s.capitalised(i-1, i) {
			n, e = 0, nil // "South American leaders", "Latin American states": a region, not the US
		}
		if n > 0 && e.Kind == dict.Country && i > 0 && s.capitalised(i-1, i) {
			// "Northern Ireland", "New Mexico": a place of another country whose name ends in
			// this country's; it stands for its own country
			if np, p := d.MatchPlace(s.norm[i-1:]); np == n+1 && p.Country != "" && p.Country != e.Country {
				if c, ok := d.Country(p.Country); ok {
					out = append(out, atom{start: i - 1, end: i + n, entry: c})
					i += n
					continue
				}
			}
		}
		na, ag, ok := d.MatchAgent(s.lemma[i:])
		if nb, ag2, ok2 := d.MatchAgent(s.norm[i:]); ok2 && nb > na {
			na, ag, ok = nb, ag2, true
		}
		if n > 1 && e.Kind == dict.Country && s.toks[i].UPOS == "DET" && i+n < len(s.toks) &&
			s.toks[i+n-1].Head == i+n && s.toks[i+n-1].Rel == "compound" {
			i, n = i+1, n-1 // "the U.S. ambassador": the article is the noun's, the name its modifier
		}
		switch {
		case n > 0 && n >= na:
			out = append(out, atom{start: i, end: i + n, entry: e})
			i += n
		case ok && na > 0 && !(na == 1 && s.lemma[i] == "party" && s.groupCount(i) >= 2):
			// ("all parties", "the warring parties" are the sides of a conflict, not political parties)
			out = append(out, atom{start: i, end: i + na, agent: ag})
			i += na
		default:
			i++
		}
	}
	return out
}

// regionWords before a demonym make it a region's ("South American", "Central Asian").
var regionWords = map[string]bool{"south": true, "north": true, "latin": true, "central": true,
	"west": true, "east": true, "southeast": true, "northeast": true, "southern": true, "northern": true,
	"western": true, "eastern": true}

// longerName reports whether the one-word name at token i goes on with another proper noun of the
// same name ("Cameron MacKay"), so that a surname-only alias must not match it.
func (s *sentence) longerName(i int) bool {
	j := i + 1
	if j >= len(s.toks) || s.toks[j].UPOS != "PROPN" || !s.capitalised(j, j+1) || isTimeWord(s.lemma[j]) {
		return false
	}
	r1, r2 := s.toks[j].Rel, s.toks[i].Rel
	return s.toks[j].Head == i && (r1 == "flat" || r1 == "flat:name") ||
		s.toks[i].Head == j && (r2 == "compound" || r2 == "flat" || r2 == "flat:name")
}

// prenominal reports whether an atom modifies a name that follows it: a demonym, a title, an
// organisation ("Hamas leader").
func prenominal(a atom) bool {
	if a.entry == nil {
		return a.agent.Title
	}
	return a.entry.Kind == dict.Demonym || a.entry.Kind == dict.Org
}

// demonymChain reports whether atom a is a country word joined to the demonym b by "and", "or"
// or a comma, as in "Chinese and Indian troops", "U.S., British and French warships" (two country
// names, "Chile and Peru", stay two noun phrases).
func (s *sentence) demonymChain(a, b atom) bool {
	if a.entry == nil || b.entry == nil || (a.entry.Kind != dict.Demonym && a.entry.Kind != dict.Country) ||
		b.entry.Kind != dict.Demonym || b.start <= a.end || b.start-a.end > 2 {
		return false
	}
	for i := a.end; i < b.start; i++ {
		if w := s.norm[i]; w != "and" && w != "or" && w != "," {
			return false
		}
	}
	return true
}

// npRels are the relations that keep a word inside the noun phrase of its head.
var npRels = map[string]bool{"compound": true, "flat": true, "flat:name": true, "amod": true,
	"nmod:poss": true, "nmod:desc": true}

// npHead climbs from token i to the head of its noun phrase.
func (s *sentence) npHead(i int) int {
	for n := 0; n < len(s.toks); n++ {
		t := s.toks[i]
		if t.Head < 0 || !npRels[t.Rel] {
			return i
		}
		i = t.Head
	}
	return i
}

// possessorHead returns the head of the possessive phrase that token i is in when that phrase
// is the possessor of noun phrase head h ("president" in "the Chilean president's decision",
// "Chile's president's decision"), or h.
func (s *sentence) possessorHead(i, h int) int {
	for n := 0; n < len(s.toks) && i != h; n++ {
		t := s.toks[i]
		if t.Head == h {
			if t.Rel == "nmod:poss" {
				return i
			}
			return h
		}
		if t.Head < 0 || !npRels[t.Rel] {
			return h
		}
		i = t.Head
	}
	return h
}

// atomHead returns the token of the atom whose head lies outside the atom.
func (s *sentence) atomHead(a atom) int {
	for i := a.start; i < a.end; i++ {
		if h := s.toks[i].Head; h < a.start || h >= a.end {
			return i
		}
	}
	return a.end - 1
}

var pronouns = map[string]bool{"he": true, "she": true, "it": true, "they": true, "we": true,
	"who": true, "which": true, "him": true, "her": true, "them": true, "i": true, "me": true, "us": true}

// findMentions detects the actor mentions of a sentence from dictionary matches grouped by noun
// phrase. Mentions that need the article context (pronouns, descriptions, surnames) are resolved
// later, in document order, by resolveMentions.
func (ac *articleCoder) findMentions(s *sentence) {
	atoms := ac.atoms(s)
	if ac.datelineEnd > 0 && s.index == 0 { // the dateline's city is where, not who
		kept := atoms[:0]
		for _, a := range atoms {
			if s.toks[a.start].Start >= ac.datelineEnd {
				kept = append(kept, a)
			}
		}
		atoms = kept
	}
	hs := make([]int, len(atoms))
	for i, a := range atoms {
		hs[i] = s.npHead(s.atomHead(a))
		if n := s.controlledNoun(a); n >= 0 { // "the Houthi-run health ministry": the ministry's owner
			hs[i] = s.npHead(n)
		}
	}
	// Titles and modifiers written right before a name belong to it whatever the parse says:
	// "Chilean Foreign Minister Alberto van Klaveren", "Hezbollah leader Hassan Nasrallah".
	for i := len(atoms) - 1; i >= 0; i-- {
		a := atoms[i]
		nextPerson := i+1 < len(atoms) && atoms[i+1].entry != nil && atoms[i+1].entry.Kind == dict.Person
		chain := i+1 < len(atoms) && s.demonymChain(a, atoms[i+1])
		if !prenominal(a) && !(a.entry == nil && nextPerson) && !chain {
			continue
		}
		if i+1 < len(atoms) && (atoms[i+1].start == a.end || chain) {
			hs[i] = hs[i+1]
		} else if a.entry == nil && a.agent.Title && a.end < len(s.toks) && s.toks[a.end].UPOS == "PROPN" {
			hs[i] = a.end // a title before a name the dictionaries do not know
		}
	}
	// Whatever the parse says, "and" between two names parts two actors ("Sunak and European
	// Commission President Ursula von der Leyen" hung on one head).
	for i := 0; i+1 < len(atoms); i++ {
		if e := atoms[i].entry; e == nil || e.Kind != dict.Person && e.Kind != dict.Org ||
			hs[i] != hs[i+1] || !s.coordinatedBetween(atoms[i].end, atoms[i+1].start) {
			continue // "Chilean and Argentine troops" is one phrase with two countries
		}
		own, h := s.atomHead(atoms[i]), hs[i]
		for j := i; j >= 0 && hs[j] == h; j-- {
			hs[j] = own
		}
	}
	byHead := map[int][]atom{}
	var heads []int
	for i, a := range atoms {
		h := hs[i]
		if _, seen := byHead[h]; !seen {
			heads = append(heads, h)
		}
		byHead[h] = append(byHead[h], a)
	}
	for _, h := range heads {
		if m := ac.npMention(s, h, byHead[h]); m != nil {
			s.addMention(m)
			continue
		}
		// No actor heads the phrase, but its possessor may be one: "the Chilean president's
		// decision", "Peru's foreign minister's visit".
		as := byHead[h]
		ps := make([]int, len(as))
		for i := len(as) - 1; i >= 0; i-- {
			ps[i] = s.possessorHead(s.atomHead(as[i]), h)
			if ps[i] == h && i+1 < len(as) && as[i].end == as[i+1].start && ps[i+1] != h {
				ps[i] = ps[i+1] // "the Chilean president's": a word right before the possessor is its
			}
		}
		sub := map[int][]atom{}
		var subHeads []int
		for i, a := range as {
			p := ps[i]
			if p == h {
				continue
			}
			if _, seen := sub[p]; !seen {
				subHeads = append(subHeads, p)
			}
			sub[p] = append(sub[p], a)
		}
		for _, p := range subHeads {
			if s.mentAt[p] < 0 {
				if m := ac.npMention(s, p, sub[p]); m != nil {
					s.addMention(m)
				}
			}
		}
	}
	for i, t := range s.toks {
		if s.mentAt[i] >= 0 || s.mentionOf(i) != nil {
			continue
		}
		switch {
		case s.lemma[i] == "old" && s.hasChildLemma(i, "det", "the") && s.hasChildLemma(i, "compound", "year"):
			// "the 79-year-old": a person named before, as "he" or "she" would be
			lo, hi := s.subtreeSpan(i)
			s.addMention(&mention{start: lo, end: hi, head: i, kind: pronoun})
		case t.UPOS == "PRON" && pronouns[s.lemma[i]] && !relIs(t.Rel, "nmod"):
			s.addMention(&mention{start: i, end: i + 1, head: i, kind: pronoun,
				plural: s.lemma[i] == "they" || s.lemma[i] == "them" || s.lemma[i] == "we" || s.lemma[i] == "us"})
		case t.UPOS == "NOUN" && orgNouns[s.lemma[i]] && (s.hasChildLemma(i, "det", "the") || s.child(i, "nmod:poss") >= 0):
			s.addMention(&mention{start: i, end: i + 1, head: i, kind: description, org: true,
				plural: isPlural(t.XPOS), actor: dyad.Actor{Name: s.lemma[i]}})
		case t.UPOS == "NOUN" && groupNouns[s.lemma[i]] && s.groupCount(i) >= 2:
			s.addMention(&mention{start: i, end: i + 1, head: i, kind: description, plural: true,
				count: s.groupCount(i), actor: dyad.Actor{Name: s.lemma[i]}})
		case (t.UPOS == "PROPN" || i == 0 && t.UPOS == "NOUN" && s.capitalised(i, i+1) && s.toks[i].XPOS == "NN") &&
			!npRels[t.Rel] && !isTimeWord(s.lemma[i]): // "Wang congratulated ...": a surname tagged as a noun
			lo, hi := s.nameSpan(i)
			s.addMention(&mention{start: lo, end: hi, head: i, kind: surname, surname: s.norm[hi-1]})
		}
	}
}

// coordinatedBetween reports whether the tokens from lo to hi hold a coordinating "and" or "or".
func (s *sentence) coordinatedBetween(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		if s.toks[k].UPOS == "CCONJ" && (s.norm[k] == "and" || s.norm[k] == "or") {
			return true
		}
	}
	return false
}

func (s *sentence) addMention(m *mention) {
	s.mentAt[m.head] = len(s.mentions)
	s.mentions = append(s.mentions, m)
}

// flatEnd returns the end of the name that the span [lo, hi) starts: the flat (name-part)
// descendants of its tokens that follow on without a gap, and the hyphens inside them
// ("al-Aiban"); hi when there are none.
func (s *sentence) flatEnd(lo, hi int) int {
	end := hi
	part := func(k int) bool { // k is a proper noun hanging by flat relations on a token of the name
		if s.toks[k].UPOS != "PROPN" {
			return false
		}
		for steps := 0; k >= 0 && steps < 6; steps++ {
			if r := s.toks[k].Rel; r != "flat" && r != "flat:name" {
				return false
			}
			k = s.toks[k].Head
			if k >= lo && k < end {
				return true
			}
		}
		return false
	}
	for end < len(s.toks) {
		switch {
		case part(end):
			end++
		case s.toks[end].Text == "-" && end+1 < len(s.toks) && part(end+1):
			end += 2
		case s.toks[end].Text == "-" && end+1 < len(s.toks) && s.toks[end+1].UPOS == "PROPN" &&
			s.toks[end-1].End == s.toks[end].Start && s.toks[end].End == s.toks[end+1].Start:
			end += 2 // "Sanwo-Olu": one written word, whatever the parse made of its parts
		default:
			return end
		}
	}
	return end
}

// nameSpan returns the proper-noun tokens around head i joined by flat/compound relations.
func (s *sentence) nameSpan(i int) (lo, hi int) {
	lo, hi = i, i+1
	for _, k := range s.kids[i] {
		r := s.toks[k].Rel
		if (r == "flat" || r == "flat:name" || r == "compound") && s.toks[k].UPOS == "PROPN" {
			if k < lo {
				lo = k
			}
			if k+1 > hi {
				hi = k + 1
			}
		}
	}
	return lo, hi
}

// npMention builds the mention of the noun phrase headed by h from the atoms inside it.
func (ac *articleCoder) npMention(s *sentence, h int, atoms []atom) *mention {
	var headAtom *atom
	lo, hi := h, h+1
	for k := range atoms {
		a := &atoms[k]
		if h >= a.start && h < a.end {
			headAtom = a
		}
		lo, hi = min(lo, a.start), max(hi, a.end)
	}
	stateUnit := false
	if headAtom == nil { // "Chinese troops" parsed as a modifier of another noun: the agent noun heads
		for k := range atoms {
			if a := &atoms[k]; a.entry == nil && !a.agent.Title && a.start > 0 {
				// "paramilitary Rangers": a paramilitary named as a unit of its own is a state's
				stateUnit = a.agent.Code == dyad.AgentREB && strings.HasPrefix(a.agent.Phrase, "paramilitar") &&
					h > a.start && s.capitalised(h, h+1) && (s.toks[h].UPOS == "NOUN" || s.toks[h].UPOS == "PROPN")
				headAtom, h = a, s.atomHead(*a)
				break
			}
		}
	}
	// The parse may hang a name on its demonym ("Turkish Foreign Minister X" with "Turkish" as
	// the head): a person, an organisation or a title in the phrase outranks a country word.
	hasPerson := false
	for k := range atoms {
		hasPerson = hasPerson || atoms[k].entry != nil && atoms[k].entry.Kind == dict.Person
	}
	if headAtom == nil || headAtom.entry != nil && (headAtom.entry.Kind == dict.Demonym || headAtom.entry.Kind == dict.Country) ||
		headAtom.entry == nil && hasPerson { // "Secretary of State Antony Blinken" parsed with the title as head
		var best *atom
		for k := range atoms {
			a := &atoms[k]
			switch {
			case a.entry != nil && a.entry.Kind == dict.Person:
				best = a
			case best != nil && best.entry != nil && best.entry.Kind == dict.Person:
			case a.entry != nil && a.entry.Kind == dict.Org && headAtom != nil:
				best = a
			case a.entry == nil && a.agent.Title && headAtom != nil:
				if best == nil || best.entry == nil {
					best = a
				}
			}
		}
		if best != nil {
			headAtom = best
			if best.entry == nil && best.end < len(s.toks) && s.toks[best.end].UPOS == "PROPN" && s.mentAt[best.end] < 0 {
				h = best.end // "Foreign Minister Jane Doe": the name after the title
				headAtom = nil
				hi = max(hi, h+1)
				for hi < len(s.toks) && s.toks[hi].UPOS == "PROPN" {
					hi++
				}
			}
		}
	}
	if headAtom != nil && h >= headAtom.end && s.coordinatedBetween(headAtom.end, h) {
		// "Sunak and ... von der Leyen" with "Sunak" hung on the other name's head: the
		// mention is the name alone, not the phrase up to that head
		h, hi = s.atomHead(*headAtom), headAtom.end
		lo = headAtom.start
		for _, a := range atoms {
			if a.end <= headAtom.start {
				lo = min(lo, a.start)
			}
		}
	}
	hi = max(hi, s.flatEnd(lo, hi)) // "Musaed bin Mohammed al-Aiban", "Carlos Mesa": the whole name
	m := &mention{start: lo, end: hi, head: h, kind: named, plural: isPlural(s.toks[h].XPOS)}
	m.count = s.groupCount(h)
	// What the modifiers say: a country (name, demonym, capital, possessive), an organisation.
	modCountry, modOrg := "", (*dict.Entry)(nil)
	var modCountries []string // "Chilean and Argentine troops": one actor per conjoined country
	conjoined := false
	var title *dict.Agent
	proxy := false
	for k := range atoms {
		a := &atoms[k]
		if a == headAtom {
			continue
		}
		if a.entry == nil {
			if a.agent.Title && title == nil {
				title = &a.agent
			}
			continue
		}
		if s.sponsor(*a) && (a.entry.Kind == dict.Country || a.entry.Kind == dict.Demonym) {
			proxy = true // "Iranian-backed militias" are not Iran's
			continue
		}
		switch a.entry.Kind {
		case dict.Person:
		case dict.Org:
			if modOrg == nil {
				modOrg = a.entry
			}
		default:
			c := entryCountry(a.entry, ac.date)
			if modCountry == "" {
				modCountry = c
			}
			if c != "" && !contains(modCountries, c) {
				modCountries = append(modCountries, c)
			}
			if s.toks[s.atomHead(*a)].Rel == "conj" || a.start > 0 && (s.norm[a.start-1] == "and" || s.norm[a.start-1] == "or") {
				conjoined = true
			}
		}
	}
	if modCountry == "" && modOrg == nil {
		var e *dict.Entry
		modCountry, e = ac.ofActor(s, h) // "the foreign minister of Iran"
		if e != nil && e.Kind == dict.Org && (modCountry == dyad.CountryIGO || armedGroup(e, ac.date) && (memberNouns[s.lemma[h]] || spokesNouns[s.lemma[h]])) {
			// "the judges of the International Court of Justice", "the leader of Hamas", "a
			// spokesman for the Taliban"
			modOrg, modCountry = e, ""
		}
	}
	if modOrg == nil && (headAtom == nil || headAtom.entry == nil) {
		if e := ac.inArmedGroup(s, h); e != nil { // "a deputy foreign minister in the Houthi administration"
			modOrg, modCountry = e, ""
		}
	}
	if modCountry == "" && modOrg == nil && title != nil {
		// "Lagos State Governor X", "Kharkiv mayor X": a place right before the title
		for j := lo - 1; j >= 0 && j >= lo-3 && s.toks[j].UPOS == "PROPN"; j-- {
			if n, p := ac.c.dict.MatchPlace(s.norm[j:lo]); n == lo-j && p.Country != "" {
				modCountry, lo = p.Country, j
				m.start = j
				break
			}
		}
	}
	applyOrg := func() {
		if modOrg == nil {
			return
		}
		if r, ok := modOrg.Resolve(ac.date); ok {
			if m.actor.Country == "" {
				m.actor.Country = r.Country
			}
			switch {
			case r.Agent == dyad.AgentIGO && m.actor.Agent == dyad.AgentJUD: // "the UN's highest court"
				m.actor.Country, m.actor.Code = r.Country, r.Code+dyad.AgentJUD
			case r.Agent == dyad.AgentIGO || r.Agent == dyad.AgentREB || m.actor.Agent == "":
				m.actor.Agent, m.actor.Code = r.Agent, r.Code
			case r.Agent == m.actor.Agent: // "judges of the International Court of Justice"
				m.actor.Code = r.Code
			}
		}
	}
	switch {
	case headAtom != nil && headAtom.entry != nil:
		e := headAtom.entry
		m.actor.Name = e.Name
		switch e.Kind {
		case dict.Person, dict.Org:
			m.person = e.Kind == dict.Person
			m.org = e.Kind == dict.Org
			if m.person {
				m.surname = dict.Norm(lastWord(e.Name))
				for _, n := range e.Names {
					m.names = append(m.names, strings.Fields(dict.Norm(n))...)
				}
			}
			if r, ok := e.Resolve(ac.date); ok {
				m.actor.Country, m.actor.Agent, m.actor.Code = r.Country, r.Agent, r.Code
				m.title = r.Title
				if m.person {
					m.entry = e
				}
			} else if title != nil {
				m.actor.Agent, m.title = title.Code, title.Phrase
			} else {
				m.actor = dyad.Actor{Name: e.Name} // known, but holds no coded role at this date
			}
			if m.actor.Country == "" {
				m.actor.Country = modCountry
				m.actor.Code = ""
			}
		case dict.Demonym:
			m.actor.Country = entryCountry(e, ac.date)
			if !m.plural && s.toks[h].UPOS != "PROPN" && s.toks[h].UPOS != "NOUN" {
				return nil
			}
			m.actor.Agent = dyad.AgentCVL
		default: // country, capital, seat of government
			r, _ := e.Resolve(ac.date)
			m.actor.Country, m.actor.Agent, m.actor.Code = entryCountry(e, ac.date), r.Agent, r.Code
			if m.actor.Agent == "" && (e.Kind == dict.Capital || e.Kind == dict.Seat) {
				m.actor.Agent = dyad.AgentGOV
			}
		}
	case headAtom != nil: // an agent noun: "troops", "the foreign minister"
		m.actor.Agent = headAtom.agent.Code
		if stateUnit {
			m.actor.Agent = dyad.AgentMIL
		}
		m.actor.Name = headAtom.agent.Phrase
		if headAtom.agent.Title {
			m.title = headAtom.agent.Phrase
			m.person = !m.plural
		}
		m.actor.Country = modCountry
		applyOrg()
		if a := ac.memberOf(s, h); a != "" && modOrg == nil {
			m.actor.Agent = a // "a leader of the opposition", "a commander of the rebels"
		} else if a := possessorBody(s, h, atoms, headAtom); a != "" && modOrg == nil {
			m.actor.Agent = a // "the junta's leaders", "the rebels' commander"
		}
		if m.actor.Country == "" && !proxy {
			m.actor.Country = ac.ledByState(s, h) // "U.S.-led forces", however parsed
		}
		if m.actor.Country == "" && modOrg == nil && (m.actor.Agent == dyad.AgentMIL || m.actor.Agent == dyad.AgentREB) {
			if c := ac.regionOf(s, h); c != "" { // "forces from the region of Tigray": a region's own force
				m.actor.Country, m.actor.Agent = c, dyad.AgentREB
			}
		}
		if (proxy || ac.ledByPeople(s, h)) && (m.actor.Agent == dyad.AgentMIL || m.actor.Agent == dyad.AgentREB) {
			m.actor.Agent = dyad.AgentREB // a force a foreign state backs, or a people leads, is an armed group
		}
		if m.actor.Country == "" {
			m.kind = description
		}
	case title != nil && s.toks[h].UPOS == "PROPN": // "Foreign Minister Jane Doe": a titled person
		nlo, nhi := s.nameSpan(h)
		m.actor.Name = s.span(nlo, nhi)
		m.start, m.end = min(m.start, nlo), max(m.end, nhi)
		m.person = true
		m.surname = s.norm[nhi-1]
		m.title = title.Phrase
		m.actor.Agent = title.Code
		m.actor.Country = modCountry
		applyOrg()
		if m.actor.Country == "" {
			m.kind = description
		}
	default:
		return nil // the phrase is not about an actor ("an Israeli blockade")
	}
	if m.person && m.title != "" && (headAtom == nil || headAtom.entry == nil) && formerOffices[m.actor.Agent] &&
		s.formerBefore(m.start) {
		// "former Peruvian minister Ana Vargas": no longer in the office the title names, one of
		// the elite (a person the dictionary knows is coded by the dates of the roles)
		m.actor.Agent = "ELI"
		m.actor.Code = m.actor.Country + m.actor.Agent
	}
	if m.actor.Code == "" {
		m.actor.Code = m.actor.Country + m.actor.Agent
	}
	if conjoined && len(modCountries) > 1 && m.actor.Country == modCountry && m.kind == named {
		for _, c := range modCountries {
			g := *m
			g.actor.Country, g.actor.Code = c, c+m.actor.Agent
			m.group = append(m.group, &g)
		}
	}
	return m
}

// formerBefore reports whether "former" or "ex-" comes right before token i (after an article).
func (s *sentence) formerBefore(i int) bool {
	k := i - 1
	if k >= 0 && s.norm[k] == "-" {
		k--
	}
	return k >= 0 && (s.norm[k] == "former" || s.norm[k] == "ex" || s.norm[k] == "ex-")
}

// formerOffices are the sectors whose former office holders are elites (ELI): government,
// legislature, judiciary and international office.
var formerOffices = map[string]bool{dyad.AgentGOV: true, dyad.AgentLEG: true, dyad.AgentJUD: true, dyad.AgentIGO: true}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// inArmedGroup returns the armed group an "in" phrase of h names ("a minister in the Houthi
// administration", "a commander in the RSF"), or nil: one serves in the group, not in a place.
func (ac *articleCoder) inArmedGroup(s *sentence, h int) *dict.Entry {
	for _, k := range s.kids[h] {
		if !relIs(s.toks[k].Rel, "nmod") || s.caseOf(k) != "in" {
			continue
		}
		lo, _ := s.subtreeSpan(k)
		for lo < k && (s.toks[lo].UPOS == "ADP" || s.toks[lo].UPOS == "DET") {
			lo++
		}
		if n, e := ac.c.dict.MatchActor(s.norm[lo:]); n > 0 && e.Kind == dict.Org && s.capitalised(lo, lo+n) && armedGroup(e, ac.date) {
			return e
		}
	}
	return nil
}

// armedGroup reports whether organisation e is an armed group (REB) on date.
func armedGroup(e *dict.Entry, date dyad.Date) bool {
	r, ok := e.Resolve(date)
	return ok && r.Agent == dyad.AgentREB
}

// memberNouns name someone by the body they belong to: their sector is that body's.
var memberNouns = map[string]bool{"leader": true, "head": true, "chief": true, "member": true,
	"official": true, "spokesman": true, "spokeswoman": true, "spokesperson": true, "figure": true,
	"commander": true, "general": true, "secretary": true, "president": true}

// memberOf returns the sector of the body that the member noun at h belongs to ("a senior leader
// of the opposition": OPP), from an "of" phrase headed by a sector noun, or "".
func (ac *articleCoder) memberOf(s *sentence, h int) string {
	if !memberNouns[s.lemma[h]] {
		return ""
	}
	for _, k := range s.kids[h] {
		if !relIs(s.toks[k].Rel, "nmod") || s.caseOf(k) != "of" {
			continue
		}
		lo, _ := s.subtreeSpan(k)
		for i := lo; i <= k; i++ { // the longest agent phrase ending at the head: "the opposition party"
			if n, ag, ok := ac.c.dict.MatchAgent(s.lemma[i : k+1]); ok && n == k+1-i && !ag.Title && ag.Code != "" {
				return ag.Code
			}
		}
	}
	return ""
}

// controlVerbs, after a name and a hyphen, say that the named actor runs what follows ("the
// Hamas-run health ministry", "the Taliban-controlled government").
var controlVerbs = map[string]bool{"run": true, "controlled": true, "control": true, "installed": true,
	"install": true, "appointed": true, "appoint": true, "administered": true, "administer": true}

// controlledNoun returns the noun that atom a is written as running ("Houthi-run health
// ministry": ministry), or -1: a name joined by a hyphen to a control verb right before a noun.
func (s *sentence) controlledNoun(a atom) int {
	if a.entry == nil || a.end+2 >= len(s.toks) || s.toks[a.end].Text != "-" || s.toks[a.end].Start != s.toks[a.end-1].End ||
		!(controlVerbs[s.norm[a.end+1]] || controlVerbs[s.lemma[a.end+1]]) {
		return -1
	}
	for n := a.end + 2; n < len(s.toks) && n <= a.end+5; n++ {
		if u := s.toks[n].UPOS; u == "NOUN" || u == "PROPN" {
			return n
		} else if u != "ADJ" {
			return -1
		}
	}
	return -1
}

// sponsorVerbs, after a country word and a hyphen, say that the country backs a force rather
// than owns it ("Iranian-backed militias", "U.S.-supported fighters").
var sponsorVerbs = map[string]bool{"back": true, "backed": true, "support": true, "supported": true,
	"sponsor": true, "sponsored": true, "fund": true, "funded": true, "arm": true, "armed": true}

// sponsor reports whether atom a is written as the backer of what follows ("Iranian-backed").
func (s *sentence) sponsor(a atom) bool {
	return a.end+1 < len(s.toks) && s.toks[a.end].Text == "-" && s.toks[a.end].Start == s.toks[a.end-1].End &&
		(sponsorVerbs[s.lemma[a.end+1]] || sponsorVerbs[s.norm[a.end+1]])
}

// ledByPeople reports whether the noun at h is written as led by a people that is no state
// ("Kurdish-led forces"): a capitalised word, which the dictionaries do not know as a country,
// joined by a hyphen to "led" right before the noun.
func (ac *articleCoder) ledByPeople(s *sentence, h int) bool {
	k := h - 1
	if k < 2 || s.norm[k] != "led" || s.toks[k-1].Text != "-" || s.toks[k-1].Start != s.toks[k-2].End ||
		!s.capitalised(k-2, k-1) || s.mentAt[k-2] >= 0 {
		return false
	}
	if n, _ := ac.c.dict.MatchActor(s.norm[k-2:]); n > 0 || blocWords[s.norm[k-2]] {
		return false
	}
	_, _, agent := ac.c.dict.MatchAgent(s.lemma[k-2 : k-1]) // "Government-led", "Army-led"
	return !agent
}

// regionOf returns the country of a region (not a country or a city) that an "of" or "from"
// phrase of h names ("forces from the northern region of Tigray"), or "". A state's forces are
// named after the state; a force named after one of its regions is the region's own, an armed
// group to the state.
func (ac *articleCoder) regionOf(s *sentence, h int) string {
	ks := s.kids[h]
	if s.toks[h].Rel == "conj" { // "the government and forces from ...", the phrase hung on "government"
		for _, k := range s.kids[s.toks[h].Head] {
			if k > h {
				ks = append(ks[:len(ks):len(ks)], k)
			}
		}
	}
	for _, k := range ks {
		if c := s.caseOf(k); !relIs(s.toks[k].Rel, "nmod") || c != "of" && c != "from" {
			continue
		}
		lo, hi := s.subtreeSpan(k)
		for i := lo; i < hi; i++ {
			if s.toks[i].UPOS != "PROPN" {
				continue
			}
			if n, _ := ac.c.dict.MatchActor(s.norm[i:hi]); n > 0 {
				return "" // "forces from the region of X and Russia": an actor is named
			}
			if n, p := ac.c.dict.MatchPlace(s.norm[i:hi]); n > 0 && p.Kind == "region" && p.Country != "" {
				return p.Country
			}
		}
	}
	return ""
}

// blocWords lead forces as states or their alliances do, not as a people: "Western-led forces".
var blocWords = map[string]bool{"western": true, "allied": true, "federal": true, "international": true,
	"multinational": true, "joint": true, "regional": true, "coalition": true, "un": true, "u.n.": true}

// ledByState returns the country of a country word joined by a hyphen to "led" right before the
// noun at h ("U.S.-led forces", "Saudi-led coalition"), or "".
func (ac *articleCoder) ledByState(s *sentence, h int) string {
	k := h - 1
	if k < 2 || s.norm[k] != "led" || s.toks[k-1].Text != "-" || s.toks[k-1].Start != s.toks[k-2].End {
		return ""
	}
	for j := k - 2; j >= 0 && j >= k-4; j-- {
		if n, e := ac.c.dict.MatchActor(s.norm[j:]); n == k-1-j && (e.Kind == dict.Country || e.Kind == dict.Demonym) &&
			s.capitalised(j, j+n) {
			return entryCountry(e, ac.date)
		}
	}
	return ""
}

// possessorBody returns the sector of the body that owns the member noun at h by a possessive
// ("the junta's leaders": MIL), from an agent noun (not a title) among the phrase's atoms, or "".
func possessorBody(s *sentence, h int, atoms []atom, headAtom *atom) string {
	if !memberNouns[s.lemma[h]] {
		return ""
	}
	for k := range atoms {
		a := &atoms[k]
		if a == headAtom || a.entry != nil || a.agent.Title || a.agent.Code == "" {
			continue
		}
		if t := s.toks[s.atomHead(*a)]; t.Head == h && t.Rel == "nmod:poss" {
			return a.agent.Code
		}
	}
	return ""
}

// orgNouns refer back to an organisation named before ("the group", "the movement").
var orgNouns = map[string]bool{"group": true, "movement": true, "organisation": true, "organization": true,
	"militia": true, "faction": true, "alliance": true, "agency": true, "bloc": true}

// groupNouns refer back to several actors when counted: "the two men", "both sides".
var groupNouns = map[string]bool{"man": true, "woman": true, "side": true, "party": true, "country": true,
	"nation": true, "neighbour": true, "neighbor": true, "state": true, "government": true,
	"counterpart": true, "leader": true, "foe": true, "rival": true, "enemy": true, "belligerent": true,
	"adversary": true}

// ofCountry returns the country of an "of X" or "from X" modifier of h ("the army of Sudan").
func (ac *articleCoder) ofCountry(s *sentence, h int) string {
	c, _ := ac.ofActor(s, h)
	return c
}

// ofActor is ofCountry, with the dictionary entry that gave the country.
func (ac *articleCoder) ofActor(s *sentence, h int) (string, *dict.Entry) {
	for _, k := range s.kids[h] {
		if !relIs(s.toks[k].Rel, "nmod") {
			continue
		}
		c := s.caseOf(k)
		// "an adviser to Prime Minister X", "a spokesman for X": X's side, person or not
		serves := c == "to" && aideNouns[s.lemma[h]] || c == "for" && spokesNouns[s.lemma[h]]
		if c == "of" || c == "from" || serves {
			lo, _ := s.subtreeSpan(k) // "of the International Court of Justice": from "International"
			for lo < k && (s.toks[lo].UPOS == "ADP" || s.toks[lo].UPOS == "DET") {
				lo++
			}
			for _, st := range []int{lo, k} {
				if n, e := ac.c.dict.MatchActor(s.norm[st:]); n > 0 && (e.Kind != dict.Person || serves) {
					return entryCountry(e, ac.date), e
				}
			}
		}
	}
	return "", nil
}

// aideNouns serve someone named in a to-phrase; spokesNouns speak for someone named in a
// for-phrase. (An envoy or ambassador to X is posted to X and is not X's.)
var (
	aideNouns = map[string]bool{"adviser": true, "advisor": true, "aide": true, "assistant": true,
		"counsellor": true, "counselor": true}
	spokesNouns = map[string]bool{"spokesman": true, "spokeswoman": true, "spokesperson": true}
)

// entryCountry returns the country an entry stands for at a date.
func entryCountry(e *dict.Entry, date dyad.Date) string {
	if e.Country != "" {
		return e.Country
	}
	if r, ok := e.Resolve(date); ok {
		return r.Country
	}
	return ""
}

func isPlural(xpos string) bool { return xpos == "NNS" || xpos == "NNPS" }

func lastWord(s string) string {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == ' ' {
			return s[i+1:]
		}
	}
	return s
}

func numberWord(w string) int {
	switch w {
	case "two", "2":
		return 2
	case "three", "3":
		return 3
	case "four", "4":
		return 4
	}
	return 0
}

// groupCount returns how many actors a plural noun counts ("the two men", "both sides"), or 0.
func (s *sentence) groupCount(i int) int {
	if n := s.child(i, "nummod"); n >= 0 {
		return numberWord(s.lemma[n])
	}
	if s.hasChildLemma(i, "det", "both") {
		return 2
	}
	if l := s.lemma[i]; (l == "side" || l == "party") && isPlural(s.toks[i].XPOS) &&
		(s.hasChildLemma(i, "det", "all") || s.hasChildLemma(i, "amod", "warring", "opposing", "rival")) {
		return 2 // "all sides", "the warring parties": the two sides of the conflict
	}
	return 0
}

// isTimeWord reports whether a capitalised word names a day or month, not a person.
func isTimeWord(w string) bool {
	w = strings.TrimSuffix(w, ".")
	_, day := weekdays[w]
	_, month := months[w]
	return day || month
}
