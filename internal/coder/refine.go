package coder

import "github.com/dyad-events/dyad"

// refine narrows a coded event's code with what the sentence says about how it was done: an
// unspecified use of force (190) or a firing (193) with aircraft, drones or missiles is an aerial
// attack (195), with artillery or tanks 194, with guns 193; force used by soldiers or police on protesters is
// repression (175), while their arrests and bans keep their own codes.
func refine(s *sentence, verb int, code string, src, tgt *mention) string {
	if code[:2] == "17" || code[:2] == "18" || code[:2] == "19" {
		// an arrest, a seizure or a ban stays what it is ("police detained dozens of protesters")
		if a := src.actor.Agent; (a == dyad.AgentMIL || a == dyad.AgentCOP) && (code[:2] != "17" || code == "170") &&
			(protestNames[tgt.actor.Name] || protestNames[s.headLemma(tgt)]) {
			return "175"
		}
		if h := s.headLemma(src); protestNames[h] || h == "supporter" || h == "follower" {
			return "145" // violence by a crowd is a riot
		}
	}
	if code[:2] == "12" { // "rejected the allegations", "repudiated the accusations": a denial
		if o := s.child(verb, "obj"); o >= 0 && chargeNouns[s.lemma[o]] {
			return "016"
		}
	}
	if code[:2] == "14" && s.lemma[verb] == "protest" && src != nil && src.actor.Country != "" &&
		(src.actor.Agent == "" || src.actor.Agent == dyad.AgentGOV || src.actor.Agent == dyad.AgentIGO) {
		return "114" // a state "protests" by an official complaint, not in the street
	}
	if code == "130" && s.threatWords(verb, forceWords) { // "warned that it would strike back"
		return "138"
	}
	if code != "190" && code != "193" {
		return code
	}
	switch s.weapon(verb, src) { // "fired missiles at": a firing named with its weapon
	case "air":
		return "195"
	case "artillery":
		return "194"
	case "guns":
		return "193"
	}
	return code
}

// protestNames are the canonical names of the agents a crowd is made of.
var protestNames = map[string]bool{"protester": true, "demonstrator": true, "rioter": true, "crowd": true,
	"marcher": true, "mob": true}

// weaponWords classify the means of an attack.
var weaponWords = map[string]string{
	"airstrike": "air", "air": "air", "drone": "air", "missile": "air", "jet": "air", "warplane": "air",
	"aircraft": "air", "bomber": "air", "helicopter": "air", "bomb": "air", "bombing": "air",
	"rocket": "air", "airplane": "air", "plane": "air", "raid": "air", "fighter-jet": "air",
	"artillery": "artillery", "shell": "artillery", "shelling": "artillery", "mortar": "artillery",
	"tank": "artillery", "howitzer": "artillery", "cannon": "artillery", "shellfire": "artillery",
	"gun": "guns", "gunfire": "guns", "rifle": "guns", "sniper": "guns", "bullet": "guns",
	"machine-gun": "guns",
}

// weapon names the kind of weapon the attack at verb was made with, from the trigger word, its
// subject (the attacker as a weapon: "jets struck"), and its instruments and objects ("fired
// missiles at", "with artillery"), or "" when the sentence does not say.
func (s *sentence) weapon(verb int, src *mention) string {
	var look []int
	for _, k := range s.kids[verb] {
		switch r := s.toks[k].Rel; {
		case relIs(r, "nsubj"), r == "obj", relIs(r, "obl"), r == "compound", r == "amod", relIs(r, "nmod"):
			look = append(look, k)
			for _, kk := range s.kids[k] {
				if rr := s.toks[kk].Rel; rr == "compound" || rr == "amod" || rr == "conj" || relIs(rr, "nmod") { // "dozens of cruise missiles"
					look = append(look, kk)
				}
			}
		}
	}
	if src != nil {
		for i := src.start; i < src.end; i++ {
			look = append(look, i)
		}
	}
	for _, i := range look {
		if w := weaponWords[s.lemma[i]]; w != "" {
			if w == "air" && s.lemma[i] == "air" && !(i+1 < len(s.toks) && (s.lemma[i+1] == "strike" || s.lemma[i+1] == "raid" || s.lemma[i+1] == "attack")) {
				continue // "air" only as in "air strike", "air raid"
			}
			return w
		}
	}
	if w := weaponWords[s.lemma[verb]]; w != "" {
		return w
	}
	if s.lemma[verb] == "strike" || s.lemma[verb] == "bomb" || s.lemma[verb] == "bombard" {
		return "air" // a military "strike" with no weapon named is, in the news, an air or missile strike
	}
	for _, i := range look {
		if s.lemma[i] == "strike" && s.toks[i].UPOS == "NOUN" {
			return "air"
		}
	}
	return ""
}

// forceWords tell that a threat is one of military force.
var forceWords = map[string]bool{"retaliate": true, "retaliation": true, "strike": true, "attack": true,
	"military": true, "war": true, "force": true, "troops": true, "troop": true, "army": true, "hit": true,
	"bomb": true, "missile": true, "destroy": true, "invade": true, "invasion": true, "fire": true,
	"fighting": true, "fight": true, "annihilate": true, "crush": true, "nuclear": true, "weapon": true,
	"retaliatory": true, "strikes": true, "assault": true, "offensive": true, "shoot": true}

// threatWords is subtreeHas for the threat at token v, leaving out who threatens and what the
// threatened are told to do or not to do ("the military warned Palestinians not to approach its
// forces": neither the military nor the forces are the threat).
func (s *sentence) threatWords(v int, words map[string]bool) bool {
	var skip []int
	if x := s.child(v, "xcomp"); x >= 0 && (s.child(v, "obj") >= 0 || s.child(v, "iobj") >= 0) {
		skip = append(skip, x)
	}
	if k := s.child(v, "nsubj"); k >= 0 {
		skip = append(skip, k)
	}
	return s.subtreeHas(v, words, skip...)
}

// subtreeHas reports whether a word of the subtree of token v, outside the subtrees of the tokens
// in skip, is in words.
func (s *sentence) subtreeHas(v int, words map[string]bool, skip ...int) bool {
	lo, hi := s.subtreeSpan(v)
next:
	for i := lo; i < hi; i++ {
		if !words[s.lemma[i]] {
			continue
		}
		for _, k := range skip {
			if klo, khi := s.subtreeSpan(k); i >= klo && i < khi {
				continue next
			}
		}
		return true
	}
	return false
}

// headLemma returns the lemma of the head word of a mention of this sentence, or "".
func (s *sentence) headLemma(m *mention) string {
	if m == nil || m.head < 0 || m.head >= len(s.lemma) || m.kind == pronoun {
		return ""
	}
	return s.lemma[m.head]
}
