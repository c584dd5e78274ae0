package coder

import "github.com/dyad-events/dyad"

// placePreps introduce where an event happened.
var placePreps = map[string]bool{"in": true, "at": true, "near": true, "inside": true, "outside": true}

// eventPlace returns where the event at token v happened: an "in X"/"at X" modifier of the verb
// (or of the verbs it is conjoined to) that names a place in the gazetteer.
func (ac *articleCoder) eventPlace(s *sentence, v int) *dyad.Location {
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
					return &dyad.Location{Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon}
				}
			}
		}
		if r := s.toks[cur].Rel; r != "conj" && r != "xcomp" {
			break
		}
		cur = s.toks[cur].Head
	}
	return nil
}
