package dict

import (
	"strconv"
	"strings"
)

// Place is a gazetteer entry.
type Place struct {
	Name       string
	Country    string // ISO3
	Lat, Lon   float64
	Kind       string // country, capital, city or region
	Population int
	AltNames   []string
	Pos        string // file:line
}

var placeKinds = map[string]int{"country": 4, "region": 3, "capital": 2, "city": 1}

// parsePlaces reads places.tsv: NAME, ISO3, LAT, LON, KIND, POPULATION, ALT_NAMES.
func parsePlaces(file, data string) ([]*Place, ErrorList) {
	er := &errs{file: file}
	lines := scanLines(data)
	out := make([]*Place, 0, len(lines))
	for _, l := range lines {
		p, err := parsePlaceLine(l.text)
		if err != "" {
			er.add(l.n, "%s", err)
			continue
		}
		p.Pos = posOf(file, l.n)
		out = append(out, p)
	}
	return out, er.list
}

func parsePlaceLine(s string) (*Place, string) {
	f := splitTabs(strings.TrimLeft(s, " "))
	if len(f) < 5 || len(f) > 7 {
		return nil, "want NAME<TAB>ISO3<TAB>LAT<TAB>LON<TAB>KIND[<TAB>POPULATION[<TAB>ALT_NAMES]], got " + itoa(len(f)) + " columns"
	}
	p := &Place{Name: strings.Join(strings.Fields(f[0]), " "), Country: f[1], Kind: f[4]}
	if !hasWord(p.Name) {
		return nil, "empty name"
	}
	if !isUpperCode(p.Country, 3) {
		return nil, "bad ISO3 code " + quote(p.Country)
	}
	var err error
	if p.Lat, err = strconv.ParseFloat(f[2], 64); err != nil || p.Lat < -90 || p.Lat > 90 {
		return nil, "bad latitude " + quote(f[2])
	}
	if p.Lon, err = strconv.ParseFloat(f[3], 64); err != nil || p.Lon < -180 || p.Lon > 180 {
		return nil, "bad longitude " + quote(f[3])
	}
	if _, ok := placeKinds[p.Kind]; !ok {
		return nil, "bad kind " + quote(p.Kind) + " (want country, capital, city or region)"
	}
	if len(f) > 5 && f[5] != "" {
		if p.Population, err = strconv.Atoi(f[5]); err != nil || p.Population < 0 {
			return nil, "bad population " + quote(f[5])
		}
	}
	if len(f) > 6 {
		alt, empty := splitBar(f[6])
		if empty {
			return nil, "empty alternative name (check the '|' separators)"
		}
		for _, a := range alt {
			if !hasWord(a) {
				return nil, "alternative name " + quote(a) + " has no words"
			}
		}
		p.AltNames = alt
	}
	return p, ""
}

func itoa(i int) string { return strconv.Itoa(i) }
