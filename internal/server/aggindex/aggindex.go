// Package aggindex answers the server's aggregate reads (time series, top dyads, counts by key,
// places) from an in-memory, column-wise copy of the events of a store that does not change while
// it is served. Strings are dictionary-encoded, rows are sorted by date (so date ranges are binary
// searches) and each actor code and name has a list of the rows it appears in (so actor and dyad
// filters touch only their rows). It gives the same answers as the SQL of "dyad query" for every
// filter except the evidence-text filter, which it does not support.
package aggindex

import (
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/server"
)

// Row is one stored event as the index keeps it.
type Row struct {
	Date                                  dyad.Date
	SourceCode, SourceName, SourceCountry string
	TargetCode, TargetName, TargetCountry string
	CAMEO, Root, PLOVER                   string
	Quad                                  int
	Goldstein                             float64
	Location                              *dyad.Location // nil when the event has no place with coordinates
}

const noDate = math.MinInt32

// dict assigns dense ids to strings.
type dict struct {
	ids  map[string]uint32
	strs []string
}

func newDict() *dict { return &dict{ids: map[string]uint32{}} }

func (d *dict) id(s string) uint32 {
	if id, ok := d.ids[s]; ok {
		return id
	}
	id := uint32(len(d.strs))
	d.ids[s] = id
	d.strs = append(d.strs, s)
	return id
}

// Builder collects rows; Build turns them into an Index.
type Builder struct {
	codes, names, countries, cameos, roots, plovers *dict
	locs                                            map[dyad.Location]int32
	locList                                         []dyad.Location

	day                                 []int32
	src, tgt, srcName, tgtName          []uint32
	srcCty, tgtCty, cameo, root, plover []uint32
	quad                                []uint8
	gold                                []float64
	loc                                 []int32
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder {
	return &Builder{codes: newDict(), names: newDict(), countries: newDict(), cameos: newDict(), roots: newDict(),
		plovers: newDict(), locs: map[dyad.Location]int32{}}
}

// Add adds one event.
func (b *Builder) Add(r *Row) {
	d := int32(noDate)
	if !r.Date.IsZero() {
		d = int32(r.Date.Time().Unix() / 86400)
	}
	b.day = append(b.day, d)
	b.src = append(b.src, b.codes.id(r.SourceCode))
	b.tgt = append(b.tgt, b.codes.id(r.TargetCode))
	b.srcName = append(b.srcName, b.names.id(r.SourceName))
	b.tgtName = append(b.tgtName, b.names.id(r.TargetName))
	b.srcCty = append(b.srcCty, b.countries.id(r.SourceCountry))
	b.tgtCty = append(b.tgtCty, b.countries.id(r.TargetCountry))
	b.cameo = append(b.cameo, b.cameos.id(r.CAMEO))
	b.root = append(b.root, b.roots.id(r.Root))
	b.plover = append(b.plover, b.plovers.id(r.PLOVER))
	b.quad = append(b.quad, uint8(max(0, min(255, r.Quad))))
	b.gold = append(b.gold, r.Goldstein)
	l := int32(-1)
	if r.Location != nil {
		var ok bool
		if l, ok = b.locs[*r.Location]; !ok {
			l = int32(len(b.locList))
			b.locs[*r.Location] = l
			b.locList = append(b.locList, *r.Location)
		}
	}
	b.loc = append(b.loc, l)
}

// Index is the in-memory copy of the events. It is read-only and safe for concurrent use.
type Index struct {
	n                                   int
	codes, names, countries             []string
	cameos, roots, plovers              []string
	locs                                []dyad.Location
	day                                 []int32
	src, tgt, srcName, tgtName          []uint32
	srcCty, tgtCty, cameo, root, plover []uint32
	quad                                []uint8
	gold                                []float64
	loc                                 []int32
	// rows of each code and name as source and as target, in row order
	bySrc, byTgt, bySrcName, byTgtName [][]int32
	firstDated                         int     // rows before it have no date
	rows                               []int32 // 0, 1, ..., n-1: the selection of every row
}

// Build sorts the rows by date and returns the index. The builder must not be used afterwards.
func (b *Builder) Build() *Index {
	n := len(b.day)
	perm := make([]int32, n)
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortStableFunc(perm, func(x, y int32) int { return int(b.day[x]) - int(b.day[y]) })
	x := &Index{n: n, codes: b.codes.strs, names: b.names.strs, countries: b.countries.strs, cameos: b.cameos.strs,
		roots: b.roots.strs, plovers: b.plovers.strs, locs: b.locList,
		day: permute(b.day, perm), src: permute(b.src, perm), tgt: permute(b.tgt, perm),
		srcName: permute(b.srcName, perm), tgtName: permute(b.tgtName, perm),
		srcCty: permute(b.srcCty, perm), tgtCty: permute(b.tgtCty, perm), cameo: permute(b.cameo, perm),
		root: permute(b.root, perm), plover: permute(b.plover, perm), quad: permute(b.quad, perm),
		gold: permute(b.gold, perm), loc: permute(b.loc, perm)}
	x.bySrc, x.byTgt = postings(x.src, len(x.codes)), postings(x.tgt, len(x.codes))
	x.bySrcName, x.byTgtName = postings(x.srcName, len(x.names)), postings(x.tgtName, len(x.names))
	x.firstDated = sort.Search(n, func(i int) bool { return x.day[i] != noDate })
	x.rows = perm
	for i := range x.rows {
		x.rows[i] = int32(i)
	}
	*b = Builder{}
	return x
}

func permute[T any](col []T, perm []int32) []T {
	out := make([]T, len(col))
	for i, p := range perm {
		out[i] = col[p]
	}
	return out
}

func postings(col []uint32, n int) [][]int32 {
	counts := make([]int, n)
	for _, v := range col {
		counts[v]++
	}
	all := make([]int32, len(col))
	out := make([][]int32, n)
	off := 0
	for v, c := range counts {
		out[v] = all[off : off : off+c]
		off += c
	}
	for i, v := range col {
		out[v] = append(out[v], int32(i))
	}
	return out
}

// Len returns the number of events in the index.
func (x *Index) Len() int { return x.n }

// Supports reports whether the index can answer queries with filter f.
func Supports(f server.Filter) bool { return f.Text == "" }

// pred is a filter compiled against the index's dictionaries.
type pred struct {
	x                                  *Index
	actorCode, actorName               []bool // actor: code or name prefix, either side
	srcCode, srcName, tgtCode, tgtName []bool // source / target filters (nil: none)
	dyadSrc, dyadTgt                   []bool
	cameo                              []bool
	plover                             int64 // -1: none; -2: matches nothing
	quad                               int
	locOK                              []bool // country and place (nil: none)
	lo, hi                             int    // row range from the date filters
}

func (x *Index) compile(f server.Filter) *pred {
	p := &pred{x: x, plover: -1, quad: f.Quad, lo: 0, hi: x.n}
	codePrefix := func(v string) []bool {
		v = strings.ToUpper(v)
		return matchStrings(x.codes, func(s string) bool { return strings.HasPrefix(s, v) })
	}
	namePrefix := func(v string) []bool {
		v = strings.ToLower(v)
		return matchStrings(x.names, func(s string) bool { return strings.HasPrefix(strings.ToLower(s), v) })
	}
	if f.Actor != "" {
		p.actorCode, p.actorName = codePrefix(f.Actor), namePrefix(f.Actor)
	}
	if f.Source != "" {
		p.srcCode, p.srcName = codePrefix(f.Source), namePrefix(f.Source)
	}
	if f.Target != "" {
		p.tgtCode, p.tgtName = codePrefix(f.Target), namePrefix(f.Target)
	}
	if f.DyadSource != "" {
		p.dyadSrc, p.dyadTgt = codePrefix(f.DyadSource), codePrefix(f.DyadTarget)
	}
	if f.Code != "" {
		p.cameo = matchStrings(x.cameos, func(s string) bool { return strings.HasPrefix(s, f.Code) })
	}
	if f.PLOVER != "" {
		p.plover = -2
		if i := slices.Index(x.plovers, f.PLOVER); i >= 0 {
			p.plover = int64(i)
		}
	}
	if f.Country != "" || f.Place != "" {
		place := strings.ToLower(f.Place)
		p.locOK = make([]bool, len(x.locs))
		for i, l := range x.locs {
			p.locOK[i] = (f.Country == "" || l.Country == f.Country) && (place == "" || strings.HasPrefix(strings.ToLower(l.Name), place))
		}
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		p.lo = x.firstDated
		if !f.From.IsZero() {
			d := int32(f.From.Time().Unix() / 86400)
			p.lo = max(p.lo, sort.Search(x.n, func(i int) bool { return x.day[i] >= d }))
		}
		if !f.To.IsZero() {
			d := int32(f.To.Time().Unix() / 86400)
			p.hi = sort.Search(x.n, func(i int) bool { return x.day[i] > d })
		}
	}
	return p
}

func matchStrings(strs []string, f func(string) bool) []bool {
	m := make([]bool, len(strs))
	for i, s := range strs {
		m[i] = f(s)
	}
	return m
}

// filter keeps the rows of sel that pass every filter except the date range, in place.
// Each condition is one tight loop over the selection.
// skip names the actor filter whose posting lists chose the rows, which needs no second check.
func (p *pred) filter(sel []int32, skip string) []int32 {
	x := p.x
	keep := func(ok func(r int32) bool) {
		k := 0
		for _, r := range sel {
			if ok(r) {
				sel[k] = r
				k++
			}
		}
		sel = sel[:k]
	}
	if p.quad != 0 {
		q := uint8(p.quad)
		k := 0
		for _, r := range sel {
			if x.quad[r] == q {
				sel[k] = r
				k++
			}
		}
		sel = sel[:k]
	}
	if p.plover != -1 {
		v := uint32(p.plover)
		if p.plover < 0 {
			return sel[:0]
		}
		k := 0
		for _, r := range sel {
			if x.plover[r] == v {
				sel[k] = r
				k++
			}
		}
		sel = sel[:k]
	}
	if m := p.cameo; m != nil {
		k := 0
		for _, r := range sel {
			if m[x.cameo[r]] {
				sel[k] = r
				k++
			}
		}
		sel = sel[:k]
	}
	if m := p.locOK; m != nil {
		keep(func(r int32) bool { l := x.loc[r]; return l >= 0 && m[l] })
	}
	if p.dyadSrc != nil {
		keep(func(r int32) bool { return p.dyadSrc[x.src[r]] && p.dyadTgt[x.tgt[r]] })
	}
	if p.srcCode != nil && skip != "source" {
		keep(func(r int32) bool { return p.srcCode[x.src[r]] || p.srcName[x.srcName[r]] })
	}
	if p.tgtCode != nil && skip != "target" {
		keep(func(r int32) bool { return p.tgtCode[x.tgt[r]] || p.tgtName[x.tgtName[r]] })
	}
	if p.actorCode != nil && skip != "actor" {
		keep(func(r int32) bool {
			return p.actorCode[x.src[r]] || p.actorName[x.srcName[r]] || p.actorCode[x.tgt[r]] || p.actorName[x.tgtName[r]]
		})
	}
	return sel
}

const block = 2048

// each calls fn with the rows that pass the filter, a block at a time, in row order. When an
// actor or dyad filter is given, only the rows of the matching codes and names are visited.
func (p *pred) each(fn func(sel []int32)) {
	x := p.x
	sel := make([]int32, 0, block)
	var lists [][][]int32 // posting lists to union, with the match table choosing them
	add := func(m []bool, by [][]int32) {
		var ls [][]int32
		for id, ok := range m {
			if ok {
				ls = append(ls, by[id])
			}
		}
		lists = append(lists, ls)
	}
	skip := ""
	switch {
	case p.dyadSrc != nil:
		add(p.dyadSrc, x.bySrc)
	case p.srcCode != nil:
		add(p.srcCode, x.bySrc)
		add(p.srcName, x.bySrcName)
		skip = "source"
	case p.tgtCode != nil:
		add(p.tgtCode, x.byTgt)
		add(p.tgtName, x.byTgtName)
		skip = "target"
	case p.actorCode != nil:
		skip = "actor"
		add(p.actorCode, x.bySrc)
		add(p.actorName, x.bySrcName)
		add(p.actorCode, x.byTgt)
		add(p.actorName, x.byTgtName)
	case p.quad == 0 && p.plover == -1 && p.cameo == nil && p.locOK == nil:
		// no row conditions: every row of the date range
		if p.lo < p.hi {
			fn(x.rows[p.lo:p.hi])
		}
		return
	default:
		for lo := p.lo; lo < p.hi; lo += block {
			sel = sel[:0]
			for i := lo; i < min(lo+block, p.hi); i++ {
				sel = append(sel, int32(i))
			}
			if sel = p.filter(sel, ""); len(sel) > 0 {
				fn(sel)
			}
		}
		return
	}
	total := 0
	for _, ls := range lists {
		for _, l := range ls {
			total += len(l)
		}
	}
	if total == 0 {
		return
	}
	// Mark the candidate rows in a bitmap, then visit them in order.
	bm := make([]uint64, (x.n+63)/64)
	for _, ls := range lists {
		for _, l := range ls {
			for _, r := range l {
				bm[r>>6] |= 1 << (uint(r) & 63)
			}
		}
	}
	flush := func() {
		if sel = p.filter(sel, skip); len(sel) > 0 {
			fn(sel)
		}
		sel = sel[:0]
	}
	for w := p.lo >> 6; w < len(bm) && w<<6 < p.hi; w++ {
		for word := bm[w]; word != 0; word &= word - 1 {
			i := w<<6 + bits.TrailingZeros64(word)
			if i >= p.lo && i < p.hi {
				sel = append(sel, int32(i))
			}
		}
		if len(sel) > block-64 {
			flush()
		}
	}
	flush()
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// periodStart returns the first day (days since 1970) of the period holding day d.
func periodStart(d int32, period string) int32 {
	switch period {
	case "week": // ISO weeks start on Monday; 1970-01-01 was a Thursday
		m := (d + 3) % 7
		if m < 0 {
			m += 7
		}
		return d - m
	case "month":
		t := time.Unix(int64(d)*86400, 0).UTC()
		return int32(time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	}
	return d
}

func dayDate(d int32) dyad.Date {
	t := time.Unix(int64(d)*86400, 0).UTC()
	return dyad.DateOf(t.Date())
}

// Series counts the events matching f per period ("day", "week" or "month"), as Store.Series.
func (x *Index) Series(f server.Filter, period string) []server.Point {
	p := x.compile(f)
	p.lo = max(p.lo, x.firstDated)
	if p.lo >= p.hi {
		return nil
	}
	first := x.day[p.lo]
	span := int(x.day[p.hi-1]-first) + 1
	events := make([]int32, span)
	gold := make([]float64, span)
	quad := make([][4]int32, span)
	p.each(func(sel []int32) {
		for _, i := range sel {
			d := x.day[i] - first
			events[d]++
			gold[d] += x.gold[i]
			if q := x.quad[i]; q >= 1 && q <= 4 {
				quad[d][q-1]++
			}
		}
	})
	var out []server.Point
	for d := range span {
		if events[d] == 0 {
			continue
		}
		ps := periodStart(first+int32(d), period)
		date := dayDate(ps)
		if len(out) == 0 || out[len(out)-1].Period != date {
			out = append(out, server.Point{Period: date})
		}
		pt := &out[len(out)-1]
		pt.Events += int(events[d])
		pt.Goldstein += gold[d]
		for q := range 4 {
			pt.Quad[q] += int(quad[d][q])
		}
	}
	for i := range out {
		out[i].Mean = round3(out[i].Goldstein / float64(out[i].Events))
		out[i].Goldstein = round3(out[i].Goldstein)
	}
	return out
}

type acc struct {
	n    int
	gold float64
}

// TopDyads returns the pairs with the most events matching f, as Store.TopDyads.
func (x *Index) TopDyads(f server.Filter, level string, limit int) []server.DyadCount {
	p := x.compile(f)
	srcCol, tgtCol, strs := x.src, x.tgt, x.codes
	if level == "country" {
		srcCol, tgtCol, strs = x.srcCty, x.tgtCty, x.countries
	}
	empty := uint32(math.MaxUint32)
	for i, s := range strs {
		if s == "" {
			empty = uint32(i)
		}
	}
	m := len(strs)
	dense := m*m <= 1<<16
	var grid []acc
	var sparse map[uint64]*acc
	if dense {
		grid = make([]acc, m*m)
	} else {
		sparse = map[uint64]*acc{}
	}
	p.each(func(sel []int32) {
		for _, i := range sel {
			s, t := srcCol[i], tgtCol[i]
			if s == t || s == empty || t == empty {
				continue
			}
			if dense {
				a := &grid[int(s)*m+int(t)]
				a.n++
				a.gold += x.gold[i]
				continue
			}
			k := uint64(s)<<32 | uint64(t)
			a := sparse[k]
			if a == nil {
				a = &acc{}
				sparse[k] = a
			}
			a.n++
			a.gold += x.gold[i]
		}
	})
	type kv struct {
		s, t uint32
		a    acc
	}
	var all []kv
	if dense {
		for k, a := range grid {
			if a.n > 0 {
				all = append(all, kv{uint32(k / m), uint32(k % m), a})
			}
		}
	} else {
		for k, a := range sparse {
			all = append(all, kv{uint32(k >> 32), uint32(k), *a})
		}
	}
	slices.SortFunc(all, func(a, b kv) int {
		if a.a.n != b.a.n {
			return b.a.n - a.a.n
		}
		if c := strings.Compare(strs[a.s], strs[b.s]); c != 0 {
			return c
		}
		return strings.Compare(strs[a.t], strs[b.t])
	})
	all = all[:min(limit, len(all))]
	out := make([]server.DyadCount, len(all))
	for i, d := range all {
		out[i] = server.DyadCount{Source: strs[d.s], Target: strs[d.t], Events: d.a.n,
			Goldstein: round3(d.a.gold), Mean: round3(d.a.gold / float64(d.a.n))}
	}
	if level == "code" && len(out) > 0 {
		x.dyadNames(p, out)
	}
	return out
}

// dyadNames fills the least source and target names (as SQL's min) of each of the top pairs.
func (x *Index) dyadNames(p *pred, out []server.DyadCount) {
	type names struct {
		src, tgt string
		seen     bool
	}
	want := map[[2]uint32]*names{}
	codeID := func(s string) uint32 { return uint32(slices.Index(x.codes, s)) }
	srcWanted, tgtWanted := make([]bool, len(x.codes)), make([]bool, len(x.codes))
	for _, d := range out {
		s, t := codeID(d.Source), codeID(d.Target)
		want[[2]uint32{s, t}] = &names{}
		srcWanted[s], tgtWanted[t] = true, true
	}
	p.each(func(sel []int32) {
		for _, i := range sel {
			if !srcWanted[x.src[i]] || !tgtWanted[x.tgt[i]] {
				continue
			}
			nm := want[[2]uint32{x.src[i], x.tgt[i]}]
			if nm == nil {
				continue
			}
			sn, tn := x.names[x.srcName[i]], x.names[x.tgtName[i]]
			if !nm.seen || sn < nm.src {
				nm.src = sn
			}
			if !nm.seen || tn < nm.tgt {
				nm.tgt = tn
			}
			nm.seen = true
		}
	})
	for i, d := range out {
		nm := want[[2]uint32{codeID(d.Source), codeID(d.Target)}]
		out[i].SourceName, out[i].TargetName = nm.src, nm.tgt
	}
}

// Counts counts the events matching f by PLOVER type, quad class and root, as Store.Counts.
func (x *Index) Counts(f server.Filter) server.Counts {
	p := x.compile(f)
	plover, root := make([]acc, len(x.plovers)), make([]acc, len(x.roots))
	var quad [256]acc
	p.each(func(sel []int32) {
		for _, i := range sel {
			g := x.gold[i]
			a := &plover[x.plover[i]]
			a.n++
			a.gold += g
			a = &root[x.root[i]]
			a.n++
			a.gold += g
			a = &quad[x.quad[i]]
			a.n++
			a.gold += g
		}
	})
	quadKeys := make([]string, len(quad))
	for i := range quadKeys {
		quadKeys[i] = itoa(i)
	}
	return server.Counts{PLOVER: keyCounts(plover, x.plovers), Quad: keyCounts(quad[:], quadKeys), Root: keyCounts(root, x.roots)}
}

// keyCounts lists the keys with events, most first, then by key.
func keyCounts(accs []acc, keys []string) []server.KeyCount {
	out := []server.KeyCount{}
	for k, a := range accs {
		if a.n > 0 {
			out = append(out, server.KeyCount{Key: keys[k], Events: a.n, Goldstein: round3(a.gold)})
		}
	}
	slices.SortFunc(out, func(a, b server.KeyCount) int {
		if a.Events != b.Events {
			return b.Events - a.Events
		}
		return strings.Compare(a.Key, b.Key)
	})
	return out
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// Places counts the events matching f per location, most first, as Store.Places.
func (x *Index) Places(f server.Filter, limit int) []server.PlaceCount {
	p := x.compile(f)
	accs := make([]acc, len(x.locs))
	p.each(func(sel []int32) {
		for _, i := range sel {
			if l := x.loc[i]; l >= 0 {
				accs[l].n++
				accs[l].gold += x.gold[i]
			}
		}
	})
	var out []server.PlaceCount
	for l, a := range accs {
		if a.n > 0 {
			out = append(out, server.PlaceCount{Location: x.locs[l], Events: a.n, Mean: round3(a.gold / float64(a.n))})
		}
	}
	slices.SortFunc(out, func(a, b server.PlaceCount) int {
		if a.Events != b.Events {
			return b.Events - a.Events
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out[:min(limit, len(out))]
}
