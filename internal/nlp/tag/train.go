package tag

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

// TrainOptions sets the training of a tagger. Zero values take the defaults.
type TrainOptions struct {
	Iterations int   // iterations over the training data (default DefaultIterations)
	Seed       int64 // seed of the shuffling of sentences between iterations
	// SecondPass adds a stacked second pass that also sees the first pass's tags of the next two
	// words. On EWT+GUM it gained 0.0 (EWT dev) to 0.17 (EWT test) points of UPOS accuracy but
	// halves tagging speed, doubles the model and takes five times as long to train.
	SecondPass bool
}

// DefaultIterations is the number of training iterations used when TrainOptions.Iterations is 0; it was
// chosen on the EWT and GUM dev sets.
const DefaultIterations = 12

const (
	minLabelCount = 5     // rarer joint labels are folded into their XPOS's commonest label
	dictMinCount  = 20    // a word goes into the tag dictionary when seen this often ...
	dictMinShare  = 0.995 // ... with this share of one label
	pruneBelow    = 1e-3  // averaged weights smaller in magnitude are dropped
	ambMinCount   = 1     // words seen less often have no ambiguity class
	ambMinShare   = 0.05  // labels taken less often are left out of a word's ambiguity class
	ambFolds      = 10    // folds for the jackknifed ambiguity classes of the training data
	stackFolds    = 4     // folds for the first-pass predictions the second pass learns from
)

// example is one training sentence: its word features and gold classes.
type example struct {
	toks []tokFeat
	gold []int
}

// Train trains a tagger on the UPOS and XPOS columns of the sentences. logf, when not nil, receives
// progress lines.
func Train(train []*conllu.Sentence, opt TrainOptions, logf func(format string, a ...any)) (*Model, error) {
	return trainDev(train, nil, opt, logf)
}

// trainDev trains on train; when dev is not empty it reports dev accuracy after each pass.
func trainDev(train, dev []*conllu.Sentence, opt TrainOptions, logf func(format string, a ...any)) (*Model, error) {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if opt.Iterations <= 0 {
		opt.Iterations = DefaultIterations
	}
	m, labelOf, err := makeClasses(train)
	if err != nil {
		return nil, err
	}
	exs := make([]example, 0, len(train))
	for _, s := range train {
		if len(s.Tokens) == 0 {
			continue
		}
		ex := example{toks: make([]tokFeat, len(s.Tokens)), gold: make([]int, len(s.Tokens))}
		for i, t := range s.Tokens {
			ex.toks[i] = wordFeat(t.Text, i == 0)
			ex.gold[i] = labelOf(t.UPOS, t.XPOS)
		}
		exs = append(exs, ex)
	}
	m.dict = makeDict(exs, len(m.upos))
	m.amb, m.ambs = makeAmb(exs, len(m.upos))
	jackknifeAmb(exs, len(m.upos))

	devMsg := func() string {
		if len(dev) == 0 {
			return ""
		}
		u, x := Accuracy(m, dev)
		return fmt.Sprintf("; dev UPOS %.2f%% XPOS %.2f%%", 100*u, 100*x)
	}
	logf("tag: first pass")
	m.w1 = trainPass(m, exs, nil, opt, func(w weights) string { m.w1 = w; return devMsg() }, logf)
	if opt.SecondPass {
		// The second pass learns from first-pass predictions made by models that did not see the
		// sentence, as it will at tagging time.
		firsts := make([][]int, len(exs))
		w1 := m.w1
		for f := range stackFolds {
			var sub []example
			for k := range exs {
				if k%stackFolds != f {
					sub = append(sub, exs[k])
				}
			}
			logf("tag: first pass for fold %d/%d", f+1, stackFolds)
			m.w1 = trainPass(m, sub, nil, opt, nil, logf)
			for k := f; k < len(exs); k += stackFolds {
				firsts[k] = make([]int, len(exs[k].toks))
				m.pass(&m.w1, exs[k].toks, nil, firsts[k])
			}
		}
		m.w1 = w1
		logf("tag: second pass")
		m.w2 = trainPass(m, exs, firsts, opt, func(w weights) string { m.w2 = w; return devMsg() }, logf)
	}
	rows, ws := m.Features()
	if len(m.w1.ent) >= 1<<24 || len(m.w2.ent) >= 1<<24 {
		return nil, fmt.Errorf("training tagger: %d weights, more than the model format holds", ws)
	}
	logf("tag: %d classes, %d dictionary words, %d feature rows, %d weights", len(m.upos), m.dict.len(), rows, ws)
	return m, nil
}

// trainPass trains the weights of one pass (the second when firsts holds the first pass's
// predictions). report, when not nil, is called with the averaged weights after each iteration
// and its result is logged.
func trainPass(m *Model, exs []example, firsts [][]int, opt TrainOptions, report func(weights) string, logf func(string, ...any)) weights {
	p := &perceptron{nc: len(m.upos), rows: map[uint64]int32{}}
	rng := rand.New(rand.NewPCG(uint64(opt.Seed), 0x746167676572))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	for it := 1; it <= opt.Iterations; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for _, k := range order {
			var first []int
			if firsts != nil {
				first = firsts[k]
			}
			e, n := p.trainSentence(m, exs[k], first)
			errs += e
			total += n
		}
		msg := fmt.Sprintf("tag: iteration %d/%d: train error %.2f%% on %d tokens, %d feature rows",
			it, opt.Iterations, 100*float64(errs)/float64(max(total, 1)), total, len(p.rows))
		if report != nil {
			msg += report(p.finish())
		}
		logf("%s", msg)
	}
	return p.finish()
}

// makeClasses builds the joint label set from the training data and returns a function mapping a
// gold (UPOS, XPOS) pair to its class.
func makeClasses(train []*conllu.Sentence) (*Model, func(upos, xpos string) int, error) {
	type pair struct{ u, x string }
	count := map[pair]int{}
	for _, s := range train {
		for _, t := range s.Tokens {
			count[pair{t.UPOS, t.XPOS}]++
		}
	}
	// A rare pair is folded into its XPOS's commonest pair when that one is frequent.
	frequentXPOS := map[string]bool{}
	for p, n := range count {
		if n >= minLabelCount {
			frequentXPOS[p.x] = true
		}
	}
	var keep []pair
	for p, n := range count {
		if n >= minLabelCount || !frequentXPOS[p.x] {
			keep = append(keep, p)
		}
	}
	if len(keep) == 0 {
		return nil, nil, errors.New("training tagger: no tagged tokens")
	}
	slices.SortFunc(keep, func(a, b pair) int {
		if c := cmp.Compare(count[b], count[a]); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.u, b.u), cmp.Compare(a.x, b.x))
	})
	if len(keep) > maxClasses {
		keep = keep[:maxClasses]
	}
	m := &Model{}
	index := map[pair]int{}
	byXPOS := map[string]int{} // commonest class of each XPOS (keep is sorted by count)
	byUPOS := map[string]int{}
	for i, p := range keep {
		index[p] = i
		m.upos = append(m.upos, p.u)
		m.xpos = append(m.xpos, p.x)
		if _, ok := byXPOS[p.x]; !ok {
			byXPOS[p.x] = i
		}
		if _, ok := byUPOS[p.u]; !ok {
			byUPOS[p.u] = i
		}
	}
	labelOf := func(u, x string) int {
		if c, ok := index[pair{u, x}]; ok {
			return c
		}
		if c, ok := byXPOS[x]; ok {
			return c
		}
		if c, ok := byUPOS[u]; ok {
			return c
		}
		return 0
	}
	return m, labelOf, nil
}

// makeDict finds the frequent words that always take the same class.
func makeDict(exs []example, nc int) table {
	counts := map[uint64][]int32{}
	for _, ex := range exs {
		for i, t := range ex.toks {
			c := counts[t.norm]
			if c == nil {
				c = make([]int32, nc)
				counts[t.norm] = c
			}
			c[ex.gold[i]]++
		}
	}
	keys := make([]uint64, 0)
	cls := map[uint64]int32{}
	for k, c := range counts {
		total, best := int32(0), 0
		for j, n := range c {
			total += n
			if n > c[best] {
				best = j
			}
		}
		if total >= dictMinCount && float64(c[best]) >= dictMinShare*float64(total) {
			keys = append(keys, k)
			cls[k] = int32(best)
		}
	}
	t := newTable(len(keys))
	for _, k := range keys {
		t.put(k, uint32(cls[k]))
	}
	return t
}

// wordCounts counts the labels of each word (by norm hash) in the examples for which keep is true.
func wordCounts(exs []example, nc int, keep func(int) bool) map[uint64][]int32 {
	counts := map[uint64][]int32{}
	for k, ex := range exs {
		if !keep(k) {
			continue
		}
		for i, t := range ex.toks {
			c := counts[t.norm]
			if c == nil {
				c = make([]int32, nc)
				counts[t.norm] = c
			}
			c[ex.gold[i]]++
		}
	}
	return counts
}

// ambHash returns the hash of the ambiguity class of a word with the label counts c: the set of
// labels it takes at least ambMinShare of the time; ok is false for words seen less than
// ambMinCount times.
func ambHash(c []int32) (h uint64, ok bool) {
	total := int32(0)
	for _, n := range c {
		total += n
	}
	if total < ambMinCount {
		return 0, false
	}
	h = uint64(fnvOffset) ^ 0x616d62
	for j, n := range c {
		if float64(n) >= ambMinShare*float64(total) {
			h = (h ^ uint64(j+1)) * fnvPrime
		}
	}
	return h, true
}

// makeAmb builds the ambiguity-class dictionary of the model from all the examples.
func makeAmb(exs []example, nc int) (table, []uint64) {
	counts := wordCounts(exs, nc, func(int) bool { return true })
	words := make([]uint64, 0, len(counts))
	for k := range counts {
		words = append(words, k)
	}
	slices.Sort(words)
	index := map[uint64]int32{}
	var ambs []uint64
	t := newTable(len(words))
	for _, w := range words {
		h, ok := ambHash(counts[w])
		if !ok {
			continue
		}
		a, ok := index[h]
		if !ok {
			a = int32(len(ambs))
			index[h] = a
			ambs = append(ambs, h)
		}
		t.put(w, uint32(a))
	}
	return t, ambs
}

// jackknifeAmb sets the ambiguity class of each training token from the counts of the other
// ambFolds-1 folds of the data, so that training sees unknown and rare words as tagging will.
func jackknifeAmb(exs []example, nc int) {
	for f := range ambFolds {
		counts := wordCounts(exs, nc, func(k int) bool { return k%ambFolds != f })
		for k := f; k < len(exs); k += ambFolds {
			for i := range exs[k].toks {
				t := &exs[k].toks[i]
				t.amb = hAmbUnknown
				if h, ok := ambHash(counts[t.norm]); ok {
					t.amb = h
				}
			}
		}
	}
}

// perceptron holds the dense training weights: row r, class c at w[r*nc+c]. Averaging uses the
// accumulated timestamped updates u: average = w - u/steps.
type perceptron struct {
	nc    int
	rows  map[uint64]int32
	w     []float32
	u     []float64
	steps float64
}

func (p *perceptron) row(f uint64) int32 {
	r, ok := p.rows[f]
	if !ok {
		r = int32(len(p.rows))
		p.rows[f] = r
		p.w = append(p.w, make([]float32, p.nc)...)
		p.u = append(p.u, make([]float64, p.nc)...)
	}
	return r
}

// trainSentence tags one sentence with the current weights, updating them on each error; it returns
// the errors and the number of tokens scored.
func (p *perceptron) trainSentence(m *Model, ex example, first []int) (errs, n int) {
	var fs [maxFeatures]uint64
	scores := make([]float32, p.nc)
	prev, prev2 := -1, -1
	for i := range ex.toks {
		p.steps++
		c, ok := m.dict.get(ex.toks[i].norm)
		pred := int(c)
		if !ok {
			n++
			nf := extract(ex.toks, i, prev, prev2, first, &fs)
			clear(scores)
			for _, f := range fs[:nf] {
				r, ok := p.rows[f]
				if !ok {
					continue
				}
				row := p.w[int(r)*p.nc : int(r+1)*p.nc]
				for k, v := range row {
					scores[k] += v
				}
			}
			pred = 0
			for k := 1; k < p.nc; k++ {
				if scores[k] > scores[pred] {
					pred = k
				}
			}
			if g := ex.gold[i]; pred != g {
				errs++
				for _, f := range fs[:nf] {
					r := int(p.row(f)) * p.nc
					p.w[r+g]++
					p.u[r+g] += p.steps
					p.w[r+pred]--
					p.u[r+pred] -= p.steps
				}
			}
		}
		prev2, prev = prev, pred
	}
	return errs, n
}

// finish returns the averaged, quantised and pruned weights in their packed layout.
func (p *perceptron) finish() weights {
	var m weights
	keys := make([]uint64, 0, len(p.rows))
	for f := range p.rows {
		keys = append(keys, f)
	}
	slices.Sort(keys)
	avg := func(i int) float64 { return float64(p.w[i]) - p.u[i]/p.steps }
	maxAbs := 0.0
	for i := range p.w {
		maxAbs = max(maxAbs, math.Abs(avg(i)))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	m.scale = float32(scale)
	type row struct {
		key        uint64
		start, end int
	}
	var rows []row
	for _, f := range keys {
		r := int(p.rows[f]) * p.nc
		start := len(m.ent)
		for c := 0; c < p.nc; c++ {
			a := avg(r + c)
			q := int32(math.Round(a / scale))
			if math.Abs(a) < pruneBelow || q == 0 {
				continue
			}
			m.ent = append(m.ent, q<<8|int32(c))
		}
		if len(m.ent) > start {
			rows = append(rows, row{f, start, len(m.ent)})
		}
	}
	m.feats = newTable(len(rows))
	for _, r := range rows {
		m.feats.put(r.key, uint32(r.start)<<8|uint32(r.end-r.start))
	}
	m.pack()
	return m
}

// Accuracy tags copies of the gold sentences with m and returns the share of tokens whose UPOS and
// whose XPOS match the gold ones.
func Accuracy(m *Model, gold []*conllu.Sentence) (upos, xpos float64) {
	var n, okU, okX int
	for _, g := range gold {
		s := g.NLP()
		s.Tokens = slices.Clone(s.Tokens)
		m.Tag(&s)
		for i, t := range s.Tokens {
			n++
			if t.UPOS == g.Tokens[i].UPOS {
				okU++
			}
			if t.XPOS == g.Tokens[i].XPOS {
				okX++
			}
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(okU) / float64(n), float64(okX) / float64(n)
}
