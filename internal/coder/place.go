package coder

import (
	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/dict"
)

// placePreps introduce where an event happened.
var placePreps = map[string]bool{"in": true, "at": true, "near": true, "inside": true, "outside": true}

// eventPlace returns where the event at token v happened: an "in X"/"at X" modifier of the verb
// (or of the verbs it is conjoined to) that names a place in the gazetteer.
func (ac *articleCoder) eventPlace(s *sentence, v int) *dyad.Location {
	// "went on to Quito, where she met X": the place the relative clause hangs on
	if r := s.toks[v].Rel; (r == "acl:relcl" || r == "advcl") && s.hasChildLemma(v, "advmod", "where") && s.toks[v].Head >= 0 {
		if h := s.toks[v].Head; s.toks[h].UPOS == "PROPN" {
			if p := ac.placeAt(s, h); p != nil {
				return location(p)
			}
		}
	}
	for cur, steps := v, 0; cur >= 0 && steps < 3; steps++ {
		for _, k := range s.kids[cur] {
			r := s.toks[k].Rel
			if !(relIs(r, "obl") || relIs(r, "nmod")) || !placePreps[s.caseOf(k)] {
				continue
			}
			lo, hi := s.subtreeSpan(k)
			for i := lo; i < hi; i++ {
				if s.toks[i].UPOS != "PROPN" {
					continue
				}
				if n, p := ac.c.dict.MatchPlace(s.norm[i:hi]); n > 0 && p != nil {
					return location(p)
				}
			}
		}
		if r := s.toks[cur].Rel; r != "conj" && r != "xcomp" {
			break
		}
		cur = s.toks[cur].Head
	}
	// The parse may attach the place to a noun of the clause ("met X on Tuesday in Panama"):
	// take the first "in/at PLACE" of the clause.
	queue := []int{v}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, k := range s.kids[cur] {
			if clauseRels[s.toks[k].Rel] {
				continue
			}
			if s.toks[k].UPOS == "PROPN" && placePreps[s.caseOf(k)] {
				if p := ac.placeAt(s, k); p != nil {
					return location(p)
				}
			}
			queue = append(queue, k)
		}
	}
	return nil
}

// placeMention makes a mention of a place named at token t or in its "of X" modifier ("the border
// town of Ras al-Ain"): the place's country, with civilians as the agent for a town or region.
func (ac *articleCoder) placeMention(s *sentence, t int) *mention {
	if s.toks[t].UPOS != "PROPN" && !placeNouns[s.lemma[t]] {
		return nil // a topic ("the Palestine-Israel conflict") is not a place
	}
	lo, hi := s.coreSpan(t)
	for lo < t && s.toks[lo].Rel == "case" {
		lo++ // the text of the place, not its preposition
	}
	for i := lo; i < hi; i++ {
		if s.toks[i].UPOS != "PROPN" {
			continue
		}
		p := ac.placeAt(s, i)
		if p == nil {
			continue
		}
		a := dyad.Actor{Name: p.Name, Country: p.Country, Code: p.Country}
		if p.Kind != "country" {
			a.Agent, a.Code = dyad.AgentCVL, p.Country+dyad.AgentCVL
		}
		return &mention{start: lo, end: hi, head: t, kind: named, actor: a}
	}
	return nil
}

// placeNouns name places whose people an event can target ("the border town of X").
var placeNouns = map[string]bool{"town": true, "city": true, "village": true, "region": true, "province": true,
	"area": true, "district": true, "territory": true, "enclave": true, "camp": true, "neighbourhood": true,
	"neighborhood": true, "capital": true, "port": true, "state": true, "strip": true, "hospital": true,
	"school": true, "market": true, "settlement": true, "suburb": true, "island": true, "base": true}

// placeAt returns the gazetteer place named by the proper noun at token i and its flat parts.
func (ac *articleCoder) placeAt(s *sentence, i int) *dict.Place {
	lo, hi := s.nameSpan(i)
	if n, p := ac.c.dict.MatchPlace(s.norm[min(lo, i):hi]); n > 0 {
		return p
	}
	return nil
}

func location(p *dict.Place) *dyad.Location {
	return &dyad.Location{Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon}
}
