// Package dense adds rows of int16 weights to int32 scores, eight at a time: the inner loop of the
// tagger's and the parser's label scoring, where the commonest features have a weight for (almost)
// every class and are kept as dense rows.
package dense
