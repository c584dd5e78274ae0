package dyad

import (
	"encoding/json"
	"testing"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
		bad      bool
	}{
		{"2023-10-16", "2023-10-16", false},
		{"20231016", "2023-10-16", false},
		{"", "", false},
		{"2023-13-01", "", true},
		{"16/10/2023", "", true},
	}
	for _, tc := range tests {
		d, err := ParseDate(tc.in)
		if (err != nil) != tc.bad || d.String() != tc.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q, error %v", tc.in, d, err, tc.want, tc.bad)
		}
	}
	if d := MustDate("2023-10-16"); d.Weekday().String() != "Monday" || d.AddDays(-2).String() != "2023-10-14" {
		t.Errorf("date arithmetic wrong: %s %s", d.Weekday(), d.AddDays(-2))
	}
}

func TestDateAndSpanJSON(t *testing.T) {
	var v struct {
		D Date `json:"d"`
		Z Date `json:"z"`
		S Span `json:"s"`
	}
	if err := json.Unmarshal([]byte(`{"d":"2024-02-29","z":null,"s":[3,9]}`), &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"d":"2024-02-29","z":null,"s":[3,9]}` {
		t.Errorf("round trip = %s", b)
	}
	if err := json.Unmarshal([]byte(`{"d":"2024-02-30"}`), &v); err == nil {
		t.Error("want an error for an impossible date")
	}
}

func TestCodeTable(t *testing.T) {
	tests := []struct {
		code, root, plover string
		quad               int
		goldstein          float64
	}{
		{"041", "04", "CONSULT", 1, 1},
		{"112", "11", "ACCUSE", 3, -2},
		{"195", "19", "ASSAULT", 4, -10},
		{"010", "01", "", 1, 0},
	}
	for _, tc := range tests {
		var e Event
		if !e.SetCode(tc.code) {
			t.Fatalf("code %s missing", tc.code)
		}
		if e.Root != tc.root || e.PLOVER != tc.plover || e.QuadClass != tc.quad || e.Goldstein != tc.goldstein {
			t.Errorf("SetCode(%s) = %+v", tc.code, e)
		}
	}
	if (&Event{}).SetCode("999") {
		t.Error("999 is not a CAMEO code")
	}
	roots := 0
	for _, c := range Codes() {
		if len(c.Code) == 2 {
			roots++
		}
	}
	if roots != 20 {
		t.Errorf("%d roots, want 20", roots)
	}
	if _, err := ParseCodeTable("01\tX\tnot-a-number\t1\n"); err == nil {
		t.Error("want an error for a bad Goldstein weight")
	}
}
