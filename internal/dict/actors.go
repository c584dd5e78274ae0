package dict

import (
	"strconv"
	"strings"

	"github.com/dyad-events/dyad"
)

// Kind says where an actor entry comes from and how a mention of it is coded.
type Kind uint8

const (
	Country Kind = iota + 1 // a country's name: codes the country, no agent
	Capital                 // a capital used for its government ("Tehran said") → country + GOV
	Seat                    // a seat of power ("the Kremlin") → country + GOV
	Demonym                 // an adjective or plural demonym ("Iranian", "Iranians")
	Person                  // a person from people.txt
	Org                     // an organization from organizations.txt
)

var kindNames = [...]string{"?", "country", "capital", "seat", "demonym", "person", "org"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return kindNames[0]
}

// Role is one way an actor is coded, possibly only between two dates.
type Role struct {
	Country string    // ISO 3166-1 alpha-3, "IGO", or "" when unknown ("---" in the files)
	Agent   string    // CAMEO agent type ("GOV"), or "" for none ("-" in the files)
	Code    string    // actor code: the code= override, else Country+Agent
	Title   string    // office held ("foreign minister"), as written; "" when none
	From    dyad.Date // first day of the role (inclusive); zero when open
	To      dyad.Date // day the role ended (exclusive); zero when open
}

// Dated reports whether the role has a date range.
func (r Role) Dated() bool { return !r.From.IsZero() || !r.To.IsZero() }

// Contains reports whether date falls in the role's range (From inclusive, To exclusive).
func (r Role) Contains(date dyad.Date) bool {
	return (r.From.IsZero() || !date.Before(r.From)) && (r.To.IsZero() || date.Before(r.To))
}

// Entry is one actor: a country, capital, seat of power, demonym, person or organization.
type Entry struct {
	Name    string   // canonical name (the first listed)
	Names   []string // every name as written, Name first
	Kind    Kind
	Roles   []Role
	Country string // ISO3 of the country for country-derived entries (Country, Capital, Seat, Demonym)
	Pos     string // file:line where the entry is defined
}

// Resolve returns the role that codes the entry on date: the first dated role whose range
// contains date, else the first undated role. For the zero (unknown) date it prefers the first
// undated role, else the dated role that started last. It reports false when no role applies.
func (e *Entry) Resolve(date dyad.Date) (Role, bool) {
	if date.IsZero() {
		best := -1
		for i, r := range e.Roles {
			if !r.Dated() {
				return r, true
			}
			if best < 0 || r.From.After(e.Roles[best].From) {
				best = i
			}
		}
		if best < 0 {
			return Role{}, false
		}
		return e.Roles[best], true
	}
	for _, r := range e.Roles {
		if r.Dated() && r.Contains(date) {
			return r, true
		}
	}
	for _, r := range e.Roles {
		if !r.Dated() {
			return r, true
		}
	}
	return Role{}, false
}

// actorSrc is a parsed block with the line of each role, kept for checks after merging.
type actorSrc struct {
	e         *Entry
	file      string
	line      int
	roleLines []int
}

// parseActors reads people.txt or organizations.txt: blocks of a names line and indented role
// lines.
func parseActors(file, data string, kind Kind) ([]actorSrc, ErrorList) {
	er := &errs{file: file}
	var out []actorSrc
	var cur *actorSrc
	skip := false // after a bad names line, its role lines are skipped silently
	bad := false  // the current block had a bad role line (already reported)
	closeBlock := func() {
		if cur == nil {
			return
		}
		switch {
		case len(cur.e.Roles) == 0 && !bad:
			er.add(cur.line, "%q has no role lines (want an indented line COUNTRY AGENT ...)", cur.e.Name)
		case len(cur.e.Roles) == 0: // its bad role lines are reported
		default:
			out = append(out, *cur)
		}
		cur = nil
	}
	for _, l := range scanLines(data) {
		if !l.indented {
			closeBlock()
			bad = false
			names, err := parseNamesLine(l.text)
			skip = err != ""
			if err != "" {
				er.add(l.n, "%s", err)
				continue
			}
			cur = &actorSrc{
				e:    &Entry{Name: names[0], Names: names, Kind: kind, Pos: posOf(file, l.n)},
				file: file, line: l.n,
			}
			continue
		}
		if skip {
			continue
		}
		if cur == nil {
			er.add(l.n, "role line outside a block (an indented line must follow a line of names)")
			continue
		}
		r, err := parseRoleLine(l.text)
		if err != "" {
			er.add(l.n, "%s", err)
			bad = true
			continue
		}
		cur.e.Roles = append(cur.e.Roles, r)
		cur.roleLines = append(cur.roleLines, l.n)
	}
	closeBlock()
	return out, er.list
}

// parseNamesLine reads "Name|Other name|...".
func parseNamesLine(s string) ([]string, string) {
	names, empty := splitBar(s)
	if empty {
		return nil, "empty name in list (check the '|' separators)"
	}
	if len(names) == 0 {
		return nil, "no names"
	}
	for _, n := range names {
		if !hasWord(n) {
			return nil, "name " + quote(n) + " has no words"
		}
	}
	return names, ""
}

// parseRoleLine reads "COUNTRY AGENT [FROM..TO] [code=CODE] [title words]".
func parseRoleLine(s string) (Role, string) {
	f := strings.Fields(s)
	if len(f) < 2 {
		return Role{}, "role wants COUNTRY AGENT [FROM..TO] [code=CODE] [title words]"
	}
	var r Role
	switch c := f[0]; {
	case c == "---":
	case isUpperCode(c, 3):
		r.Country = c
	default:
		return Role{}, "bad country " + quote(c) + " (want an ISO3 code, IGO or ---)"
	}
	switch a := f[1]; {
	case a == "-":
	case isUpperCode(a, 3):
		r.Agent = a
	default:
		return Role{}, "bad agent " + quote(a) + " (want a CAMEO agent type like GOV, or -)"
	}
	var title []string
	dates := false
	for _, w := range f[2:] {
		switch {
		case strings.HasPrefix(w, "code="):
			if r.Code != "" {
				return Role{}, "two code= fields"
			}
			r.Code = strings.TrimPrefix(w, "code=")
			if !isActorCode(r.Code) {
				return Role{}, "bad code " + quote(r.Code) + " (want upper-case letters, 3, 6, 9... long)"
			}
		case strings.Contains(w, "..") && !dates && len(title) == 0:
			dates = true
			from, to, _ := strings.Cut(w, "..")
			var err error
			if r.From, err = dyad.ParseDate(from); err != nil {
				return Role{}, "bad FROM date: " + err.Error()
			}
			if r.To, err = dyad.ParseDate(to); err != nil {
				return Role{}, "bad TO date: " + err.Error()
			}
			if from == "" && to == "" {
				return Role{}, "empty date range \"..\" (leave the dates out for an undated role)"
			}
			if !r.From.IsZero() && !r.To.IsZero() && !r.From.Before(r.To) {
				return Role{}, "date range " + quote(w) + " ends before it starts"
			}
		default:
			title = append(title, w)
		}
	}
	r.Title = strings.Join(title, " ")
	if r.Code == "" {
		r.Code = dyad.ActorCode(r.Country, r.Agent)
	}
	if r.Code == "" {
		return Role{}, "role codes nothing (country --- and agent -, no code=)"
	}
	return r, ""
}

func quote(s string) string { return "\"" + s + "\"" }

func posOf(file string, line int) string {
	var num [20]byte
	d := strconv.AppendInt(num[:0], int64(line), 10)
	var b strings.Builder
	b.Grow(len(file) + 1 + len(d))
	b.WriteString(file)
	b.WriteByte(':')
	b.Write(d)
	return b.String()
}
