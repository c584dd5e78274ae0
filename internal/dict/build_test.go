package dict

import (
	"testing"
	"testing/fstest"
)

// TestPatternOverrides checks how patterns listed twice are merged: within a file the later line
// is used with a warning naming the line before it; a later layer replaces a pattern silently and
// keeps its place among the patterns of its head.
func TestPatternOverrides(t *testing.T) {
	base := fstest.MapFS{"verbs.txt": {Data: []byte("" +
		"010\tv\tmeet\n" +
		"040\tv\tmeet with +\n" +
		"041\tv\tmeet with +\n" +
		"042\tv\tmeet with +\n" +
		"020\tv\tmeet at +\n" +
		"120\tn\tmeeting\n")}}
	user := fstest.MapFS{"verbs.txt": {Data: []byte("" +
		"043\tv\tmeet at +\n" +
		"036\tv\tmeet for talks\n")}}
	d, err := LoadFS(base, user)
	if err != nil {
		t.Fatal(err)
	}
	var warns []string
	for _, w := range d.Warnings() {
		warns = append(warns, w.Error())
	}
	wantWarns := []string{
		`verbs.txt:3: pattern "meet with +" is listed again (first at verbs.txt:2); the later line is used`,
		`verbs.txt:4: pattern "meet with +" is listed again (first at verbs.txt:3); the later line is used`,
	}
	if len(warns) != len(wantWarns) {
		t.Fatalf("warnings %q, want %q", warns, wantWarns)
	}
	for i := range warns {
		if warns[i] != wantWarns[i] {
			t.Errorf("warning %d = %q, want %q", i, warns[i], wantWarns[i])
		}
	}
	var got []string
	for _, p := range d.VerbPatterns("meet") {
		got = append(got, p.Code+" "+p.Pos)
	}
	// Most specific first; among equals, load order, the user's "meet at +" in the base's place.
	want := []string{"042 verbs.txt:4", "043 verbs.txt:1", "036 verbs.txt:2", "010 verbs.txt:1"}
	if len(got) != len(want) {
		t.Fatalf("patterns of meet: %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("pattern %d of meet = %q, want %q", i, got[i], want[i])
		}
	}
	if ps := d.NounPatterns("meeting"); len(ps) != 1 || ps[0].Code != "120" {
		t.Errorf("noun patterns of meeting: %+v", ps)
	}
	if s := d.Stats(); s.VerbPatterns != 4 || s.NounPatterns != 1 {
		t.Errorf("stats: %d verb and %d noun patterns, want 4 and 1", s.VerbPatterns, s.NounPatterns)
	}
}
