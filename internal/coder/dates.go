package coder

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
)

var weekdays = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

var months = map[string]time.Month{"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12}

// timeRels are the relations under which a verb's time expressions hang.
var timeRels = []string{"obl", "obl:tmod", "obl:npmod", "nmod:tmod", "nmod", "advmod", "nmod:npmod", "obl:unmarked"}

// eventDate resolves the date of the event triggered at token v between the countries of pair
// from the time expressions of its clause (or of the verbs it is conjoined to or controlled by);
// else from the story (see carriedDate).
func (ac *articleCoder) eventDate(s *sentence, v int, pair [2]string) dyad.Date {
	if ac.date.IsZero() {
		return ac.date
	}
	return ac.dateAt(s, v, 0, pair)
}

// dateAt is eventDate for token v, depth levels into "N days after ..." anchors. It looks for a
// time up a chain of at most six clauses ("a rally on Sunday at which thousands tried to storm
// the embassy and set fire to its gate before police dispersed them": Sunday).
func (ac *articleCoder) dateAt(s *sentence, v, depth int, pair [2]string) dyad.Date {
	future := s.modal(v)
	if d, ok := ac.afterAnchor(s, v, depth, pair); ok {
		return d
	}
	if d, ok := ac.namedAnchor(s, v); ok {
		return d
	}
	if depth == 0 && s.futureAct(v) {
		if d, ok := ac.statementTime(s, v); ok {
			return d
		}
	}
	for cur, steps := v, 0; cur >= 0 && steps < 6; steps++ {
		if cur != v { // "said on Friday that they would work together": Friday is the saying's
			future = s.modal(cur)
		}
		if d, ok := s.clauseTime(cur, ac.date, future); ok {
			ac.lastDate, ac.lastDateSent = d, s.index
			if cur != v && s.pastPerfect(v) { // "said on Wednesday that soldiers had killed ..."
				return ac.earlierStoryTime(s, d)
			}
			return d
		}
		r := s.toks[cur].Rel
		if h := s.toks[cur].Head; h >= 0 && s.toks[h].UPOS != "VERB" && (relIs(r, "acl") || relIs(r, "advcl")) &&
			(s.whenClause(cur) || s.timeHead(h)) {
			// a clause hung on a time noun before it: "on March 4, when a court convicted him";
			// "Late on Monday, the army attacked ..." parsed with the clause under "Monday"
			lo, _ := s.subtreeSpan(h)
			clo, _ := s.subtreeSpan(cur)
			if lo < clo {
				if d, ok := resolveTime(s.lemma[lo:clo], ac.date, future); ok {
					return d
				}
			}
		}
		if (relIs(r, "advcl") || relIs(r, "acl") || r == "parataxis") && s.whenClause(cur) && s.toks[cur].Head >= 0 {
			// "fighting broke out on Tuesday, when troops attacked": the time of the clause it
			// hangs on
			cur = s.toks[cur].Head
			continue
		}
		if r != "conj" && r != "xcomp" && r != "obj" && r != "acl:relcl" && r != "ccomp" &&
			!(relIs(r, "nsubj") && s.toks[cur].UPOS == "NOUN") && // "the truce took effect on Monday"
			!(r == "advcl" && s.nonFinite(cur)) && // "signed an order on Saturday imposing tariffs"
			!(r == "advcl" && s.hasChildLemma(cur, "mark", "before", "as", "while", "until")) && // "stormed the embassy on Sunday before police dispersed them"
			!(s.isNoun(cur) && measureRels[r]) { // "ended two days of talks on Friday"
			break
		}
		cur = s.toks[cur].Head
	}
	// A time found by word order alone is a repair of the parse: it dates v, not the story.
	if d, ok := s.linearTime(v, ac.date, s.modal(v)); ok {
		return d
	}
	if d, ok := ac.storyTime(s); ok {
		return d
	}
	if d, ok := ac.attributionTime(s, v); ok {
		return d
	}
	return ac.carriedDate(s, v, pair)
}

// carriedDate dates the event of token v when its sentence gives no time of its own. A verb in
// the present perfect ("has denied") tells how things stand now: the article date. Else the
// story goes on at the time the sentence before set ("On Sunday, X did A. It also did B."): the
// time it gave an event, or else the time its main clause states, whether or not that clause
// was coded as an event. A sentence told in the past perfect looks back from the story ("X met
// Y on Saturday. The day before, X had visited Z. They pledged ..."): the story goes on at the
// time the sentence before it set. When the sentence before sets no time either, an act told in
// the past between the two countries the lead's events are between belongs to the lead's story
// and takes its time ("X freed Y's reporter on Thursday in a swap. ... X also freed Y's marine"),
// as does an act told with the verb of one of the lead's events ("... Z also freed a medic").
// Else the article date.
func (ac *articleCoder) carriedDate(s *sentence, v int, pair [2]string) dyad.Date {
	if s.presentPerfect(v) {
		return ac.date
	}
	prev := s.index - 1
	for prev > 0 && prev < len(ac.sents) && ac.sents[prev].flashback() {
		prev--
	}
	if !ac.lastDate.IsZero() && ac.lastDateSent >= prev &&
		!(ac.lastDateSent < s.index && ac.sents[ac.lastDateSent].flashback()) { // a look back does not move the story
		return ac.lastDate
	}
	if prev >= 0 && prev < len(ac.sents) {
		if d, ok := ac.mainTime(ac.sents[prev]); ok {
			return d
		}
	}
	if s.index > 0 {
		if d, ok := ac.mainTime(ac.sents[0]); ok && !s.presentTense(v) && (ac.leadPair(pair) || ac.leadAct(s, v)) {
			return d
		}
	}
	return ac.date
}

// flashback reports whether the main clause of sentence s is in the past perfect ("The day
// before, he had visited Lima."), with no verb in the simple past beside it ("X, whose
// government had stalled the bill, told parliament ..." parsed with "stalled" as the root).
func (s *sentence) flashback() bool {
	r := s.sent.Root()
	if r < 0 || !s.pastPerfect(r) {
		return false
	}
	for _, k := range s.kids[r] {
		if s.toks[k].Rel == "conj" && s.toks[k].XPOS == "VBD" {
			return false
		}
	}
	return true
}

// presentPerfect reports whether v is in the present perfect ("has denied"), which tells of the
// state of things now, not of a time the story has reached.
func (s *sentence) presentPerfect(v int) bool {
	if v < 0 {
		return false
	}
	for _, k := range s.kids[v] {
		if s.toks[k].Rel == "aux" && (s.norm[k] == "has" || s.norm[k] == "have" || s.norm[k] == "'ve") {
			return true
		}
	}
	if r := s.toks[v].Rel; r == "conj" && s.toks[v].Head >= 0 {
		return s.presentPerfect(s.toks[v].Head)
	}
	return false
}

// afterAnchor dates an event told as happening some time before or after another one ("a day
// after Kyiv accused Moscow", "three days after X hosted Y", "a week before the vote"): the date
// of the governing clause moved by the stated interval. It reports false when v is not in such a
// clause or the interval is not stated.
func (ac *articleCoder) afterAnchor(s *sentence, v, depth int, pair [2]string) (dyad.Date, bool) {
	if depth > 2 {
		return dyad.Date{}, false
	}
	// Find the clause or phrase that "after"/"before" introduces: v itself, or a node above it
	// ("three days after the two countries signed a deal" may parse "after" onto "countries").
	if _, ok := s.clauseTime(v, ac.date, false); ok {
		return dyad.Date{}, false // "was detained on Monday, a day after ...": the event's own time wins
	}
	if d, ok := ac.treeAfter(s, v, depth, pair); ok {
		return d, true
	}
	return ac.linearAfter(s, v, depth, pair)
}

// treeAfter is afterAnchor read from the parse.
func (ac *articleCoder) treeAfter(s *sentence, v, depth int, pair [2]string) (dyad.Date, bool) {
	cur, sign := v, 0
	for steps := 0; steps < 3 && cur >= 0; steps++ {
		if sign = s.afterSign(cur); sign != 0 {
			break
		}
		if r := s.toks[cur].Rel; r != "conj" && r != "acl" && r != "acl:relcl" && !relIs(r, "nsubj") {
			return dyad.Date{}, false
		}
		cur = s.toks[cur].Head
	}
	if sign == 0 || cur < 0 || s.toks[cur].Head < 0 {
		return dyad.Date{}, false
	}
	gov := s.toks[cur].Head
	days, found := s.duration(cur)
	if !found { // "followed a day after X spoke": the interval hangs on the governing verb
		days, found = s.duration(gov)
	}
	if !found {
		return dyad.Date{}, false
	}
	for steps := 0; steps < 8 && gov >= 0 && s.toks[gov].UPOS != "VERB" && s.toks[gov].Head >= 0; steps++ {
		gov = s.toks[gov].Head
	}
	anchor := ac.dateAt(s, gov, depth+1, pair)
	return anchor.AddDays(sign * days), true
}

// linearAfter is afterAnchor read from the words when the parse has lost the "after" clause
// ("came less than 24 hours after Russia and Ukraine signed the deal" with "signed" a conjunct of
// "came"): v is the first verb after an "after" or "before" that follows a stated interval, with
// no verb or comma between; the anchor is the verb before the interval. An interval left unstated
// ("days after") dates v by the time the article gives the same kind of event elsewhere.
func (ac *articleCoder) linearAfter(s *sentence, v, depth int, pair [2]string) (dyad.Date, bool) {
	if s.toks[v].UPOS != "VERB" {
		return dyad.Date{}, false
	}
	a := v - 1
	for ; a >= 0; a-- {
		if s.lemma[a] == "after" || s.lemma[a] == "before" || s.toks[a].UPOS == "VERB" || s.norm[a] == "," {
			break
		}
	}
	if a < 2 || s.lemma[a] != "after" && s.lemma[a] != "before" {
		if h := s.toks[v].Head; s.toks[v].Rel == "conj" && h >= 0 && h < v {
			// "a day after X declared himself president and was recognised by Y": a conjunct
			// shares the interval of the verb before it that it is joined to
			return ac.linearAfter(s, h, depth, pair)
		}
		return dyad.Date{}, false
	}
	sign := -1
	if s.lemma[a] == "before" {
		sign = 1
	}
	days, ok := unitDays(s.lemma[a-1], numberValue(s.norm[a-2]))
	if !ok {
		if s.unstatedInterval(a - 1) {
			for gov := a - 2; gov >= 0; gov-- {
				if s.toks[gov].UPOS == "VERB" {
					return ac.elsewhereTime(s, v, ac.dateAt(s, gov, depth+1, pair), sign)
				}
			}
		}
		return dyad.Date{}, false
	}
	gov := a - 2
	for ; gov >= 0 && s.toks[gov].UPOS != "VERB"; gov-- {
	}
	if gov < 0 {
		return dyad.Date{}, false
	}
	return ac.dateAt(s, gov, depth+1, pair).AddDays(sign * days), true
}

// unitDays gives an interval of n units ("24 hours", "three days", "a week") in days: hours,
// minutes and moments count as whole days only from 24 hours ("hours after" is the same day);
// days and weeks need a number ("days after" says none).
func unitDays(unit string, n int) (int, bool) {
	switch unit {
	case "hour", "minute", "moment":
		return n / 24, true
	case "day":
		return n, n > 0
	case "week":
		return 7 * n, n > 0
	}
	return 0, false
}

// afterSign is -1 when token k is introduced by "after", 1 by "before", else 0.
func (s *sentence) afterSign(k int) int {
	for _, j := range s.kids[k] {
		if r := s.toks[j].Rel; r == "mark" || r == "case" {
			switch s.lemma[j] {
			case "after":
				return -1
			case "before":
				return 1
			}
		}
	}
	return 0
}

// duration reads an interval ("a day", "three days", "a week", "hours") among the dependents of
// k, in days.
func (s *sentence) duration(k int) (int, bool) {
	for _, j := range s.kids[k] {
		l := s.lemma[j]
		if l != "day" && l != "week" && l != "hour" && l != "minute" && l != "moment" {
			continue
		}
		if r := s.toks[j].Rel; !(relIs(r, "obl") || relIs(r, "nmod") || r == "advmod") {
			continue
		}
		n := 0
		for _, kk := range s.kids[j] {
			if x := numberValue(s.norm[kk]); x > 0 {
				n = x
			}
		}
		return unitDays(l, n)
	}
	return 0, false
}

// storyTime dates a sentence that places itself relative to the time the story last gave ("Hours
// later, ...", "The next day, ...", "the previous day", "two days later"): that time moved
// accordingly. Vague words ("later", "within hours") count only in the sentence's opening
// phrase; a stated number of days ("a day later", "the following day") anywhere in it.
func (ac *articleCoder) storyTime(s *sentence) (dyad.Date, bool) {
	if ac.storyDate.IsZero() || s.index-ac.storySent > 3 || s.index == ac.storySent {
		return dyad.Date{}, false
	}
	w := s.norm
	for i := range w {
		opening := i < 6
		next := func(x string) bool { return i+1 < len(w) && w[i+1] == x }
		prev := func(x string) bool { return i > 0 && w[i-1] == x }
		switch w[i] {
		case "later", "earlier":
			if i >= 2 && (prev("day") || prev("days")) {
				if n := numberValue(w[i-2]); n > 0 {
					if w[i] == "earlier" {
						n = -n
					}
					return ac.storyDate.AddDays(n), true
				}
			}
			if opening && w[i] == "later" && (prev("hours") || prev("minutes") || prev("moments") || i == 0) {
				return ac.storyDate, true
			}
		case "within":
			if opening && (next("hours") || next("minutes")) {
				return ac.storyDate, true
			}
		case "shortly":
			if opening && (next("after") || next("afterwards") || next("afterward")) {
				return ac.storyDate, true
			}
		case "next", "following":
			if prev("the") && next("day") {
				return ac.storyDate.AddDays(1), true
			}
		case "previous":
			if prev("the") && next("day") {
				return ac.storyDate.AddDays(-1), true
			}
		case "same":
			if opening && prev("the") && next("day") {
				return ac.storyDate, true
			}
		}
	}
	return dyad.Date{}, false
}

// noteStoryTime records the time the main clause of a sentence states as the time the story has
// reached. A time in a clause under it does not move the story ("He said he had raised the
// matter when the two met on September 10. Shortly afterwards, ...": not September 10).
func (ac *articleCoder) noteStoryTime(s *sentence) {
	if ac.date.IsZero() {
		return
	}
	if d, ok := ac.mainTime(s); ok {
		ac.storyDate, ac.storySent = d, s.index
	} else if d, ok := ac.storyTime(s); ok { // "A day later, ...": the story has moved on
		ac.storyDate, ac.storySent = d, s.index
	}
}

// clauseRels start a clause of their own: time expressions under them date another event.
var clauseRels = map[string]bool{"ccomp": true, "advcl": true, "acl": true, "acl:relcl": true,
	"parataxis": true, "csubj": true, "xcomp": true, "conj": true}

// clauseTime finds a time expression in the clause of v: its time modifiers first, then those of
// the nouns of the clause ("met X in Lima on Tuesday" with "on Tuesday" under "Lima").
func (s *sentence) clauseTime(v int, doc dyad.Date, future bool) (dyad.Date, bool) {
	queue := []int{v}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, k := range s.kids[cur] {
			r := s.toks[k].Rel
			// "the accusation, made on Monday": a participle under an event noun tells its time
			if clauseRels[r] && !(cur == v && s.occasion(k)) && !s.subjectOccasion(cur, k, v) &&
				!(cur == v && s.isNoun(v) && r == "acl" && s.nonFinite(k)) {
				continue
			}
			// "Monday's raid killed ...": a weekday owning the event noun or the subject of v
			// (not an object: "condemned Monday's raid" is no condemnation on Monday)
			if r == "nmod:poss" && s.timeHead(k) && (cur == v || relIs(s.toks[cur].Rel, "nsubj") && s.toks[cur].Head == v) {
				if d, ok := resolveTime(s.lemma[k:k+1], doc, future); ok {
					return d, true
				}
			}
			// "who last week accused ..." with "last week" taken for a subject or an object
			// "On Monday Albares summoned ..." with "Monday" taken for a part of the name
			if slices.Contains(timeRels, r) || (relIs(r, "nsubj") || r == "obj" || r == "dep" || r == "compound") && s.timeHead(k) {
				lo, hi := s.subtreeSpan(k)
				if d, ok := resolveTime(s.lemma[lo:hi], doc, future); ok {
					return d, true
				}
			}
			queue = append(queue, k)
		}
	}
	return dyad.Date{}, false
}

// background reports whether the event of token v is placed in an earlier year by its own clause
// ("severed relations in 2016", "signed in March 2001", "two decades ago"): history the article
// recalls, which the guidelines leave uncoded, not news it reports. "Since 2016" is not history:
// it says the act goes on.
func (ac *articleCoder) background(s *sentence, v int) bool {
	if ac.date.IsZero() || v < 0 {
		return false
	}
	for steps := 0; steps < 3; steps++ { // "in 2016 after protesters stormed ...": the same history
		if ac.backgroundClause(s, v) {
			return true
		}
		if r := s.toks[v].Rel; s.toks[v].Head < 0 || r != "advcl" && r != "conj" && r != "xcomp" {
			return false
		}
		if _, ok := s.clauseTime(v, ac.date, false); ok {
			return false // a clause dated on its own
		}
		v = s.toks[v].Head
	}
	return false
}

// backgroundClause reports whether a time modifier of v itself names an earlier year.
func (ac *articleCoder) backgroundClause(s *sentence, v int) bool {
	for _, k := range s.kids[v] {
		if slices.Contains(timeRels, s.toks[k].Rel) {
			lo, hi := s.subtreeSpan(k)
			if pastYear(s.lemma[lo:hi], ac.date) {
				return true
			}
		}
	}
	return false
}

// pastYear reports whether a time expression names a year before the one of doc, with no day ("in
// 2016", "in March 2001", "in late 2019"), or counts years back ("two decades ago").
func pastYear(words []string, doc dyad.Date) bool {
	for i, w := range words {
		if w == "ago" && i > 0 && (strings.HasPrefix(words[i-1], "year") || strings.HasPrefix(words[i-1], "decade")) {
			return true
		}
		y := yearValue(w)
		if y == 0 || y >= doc.Year() {
			continue
		}
		prev := ""
		if i > 0 {
			prev = words[i-1]
		}
		if _, month := months[prev]; month && i > 1 && dayValue(words[i-2]) > 0 {
			return false // "14 March 2019" has a day: a date, which dates the event
		}
		if i > 1 && dayValue(strings.TrimSuffix(prev, ",")) > 0 {
			return false // "March 14, 2019"
		}
		for j := i - 1; j >= 0 && j >= i-3; j-- {
			if words[j] == "since" || words[j] == "until" || words[j] == "till" {
				return false
			}
			if words[j] == "in" || words[j] == "during" {
				return true
			}
		}
	}
	return false
}

// timeHead reports whether token k is the head noun of a time expression: a weekday, "week",
// "month", "year", "weekend", "yesterday", "today".
func (s *sentence) timeHead(k int) bool {
	switch l := s.lemma[k]; l {
	case "week", "month", "year", "weekend", "yesterday", "today", "tonight":
		return true
	default:
		_, ok := weekdays[l]
		return ok
	}
}

// resolveTime reads a time expression (normalised words) against the article date: weekdays,
// yesterday/today, last week/month, "Oct. 14", "14 October 2023", "three days ago".
func resolveTime(words []string, doc dyad.Date, future bool) (dyad.Date, bool) {
	w := make([]string, 0, len(words))
	for _, x := range words {
		x = strings.TrimSuffix(x, ".")
		if x != "" && x != "," && x != "the" && x != "on" && x != "of" {
			w = append(w, x)
		}
	}
	has := func(i int, s string) bool { return i >= 0 && i < len(w) && w[i] == s }
	for i, x := range w {
		switch x {
		case "yesterday":
			return doc.AddDays(-1), true
		case "today", "tonight":
			return doc, true
		case "night", "morning", "afternoon", "evening":
			if has(i-1, "last") && x == "night" {
				return doc.AddDays(-1), true
			}
			if has(i-1, "this") {
				return doc, true
			}
		case "week":
			if has(i-1, "last") || has(i-1, "past") {
				return doc.AddDays(-7), true
			}
		case "month":
			if has(i-1, "last") {
				return doc.AddMonths(-1), true
			}
		case "ago":
			if i >= 2 {
				n := numberValue(w[i-2])
				switch strings.TrimSuffix(w[i-1], "s") {
				case "day":
					return doc.AddDays(-n), n > 0
				case "week":
					return doc.AddDays(-7 * n), n > 0
				}
			}
		}
		if wd, ok := weekdays[x]; ok {
			if has(i+2, "week") && (has(i+1, "last") || has(i+1, "next")) { // "on Monday last week"
				monday := doc.AddDays(-((int(doc.Weekday()) + 6) % 7))
				week := -7
				if w[i+1] == "next" {
					week = 7
				}
				return monday.AddDays(week + (int(wd)+6)%7), true
			}
			back := (int(doc.Weekday()) - int(wd) + 7) % 7
			if has(i-1, "next") || (future && !has(i-1, "last")) {
				return doc.AddDays((int(wd) - int(doc.Weekday()) + 7) % 7), true
			}
			if has(i-1, "last") && back == 0 {
				back = 7
			}
			return doc.AddDays(-back), true
		}
		if m, ok := months[x]; ok {
			day, year := 0, 0
			if i+1 < len(w) {
				day = dayValue(w[i+1])
				if i+2 < len(w) {
					year = yearValue(w[i+2])
				}
			}
			if day == 0 && i > 0 {
				day = dayValue(w[i-1])
				if i+1 < len(w) {
					year = yearValue(w[i+1])
				}
			}
			if day == 0 {
				continue
			}
			if year == 0 {
				year = doc.Year()
				if d := dyad.DateOf(year, m, day); doc.DaysUntil(d) > 31 {
					year--
				}
			}
			return dyad.DateOf(year, m, day), true
		}
	}
	return dyad.Date{}, false
}

// errNotNumber is atoi's error for a word that is not all digits.
var errNotNumber = errors.New("not a number")

// atoi is strconv.Atoi for the words of a sentence, most of which are not numbers: it turns those
// away before strconv builds an error for each.
func atoi(s string) (int, error) {
	if s == "" {
		return 0, errNotNumber
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && !(i == 0 && (s[i] == '-' || s[i] == '+') && len(s) > 1) {
			return 0, errNotNumber
		}
	}
	return strconv.Atoi(s)
}

func dayValue(s string) int {
	s = strings.TrimRight(s, "stndrh")
	n, err := atoi(s)
	if err != nil || n < 1 || n > 31 {
		return 0
	}
	return n
}

func yearValue(s string) int {
	n, err := atoi(s)
	if err != nil || n < 1900 || n > 2100 {
		return 0
	}
	return n
}

func numberValue(s string) int {
	if n, err := atoi(s); err == nil {
		return n
	}
	for i, w := range []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"} {
		if s == w && i > 0 {
			return i
		}
	}
	if s == "a" {
		return 1
	}
	return 0
}

// measureRels join a noun to the noun phrase it is part of ("two days of talks") or a bare noun
// phrase to its verb ("ended two days of talks"), not a prepositional phrase to its verb ("was
// not involved in the offensive", which need not be as old as the involvement).
var measureRels = map[string]bool{"nmod": true, "obl:unmarked": true, "obl:tmod": true, "obl:npmod": true}

// isNoun reports whether token k is a noun, whose time is the time of the clause it is part of
// when it has none of its own.
func (s *sentence) isNoun(k int) bool {
	u := s.toks[k].UPOS
	return u == "NOUN" || u == "PROPN"
}

// occasion reports whether clause k is a participle clause set off before or beside its verb
// that tells the occasion of the act ("Speaking to reporters on Sunday, X said ...", "X,
// addressing a rally on Sunday, described ..."): its time is the time of the act.
func (s *sentence) occasion(k int) bool {
	if s.toks[k].Rel != "advcl" || s.toks[k].XPOS != "VBG" || !s.nonFinite(k) {
		return false
	}
	for _, j := range s.kids[k] {
		if s.toks[j].Rel == "mark" {
			return false // "after meeting X on Sunday", "before leaving": another time
		}
	}
	return k < s.toks[k].Head
}

// pastPerfect reports whether v is in the past perfect ("had killed", "had been detained"): an
// act before the time the clause it depends on speaks of.
func (s *sentence) pastPerfect(v int) bool {
	for _, k := range s.kids[v] {
		if s.toks[k].Rel == "aux" && s.norm[k] == "had" {
			return true
		}
	}
	return false
}

// earlierStoryTime is the latest time before d that the story has stated in the main clause of
// a sentence so far (up to sentence s): the time an act told in the past perfect of a report at d
// goes back to ("Soldiers opened fire on Tuesday night. Amnesty said on Wednesday that soldiers
// had killed 12 protesters."). It is d when the story has stated no earlier time.
func (ac *articleCoder) earlierStoryTime(s *sentence, d dyad.Date) dyad.Date {
	var best dyad.Date
	for _, p := range ac.sents[:min(s.index+1, len(ac.sents))] {
		if t, ok := ac.mainTime(p); ok && t.Before(d) && t.After(best) {
			best = t
		}
	}
	if best.IsZero() {
		return d
	}
	return best
}

// mainTime is the time the main clause of sentence s states, if it states one on or before the
// article date.
func (ac *articleCoder) mainTime(s *sentence) (dyad.Date, bool) {
	r := s.sent.Root()
	if r < 0 {
		return dyad.Date{}, false
	}
	d, ok := s.clauseTime(r, ac.date, s.modal(r))
	if !ok || d.After(ac.date) {
		return dyad.Date{}, false
	}
	return d, true
}

// linearTime finds a time expression next to verb v in the words of its own clause when the parse
// has hung it elsewhere ("met X in Taipei on Wednesday and said ..." with "on Wednesday" under the
// subject of "said"; "Kishida on Friday called ..."; "called the ban \"inhumane\" on Thursday"
// with "on Thursday" under the adjective): the nearest one after v before another verb or a
// conjunction that starts another clause, else the nearest one before v after the last verb or
// comma. "Since" followed by a date is read as a preposition, whatever the tagger made of it: an
// act that has gone on since a day is dated from that day.
func (s *sentence) linearTime(v int, doc dyad.Date, future bool) (dyad.Date, bool) {
	if v < 0 || s.toks[v].UPOS != "VERB" {
		return dyad.Date{}, false
	}
	at := func(k int) (dyad.Date, bool) {
		if _, month := months[s.norm[k]]; month && s.toks[k].UPOS == "PROPN" { // "since March 4" with "4" hung on another verb
			return resolveTime(s.lemma[max(k-1, 0):min(k+3, len(s.lemma))], doc, future)
		}
		if !s.timeHead(k) || relIs(s.toks[k].Rel, "nmod:poss") {
			return dyad.Date{}, false
		}
		lo, hi := s.subtreeSpan(k)
		return resolveTime(s.lemma[lo:hi], doc, future)
	}
	for k := v + 1; k < len(s.toks); k++ {
		if s.norm[k] == "since" && k+1 < len(s.toks) {
			if d, ok := at(k + 1); ok { // "have blocked roads since March 4": the act goes on from then
				return d, true
			}
		}
		if s.clauseStart(k) {
			break
		}
		if d, ok := at(k); ok {
			return d, true
		}
	}
	for k := v - 1; k >= 0; k-- {
		if s.toks[k].Rel == "cc" && s.toks[k].Head == v && s.toks[v].Rel == "conj" {
			continue // "... on Thursday and urged": a conjunct shares the time of the verb before it
		}
		if s.toks[k].UPOS == "VERB" || s.norm[k] == "," || s.clauseStart(k) {
			break
		}
		if d, ok := at(k); ok {
			return d, true
		}
	}
	return dyad.Date{}, false
}

// clauseStart reports whether token k is a verb, or a conjunction or marker that joins a clause
// ("and urged ...", "after X spoke", "; X said").
func (s *sentence) clauseStart(k int) bool {
	t := s.toks[k]
	switch {
	case t.UPOS == "VERB" || s.norm[k] == ";":
		return true
	case t.Rel == "mark" || t.UPOS == "SCONJ":
		return true
	case t.Rel == "cc" && t.Head >= 0 && s.toks[t.Head].UPOS == "VERB":
		return true
	}
	return false
}

// whenClause reports whether clause k is introduced by "when" ("..., when troops attacked").
func (s *sentence) whenClause(k int) bool {
	for _, j := range s.kids[k] {
		if r := s.toks[j].Rel; (r == "advmod" || r == "mark") && j < k && s.lemma[j] == "when" {
			return true
		}
	}
	return false
}

// statementTime dates an act told as one its subject will do ("Pakistan will release the pilot on
// Friday, Khan said on Thursday"): the coded event is the intent, stated when the statement was
// made, not when the act is to happen. It reports false when v's own clause states no time, so
// that the time of the clause v depends on dates it as usual.
func (ac *articleCoder) statementTime(s *sentence, v int) (dyad.Date, bool) {
	if _, ok := s.clauseTime(v, ac.date, true); !ok {
		return dyad.Date{}, false
	}
	for _, k := range s.kids[v] { // "..., Khan said on Thursday" hung on the reported clause
		if r := s.toks[k].Rel; (r == "parataxis" || r == "ccomp" || relIs(r, "advcl")) && reportVerbs[s.lemma[k]] {
			if d, ok := s.clauseTime(k, ac.date, false); ok {
				return d, true
			}
		}
	}
	if h := s.toks[v].Head; h >= 0 && reportVerbs[s.lemma[h]] {
		if d, ok := s.clauseTime(h, ac.date, false); ok {
			return d, true
		}
	}
	return ac.date, true
}

// attributionTime is the time of a report verb set beside the clause of v ("troops shelled the
// town overnight, the army said on Tuesday"): the time the act was reported.
func (ac *articleCoder) attributionTime(s *sentence, v int) (dyad.Date, bool) {
	for cur, steps := v, 0; cur >= 0 && steps < 3; steps++ {
		for _, k := range s.kids[cur] {
			// "X did Y, the ministry said on Monday", the report parsed as a parataxis or as a
			// conjunct with a subject of its own and no conjunction
			if r := s.toks[k].Rel; reportVerbs[s.lemma[k]] && k > cur && (r == "parataxis" ||
				r == "conj" && s.child(k, "nsubj") >= 0 && s.child(k, "cc") < 0) {
				if d, ok := s.clauseTime(k, ac.date, false); ok {
					return d, true
				}
			}
		}
		if s.toks[cur].Rel != "conj" {
			break
		}
		cur = s.toks[cur].Head
	}
	return dyad.Date{}, false
}

// subjectOccasion reports whether clause k is a participle set off after the subject cur of v
// that tells the occasion of the act ("Bolivia's president, speaking in La Paz on Saturday,
// accused ..." with "speaking" hung on "president").
func (s *sentence) subjectOccasion(cur, k, v int) bool {
	if !relIs(s.toks[cur].Rel, "nsubj") || s.toks[cur].Head != v || s.toks[k].Rel != "acl" ||
		s.toks[k].XPOS != "VBG" || !s.nonFinite(k) || k > v || k < cur {
		return false
	}
	for _, j := range s.kids[k] {
		if s.toks[j].Rel == "mark" {
			return false
		}
	}
	return k > 0 && s.norm[k-1] == ","
}

// presentTense reports whether verb v is told in the present ("says", "are pursuing", "is
// expected"): its own tag or that of an auxiliary.
func (s *sentence) presentTense(v int) bool {
	if v < 0 || v >= len(s.toks) {
		return false
	}
	if x := s.toks[v].XPOS; x == "VBZ" || x == "VBP" {
		return true
	}
	for _, k := range s.kids[v] {
		if r := s.toks[k].Rel; (r == "aux" || r == "aux:pass" || r == "cop") && (s.toks[k].XPOS == "VBZ" || s.toks[k].XPOS == "VBP") {
			return true
		}
	}
	return false
}

// leadPair reports whether both countries of pair are actors of the events of the article's
// first sentence.
func (ac *articleCoder) leadPair(pair [2]string) bool {
	in := map[string]bool{}
	for _, e := range ac.sents[0].events {
		in[e.Source.Country], in[e.Target.Country] = true, true
	}
	return in[pair[0]] && in[pair[1]]
}

// eventKinds groups the words for one kind of event ("the attack", "the raid", "attacked"), so
// that an event a phrase names can be found where the article tells it.
var eventKinds = map[string]string{
	"attack": "attack", "assault": "attack", "raid": "attack", "strike": "attack", "ambush": "attack", "offensive": "attack",
	"shooting": "shoot", "shoot": "shoot",
	"bombing": "bomb", "bomb": "bomb", "blast": "bomb", "explosion": "bomb",
	"vote": "vote", "ballot": "vote", "referendum": "vote",
	"agreement": "agree", "deal": "agree", "accord": "agree", "pact": "agree", "treaty": "agree",
	"killing": "kill", "kill": "kill", "murder": "kill", "assassination": "kill", "assassinate": "kill",
	"meeting": "meet", "meet": "meet", "summit": "meet",
	"coup": "coup", "arrest": "arrest", "invasion": "invade", "invade": "invade",
}

// namedAnchor dates an act placed by an event the article names and dates elsewhere: "on the day
// of the attack", "hours before the shooting", "two days after the vote" (two days later than the
// vote), "the day after the vote". Its own clause's time wins; an "after" or "before" needs a
// stated interval ("hours", "a day"), not a bare "after the vote".
func (ac *articleCoder) namedAnchor(s *sentence, v int) (dyad.Date, bool) {
	if s.modal(v) || s.futureAct(v) {
		return dyad.Date{}, false // "will sign the treaty a day after the vote": dated when it was said
	}
	if _, ok := s.clauseTime(v, ac.date, false); ok {
		return dyad.Date{}, false
	}
	for _, k := range s.kids[v] {
		if !relIs(s.toks[k].Rel, "obl") {
			continue
		}
		if s.lemma[k] == "day" && s.afterSign(k) == 0 { // "on the day of the attack"
			for _, n := range s.kids[k] {
				if relIs(s.toks[n].Rel, "nmod") && s.definiteEvent(n) && s.caseOf(n) == "of" {
					if d, ok := ac.namedEventTime(s, n); ok {
						return d, true
					}
				}
			}
			continue
		}
		sign := s.afterSign(k)
		if sign == 0 || !s.definiteEvent(k) {
			continue
		}
		days, found := s.duration(k)
		if !found {
			days, found = s.duration(v)
		}
		if !found && s.theDay(v) { // "the day after the vote"
			days, found = 1, true
		}
		if !found {
			continue
		}
		if d, ok := ac.namedEventTime(s, k); ok { // v is after the event when k is "after" it
			return d.AddDays(-sign * days), true
		}
	}
	return dyad.Date{}, false
}

// theDay reports whether v has "the day" as a bare time phrase ("left the day after the vote").
func (s *sentence) theDay(v int) bool {
	for _, k := range s.kids[v] {
		if s.norm[k] == "day" && (relIs(s.toks[k].Rel, "obl") || s.toks[k].Rel == "advmod") && s.caseOf(k) == "" {
			for _, j := range s.kids[k] {
				if s.toks[j].Rel == "det" && s.lemma[j] == "the" {
					return true
				}
			}
		}
	}
	return false
}

// definiteEvent reports whether noun k names a known event as one already told: an event word
// with "the", "this" or a possessive ("the attack", "Sunday's vote").
func (s *sentence) definiteEvent(k int) bool {
	if _, ok := eventKinds[s.lemma[k]]; !ok || !s.isNoun(k) {
		return false
	}
	for _, j := range s.kids[k] {
		if r := s.toks[j].Rel; r == "det" && (s.lemma[j] == "the" || s.lemma[j] == "this" || s.lemma[j] == "that") || r == "nmod:poss" {
			return true
		}
	}
	return false
}

// namedEventTime is the time the article states for the event that noun n of sentence s names:
// the time of the nearest telling of an event of the same kind before it, as a verb ("attacked
// the post on Monday") or a noun ("the raid on Monday", "the deal signed on Monday").
func (ac *articleCoder) namedEventTime(s *sentence, n int) (dyad.Date, bool) {
	kind := eventKinds[s.lemma[n]]
	for i := s.index; i >= 0 && i < len(ac.sents); i-- {
		p := ac.sents[i]
		last := len(p.toks)
		if p == s {
			last = n
		}
		for t := last - 1; t >= 0; t-- {
			if d, ok := ac.toldAt(p, t, kind); ok {
				return d, true
			}
		}
	}
	return dyad.Date{}, false
}

// toldAt is the time the clause of token t of sentence p states when t tells an event of the
// given kind: as a verb ("attacked the post on Monday") or as a noun, by its own time ("the deal
// announced on Monday") or that of the verb it is the object or subject of ("opened the attack on
// Monday").
func (ac *articleCoder) toldAt(p *sentence, t int, kind string) (dyad.Date, bool) {
	if k := eventKinds[p.lemma[t]]; k != kind && !(kind == "shoot" && p.openedFire(t)) {
		return dyad.Date{}, false
	}
	at := t
	if p.isNoun(t) {
		if _, ok := p.clauseTime(t, ac.date, false); !ok {
			r := p.toks[t].Rel
			if h := p.toks[t].Head; h >= 0 && p.toks[h].UPOS == "VERB" && (r == "obj" || relIs(r, "nsubj")) {
				at = h
			}
		}
	} else if p.toks[t].UPOS != "VERB" {
		return dyad.Date{}, false
	}
	if d, ok := p.clauseTime(at, ac.date, false); ok && !d.After(ac.date) {
		return d, true
	}
	return dyad.Date{}, false
}

// elsewhereTime dates the act of verb v, told in a clause whose interval the sentence leaves
// unstated ("days after the two countries reached an agreement"), by the time the article states
// for an event of the same kind elsewhere ("Under the deal announced on Monday, ..."): the nearest
// such telling in another sentence, before or after, that is before the anchor (sign -1, "after")
// or after it (sign 1, "before").
func (ac *articleCoder) elsewhereTime(s *sentence, v int, anchor dyad.Date, sign int) (dyad.Date, bool) {
	kind := eventKinds[s.lemma[v]]
	if o := s.child(v, "obj"); kind == "" && o >= 0 {
		kind = eventKinds[s.lemma[o]]
	}
	if kind == "" {
		return dyad.Date{}, false
	}
	for dist := 1; dist < len(ac.sents); dist++ {
		for _, i := range [2]int{s.index - dist, s.index + dist} {
			if i < 0 || i >= len(ac.sents) {
				continue
			}
			p := ac.sents[i]
			for t := range p.toks {
				if d, ok := ac.toldAt(p, t, kind); ok && (sign < 0 && d.Before(anchor) || sign > 0 && d.After(anchor)) {
					return d, true
				}
			}
		}
	}
	return dyad.Date{}, false
}

// unstatedInterval reports whether interval word k says a number of days or weeks without
// stating it ("days after", "weeks before").
func (s *sentence) unstatedInterval(k int) bool {
	if k < 0 || s.norm[k] != "days" && s.norm[k] != "weeks" {
		return false
	}
	for _, j := range s.kids[k] {
		if numberValue(s.norm[j]) > 0 {
			return false
		}
	}
	return k == 0 || numberValue(s.norm[k-1]) == 0
}

// openedFire reports whether token t is the "fire" of "opened fire".
func (s *sentence) openedFire(t int) bool {
	h := s.toks[t].Head
	return s.lemma[t] == "fire" && h >= 0 && s.lemma[h] == "open"
}

// leadAct reports whether verb v tells again the act of one of the lead's events ("Russia freed
// X on Thursday ... Belarus also freed Y").
func (ac *articleCoder) leadAct(s *sentence, v int) bool {
	l := ac.sents[0]
	for _, k := range l.evVerb {
		if k >= 0 && k < len(l.lemma) && l.lemma[k] == s.lemma[v] && l.toks[k].UPOS == "VERB" {
			return true
		}
	}
	return false
}
