package coder

// Reported acts that are something else: a speaker who says someone will pay a price threatens
// them; a speaker who says someone broke a rule accuses them.

// paybackWords are what someone is made to pay for when paying is a punishment ("will pay for
// its crimes"), beside the words that judge a label (negativeWords).
var paybackWords = map[string]bool{"action": true, "act": true, "behaviour": true, "behavior": true,
	"deed": true, "sin": true, "conduct": true}

// paybackThreat codes "X will pay (a heavy price | dearly | for its crimes)", told by a speaker,
// as the speaker's threat against X (130): English states a threat of punishment that way, and
// the paying is no event of its own. It reports whether v is such a paying, coded or not.
func (ac *articleCoder) paybackThreat(s *sentence, v int) bool {
	if s.lemma[v] != "pay" || !s.paysPenalty(v) {
		return false
	}
	// The future may sit on a verb the paying depends on: "would have to pay", "will be made to pay".
	future, top := false, v
	for cur, steps := v, 0; cur >= 0 && steps < 4; steps++ {
		if s.hasChildLemma(cur, "aux", "will", "'ll", "shall", "would", "wo") {
			future = true
		}
		top = cur
		if r := s.toks[cur].Rel; r != "xcomp" {
			break
		}
		cur = s.toks[cur].Head
	}
	if !future || s.negated(top) {
		return true // "will not pay a price": no threat stated ("if it attacks, it will pay" is one)
	}
	speaker := s.speakerOf(top)
	if speaker < 0 {
		return true
	}
	tgt := s.mentionsAt(s.subjectOf(v, 0))
	if len(tgt) > 0 {
		ac.code(s, speaker, "130", s.sources(speaker), tgt, false)
	}
	return true
}

// paysPenalty reports whether paying v is a punishment: a price or cost paid, paying dearly, or
// paying for one's own wrongs ("for its provocations").
func (s *sentence) paysPenalty(v int) bool {
	if o := s.child(v, "obj"); o >= 0 && (s.lemma[o] == "price" || s.lemma[o] == "cost") {
		return true
	}
	if s.hasChildLemma(v, "advmod", "dearly") {
		return true
	}
	if k := s.prepChild(v, "for"); k >= 0 && s.child(k, "nmod:poss") >= 0 {
		return negativeWords[s.lemma[k]] || paybackWords[s.lemma[k]]
	}
	return false
}

// speakerOf returns the reporting verb whose complement clause v is ("warned that X would pay";
// '"X will pay," he said' with the attribution hung on the quote as parataxis or as an adverbial
// clause without a subordinator), or -1.
func (s *sentence) speakerOf(v int) int {
	if h := s.reportedBy(v); h >= 0 {
		return h
	}
	for _, k := range s.kids[v] {
		if r := s.toks[k].Rel; (r == "parataxis" || r == "advcl" && s.child(k, "mark") < 0) && reportVerbs[s.lemma[k]] {
			return k
		}
	}
	return -1
}

// reportedBy returns the reporting verb whose complement clause v is ("said [that] v"), or -1.
func (s *sentence) reportedBy(v int) int {
	if h := s.toks[v].Head; h >= 0 && s.toks[v].Rel == "ccomp" && reportVerbs[s.lemma[h]] {
		return h
	}
	return -1
}

// wrongVerbs break a rule or a word given: said of someone by someone else, an accusation.
var wrongVerbs = map[string]bool{"violate": true, "breach": true, "flout": true, "contravene": true,
	"backtrack": true, "renege": true}

// reportedWrong codes "X said [that] Y violated the charter" as X accusing Y (112): a rule broken
// or a word taken back, told by another actor, is that actor's charge, not an established act. It
// reports whether v is such a report, coded or not.
func (ac *articleCoder) reportedWrong(s *sentence, v int) bool {
	h := s.reportedBy(v)
	if !wrongVerbs[s.lemma[v]] || h < 0 || s.negated(v) {
		return false
	}
	speaker := s.sources(h)
	if len(speaker) == 0 {
		return false
	}
	accused := s.sources(v)
	if len(accused) == 0 { // "said Russia's invasion violated the charter": the act's author
		if k := s.subjectOf(v, 0); k >= 0 {
			accused = ac.eventNounActors(s, k)
		}
	}
	if len(accused) == 0 {
		return false
	}
	ac.code(s, h, "112", speaker, accused, false)
	return true
}
