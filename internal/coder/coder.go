// Package coder turns an analysed article (sentences, tags, lemmas and a dependency parse) into
// coded events: it finds actor mentions with the dictionaries, resolves pronouns and descriptions
// across the article, matches event patterns on the verbs and event nouns of the parse, filters
// negated and hypothetical events, and resolves each event's date and place.
package coder

import (
	"fmt"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/dict"
	"github.com/dyad-events/dyad/internal/nlp"
)

// Coder codes analysed articles. It holds only read-only data and is safe for concurrent use.
type Coder struct {
	dict *dict.Dict
}

// New returns a coder that uses the dictionaries d.
func New(d *dict.Dict) *Coder { return &Coder{dict: d} }

// AnalysisText returns the text of an article as the NLP pipeline should analyse it: the same
// bytes, with a dateline ("KYIV, July 24 - ") blanked out so that the parser sees the story's
// first sentence as it is written. Offsets into it are offsets into text.
func AnalysisText(text string) string {
	_, end := dateline(text)
	if end == 0 {
		return text
	}
	return strings.Repeat(" ", end) + text[end:]
}

// Code returns the events of an article whose text (its AnalysisText) has been analysed into doc.
func (c *Coder) Code(a *dyad.Article, doc *nlp.Doc) []dyad.Event {
	ac := &articleCoder{c: c, art: a, doc: doc, date: a.Date}
	return ac.run()
}

// articleCoder holds the state of coding one article: the sentences analysed so far and the
// entities mentioned in them, for coreference.
type articleCoder struct {
	c        *Coder
	art      *dyad.Article
	doc      *nlp.Doc
	date     dyad.Date
	sents    []*sentence
	entities []*entity
	events   []dyad.Event
	countryN map[string]int // how often each country is mentioned, for agents without a country

	lastDate     dyad.Date // the latest date a time expression gave, and the sentence it was in
	lastDateSent int
	storyDate    dyad.Date // the first time expression of the latest sentence that had one
	storySent    int
	scene        string // the country the story last said something happened in
	datelineEnd  int    // byte offset after the dateline ("KYIV, July 24 - "), 0 when there is none
}

func (ac *articleCoder) run() []dyad.Event {
	ac.countryN = map[string]int{}
	var place []string
	place, ac.datelineEnd = dateline(ac.art.Text)
	ac.scene = ac.placeCountry(place) // where the story is filed from
	for i := range ac.doc.Sentences {
		s := newSentence(ac.doc, i, &ac.doc.Sentences[i])
		ac.sents = append(ac.sents, s)
		ac.findMentions(s)
	}
	ac.seatMetonymy()
	for _, s := range ac.sents {
		for _, m := range s.mentions {
			if m.actor.Country != "" && m.actor.Country != dyad.CountryIGO {
				ac.countryN[m.actor.Country]++
			}
		}
	}
	for _, s := range ac.sents {
		ac.resolveMentions(s)
		n := len(ac.events)
		ac.extract(s)
		ac.dropVisitedCapitals(s, n)
		ac.dropRetold(s, n)
		ac.noteStoryTime(s)
		if c := ac.sentencePlace(s); c != "" {
			ac.scene = c
		}
	}
	return ac.events
}

// igoSeats are capitals that news uses for an organisation seated there ("Brussels said it would
// withdraw the cases": the European Union), by the organisation's code.
var igoSeats = map[string]string{"Brussels": "IGOEUR"}

// seatMetonymy makes a capital in igoSeats stand for its organisation, as an actor, in an
// article that names the organisation; elsewhere it stays the host country's government.
func (ac *articleCoder) seatMetonymy() {
	named := map[string]dyad.Actor{}
	for _, s := range ac.sents {
		for _, m := range s.mentions {
			if _, seen := named[m.actor.Code]; !seen && m.actor.Country == dyad.CountryIGO {
				named[m.actor.Code] = m.actor
			}
		}
	}
	for _, s := range ac.sents {
		for _, m := range s.mentions {
			if m.actor.Agent != dyad.AgentGOV {
				continue
			}
			if a, ok := named[igoSeats[m.actor.Name]]; ok {
				m.actor = a
			}
		}
	}
}

// pressWords name the press as an audience.
var pressWords = map[string]bool{"reporter": true, "journalist": true, "press": true, "media": true,
	"correspondent": true, "newsman": true}

// emit adds an event unless the sentence already has one with the same source, code and target.
func (ac *articleCoder) emit(s *sentence, src, tgt *mention, code string, verb int, loc *dyad.Location) {
	if src == nil || tgt == nil || src.actor.Country == "" || tgt.actor.Country == "" {
		return
	}
	if src.sameActor(tgt) || src.actor.Code == tgt.actor.Code && src.actor.Agent != "" {
		return // an actor does not act on itself; nor, for coding, on its own sector of its own country
	}
	if sc, tc := src.actor, tgt.actor; sc.Country == tc.Country &&
		(sc.Agent == "" && (tc.Agent == "" || tc.Agent == dyad.AgentGOV) || tc.Agent == "" && sc.Agent == dyad.AgentGOV) {
		return // a country and its own government are one actor
	}
	if code == "010" {
		return // a bare "make statement" says nothing of whom it is to: not coded
	}
	if (code == "042" || code == "043") && src.actor.Country == tgt.actor.Country {
		return // a visit is to another country: "Biden greeted the freed Americans" hosts no one
	}
	if sc, tc := src.actor, tgt.actor; sc.Country == tc.Country && sc.Agent == dyad.AgentMIL && tc.Agent == dyad.AgentGOV &&
		(code[:2] == "18" || code[:2] == "19" || code[:2] == "20") {
		return // a country's forces striking its own government is a misread target ("warplanes struck ... near Lima")
	}
	if (code[:2] == "01" || code[:2] == "04") && (pressWords[s.headLemma(tgt)] || pressWords[s.headLemma(src)] ||
		code[:2] == "01" && tgt.actor.Agent == dyad.AgentMED) {
		return // talking to reporters is not an event between the speaker and the press
	}
	code = refine(s, verb, code, src, tgt)
	sa, ta := src.dyadActor(s), tgt.dyadActor(s)
	for _, e := range s.events {
		if e.CAMEO == code && sameSide(e.Source, sa) && sameSide(e.Target, ta) {
			return // "support for Israel's security" read as Israel and as its government: one event
		}
	}
	ev := dyad.Event{
		Doc:      ac.art.ID,
		Sentence: s.index,
		DocDate:  ac.art.Date,
		Date:     ac.eventDate(s, verb, [2]string{sa.Country, ta.Country}),
		Source:   sa,
		Target:   ta,
		Evidence: s.text(),
		Span:     dyad.Span{Start: s.sent.Start, End: s.sent.End},
		Location: loc,
	}
	ev.Source, ev.Target = ac.atEventDate(src, ev.Source, ev.Date), ac.atEventDate(tgt, ev.Target, ev.Date)
	if !ev.SetCode(code) {
		return
	}
	ev.ID = fmt.Sprintf("%s-%d-%d", ac.art.ID, s.index, len(s.events))
	s.events = append(s.events, ev)
	s.evVerb = append(s.evVerb, verb)
	ac.events = append(ac.events, ev)
}

// atEventDate returns actor a of mention m in the role its person held on the event's date, when
// that differs from the article's: a commander killed on Friday is a commander in Friday's
// event, though a story written on Monday would call him dead. Only a role the dictionary gave
// for the article's date is replaced (not one the sentence gave, such as an apposition's).
func (ac *articleCoder) atEventDate(m *mention, a dyad.Actor, date dyad.Date) dyad.Actor {
	e := m.entry
	if e == nil && m.entity != nil {
		e = m.entity.entry
	}
	if e == nil || date.IsZero() || date == ac.date {
		return a
	}
	now, ok1 := e.Resolve(ac.date)
	then, ok2 := e.Resolve(date)
	if !ok1 || !ok2 || now.Country != a.Country || now.Agent != a.Agent || then.Country != now.Country {
		return a
	}
	a.Agent, a.Code = then.Agent, then.Code
	if a.Code == "" {
		a.Code = a.Country + a.Agent
	}
	return a
}

// sameSide reports whether two actors are one for the events of a sentence: the same code, or a
// country and its own government.
func sameSide(a, b dyad.Actor) bool {
	if a.Code == b.Code {
		return true
	}
	return a.Country == b.Country && a.Country != "" && (a.Agent == "" && b.Agent == dyad.AgentGOV || a.Agent == dyad.AgentGOV && b.Agent == "")
}

// dateline returns the place an article is datelined from ("KYIV, July 24 -", "KUZNICA, Poland,
// Nov 16 -") as normalised words, and the byte offset where the story itself starts; end is 0 when
// the article has no dateline.
func dateline(t string) (words []string, end int) {
	i := strings.IndexByte(t, ',')
	if i <= 0 || i > 40 {
		return nil, 0
	}
	head := t[:i]
	if strings.ToUpper(head) != head || strings.ToLower(head) == head {
		return nil, 0
	}
	d := strings.Index(t[:min(len(t), i+40)], " - ")
	if d < 0 {
		return nil, 0
	}
	for w := range strings.FieldsSeq(head) {
		words = append(words, dict.Norm(w))
	}
	return words, d + 3
}

// placeCountry returns the country of the gazetteer place the normalised words name exactly, or "".
func (ac *articleCoder) placeCountry(words []string) string {
	if len(words) == 0 {
		return ""
	}
	if n, p := ac.c.dict.MatchPlace(words); n == len(words) && p != nil {
		return p.Country
	}
	return ""
}
