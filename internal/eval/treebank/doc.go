// Package treebank scores dyad's English analysis against Universal Dependencies treebanks: tag,
// lemma and attachment accuracy on gold tokenization (attach.go) and sentence and token F1 of the
// segmentation of raw text (segment.go). It compares annotations; it never runs the analysis itself.
package treebank
