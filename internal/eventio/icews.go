package eventio

import (
	"bufio"
	"io"
	"strconv"

	"github.com/dyad-events/dyad"
)

// ICEWSColumns is the ICEWS coded-event record (tab-separated, with a header row).
var ICEWSColumns = []string{
	"Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
	"CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
	"Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
}

// agentSectors names CAMEO agent types for the ICEWS sector columns (ICEWS has its own, finer
// sector names; these are the CAMEO agent names).
var agentSectors = map[string]string{
	"GOV": "Government", "MIL": "Military", "COP": "Police", "JUD": "Judicial", "SPY": "Intelligence",
	"LEG": "Legislative / Parliamentary", "OPP": "Opposition", "PTY": "Parties", "REB": "Rebels",
	"INS": "Insurgents", "SEP": "Separatists", "UAF": "Unaligned Armed Forces", "AGR": "Agricultural",
	"BUS": "Business", "CRM": "Criminal", "CVL": "Civilian", "DEV": "Development", "EDU": "Education",
	"ELI": "Elite", "ENV": "Environment", "HLH": "Health", "HRI": "Human Rights", "LAB": "Labor",
	"MED": "Media", "REF": "Refugees", "REL": "Religious", "IGO": "International Government Organization",
	"NGO": "Nongovernmental Organization",
}

// ICEWSRow maps an event to the values of ICEWSColumns. Differences from ICEWS: the country
// columns hold ISO 3166 alpha-3 codes, not country names; the sector columns name the CAMEO agent
// type; Event Text is the CAMEO code's name; Sentence Number counts from 1 (empty when the
// sentence is unknown, Sentence < 0, as for merged events); City is the place name
// (District and Province are left empty).
func ICEWSRow(e *dyad.Event, p Provenance) []string {
	var eventText, intensity string
	if c, ok := dyad.LookupCode(e.CAMEO); ok {
		eventText = c.Name
	}
	if e.CAMEO != "" {
		intensity = strconv.FormatFloat(e.Goldstein, 'f', -1, 64)
	}
	var city, country, lat, lon string
	if l := e.Location; l != nil {
		city, country, lat, lon = l.Name, l.Country, formatCoord(l.Lat), formatCoord(l.Lon)
	}
	sentence := ""
	if e.Sentence >= 0 {
		sentence = strconv.Itoa(e.Sentence + 1)
	}
	return []string{
		strconv.FormatInt(NumericID(e.ID), 10), e.Date.String(),
		icewsName(e.Source), agentSectors[e.Source.Agent], e.Source.Country, eventText,
		e.CAMEO, intensity,
		icewsName(e.Target), agentSectors[e.Target.Agent], e.Target.Country,
		e.Doc, sentence, p.Publisher,
		city, "", "", country, lat, lon,
	}
}

func icewsName(a dyad.Actor) string {
	if a.Name != "" {
		return a.Name
	}
	return a.Text
}

// NewICEWSWriter returns a writer of ICEWS-like tab-separated event records with a header row.
func NewICEWSWriter(w io.Writer) *LayoutWriter {
	return &LayoutWriter{bw: bufio.NewWriter(w), row: ICEWSRow, columns: ICEWSColumns, header: true}
}
