package eventio

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"io"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad"
)

// Provenance is what the GDELT and ICEWS layouts say about an event beyond dyad.Event itself: how
// often it was reported (GDELT's NumMentions, NumSources, NumArticles; 1 each for a single report),
// when it was stored, and where it was published.
type Provenance struct {
	Mentions, Sources, Articles int
	Added                       dyad.Date // GDELT DATEADDED: when dyad stored the event
	URL                         string    // GDELT SOURCEURL: the (first) article's address
	Publisher                   string    // ICEWS Publisher: the (first) article's outlet
}

// NumericID maps a dyad event id to a stable positive integer below 2^53 (exact in a float64), for
// layouts whose event id column is numeric (GDELT GLOBALEVENTID, ICEWS Event ID).
func NumericID(id string) int64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return int64(h.Sum64() & (1<<53 - 1))
}

// GDELTColumns is the GDELT 1.0 event record (daily files since 2013-04-01: 58 columns).
var GDELTColumns = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// GDELTRow maps an event to the values of GDELTColumns. What dyad does not code is left empty:
// ethnic and religion codes, second and third actor types, AvgTone, actor geography, ADM1 codes and
// feature ids, and the ActionGeo country code (GDELT uses FIPS 10-4 there, dyad has ISO 3166
// alpha-3). An actor whose country is "IGO" gets its organisation in KnownGroupCode ("IGOUNO" →
// "UNO") and no country code. IsRootEvent is 1 for events of an article's first sentence.
// ActionGeo_Type is 4 (world city) for a named place with coordinates, 1 (country) otherwise.
func GDELTRow(e *dyad.Event, p Provenance) []string {
	row := make([]string, 0, len(GDELTColumns))
	var sqlDate, monthYear, year, fraction string
	if d := e.Date; !d.IsZero() {
		sqlDate = fmt.Sprintf("%04d%02d%02d", d.Year(), d.Month(), d.Day())
		monthYear = fmt.Sprintf("%04d%02d", d.Year(), d.Month())
		year = strconv.Itoa(d.Year())
		// GDELT's own approximation: (month*30 + day) / 365 + year, four decimals.
		fraction = strconv.FormatFloat(float64(d.Year())+float64(int(d.Month())*30+d.Day())/365, 'f', 4, 64)
	}
	row = append(row, strconv.FormatInt(NumericID(e.ID), 10), sqlDate, monthYear, year, fraction)
	row = appendGDELTActor(row, e.Source)
	row = appendGDELTActor(row, e.Target)
	isRoot := "0"
	if e.Sentence == 0 {
		isRoot = "1"
	}
	base := e.CAMEO
	if len(base) > 3 {
		base = base[:3]
	}
	quad, goldstein := "", ""
	if e.CAMEO != "" {
		quad = strconv.Itoa(e.QuadClass)
		goldstein = strconv.FormatFloat(e.Goldstein, 'f', -1, 64)
	}
	row = append(row, isRoot, e.CAMEO, base, e.Root, quad, goldstein,
		strconv.Itoa(p.Mentions), strconv.Itoa(p.Sources), strconv.Itoa(p.Articles), "")
	row = append(row, "", "", "", "", "", "", "") // Actor1Geo_*
	row = append(row, "", "", "", "", "", "", "") // Actor2Geo_*
	if l := e.Location; l != nil {
		typ := "1"
		if l.Name != "" && (l.Lat != 0 || l.Lon != 0) {
			typ = "4"
		}
		row = append(row, typ, l.Name, "", "", formatCoord(l.Lat), formatCoord(l.Lon), "")
	} else {
		row = append(row, "", "", "", "", "", "", "")
	}
	var added string
	if d := p.Added; !d.IsZero() {
		added = fmt.Sprintf("%04d%02d%02d", d.Year(), d.Month(), d.Day())
	}
	return append(row, added, p.URL)
}

func appendGDELTActor(row []string, a dyad.Actor) []string {
	country, group := a.Country, ""
	if country == dyad.CountryIGO {
		country = ""
		group = strings.TrimPrefix(a.Code, dyad.CountryIGO)
		if len(group) > 3 {
			group = group[:3]
		}
	}
	return append(row, a.Code, strings.ToUpper(a.Name), country, group, "", "", "", a.Agent, "", "")
}

func formatCoord(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// LayoutWriter writes events in a fixed column layout, one line per event.
type LayoutWriter struct {
	bw      *bufio.Writer
	row     func(*dyad.Event, Provenance) []string
	columns []string
	header  bool
}

// NewGDELTWriter returns a writer of GDELT 1.0 tab-separated event records. GDELT's own files
// have no header row; header adds one (GDELTColumns).
func NewGDELTWriter(w io.Writer, header bool) *LayoutWriter {
	return &LayoutWriter{bw: bufio.NewWriter(w), row: GDELTRow, columns: GDELTColumns, header: header}
}

// Write writes one event with its provenance.
func (w *LayoutWriter) Write(e *dyad.Event, p Provenance) error {
	if w.header {
		w.header = false
		if err := w.writeRow(w.columns); err != nil {
			return err
		}
	}
	return w.writeRow(w.row(e, p))
}

// Close writes the header if nothing was written and flushes.
func (w *LayoutWriter) Close() error {
	if w.header {
		w.header = false
		if err := w.writeRow(w.columns); err != nil {
			return err
		}
	}
	return w.bw.Flush()
}

func (w *LayoutWriter) writeRow(row []string) error {
	for i, f := range row {
		if i > 0 {
			w.bw.WriteByte('\t')
		}
		w.bw.WriteString(layoutEscape.Replace(f))
	}
	return w.bw.WriteByte('\n')
}

// layoutEscape keeps one record a line: tabs and line breaks inside a field become spaces.
var layoutEscape = strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ")
