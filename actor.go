package dyad

// Actor is a resolved participant in an event: the words of the text that name it, and the codes
// dyad gave it.
type Actor struct {
	Text    string `json:"text"`    // the mention as written ("Iranian Foreign Minister Hossein Amirabdollahian", "he")
	Name    string `json:"name"`    // canonical name of the entity ("Hossein Amirabdollahian", "Iran")
	Code    string `json:"code"`    // CAMEO-style actor code: country + agent ("IRNGOV"), IGO code ("IGOUNO"), ...
	Country string `json:"country"` // ISO 3166-1 alpha-3, or "IGO" for intergovernmental organisations
	Agent   string `json:"agent"`   // CAMEO agent type (GOV, MIL, REB, ...), or "" when only a country is named
}

// IsZero reports whether the actor is unknown.
func (a Actor) IsZero() bool { return a.Code == "" && a.Country == "" && a.Agent == "" }

// ActorCode joins a country and an agent type into a CAMEO-style actor code.
func ActorCode(country, agent string) string { return country + agent }

// Agent types of CAMEO used by dyad (the full list is in the CAMEO actor codebook).
const (
	AgentGOV = "GOV" // government
	AgentMIL = "MIL" // military
	AgentCOP = "COP" // police
	AgentJUD = "JUD" // judiciary
	AgentSPY = "SPY" // intelligence
	AgentLEG = "LEG" // legislature
	AgentOPP = "OPP" // political opposition
	AgentPTY = "PTY" // political parties
	AgentREB = "REB" // rebels, armed groups
	AgentCVL = "CVL" // civilians
	AgentMED = "MED" // media
	AgentREF = "REF" // refugees
	AgentIGO = "IGO" // intergovernmental organisation
	AgentNGO = "NGO" // non-governmental organisation
)

// CountryIGO is the country slot of intergovernmental organisations.
const CountryIGO = "IGO"
