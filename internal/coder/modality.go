package coder

// modals mark an event as possible, obligatory or future rather than done.
var modals = map[string]bool{"could": true, "would": true, "might": true, "may": true, "should": true,
	"can": true, "must": true, "shall": true, "will": true, "'ll": true, "wo": true, "ca": true, "ought": true}

// nonFactive verbs govern an event that has not (yet) happened: "plans to attack", "urged X to
// withdraw", "denied sending troops", "threatened to strike". Where such a verb is itself an event
// (urge, threaten, deny), its own pattern codes it.
// unrealisedNouns name an act not yet done when they govern it ("the plan to annex the region",
// "an offer to mediate", "his decision to travel to the summit").
var unrealisedNouns = map[string]bool{"plan": true, "threat": true, "attempt": true, "bid": true,
	"effort": true, "decision": true, "proposal": true, "offer": true, "invitation": true, "call": true,
	"request": true, "promise": true, "pledge": true, "commitment": true, "readiness": true,
	"willingness": true, "refusal": true, "intention": true, "intent": true, "ambition": true,
	"desire": true, "determination": true, "plea": true, "appeal": true, "demand": true,
	"warning": true, "vow": true, "order": true, "move": true, "push": true, "drive": true}

var nonFactive = map[string]bool{"plan": true, "intend": true, "want": true, "seek": true, "try": true,
	"hope": true, "expect": true, "aim": true, "prepare": true, "threaten": true, "vow": true,
	"pledge": true, "promise": true, "offer": true, "propose": true, "consider": true, "ask": true,
	"urge": true, "call": true, "demand": true, "refuse": true, "reject": true, "deny": true, "fail": true,
	"decline": true, "agree": true, "warn": true, "need": true, "attempt": true, "press": true,
	"appeal": true, "push": true, "request": true, "encourage": true, "invite": true, "allow": true,
	"decide": true, "wish": true, "fear": true, "suggest": true, "recommend": true, "order": true,
	"plot": true, "prevent": true, "stop": true, "avoid": true, "help": true, "continue": false,
	"insist": true, "require": true, "permit": true, "authorize": true, "authorise": true,
	"undertake": true, "commit": true,
	// adjectives that govern a future or possible act ("due to meet", "ready to work with")
	"due": true, "set": true, "scheduled": true, "expected": true, "likely": true, "unlikely": true,
	"able": true, "unable": true, "ready": true, "willing": true, "eager": true, "reluctant": true,
	"poised": true, "prepared": true, "determined": true, "keen": true,
	// what one is accused of has not been shown to have happened
	"accuse": true, "allege": true, "blame": true, "investigate": true, "suspect": true, "charge": true}

// conditionMarks introduce clauses that are not asserted.
var conditionMarks = map[string]bool{"if": true, "unless": true, "whether": true, "lest": true}

// negated reports whether verb v is negated ("did not attack", "never met").
func (s *sentence) negated(v int) bool {
	for _, k := range s.kids[v] {
		r := s.toks[k].Rel
		if (r == "advmod" || r == "neg" || r == "det") && (s.lemma[k] == "not" || s.norm[k] == "n't" || s.lemma[k] == "never") {
			if k+1 < len(s.toks) && (s.norm[k+1] == "only" || s.norm[k+1] == "just" || s.norm[k+1] == "merely") {
				continue // "not only false but outrageous" asserts both
			}
			return true
		}
	}
	return false
}

// modal reports whether verb v carries a modal auxiliary.
func (s *sentence) modal(v int) bool {
	for _, k := range s.kids[v] {
		if s.toks[k].Rel == "aux" && (modals[s.lemma[k]] || modals[s.norm[k]]) {
			return true
		}
	}
	return false
}

// conditional reports whether v heads an if/unless/whether clause.
func (s *sentence) conditional(v int) bool {
	for _, k := range s.kids[v] {
		if s.toks[k].Rel == "mark" && conditionMarks[s.lemma[k]] {
			return true
		}
	}
	return false
}

// asserted reports whether the event of verb v is stated as having happened: not negated, not
// modal, not conditional, and not inside the complement of a non-factive verb. Reported speech
// ("X said Y attacked Z") stays asserted: it is coded as the speaker asserts it.
func (s *sentence) asserted(v int) bool { return s.assertedBut(v, false) }

// aspectVerbs say only when or how long another act goes on ("keep targeting", "continue to
// strike"): the act's modality is theirs.
var aspectVerbs = map[string]bool{"keep": true, "continue": true, "start": true, "begin": true, "resume": true}

// futureAct reports whether v is stated as something its subject will do ("will strike",
// "would send aid"): only a future auxiliary keeps it from being asserted, and no hedge
// ("would probably speak") makes it a guess.
func (s *sentence) futureAct(v int) bool {
	f := v // "would have to take countermeasures", "would keep targeting ships": the future is on the verb before
	if h := s.toks[v].Head; h >= 0 && s.toks[v].Rel == "xcomp" &&
		(s.lemma[h] == "have" && s.hasChildLemma(v, "mark", "to") || aspectVerbs[s.lemma[h]]) {
		f = h
	}
	return !s.asserted(v) && s.assertedBut(f, true) && s.hasChildLemma(f, "aux", "will", "'ll", "shall", "would", "wo") &&
		!s.hasChildLemma(f, "advmod", "probably", "possibly", "perhaps", "maybe", "likely")
}

// assertedBut is asserted; with future, v's own future auxiliary does not count against it.
func (s *sentence) assertedBut(v int, future bool) bool {
	if s.negated(v) || (s.modal(v) && !future) || s.conditional(v) {
		return false
	}
	if future && s.hasChildLemma(v, "aux", "could", "might", "may", "should", "must", "can") {
		return false
	}
	cur := v
	for steps := 0; steps < 8; steps++ {
		h := s.toks[cur].Head
		if h < 0 {
			return true
		}
		if reportVerbs[s.lemma[cur]] && !s.inQuote(cur) && s.inQuote(h) {
			return true // '"We will win," he said': the parse hung the attribution on the quote
		}
		switch r := s.toks[cur].Rel; r {
		case "xcomp", "ccomp", "csubj":
			if nonFactive[s.lemma[h]] || s.negated(h) || s.conditional(h) {
				return false
			}
			if r == "xcomp" && s.modal(h) {
				return false
			}
		case "conj":
			if s.conditional(h) {
				return false
			}
		case "advcl":
			if s.conditional(cur) {
				return false
			}
			if s.hasChildLemma(cur, "mark", "to", "of", "for") && (nonFactive[s.lemma[h]] || s.negated(h)) {
				return false // "offered to hold talks" parsed as a purpose clause; "accused X of arming Y"
			}
			if s.hasChildLemma(cur, "mark", "without", "instead", "rather", "from") {
				return false // "ended the talks without reaching a deal", "refrained from escalating"
			}
			if !s.nonFinite(cur) {
				return true // a finite clause of its own ("after Peru attacked, ...")
			}
			// a participle clause is as real as the act it is part of ("accused X of stoking
			// violence by supplying arms", "could retaliate by expelling")
			if s.negated(h) || s.modal(h) || s.conditional(h) {
				return false
			}
		case "acl", "acl:relcl":
			if n := s.chargeNounOf(h); n >= 0 && s.contentClause(n) == cur {
				return false // "the allegation that Peru smuggled arms": charged, not shown
			}
			if hh := s.toks[h].Head; hh >= 0 && s.hasChildLemma(cur, "mark", "of", "from", "to") && nonFactive[s.lemma[hh]] {
				// "accused Peru of arming ...", "called on both sides to negotiate" with the
				// clause parsed under "Peru" or "sides"
				return false
			}
			if l := s.lemma[h]; l == "plan" || l == "threat" || l == "attempt" || l == "bid" || l == "effort" ||
				unrealisedNouns[l] && s.hasChildLemma(cur, "mark", "to") {
				return false // "a plan to annex", "the decision to travel to the summit"
			}
			return true
		default:
			return true
		}
		cur = h
	}
	return true
}
