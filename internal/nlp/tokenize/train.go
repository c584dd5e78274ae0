package tokenize

import (
	"errors"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/dyad-events/dyad/internal/nlp"
)

// SegTrainOptions control TrainSegmenter.
type SegTrainOptions struct {
	Iterations int   // passes over the training gaps; 0 means 5 (more overfit: EWT dev -0.3 at 10)
	Seed       int64 // shuffling seed
	// Augment adds two variants of each training document: all on one line (sentences joined by
	// spaces) and hard-wrapped at 60 to 84 columns (see wrapped), so that the model neither
	// relies on line breaks nor takes every line break for a sentence end.
	Augment bool
	// Prune drops the weights smaller than it in absolute value; 0 means 1, negative keeps all.
	Prune float64
	// MinAbbrev is how often a word must occur with its period in the gold tokens to be learned
	// as an abbreviation; 0 means 2.
	MinAbbrev int
	// Bags is how many perceptrons, each with its own shuffling, are trained and averaged; 0
	// means 1. More bags make a model that depends less on the seed.
	Bags int
	// Margin makes the perceptron update also on a right decision whose score is within Margin
	// of zero; 0 updates on mistakes only.
	Margin float64
}

// TrainSegmenter trains a sentence-boundary model from documents with gold sentences: each
// Doc's Text is the raw text and its Sentences carry gold byte offsets (sentence spans and
// token spans), as treebank.Documents rebuilds them from CoNLL-U. logf, when not nil, gets
// progress lines.
func TrainSegmenter(docs []nlp.Doc, opt SegTrainOptions, logf func(format string, a ...any)) (*SegModel, error) {
	if opt.Iterations <= 0 {
		opt.Iterations = 5
	}
	if opt.Prune == 0 {
		opt.Prune = 1
	}
	if opt.MinAbbrev <= 0 {
		opt.MinAbbrev = 2
	}
	if logf == nil {
		logf = func(string, ...any) {}
	}
	m := &SegModel{abbrevs: learnAbbrevs(docs, opt.MinAbbrev), weights: map[uint32]float32{},
		ortho: learnOrtho(docs, 2)}
	logf("segmenter: %d abbreviations learned, %d words' spelling", len(m.abbrevs), len(m.ortho))

	// The examples: every candidate gap that is not a blank line, with its gold label.
	type example struct {
		feats []uint32
		y     bool
	}
	var exs []example
	t := &Tokenizer{model: m}
	var f [maxFeatures]uint64
	pos := 0
	// Each document's examples see the spelling statistics of the other folds only, as
	// unseen text will.
	const folds = 5
	foldOrtho := make([]map[string]byte, folds)
	for k := range folds {
		var rest []nlp.Doc
		for j, d := range docs {
			if j%folds != k {
				rest = append(rest, d)
			}
		}
		foldOrtho[k] = learnOrtho(rest, 2)
	}
	foldOf := make([]int, len(docs)) // the fold of each document, variants with their original
	for i := range foldOf {
		foldOf[i] = i % folds
	}
	if opt.Augment {
		n := len(docs)
		docs = append([]nlp.Doc(nil), docs...)
		for i, d := range docs[:n] {
			docs = append(docs, oneLine(d), wrapped(d, 60+i%25, uint64(i)))
			foldOf = append(foldOf, foldOf[i], foldOf[i])
		}
	}
	for di, d := range docs {
		ortho := foldOrtho[foldOf[di]]
		ends := goldEnds(d)
		if len(ends) == 0 {
			continue
		}
		toks := t.words(d.Text)
		sc := scanner{text: d.Text, learned: m.abbrevs}
		style, maxl := layout(d.Text), maxLine(d.Text)
		e := 0
		since := 0
		st := ctx{text: d.Text, lineEnd: -1, casual: casualness(toks)} // the sentence state, by the gold sentences
		for i := 0; i+1 < len(toks); i++ {
			st.track(&toks[i])
			for e < len(ends) && ends[e] <= toks[i].Start {
				e++
			}
			y := e < len(ends) && ends[e] <= toks[i+1].Start
			if candidate(d.Text, toks, i) && newlines(d.Text, toks, i) < 2 {
				c := st
				c.toks, c.i, c.since, c.style, c.maxLine = toks, i, since, style, maxl
				if class(toks[i].Text) == kAbbr {
					c.abbrevListed = sc.listed(toks[i].Text)
				}
				c.ortho1 = sc.orthoOf(ortho, toks[i+1].Text)
				c.ortho0 = sc.orthoOf(ortho, toks[i].Text)
				n := features(&c, &f)
				fs := make([]uint32, n)
				for j := range n {
					fs[j] = fold(f[j])
				}
				exs = append(exs, example{fs, y})
				if y {
					pos++
				}
			}
			since++
			if y {
				since = 0
				st.newSentence()
			}
		}
	}
	if len(exs) == 0 || pos == 0 {
		return nil, errors.New("training segmenter: no sentence boundaries in the training documents")
	}
	logf("segmenter: %d candidate gaps, %d sentence ends", len(exs), pos)

	// Averaged perceptrons, one per bag (shuffling seed), their averaged weights averaged.
	bags := max(opt.Bags, 1)
	margin := float32(opt.Margin)
	total := map[uint32]float32{}
	for bag := range bags {
		w := map[uint32]float32{}
		sum := map[uint32]float32{} // sum of updates weighted by when they happened
		rng := rand.New(rand.NewPCG(uint64(opt.Seed)+uint64(bag)*0x9e37, 0x5e6))
		order := make([]int, len(exs))
		for i := range order {
			order[i] = i
		}
		step := float32(1)
		for it := 0; it < opt.Iterations; it++ {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			errs := 0
			for _, k := range order {
				ex := &exs[k]
				var s float32
				for _, h := range ex.feats {
					s += w[h]
				}
				wrong := (s > 0) != ex.y
				if wrong {
					errs++
				}
				if wrong || (margin > 0 && s >= -margin && s <= margin) {
					d := float32(1)
					if !ex.y {
						d = -1
					}
					for _, h := range ex.feats {
						w[h] += d
						sum[h] += d * step
					}
				}
				step++
			}
			logf("segmenter: bag %d, iteration %d: %d errors (%.2f%%)", bag+1, it+1, errs,
				100*float64(errs)/float64(len(exs)))
		}
		for h, v := range w {
			total[h] += (v - sum[h]/step) / float32(bags)
		}
	}
	for h, a := range total {
		if math.Abs(float64(a)) >= opt.Prune && a != 0 {
			m.weights[h] = a
		}
	}
	m.table = newWtable(m.weights)
	logf("segmenter: %d weights", len(m.weights))
	return m, nil
}

// goldEnds returns the sorted end offsets of the gold sentences of d.
func goldEnds(d nlp.Doc) []int {
	ends := make([]int, 0, len(d.Sentences))
	for _, s := range d.Sentences {
		e := s.End
		if n := len(s.Tokens); n > 0 {
			e = s.Tokens[n-1].End
		}
		ends = append(ends, e)
	}
	sort.Ints(ends)
	return ends
}

// learnAbbrevs collects the words that the gold tokens write with a final period ("Inc.",
// "approx."), lower-cased without the period, seen at least min times.
func learnAbbrevs(docs []nlp.Doc, min int) map[string]bool {
	count := map[string]int{}
	for _, d := range docs {
		for _, s := range d.Sentences {
			for _, t := range s.Tokens {
				w := t.Text
				if len(w) < 3 || len(w) > 9 || w[len(w)-1] != '.' {
					continue
				}
				w = w[:len(w)-1]
				ok := true
				for i := 0; i < len(w); i++ {
					if c := w[i]; c >= 0x80 || ascii[c]&(cUpper|cLower) == 0 {
						ok = false
						break
					}
				}
				if ok {
					count[string(lowerKey(nil, w))]++
				}
			}
		}
	}
	out := map[string]bool{}
	for w, n := range count {
		if n >= min && !abbrevs[w] {
			out[w] = true
		}
	}
	return out
}

// learnOrtho records how each word (seen at least min times) is written in the gold sentences:
// only in lower case inside sentences, only capitalised inside sentences, both, or only at a
// sentence start.
func learnOrtho(docs []nlp.Doc, min int) map[string]byte {
	type counts struct{ lower, capMid, start int }
	c := map[string]*counts{}
	var key []byte
	for _, d := range docs {
		for _, s := range d.Sentences {
			for j, t := range s.Tokens {
				r, _ := decode(t.Text, 0)
				if !isAlnum(r) || isDigit(r) || len(t.Text) > 40 {
					continue
				}
				key = lowerKey(key, t.Text)
				k := c[string(key)]
				if k == nil {
					k = &counts{}
					c[string(key)] = k
				}
				switch {
				case j == 0 || class(s.Tokens[j-1].Text) == kOpen || class(s.Tokens[j-1].Text) == kQuote:
					k.start++
				case isUpper(r):
					k.capMid++
				default:
					k.lower++
				}
			}
		}
	}
	out := make(map[string]byte, len(c))
	for w, k := range c {
		if k.lower+k.capMid+k.start < min {
			continue
		}
		switch {
		case k.lower > 0 && k.capMid > 0:
			out[w] = orthoBoth
		case k.lower > 0:
			out[w] = orthoLower
		case k.capMid > 0:
			out[w] = orthoCap
		default:
			out[w] = orthoStart
		}
	}
	return out
}

// oneLine returns d with its line breaks replaced by spaces.
func oneLine(d nlp.Doc) nlp.Doc {
	return nlp.Doc{Text: strings.ReplaceAll(d.Text, "\n", " "), Sentences: d.Sentences}
}

// wrapped returns d re-laid as plain text: lines broken at spaces before width bytes, a
// paragraph break (a line break in d) kept as a line break or made a blank line, and a sentence
// end sometimes followed by a line break (chosen by seed), as in mail and web text; the gold
// offsets are moved along.
func wrapped(d nlp.Doc, width int, seed uint64) nlp.Doc {
	rng := rand.New(rand.NewPCG(seed, 0x3a9))
	ends := map[int]bool{}
	for _, e := range goldEnds(d) {
		ends[e] = true
	}
	shift := make([]int, len(d.Text)+1) // bytes inserted before each offset
	b := make([]byte, 0, len(d.Text)+len(d.Text)/40)
	col, lastSpace := 0, -1 // lastSpace indexes b
	for i := 0; i < len(d.Text); i++ {
		shift[i] = len(b) - i
		c := d.Text[i]
		switch {
		case c == '\n':
			b = append(b, '\n')
			if rng.IntN(2) == 0 {
				b = append(b, '\n')
			}
			col, lastSpace = 0, -1
			continue
		case c == ' ' && ends[i] && rng.IntN(5) == 0:
			b = append(b, '\n')
			col, lastSpace = 0, -1
			continue
		case c == ' ':
			lastSpace = len(b)
		}
		b = append(b, c)
		col++
		if col > width && lastSpace >= 0 {
			b[lastSpace] = '\n'
			col = len(b) - lastSpace - 1
			lastSpace = -1
		}
	}
	shift[len(d.Text)] = len(b) - len(d.Text)
	out := nlp.Doc{Text: string(b), Sentences: make([]nlp.Sentence, len(d.Sentences))}
	for i, s := range d.Sentences {
		ns := nlp.Sentence{Start: s.Start + shift[s.Start], End: s.End + shift[s.End],
			Tokens: make([]nlp.Token, len(s.Tokens))}
		for j, t := range s.Tokens {
			t.Start += shift[t.Start]
			t.End += shift[t.End]
			ns.Tokens[j] = t
		}
		out.Sentences[i] = ns
	}
	return out
}
