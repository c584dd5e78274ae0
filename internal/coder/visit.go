package coder

import (
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/dict"
)

// dropVisitedCapitals removes, among the events the sentence added from index from of ac.events on,
// a visit (042, 043) whose host is a capital named as the place visited when the same sentence
// codes the same visit with a host of that country named as such: in "Deby flew to Niamey and met
// the junta's leaders" the visit is to the junta, and Niamey is where it happened.
func (ac *articleCoder) dropVisitedCapitals(s *sentence, from int) {
	host := func(e *dyad.Event) (dyad.Actor, dyad.Actor) {
		if e.CAMEO == "043" {
			return e.Source, e.Target
		}
		return e.Target, e.Source
	}
	drop := map[string]bool{}
	for i := from; i < len(ac.events); i++ {
		e := &ac.events[i]
		if e.CAMEO != "042" && e.CAMEO != "043" {
			continue
		}
		h, guest := host(e)
		if !ac.isCapital(h) {
			continue
		}
		for j := from; j < len(ac.events); j++ {
			f := &ac.events[j]
			if f.CAMEO != e.CAMEO {
				continue
			}
			fh, fguest := host(f)
			if fguest.Code == guest.Code && fh.Country == h.Country && fh.Code != h.Code && !ac.isCapital(fh) {
				drop[e.ID] = true
				break
			}
		}
	}
	if len(drop) == 0 {
		return
	}
	ac.dropEvents(s, from, drop)
}

// dropEvents removes the events whose IDs drop holds from the sentence and, from index from on,
// from the article.
func (ac *articleCoder) dropEvents(s *sentence, from int, drop map[string]bool) {
	if len(drop) == 0 {
		return
	}
	out := ac.events[:from]
	for _, e := range ac.events[from:] {
		if !drop[e.ID] {
			out = append(out, e)
		}
	}
	ac.events = out
	n := 0
	for i, e := range s.events {
		if !drop[e.ID] {
			s.events[n], s.evVerb[n] = e, s.evVerb[i]
			n++
		}
	}
	s.events, s.evVerb = s.events[:n], s.evVerb[:n]
}

// isCapital reports whether an actor is named by a capital city ("Niamey").
func (ac *articleCoder) isCapital(a dyad.Actor) bool {
	ws := strings.Fields(a.Text)
	if len(ws) == 0 {
		return false
	}
	for i, w := range ws {
		ws[i] = dict.Norm(w)
	}
	n, e := ac.c.dict.MatchActor(ws)
	return n == len(ws) && e.Kind == dict.Capital
}
