package parse

import (
	"math"
	"math/rand"
)

// Global training for beam search (Zhang & Clark 2008, Huang et al. 2012): each training sentence
// is parsed with the beam while the gold transition sequence is followed alongside; the gold
// sequence takes, among the transitions that lose no gold arc (the dynamic oracle's zero-cost
// ones), the one the model scores highest. When the beam's best result is wrong, the perceptron
// is updated at the step where the best configuration outscores the gold prefix by the most (the
// max-violation update): the features of the gold prefix are rewarded and those of the wrong
// prefix penalized, transition by transition. The label classifier learns from the arcs of the
// gold sequence, which carry the labels it predicts (as beam configurations do).

// update adds d to the weight of transition a for every feature.
func (t *trainAct) updateOne(feats []uint64, a int, d float32, c float64) {
	for _, f := range feats {
		r := t.slot(f)
		t.slots[r].w[a] += d
		t.u[r][a] += c * float64(d)
	}
}

// labUpdate is a deferred update of the label classifier: the features, the gold and the
// predicted label.
type labUpdate struct {
	from, to   int // range in the feature buffer
	gold, pred int
}

// trainBeamRun is trainRun for beam search with k configurations.
func (m *Model) trainBeamRun(sents []goldSent, iterations, k int, seed int64, prune pruning, logf func(string, ...any), after func(int, *Model)) (*trainAct, *trainLab, float64) {
	ta := newTrainAct()
	tl := &trainLab{index: map[uint64]int32{}}
	rng := rand.New(rand.NewSource(seed))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	bm := &beam{base: newState()}
	gs := &state{} // the gold configuration
	rs := &state{} // replays for updates
	ls := make([]float32, len(m.labels))
	var sc32 [nAct]float32
	score := func(st *state, out *[nAct]float64) {
		ta.score(actFeats(st), &sc32)
		for a := range out {
			out[a] = float64(sc32[a])
		}
	}
	label := func(st *state, h, d int32) int {
		if h == 0 {
			return m.rootLab
		}
		tl.score(labFeats(st, h, d), ls)
		return m.bestLabel(st, h, d, ls)
	}
	var gseq, pseq []histEntry
	var lfbuf []uint64
	var lups []labUpdate
	var c float64 = 1
	var buf []byte
	for it := 1; it <= iterations; it++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		var updates, fellOff, arcs, labErrs int
		for _, si := range order {
			g := &sents[si]
			buf = m.fill(bm.base, g.toks, buf)
			base := bm.base
			base.gold = grow32(base.gold, int(base.N)+1)
			copy(base.gold, g.heads[:base.N])
			base.gold[base.N] = base.N
			base.gold[0] = base.N
			gs.copyFrom(base)
			gs.gold = base.gold
			bm.start()
			gseq, lfbuf, lups = gseq[:0], lfbuf[:0], lups[:0]
			var gscore float64
			var ghash uint64
			gdone := gs.b >= gs.N
			maxViol := math.Inf(-1)
			violTop, violGold := int32(-1), -1
			off := false
			var sc [nAct]float64
			for {
				if !gdone {
					v := gs.valid()
					cost := gs.costs(v)
					score(gs, &sc)
					ga, _ := oracleAction(&v, &cost, &sc)
					lab := 0
					if ga == actLeft || ga == actRight {
						h, d := gs.arcOf(ga)
						if h == 0 {
							lab = m.rootLab
						} else {
							lf := labFeats(gs, h, d)
							tl.score(lf, ls)
							lab = m.bestLabel(gs, h, d, ls)
							arcs++
							if gl := g.labs[d]; lab != gl && gs.gold[d] == h {
								labErrs++
								n := len(lfbuf)
								lfbuf = append(lfbuf, lf...)
								lups = append(lups, labUpdate{n, len(lfbuf), gl, lab})
							}
						}
					}
					gs.apply(ga, lab)
					gscore += sc[ga]
					ghash = seqHash(ghash, ga)
					gseq = append(gseq, histEntry{act: int8(ga), lab: uint8(lab)})
					gdone = gs.b >= gs.N
				}
				all := bm.step(k, score, label)
				top := &bm.cur[0]
				if top.hash != ghash {
					if viol := top.score - gscore; viol > maxViol {
						maxViol, violTop, violGold = viol, top.hist, len(gseq)
					}
					in := false
					for i := range bm.cur {
						in = in || bm.cur[i].hash == ghash
					}
					off = off || !in
				}
				if all && gdone {
					break
				}
			}
			if bm.cur[0].hash != ghash && violGold >= 0 {
				updates++
				if off {
					fellOff++
				}
				pseq = bm.sequence(violTop, pseq[:0])
				m.beamUpdate(ta, base, rs, gseq[:violGold], pseq, c)
			}
			for _, u := range lups {
				tl.update(lfbuf[u.from:u.to], uint8(u.gold), 1, c)
				tl.update(lfbuf[u.from:u.to], uint8(u.pred), -1, c)
			}
			c++
		}
		logf("parse: iteration %d/%d (beam %d): %.2f%% of sentences updated (%.2f%% lost the gold sequence), label errors %.2f%%, %d+%d features",
			it, iterations, k, 100*float64(updates)/float64(len(sents)), 100*float64(fellOff)/float64(len(sents)),
			100*float64(labErrs)/float64(max(arcs, 1)), ta.n, len(tl.rows))
		if after != nil && it < iterations && m.finalize(ta, tl, c, prune) == nil { // an error: trainWith reports it
			m.tact, m.tlab, m.tc = ta, tl, c
			after(it, m)
		}
	}
	return ta, tl, c
}

// beamUpdate rewards the transitions of gold and penalizes those of pred, both taken from the
// initial configuration base; the common prefix is skipped, its updates would cancel.
func (m *Model) beamUpdate(ta *trainAct, base, st *state, gold, pred []histEntry, c float64) {
	p := 0
	for p < len(gold) && p < len(pred) && gold[p].act == pred[p].act {
		p++
	}
	for _, side := range []struct {
		seq []histEntry
		d   float32
	}{{gold, 1}, {pred, -1}} {
		st.copyFrom(base)
		for i, e := range side.seq {
			a := int(e.act)
			if i >= p {
				ta.updateOne(actFeats(st), a, side.d, c)
			}
			st.apply(a, int(e.lab))
		}
	}
}
