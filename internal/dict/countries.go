package dict

import (
	"strings"

	"github.com/dyad-events/dyad"
)

// countryRow is one line of countries.tsv.
type countryRow struct {
	ISO3, ISO2 string
	Names      []string
	Adjectives []string
	Capitals   []string
	Seats      []string
	file       string
	line       int
}

// parseCountries reads countries.tsv: ISO3, ISO2, NAMES, ADJECTIVES, CAPITALS, SEATS, tab-separated.
func parseCountries(file, data string) ([]*countryRow, ErrorList) {
	er := &errs{file: file}
	var out []*countryRow
	seen := map[string]int{}
	for _, l := range scanLines(data) {
		c, err := parseCountryLine(l.text)
		if err != "" {
			er.add(l.n, "%s", err)
			continue
		}
		if prev, ok := seen[c.ISO3]; ok {
			er.add(l.n, "%s already defined on line %d", c.ISO3, prev)
			continue
		}
		seen[c.ISO3] = l.n
		c.file, c.line = file, l.n
		out = append(out, c)
	}
	return out, er.list
}

func parseCountryLine(s string) (*countryRow, string) {
	f := splitTabs(strings.TrimLeft(s, " "))
	if len(f) < 3 {
		return nil, "want ISO3<TAB>ISO2<TAB>NAMES[<TAB>ADJECTIVES<TAB>CAPITALS<TAB>SEATS]"
	}
	if len(f) > 6 {
		return nil, "too many columns: " + itoa(len(f)) + " (want at most 6, separated by single tabs)"
	}
	c := &countryRow{ISO3: f[0], ISO2: f[1]}
	if !isUpperCode(c.ISO3, 3) {
		return nil, "bad ISO3 code " + quote(c.ISO3)
	}
	if c.ISO2 != "" && !isUpperCode(c.ISO2, 2) {
		return nil, "bad ISO2 code " + quote(c.ISO2)
	}
	cols := []*[]string{&c.Names, &c.Adjectives, &c.Capitals, &c.Seats}
	what := []string{"NAMES", "ADJECTIVES", "CAPITALS", "SEATS"}
	for i, col := range f[2:] {
		items, empty := splitBar(col)
		if empty {
			return nil, "empty item in " + what[i] + " (check the '|' separators)"
		}
		for _, it := range items {
			if !hasWord(it) {
				return nil, what[i] + " item " + quote(it) + " has no words"
			}
		}
		*cols[i] = items
	}
	if len(c.Names) == 0 {
		return nil, "no names for " + c.ISO3
	}
	return c, ""
}

// entries turns a country row into actor entries: the country, its demonym adjectives, its plural
// demonyms (civilians), its capitals and its seats of power.
func (c *countryRow) entries() []*Entry {
	pos := posOf(c.file, c.line)
	country := Role{Country: c.ISO3, Code: c.ISO3}
	gov := Role{Country: c.ISO3, Agent: dyad.AgentGOV, Code: dyad.ActorCode(c.ISO3, dyad.AgentGOV)}
	cvl := Role{Country: c.ISO3, Agent: dyad.AgentCVL, Code: dyad.ActorCode(c.ISO3, dyad.AgentCVL)}
	out := []*Entry{{Name: c.Names[0], Names: c.Names, Kind: Country, Roles: []Role{country}, Country: c.ISO3, Pos: pos}}
	adj, plural := splitDemonyms(c.Adjectives)
	if len(adj) > 0 {
		out = append(out, &Entry{Name: adj[0], Names: adj, Kind: Demonym, Roles: []Role{country}, Country: c.ISO3, Pos: pos})
	}
	if len(plural) > 0 {
		out = append(out, &Entry{Name: plural[0], Names: plural, Kind: Demonym, Roles: []Role{cvl}, Country: c.ISO3, Pos: pos})
	}
	if len(c.Capitals) > 0 {
		out = append(out, &Entry{Name: c.Capitals[0], Names: c.Capitals, Kind: Capital, Roles: []Role{gov}, Country: c.ISO3, Pos: pos})
	}
	for _, s := range c.Seats {
		out = append(out, &Entry{Name: s, Names: []string{s}, Kind: Seat, Roles: []Role{gov}, Country: c.ISO3, Pos: pos})
	}
	return out
}

// splitDemonyms separates plural demonyms from adjectives: a form is plural when the same form
// without a final "s" or "es" is listed too ("Iranians" after "Iranian"), or when it ends in
// "men" and the "man" form is listed ("Englishmen").
func splitDemonyms(forms []string) (adj, plural []string) {
	has := map[string]bool{}
	for _, f := range forms {
		has[Norm(f)] = true
	}
	for _, f := range forms {
		n := Norm(f)
		switch {
		case strings.HasSuffix(n, "s") && has[n[:len(n)-1]],
			strings.HasSuffix(n, "es") && has[n[:len(n)-2]],
			strings.HasSuffix(n, "men") && has[n[:len(n)-3]+"man"]:
			plural = append(plural, f)
		default:
			adj = append(adj, f)
		}
	}
	return adj, plural
}
