package coder

import (
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/dict"
)

// entity is an actor the article has mentioned, for resolving later pronouns, descriptions and
// surnames back to it.
type entity struct {
	actor   dyad.Actor
	person  bool
	org     bool
	plural  bool
	title   string
	surname string
	names   []string // every word of the person's names, for surname-only mentions
	entry   *dict.Entry
	sent    int      // sentence of the latest mention
	tok     int      // token of the latest mention
	subj    bool     // the latest mention was a subject (more salient for pronouns)
	toks    []int    // tokens of the mentions in sentence sent, in order
	prev    struct { // the latest mention in a sentence before sent, if any
		ok        bool
		sent, tok int
		subj      bool
	}
}

// before returns the latest mention of e before token tok of sentence sent: a mention later in
// the same sentence does not hide an earlier one ("Lula ... invited him ..., an invitation Lula
// accepted").
func (e *entity) before(sent, tok int) (int, int, bool, bool) {
	if e.sent != sent {
		return e.sent, e.tok, e.subj, true
	}
	for i := len(e.toks) - 1; i >= 0; i-- {
		if e.toks[i] < tok {
			return e.sent, e.toks[i], e.subj && i == len(e.toks)-1, true
		}
	}
	return e.prev.sent, e.prev.tok, e.prev.subj, e.prev.ok
}

// resolveMentions gives pronouns, descriptions and bare surnames the actor of what they refer to,
// and records the sentence's named mentions as entities for the sentences after it.
func (ac *articleCoder) resolveMentions(s *sentence) {
	for _, m := range s.mentions {
		switch m.kind {
		case named:
			ac.remember(s, m)
			for _, g := range m.group { // "Chilean and Argentine troops": each is an antecedent
				if g.actor.Code != m.actor.Code {
					ac.remember(s, g)
				}
			}
		case surname:
			e := ac.find(s, m.head, func(e *entity) bool { return e.person && e.surname == m.surname })
			if e == nil { // "Wang" for Wang Yi: family names come first in some languages
				e = ac.find(s, m.head, func(e *entity) bool { return e.person && len(m.surname) > 2 && hasWord(e.names, m.surname) })
			}
			if e != nil {
				m.bind(e)
				ac.touch(e, s, m)
			}
		case description:
			ac.resolveDescription(s, m)
		}
	}
	// A name the dictionaries do not know takes the actor of its apposition ("Asad Umar, a
	// senior leader of Khan's party"); then it is remembered like any named actor.
	for _, m := range s.mentions {
		if m.actor.Country != "" || m.kind != named && m.kind != surname {
			continue
		}
		for _, k := range s.kids[m.head] {
			o := s.mentionOf(k)
			if o == nil && s.toks[k].Rel == "appos" { // "Vadim Krasikov, a Russian serving ..."
				o = ac.modifierMention(s, k)
			}
			if o != nil && o != m && s.toks[k].Rel == "appos" && o.actor.Country != "" {
				name := m.actor.Name
				m.actor = o.actor
				if name == "" { // the name itself, so that a later surname finds this person
					name = s.span(m.start, m.end)
				}
				m.actor.Name = name
				m.person = m.person || o.person || !o.org && !o.plural && o.actor.Agent != "" && o.actor.Agent != dyad.AgentIGO
				if m.surname == "" {
					m.surname = s.norm[m.end-1]
				}
				ac.remember(s, m)
				break
			}
		}
	}
	// "migrants, most of them Peruvians": the group is of the nationality its members are said to be.
	for _, m := range s.mentions {
		if m.kind == description && m.plural {
			if p := ac.partitiveNationals(s, m); p != nil {
				m.actor.Country, m.actor.Code = p.actor.Country, p.actor.Country+m.actor.Agent
				for _, o := range s.mentions { // "Kurds" in "most of them Iraqi Kurds, who ...": the group
					if o.kind != pronoun && o.start >= p.start && o.start <= p.end && o.actor.Country == "" {
						o.actor, o.entity, o.plural = m.actor, m.entity, true
					}
				}
			}
		}
	}
	// "his supporters", "supporters of the opposition leader": the opposition, not the public.
	for _, m := range s.mentions {
		if m.kind != pronoun && m.actor.Agent == dyad.AgentCVL && followerNouns[s.lemma[m.head]] && ac.ownerAgent(s, m) == dyad.AgentOPP {
			m.actor.Agent, m.actor.Code = dyad.AgentOPP, m.actor.Country+dyad.AgentOPP
		}
	}
	// Pronouns last, so that "Raisi said he ..." sees Raisi as the latest person.
	for _, m := range s.mentions {
		if m.kind == pronoun {
			ac.resolvePronoun(s, m)
		}
	}
}

func (m *mention) bind(e *entity) {
	m.entity = e
	m.actor = e.actor
	m.person = e.person
	m.org = e.org
	m.entry = e.entry
	if m.title == "" {
		m.title = e.title
	}
}

// remember records a named mention as an entity (or refreshes the entity it repeats).
func (ac *articleCoder) remember(s *sentence, m *mention) {
	if m.actor.Country == "" && m.actor.Agent == "" {
		return
	}
	for _, e := range ac.entities {
		if e.actor.Name == m.actor.Name && e.actor.Code == m.actor.Code {
			m.entity = e
			ac.touch(e, s, m)
			return
		}
	}
	e := &entity{actor: m.actor, person: m.person, org: m.org, plural: m.plural, title: m.title, surname: m.surname,
		names: m.names, entry: m.entry}
	m.entity = e
	ac.entities = append(ac.entities, e)
	ac.touch(e, s, m)
}

func (ac *articleCoder) touch(e *entity, s *sentence, m *mention) {
	if len(e.toks) > 0 && e.sent != s.index {
		e.prev.ok, e.prev.sent, e.prev.tok, e.prev.subj = true, e.sent, e.tok, e.subj
		e.toks = e.toks[:0]
	}
	e.sent, e.tok = s.index, m.head
	e.toks = append(e.toks, m.head)
	e.subj = strings.HasPrefix(s.toks[m.head].Rel, "nsubj")
}

// find returns the most recently mentioned entity before token tok of s that satisfies ok,
// looking back at most a few sentences.
func (ac *articleCoder) find(s *sentence, tok int, ok func(*entity) bool) *entity {
	return ac.findBy(s, tok, ok, false)
}

// lookBack is how many sentences back a pronoun or description may find its antecedent.
const lookBack = 8

// findBy is find; with salient, a subject of the latest sentence with candidates beats a later
// non-subject of that sentence ("Grossi met Raisi. He said ..." -> Grossi).
func (ac *articleCoder) findBy(s *sentence, tok int, ok func(*entity) bool, salient bool) *entity {
	var best *entity
	var bs, bt int
	var bsubj bool
	for _, e := range ac.entities {
		es, et, esubj, seen := e.before(s.index, tok)
		if !seen || !ok(e) || s.index-es > lookBack {
			continue
		}
		better := false
		switch {
		case best == nil || es > bs:
			better = true
		case es < bs:
		case salient && esubj != bsubj:
			better = esubj
		case et > bt:
			better = true
		}
		if better {
			best, bs, bt, bsubj = e, es, et, esubj
		}
	}
	return best
}

// resolvePronoun binds he/she to the latest person, it to the latest country or organisation,
// they to the latest plural actor, and who/which to the noun its relative clause modifies.
func (ac *articleCoder) resolvePronoun(s *sentence, m *mention) {
	var e *entity
	not := s.clauseSubject(m) // an object pronoun is not its own clause's subject
	switch s.lemma[m.head] {
	case "who", "which":
		v := s.toks[m.head].Head
		if v >= 0 && s.toks[v].Rel == "acl:relcl" {
			if h := s.mentionOf(s.toks[v].Head); h != nil && h.kind != pronoun {
				m.actor, m.entity, m.person, m.title, m.group = h.actor, h.entity, h.person, h.title, h.group
				return
			}
		}
		// ", which filed the case": the name right before the comma, whatever the parse made of
		// the clause
		if k := m.head - 1; k > 0 && s.toks[k].Text == "," {
			if h := s.mentionOf(k - 1); h != nil && h.end == k && h.kind == named && h.actor.Country != "" {
				m.actor, m.entity, m.person, m.title, m.group = h.actor, h.entity, h.person, h.title, h.group
			}
		}
		return
	case "i", "me", "we", "us":
		if sp := s.quoteSpeaker(m.head); sp != nil { // "We will respond," the minister said.
			m.actor, m.entity, m.person, m.title = sp.actor, sp.entity, sp.person, sp.title
			if s.lemma[m.head] == "we" || s.lemma[m.head] == "us" { // we: the speaker's side
				m.actor = dyad.Actor{Name: sp.actor.Country, Country: sp.actor.Country, Code: sp.actor.Country}
				if sp.actor.Country == dyad.CountryIGO {
					m.actor = sp.actor
				}
			}
			return
		}
		if s.lemma[m.head] == "i" || s.lemma[m.head] == "me" {
			return
		}
		e = ac.findBy(s, m.head, func(e *entity) bool { return e.plural || (!e.person && e.actor.Agent != "") }, true)
	case "he", "she", "him", "her", "old": // "the 79-year-old"
		e = ac.findBy(s, m.head, func(e *entity) bool { return e.person && e != not }, true)
	case "it":
		if r := s.reporter(m); r != nil && !r.person && !r.plural && r.actor.Country != "" {
			m.actor, m.entity, m.group = r.actor, r.entity, r.group // "Santiago said it would ...": Santiago
			return
		}
		e = ac.findBy(s, m.head, func(e *entity) bool { return !e.person && !e.plural && e != not }, true)
	case "they", "them":
		if s.norm[m.head] == "them" {
			if k := s.thingBefore(m.head); k >= 0 { // "identified 52 Iranian sites and would hit them"
				if c := s.countryModifier(k); c >= 0 {
					if mm := ac.modifierMention(s, c); mm != nil {
						m.actor = mm.actor
					}
				}
				return
			}
		}
		if g := s.pairBefore(m); g != nil { // "A met B in Doha, where they agreed ...": A and B
			m.group, m.actor, m.entity = g, g[0].actor, g[0].entity
			return
		}
		e = ac.findBy(s, m.head, func(e *entity) bool {
			return (e.plural || (!e.person && e.actor.Agent != "")) && e != not
		}, true)
		if e == nil || !e.plural {
			// "thousands of supporters tried to storm the embassy before police dispersed them":
			// a group named earlier in the sentence beats a singular body named since
			if g := s.pluralBefore(m); g != nil {
				m.actor, m.entity, m.group = g.actor, g.entity, g.group
				return
			}
		}
	}
	if e != nil {
		m.bind(e)
	}
}

// thingBefore returns the plural noun that object pronoun i most likely stands for when it is a
// thing, not an actor: the nearest plural noun object before it in the same sentence that is no
// actor mention, is not owned by a pronoun and is not an argument of the pronoun's own verb; -1
// when the nearest plural before i is an actor.
func (s *sentence) thingBefore(i int) int {
	for k := i - 1; k >= 0; k-- {
		if s.toks[k].XPOS != "NNS" || s.toks[k].UPOS != "NOUN" {
			continue
		}
		if s.mentionOf(k) != nil {
			return -1
		}
		if s.toks[k].Head == s.toks[i].Head {
			continue // "hurled stones at them": a co-argument of the pronoun's own verb would be "themselves"
		}
		if s.toks[k].Rel == "obj" {
			return k
		}
	}
	return -1
}

// countryModifier returns the first amod or compound of noun k, or -1.
func (s *sentence) countryModifier(k int) int {
	for _, c := range s.kids[k] {
		if r := s.toks[c].Rel; r == "amod" || r == "compound" {
			return c
		}
	}
	return -1
}

// reporter returns the named subject of the reporting verb whose complement clause pronoun m is
// the subject of ("Santiago said it would drop the complaint"), or nil.
func (s *sentence) reporter(m *mention) *mention {
	v := s.toks[m.head].Head
	if v < 0 || !relIs(s.toks[m.head].Rel, "nsubj") {
		return nil
	}
	h := s.reportedBy(v)
	if h < 0 {
		return nil
	}
	if k := s.child(h, "nsubj"); k >= 0 {
		if o := s.mentionOf(k); o != nil && o.kind == named && o.head < m.head {
			return o
		}
		return nil
	}
	// The parse found no subject ("and Santiago in turn said it would ..." with "Santiago" hung
	// elsewhere): the nearest name before the verb since the "and" that opens its clause.
	for i := h - 1; i >= 0 && s.toks[i].UPOS != "CCONJ" && s.toks[i].UPOS != "VERB"; i-- {
		if o := s.mentionOf(i); o != nil && o.head == i && o.kind == named && s.caseOf(i) == "" {
			return o
		}
	}
	return nil
}

// pairBefore returns the two people of different countries that the sentence names before
// plural pronoun m when it names no group or country before it, for "they" = both ("X met Y,
// where they agreed ..."); else nil.
func (s *sentence) pairBefore(m *mention) []*mention {
	var people []*mention
	for _, o := range s.mentions {
		if o.start >= m.start || o.kind == pronoun || o.actor.Country == "" {
			continue
		}
		if c := s.caseOf(o.head); !o.person && (c == "in" || c == "at" || c == "to" || c == "from") {
			continue // a place ("in Quito")
		}
		if !o.person || o.plural {
			if o.actor.Agent != "" || o.plural { // a group or a sector could be "they"
				return nil
			}
			continue // a country named as a thing
		}
		people = append(people, o)
	}
	if len(people) != 2 || people[0].actor.Country == people[1].actor.Country {
		return nil
	}
	return people
}

// peopleAgents are the sectors made of people at large: a restriction that names them ("for
// female students") targets them.
var peopleAgents = map[string]bool{dyad.AgentCVL: true, dyad.AgentOPP: true, dyad.AgentREF: true,
	"LAB": true, "EDU": true}

// clauseSubject returns the entity of the subject of the verb that pronoun m is an object of,
// or nil: a plain object pronoun does not refer to its own clause's subject ("Boric phoned Lula
// and invited him": Lula; "Boric invited himself" would say so).
func (s *sentence) clauseSubject(m *mention) *entity {
	r := s.toks[m.head].Rel
	v := s.toks[m.head].Head
	if v < 0 || r != "obj" && r != "iobj" || s.toks[v].UPOS != "VERB" {
		return nil
	}
	if sm := s.mentionOf(s.subjectOf(v, 0)); sm != nil && sm != m {
		return sm.entity
	}
	return nil
}

// headVerbs say who leads a body.
var headVerbs = map[string]bool{"head": true, "lead": true, "run": true, "command": true, "chair": true}

// headedBody returns the named body that description m heads by its relative clause ("the general
// who heads the military government", "the man who leads the rebels"), or nil.
func (s *sentence) headedBody(m *mention) *mention {
	for _, v := range s.kids[m.head] {
		if s.toks[v].Rel != "acl:relcl" || !headVerbs[s.lemma[v]] {
			continue
		}
		for _, o := range s.mentionsAt(s.child(v, "obj")) {
			if o.actor.Country != "" {
				return o
			}
		}
	}
	return nil
}

// latestPair returns the two sides of the article's latest event coded both ways (talks, a
// truce, an accord) within lookBack sentences of s, for "both sides".
func (ac *articleCoder) latestPair(s *sentence) (dyad.Actor, dyad.Actor, bool) {
	for i := len(ac.events) - 1; i >= 0 && s.index-ac.events[i].Sentence <= lookBack; i-- {
		e := &ac.events[i]
		for j := i - 1; j >= 0 && ac.events[j].Sentence == e.Sentence; j-- {
			f := &ac.events[j]
			if f.CAMEO == e.CAMEO && f.Source.Code == e.Target.Code && f.Target.Code == e.Source.Code {
				return f.Source, f.Target, true
			}
		}
	}
	return dyad.Actor{}, dyad.Actor{}, false
}

// governed returns a, a country named bare, as its government when description m names
// governments ("Hungary and Sweden ... the two governments").
func governed(a dyad.Actor, m *mention) dyad.Actor {
	if m.actor.Agent == dyad.AgentGOV && a.Agent == "" && a.Country != "" && a.Country != dyad.CountryIGO &&
		a.Code == a.Country && m.actor.Name == "government" {
		a.Agent, a.Code = dyad.AgentGOV, a.Country+dyad.AgentGOV
	}
	return a
}

// resolveDescription binds "the minister", "the president", "the two leaders", "the group" to
// earlier entities; failing that, an agent without a country takes the article's main country.
func (ac *articleCoder) resolveDescription(s *sentence, m *mention) {
	if o := s.headedBody(m); o != nil { // "the general who heads Bolivia's military government"
		if m.actor.Agent == "" { // a general stays military; "the man who leads the rebels" is a rebel
			m.actor.Agent = o.actor.Agent
		}
		m.actor.Country, m.actor.Code = o.actor.Country, o.actor.Country+m.actor.Agent
		m.kind = named
		return
	}
	if c := s.conjunctOwner(m); c != "" { // "Congolese troops and their militia allies"
		m.actor.Country, m.actor.Code = c, c+m.actor.Agent
		m.kind = named
		return
	}
	if m.org { // "the group": the latest organisation
		if e := ac.find(s, m.head, func(e *entity) bool { return e.org && e.actor.Country != "" }); e != nil {
			m.bind(e)
			m.kind = named
		}
		return
	}
	indef, counted := s.indefinite(m)
	if indef || counted { // "several ministers of the ousted government": that government's
		for _, k := range s.kids[m.head] {
			if o := s.mentionOf(k); o != nil && o != m && relIs(s.toks[k].Rel, "nmod") && s.caseOf(k) == "of" {
				if o.kind == description && o.actor.Country == "" {
					ac.resolveDescription(s, o)
				}
				if o.actor.Country != "" && o.actor.Country != dyad.CountryIGO {
					m.actor.Country, m.actor.Code = o.actor.Country, o.actor.Country+m.actor.Agent
					m.kind = named
					return
				}
			}
		}
	}
	if !indef && (m.count >= 2 || (m.plural && m.title != "")) {
		n := max(m.count, 2)
		var group []*mention
		seen := map[*entity]bool{}
		countries := isCountryWord(m.actor.Name)
		either := m.actor.Name == "side" || m.actor.Name == "party" || m.actor.Name == "foe" ||
			m.actor.Name == "rival" || m.actor.Name == "enemy" || m.actor.Name == "belligerent" || m.actor.Name == "adversary"
		if either && n == 2 {
			if a, b, ok := ac.latestPair(s); ok { // "agreed to a truce ... Blinken commended both sides"
				ga := &mention{start: m.start, end: m.end, head: m.head, kind: named, actor: governed(a, m)}
				gb := &mention{start: m.start, end: m.end, head: m.head, kind: named, actor: governed(b, m)}
				m.group, m.kind = []*mention{ga, gb}, named
				return
			}
		}
		for len(group) < n {
			e := ac.find(s, m.head, func(e *entity) bool {
				if seen[e] || e.actor.Country == "" {
					return false
				}
				for _, g := range group {
					if g.actor.Code == e.actor.Code || countries && g.actor.Country == e.actor.Country {
						return false
					}
				}
				if (either || countries) && s.speakerCountry(m) == e.actor.Country {
					return false // "Vieira congratulated the two neighbours": Brazil is not one of them
				}
				switch {
				case either && e.sent == s.index: // "Brazil urged all sides": not a side itself
					return false
				case either: // "both sides": states or armed groups, not the press or the public
					a := e.actor.Agent
					return a == "" || a == dyad.AgentGOV || a == dyad.AgentMIL || a == dyad.AgentREB || a == dyad.AgentOPP
				case countries: // "Chilean and Argentine warships ... the two countries"
					a := e.actor.Agent
					return !e.person && (a == "" || a == dyad.AgentGOV || a == dyad.AgentMIL) && e.actor.Country != dyad.CountryIGO
				}
				return e.person
			})
			if e == nil {
				break
			}
			seen[e] = true
			g := &mention{start: m.start, end: m.end, head: m.head, kind: named}
			g.bind(e)
			g.actor = governed(g.actor, m)
			if countries && e.actor.Agent != "" && e.actor.Agent != dyad.AgentGOV { // the country, not its army
				g.actor = dyad.Actor{Name: e.actor.Country, Country: e.actor.Country, Code: e.actor.Country}
			}
			group = append(group, g)
		}
		if len(group) == n {
			m.group = group
			m.kind = named
			return
		}
		if m.count >= 2 {
			return // "the two countries" are not whichever one country comes to hand
		}
	}
	if o := s.possessorMention(m); o != nil && !o.person { // "the United Nations' highest court"
		m.actor.Country = o.actor.Country
		m.actor.Code = o.actor.Code + m.actor.Agent
		return
	}
	if k := s.child(m.head, "nmod:poss"); k >= 0 && s.toks[k].UPOS == "PRON" && spokesNouns[s.lemma[m.head]] {
		// "Guterres thanked Peru, his spokesman said": the spokesman speaks for Guterres, an
		// international official as much as a head of state
		if e := ac.findBy(s, k, func(e *entity) bool { return e.person && e.actor.Country != "" }, true); e != nil {
			m.bind(e)
			return
		}
	}
	if c := ac.possessorCountry(s, m); c != "" { // "Spain recalled its ambassador", "through its embassy in Beijing"
		m.actor.Country = c
		m.actor.Code = c + m.actor.Agent
		return
	}
	if c := s.opposedGovernment(m); c != "" { // "Opposition leader X called it a failure of the government's policy"
		m.actor.Country = c
		m.actor.Code = c + m.actor.Agent
		return
	}
	// "the Supreme Court", "a military court": a state's own court, not the international one
	// the story named before ("the court" may be either)
	domestic := m.actor.Agent == dyad.AgentJUD && m.actor.Name != "court" && strings.HasSuffix(m.actor.Name, "court")
	if e := ac.find(s, m.head, func(e *entity) bool {
		if e.actor.Country == "" || domestic && e.actor.Country == dyad.CountryIGO {
			return false
		}
		if m.title != "" {
			return !indef && e.person && (strings.Contains(e.title, m.title) || strings.Contains(m.title, e.title) && e.title != "")
		}
		return e.actor.Agent == m.actor.Agent
	}); e != nil {
		m.bind(e)
		return
	}
	if c := ac.sentencePlace(s); c != "" { // "police in Havana"
		m.actor.Country = c
		m.actor.Code = c + m.actor.Agent
		return
	}
	if c := sentenceCountry(s, m); c != "" && m.title == "" && !m.person { // "Pakistan's army dispersed the protesters"
		m.actor.Country = c
		m.actor.Code = c + m.actor.Agent
		return
	}
	if c := ac.mainCountry(); c != "" {
		m.actor.Country = c
		m.actor.Code = c + m.actor.Agent
	}
}

// indefiniteWords before a plural noun introduce new actors: "several ministers" are not the
// ministers named before.
var indefiniteWords = map[string]bool{"several": true, "some": true, "many": true, "few": true,
	"various": true, "numerous": true, "dozens": true, "hundreds": true, "thousands": true}

// indefinite reports whether description m is a plural introduced by an indefinite quantifier
// ("several ministers", "some officials"), which names new people rather than referring back,
// and counted, whether it is a number with no determiner ("300 supporters of X"), whose
// of-phrase says whose they are.
func (s *sentence) indefinite(m *mention) (indef, counted bool) {
	if !m.plural {
		return false, false
	}
	for _, k := range s.kids[m.head] {
		switch r := s.toks[k].Rel; {
		case (r == "det" || r == "amod") && indefiniteWords[s.lemma[k]]:
			return true, false
		case r == "det" || r == "nmod:poss" || r == "det:poss":
			return false, false // "the two ministers", "its ministers", "both sides"
		case r == "nummod":
			counted = true
		}
	}
	return false, counted
}

// possessorMention returns the named actor that owns description m ("Chile's army", "the United
// Nations' court"), or nil.
func (s *sentence) possessorMention(m *mention) *mention {
	k := m.start - 1
	for k > 0 && s.toks[k].UPOS == "ADJ" { // "Chile's top court"
		k--
	}
	if k < 1 || s.lemma[k] != "'s" {
		return nil
	}
	for _, o := range s.mentions {
		if o.start != m.start && o.kind == named && o.end == k && o.actor.Country != "" {
			return o
		}
	}
	return nil
}

// sentenceCountry returns the one country of the named actors that are arguments of the same verb
// as m (who acts on it, or what it acts on), or "" when they name none or several.
func sentenceCountry(s *sentence, m *mention) string {
	v := s.clauseVerb(m.head)
	if v < 0 {
		return ""
	}
	c := ""
	subj := relIs(s.toks[m.head].Rel, "nsubj")
	for _, o := range s.mentions {
		if o == m || o.kind != named || o.actor.Country == "" || o.actor.Country == dyad.CountryIGO || s.clauseVerb(o.head) != v {
			continue
		}
		if subj && o.actor.Agent == "" && !relIs(s.toks[o.head].Rel, "nsubj") {
			continue // "the junta accused France": what a state is accused of says nothing of who accuses
		}
		if c != "" && o.actor.Country != c {
			return ""
		}
		c = o.actor.Country
	}
	return c
}

func isCountryWord(w string) bool {
	switch w {
	case "country", "countries", "nation", "nations", "state", "states", "government", "governments",
		"neighbour", "neighbours", "neighbor", "neighbors":
		return true
	}
	return false
}

// mainCountry is the country the article mentions most, for agents it gives no country
// ("police", "protesters").
func (ac *articleCoder) mainCountry() string {
	best, n := "", 0
	for c, k := range ac.countryN {
		if k > n || (k == n && c < best) {
			best, n = c, k
		}
	}
	return best
}

// sentencePlace returns the country of the first place the sentence says something happened in
// ("in Havana"), or "".
func (ac *articleCoder) sentencePlace(s *sentence) string {
	for i := range s.toks {
		if s.toks[i].UPOS != "PROPN" {
			continue
		}
		c := s.caseOf(i)
		// "in Havana"; "flew to Niamey": where a traveller is, for the meetings that follow
		if !placePreps[c] && !(c == "to" && s.toks[i].Head >= 0 && travelVerbs[s.lemma[s.toks[i].Head]]) {
			continue
		}
		if p := ac.placeAt(s, i); p != nil {
			return p.Country
		}
	}
	return ""
}

// travelVerbs take their traveller to the place of their "to" phrase.
var travelVerbs = map[string]bool{"fly": true, "travel": true, "arrive": true, "go": true, "come": true,
	"head": true, "return": true, "journey": true}

func hasWord(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

// reportVerbs introduce quoted speech.
var reportVerbs = map[string]bool{"say": true, "tell": true, "warn": true, "add": true, "state": true,
	"declare": true, "write": true, "insist": true, "vow": true, "tweet": true, "announce": true}

// quoteSpeaker returns who speaks the quotation that token i stands in: the subject of the
// reporting verb outside the quotation marks, or nil.
func (s *sentence) quoteSpeaker(i int) *mention {
	if !s.inQuote(i) {
		return nil
	}
	for v := range s.toks {
		if s.toks[v].UPOS != "VERB" || !reportVerbs[s.lemma[v]] || s.inQuote(v) {
			continue
		}
		if m := s.mentionOf(s.child(v, "nsubj")); m != nil && m.kind != pronoun {
			return m
		}
	}
	return nil
}

// inQuote reports whether token i stands between quotation marks.
func (s *sentence) inQuote(i int) bool {
	n := 0
	for j := 0; j < i; j++ {
		switch s.toks[j].Text {
		case "\"", "“", "”", "``", "''":
			n++
		}
	}
	return n%2 == 1
}

// clauseVerb returns the verb whose argument token i is (through the nouns it modifies), or -1.
func (s *sentence) clauseVerb(i int) int {
	for steps := 0; i >= 0 && steps < 4; steps++ {
		h := s.toks[i].Head
		if h < 0 {
			return -1
		}
		if s.toks[h].UPOS == "VERB" {
			return h
		}
		i = h
	}
	return -1
}

// conjunctOwner returns the country of the conjunct before description m when m is owned by a
// possessive pronoun ("Congolese troops and their allies": the allies are Congo's), or "".
func (s *sentence) conjunctOwner(m *mention) string {
	j := m.head
	for i := m.start; i < m.end; i++ { // the phrase's own head: "allies" of "militia allies"
		if h := s.toks[i].Head; h < m.start || h >= m.end {
			j = i
		}
	}
	k, h := s.child(j, "nmod:poss"), s.toks[j].Head
	if k < 0 || s.toks[k].UPOS != "PRON" || s.toks[j].Rel != "conj" || h < 0 || h >= m.start {
		return ""
	}
	if o := s.mentionOf(h); o != nil && o != m && o.actor.Country != "" && o.actor.Country != dyad.CountryIGO {
		return o.actor.Country
	}
	return ""
}

// possessorCountry returns the country of whom a possessive pronoun before a description refers to
// ("its ambassador", "their supporters"), or "".
func (ac *articleCoder) possessorCountry(s *sentence, m *mention) string {
	k := s.child(m.head, "nmod:poss")
	if e := ac.possessor(s, k); e != nil {
		return e.actor.Country
	}
	if k >= 0 && s.toks[k].UPOS == "PRON" && (s.norm[k] == "our" || s.norm[k] == "my") {
		// "we are withdrawing our ambassador," the foreign minister said: the speaker's side
		if sp := s.quoteSpeaker(k); sp != nil && sp.actor.Country != dyad.CountryIGO {
			return sp.actor.Country
		}
	}
	return ""
}

// possessor returns the entity a possessive pronoun at token k refers to ("its", "his", "their"),
// or nil.
func (ac *articleCoder) possessor(s *sentence, k int) *entity {
	if k < 0 || s.toks[k].UPOS != "PRON" {
		return nil
	}
	var ok func(e *entity) bool
	switch strings.ToLower(s.toks[k].Text) {
	case "its":
		ok = func(e *entity) bool { return !e.person && !e.plural }
	case "his", "her":
		ok = func(e *entity) bool { return e.person }
	case "their":
		ok = func(e *entity) bool { return e.plural || (!e.person && e.actor.Agent != "") }
	default:
		return nil
	}
	return ac.findBy(s, k, func(e *entity) bool { return e.actor.Country != "" && e.actor.Country != dyad.CountryIGO && ok(e) }, true)
}

// speakerCountry returns the country of the subject of the verb that m is an argument of (who
// acts on the group m names: "Vieira congratulated the two neighbours"), or "".
func (s *sentence) speakerCountry(m *mention) string {
	v := s.clauseVerb(m.head)
	if v < 0 {
		return ""
	}
	if o := s.mentionOf(s.child(v, "nsubj")); o != nil && o != m && o.actor.Country != dyad.CountryIGO {
		return o.actor.Country
	}
	return ""
}

// opposedGovernment returns, for a description of a government ("the government", "the regime"),
// the country of an opposition actor named in the same sentence: an opposition opposes its own
// country's government. It returns "" otherwise, or when the sentence names oppositions of
// several countries.
func (s *sentence) opposedGovernment(m *mention) string {
	if m.actor.Agent != dyad.AgentGOV || m.title != "" || !govBodies[m.actor.Name] || s.child(m.head, "nmod:poss") >= 0 {
		return "" // "whose government", "Maduro's government": its owner says whose
	}
	c := ""
	for _, o := range s.mentions {
		if o == m || o.kind != named || o.actor.Agent != dyad.AgentOPP || o.actor.Country == "" || o.actor.Country == dyad.CountryIGO {
			continue
		}
		if c != "" && c != o.actor.Country {
			return ""
		}
		c = o.actor.Country
	}
	return c
}

// govBodies are the agent phrases that name a government as a body.
var govBodies = map[string]bool{"government": true, "administration": true, "regime": true,
	"authorities": true, "cabinet": true}

// followerNouns name people by whom they follow.
var followerNouns = map[string]bool{"supporter": true, "follower": true, "loyalist": true}

// ownerAgent returns the sector of whom the noun phrase m belongs to: a possessive pronoun's
// antecedent ("his supporters"), a possessive or compound name ("Khan's supporters", "Khan
// supporters") or an of-phrase ("supporters of Khan"); "" when none is named.
func (ac *articleCoder) ownerAgent(s *sentence, m *mention) string {
	for _, k := range s.kids[m.head] {
		r := s.toks[k].Rel
		switch {
		case r == "nmod:poss" && s.toks[k].UPOS == "PRON":
			if e := ac.possessor(s, k); e != nil {
				return e.actor.Agent
			}
		case r == "nmod:poss" || r == "compound" || relIs(r, "nmod") && s.caseOf(k) == "of":
			if o := s.mentionOf(k); o != nil && o != m && o.actor.Country != "" {
				return o.actor.Agent
			}
		}
	}
	return ""
}

// partitiveWords say how many of a group a following phrase describes ("most of them Iraqis").
var partitiveWords = map[string]bool{"most": true, "many": true, "all": true, "some": true, "half": true,
	"mostly": true, "majority": true}

// partitiveNationals returns the country word or name that a partitive apposition right after
// group mention m says the group's members are ("migrants, most of them Iraqi Kurds", "the
// protesters, many of them Peruvians"), as a mention, or nil.
func (ac *articleCoder) partitiveNationals(s *sentence, m *mention) *mention {
	i := m.end
	if i+4 >= len(s.toks) || s.toks[i].Text != "," {
		return nil
	}
	i++
	if s.lemma[i] == "the" { // "the majority of them"
		i++
	}
	if i+3 >= len(s.toks) || !partitiveWords[s.lemma[i]] || s.lemma[i+1] != "of" || s.norm[i+2] != "them" && s.norm[i+2] != "whom" {
		return nil
	}
	if p := ac.modifierMention(s, i+3); p != nil && p.actor.Agent == "" && p.actor.Country != "" && p.actor.Country != dyad.CountryIGO {
		return p
	}
	return nil
}

// pluralBefore returns the latest plural actor mentioned before pronoun m in its sentence that
// is not the subject of m's own clause, or nil.
func (s *sentence) pluralBefore(m *mention) *mention {
	var subj *mention // the subject, and whom it refers to, is not an object pronoun of its verb
	if v := s.toks[m.head].Head; v >= 0 && s.toks[v].UPOS == "VERB" {
		subj = s.mentionOf(s.subjectOf(v, 0))
	}
	var best *mention
	for _, o := range s.mentions {
		if o.plural && o.kind != pronoun && o.end <= m.start && o.actor.Country != "" &&
			(subj == nil || o != subj && o.actor.Code != subj.actor.Code) && (best == nil || o.start > best.start) {
			best = o
		}
	}
	return best
}
