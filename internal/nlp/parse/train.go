package parse

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"sort"

	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

// DefaultIterations is the number of training passes when TrainOptions.Iterations is 0, chosen on
// EWT dev (EWT+GUM train with jackknifed tags, one run: 10 passes 85.07 UAS, 11 passes 85.23, 12
// passes 85.26; EWT train alone, earlier tagger: 8 passes 85.33, 11 passes 85.37, 15 passes 85.27).
// With a beam of 8 (one run, decoding with 8) 8, 10, 11 and 12 passes gave 86.17, 86.32, 86.38 and
// 86.41 UAS.
const DefaultIterations = 12

// DefaultRuns is the number of training runs averaged when TrainOptions.Runs is 0. On EWT dev
// (EWT+GUM train, jackknifed tags), seeds 1 and 2 alone gave UAS/LAS 85.26/81.80 and 85.30/81.95,
// their average 85.54/82.16 with the same number of weights kept. With a beam of 8 (before the
// templates 95-104), one run gave 86.11/82.67, two 86.38/82.99.
const DefaultRuns = 2

// TrainOptions sets the number of passes over the training data and the seed of the shuffling and
// exploration; training is deterministic for a given seed.
type TrainOptions struct {
	Iterations int
	Seed       int64
	// Runs is the number of trainings, with seeds Seed, Seed+1, ..., whose averaged weights are
	// averaged into the model (0: DefaultRuns).
	Runs int
	// Beam is the beam width of global training and of parsing with the model (0 or 1: greedy
	// training with the dynamic oracle).
	Beam int
	// Prune says which averaged weights the model keeps (zero fields: the defaults).
	Prune Pruning
}

// Pruning says which averaged weights a trained model keeps: the transition features whose largest
// absolute weight is at least Act and the label weights of at least Label. A zero field means the
// default, DefaultPruneAct or DefaultPruneLabel on a treebank of at least 2,000 sentences and 0.001
// on smaller ones, whose averaged weights stay small. Higher thresholds make a smaller model file and
// smaller tables.
type Pruning struct{ Act, Label float64 }

// pruning returns the pruning of a model trained on n sentences.
func (p Pruning) pruning(n int) pruning {
	pr := pruning{act: 1e-3, lab: 1e-3}
	if n >= pruneMinSentences {
		pr = pruning{act: DefaultPruneAct, lab: DefaultPruneLabel, maxAct: maxActFeatures}
	}
	if p.Act > 0 {
		pr.act = p.Act
	}
	if p.Label > 0 {
		pr.lab = p.Label
	}
	return pr
}

// trainAct is the growable transition table used while training, with running totals for averaging:
// an open-addressing hash table keyed by the feature hash (never 0, which marks an empty slot),
// holding the weights next to the key so that scoring a feature costs one cache miss.
type trainAct struct {
	slots []tslot
	u     [][nAct]float64 // running totals, by slot
	n     int
	mask  uint64
}

type tslot struct {
	key uint64
	w   [nAct]float32
}

func newTrainAct() *trainAct {
	const size = 1 << 16
	return &trainAct{slots: make([]tslot, size), u: make([][nAct]float64, size), mask: size - 1}
}

// find returns the slot of key f, or -1.
func (t *trainAct) find(f uint64) int {
	for i := f & t.mask; ; i = (i + 1) & t.mask {
		switch t.slots[i].key {
		case f:
			return int(i)
		case 0:
			return -1
		}
	}
}

// slot returns the slot of key f, adding it when absent; adding may move every key.
func (t *trainAct) slot(f uint64) int {
	if i := t.find(f); i >= 0 {
		return i
	}
	if 2*(t.n+1) > len(t.slots) {
		old, oldU := t.slots, t.u
		t.slots = make([]tslot, 2*len(old))
		t.u = make([][nAct]float64, 2*len(old))
		t.mask = uint64(len(t.slots) - 1)
		for j, sl := range old {
			if sl.key != 0 {
				i := t.free(sl.key)
				t.slots[i], t.u[i] = sl, oldU[j]
			}
		}
	}
	i := t.free(f)
	t.slots[i].key = f
	t.n++
	return i
}

// free returns the first empty slot on the probe sequence of f.
func (t *trainAct) free(f uint64) int {
	i := f & t.mask
	for t.slots[i].key != 0 {
		i = (i + 1) & t.mask
	}
	return int(i)
}

// oracleAction returns the valid transition of least cost (the dynamic oracle's choice) that the
// model scores highest, and that cost.
func oracleAction[T float32 | float64](v *[nAct]bool, cost *[nAct]int, sc *[nAct]T) (gold, minCost int) {
	minCost = math.MaxInt
	for a := 0; a < nAct; a++ {
		if v[a] && cost[a] < minCost {
			minCost = cost[a]
		}
	}
	gold = -1
	for a := 0; a < nAct; a++ {
		if v[a] && cost[a] == minCost && (gold < 0 || sc[a] > sc[gold]) {
			gold = a
		}
	}
	return gold, minCost
}

// sortedSlots returns the used slots in increasing key order.
func (t *trainAct) sortedSlots() []int {
	out := make([]int, 0, t.n)
	for i, sl := range t.slots {
		if sl.key != 0 {
			out = append(out, i)
		}
	}
	sort.Slice(out, func(i, j int) bool { return t.slots[out[i]].key < t.slots[out[j]].key })
	return out
}

func (t *trainAct) score(feats []uint64, out *[nAct]float32) {
	var o [nAct]float32
	var home [featChunk]uint64
	slots, mask := t.slots, t.mask
	for len(feats) > 0 {
		chunk := feats[:min(len(feats), featChunk)]
		feats = feats[len(chunk):]
		for k, f := range chunk { // independent loads first, as in actTable.score
			home[k] = slots[f&mask].key
		}
		for k, f := range chunk {
			h := home[k]
			if h == 0 {
				continue
			}
			i := f & mask
			for h != f {
				i = (i + 1) & mask
				if h = slots[i].key; h == 0 {
					break
				}
			}
			if h == f {
				w := &slots[i].w
				o[0] += w[0]
				o[1] += w[1]
				o[2] += w[2]
				o[3] += w[3]
			}
		}
	}
	*out = o
}

func (t *trainAct) update(feats []uint64, good, bad int, c float64) {
	for _, f := range feats {
		r := t.slot(f)
		t.slots[r].w[good]++
		t.u[r][good] += c
		t.slots[r].w[bad]--
		t.u[r][bad] -= c
	}
}

type goldSent struct {
	toks  []nlp.Token
	heads []int32 // projectivized, in parser positions (0 = root)
	labs  []int   // label ids per word
}

// Train trains a parser on the gold trees of train (heads, relations, and whatever tags and lemmas
// the tokens carry; pass predicted tags to train for predicted-tag input). Sentences with missing or
// malformed heads are skipped. logf, when not nil, receives progress lines.
func Train(train []*conllu.Sentence, opt TrainOptions, logf func(format string, a ...any)) (*Model, error) {
	m, err := trainWith(train, opt, logf, nil)
	if m != nil {
		m.tact, m.tlab = nil, nil // the training tables are large; only experiments need them
	}
	return m, err
}

// TrainPrunings trains like Train with opt (whose Prune makes the first model) and returns one model
// per pruning: opt.Prune, then each of more, all made from the same trained weights. It lets one
// training compare model sizes.
func TrainPrunings(train []*conllu.Sentence, opt TrainOptions, more []Pruning, logf func(format string, a ...any)) ([]*Model, error) {
	m, err := trainWith(train, opt, logf, nil)
	if err != nil {
		return nil, err
	}
	out := []*Model{m}
	for _, p := range more {
		v := &Model{words: m.words, lemmas: m.lemmas, xpos: m.xpos, upos: m.upos, sufs: m.sufs,
			labels: m.labels, rootLab: m.rootLab, dirOK: m.dirOK, width: m.width}
		v.index()
		if err := v.finalize(m.tact, m.tlab, m.tc, p.pruning(m.nTrain)); err != nil {
			return nil, fmt.Errorf("pruned at %g/%g: %w", p.Act, p.Label, err)
		}
		if logf != nil {
			logf("parse: pruned at %g/%g: kept %d transition and %d label features", p.Act, p.Label, v.act.n, v.lab.n)
		}
		out = append(out, v)
	}
	m.tact, m.tlab = nil, nil
	return out, nil
}

// trainWith is Train with a hook called after each pass with the model averaged (and pruned) so
// far; it lets experiments pick the number of passes.
func trainWith(train []*conllu.Sentence, opt TrainOptions, logf func(format string, a ...any), after func(it int, m *Model)) (*Model, error) {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if opt.Iterations <= 0 {
		opt.Iterations = DefaultIterations
	}
	m := &Model{width: max(opt.Beam, 1), words: map[string]uint32{}, lemmas: map[string]uint32{}, xpos: map[string]uint32{}, upos: map[string]uint32{}}
	m.sufs = map[string]uint32{}
	sc := map[string]int{}
	wc := map[string]int{}
	lc := map[string]int{}
	labID := map[string]int{}
	var sents []goldSent
	skipped, nonproj := 0, 0
	for _, s := range train {
		if !wellFormed(s.Tokens) {
			skipped++
			continue
		}
		g := goldSent{toks: s.Tokens, heads: make([]int32, len(s.Tokens)+2), labs: make([]int, len(s.Tokens)+2)}
		for i, t := range s.Tokens {
			wc[normString(t.Text)]++
			sc[string(suffix([]byte(normString(t.Text))))]++
			lc[normString(t.Lemma)]++
			if _, ok := m.xpos[t.XPOS]; !ok {
				m.xpos[t.XPOS] = uint32(len(m.xpos) + idBase)
			}
			if _, ok := m.upos[t.UPOS]; !ok {
				m.upos[t.UPOS] = uint32(len(m.upos) + idBase)
			}
			rel := t.Rel
			if _, ok := labID[rel]; !ok {
				labID[rel] = len(m.labels)
				m.labels = append(m.labels, rel)
			}
			g.heads[i+1] = int32(t.Head + 1)
			g.labs[i+1] = labID[rel]
		}
		if projectivize(g.heads[:len(s.Tokens)+1]) {
			nonproj++
		}
		sents = append(sents, g)
	}
	if len(sents) == 0 {
		return nil, errors.New("parse: no usable training sentences")
	}
	if len(m.labels) > 250 {
		return nil, fmt.Errorf("parse: %d relation labels, at most 250 supported", len(m.labels))
	}
	if _, ok := labID["root"]; !ok {
		labID["root"] = len(m.labels)
		m.labels = append(m.labels, "root")
	}
	m.rootLab = labID["root"]
	m.dirOK = [2][]bool{make([]bool, len(m.labels)), make([]bool, len(m.labels))}
	for _, g := range sents {
		for d := 1; d <= len(g.toks); d++ {
			if h := int(g.heads[d]); h != 0 {
				dir := 1
				if d < h {
					dir = 0
				}
				m.dirOK[dir][g.labs[d]] = true
			}
		}
	}
	for _, vocab := range []struct {
		counts map[string]int
		ids    map[string]uint32
	}{{wc, m.words}, {lc, m.lemmas}, {sc, m.sufs}} {
		keys := make([]string, 0, len(vocab.counts))
		for k, n := range vocab.counts {
			if n >= 2 {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for i, k := range keys {
			vocab.ids[k] = uint32(i + idBase)
		}
	}
	m.index()
	logf("parse: %d sentences (%d skipped, %d projectivized), %d words, %d lemmas, %d tags, %d relations",
		len(sents), skipped, nonproj, len(m.words), len(m.lemmas), len(m.xpos), len(m.labels))

	prune := opt.Prune.pruning(len(sents))
	m.nTrain = len(sents)
	runs := opt.Runs
	if runs <= 0 {
		runs = DefaultRuns
	}
	var tas []*trainAct
	var tls []*trainLab
	var cs []float64
	for r := 0; r < runs; r++ {
		hook := after
		if r > 0 {
			hook = nil
		}
		if runs > 1 {
			logf("parse: run %d/%d (seed %d)", r+1, runs, opt.Seed+int64(r))
		}
		var ta *trainAct
		var tl *trainLab
		var c float64
		if opt.Beam > 1 {
			ta, tl, c = m.trainBeamRun(sents, opt.Iterations, opt.Beam, opt.Seed+int64(r), prune, logf, hook)
		} else {
			ta, tl, c = m.trainRun(sents, opt.Iterations, opt.Seed+int64(r), prune, logf, hook)
		}
		tas, tls, cs = append(tas, ta), append(tls, tl), append(cs, c)
	}
	ta, tl, c := tas[0], tls[0], cs[0]
	if runs > 1 {
		ta, tl = mixRuns(tas, tls, cs)
		c = 1
	}
	if err := m.finalize(ta, tl, c, prune); err != nil {
		return nil, err
	}
	m.tact, m.tlab, m.tc = ta, tl, c
	logf("parse: kept %d transition and %d label features", m.act.n, m.lab.n)
	return m, nil
}

// trainRun makes opt.Iterations passes over sents with the given seed and returns the training
// tables and the final update count (for averaging).
func (m *Model) trainRun(sents []goldSent, iterations int, seed int64, prune pruning, logf func(string, ...any), after func(int, *Model)) (*trainAct, *trainLab, float64) {
	ta := newTrainAct()
	tl := &trainLab{index: map[uint64]int32{}}
	rng := rand.New(rand.NewSource(seed))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	st := newState()
	st.lscores = make([]float32, len(m.labels))
	var c float64 = 1
	var buf []byte
	for it := 1; it <= iterations; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		explore := it > 1
		var trans, errs, arcs, labErrs int
		for _, si := range order {
			g := &sents[si]
			buf = m.fill(st, g.toks, buf)
			st.gold = grow32(st.gold, int(st.N)+1)
			copy(st.gold, g.heads[:st.N])
			st.gold[st.N] = st.N
			st.gold[0] = st.N
			var sc [nAct]float32
			for st.b < st.N {
				v := st.valid()
				cost := st.costs(v)
				f := actFeats(st)
				ta.score(f, &sc)
				gold, minCost := oracleAction(&v, &cost, &sc)
				pred := -1
				for a := 0; a < nAct; a++ {
					if v[a] && (pred < 0 || sc[a] > sc[pred]) {
						pred = a
					}
				}
				trans++
				if cost[pred] > minCost {
					errs++
					ta.update(f, gold, pred, c)
				}
				next := gold
				if explore && rng.Float64() < 0.9 {
					next = pred
				}
				lab := 0
				if next == actLeft || next == actRight {
					h, d := st.arcOf(next)
					if h == 0 {
						lab = m.rootLab
					} else {
						lf := labFeats(st, h, d)
						tl.score(lf, st.lscores)
						lab = m.bestLabel(st, h, d, st.lscores)
						if st.gold[d] == h {
							arcs++
							gl := g.labs[d]
							if lab != gl {
								labErrs++
								tl.update(lf, uint8(gl), 1, c)
								tl.update(lf, uint8(lab), -1, c)
							}
							if !explore {
								lab = gl
							}
						}
					}
				}
				st.apply(next, lab)
				c++
			}
		}
		logf("parse: iteration %d/%d: transition errors %.2f%%, label errors %.2f%%, %d+%d features",
			it, iterations, 100*float64(errs)/float64(max(trans, 1)), 100*float64(labErrs)/float64(max(arcs, 1)),
			ta.n, len(tl.rows))
		if after != nil && it < iterations && m.finalize(ta, tl, c, prune) == nil { // an error: trainWith reports it
			m.tact, m.tlab, m.tc = ta, tl, c
			after(it, m)
		}
	}
	return ta, tl, c
}

// mixRuns averages the averaged weights of several training runs into tables whose weights are
// final (update count 1, no running totals). The runs are added in order, so the result does not
// depend on map iteration.
func mixRuns(tas []*trainAct, tls []*trainLab, cs []float64) (*trainAct, *trainLab) {
	ta := newTrainAct()
	tl := &trainLab{index: map[uint64]int32{}}
	k := float64(len(tas))
	for r, t := range tas {
		for _, src := range t.sortedSlots() {
			i := ta.slot(t.slots[src].key)
			for a := 0; a < nAct; a++ {
				ta.slots[i].w[a] += float32((float64(t.slots[src].w[a]) - t.u[src][a]/cs[r]) / k)
			}
		}
	}
	for r, t := range tls {
		keys := make([]uint64, 0, len(t.index))
		for f := range t.index {
			keys = append(keys, f)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		one := make([]uint64, 1)
		for _, f := range keys {
			one[0] = f
			for _, e := range t.rows[t.index[f]] {
				tl.update(one, e.lab, float32((float64(e.w)-e.u/cs[r])/k), 0)
			}
		}
	}
	return ta, tl
}

// DefaultPruneAct and DefaultPruneLabel are the smallest averaged transition and label weights kept in a
// model trained on at least pruneMinSentences sentences; maxActFeatures caps the transition
// features kept (those with the largest weights) so that the transition table has at most 2^22
// slots (48 MB; tableSize). On small treebanks averaged weights stay small and nothing is pruned.
//
// On EWT dev, beam 8, two averaged runs on EWT+GUM train without the templates 95-104, pruning
// both tables at 0.25 kept 3.7M+375k features (46 MB file; UAS/LAS 86.42/83.14), at 0.5 2.4M+259k
// (31 MB; 86.42/83.11), at 1 1.6M+165k (20 MB; 86.48/83.10), at 1.25 1.3M+145k (17 MB;
// 86.38/82.99), at 2 680k+66k (9 MB; 86.17/82.62), at 3 309k+25k (4 MB; 85.93/81.98). With the
// templates, the cap keeps 1.68M transition features (23 MB file; 86.40/83.06); filling 2^22 slots
// to 60% instead kept all 2.05M at or above 1 (27 MB; 86.41/83.10). The greedy model of two runs
// lost 0.05 UAS from 1 to 1.25.
//
// The greedy model, retrained with the package doc's command and --prune
// 0/0,1.27/0.5,1.27/1,1.5/0.75,2/1 (EWT test, GUM test UAS/LAS): the defaults kept 1.06M+280k
// features (16.5 MB file, 48+14 MB of tables; 85.94/82.82, 84.74/81.52), 1.27/0.5 825k+280k (13.8
// MB, 24+14 MB of tables; 85.81/82.76, 84.56/81.34), 1.27/1 825k+176k (12.1 MB, 24+7 MB;
// 85.78/82.59, 84.57/81.38), 1.5/0.75 647k+246k (11.1 MB; 85.96/82.84, 84.55/81.34), 2/1 388k+176k
// (7.0 MB, 12+7 MB; 85.73/82.57, 84.43/81.30). In paired in-process runs over the dev news, tables
// of the sizes of 1.27/1, 2/1 and 4/2 (75k+63k features, 6 MB) took 4%, 11% and 31% less parser CPU
// time than the default ones, and a transition table of half the default size (2^21 slots, 51%
// full) 15% more. Every pruned or retrained model coded the dev and held-out news worse than the
// committed one (dev root F1 0.660-0.670 against 0.676; a plain retraining 0.663): the coder is
// tuned to the committed parser's habits, so the committed model and the defaults stay.
const (
	DefaultPruneAct   = 1.0
	DefaultPruneLabel = 0.5
	maxActFeatures    = 1 << 22 * 2 / 5
	pruneMinSentences = 2000
)

// pruning says which averaged weights finalize keeps.
type pruning struct {
	act, lab float64 // smallest absolute weights kept
	maxAct   int     // most transition features kept, 0 for no limit
}

// finalize averages the weights, drops the negligible ones and builds the parsing tables; it fails
// when the label weights kept are more than the label table can address.
func (m *Model) finalize(ta *trainAct, tl *trainLab, c float64, prune pruning) error {
	type kw struct {
		key  uint64
		w    [nAct]float32
		maxw float64
	}
	var acts []kw
	for r, sl := range ta.slots {
		if sl.key == 0 {
			continue
		}
		f := sl.key
		var w [nAct]float32
		var mw float64
		for a := 0; a < nAct; a++ {
			x := float64(sl.w[a]) - ta.u[r][a]/c
			w[a] = float32(x)
			mw = max(mw, math.Abs(x))
		}
		if mw >= prune.act {
			acts = append(acts, kw{f, w, mw})
		}
	}
	if prune.maxAct > 0 && len(acts) > prune.maxAct {
		// keep the features with the largest weights
		sort.Slice(acts, func(i, j int) bool {
			if acts[i].maxw != acts[j].maxw {
				return acts[i].maxw > acts[j].maxw
			}
			return acts[i].key < acts[j].key
		})
		acts = acts[:prune.maxAct]
	}
	var maxw float64
	for _, e := range acts {
		maxw = max(maxw, e.maxw)
	}
	// keys in a fixed order so that the table layout does not depend on map iteration
	sort.Slice(acts, func(i, j int) bool { return acts[i].key < acts[j].key })
	m.act = newActTable(len(acts))
	m.act.scale = float32(max(maxw, 1e-6) / qmax)
	for _, e := range acts {
		var q [nAct]int16
		for a, x := range e.w {
			q[a] = int16(math.Round(float64(x / m.act.scale)))
		}
		m.act.put(e.key, q)
	}
	lk := make([]uint64, 0, len(tl.index))
	rows := make([][]labW, 0, len(tl.index))
	for f, r := range tl.index {
		var row []labW
		for _, e := range tl.rows[r] {
			w := float32(float64(e.w) - e.u/c)
			if math.Abs(float64(w)) >= prune.lab {
				row = append(row, labW{e.lab, w})
			}
		}
		if len(row) > 0 {
			lk = append(lk, f)
			rows = append(rows, row)
		}
	}
	if m.lab = buildLab(lk, rows, len(m.labels)); m.lab == nil {
		return fmt.Errorf("parse: more than %d label weights", maxEnts-1)
	}
	return nil
}

type labW struct {
	lab uint8
	w   float32
}

// buildLab makes the label table of the features keys with their rows of weights, for nl labels,
// or returns nil if the rows hold maxEnts weights or more.
func buildLab(keys []uint64, rows [][]labW, nl int) *labTable {
	ord := make([]int, len(keys))
	for i := range ord {
		ord[i] = i
	}
	sort.Slice(ord, func(i, j int) bool { return keys[ord[i]] < keys[ord[j]] })
	c := tableSize(len(keys))
	var maxw float32
	for _, r := range rows {
		for _, e := range r {
			maxw = max(maxw, e.w, -e.w)
		}
	}
	t := &labTable{slots: make([]lslot, c), mask: uint64(c - 1), n: len(keys), scale: max(maxw, 1e-6) / qmax}
	where := make([]int32, c)
	for _, i := range ord {
		k := keys[i]
		j := k & t.mask
		for t.slots[j].fp != 0 {
			j = (j + 1) & t.mask
		}
		t.slots[j].fp = fingerprint(k)
		where[j] = int32(i)
	}
	for j := 0; j < c; j++ {
		if t.slots[j].fp == 0 {
			continue
		}
		row := rows[where[j]]
		t.slots[j].ref = uint32(len(t.ents))<<8 | uint32(len(row))
		for _, e := range row {
			t.ents = append(t.ents, lent{e.lab, int16(quant(e.w, t.scale))})
		}
	}
	if len(t.ents) >= maxEnts {
		return nil // more weights than a ref can address: finalize reports it
	}
	t.densify(nl)
	return t
}

// wellFormed reports whether every token has a head in range and a relation, and exactly one root.
func wellFormed(toks []nlp.Token) bool {
	if len(toks) == 0 {
		return false
	}
	roots := 0
	for _, t := range toks {
		if t.Head < -1 || t.Head >= len(toks) || t.Rel == "" || t.Rel == "_" {
			return false
		}
		if t.Head == -1 {
			roots++
		}
	}
	if roots != 1 {
		return false
	}
	// no cycles: every token reaches the root
	for i := range toks {
		h, n := i, 0
		for h != -1 && n <= len(toks) {
			h = toks[h].Head
			n++
		}
		if h != -1 {
			return false
		}
	}
	return true
}

// projectivize lifts non-projective arcs (to the head's head, shortest arc first) until the tree
// heads[1:] (0 = root, heads[0] unused) is projective; it reports whether anything changed.
func projectivize(heads []int32) bool {
	changed := false
	for {
		best, bestLen := -1, 1<<30
		for d := 1; d < len(heads); d++ {
			h := int(heads[d])
			if h == 0 && d >= 0 {
				// arcs from the root cover everything; they are non-projective when a word between is
				// not a descendant of the root, which cannot happen in a tree.
				continue
			}
			lo, hi := min(h, d), max(h, d)
			if hi-lo >= bestLen {
				continue
			}
			for k := lo + 1; k < hi; k++ {
				if !dominates(heads, h, k) {
					best, bestLen = d, hi-lo
					break
				}
			}
		}
		if best < 0 {
			return changed
		}
		heads[best] = heads[heads[best]]
		changed = true
	}
}

func dominates(heads []int32, h, k int) bool {
	for n := 0; k != 0 && n < len(heads); n++ {
		k = int(heads[k])
		if k == h {
			return true
		}
	}
	return h == 0
}
