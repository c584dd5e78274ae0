package coder

import "testing"

func TestCompose(t *testing.T) {
	tests := []struct{ outer, inner, want string }{
		{"020", "046", "026"},   // urged to negotiate
		{"020", "0871", "0256"}, // urged to cease fire
		{"030", "0841", "0353"}, // pledged to free them
		{"100", "085", "1054"},  // demanded that sanctions be lifted
		{"030", "080", "035"},   // offered to yield
		{"030", "045", "039"},   // offered to mediate
		{"020", "0831", "0241"}, // called on him to resign
		{"100", "083", "104"},   // demanded reforms
		{"020", "045", "028"},   // urged to mediate
		{"100", "045", "108"},   // demanded mediation
		{"020", "190", "020"},   // urged to attack: a plain appeal
		{"030", "051", "032"},   // agreed to support
		{"030", "070", "033"},   // pledged aid
		{"020", "074", "0234"},  // asked for peacekeepers
		{"020", "154", "0234"},  // asked them to send troops
		{"030", "072", "0332"},  // pledged arms
		{"030", "195", "138"},   // vowed to strike
		{"030", "154", "0312"},  // pledged to deploy troops: military cooperation
		{"130", "154", "138"},   // threatened to mobilise troops
		{"100", "081", "1051"},  // demanded that it lift restrictions
		{"130", "190", "138"},   // threatened to attack
		{"130", "163", "131"},   // threatened sanctions (non-force)
		{"0211", "046", "0211"}, // specific codes stay
		{"138", "190", "138"},
	}
	for _, tc := range tests {
		if got, _ := compose(tc.outer, tc.inner); got != tc.want {
			t.Errorf("compose(%s, %s) = %s, want %s", tc.outer, tc.inner, got, tc.want)
		}
	}
	if _, ok := compose("112", "190"); ok {
		t.Error("an accusation does not compose")
	}
}

func TestAnalysisText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ODESA, June 3 - Ukraine said on Monday.", "                Ukraine said on Monday."},
		{"KUZNICA, Poland, Nov 16 - Police fired.", "                          Police fired."},
		{"Russia said on Sunday, a day later - or so.", "Russia said on Sunday, a day later - or so."},
		{"Kyiv, July 24 - lower-case places are not datelines.", "Kyiv, July 24 - lower-case places are not datelines."},
		{"", ""},
	}
	for _, tc := range tests {
		got := AnalysisText(tc.in)
		if got != tc.want {
			t.Errorf("AnalysisText(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if len(got) != len(tc.in) {
			t.Errorf("AnalysisText(%q) changed the length: offsets would not hold", tc.in)
		}
	}
}

func TestVaguer(t *testing.T) {
	tests := []struct {
		code, specific string
		want           bool
	}{
		{"020", "0256", true},  // an appeal, an appeal for a ceasefire
		{"190", "195", true},   // force, an air strike
		{"025", "0256", true},  // the family, one of its members
		{"0256", "020", false}, // more specific already
		{"020", "020", false},  // the same
		{"020", "111", false},  // another root
		{"020", "", false},     // nothing preferred
		{"1000", "100", false}, // never a shorter code
	}
	for _, tc := range tests {
		if got := vaguer(tc.code, tc.specific); got != tc.want {
			t.Errorf("vaguer(%q, %q) = %v, want %v", tc.code, tc.specific, got, tc.want)
		}
	}
}
