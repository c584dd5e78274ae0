package tag

import (
	"unicode"
	"unicode/utf8"
)

// Features are 64-bit hashes of (template, values). Word-level hashes are computed once per token
// (tokFeat); the context features of a position are combined from them without allocation.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix is the splitmix64 finaliser: it spreads the bits of x over the whole word.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// combine hashes a template id with up to three values.
func combine(t, a, b uint64) uint64 {
	h := mix(t*0x9e3779b97f4a7c15 + a)
	h = mix(h ^ (b + 0x632be59bd9b4e019))
	if h == 0 {
		h = 1 // 0 marks an empty slot in the feature table
	}
	return h
}

// Sentinel word hashes for positions outside the sentence.
const (
	hStart  = 0x5354415254 // "START"
	hStart2 = 0x5354415232
	hEnd    = 0x454e44
	hEnd2   = 0x454e4432
)

// tokFeat holds the word-level hashes of one token.
type tokFeat struct {
	norm  uint64 // lower case, digits replaced by 0
	raw   uint64 // the form as written
	shape uint64 // collapsed shape: Xx, d.d, x-x, ...
	flags uint64 // bit set of orthographic properties
	suf   [4]uint64
	pre   [3]uint64
	amb   uint64 // the word's ambiguity class (set of labels seen in training), hAmbUnknown if none
}

// hAmbUnknown is the ambiguity class of words not in the training dictionary.
const hAmbUnknown = 0x414d42

const (
	flagHyphen = 1 << iota
	flagDigit
	flagUpperInit
	flagAllUpper
	flagPeriod
	flagFirst
	flagNonASCII
	flagLong
)

// lowerRune lower-cases a rune and maps digits to '0'.
func lowerRune(r rune) rune {
	switch {
	case r >= '0' && r <= '9':
		return '0'
	case r >= 'A' && r <= 'Z':
		return r + 32
	case r < utf8.RuneSelf:
		return r
	}
	return unicode.ToLower(r)
}

// hashRunes hashes the lower-cased runes of s (normalised by lowerRune).
func hashNorm(s string) uint64 {
	h := uint64(fnvOffset)
	for _, r := range s {
		h = (h ^ uint64(lowerRune(r))) * fnvPrime
	}
	return h
}

func hashRaw(s string) uint64 {
	h := uint64(fnvOffset) ^ 0xabc
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// wordFeat computes the word-level hashes of the form w at position i.
func wordFeat(w string, first bool) tokFeat {
	var f tokFeat
	f.norm = hashNorm(w)
	f.raw = hashRaw(w)
	// shape and flags
	sh := uint64(fnvOffset) ^ 0x5a
	var last rune = -1
	var flags uint64
	n, upper, letters := 0, 0, 0
	for _, r := range w {
		var c rune
		switch {
		case r >= '0' && r <= '9':
			c = 'd'
			flags |= flagDigit
		case unicode.IsUpper(r):
			c = 'X'
			upper++
			letters++
			if n == 0 {
				flags |= flagUpperInit
			}
		case unicode.IsLetter(r):
			c = 'x'
			letters++
		default:
			c = r
			if r == '-' {
				flags |= flagHyphen
			} else if r == '.' {
				flags |= flagPeriod
			}
		}
		if r >= utf8.RuneSelf {
			flags |= flagNonASCII
		}
		if c != last {
			sh = (sh ^ uint64(c)) * fnvPrime
			last = c
		}
		n++
	}
	if letters > 0 && upper == letters && letters > 1 {
		flags |= flagAllUpper
	}
	if first {
		flags |= flagFirst
	}
	if n > 8 {
		flags |= flagLong
	}
	f.shape = sh
	f.flags = flags
	// suffixes: last k runes, lower-cased
	end := len(w)
	start := end
	for k := 0; k < 4; k++ {
		if start == 0 {
			f.suf[k] = f.suf[max(k-1, 0)] ^ uint64(k+1)<<56 // shorter word: repeat the whole word
			continue
		}
		_, sz := utf8.DecodeLastRuneInString(w[:start])
		start -= sz
		f.suf[k] = hashNorm(w[start:]) ^ uint64(k+1)
	}
	pos := 0
	for k := 0; k < 3; k++ {
		if pos >= len(w) {
			f.pre[k] = f.pre[max(k-1, 0)] ^ uint64(k+1)<<56
			continue
		}
		_, sz := utf8.DecodeRuneInString(w[pos:])
		pos += sz
		f.pre[k] = hashNorm(w[:pos]) ^ uint64(k+1)<<8
	}
	return f
}

// numFeatures is the number of features extracted per position by the first pass; the second pass
// adds the stacked features on the first pass's predictions, up to maxFeatures.
const (
	numFeatures = 38
	maxFeatures = numFeatures + 8
)

// Tag history hashes: class index + 1, with 0 for "no tag" (before the sentence).
func tagHash(c int) uint64 { return uint64(c + 2) }

// extract writes the features of position i into out and returns their number. prev and prev2 are
// the classes predicted for positions i-1 and i-2 (-1 outside the sentence); first, when not nil,
// holds the first pass's classes of the whole sentence.
func extract(toks []tokFeat, i, prev, prev2 int, first []int, out *[maxFeatures]uint64) int {
	t := &toks[i]
	n1, n2, p1, p2 := uint64(hEnd), uint64(hEnd2), uint64(hStart), uint64(hStart2)
	var s3n, s3p, shn, shp uint64 = hEnd, hStart, hEnd, hStart
	var a1, a2 uint64 = hEnd, hEnd2
	if i+1 < len(toks) {
		a1 = toks[i+1].amb
		n1 = toks[i+1].norm
		s3n = toks[i+1].suf[2]
		shn = toks[i+1].shape
	}
	if i+2 < len(toks) {
		n2 = toks[i+2].norm
		a2 = toks[i+2].amb
	}
	if i > 0 {
		p1 = toks[i-1].norm
		s3p = toks[i-1].suf[2]
		shp = toks[i-1].shape
	}
	if i > 1 {
		p2 = toks[i-2].norm
	}
	tp1, tp2 := tagHash(prev), tagHash(prev2)
	out[0] = combine(0, 0, 0) // bias
	out[1] = combine(1, t.norm, 0)
	out[2] = combine(2, t.raw, 0)
	out[3] = combine(3, t.suf[0], 0)
	out[4] = combine(4, t.suf[1], 0)
	out[5] = combine(5, t.suf[2], 0)
	out[6] = combine(6, t.suf[3], 0)
	out[7] = combine(7, t.pre[0], 0)
	out[8] = combine(8, t.pre[1], 0)
	out[9] = combine(9, t.pre[2], 0)
	out[10] = combine(10, t.shape, 0)
	out[11] = combine(11, t.flags, 0)
	out[12] = combine(12, p1, 0)
	out[13] = combine(13, p2, 0)
	out[14] = combine(14, n1, 0)
	out[15] = combine(15, n2, 0)
	out[16] = combine(16, s3p, 0)
	out[17] = combine(17, s3n, 0)
	out[18] = combine(18, tp1, 0)
	out[19] = combine(19, tp2, 0)
	out[20] = combine(20, tp1, tp2)
	out[21] = combine(21, tp1, t.norm)
	out[22] = combine(22, p1, t.norm)
	out[23] = combine(23, t.norm, n1)
	out[24] = combine(24, shp, 0)
	out[25] = combine(25, shn, 0)
	out[26] = combine(26, tp1, t.suf[2])
	out[27] = combine(27, t.flags, t.shape)
	out[28] = combine(28, n1, n2)
	out[29] = combine(29, p1, p2)
	out[30] = combine(30, tp1, n1)
	out[31] = combine(31, t.amb, 0)
	out[32] = combine(32, a1, 0)
	out[33] = combine(33, a2, 0)
	out[34] = combine(34, t.amb, a1)
	out[35] = combine(35, tp1, t.amb)
	out[36] = combine(36, t.norm, a1)
	out[37] = combine(37, a1, a2)
	if first == nil {
		return numFeatures
	}
	f0, f1, f2 := tagHash(first[i]), tagHash(-2), tagHash(-2)
	if i+1 < len(toks) {
		f1 = tagHash(first[i+1])
	}
	if i+2 < len(toks) {
		f2 = tagHash(first[i+2])
	}
	out[38] = combine(38, f0, 0)
	out[39] = combine(39, f1, 0)
	out[40] = combine(40, f2, 0)
	out[41] = combine(41, f1, f2)
	out[42] = combine(42, tp1, f1)
	out[43] = combine(43, t.norm, f1)
	out[44] = combine(44, f0, f1)
	out[45] = combine(45, f0, tp1)
	return maxFeatures
}
