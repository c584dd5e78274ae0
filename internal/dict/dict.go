package dict

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/dyad-events/dyad"
)

//go:embed data/*
var bundled embed.FS

// bundledDir names the embedded files in errors: their path in the source tree.
const bundledDir = "internal/dict/data"

// Bundled returns the embedded default dictionary files.
func Bundled() fs.FS {
	sub, err := fs.Sub(bundled, "data")
	if err != nil { // cannot happen: "data" is a valid path
		panic(err)
	}
	return sub
}

// File names of the dictionaries, in load order.
const (
	FileCountries = "countries.tsv"
	FilePeople    = "people.txt"
	FileOrgs      = "organizations.txt"
	FileAgents    = "agents.txt"
	FileVerbs     = "verbs.txt"
	FilePlaces    = "places.tsv"
)

var fileNames = []string{FileCountries, FilePeople, FileOrgs, FileAgents, FileVerbs, FilePlaces}

// Dict is a loaded, indexed set of dictionaries. It is read-only and safe for concurrent use.
type Dict struct {
	actors    *phraseIndex[*Entry]
	agents    *phraseIndex[Agent]
	places    *phraseIndex[*Place]
	verbs     map[string][]Pattern
	nouns     map[string][]Pattern
	countries map[string]*Entry
	iso2      map[string]*Entry
	countryL  []*Entry
	entries   []*Entry // people and organizations, in load order
	titles    map[string][]titleRef
	placeL    []*Place
	warnings  ErrorList
	stats     Stats
}

type titleRef struct {
	e    *Entry
	role int
}

// Default loads the embedded dictionaries only.
func Default() (*Dict, error) { return loadSources([]source{{fsys: Bundled(), dir: bundledDir}}) }

// Load loads the embedded dictionaries and then each user folder on top, in order: a user entry
// with the same key (country ISO3, person or organization canonical name, agent phrase, verb
// pattern, place name and country) replaces the loaded one. Bad entries are skipped and reported
// in an ErrorList, with the usable Dict.
func Load(user ...string) (*Dict, error) {
	srcs := []source{{fsys: Bundled(), dir: bundledDir}}
	for _, dir := range user {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, fmt.Errorf("dictionary folder: %w", err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("dictionary folder %s: not a directory", dir)
		}
		srcs = append(srcs, source{fsys: os.DirFS(dir), dir: dir, user: true})
	}
	return loadSources(srcs)
}

// LoadFS loads the dictionary files at the root of each file system, later ones over earlier
// ones (it does not add the embedded files: pass Bundled() first for that).
func LoadFS(fsys ...fs.FS) (*Dict, error) {
	srcs := make([]source, len(fsys))
	for i, f := range fsys {
		srcs[i] = source{fsys: f, user: i > 0}
	}
	return loadSources(srcs)
}

type source struct {
	fsys fs.FS
	dir  string // prefix of file names in errors
	user bool   // warn about unknown files
}

// layer is what one source holds.
type layer struct {
	countries []*countryRow
	actors    []actorSrc
	agents    []agentRow
	agentFile string
	verbs     []Pattern
	places    []*Place
}

func loadSources(srcs []source) (*Dict, error) {
	var errList, warn ErrorList
	layers := make([]layer, len(srcs))
	for i, src := range srcs {
		l := &layers[i]
		for _, name := range fileNames {
			b, err := fs.ReadFile(src.fsys, name)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			file := name
			if src.dir != "" {
				file = path.Join(src.dir, name)
			}
			if err != nil {
				return nil, fmt.Errorf("reading %s: %w", file, err)
			}
			data := string(b)
			var el ErrorList
			switch name {
			case FileCountries:
				l.countries, el = parseCountries(file, data)
			case FilePeople:
				var a []actorSrc
				a, el = parseActors(file, data, Person)
				l.actors = append(l.actors, a...)
			case FileOrgs:
				var a []actorSrc
				a, el = parseActors(file, data, Org)
				l.actors = append(l.actors, a...)
			case FileAgents:
				l.agents, el = parseAgents(file, data)
				l.agentFile = file
			case FileVerbs:
				l.verbs, el = parseVerbs(file, data)
			case FilePlaces:
				l.places, el = parsePlaces(file, data)
			}
			errList = append(errList, el...)
		}
		if src.user {
			warn = append(warn, unknownFiles(src)...)
		}
	}
	d, el, w := build(layers)
	errList = append(errList, el...)
	d.warnings = append(warn, w...)
	sortErrors(errList)
	sortErrors(d.warnings)
	return d, errList.Err()
}

// unknownFiles warns about .txt and .tsv files of a user folder that dyad does not read.
func unknownFiles(src source) ErrorList {
	ents, err := fs.ReadDir(src.fsys, ".")
	if err != nil {
		return nil
	}
	var out ErrorList
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || !(strings.HasSuffix(n, ".txt") || strings.HasSuffix(n, ".tsv")) {
			continue
		}
		known := false
		for _, k := range fileNames {
			known = known || k == n
		}
		if !known {
			out = append(out, Error{File: path.Join(src.dir, n), Msg: "not a dictionary file name (ignored); want one of " + strings.Join(fileNames, ", ")})
		}
	}
	return out
}

func sortErrors(l ErrorList) {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		return l[i].Line < l[j].Line
	})
}

// knownAgents are the CAMEO agent types; others are accepted with a warning.
var knownAgents = setOf("GOV MIL COP JUD SPY LEG OPP PTY REB INS SEP UAF CVL MED BUS ELI IGO NGO REF " +
	"AGR CRM DEV EDU ENV HLH HRI LAB MOD RAD AMN IRC GRP UNO PKO UIS IMG INT MNC NGM NGO SET " +
	"CHR MUS JEW BUD HIN REL CTH ORT SHI SUN ITH DIP PRO")

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// build merges the layers, later over earlier, checks cross-file references and indexes.
func build(layers []layer) (*Dict, ErrorList, ErrorList) {
	var errList, warn ErrorList
	d := &Dict{
		agents: newPhraseIndex[Agent](0),
		verbs:  map[string][]Pattern{}, nouns: map[string][]Pattern{},
		countries: map[string]*Entry{}, iso2: map[string]*Entry{}, titles: map[string][]titleRef{},
	}
	type rankedEntry struct {
		e     *Entry
		layer int
	}
	// Countries: by ISO3.
	var cOrder []string
	cRows := map[string]*countryRow{}
	cLayer := map[string]int{}
	for li, l := range layers {
		for _, c := range l.countries {
			if _, ok := cRows[c.ISO3]; !ok {
				cOrder = append(cOrder, c.ISO3)
			}
			cRows[c.ISO3], cLayer[c.ISO3] = c, li
		}
	}
	var actorList []rankedEntry
	for _, iso := range cOrder {
		c := cRows[iso]
		for _, e := range c.entries() {
			actorList = append(actorList, rankedEntry{e, cLayer[iso]})
			switch e.Kind {
			case Country:
				d.countries[iso] = e
				d.countryL = append(d.countryL, e)
				if c.ISO2 != "" {
					d.iso2[c.ISO2] = e
				}
				d.stats.Countries++
				d.stats.CountryNames += len(e.Names)
			case Capital, Seat:
				d.stats.Capitals += len(e.Names)
			case Demonym:
				d.stats.Demonyms += len(e.Names)
			}
		}
	}
	knownCountry := func(c string) bool {
		return c == "" || c == dyad.CountryIGO || len(d.countries) == 0 || d.countries[c] != nil
	}

	// People and organizations: by kind and canonical name.
	type aKey struct {
		k    Kind
		name string
	}
	aIdx := map[aKey]int{}
	var aList []actorSrc
	aLayer := []int{}
	for li, l := range layers {
		seen := map[aKey]string{}
		for _, a := range l.actors {
			k := aKey{a.e.Kind, Norm(a.e.Name)}
			if prev, ok := seen[k]; ok {
				warn = append(warn, Error{File: a.file, Line: a.line, Msg: fmt.Sprintf("%q is defined again (first at %s); the later block is used", a.e.Name, prev)})
			}
			seen[k] = a.e.Pos
			if i, ok := aIdx[k]; ok {
				aList[i], aLayer[i] = a, li
				continue
			}
			aIdx[k] = len(aList)
			aList = append(aList, a)
			aLayer = append(aLayer, li)
		}
	}
	for i, a := range aList {
		ok := true
		for j, r := range a.e.Roles {
			if !knownCountry(r.Country) {
				errList = append(errList, Error{File: a.file, Line: a.roleLines[j], Msg: fmt.Sprintf("unknown country %q (not in %s)", r.Country, FileCountries)})
				ok = false
			}
			if r.Agent != "" && !knownAgents[r.Agent] {
				warn = append(warn, Error{File: a.file, Line: a.roleLines[j], Msg: fmt.Sprintf("agent type %q is not a CAMEO agent type dyad knows", r.Agent)})
			}
		}
		if !ok {
			continue
		}
		e := a.e
		d.entries = append(d.entries, e)
		actorList = append(actorList, rankedEntry{e, aLayer[i]})
		for j, r := range e.Roles {
			if r.Title != "" {
				t := Norm(r.Title)
				d.titles[t] = append(d.titles[t], titleRef{e, j})
			}
		}
		switch e.Kind {
		case Person:
			d.stats.People++
			for _, r := range e.Roles {
				if r.Dated() {
					d.stats.DatedPersonRoles++
				}
			}
		case Org:
			switch {
			case hasRole(e, func(r Role) bool { return r.Country == dyad.CountryIGO }):
				d.stats.IGOs++
			case hasRole(e, func(r Role) bool { return r.Agent == dyad.AgentREB }):
				d.stats.ArmedGroups++
			default:
				d.stats.OtherOrgs++
			}
		}
	}
	type owner struct {
		re  rankedEntry
		pri int64
	}
	nNames := 0
	for _, re := range actorList {
		nNames += len(re.e.Names)
	}
	d.actors = newPhraseIndex[*Entry](nNames)
	owners := make(map[string]owner, nNames) // name → entry it matches, to warn about names of two entries
	for _, re := range actorList {
		rank := int64(re.layer)*16 + kindRank[re.e.Kind]
		for _, n := range re.e.Names {
			for _, v := range nameVariants(n) {
				d.actors.add(v, re.e, rank)
				k := strings.Join(v, " ")
				o, ok := owners[k]
				switch {
				case !ok || o.re.layer < re.layer:
					owners[k] = owner{re, rank}
				case o.re.e != re.e && o.re.layer == re.layer && (re.e.Kind >= Person || o.re.e.Kind >= Person):
					win, lose := o.re.e, re.e
					if rank > o.pri {
						win, lose = lose, win
						owners[k] = owner{re, rank}
					}
					file, line := splitPos(lose.Pos)
					warn = append(warn, Error{File: file, Line: line, Msg: fmt.Sprintf("name %q of %s %q also names %s %q (%s), which is matched", n, lose.Kind, lose.Name, win.Kind, win.Name, win.Pos)})
				}
			}
		}
	}
	d.actors.finish()

	// Agents: by phrase.
	type agentDef struct {
		a     Agent
		layer int
	}
	agents := map[string]agentDef{}
	var agOrder []string
	for li, l := range layers {
		seen := map[string]int{}
		for _, row := range l.agents {
			for _, p := range row.Phrases {
				k := strings.Join(strings.Fields(Norm(p)), " ")
				if prev, ok := seen[k]; ok {
					warn = append(warn, Error{File: l.agentFile, Line: row.line, Msg: fmt.Sprintf("phrase %q is listed again (first on line %d); the later line is used", p, prev)})
				}
				seen[k] = row.line
				if _, ok := agents[k]; !ok {
					agOrder = append(agOrder, k)
				}
				agents[k] = agentDef{Agent{Code: row.Code, Title: row.Title, Phrase: k}, li}
			}
			if !knownAgents[row.Code] {
				warn = append(warn, Error{File: l.agentFile, Line: row.line, Msg: fmt.Sprintf("agent type %q is not a CAMEO agent type dyad knows", row.Code)})
			}
		}
	}
	for _, k := range agOrder {
		ad := agents[k]
		d.stats.AgentPhrases++
		if ad.a.Title {
			d.stats.Titles++
		}
		for _, v := range nameVariants(k) {
			d.agents.add(v, ad.a, int64(ad.layer))
		}
	}
	d.agents.finish()

	// Verb and noun patterns: by kind and pattern text.
	nPats := 0
	for _, l := range layers {
		nPats += len(l.verbs)
	}
	pats := make(map[string]int, nPats)
	pList := make([]*Pattern, 0, nPats)
	for _, l := range layers {
		seen := make(map[string]string, len(l.verbs))
		for j := range l.verbs {
			p := &l.verbs[j]
			k := p.key()
			if prev, ok := seen[k]; ok {
				file, line := splitPos(p.Pos)
				warn = append(warn, Error{File: file, Line: line, Msg: fmt.Sprintf("pattern %q is listed again (first at %s); the later line is used", k[2:], prev)})
			}
			seen[k] = p.Pos
			if i, ok := pats[k]; ok {
				pList[i] = p
				continue
			}
			pats[k] = len(pList)
			pList = append(pList, p)
		}
	}
	// Each head's patterns get one slice of the exact size, cut from one array.
	vCount, nCount := map[string]int{}, map[string]int{}
	for i := range pList {
		if pList[i].Noun {
			nCount[pList[i].Head]++
		} else {
			vCount[pList[i].Head]++
		}
	}
	d.verbs, d.nouns = make(map[string][]Pattern, len(vCount)), make(map[string][]Pattern, len(nCount))
	all := make([]Pattern, 0, len(pList))
	for _, mc := range []struct {
		m map[string][]Pattern
		c map[string]int
	}{{d.verbs, vCount}, {d.nouns, nCount}} {
		for h, n := range mc.c {
			mc.m[h] = all[len(all) : len(all) : len(all)+n]
			all = all[:len(all)+n]
		}
	}
	covered := map[string]bool{}
	for _, p := range pList {
		if p.Noun {
			d.nouns[p.Head] = append(d.nouns[p.Head], *p)
			d.stats.NounPatterns++
		} else {
			d.verbs[p.Head] = append(d.verbs[p.Head], *p)
			d.stats.VerbPatterns++
		}
		covered[p.Code[:3]] = true
	}
	for _, m := range []map[string][]Pattern{d.verbs, d.nouns} {
		for _, ps := range m {
			slices.SortStableFunc(ps, func(a, b Pattern) int { return b.specificity() - a.specificity() })
		}
	}
	for _, c := range dyad.Codes() {
		if len(c.Code) == 3 {
			d.stats.CodesTotal++
			if covered[c.Code] {
				d.stats.CodesCovered++
			}
		}
	}

	// Places: by name and country.
	type pKey struct{ name, iso string }
	var replaced map[pKey]int // key → last layer that defines it, when several layers have places
	withPlaces := 0
	for _, l := range layers {
		if len(l.places) > 0 {
			withPlaces++
		}
	}
	if withPlaces > 1 {
		replaced = map[pKey]int{}
		for li, l := range layers {
			for _, p := range l.places {
				replaced[pKey{Norm(p.Name), p.Country}] = li
			}
		}
	}
	nPlaces, nNames := 0, 0
	for _, l := range layers {
		nPlaces += len(l.places)
		for _, p := range l.places {
			nNames += 1 + len(p.AltNames)
		}
	}
	d.placeL = make([]*Place, 0, nPlaces)
	d.places = newPhraseIndex[*Place](nNames)
	for li, l := range layers {
		for _, p := range l.places {
			if replaced != nil && replaced[pKey{Norm(p.Name), p.Country}] != li {
				continue
			}
			if !knownCountry(p.Country) {
				file, line := splitPos(p.Pos)
				errList = append(errList, Error{File: file, Line: line, Msg: fmt.Sprintf("unknown country %q (not in %s)", p.Country, FileCountries)})
				continue
			}
			d.placeL = append(d.placeL, p)
			rank := int64(li)<<50 + int64(p.Population)
			if p.Kind == "country" {
				rank += 1 << 45
			}
			for _, n := range append([]string{p.Name}, p.AltNames...) {
				for _, v := range nameVariants(n) {
					d.places.add(v, p, rank)
				}
			}
		}
	}
	d.places.finish()
	d.stats.Places = len(d.placeL)
	return d, errList, warn
}

var kindRank = map[Kind]int64{Person: 6, Org: 5, Country: 4, Seat: 3, Capital: 2, Demonym: 1}

func hasRole(e *Entry, f func(Role) bool) bool {
	for _, r := range e.Roles {
		if f(r) {
			return true
		}
	}
	return false
}

func splitPos(pos string) (string, int) {
	i := strings.LastIndexByte(pos, ':')
	if i < 0 {
		return pos, 0
	}
	n := 0
	for _, c := range pos[i+1:] {
		n = n*10 + int(c-'0')
	}
	return pos[:i], n
}

// Warnings returns the problems that did not stop an entry from loading: names defined twice,
// a name shared by two entries (one of them a person or organization), unknown agent types,
// unknown files in a user folder.
func (d *Dict) Warnings() ErrorList { return d.warnings }

// MatchActor returns the longest actor name at the start of words (Norm'ed), with or without a
// leading "the" ("the Kremlin", "the United States"): n is the number of words matched, 0 when
// none. Names defined by a later (user) folder win, then people, organizations, countries, seats,
// capitals and demonyms, in that order.
func (d *Dict) MatchActor(words []string) (n int, e *Entry) {
	n, c := d.actors.match(words, true)
	if c == nil {
		return 0, nil
	}
	return n, c.v
}

// MatchAgent returns the longest agent noun or title at the start of words (Norm'ed, as lemmas
// or plural forms as the caller chooses).
func (d *Dict) MatchAgent(words []string) (n int, a Agent, ok bool) {
	n, c := d.agents.match(words, false)
	if c == nil {
		return 0, Agent{}, false
	}
	return n, c.v, true
}

// MatchPlace returns the longest place name at the start of words (Norm'ed), with or without a
// leading "the"; among places of the same name, countries first, then the larger population.
func (d *Dict) MatchPlace(words []string) (n int, p *Place) {
	n, c := d.places.match(words, true)
	if c == nil {
		return 0, nil
	}
	return n, c.v
}

// MatchPlaces is MatchPlace returning every place of the longest name, best first (countries,
// then larger populations), so that a caller can choose by context ("Bethlehem" in an article
// about the West Bank).
func (d *Dict) MatchPlaces(words []string) (n int, ps []*Place) {
	return d.places.matchAll(words, true)
}

// MatchActors is MatchActor returning every entry of the longest name, the one MatchActor
// returns first.
func (d *Dict) MatchActors(words []string) (n int, es []*Entry) {
	return d.actors.matchAll(words, true)
}

// VerbPatterns returns the patterns whose head is the verb lemma (Norm'ed), most specific first.
// The slice is shared: do not modify it.
func (d *Dict) VerbPatterns(lemma string) []Pattern { return d.verbs[lemma] }

// NounPatterns returns the patterns whose head is the event noun lemma (Norm'ed), most specific
// first. The slice is shared: do not modify it.
func (d *Dict) NounPatterns(lemma string) []Pattern { return d.nouns[lemma] }

// Country returns the entry of a country by ISO3 code.
func (d *Dict) Country(iso3 string) (*Entry, bool) {
	e, ok := d.countries[iso3]
	return e, ok
}

// CountryByISO2 returns the entry of a country by ISO 3166-1 alpha-2 code.
func (d *Dict) CountryByISO2(iso2 string) (*Entry, bool) {
	e, ok := d.iso2[iso2]
	return e, ok
}

// Countries returns the country entries in file order. The slice is shared.
func (d *Dict) Countries() []*Entry { return d.countryL }

// Entries returns the people and organizations in load order. The slice is shared.
func (d *Dict) Entries() []*Entry { return d.entries }

// Places returns every place. The slice is shared.
func (d *Dict) Places() []*Place { return d.placeL }

// TitleHolder returns the person or organization that held an office (a role title such as
// "president", Norm'ed) for a country (ISO3, or "" for any) on date: the first entry, in load
// order, with a dated role of that title containing date, else the first with an undated role of
// that title. The zero date matches only undated roles.
func (d *Dict) TitleHolder(country, title string, date dyad.Date) (*Entry, Role, bool) {
	refs := d.titles[strings.Join(strings.Fields(title), " ")]
	for _, dated := range []bool{true, false} {
		for _, t := range refs {
			r := t.e.Roles[t.role]
			if country != "" && r.Country != country || r.Dated() != dated {
				continue
			}
			if dated && (date.IsZero() || !r.Contains(date)) {
				continue
			}
			return t.e, r, true
		}
	}
	return nil, Role{}, false
}

// Stats are counts of what a Dict holds.
type Stats struct {
	Countries        int // country entries
	CountryNames     int // names of countries
	Capitals         int // capital and seat-of-power names (government metonymy)
	Demonyms         int // demonym forms (adjectives and plurals)
	People           int // person entries
	DatedPersonRoles int // dated roles of people
	IGOs             int // organizations with an IGO role
	ArmedGroups      int // other organizations with a REB role
	OtherOrgs        int // the other organizations
	AgentPhrases     int // agent nouns and titles
	Titles           int // of which titles
	VerbPatterns     int
	NounPatterns     int
	CodesCovered     int // 3-digit CAMEO codes with at least one pattern
	CodesTotal       int // 3-digit CAMEO codes
	Places           int
}

// Stats returns the counts of what d holds.
func (d *Dict) Stats() Stats { return d.stats }

// MissingCodes returns the 3-digit CAMEO codes that no verb or noun pattern codes.
func (d *Dict) MissingCodes() []string {
	covered := map[string]bool{}
	for _, m := range []map[string][]Pattern{d.verbs, d.nouns} {
		for _, ps := range m {
			for _, p := range ps {
				covered[p.Code[:3]] = true
			}
		}
	}
	var out []string
	for _, c := range dyad.Codes() {
		if len(c.Code) == 3 && !covered[c.Code] {
			out = append(out, c.Code)
		}
	}
	return out
}
