package server

import (
	"context"
	"errors"

	"github.com/dyad-events/dyad"
)

// Store is what the server reads from the event store. Implementations return ErrNotFound for an
// article that is not stored; other errors become 500 responses.
type Store interface {
	// Events returns one page of the events matching f, sorted, and the number of all matches.
	Events(ctx context.Context, f Filter, p Page) ([]dyad.Event, int, error)
	// Series counts the events matching f per period ("day", "week" or "month").
	Series(ctx context.Context, f Filter, period string) ([]Point, error)
	// TopDyads returns the source-target pairs with the most events matching f; level "code" pairs
	// actor codes, "country" pairs countries.
	TopDyads(ctx context.Context, f Filter, level string, limit int) ([]DyadCount, error)
	// Counts counts the events matching f by PLOVER type, quad class and root.
	Counts(ctx context.Context, f Filter) (Counts, error)
	// Places counts the events matching f per stated location, most events first.
	Places(ctx context.Context, f Filter, limit int) ([]PlaceCount, error)
	// Actors returns the actors whose code or name starts with q (case-insensitive), most events first.
	Actors(ctx context.Context, q string, limit int) ([]ActorCount, error)
	// Article returns a stored article and the events coded from it, in text order.
	Article(ctx context.Context, id string) (*dyad.Article, []dyad.Event, error)
	// Stats returns the size and date range of the store.
	Stats(ctx context.Context) (Stats, error)
}

// Coder codes an article's text into events; it must be safe for concurrent use.
type Coder interface {
	Code(a *dyad.Article) []dyad.Event
}

// ErrNotFound is returned by Store.Article for an id that is not stored.
var ErrNotFound = errors.New("not found")

// Filter selects events; the zero Filter matches every event. It has the filters of "dyad query":
// codes match as prefixes, names as case-insensitive prefixes.
type Filter struct {
	Actor      string    // source or target: code or name prefix
	Source     string    // source: code or name prefix
	Target     string    // target: code or name prefix
	DyadSource string    // with DyadTarget: source and target code prefixes
	DyadTarget string    //
	Code       string    // CAMEO code or root; matches its subcodes
	PLOVER     string    // PLOVER event type, upper case
	Quad       int       // quad class 1..4, 0 for any
	Country    string    // ISO alpha-3 code of the event's location
	Place      string    // location name prefix
	From, To   dyad.Date // first and last date, inclusive; zero for open
	Text       string    // evidence contains (case-insensitive)
}

// Page is one page of a sorted event list.
type Page struct {
	Offset, Limit int
	Sort          string // one of SortKeys
}

// SortKeys are the event orders the API accepts; a leading '-' sorts descending.
var SortKeys = []string{"date", "-date", "goldstein", "-goldstein", "source", "target", "cameo"}

// Point is one period of a time series.
type Point struct {
	Period    dyad.Date `json:"period"`    // first day of the period
	Events    int       `json:"events"`    // number of events
	Goldstein float64   `json:"goldstein"` // sum of their Goldstein scores
	Mean      float64   `json:"mean"`      // mean Goldstein score
	Quad      [4]int    `json:"quad"`      // events per quad class 1..4
}

// DyadCount is the number of events from one source to one target.
type DyadCount struct {
	Source     string  `json:"source"`
	SourceName string  `json:"source_name"`
	Target     string  `json:"target"`
	TargetName string  `json:"target_name"`
	Events     int     `json:"events"`
	Goldstein  float64 `json:"goldstein"`
	Mean       float64 `json:"mean"`
}

// KeyCount is the number of events with one value of a key.
type KeyCount struct {
	Key       string  `json:"key"`
	Events    int     `json:"events"`
	Goldstein float64 `json:"goldstein"`
}

// Counts is the body of GET /api/counts: events by PLOVER type, quad class ("1".."4") and CAMEO
// root, most events first.
type Counts struct {
	PLOVER []KeyCount `json:"plover"`
	Quad   []KeyCount `json:"quad"`
	Root   []KeyCount `json:"root"`
}

// PlaceCount is the number of events at one location.
type PlaceCount struct {
	dyad.Location
	Events int     `json:"events"`
	Mean   float64 `json:"mean"`
}

// ActorCount is an actor code with its most used name and number of events (as source or target).
type ActorCount struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	Country string `json:"country"`
	Events  int    `json:"events"`
}

// Stats describes the store.
type Stats struct {
	Articles int       `json:"articles"`
	Events   int       `json:"events"`
	First    dyad.Date `json:"first"`
	Last     dyad.Date `json:"last"`
}
