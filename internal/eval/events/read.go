package events

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/dyad-events/dyad"
)

// Event converts a gold event to the form of dyad's coded events, so that a second annotator's gold
// file can be scored against the official one as if it were coder output. Country, agent, code and
// date carry over (they are what scoring matches); name, sentence, evidence and location are kept for
// the report. A code that is not in dyad's CAMEO table is kept as written, with its first two digits
// as root. It fails on a date that is not YYYY-MM-DD or a code shorter than two digits.
func (g *Gold) Event() (dyad.Event, error) {
	d, err := dyad.ParseDate(g.Date)
	if err != nil {
		return dyad.Event{}, fmt.Errorf("gold event of %s: %w", g.Article, err)
	}
	if len(g.Code) < 2 {
		return dyad.Event{}, fmt.Errorf("gold event of %s: code %q is too short", g.Article, g.Code)
	}
	e := dyad.Event{
		Doc:      g.Article,
		Sentence: g.Sentence,
		Date:     d,
		Source:   g.Source.actor(),
		Target:   g.Target.actor(),
		Evidence: g.Evidence,
	}
	if !e.SetCode(g.Code) {
		e.CAMEO, e.Root = g.Code, g.Code[:2]
	}
	if g.Location != nil && *g.Location != "" {
		e.Location = &dyad.Location{Country: *g.Location}
	}
	return e, nil
}

func (a GoldActor) actor() dyad.Actor {
	return dyad.Actor{Name: a.Name, Code: dyad.ActorCode(a.Country, a.Agent), Country: a.Country, Agent: a.Agent}
}

// ReadEvents reads events to be scored, one JSON object a line: coded events as "dyad code" writes
// them (objects with "doc" and "cameo") or gold events in the format of the development set (objects
// with "article" and "code"), converted with Gold.Event. The kind is decided line by line, so a file
// may mix both. Coded events get no ID from a gold line; gold lines get IDs "article-sentence-gN"
// with N the line number. Blank lines are skipped; anything else is an error naming the line.
func ReadEvents(r io.Reader, name string) ([]dyad.Event, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []dyad.Event
	for line := 1; sc.Scan(); line++ {
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		e, err := decodeEvent(b, line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return out, nil
}

var errKind = errors.New(`neither a coded event (with "doc" and "cameo") nor a gold event (with "article" and "code")`)

// decodeEvent reads one line of ReadEvents.
func decodeEvent(b []byte, line int) (dyad.Event, error) {
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(b, &keys); err != nil {
		return dyad.Event{}, err
	}
	_, doc := keys["doc"]
	_, cameo := keys["cameo"]
	_, article := keys["article"]
	_, code := keys["code"]
	switch {
	case doc && cameo && !article:
		var e dyad.Event
		if err := json.Unmarshal(b, &e); err != nil {
			return dyad.Event{}, fmt.Errorf("coded event: %w", err)
		}
		if e.Doc == "" {
			return dyad.Event{}, errors.New(`coded event has an empty "doc"`)
		}
		return e, nil
	case article && code && !doc:
		var g Gold
		if err := json.Unmarshal(b, &g); err != nil {
			return dyad.Event{}, fmt.Errorf("gold event: %w", err)
		}
		if g.Article == "" {
			return dyad.Event{}, errors.New(`gold event has an empty "article"`)
		}
		e, err := g.Event()
		if err != nil {
			return dyad.Event{}, err
		}
		e.ID = fmt.Sprintf("%s-%d-g%d", g.Article, g.Sentence, line)
		return e, nil
	}
	return dyad.Event{}, errKind
}
