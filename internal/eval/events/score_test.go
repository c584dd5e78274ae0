package events

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
)

func ev(doc, src, sa, code, tgt, ta, date string) dyad.Event {
	e := dyad.Event{Doc: doc, Date: dyad.MustDate(date),
		Source: dyad.Actor{Country: src, Agent: sa, Code: src + sa}, Target: dyad.Actor{Country: tgt, Agent: ta, Code: tgt + ta}}
	e.SetCode(code)
	return e
}

func gold(doc, src, sa, code, tgt, ta, date string) Gold {
	return Gold{Article: doc, Date: date, Code: code, Source: GoldActor{Country: src, Agent: sa}, Target: GoldActor{Country: tgt, Agent: ta}}
}

func TestScoreLevels(t *testing.T) {
	g := []Gold{
		gold("a", "TUR", "GOV", "041", "IRN", "GOV", "2023-10-16"),
		gold("a", "IRN", "GOV", "041", "TUR", "GOV", "2023-10-16"),
		gold("a", "ISR", "", "112", "IRN", "", "2023-10-16"),
		gold("b", "XKX", "GOV", "112", "SRB", "GOV", "2023-01-02"),
	}
	p := []dyad.Event{
		ev("a", "TUR", "GOV", "041", "IRN", "GOV", "2023-10-16"),  // full match
		ev("a", "IRN", "GOV", "042", "TUR", "GOV", "2023-10-16"),  // root only
		ev("a", "ISR", "GOV", "112", "IRN", "", "2023-10-16"),     // code match, agent differs
		ev("a", "ISR", "GOV", "112", "IRN", "", "2023-10-16"),     // a second copy is a false alarm
		ev("b", "KOS", "GOV", "1121", "SRB", "GOV", "2023-01-02"), // KOS = XKX, 4-digit folds to 3
	}
	r := Score(g, p, nil)
	want := [3]PRF{{Gold: 4, Pred: 5, Match: 4}, {Gold: 4, Pred: 5, Match: 3}, {Gold: 4, Pred: 5, Match: 2}}
	if r.Overall != want {
		t.Fatalf("overall = %+v, want %+v", r.Overall, want)
	}
	if got := r.Overall[Root].P(); math.Abs(got-0.8) > 1e-9 {
		t.Errorf("root precision = %v, want 0.8", got)
	}
	if got := r.Overall[Code].F1(); math.Abs(got-2*0.6*0.75/(0.6+0.75)) > 1e-9 {
		t.Errorf("code F1 = %v", got)
	}
	if len(r.Misses) != 1 || len(r.FalseAlarms) != 2 {
		t.Errorf("misses %d, false alarms %d; want 1 and 2", len(r.Misses), len(r.FalseAlarms))
	}
	if p := r.ByRoot["04"]; p == nil || p.Gold != 2 || p.Pred != 2 || p.Match != 2 {
		t.Errorf("root 04 = %+v", p)
	}
	var buf bytes.Buffer
	r.Report(&buf, true)
	for _, s := range []string{"root", "code", "full", "misses", "false alarms", "CONSULT"} {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, buf.String())
		}
	}
}

func TestReadGold(t *testing.T) {
	good := `{"article": "d1", "sentence": 0, "evidence": "x", "date": "2023-10-16", "source": {"name": "A", "country": "TUR", "agent": "GOV"}, "code": "041", "target": {"name": "B", "country": "IRN", "agent": ""}, "location": null, "plover": "CONSULT"}` + "\n\n"
	gs, err := ReadGold(strings.NewReader(good), "g.jsonl")
	if err != nil || len(gs) != 1 || gs[0].Source.Country != "TUR" {
		t.Fatalf("ReadGold = %+v, %v", gs, err)
	}
	for _, bad := range []string{"{nope\n", `{"article": "", "code": "041"}` + "\n"} {
		if _, err := ReadGold(strings.NewReader(good+bad), "g.jsonl"); err == nil || !strings.Contains(err.Error(), "g.jsonl:3") {
			t.Errorf("ReadGold(%q) error = %v, want g.jsonl:3", bad, err)
		}
	}
}
