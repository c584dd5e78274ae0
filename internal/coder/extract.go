package coder

import (
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/dict"
)

// preps are the words that, in a pattern, introduce a prepositional phrase.
var preps = map[string]bool{"about": true, "against": true, "at": true, "between": true, "by": true,
	"for": true, "from": true, "in": true, "into": true, "of": true, "on": true, "onto": true, "over": true,
	"to": true, "toward": true, "towards": true, "upon": true, "with": true, "within": true, "across": true,
	"among": true, "near": true, "under": true, "through": true, "after": true, "around": true,
	"along": true, "inside": true, "outside": true, "behind": true, "beyond": true, "via": true}

// lightVerbs carry an event noun as their object: "held talks", "launched an attack", "imposed
// sanctions". Their subject is the source of the noun's event.
var lightVerbs = map[string]bool{"hold": true, "have": true, "launch": true, "carry": true, "conduct": true,
	"stage": true, "make": true, "mount": true, "impose": true, "begin": true, "start": true,
	"continue": true, "give": true, "provide": true, "deliver": true, "send": true, "issue": true,
	"level": true, "lodge": true, "file": true, "pay": true, "sign": true, "reach": true, "conclude": true,
	"extend": true, "offer": true, "host": true, "resume": true, "step": true, "intensify": true,
	"escalate": true, "unleash": true, "announce": true, "order": true, "enforce": true, "maintain": true,
	"keep": true, "receive": true, "express": true, "voice": true, "pledge": true}

// match is a pattern that fits a trigger in the parse.
type match struct {
	p      *dict.Pattern
	target int // token of the target, or -1
	anchor int // token the pattern's last noun matched (the event noun for light verbs)
}

// matchPattern checks pattern p against trigger token v (a verb, or an event noun when noun is
// true). It returns the target token (or -1 when the pattern has no target slot).
func (s *sentence) matchPattern(v int, p *dict.Pattern) (match, bool) {
	m := match{p: p, target: -1, anchor: v}
	for _, mod := range p.HeadMods { // "phone_call": "phone" must modify "call"
		if !s.hasChildLemma(v, "compound", mod) && !s.hasChildLemma(v, "amod", mod) {
			return m, false
		}
	}
	w := p.Words
	anchors := []int{v}
	for i := 0; i < len(w); i++ {
		word := w[i]
		switch {
		case word == "+":
			t := -1
			if m.anchor == v && !p.Noun && s.isPassive(v) {
				t = s.child(v, "nsubj:pass")
				if h := s.toks[v].Head; t < 0 && h >= 0 && s.toks[v].Rel == "conj" && s.child(v, "nsubj") < 0 {
					// "X declared himself president and was recognised by Chile": the subject
					// the conjuncts share
					t = s.child(h, "nsubj")
				}
			} else {
				t = s.child(m.anchor, "obj", "iobj")
			}
			if t < 0 {
				return m, false
			}
			m.target = t
		case preps[word] && i+1 < len(w) && w[i+1] == "+":
			t := -1
			for j := len(anchors) - 1; j >= 0 && t < 0; j-- { // the latest word first, then the earlier ones
				t = s.prepChild(anchors[j], word)
			}
			if t < 0 {
				return m, false
			}
			m.target = t
			i++
		case preps[word] && i+1 < len(w):
			k := s.prepChildLemma(v, word, w[i+1])
			if k < 0 && m.anchor != v {
				k = s.prepChildLemma(m.anchor, word, w[i+1])
			}
			if k < 0 {
				return m, false
			}
			m.anchor = k // "call for [release] of +": the next preposition hangs on this word
			anchors = append(anchors, k)
			i++
		default:
			k := s.depWithLemma(m.anchor, word, !p.Noun && m.anchor == v && s.isPassive(v))
			if k < 0 && m.anchor != v {
				k = s.depWithLemma(v, word, false)
			}
			if k < 0 {
				return m, false
			}
			if s.toks[k].Rel != "compound:prt" {
				m.anchor = k
				anchors = append(anchors, k)
			}
		}
	}
	return m, true
}

// prepChild returns the child of a introduced by preposition p ("sanctions on Iran" -> Iran).
func (s *sentence) prepChild(a int, p string) int {
	for _, k := range s.kids[a] {
		r := s.toks[k].Rel
		if (relIs(r, "obl") || relIs(r, "nmod") || r == "obj" || r == "advcl") && s.caseOf(k) == p && !isTimeWord(s.lemma[k]) {
			return k
		}
	}
	return -1
}

// prepChildLemma returns the child of a that is word w introduced by preposition p ("by phone").
func (s *sentence) prepChildLemma(a int, p, w string) int {
	for _, k := range s.kids[a] {
		if s.caseOf(k) == p && lemmaIs(s, k, w) {
			return k
		}
	}
	return -1
}

// depWithLemma finds the dependent of a that a pattern word names: an object noun, a particle,
// or (in the passive) the subject that was the object.
func (s *sentence) depWithLemma(a int, w string, passive bool) int {
	for _, k := range s.kids[a] {
		r := s.toks[k].Rel
		ok := r == "obj" || r == "compound:prt" || r == "xcomp" || r == "advmod" || r == "compound" ||
			relIs(r, "obl") || (passive && r == "nsubj:pass")
		if ok && lemmaIs(s, k, w) {
			return k
		}
	}
	return -1
}

// lemmaIs reports whether token k is the pattern word w ("phone_call" is "call" modified by "phone").
func lemmaIs(s *sentence, k int, w string) bool {
	if i := strings.LastIndexByte(w, '_'); i >= 0 {
		for rest, more := w[:i], true; more; { // the modifiers before the head, "_"-joined
			var mod string
			mod, rest, more = strings.Cut(rest, "_")
			if !s.hasChildLemma(k, "compound", mod) && !s.hasChildLemma(k, "amod", mod) {
				return false
			}
		}
		w = w[i+1:]
	}
	return s.lemma[k] == w || s.norm[k] == w
}

// bestMatch returns the most specific pattern of the list that fits trigger v. When the most
// specific one has no target, the target of the best pattern that has one is used if it names an
// actor ("clashed with police": 145 from "clash with police", the target from "clash with +").
func (s *sentence) bestMatch(v int, pats []dict.Pattern) (match, bool) {
	var best, withTarget match
	found, foundT := false, false
	for i := range pats {
		if !s.hasWords(&pats[i]) {
			continue
		}
		m, ok := s.matchPattern(v, &pats[i])
		if !ok {
			continue
		}
		if !found || moreSpecific(m.p, best.p) || (!moreSpecific(best.p, m.p) && best.target < 0 && m.target >= 0) {
			best, found = m, true
		}
		if m.target >= 0 && (!foundT || moreSpecific(m.p, withTarget.p)) {
			withTarget, foundT = m, true
		}
	}
	if found && best.target < 0 && foundT && len(s.mentionsAt(withTarget.target)) > 0 {
		best.target = withTarget.target
	}
	if found && best.target < 0 && s.foreignObject(v, best.p) {
		return match{}, false
	}
	return best, found
}

// foreignObject reports whether p is an intransitive-only pattern (flag intrans: "sign") and v
// has an object that is no actor: "signed an order" is no accord.
func (s *sentence) foreignObject(v int, p *dict.Pattern) bool {
	if !p.Intrans || p.Noun {
		return false
	}
	o := s.child(v, "obj")
	return o >= 0 && s.toks[o].UPOS == "NOUN" && len(s.mentionsAt(o)) == 0
}

// specificity ranks a pattern: its words (a '_'-joined word counting each part), then its literal
// words (all but the target slot): "send humanitarian_aid to +" beats "send aid to +".
func specificity(p *dict.Pattern) (int, int) {
	n, lit := len(p.Words)+len(p.HeadMods), len(p.HeadMods)
	for _, w := range p.Words {
		n += strings.Count(w, "_")
		if w != "+" {
			lit++
		}
	}
	return n, lit
}

func moreSpecific(a, b *dict.Pattern) bool {
	as, al := specificity(a)
	bs, bl := specificity(b)
	return as > bs || (as == bs && al > bl)
}

// extract codes the events of one sentence.
func (ac *articleCoder) extract(s *sentence) {
	if strings.HasSuffix(strings.TrimRight(s.text(), " \"'”’)"), "?") {
		return // a question asserts nothing
	}
	for v := range s.toks {
		switch s.toks[v].UPOS {
		case "VERB", "ADJ":
			ac.verbEvent(s, v)
		case "NOUN":
			ac.nominal(s, v)
		}
	}
}

// receiveVerbs take as object an event that someone else does to the subject: "drew a rebuke from
// X", "faced criticism from X", "won praise from X".
var receiveVerbs = map[string]bool{"draw": true, "receive": true, "face": true, "attract": true,
	"earn": true, "win": true, "garner": true, "get": true, "spark": true, "provoke": true,
	"prompt": true, "trigger": true, "meet": true, "incur": true}

// receivedEvent codes "A drew a rebuke from B" as B's event on A (111 B A): the event noun's own
// code, its source the "from" phrase, its target the subject (or, for an act such as "the
// remark", whoever made it). It reports whether it coded anything.
func (ac *articleCoder) receivedEvent(s *sentence, v int) bool {
	o := s.child(v, "obj")
	if o < 0 && s.lemma[v] == "meet" { // "met with criticism from X"
		o = s.prepChild(v, "with")
	}
	if o < 0 {
		return false
	}
	pats := ac.c.dict.NounPatterns(s.lemma[o])
	if len(pats) == 0 {
		return false
	}
	from := s.prepChild(o, "from")
	if from < 0 {
		from = s.prepChild(v, "from")
	}
	if from < 0 {
		return false
	}
	src := s.mentionsAt(from)
	if len(src) == 0 {
		return false
	}
	code := ""
	for i := range pats { // the noun's own code: the pattern without words after the head
		if len(pats[i].Words) == 0 {
			code = pats[i].Code
			break
		}
	}
	if code == "" || !reactive(code) && code[:2] != "05" && code[:2] != "13" && code[:2] != "16" {
		return false
	}
	subj := s.subjectOf(v, 0)
	if subj < 0 {
		return false
	}
	tgt := ac.targetsOf(s, subj, code)
	if len(tgt) == 0 {
		return false
	}
	before := len(s.events)
	ac.code(s, o, code, src, tgt, false)
	return len(s.events) > before
}

// verbMatch matches the verb patterns of v, or, for a light verb, the noun patterns of its object
// ("held a phone call with", "launched strikes on").
func (ac *articleCoder) verbMatch(s *sentence, v int) (match, bool) {
	if s.vm == nil {
		s.vm = make([]verbMatchMemo, len(s.toks))
	}
	if mm := &s.vm[v]; mm.done {
		return mm.m, mm.ok
	}
	m, ok := ac.verbMatchOnce(s, v)
	s.vm[v] = verbMatchMemo{done: true, ok: ok, m: m}
	return m, ok
}

func (ac *articleCoder) verbMatchOnce(s *sentence, v int) (match, bool) {
	d := ac.c.dict
	if s.toks[v].UPOS == "VERB" {
		pats := d.VerbPatterns(s.lemma[v])
		if len(pats) == 0 { // only then the other base forms of the spelling
			for _, l := range verbLemmas(s.lemma[v], s.norm[v])[1:] {
				if pats = d.VerbPatterns(l); len(pats) > 0 {
					break
				}
			}
		}
		if m, ok := s.bestMatch(v, pats); ok {
			return m, true
		}
	}
	if lightVerbs[s.lemma[v]] {
		if o := s.child(v, "obj"); o >= 0 {
			if m, ok := s.bestMatch(o, d.NounPatterns(s.lemma[o])); ok {
				return m, true
			}
		}
	}
	return match{}, false
}

// verbEvent codes the event of verb v, composing it with the event it governs when v asks for,
// promises or threatens another event ("urged X to withdraw", "agreed to hold talks").
func (ac *articleCoder) verbEvent(s *sentence, v int) {
	if ac.paybackThreat(s, v) || ac.reportedWrong(s, v) { // "Chile will pay a heavy price, he warned"; "said Chile violated the truce"
		return
	}
	if s.futureAct(v) { // "We will strike back": a threat; "will send aid": an intent
		if m, ok := ac.verbMatch(s, v); ok {
			code, _ := compose("030", m.p.Code)
			tgt := ac.targetsOf(s, m.target, code)
			if len(tgt) == 0 && m.target < 0 && conflictRoot(m.p.Code) {
				tgt = ac.objectOwners(s, v, m.p.Code)
			}
			ac.code(s, v, code, s.sources(v), tgt, m.p.Recip)
		}
		return
	}
	if !s.asserted(v) || ac.protestPurpose(s, v) {
		return
	}
	if (labelVerbs[s.lemma[v]] || dismissVerbs[s.lemma[v]] && !s.dismissesCharge(v)) && ac.labelEvent(s, v) {
		return
	}
	if receiveVerbs[s.lemma[v]] && ac.receivedEvent(s, v) {
		return
	}
	if mediateVerbs[s.lemma[v]] && ac.mediatedEvent(s, v) {
		return
	}
	if reportVerbs[s.lemma[v]] && (ac.judgedClause(s, v) || ac.blamedClause(s, v)) {
		return
	}
	x := s.child(v, "xcomp")
	if a := s.child(v, "advcl"); x < 0 && a > v && intentWords[s.lemma[v]] && s.hasChildLemma(a, "mark", "to") &&
		s.child(a, "nsubj") < 0 && s.toks[a].UPOS == "VERB" {
		x = a // "undertook on Monday to release ..." with the infinitive parsed as a clause of purpose
	}
	if x < 0 && appealVerbs[s.lemma[v]] { // "called on both sides to negotiate" with the clause under "sides"
		x = s.toCompOfArg(v)
	}
	viaClause := false
	if x < 0 { // "demanded that the rebels withdraw", "warned that it would strike"
		if c := s.child(v, "ccomp"); c >= 0 && !s.negated(c) {
			x, viaClause = c, true
		}
	}
	var inner match
	innerOK := false
	if x >= 0 && !s.negated(x) && s.toks[x].UPOS == "VERB" {
		inner, innerOK = ac.verbMatch(s, x)
		if x2 := s.child(x, "xcomp"); !innerOK && aspectVerbs[s.lemma[x]] && x2 >= 0 && !s.negated(x2) && s.toks[x2].UPOS == "VERB" {
			// "agreed to continue negotiating": the act agreed to is the negotiating
			if inner, innerOK = ac.verbMatch(s, x2); innerOK {
				x = x2
			}
		}
	}
	before := len(s.events)
	m, ok := ac.verbMatch(s, v)
	defer func() {
		if len(s.events) == before && !innerOK { // the parse gave nothing: read the words in order
			prefer := "" // "called for an end to violence in Peru": the parse's code, the words' target
			if ok {
				prefer = m.p.Code
			}
			ac.linearEvent(s, v, prefer)
		}
	}()
	if o := s.child(v, "obj"); directiveVerbs[s.lemma[v]] && (!ok || m.p.Code == "010") && o >= 0 && x >= 0 && !viaClause &&
		len(s.mentionsAt(o)) > 0 && !s.ownCommand(v, o) {
		// "the court ordered Colombia to stop fishing", "told Chile to free them": a demand
		m, ok = match{p: demandPattern, target: o, anchor: v}, true
	}
	if ok && innerOK && intentWords[s.lemma[v]] {
		if _, composes := compose(m.p.Code, inner.p.Code); !composes {
			ok = false // "agreed to restore ties" is the intent, not the agreeing
		}
	}
	if !ok {
		switch {
		case innerOK && intentWords[s.lemma[v]]: // "agreed to restore ties", "ready to work with"
			code, _ := compose("030", inner.p.Code)
			tgt := ac.targetsOf(s, inner.target, code)
			// "offered to hold talks with X": the intent is the offerer's alone; "agreed to
			// hold talks" said of two is both's
			ac.code(s, v, code, s.sources(x), tgt, inner.p.Recip && len(tgt) == 0)
		case x >= 0 && !viaClause && pledgeWords[s.lemma[v]]: // "pledged to keep working together"
			var tgt []*mention
			if k := s.prepChild(x, "with"); k >= 0 {
				tgt = s.mentionsAt(k)
			}
			ac.code(s, v, "030", s.sources(v), tgt, true)
		}
		return
	}
	if s.toks[v].UPOS != "VERB" && !lightVerbs[s.lemma[v]] {
		return
	}
	code := m.p.Code
	if m.p.Passive != "" && s.isPassive(v) {
		code = m.p.Passive
	}
	if code == "019" && x >= 0 && !viaClause && !innerOK && s.toks[x].UPOS == "VERB" {
		code = "030" // "agreed to revive a defence pact": an intent to cooperate, not mere accord
	}
	if w := m.p.Words; len(w) >= 2 && w[0] == "+" && x >= 0 && s.lemma[x] == w[1] && m.target >= 0 && directiveVerbs[s.lemma[v]] {
		// "ordered the army to arrest the protest leaders" matched by "order + arrest": the army
		// arrests for the one who ordered it; whom it arrests is the target
		if o := s.child(x, "obj"); o >= 0 && s.hasChildLemma(x, "mark", "to") && len(s.mentionsAt(o)) > 0 {
			m.target = o
		}
	}
	tgt := ac.targetsOf(s, m.target, code)
	if o := ac.placeOwner(s, v, m.target, code, tgt); o != nil {
		tgt = []*mention{o}
	}
	if len(tgt) == 0 && m.target < 0 && conflictRoot(code) { // "attacked Chilean ships" with "attack ship"
		tgt = ac.objectOwners(s, v, code)
	}
	if reactive(code) && m.target >= 0 {
		// "condemned the Russian strikes on Odesa": a criticism of an act is aimed at whoever
		// acted, not at whom the act hit
		if n := s.toks[m.target].Head; n >= 0 && n != v && s.toks[n].Head == v && s.toks[n].UPOS == "NOUN" {
			if c, ok := ac.nounCode(s, n); ok && armedForce(c) {
				if a := ac.criticisedActors(s, n); len(a) > 0 {
					tgt = a
				}
			}
		}
	}
	if code[:2] == "14" { // "rallied to denounce the Chilean strikes": against Chile, even when the
		// pattern named where they marched ("marched through the capital to denounce ...")
		if pt := ac.protestTargets(s, v); len(pt) > 0 {
			tgt = pt
		}
	}
	recip := m.p.Recip
	if innerOK {
		if c, ok := compose(code, inner.p.Code); ok {
			code = c
			switch {
			case len(tgt) > 0 && inner.target >= 0 && m.target >= 0 && inner.target != m.target &&
				s.toks[m.target].Head == x && s.toks[m.target].Rel == "obj" && weaponWords[s.lemma[m.target]] != "":
				// "agreed to supply drones to Egypt": the drones are what is given, Egypt is given them
				if t := ac.targetsOf(s, inner.target, code); len(t) > 0 {
					tgt = t
				}
			case len(tgt) > 0:
			case viaClause && code[:2] != "13" && code[:2] != "03": // "demanded that X halt": X is asked
				tgt = s.mentionsAt(s.subjectOf(x, 0))
			case inner.target >= 0: // "agreed to restore ties with X", "warned it would strike X"
				tgt, recip = ac.targetsOf(s, inner.target, code), recip || inner.p.Recip
			}
		}
	}
	if len(tgt) == 0 && code[:2] == "13" && viaClause { // "warned that any Chilean attack would be met with force"
		tgt, recip = ac.threatenedIn(s, x), false
	}
	if len(tgt) == 0 && code == "015" {
		// "claimed the attack", "acknowledged the strike": responsibility toward those it hit
		if e := ac.latestEvent(recentEvents, func(e *dyad.Event) bool { return armedForce(e.CAMEO) }); e != nil {
			k := s.child(v, "obj")
			if k < 0 {
				k = s.child(v, "nsubj:pass") // "the attack was claimed by X"
			}
			m := actorAt(max(k, v), e.Target)
			m.implicit = k < 0
			tgt = []*mention{m}
		}
	}
	if len(tgt) == 0 && (reactive(code) || code == "016") {
		// "condemned the raid as illegal": the pattern named no target, but
		// the object is an act whose actor is the target
		if o := s.child(v, "obj"); o >= 0 {
			if (s.lemma[o] == "that" || s.lemma[o] == "which") && s.toks[v].Rel == "acl:relcl" && s.toks[v].Head >= 0 {
				o = s.toks[v].Head // "charges that both deny": the charges
			}
			tgt = ac.targetsOf(s, o, code)
		}
	}
	src := s.sources(v)
	if len(tgt) > 0 && len(src) > 0 && m.target >= 0 && postedNouns[s.lemma[m.target]] && ownSide(src, tgt) {
		// "recalled its ambassador from Caracas", "withdrew its envoy to Bolivia": the
		// target is the country the envoy or troops are in
		if t := ac.postedTo(s, v, m.target); len(t) > 0 {
			tgt = t
		} else if p := s.child(m.target, "nmod:poss"); p >= 0 && s.toks[p].UPOS == "PRON" && code[:2] == "16" {
			if o := ac.otherSide(s, v, src[0]); o != nil {
				tgt = []*mention{o} // "recalled its envoy for consultations": from the other side
			}
		}
	}
	if len(src) == 0 && s.isPassive(v) { // "were killed in a Chilean raid": the raid's actor
		for _, k := range s.kids[v] {
			if relIs(s.toks[k].Rel, "obl") && (s.caseOf(k) == "in" || s.caseOf(k) == "by") {
				if a := ac.eventNounActor(s, k); a != nil {
					src = []*mention{a}
					break
				}
			}
		}
	}
	if len(src) == 0 && conflictRoot(code) { // "Israeli strikes killed ...": the event noun's actor
		if k := s.child(v, "nsubj"); k >= 0 {
			if a := ac.eventNounActor(s, k); a != nil {
				src = []*mention{a}
				if nm, ok := s.bestMatch(k, ac.c.dict.NounPatterns(s.lemma[k])); ok {
					code = nm.p.Code
				}
			}
		}
	}
	if m.target >= 0 && s.eachOther(m.target) && len(src) > 1 {
		tgt, recip = nil, true // "Chile and Peru accused each other": each to the other
	}
	ac.code(s, v, code, src, tgt, recip)
}

// protestTargets returns whom a protest at v is against when a purpose clause says what it
// denounces ("marched to denounce the deal", "rallied to condemn the Chilean strikes"): the targets
// of that clause's criticism; nil otherwise.
func (ac *articleCoder) protestTargets(s *sentence, v int) []*mention {
	var clauses []int
	for _, k := range s.kids[v] {
		switch r := s.toks[k].Rel; {
		case r == "advcl" || r == "xcomp":
			clauses = append(clauses, k)
		case relIs(r, "obl"): // "rallied after Friday prayers to denounce ...", the purpose hung on the noun
			for _, j := range s.kids[k] {
				if s.toks[j].Rel == "acl" {
					clauses = append(clauses, j)
				}
			}
		}
	}
	for _, k := range clauses {
		if s.toks[k].UPOS != "VERB" || !s.hasChildLemma(k, "mark", "to") {
			continue
		}
		im, ok := ac.verbMatch(s, k)
		if !ok || !reactive(im.p.Code) {
			continue
		}
		if t := ac.targetsOf(s, im.target, im.p.Code); len(t) > 0 {
			return t
		}
		if o := s.child(k, "obj"); o >= 0 {
			return ac.targetsOf(s, o, im.p.Code)
		}
	}
	return nil
}

// mediateVerbs say that a third party brought the sides of talks or a deal together.
var mediateVerbs = map[string]bool{"mediate": true, "broker": true, "facilitate": true}

// mediatedEvent codes "talks mediated by X", "a truce brokered by X": X mediates (045) between the
// parties of the clause the talks or the deal belong to. It reports whether it coded anything.
func (ac *articleCoder) mediatedEvent(s *sentence, v int) bool {
	if s.toks[v].Rel != "acl" || s.toks[v].XPOS != "VBN" {
		return false
	}
	src := s.mentionsAt(s.child(v, "obl:agent"))
	if len(src) == 0 {
		src = s.mentionsAt(s.prepChild(v, "by"))
	}
	if len(src) == 0 {
		return false
	}
	before := len(s.events)
	ac.code(s, v, "045", src, ac.partiesOf(s, s.toks[v].Head), false)
	return len(s.events) > before
}

// partiesOf returns the parties of the talks or the deal that noun n names: the actors of the
// clause the noun belongs to ("Chile and Peru signed an accord after talks mediated by ...").
func (ac *articleCoder) partiesOf(s *sentence, n int) []*mention {
	g := n
	for steps := 0; steps < 4 && g >= 0 && s.toks[g].UPOS != "VERB"; steps++ {
		g = s.toks[g].Head
	}
	if g < 0 || s.toks[g].UPOS != "VERB" {
		return nil
	}
	out := s.sources(g)
	if m, ok := ac.verbMatch(s, g); ok && m.target >= 0 {
		out = append(out, ac.targetsOf(s, m.target, m.p.Code)...)
	}
	return out
}

// threatenedIn returns whom a threat told as a clause is aimed at: the actors of the clause's
// subject, the act the threat answers ("warned that any Chilean provocation would be met with a
// firm response": Chile), from the act's modifiers; nil when the subject names none.
func (ac *articleCoder) threatenedIn(s *sentence, c int) []*mention {
	k := s.child(c, "nsubj:pass")
	if k < 0 {
		k = s.child(c, "nsubj")
	}
	if k < 0 || s.toks[k].UPOS != "NOUN" {
		return nil
	}
	if ms := s.mentionsAt(k); len(ms) > 0 {
		return ms
	}
	return ac.actorModifiers(s, k, "130", false)
}

// protestPurpose reports whether v is the criticism a protest was held for ("rallied to denounce
// the strikes"): the protest codes it, against whom v names (protestTargets), so v is no event
// of its own.
func (ac *articleCoder) protestPurpose(s *sentence, v int) bool {
	h := s.toks[v].Head
	if r := s.toks[v].Rel; h < 0 || r != "advcl" && r != "xcomp" || !s.hasChildLemma(v, "mark", "to") {
		return false
	}
	pm, ok := ac.verbMatch(s, h)
	if !ok || pm.p.Code[:2] != "14" {
		return false
	}
	im, ok := ac.verbMatch(s, v)
	return ok && reactive(im.p.Code) && im.p.Code[:2] != "14" // "took to the streets to protest against X" stays
}

// nounCode returns the code of event noun n's best matching pattern (its first pattern when none
// matches), and false when the noun names no event.
func (ac *articleCoder) nounCode(s *sentence, n int) (string, bool) {
	pats := ac.c.dict.NounPatterns(s.lemma[n])
	if len(pats) == 0 {
		return "", false
	}
	if m, ok := s.bestMatch(n, pats); ok {
		return m.p.Code, true
	}
	return pats[0].Code, true
}

// appealVerbs ask someone else to act: what they ask for is the content of the appeal.
var appealVerbs = map[string]bool{"call": true, "urge": true, "ask": true, "press": true, "appeal": true,
	"push": true, "encourage": true, "request": true, "demand": true, "invite": true, "implore": true}

// toCompOfArg returns the to-infinitive that the parse hung on an argument of v, or on v as a
// purpose clause, instead of as v's complement ("urged Chile to withdraw" with "withdraw" under
// "Chile"), or -1.
func (s *sentence) toCompOfArg(v int) int {
	for _, k := range s.kids[v] { // or on v as a purpose clause
		if s.toks[k].Rel == "advcl" && s.toks[k].UPOS == "VERB" && s.hasChildLemma(k, "mark", "to") {
			return k
		}
	}
	for _, k := range s.kids[v] {
		if r := s.toks[k].Rel; r != "obj" && !relIs(r, "obl") {
			continue
		}
		for _, a := range s.kids[k] {
			if s.toks[a].Rel == "acl" && s.toks[a].UPOS == "VERB" && s.hasChildLemma(a, "mark", "to") {
				return a
			}
		}
	}
	return -1
}

// eachOther reports whether token k is the reciprocal pronoun "each other" or "one another".
func (s *sentence) eachOther(k int) bool {
	next := func(w string) bool { return k+1 < len(s.norm) && s.norm[k+1] == w }
	switch s.norm[k] {
	case "other":
		return k > 0 && s.norm[k-1] == "each"
	case "another":
		return k > 0 && s.norm[k-1] == "one"
	case "each": // the parse may head the pair on its first word
		return next("other")
	case "one":
		return next("another")
	}
	return false
}

// directiveVerbs tell someone to do something: with an actor as object and a to-clause, a demand.
var directiveVerbs = map[string]bool{"order": true, "tell": true, "instruct": true, "direct": true,
	"command": true, "require": true}

// ownCommand reports whether the object o of verb v belongs to the subject's own country ("Putin
// ordered the army to withdraw"): a command within a state, not a demand between actors.
func (s *sentence) ownCommand(v, o int) bool {
	src := s.sources(v)
	if len(src) == 0 {
		return false
	}
	for _, t := range s.mentionsAt(o) {
		if t.actor.Country != src[0].actor.Country {
			return false
		}
	}
	return true
}

// demandPattern is the generic demand that a directive verb makes.
var demandPattern = &dict.Pattern{Code: "100", Words: []string{"+"}, Pos: "coder: directive verb"}

// code emits the events of a matched trigger: each source to each target, both ways when the
// pattern is mutual; a mutual pattern with no target pairs up conjoined sources ("A and B met").
func (ac *articleCoder) code(s *sentence, v int, code string, src, tgt []*mention, recip bool) {
	if len(src) == 0 || ac.background(s, v) { // "severed relations in 2016": history, not news
		return
	}
	src, tgt = s.dropPossessors(src), s.dropPossessors(tgt)
	loc := ac.eventPlace(s, v) // once for all the pairs
	scene := ""
	if loc != nil {
		scene = loc.Country
	} else if code == "040" {
		if c := ac.sentencePlace(s); c != "" { // "flew to Lima and met ..."
			scene = c
		} else { // "Grossi met Raisi" some sentences after "Grossi arrived in Tehran": the story
			scene = ac.scene // stays where it last placed itself
		}
	}
	if strings.HasPrefix(code, "172") && ownSide(src, tgt) {
		tgt = nil // "imposed a curfew in the capital": on its people, not its government
	}
	if len(tgt) == 0 && (len(src) < 2 || !(recip || mutualRoot(code))) {
		if t := ac.counterpart(s, v, code, src[0]); t != nil && !t.sameAsAny(src) { // "Lima vowed to respond"
			tgt = []*mention{t}
		}
	}
	if len(tgt) == 0 {
		if len(src) < 2 || !(recip || mutualRoot(code)) { // "Chile and Peru signed the accord"
			return
		}
		if !recip && code[:2] == "19" && s.child(v, "obj") >= 0 {
			return // "Chilean and Argentine troops shelled the port": together, not each other
		}
		for i, a := range src {
			for j, b := range src {
				if i != j {
					ac.emit(s, a, b, code, v, loc)
				}
			}
		}
		return
	}
	for _, a := range src {
		for _, b := range tgt {
			switch {
			case code == "042": // a visit: the host hosts (043)
				ac.emit(s, a, b, "042", v, loc)
				ac.emit(s, b, a, "043", v, loc)
			case code == "043": // hosting: the guest visits (042)
				ac.emit(s, a, b, "043", v, loc)
				ac.emit(s, b, a, "042", v, loc)
			case code == "040" && scene != "" && scene == b.actor.Country && a.actor.Country != b.actor.Country:
				ac.emit(s, a, b, "042", v, loc) // a meeting in the target's country is a visit
				ac.emit(s, b, a, "043", v, loc)
			case code == "040" && scene != "" && scene == a.actor.Country && a.actor.Country != b.actor.Country:
				ac.emit(s, b, a, "042", v, loc)
				ac.emit(s, a, b, "043", v, loc)
			default:
				ac.emit(s, a, b, code, v, loc)
				if recip {
					ac.emit(s, b, a, code, v, loc)
				}
			}
		}
	}
}

// objectOwners returns whose the object of v is, when v's pattern names the object's word and no
// target ("attacked Chilean ships", "shelled ships bound for Chile"): the object's actor modifiers.
func (ac *articleCoder) objectOwners(s *sentence, v int, code string) []*mention {
	o := s.child(v, "obj")
	if o < 0 || s.mentionOf(o) != nil {
		return nil
	}
	src := s.sources(v)
	var out []*mention
	for _, t := range ac.targetsOf(s, o, code) {
		own := false // "South Korean and U.S. forces staged their combined exercises": their own
		for _, a := range src {
			own = own || a.actor.Country == t.actor.Country
		}
		if !own {
			out = append(out, t)
		}
	}
	return out
}

// placeOwner returns the organisation that owns the object of an armed act at verb v when the
// pattern's target t is only where that object is ("struck a Hezbollah site in southern
// Lebanon": Hezbollah, not Lebanon), or nil.
func (ac *articleCoder) placeOwner(s *sentence, v, t int, code string, tgt []*mention) *mention {
	if t < 0 || !conflictRoot(code) || len(tgt) == 0 {
		return nil
	}
	for _, m := range tgt {
		if m.actor.Agent != "" && !(m.actor.Agent == dyad.AgentCVL && m.actor.Code == m.actor.Country+dyad.AgentCVL && m.kind == named && s.toks[m.head].UPOS == "PROPN") {
			return nil // the target is an actor, not a place
		}
	}
	n := s.toks[t].Head
	if n < 0 || n == v || s.toks[n].Head != v || s.toks[n].Rel != "obj" || s.mentionOf(n) != nil {
		return nil
	}
	for _, k := range s.kids[n] {
		if r := s.toks[k].Rel; r != "compound" && r != "nmod:poss" && r != "amod" {
			continue
		}
		if mm := ac.modifierMention(s, k); mm != nil && mm.actor.Agent != "" && mm.actor.Country != "" &&
			mm.actor.Country != dyad.CountryIGO {
			return mm
		}
	}
	return nil
}

// dropPossessors removes from ms a country that only owns the next actor of the list ("Chad's
// President Deby" parsed as "Chad" and "Deby"): the two are one actor, the person.
func (s *sentence) dropPossessors(ms []*mention) []*mention {
	if len(ms) < 2 {
		return ms
	}
	var out []*mention
	for _, m := range ms {
		owner := false
		for _, o := range ms {
			if p := s.possessorMention(o); o != m && p != nil && p.start == m.start && p.end == m.end &&
				o.actor.Country == m.actor.Country && strings.HasPrefix(o.actor.Code, m.actor.Code) {
				owner = true
			}
		}
		if !owner {
			out = append(out, m)
		}
	}
	return out
}

// sources returns the actors of verb v: its subject (the by-agent of a passive), or the subject it
// shares with the verb it depends on ("agreed to meet", "met X and discussed", "who accused").
func (s *sentence) sources(v int) []*mention {
	k := s.subjectOf(v, 0)
	if k < 0 && !s.isPassive(v) { // the parse found no subject: the nearest actor before the verb
		g := v
		for steps := 0; steps < 3 && (s.toks[g].Rel == "xcomp" || s.toks[g].Rel == "conj") && s.toks[g].Head >= 0; steps++ {
			g = s.toks[g].Head // "X told ... and accused Y": X, found before the first verb
		}
		if k = s.linearSubject(g); k >= 0 {
			for s.toks[k].Rel == "conj" && s.toks[k].Head >= 0 && s.toks[k].Head < k { // "Chile and Peru"
				k = s.toks[k].Head
			}
		}
	}
	if k < 0 && s.isPassive(v) { // "was signed in Lima by A and B" with the by-phrase parsed elsewhere
		for i := v + 1; i < len(s.toks) && i < v+15; i++ {
			if s.lemma[i] == "by" && s.toks[i].UPOS == "ADP" {
				if m := s.mentionOf(s.toks[i].Head); m != nil && m.start == i+1 {
					return s.mentionsAt(m.head)
				}
				break
			}
		}
	}
	out := s.mentionsAt(k)
	if k >= 0 {
		out = append(out, s.apposConjuncts(k)...)
	}
	if len(out) == 1 && out[0].actor.Agent != "" && out[0].start >= 2 && s.coordinatedBetween(out[0].start-1, out[0].start) {
		// "South Korean and U.S. forces" with "South Korean" hung elsewhere: its forces too
		m := out[0]
		for _, o := range s.mentions {
			if o.end == m.start-1 && o.kind == named && o.actor.Country != "" && o.actor.Country != m.actor.Country &&
				(o.actor.Agent == "" || o.actor.Agent == dyad.AgentCVL) && s.toks[o.head].XPOS != "NNPS" && o.end-o.start <= 2 {
				c := *o
				c.actor.Agent, c.actor.Code = m.actor.Agent, o.actor.Country+m.actor.Agent
				out = append(out, &c)
			}
		}
	}
	if len(out) == 1 { // "Sunak and ... von der Leyen" with "Sunak" hung inside the other name
		m := out[0]
		for _, o := range s.mentions {
			if h := s.toks[o.head].Head; o != m && o.kind == named && o.actor.Country != "" && o.end < m.start &&
				h >= m.start && h < m.end && s.coordinatedBetween(o.end, m.start) {
				out = append(out, o)
			}
		}
	}
	if k >= 0 && s.toks[k].Head == v {
		for _, j := range s.kids[v] { // "Chile and Peru" parsed as two subjects, but not "the bloc IGAD"
			if j != k && s.toks[j].Rel == s.toks[k].Rel && s.coordinatedBetween(min(j, k), max(j, k)) {
				out = append(out, s.mentionsAt(j)...)
			}
		}
	}
	return out
}

// textNouns name what someone issues or sends: a clause on one ("a statement condemning the
// attack") is its author's act.
var textNouns = map[string]bool{"statement": true, "declaration": true, "communique": true,
	"letter": true, "resolution": true, "message": true, "speech": true, "address": true,
	"note": true, "post": true, "tweet": true, "report": true, "appeal": true, "call": true,
	"decree": true, "order": true, "notice": true, "memo": true, "video": true, "interview": true}

// conjHead returns the verb that conjoined verb v is coordinated with. The parse often hangs the
// second verb of "X said Y had done A and accused Z" on the reported verb rather than on "said";
// when the reported verb has an auxiliary ("had", "would") and v has none but shares the tense of
// the reporting verb, v goes with the reporting verb.
func (s *sentence) conjHead(v int) int {
	h := s.toks[v].Head
	if h < 0 || s.toks[h].Rel != "ccomp" || s.toks[h].Head < 0 || s.toks[h].Head > v {
		return h
	}
	m := s.toks[h].Head
	if s.child(h, "aux") < 0 || s.child(v, "aux") >= 0 || s.child(v, "nsubj") >= 0 ||
		s.toks[v].XPOS != s.toks[m].XPOS || s.toks[v].XPOS != "VBD" && s.toks[v].XPOS != "VBZ" {
		return h
	}
	return m
}

// apposConjuncts returns the actors conjoined to k across an apposition, which the parse tends
// to hang on the apposition: "Lavrov, the foreign minister, and Wang Yi" with "Wang Yi" under
// "minister". An apposition introduced by "and" is a conjunct.
func (s *sentence) apposConjuncts(k int) []*mention {
	var out []*mention
	add := func(b int) {
		if r := s.toks[b].Rel; (r == "appos" || r == "conj") && s.hasChildLemma(b, "cc", "and") {
			for _, m := range s.mentionsAt(b) {
				if m.actor.Country != "" {
					out = append(out, m)
				}
			}
		}
	}
	for _, a := range s.kids[k] {
		if s.toks[a].Rel != "appos" {
			continue
		}
		add(a) // "Lavrov, ..., and Wang Yi" with "Wang Yi" an apposition of "Lavrov"
		// "freed reporter Ann Lee and aid worker Bo Tan" with "Bo Tan" a conjunct of "Ann Lee"
		for _, b := range s.kids[a] {
			add(b)
		}
	}
	return out
}

// nonFinite reports whether verb v is a participle or gerund with no auxiliary of its own
// ("expelling", "asked about"), so that its subject is the one of the clause it depends on.
func (s *sentence) nonFinite(v int) bool {
	if x := s.toks[v].XPOS; x != "VBG" && x != "VBN" {
		return false
	}
	return s.child(v, "aux") < 0 && s.child(v, "aux:pass") < 0
}

func (s *sentence) subjectOf(v, depth int) int {
	if depth > 5 || v < 0 {
		return -1
	}
	if s.isPassive(v) {
		if k := s.child(v, "obl:agent"); k >= 0 {
			return k
		}
		return s.prepChild(v, "by")
	}
	if k := s.child(v, "nsubj"); k >= 0 {
		return k
	}
	if k := s.attributionSpeaker(v); k >= 0 {
		return k
	}
	h := s.toks[v].Head
	if h < 0 {
		return -1
	}
	switch s.toks[v].Rel {
	case "xcomp": // object control ("urged France to help") or subject control ("agreed to meet")
		if o := s.child(h, "obj"); o >= 0 {
			return o
		}
		return s.subjectOf(h, depth+1)
	case "conj":
		return s.subjectOf(s.conjHead(v), depth+1)
	case "acl:relcl", "acl":
		if s.toks[v].Rel == "acl" && s.toks[v].XPOS == "VBN" && !s.mainVerbAsAcl(v) {
			return -1 // "forces backed by Iran": the noun is the target, not the source
		}
		if s.toks[v].Rel == "acl" && textNouns[s.lemma[h]] && s.mentionOf(h) == nil {
			// "issued a statement condemning the attack": who issued it
			for _, k := range s.kids[h] {
				if r := s.toks[k].Rel; r == "nmod:poss" || relIs(r, "nmod") && s.caseOf(k) == "by" {
					return k
				}
			}
			if r := s.toks[h].Rel; r == "obj" && s.toks[h].Head >= 0 {
				return s.subjectOf(s.toks[h].Head, depth+1)
			}
		}
		return h
	case "advcl":
		// a participle clause (", accusing Israel of ...", "responded by expelling ...", "after
		// meeting ...") or a purpose clause ("rallied to denounce"): a non-finite clause without a
		// subject of its own is controlled by the subject of the clause it modifies
		mk := s.child(v, "mark")
		if mk >= 0 && (s.lemma[mk] == "of" || s.lemma[mk] == "for" || s.lemma[mk] == "from") && s.nonFinite(v) {
			if o := s.child(h, "obj"); o >= 0 { // "accused X of supplying", "thanked X for hosting", "barred X from entering"
				return o
			}
		}
		if mk < 0 || s.lemma[mk] == "to" || s.nonFinite(v) {
			return s.subjectOf(h, depth+1)
		}
	}
	return -1
}

// mainVerbAsAcl reports whether participle v, parsed as a clause on a noun, is the sentence's
// main verb misread: the noun is the root, so the sentence would have no verb, and v has no
// by-agent ("Tens of thousands of people rallied in ..." with "rallied" read as "people [who
// were] rallied").
func (s *sentence) mainVerbAsAcl(v int) bool {
	h := s.toks[v].Head
	for steps := 0; steps < 3 && h >= 0 && relIs(s.toks[h].Rel, "nmod") && s.caseOf(h) == "of"; steps++ {
		h = s.toks[h].Head // "Dozens of farmers protested ..." with "protested" on "farmers"
	}
	return h >= 0 && s.toks[h].Rel == "root" && (s.toks[h].UPOS == "NOUN" || s.toks[h].UPOS == "PROPN") &&
		s.child(v, "obl:agent") < 0 && s.prepChild(v, "by") < 0
}

// attributionSpeaker returns the head of the actor right before or after a reporting verb that
// follows a quotation ('"...," the minister said', '"...," said the minister') when the parse gave
// the verb no subject, or -1.
func (s *sentence) attributionSpeaker(v int) int {
	if !reportVerbs[s.lemma[v]] || s.inQuote(v) || v == 0 || !s.inQuote(v-1) && !s.quoteBefore(v) {
		return -1
	}
	for _, m := range s.mentions {
		if (m.end == v || m.start == v+1) && !s.inQuote(m.head) {
			return m.head
		}
	}
	return -1
}

// quoteBefore reports whether a closing quotation mark comes shortly before token v (with the
// speaker's name between).
func (s *sentence) quoteBefore(v int) bool {
	for k := v - 1; k >= 0 && k >= v-10; k-- {
		if t := s.toks[k].Text; t == "\"" || t == "”" || t == "''" {
			return true
		}
	}
	return false
}

// verbLemmas returns the lemma of a verb and, in case the lemmatizer got an unusual form wrong
// ("telephoned" -> "telephon"), the base forms its inflected spelling allows.
func verbLemmas(lemma, form string) []string {
	out := []string{lemma}
	for _, suf := range []string{"ed", "ing", "es", "s"} {
		stem, ok := strings.CutSuffix(form, suf)
		if !ok || len(stem) < 3 {
			continue
		}
		out = append(out, stem, stem+"e")
		if n := len(stem); n > 1 && stem[n-1] == stem[n-2] { // "planned" -> "plan"
			out = append(out, stem[:n-1])
		}
		if strings.HasSuffix(stem, "i") { // "denied" -> "deny"
			out = append(out, stem[:len(stem)-1]+"y")
		}
		break
	}
	return out
}
