package dyad

// Location is where an event happened, from the gazetteer.
type Location struct {
	Name    string  `json:"name"`
	Country string  `json:"country"` // ISO 3166-1 alpha-3
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
}

// Event is one coded event: who did what to whom, when and where, with the evidence for it.
// Its JSON form is dyad's output contract; tests pin it.
type Event struct {
	ID        string    `json:"id"`         // stable id: doc, sentence and a counter
	Doc       string    `json:"doc"`        // article id
	Sentence  int       `json:"sentence"`   // 0-based sentence index in the article
	Date      Date      `json:"date"`       // when the event happened (resolved), else the article date
	DocDate   Date      `json:"doc_date"`   // the article's date
	Source    Actor     `json:"source"`     // who acted
	Target    Actor     `json:"target"`     // whom it was done to
	CAMEO     string    `json:"cameo"`      // CAMEO event code, e.g. "041"
	Root      string    `json:"root"`       // first two digits of the code
	PLOVER    string    `json:"plover"`     // PLOVER event type ("" for statements without one)
	QuadClass int       `json:"quad_class"` // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
	Goldstein float64   `json:"goldstein"`  // intensity, -10..+10
	Location  *Location `json:"location"`   // nil when no place is stated
	Evidence  string    `json:"evidence"`   // the sentence the event was coded from
	Span      Span      `json:"span"`       // the sentence's byte offsets in the article text
}

// SetCode fills the code-derived fields (root, PLOVER type, quad class, Goldstein) from the table.
// It reports false when the code is not in the table; the event keeps its other fields then.
func (e *Event) SetCode(code string) bool {
	c, ok := LookupCode(code)
	if !ok {
		return false
	}
	e.CAMEO = c.Code
	e.Root = c.Root()
	e.PLOVER = c.PLOVER
	e.QuadClass = c.QuadClass
	e.Goldstein = c.Goldstein
	return true
}
