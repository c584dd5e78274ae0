package coder

import "testing"

func TestCompose(t *testing.T) {
	tests := []struct{ outer, inner, want string }{
		{"020", "046", "026"},   // urged to negotiate
		{"020", "0871", "025"},  // urged to cease fire
		{"020", "190", "020"},   // urged to attack: a plain appeal
		{"030", "051", "032"},   // agreed to support
		{"030", "070", "033"},   // pledged aid
		{"030", "195", "138"},   // vowed to strike
		{"100", "081", "105"},   // demanded that it yield
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
