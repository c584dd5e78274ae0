package server

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/dyad-events/dyad"
)

// paramError is a bad request parameter; it becomes a 400 response with its message.
type paramError struct{ msg string }

func (e *paramError) Error() string { return e.msg }

func badParam(format string, a ...any) error { return &paramError{fmt.Sprintf(format, a...)} }

// filterParams are the query parameters parseFilter reads.
var filterParams = []string{"actor", "source", "target", "dyad", "code", "plover", "quad", "country", "place", "from", "to", "text"}

// parseFilter reads the filter parameters of a request, checked as "dyad query" checks its flags.
func parseFilter(q url.Values) (Filter, error) {
	var f Filter
	f.Actor = strings.TrimSpace(q.Get("actor"))
	f.Source = strings.TrimSpace(q.Get("source"))
	f.Target = strings.TrimSpace(q.Get("target"))
	if d := strings.TrimSpace(q.Get("dyad")); d != "" {
		src, tgt, ok := strings.Cut(d, "-")
		if !ok || src == "" || tgt == "" {
			return f, badParam("dyad %q: want SRC-TGT, e.g. TUR-IRN", d)
		}
		f.DyadSource, f.DyadTarget = strings.ToUpper(src), strings.ToUpper(tgt)
	}
	if c := strings.TrimSpace(q.Get("code")); c != "" {
		if _, ok := dyad.LookupCode(c); !ok {
			return f, badParam("code %q: not a CAMEO event code or root (e.g. 04, 043, 1823)", c)
		}
		f.Code = c
	}
	if p := strings.TrimSpace(q.Get("plover")); p != "" {
		p = strings.ToUpper(p)
		if !slices.Contains(dyad.PLOVERTypes, p) {
			return f, badParam("plover %q: not a PLOVER event type (one of %s)", q.Get("plover"), strings.Join(dyad.PLOVERTypes, ", "))
		}
		f.PLOVER = p
	}
	if s := strings.TrimSpace(q.Get("quad")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 4 {
			return f, badParam("quad %q: quad classes are 1 to 4", s)
		}
		f.Quad = n
	}
	if c := strings.TrimSpace(q.Get("country")); c != "" {
		c = strings.ToUpper(c)
		if len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return f, badParam("country %q: want an ISO 3166 alpha-3 code such as TUR", q.Get("country"))
		}
		f.Country = c
	}
	f.Place = strings.TrimSpace(q.Get("place"))
	var err error
	if f.From, err = dyad.ParseDate(strings.TrimSpace(q.Get("from"))); err != nil {
		return f, badParam("from: %v", err)
	}
	if f.To, err = dyad.ParseDate(strings.TrimSpace(q.Get("to"))); err != nil {
		return f, badParam("to: %v", err)
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return f, badParam("to %s is before from %s", f.To, f.From)
	}
	f.Text = strings.TrimSpace(q.Get("text"))
	return f, nil
}

// intParam reads an integer parameter in [lo, hi], def when absent.
func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(q.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, badParam("%s %q: want a whole number from %d to %d", name, s, lo, hi)
	}
	return n, nil
}

// choiceParam reads a parameter that must be one of choices, def when absent.
func choiceParam(q url.Values, name, def string, choices ...string) (string, error) {
	s := strings.TrimSpace(q.Get(name))
	if s == "" {
		return def, nil
	}
	if !slices.Contains(choices, s) {
		return "", badParam("%s %q: want one of %s", name, s, strings.Join(choices, ", "))
	}
	return s, nil
}
