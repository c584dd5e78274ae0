package dict

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func words(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		out = append(out, Norm(f))
	}
	return out
}

func loadDir(t testing.TB, dirs ...string) *Dict {
	t.Helper()
	srcs := make([]source, len(dirs))
	for i, d := range dirs {
		srcs[i] = source{fsys: os.DirFS(filepath.Join("testdata", d)), dir: d, user: i > 0}
	}
	dd, err := loadSources(srcs)
	if err != nil {
		t.Fatalf("loading %v: %v", dirs, err)
	}
	return dd
}

func TestNorm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Erdoğan", "erdogan"},
		{"Türkiye", "turkiye"},
		{"IRAN", "iran"},
		{"iran", "iran"},
		{"Dıyarbakır", "diyarbakir"},
		{"İstanbul", "istanbul"},
		{"Élysée", "elysee"},
		{"Ştefan", "stefan"},
		{"Łódź", "lodz"},
		{"Ærø", "aero"},
		{"Straße", "strasse"},
		{"Côte d’Ivoire", "cote d'ivoire"},
		{"Guinea–Bissau", "guinea-bissau"},
		{"secretary—general", "secretary-general"},
		{"‘quoted’", "'quoted'"},
		{"Nuku`alofa", "nuku'alofa"},
		{"Hagåtña", "hagatna"},
		{"Bakı", "baki"},
		{"Azərbaycan", "azerbaycan"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Norm(tt.in); got != tt.want {
			t.Errorf("Norm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNameVariants(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Iran", []string{"iran"}},
		{"the Kremlin", []string{"kremlin"}},
		{"The Hague", []string{"hague"}},
		{"Guinea-Bissau", []string{"guinea-bissau", "guinea - bissau"}},
		{"U.S.", []string{"u.s.", "u.s"}},
		{"Washington, D.C.", []string{"washington , d.c.", "washington , d.c"}},
		{"the", []string{"the"}},
		{"People's Liberation Army", []string{"people 's liberation army"}},
		{"Leaders’s", []string{"leaders 's"}},
		{"  ", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, v := range nameVariants(tt.in) {
			got = append(got, strings.Join(v, " "))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("nameVariants(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScanLines(t *testing.T) {
	in := "\ufeffa # comment\n# whole line\n\n\tb#not a comment\r\n  c\t# tab comment\n"
	got := scanLines(in)
	want := []srcLine{{1, "a", false}, {4, "\tb#not a comment", true}, {5, "  c", true}}
	if len(got) != len(want) {
		t.Fatalf("scanLines = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestGoodLoads checks that the good test files load without errors or warnings.
func TestGoodLoads(t *testing.T) {
	d, err := LoadFS(os.DirFS("testdata/good"))
	if err != nil {
		t.Fatalf("LoadFS: %v", err)
	}
	if w := d.Warnings(); len(w) > 0 {
		t.Errorf("warnings: %v", w)
	}
	s := d.Stats()
	want := Stats{Countries: 14, CountryNames: 21, Capitals: 18, Demonyms: 23, People: 4, DatedPersonRoles: 8,
		IGOs: 2, ArmedGroups: 1, OtherOrgs: 2, AgentPhrases: 10, Titles: 6, VerbPatterns: 10, NounPatterns: 3,
		CodesCovered: 10, CodesTotal: s.CodesTotal, Places: 9}
	if s != want {
		t.Errorf("Stats = %+v\nwant    %+v", s, want)
	}
	if s.CodesTotal < 100 {
		t.Errorf("CodesTotal = %d, want the 3-digit CAMEO codes", s.CodesTotal)
	}
}

// TestBadEntries checks that every bad entry is reported with its file and line, that loading
// goes on past them, and that the good entries among them are usable.
func TestBadEntries(t *testing.T) {
	d, err := LoadFS(os.DirFS("testdata/bad"))
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("LoadFS error = %v, want an ErrorList", err)
	}
	var b strings.Builder
	for _, e := range list {
		b.WriteString(e.Error())
		b.WriteByte('\n')
	}
	golden(t, "testdata/bad.golden", b.String())
	if d == nil {
		t.Fatal("no Dict returned with the errors")
	}
	if n, e := d.MatchActor(words("Good Person")); n != 2 || e == nil {
		t.Errorf("Good Person not loaded past the errors: %d %v", n, e)
	}
	if _, ok := d.Country("IRN"); !ok {
		t.Error("IRN not loaded past the errors")
	}
	if ps := d.VerbPatterns("accuse"); len(ps) != 1 {
		t.Errorf("accuse patterns = %v", ps)
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	testenv.Golden(t, path, []byte(got), *update)
}

func TestMatchActor(t *testing.T) {
	d := loadDir(t, "good")
	tests := []struct {
		text string
		n    int
		name string
		kind Kind
		code string // resolved with zero date
	}{
		{"Iran said", 1, "Iran", Country, "IRN"},
		{"Islamic Republic of Iran", 4, "Iran", Country, "IRN"},
		{"Tehran said", 1, "Tehran", Capital, "IRNGOV"},
		{"Teheran", 1, "Tehran", Capital, "IRNGOV"},
		{"the Kremlin said", 2, "the Kremlin", Seat, "RUSGOV"},
		{"Kremlin officials", 1, "the Kremlin", Seat, "RUSGOV"},
		{"The White House", 3, "the White House", Seat, "USAGOV"},
		{"the United States", 3, "United States", Country, "USA"},
		{"U.S. troops", 1, "United States", Country, "USA"},
		{"Iranian president", 1, "Iranian", Demonym, "IRN"},
		{"Iranians protested", 1, "Iranians", Demonym, "IRNCVL"},
		{"Turks", 1, "Turks", Demonym, "TURCVL"},
		{"Swiss", 1, "Swiss", Demonym, "CHE"},
		{"Türkiye", 1, "Türkiye", Country, "TUR"},
		{"Turkiye", 1, "Türkiye", Country, "TUR"},
		{"Guinea-Bissau", 1, "Guinea-Bissau", Country, "GNB"},
		{"Guinea - Bissau", 3, "Guinea-Bissau", Country, "GNB"},
		{"Guinea said", 1, "Guinea", Country, "GIN"},
		{"the Élysée Palace", 3, "the Élysée Palace", Seat, "FRAGOV"},
		{"Hamas", 1, "Hamas", Org, "PSEREB"},
		{"the U.N.", 2, "United Nations", Org, "IGOUNO"},
		{"Red Crescent", 2, "Red Crescent", Org, "NGO"},
		{"Erdogan", 1, "Recep Tayyip Erdoğan", Person, "TURGOV"},
		{"Recep Tayyip Erdoğan", 3, "Recep Tayyip Erdoğan", Person, "TURGOV"},
		{"the", 0, "", 0, ""},
		{"Atlantis", 0, "", 0, ""},
		{"", 0, "", 0, ""},
	}
	for _, tt := range tests {
		n, e := d.MatchActor(words(tt.text))
		if n != tt.n || (e == nil) != (tt.n == 0) {
			t.Errorf("MatchActor(%q) = %d, %v; want %d words", tt.text, n, e, tt.n)
			continue
		}
		if e == nil {
			continue
		}
		r, _ := e.Resolve(dyad.Date{})
		if e.Name != tt.name || e.Kind != tt.kind || r.Code != tt.code {
			t.Errorf("MatchActor(%q) = %q %v %q, want %q %v %q", tt.text, e.Name, e.Kind, r.Code, tt.name, tt.kind, tt.code)
		}
	}
}

// TestResolveDated checks that the same name is coded by the role of the article's date.
func TestResolveDated(t *testing.T) {
	d := loadDir(t, "good")
	tests := []struct {
		name, date string
		code       string
		ok         bool
	}{
		{"Alma Varga", "2021-05-05", "IRNGOV", true},
		{"Alma Varga", "2020-01-10", "IRNGOV", true}, // From inclusive
		{"Varga", "2022-05-31", "IRNGOV", true},
		{"Varga", "2022-06-01", "IRNOPP", true}, // To exclusive: next role starts
		{"Varga", "2030-01-01", "IRNOPP", true},
		{"Varga", "2019-12-31", "IRNELI", true}, // before any dated role: undated default
		{"Varga", "", "IRNELI", true},           // unknown date: undated default
		{"Tal", "2019-02-28", "RUSMIL", true},
		{"Tal", "2019-03-01", "RUSGOV", true},
		{"Tal", "", "RUSGOV", true}, // unknown date, no default: latest role
		{"Carla Ruiz", "2000-01-01", "PRTGOV", true},
		{"Carla Ruiz", "2020-01-01", "IGOUNO", true},
		{"Carla Ruiz", "2005-01-01", "", false}, // between roles, no default: not coded
		{"Erdogan", "2010-01-01", "TURGOV", true},
	}
	for _, tt := range tests {
		n, e := d.MatchActor(words(tt.name))
		if n == 0 {
			t.Fatalf("%q not found", tt.name)
		}
		r, ok := e.Resolve(dyad.MustDate(tt.date))
		if ok != tt.ok || r.Code != tt.code {
			t.Errorf("%s on %q: %q %v, want %q %v", tt.name, tt.date, r.Code, ok, tt.code, tt.ok)
		}
	}
}

func TestTitleHolder(t *testing.T) {
	d := loadDir(t, "good")
	tests := []struct {
		country, title, date, want string
	}{
		{"IRN", "president", "2021-01-01", "Alma Varga"},
		{"IRN", "president", "2023-01-01", ""},
		{"TUR", "president", "2023-01-01", "Recep Tayyip Erdoğan"},
		{"TUR", "prime minister", "2010-01-01", "Recep Tayyip Erdoğan"},
		{"", "defence minister", "2020-01-01", "Boris Tal"},
		{"RUS", "president", "2020-01-01", ""},
		{"IGO", "secretary-general", "2020-01-01", "Carla Ruiz"},
		{"IRN", "president", "", ""},
	}
	for _, tt := range tests {
		e, r, ok := d.TitleHolder(tt.country, tt.title, dyad.MustDate(tt.date))
		got := ""
		if ok {
			got = e.Name
			if Norm(r.Title) != tt.title {
				t.Errorf("TitleHolder(%s, %s) role title %q", tt.country, tt.title, r.Title)
			}
		}
		if got != tt.want {
			t.Errorf("TitleHolder(%q, %q, %s) = %q, want %q", tt.country, tt.title, tt.date, got, tt.want)
		}
	}
}

func TestMatchAgent(t *testing.T) {
	d := loadDir(t, "good")
	tests := []struct {
		text  string
		n     int
		code  string
		title bool
	}{
		{"president", 1, "GOV", true},
		{"foreign minister said", 2, "GOV", true},
		{"foreign ministers", 2, "GOV", true},
		{"troops", 1, "MIL", false},
		{"police", 1, "COP", false},
		{"secretary-general", 1, "IGO", true},
		{"secretary - general", 3, "IGO", true},
		{"foreign", 0, "", false},
		{"the president", 0, "", false},
	}
	for _, tt := range tests {
		n, a, ok := d.MatchAgent(words(tt.text))
		if n != tt.n || ok != (tt.n > 0) || a.Code != tt.code || a.Title != tt.title {
			t.Errorf("MatchAgent(%q) = %d %+v %v, want %d %s title=%v", tt.text, n, a, ok, tt.n, tt.code, tt.title)
		}
	}
}

func TestPatterns(t *testing.T) {
	d := loadDir(t, "good")
	hold := d.VerbPatterns("hold")
	if len(hold) != 2 {
		t.Fatalf("hold patterns = %+v", hold)
	}
	p := hold[0]
	if p.Code != "041" || p.Head != "hold" || strings.Join(p.Words, " ") != "phone_call with +" || !p.Recip || p.Target() != 2 {
		t.Errorf("hold[0] = %+v", p)
	}
	if hold[1].Code != "036" || hold[1].Target() != -1 {
		t.Errorf("hold[1] = %+v", hold[1])
	}
	meet := d.VerbPatterns("meet")
	if len(meet) != 2 || strings.Join(meet[0].Words, " ") != "with +" || strings.Join(meet[1].Words, " ") != "+" {
		t.Errorf("meet patterns not most specific first: %+v", meet)
	}
	if e := d.VerbPatterns("expel"); len(e) != 1 || e[0].Passive != "174" {
		t.Errorf("expel = %+v", e)
	}
	if c := d.VerbPatterns("cancel"); len(c) != 1 || c[0].Code != "172" || c[0].Pos != "good/verbs.txt:13" {
		t.Errorf("cancel (space-aligned) = %+v", c)
	}
	call := d.NounPatterns("call")
	if len(call) != 1 || call[0].Head != "call" || strings.Join(call[0].HeadMods, " ") != "phone" || !call[0].Noun {
		t.Errorf("noun call = %+v", call)
	}
	if len(d.NounPatterns("attack")) != 1 || len(d.VerbPatterns("attack")) != 0 {
		t.Error("noun and verb patterns mixed up")
	}
}

func TestMatchPlace(t *testing.T) {
	d := loadDir(t, "good")
	tests := []struct {
		text, name, country string
		n                   int
	}{
		{"Paris", "Paris", "FRA", 1},       // larger population wins
		{"Tripoli", "Tripoli", "LBY", 1},   // idem
		{"Tarabulus", "Tripoli", "LBY", 1}, // alternative name
		{"Gaza", "Gaza", "PSE", 1},
		{"the Gaza Strip", "Gaza Strip", "PSE", 3}, // longest, with "the"
		{"Georgia", "Georgia", "GEO", 1},           // countries before other places
		{"al-Doha", "Doha", "QAT", 1},
		{"al - Doha", "Doha", "QAT", 3},
		{"Lyon", "", "", 0},
	}
	for _, tt := range tests {
		n, p := d.MatchPlace(words(tt.text))
		if n != tt.n || (p == nil) != (tt.n == 0) || p != nil && (p.Name != tt.name || p.Country != tt.country) {
			t.Errorf("MatchPlace(%q) = %d %+v, want %d %s %s", tt.text, n, p, tt.n, tt.name, tt.country)
		}
	}
}

func TestMatchAll(t *testing.T) {
	d := loadDir(t, "good")
	n, ps := d.MatchPlaces(words("Paris said"))
	if n != 1 || len(ps) != 2 || ps[0].Country != "FRA" || ps[1].Country != "USA" {
		t.Errorf("MatchPlaces(Paris) = %d %v", n, ps)
	}
	n, ps = d.MatchPlaces(words("the Gaza Strip"))
	if n != 3 || len(ps) != 1 {
		t.Errorf("MatchPlaces(the Gaza Strip) = %d %v", n, ps)
	}
	if n, ps := d.MatchPlaces(words("Lyon")); n != 0 || ps != nil {
		t.Errorf("MatchPlaces(Lyon) = %d %v", n, ps)
	}
	n, es := d.MatchActors(words("Doha"))
	if n != 1 || len(es) != 1 || es[0].Kind != Capital {
		t.Errorf("MatchActors(Doha) = %d %v", n, es)
	}
}

// TestUserOverride loads a user folder over the good files: same keys replace, new keys add.
func TestUserOverride(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"people.txt", "agents.txt", "verbs.txt", "countries.tsv", "places.tsv", "peoples.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata/user", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := loadSources([]source{{fsys: os.DirFS("testdata/good"), dir: "good"}, {fsys: os.DirFS(dir), dir: dir, user: true}})
	if err != nil {
		t.Fatal(err)
	}
	_, e := d.MatchActor(words("Alma Varga"))
	if r, _ := e.Resolve(dyad.MustDate("2021-01-01")); r.Code != "IRNJUD" || len(e.Roles) != 1 {
		t.Errorf("user Alma Varga = %+v", e)
	}
	if n, e := d.MatchActor(words("Varga")); n != 0 {
		t.Errorf("bundled alias of a replaced entry still matches: %+v", e)
	}
	if _, e := d.MatchActor(words("Lee")); e == nil || e.Name != "Dana Lee" {
		t.Errorf("new user person = %+v", e)
	}
	if _, e := d.MatchActor(words("Staraya Square")); e == nil || e.Country != "RUS" || e.Kind != Seat {
		t.Errorf("user seat = %+v", e)
	}
	if _, e := d.MatchActor(words("Iran")); e == nil {
		t.Error("bundled country lost")
	}
	if _, a, _ := d.MatchAgent(words("troops")); a.Code != "REB" {
		t.Errorf("user agent = %+v", a)
	}
	if _, a, _ := d.MatchAgent(words("soldiers")); a.Code != "MIL" {
		t.Errorf("other phrase of the replaced line = %+v", a)
	}
	if ps := d.VerbPatterns("accuse"); len(ps) != 1 || ps[0].Code != "111" {
		t.Errorf("user pattern = %+v", ps)
	}
	if _, p := d.MatchPlace(words("Gaza City")); p == nil || p.Population != 600000 {
		t.Errorf("user place = %+v", p)
	}
	if d.Stats().Places != 9 {
		t.Errorf("places = %d, want 9 (Gaza replaced)", d.Stats().Places)
	}
	w := d.Warnings()
	if len(w) != 1 || !strings.HasSuffix(w[0].File, "peoples.txt") {
		t.Errorf("warnings = %v, want one for peoples.txt", w)
	}
}

func TestLoadMissingDir(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("Load of a missing folder: no error")
	}
}

// TestBundled checks that the embedded dictionaries load with zero errors. It is the check for
// every helper's data files.
func TestBundled(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatalf("bundled dictionaries have errors:\n%v", err)
	}
	s := d.Stats()
	t.Logf("stats: %+v", s)
	for _, w := range d.Warnings() {
		t.Logf("warning: %v", w)
	}
	if s.Countries < 249 {
		t.Errorf("countries = %d, want every ISO 3166-1 entry", s.Countries)
	}
	for _, iso := range []string{"XKX", "PSE", "USA", "TWN"} {
		if _, ok := d.Country(iso); !ok {
			t.Errorf("country %s missing", iso)
		}
	}
	checks := []struct{ text, code string }{
		{"the Kremlin", "RUSGOV"}, {"Tehran", "IRNGOV"}, {"the White House", "USAGOV"},
		{"Downing Street", "GBRGOV"}, {"Zhongnanhai", "CHNGOV"}, {"the Elysee", "FRAGOV"},
		{"U.S.", "USA"}, {"Britain", "GBR"}, {"Ivory Coast", "CIV"}, {"DRC", "COD"}, {"Burma", "MMR"},
		{"North Korea", "PRK"}, {"Türkiye", "TUR"}, {"Turkey", "TUR"}, {"Kosovo", "XKX"},
		{"Iranians", "IRNCVL"}, {"Russian", "RUS"}, {"Washington", "USAGOV"}, {"Kyiv", "UKRGOV"}, {"Kiev", "UKRGOV"},
	}
	for _, c := range checks {
		_, e := d.MatchActor(words(c.text))
		if e == nil {
			t.Errorf("%q: no actor", c.text)
			continue
		}
		if r, _ := e.Resolve(dyad.Date{}); r.Code != c.code {
			t.Errorf("%q = %s (%s %q), want %s", c.text, r.Code, e.Kind, e.Name, c.code)
		}
	}
	if s.Places > 0 {
		for _, c := range []struct{ text, iso string }{{"Paris", "FRA"}, {"Doha", "QAT"}, {"Gaza Strip", "PSE"}, {"Kyiv", "UKR"}, {"Washington", "USA"}} {
			if _, p := d.MatchPlace(words(c.text)); p == nil || p.Country != c.iso {
				t.Errorf("place %q = %+v, want %s", c.text, p, c.iso)
			}
		}
	}
}

// TestLoadUserOverBundled loads a user folder over the embedded files through Load.
func TestLoadUserOverBundled(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"people.txt":    "Zora Quill|Quill\n\tIRN GOV 2030-01-01.. president\n\tIRN ELI\n",
		"countries.tsv": "RUS\tRU\tRussia|Russian Federation\tRussian|Russians\tMoscow\tthe Kremlin|Old Square\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	_, e := d.MatchActor(words("Quill"))
	if e == nil || e.Name != "Zora Quill" || !strings.HasPrefix(e.Pos, dir) {
		t.Fatalf("user person = %+v", e)
	}
	if r, _ := e.Resolve(dyad.MustDate("2031-01-01")); r.Code != "IRNGOV" {
		t.Errorf("dated user role = %+v", r)
	}
	if _, e := d.MatchActor(words("the Old Square")); e == nil || e.Kind != Seat || e.Country != "RUS" {
		t.Errorf("user seat = %+v", e)
	}
	if _, e := d.MatchActor(words("Tehran")); e == nil || e.Country != "IRN" {
		t.Errorf("bundled capital lost: %+v", e)
	}
	if got, want := d.Stats().Countries, func() int { b, _ := Default(); return b.Stats().Countries }(); got != want {
		t.Errorf("countries = %d, want %d (RUS replaced, not added)", got, want)
	}
}

// TestNameCollisionWarning checks that a name of two entries is reported, and which one matches.
func TestNameCollisionWarning(t *testing.T) {
	fsys := fstest.MapFS{
		"countries.tsv":     {Data: []byte("GEO\tGE\tGeorgia\tGeorgian|Georgians\tTbilisi\n")},
		"people.txt":        {Data: []byte("Georgia Brown|Georgia\n\tGEO ELI\n")},
		"organizations.txt": {Data: []byte("Tbilisi Club|Tbilisi\n\tGEO BUS\n")},
	}
	d, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range d.Warnings() {
		got = append(got, w.Error())
	}
	want := []string{
		`countries.tsv:1: name "Georgia" of country "Georgia" also names person "Georgia Brown" (people.txt:1), which is matched`,
		`countries.tsv:1: name "Tbilisi" of capital "Tbilisi" also names org "Tbilisi Club" (organizations.txt:1), which is matched`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, e := d.MatchActor(words("Georgia")); e == nil || e.Kind != Person {
		t.Errorf("Georgia = %+v, want the person", e)
	}
}

// TestBundledVerbSynonyms checks that the bundled verbs.txt knows common news synonyms of its
// object nouns and verbs with the code of the pattern they vary, and that patterns which differ
// only in spelling or in a near-synonym keep one code.
func TestBundledVerbSynonyms(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatalf("bundled dictionaries have errors:\n%v", err)
	}
	tests := []struct {
		noun    bool
		pattern string
		code    string
	}{
		{false, "shelve legislation", "0832"},
		{false, "drop complaint against +", "082"},
		{false, "lift limit on +", "081"},
		{false, "resume negotiation with +", "046"},
		{false, "slam attack on +", "111"},
		{false, "decry killing of +", "111"},
		{false, "criticise decision", "111"},
		{false, "voice dismay", "012"},
		{false, "back down from +", "080"},
		{false, "free hostage", "0841"},
		{false, "pledge financial_aid to +", "0331"},
		{false, "help broker +", "045"},
		{false, "mobilise reservists", "154"},
		{false, "breach + airspace", "128"},
		{false, "widen sanction against +", "163"},
		// killing people in an air strike is an aerial attack, not an assassination
		{false, "kill + in airstrike", "195"},
		{false, "kill + in air_strike", "195"},
		// threatening a ground offensive is the same threat as a ground assault
		{false, "threaten ground_offensive", "1384"},
		{false, "threaten ground_assault", "1384"},
		{true, "truce between +", "0871"},
	}
	for _, tc := range tests {
		head, rest, _ := strings.Cut(tc.pattern, " ")
		var ps []Pattern
		if tc.noun {
			ps = d.NounPatterns(head)
		} else {
			ps = d.VerbPatterns(head)
		}
		found := false
		for _, p := range ps {
			if len(p.HeadMods) == 0 && strings.Join(p.Words, " ") == rest {
				found = true
				if p.Code != tc.code {
					t.Errorf("%q (%s) = %s, want %s", tc.pattern, p.Pos, p.Code, tc.code)
				}
			}
		}
		if !found {
			t.Errorf("%q: no bundled pattern", tc.pattern)
		}
	}
	for _, w := range d.Warnings() {
		if strings.Contains(w.Error(), "verbs.txt") {
			t.Errorf("bundled verbs.txt: %v", w)
		}
	}
}

// TestBundledRegions checks first-level divisions of the bundled gazetteer: a region beats towns
// of the same name elsewhere, but never a country, and names shared by two regions resolve to
// the one chosen in scripts/places-regions.tsv.
// TestIntransFlag checks the intrans flag of verb patterns: parsed from the flags column alone or
// with recip, and rejected as a pattern word nowhere else.
func TestIntransFlag(t *testing.T) {
	tests := []struct {
		line           string
		recip, intrans bool
	}{
		{"057\tv\tzork\trecip,intrans", true, true},
		{"057\tv\tzork\tintrans", false, true},
		{"057\tv\tzork treaty\trecip", true, false},
	}
	for _, tc := range tests {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "verbs.txt"), []byte(tc.line+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := Load(dir)
		if err != nil {
			t.Fatalf("%q: %v", tc.line, err)
		}
		pats := d.VerbPatterns("zork")
		if len(pats) != 1 {
			t.Fatalf("%q: %d patterns", tc.line, len(pats))
		}
		if p := pats[0]; p.Recip != tc.recip || p.Intrans != tc.intrans {
			t.Errorf("%q: recip %v intrans %v, want %v %v", tc.line, p.Recip, p.Intrans, tc.recip, tc.intrans)
		}
	}
}

func TestBundledRegions(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatalf("bundled dictionaries have errors:\n%v", err)
	}
	tests := []struct {
		text, name, iso, kind string
		n                     int
	}{
		{"Florida", "Florida", "USA", "region", 1}, // not the Cuban or Uruguayan town
		{"New York", "New York City", "USA", "city", 2},
		{"Ras al-Ain", "Ras al-Ain", "SYR", "city", 2},
		{"Kobani", "‘Ayn al ‘Arab", "SYR", "city", 1},
		{"Texas", "Texas", "USA", "region", 1},
		{"California", "California", "USA", "region", 1},
		{"Ontario", "Ontario", "CAN", "region", 1}, // not the Californian city
		{"Quebec", "Quebec", "CAN", "region", 1},
		{"Georgia", "Georgia", "GEO", "country", 1}, // the country, not the U.S. state
		{"the U.S. state of Georgia", "U.S. state of Georgia", "USA", "region", 5},
		{"Washington", "Washington, D.C.", "USA", "capital", 1},
		{"Washington State", "Washington State", "USA", "region", 2},
		{"Punjab", "Punjab", "PAK", "region", 1}, // the larger of the two Punjabs
		{"Indian Punjab", "Punjab", "IND", "region", 2},
		{"Sindh", "Sindh", "PAK", "region", 1},
		{"Darfur", "Darfur", "SDN", "region", 1},
		{"South Kordofan", "South Kordofan", "SDN", "region", 2},
		{"Tigray", "Tigray", "ETH", "region", 1},
		{"Bavaria", "Bavaria", "DEU", "region", 1},
		{"Catalonia", "Catalonia", "ESP", "region", 1},
		{"Xinjiang", "Xinjiang", "CHN", "region", 1},
		{"Guangdong", "Guangdong", "CHN", "region", 1},
		{"Azerbaijan", "Azerbaijan", "AZE", "country", 1},
		{"West Azerbaijan", "West Azerbaijan", "IRN", "region", 2},
		{"Victoria , Australia", "Victoria, Australia", "AUS", "region", 3},
		{"Helmand", "Helmand", "AFG", "region", 1},
		{"Kandahar Province", "Kandahar Province", "AFG", "region", 2},
		{"Sabah", "Sabah", "MYS", "region", 1},
		{"Bali", "Bali", "IDN", "region", 1}, // not the Cameroonian town
		{"Mexico", "Mexico", "MEX", "country", 1},
		{"State of Mexico", "State of Mexico", "MEX", "region", 3},
		{"Lagos", "Lagos", "NGA", "city", 1}, // the city; the state is "Lagos State"
		{"Lagos State", "Lagos State", "NGA", "region", 2},
		{"Niger", "Niger", "NER", "country", 1},
		{"Niger State", "Niger State", "NGA", "region", 2},
		{"North Kivu", "North Kivu", "COD", "region", 2},
		{"Kharkiv Oblast", "Kharkiv Oblast", "UKR", "region", 2},
		{"the Odessa region", "Odesa Oblast", "UKR", "region", 3},
		{"Krasnodar Krai", "Krasnodar Krai", "RUS", "region", 2},
		{"Rakhine", "Rakhine", "MMR", "region", 1},
		{"Shan", "Shan State", "MMR", "region", 1},
		{"Crete", "Crete", "GRC", "region", 1},
		{"Antioquia", "Antioquia", "COL", "region", 1},
		{"Idlib", "Idlib", "SYR", "city", 1}, // the city; the governorate is "Idlib province"
		{"Idlib province", "Idlib Governorate", "SYR", "region", 2},
	}
	for _, tt := range tests {
		n, p := d.MatchPlace(words(tt.text))
		if n != tt.n || p == nil || p.Name != tt.name || p.Country != tt.iso || p.Kind != tt.kind {
			t.Errorf("MatchPlace(%q) = %d %+v, want %d %s %s %s", tt.text, n, p, tt.n, tt.name, tt.iso, tt.kind)
		}
	}
	// No region, city or capital hides a country: every name of every country finds a country.
	for _, p := range d.Places() {
		if p.Kind != "country" {
			continue
		}
		for _, name := range append([]string{p.Name}, p.AltNames...) {
			w := words(name)
			if n, q := d.MatchPlace(w); n == len(w) && q != nil && q.Kind != "country" {
				t.Errorf("country name %q of %s finds %s %q (%s)", name, p.Country, q.Kind, q.Name, q.Country)
			}
		}
	}
}
