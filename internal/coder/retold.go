package coder

import "github.com/dyad-events/dyad"

// dropRetold removes, among the events the sentence added from index from of ac.events on, those
// that tell again an act the sentence has already coded between the same two countries:
//   - a meeting (040) that is part of a visit between them (042, 043): the dev guidelines code the
//     visit instead ("Sisi greeted his guest before the two men held talks");
//   - an act told by a participle that elaborates the act of its head verb, with the same root
//     ("held talks, meeting on the sidelines of the summit": one meeting, coded by the main verb).
func (ac *articleCoder) dropRetold(s *sentence, from int) {
	if len(s.events) < 2 {
		return
	}
	pair := func(e *dyad.Event) [2]string { return [2]string{e.Source.Country, e.Target.Country} }
	visits := map[[2]string]bool{}
	for i := range s.events {
		if e := &s.events[i]; e.CAMEO == "042" || e.CAMEO == "043" {
			p := pair(e)
			visits[p], visits[[2]string{p[1], p[0]}] = true, true
		}
	}
	drop := map[string]bool{}
	for i := range s.events {
		e := &s.events[i]
		if e.CAMEO == "040" && visits[pair(e)] {
			drop[e.ID] = true
			continue
		}
		v := s.evVerb[i]
		if conflictRoot(e.CAMEO) {
			continue // "fired missiles at cities, killing 11": fighting told by a participle is an act of its own
		}
		if v < 0 || v >= len(s.toks) || s.rel(v) != "advcl" || s.toks[v].XPOS != "VBG" || s.child(v, "nsubj", "nsubj:pass") >= 0 {
			continue
		}
		h := s.toks[v].Head
		for j := range s.events {
			f := &s.events[j]
			if j != i && s.evVerb[j] == h && f.CAMEO[:2] == e.CAMEO[:2] && pair(f) == pair(e) {
				drop[e.ID] = true
				if f.Location == nil && e.Location != nil { // "..., meeting in Lima": the meeting was in Lima
					ac.setLocation(from, f, e.Location)
				}
				break
			}
		}
	}
	ac.dropEvents(s, from, drop)
}

// setLocation gives the sentence's event e, and its copy among the article's events from index
// from on, the location loc.
func (ac *articleCoder) setLocation(from int, e *dyad.Event, loc *dyad.Location) {
	e.Location = loc
	for i := from; i < len(ac.events); i++ {
		if ac.events[i].ID == e.ID {
			ac.events[i].Location = loc
		}
	}
}
