package dict

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// addSeeds adds every test file of the given name as a fuzz seed.
func addSeeds(f *testing.F, name string) {
	for _, dir := range []string{"good", "bad", "user"} {
		if b, err := os.ReadFile(filepath.Join("testdata", dir, name)); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("")
	f.Add("\t\n#\n|\n\t\t|")
}

// checkErrors checks that every error names the file and a line of the input.
func checkErrors(t *testing.T, data string, list ErrorList) {
	t.Helper()
	lines := strings.Count(data, "\n") + 1
	for _, e := range list {
		if e.File != "f" || e.Line < 1 || e.Line > lines || e.Msg == "" {
			t.Errorf("error without a valid position: %+v (input has %d lines)", e, lines)
		}
	}
}

func FuzzParseCountries(f *testing.F) {
	addSeeds(f, FileCountries)
	f.Fuzz(func(t *testing.T, data string) {
		rows, list := parseCountries("f", data)
		checkErrors(t, data, list)
		for _, r := range rows {
			if len(r.Names) == 0 || len(r.ISO3) != 3 {
				t.Errorf("bad row accepted: %+v", r)
			}
			for _, e := range r.entries() {
				if len(e.Roles) != 1 || e.Roles[0].Code == "" {
					t.Errorf("entry without a code: %+v", e)
				}
			}
		}
	})
}

func FuzzParseActors(f *testing.F) {
	addSeeds(f, FilePeople)
	addSeeds(f, FileOrgs)
	f.Fuzz(func(t *testing.T, data string) {
		blocks, list := parseActors("f", data, Person)
		checkErrors(t, data, list)
		for _, b := range blocks {
			if b.e.Name == "" || len(b.e.Roles) == 0 || len(b.roleLines) != len(b.e.Roles) {
				t.Errorf("bad block accepted: %+v", b.e)
			}
			for _, r := range b.e.Roles {
				if r.Code == "" {
					t.Errorf("role without a code: %+v", r)
				}
				if !r.From.IsZero() && !r.To.IsZero() && !r.From.Before(r.To) {
					t.Errorf("backwards role accepted: %+v", r)
				}
			}
		}
	})
}

func FuzzParseAgents(f *testing.F) {
	addSeeds(f, FileAgents)
	f.Fuzz(func(t *testing.T, data string) {
		rows, list := parseAgents("f", data)
		checkErrors(t, data, list)
		for _, r := range rows {
			if len(r.Phrases) == 0 || !isUpperCode(r.Code, 3) {
				t.Errorf("bad agent line accepted: %+v", r)
			}
		}
	})
}

func FuzzParseVerbs(f *testing.F) {
	addSeeds(f, FileVerbs)
	f.Fuzz(func(t *testing.T, data string) {
		pats, list := parseVerbs("f", data)
		checkErrors(t, data, list)
		for _, p := range pats {
			if p.Head == "" || len(p.Code) < 3 || strings.Count(strings.Join(p.Words, " "), "+") > 1 {
				t.Errorf("bad pattern accepted: %+v", p)
			}
		}
	})
}

func FuzzParsePlaces(f *testing.F) {
	addSeeds(f, FilePlaces)
	f.Fuzz(func(t *testing.T, data string) {
		places, list := parsePlaces("f", data)
		checkErrors(t, data, list)
		for _, p := range places {
			if p.Name == "" || p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 {
				t.Errorf("bad place accepted: %+v", p)
			}
		}
	})
}

func FuzzNorm(f *testing.F) {
	for _, s := range []string{"Erdoğan", "Côte d’Ivoire", "İSTANBUL", "ǅ", "ﬁ", "Ⅻ", "\xff", "secretary—general"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Norm(s)
		if utf8.ValidString(s) && !utf8.ValidString(n) {
			t.Errorf("Norm(%q) = %q: invalid UTF-8", s, n)
		}
		if strings.ToLower(n) != n && utf8.ValidString(s) {
			// Only letters with no lower-case form may stay upper case.
			for _, r := range n {
				if 'A' <= r && r <= 'Z' {
					t.Errorf("Norm(%q) = %q keeps ASCII upper case", s, n)
				}
			}
		}
		for _, v := range nameVariants(s) {
			if len(v) == 0 {
				t.Errorf("nameVariants(%q): empty variant", s)
			}
		}
	})
}
