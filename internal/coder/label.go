package coder

// labelVerbs say what something is: "called the deal a failure", "described it as a victory",
// "branded the group terrorists". Whether that is criticism (111) or praise (051) depends on the
// words of the label.
var labelVerbs = map[string]bool{"call": true, "describe": true, "brand": true, "label": true,
	"term": true, "dub": true, "characterize": true, "characterise": true}

// dismissVerbs judge what they dismiss by the words of an "as" phrase ("dismissed the vote as a
// weak response": criticism); dismissing a charge or a report is a denial, which their patterns code.
var dismissVerbs = map[string]bool{"dismiss": true, "deride": true, "ridicule": true, "mock": true}

// dismissesCharge reports whether v's object is an accusation or a report ("dismissed the charges
// as baseless").
func (s *sentence) dismissesCharge(v int) bool {
	o := s.child(v, "obj")
	return o >= 0 && chargeNouns[s.lemma[o]]
}

// negativeWords and positiveWords judge a label.
var negativeWords = map[string]bool{"failure": true, "crime": true, "criminal": true, "terrorist": true,
	"terrorism": true, "unacceptable": true, "aggression": true, "barbarism": true, "provocation": true,
	"provocative": true, "violation": true, "absurd": true, "outrageous": true, "slander": true,
	"irresponsible": true, "illegal": true, "dangerous": true, "destabilising": true,
	"destabilizing": true, "disgrace": true, "shameful": true, "genocide": true, "lie": true,
	"false": true, "baseless": true, "unfounded": true, "surrender": true, "betrayal": true,
	"mistake": true, "threat": true, "stab": true, "attack": true, "war": true,
	"rebel": true, "militia": true, "puppet": true, "illegitimate": true, "brutal": true,
	"inhumane": true, "unjustified": true, "unprovoked": true, "catastrophe": true, "disaster": true,
	"fake": true, "hostile": true, "reckless": true, "cowardly": true, "fraud": true, "sham": true,
	"farce": true, "travesty": true, "nonsense": true, "problem": true, "insult": true, "humiliation": true,
	"blackmail": true, "hypocrisy": true, "propaganda": true, "fascist": true, "fanatic": true, "thug": true,
	"murderer": true, "dictator": true, "tyrant": true, "occupier": true, "invader": true, "racist": true,
	"extremist": true, "unlawful": true, "abhorrent": true, "appalling": true, "deplorable": true,
	"disgraceful": true, "despicable": true, "heinous": true, "atrocity": true, "massacre": true,
	"escalation": true, "escalatory": true, "disproportionate": true, "aggressive": true,
	"interference": true, "meddling": true, "scandal": true, "outrage": true, "unjust": true, "coup": true,
	"piracy": true, "pirate": true, "bully": true, "bullying": true, "warmonger": true, "lawless": true,
	"rogue": true, "savage": true, "barbaric": true, "vandalism": true, "theft": true, "robbery": true,
	"sabotage": true, "treason": true, "traitor": true, "hoax": true, "misleading": true, "slanderous": true,
	"defamatory": true, "absurdity": true, "ridiculous": true, "shameless": true, "regrettable": true,
	"corrupt": true, "corruption": true, "oppression": true, "persecution": true, "incompetent": true,
	"authoritarian": true, "repressive": true, "repression": true, "humiliating": true, "unconstitutional": true,
	"weak": true, "empty": true, "meaningless": true, "worthless": true, "stunt": true, "ploy": true}

var positiveWords = map[string]bool{"victory": true, "success": true, "historic": true, "important": true,
	"positive": true, "constructive": true, "friend": true, "partner": true, "ally": true,
	"breakthrough": true, "milestone": true, "feat": true, "welcome": true, "decisive": true,
	"step": true, "good": true, "great": true, "excellent": true, "productive": true, "candid": true}

// labelEvent codes "X called Y a Z": criticism or praise of Y (or of whoever did Y, when Y is an
// act), by the words of Z. It reports whether it coded anything.
func (ac *articleCoder) labelEvent(s *sentence, v int) bool {
	o := s.child(v, "obj")
	if o < 0 {
		return false
	}
	pred := -1
	for _, k := range s.kids[v] { // the predicate follows the object ("called Peru a threat")
		if s.toks[k].Rel == "xcomp" && k > o {
			pred = k
			break
		}
	}
	if pred < 0 { // a quoted label parsed as a clause of its own ("called the ban “neither
		// Islamic nor humane”"): an adjective or noun without a subject or a subordinator
		for _, k := range s.kids[v] {
			if u := s.toks[k].UPOS; s.toks[k].Rel == "advcl" && k > o && (u == "ADJ" || u == "NOUN") &&
				s.child(k, "nsubj") < 0 && s.child(k, "mark") < 0 {
				pred = k
				break
			}
		}
	}
	if pred < 0 {
		pred = s.child(o, "xcomp")
	}
	if pred < 0 {
		if k := s.prepChild(v, "as"); k >= 0 {
			pred = k
		} else if k := s.prepChild(o, "as"); k >= 0 { // "described the tax as an act of betrayal"
			pred = k
		}
	}
	if pred < 0 { // "branded the protesters 'terrorists'" parsed as an apposition, or as a
		// conjunct with no "and" or "or" to join it
		for _, k := range s.kids[o] {
			if r := s.toks[k].Rel; k > o && (r == "appos" || r == "conj" && s.child(k, "cc") < 0) {
				pred = k
			}
		}
	}
	if pred < 0 { // "called the attacks unacceptable" parsed with the adjective on the noun
		for _, k := range s.kids[o] {
			if s.toks[k].Rel == "amod" && k > o {
				pred = k
			}
		}
	}
	if pred < 0 {
		return false
	}
	neg, pos, denied := 0, 0, false
	lo, hi := s.subtreeSpan(pred)
	for i := lo; i < hi; i++ {
		switch {
		case negativeWords[s.lemma[i]]:
			neg++
		case positiveWords[s.lemma[i]]:
			pos++
		case labelNegators[s.lemma[i]]:
			denied = true
		}
	}
	code := ""
	switch {
	case denied && neg == 0: // "called the ban neither Islamic nor humane", "not a solution"
		code = "111"
	case denied: // "called the exercise no threat": a defence, not a judgement of it
		return false
	case neg > pos:
		code = "111"
	case pos > neg:
		code = "051"
	default:
		return false
	}
	tgt := ac.targetsOf(s, o, code)
	if s.mentionOf(o) == nil && actNouns[s.lemma[o]] {
		// "called the deal a failure of the government's policy": whose failure the label names
		// counts more than who last acted
		if w := ac.labelOwner(s, pred, code); len(w) > 0 {
			tgt = w
		}
	}
	before := len(s.events)
	ac.code(s, v, code, s.sources(v), tgt, false)
	return len(s.events) > before
}

// labelNegators deny a label what it says ("not a victory", "neither legal nor fair").
var labelNegators = map[string]bool{"not": true, "n't": true, "neither": true, "nor": true, "never": true, "no": true}

// labelOwner returns the actors a label says it is about: "a failure by X's government", "a
// victory for X", "a failure of X's policy" (the possessor of the noun after "of").
func (ac *articleCoder) labelOwner(s *sentence, pred int, code string) []*mention {
	for _, k := range s.kids[pred] {
		if !relIs(s.toks[k].Rel, "nmod") {
			continue
		}
		if c := s.caseOf(k); c != "of" && c != "by" && c != "for" {
			continue
		}
		if ms := ac.targetsOf(s, k, code); len(ms) > 0 { // "of X's policy", "of Chilean diplomacy"
			return ms
		}
	}
	return nil
}

// chargeNouns name an accusation; falseWords call one untrue.
var chargeNouns = map[string]bool{"charge": true, "allegation": true, "accusation": true, "claim": true,
	"report": true, "assertion": true}

var falseWords = map[string]bool{"false": true, "baseless": true, "unfounded": true, "lie": true,
	"fabricated": true, "fabrication": true, "absurd": true, "untrue": true, "groundless": true,
	"nonsense": true, "slander": true, "fake": true, "ridiculous": true, "outrageous": true, "lies": true}

// wrongWords in a judgement make it an accusation (112) rather than criticism (111).
var wrongWords = map[string]bool{"violation": true, "crime": true, "criminal": true, "aggression": true,
	"genocide": true, "terrorism": true, "terrorist": true, "interference": true, "meddling": true,
	"sabotage": true, "illegal": true, "unlawful": true, "atrocity": true, "massacre": true, "piracy": true,
	"invasion": true, "occupation": true, "coup": true}

// judgedClause codes "X said [that] Y was Z" where Z judges Y with the words of a label ("said the
// agreement was a flagrant violation of its sovereignty", "said the situation in Myanmar is
// unacceptable"): criticism (111) or, for wrongdoing, an accusation (112) of the actor the clause
// names, or of whoever did the act it judges. It reports whether it coded anything.
func (ac *articleCoder) judgedClause(s *sentence, v int) bool {
	c := s.child(v, "ccomp")
	if c < 0 || s.negated(c) || s.modal(c) || !(s.lemma[c] == "be" || s.child(c, "cop") >= 0 || copulaVerbs[s.lemma[c]]) {
		return false
	}
	neg, pos, wrong := 0, 0, false
	lo, hi := s.subtreeSpan(c)
	for i := lo; i < hi; i++ {
		switch {
		case negativeWords[s.lemma[i]]:
			neg++
			wrong = wrong || wrongWords[s.lemma[i]]
		case positiveWords[s.lemma[i]]:
			pos++
		}
	}
	if neg <= pos {
		return false
	}
	code := "111"
	if wrong {
		code = "112"
	}
	subj := s.child(c, "nsubj")
	if subj >= 0 && chargeNouns[s.lemma[subj]] && s.subtreeHas(c, falseWords) {
		code = "016" // "said the smuggling charge was false": a denial, aimed at the accuser
	}
	src := s.sources(v)
	if len(src) == 0 {
		return false
	}
	if code == "016" {
		tgt := ac.targetsOf(s, subj, code)
		if len(tgt) == 0 {
			if t := ac.counterpart(s, c, code, src[0]); t != nil {
				tgt = []*mention{t}
			}
		}
		before := len(s.events)
		ac.code(s, c, code, src, tgt, false)
		return len(s.events) > before
	}
	var tgt []*mention
	for _, m := range s.mentions { // an actor named in the judged clause
		if m.start >= lo && m.end <= hi && m.actor.Country != "" && m.actor.Country != src[0].actor.Country {
			tgt = append(tgt, m)
			break
		}
	}
	if len(tgt) == 0 {
		if subj := s.child(c, "nsubj"); subj >= 0 {
			tgt = ac.targetsOf(s, subj, code)
		}
	}
	before := len(s.events)
	ac.code(s, c, code, src, tgt, false)
	return len(s.events) > before
}

// copulaVerbs say what something is, as "be" does: "said the raid amounted to a war crime".
var copulaVerbs = map[string]bool{"amount": true, "constitute": true, "represent": true}

// blameVerbs name causing or organising trouble: "said the unrest was caused by Washington",
// "said the attack was planned by Kyiv".
var blameVerbs = map[string]bool{"cause": true, "orchestrate": true, "instigate": true, "organise": true,
	"organize": true, "finance": true, "fund": true, "plot": true, "provoke": true, "fuel": true,
	"sponsor": true, "plan": true, "incite": true, "stage": true, "engineer": true, "mastermind": true}

// blamedClause codes "X said [that] Y was caused/orchestrated/financed by Z" as X accusing Z (112):
// the agent of a passive clause of blame in reported speech. It reports whether it coded anything.
func (ac *articleCoder) blamedClause(s *sentence, v int) bool {
	c := s.child(v, "ccomp")
	if c < 0 || s.negated(c) || s.modal(c) || !blameVerbs[s.lemma[c]] || !s.isPassive(c) {
		return false
	}
	src := s.sources(v)
	if len(src) == 0 {
		return false
	}
	var tgt []*mention
	for _, k := range s.kids[c] {
		if relIs(s.toks[k].Rel, "obl") && s.caseOf(k) == "by" {
			tgt = ac.targetsOf(s, k, "112")
			if len(tgt) == 0 { // "by Washington's policy": whose policy
				for _, kk := range s.kids[k] {
					if s.toks[kk].Rel == "nmod:poss" || s.toks[kk].Rel == "amod" || s.toks[kk].Rel == "compound" {
						tgt = append(tgt, s.mentionsAt(kk)...)
					}
				}
			}
		}
	}
	if len(tgt) == 0 {
		return false
	}
	before := len(s.events)
	ac.code(s, c, "112", src, tgt, false)
	return len(s.events) > before
}
