// Package nlp holds the types of dyad's English analysis — Doc, Sentence, Token — and the small
// interfaces of its stages (tokenize, tag, lemmatize, parse). The stages live in sub-packages that
// never import each other; Pipeline runs them in order. Nothing here knows about events.
package nlp

// Token is one word of a sentence, in Universal Dependencies conventions.
type Token struct {
	Text       string // the form as in the text ("n't", "'s", "U.S.")
	Start, End int    // byte offsets of the form in the document text (End exclusive)
	SpaceAfter bool   // whether white space follows in the text
	UPOS       string // universal part of speech (NOUN, VERB, PROPN, ...)
	XPOS       string // Penn Treebank tag (NN, VBD, NNP, ...)
	Lemma      string // dictionary form, lower case except for proper nouns
	Feats      string // UD morphological features, "_" or "" when none
	Head       int    // index of the head token in Sentence.Tokens, -1 for the root
	Rel        string // UD dependency relation to the head (nsubj, obj, obl:agent, ...)
}

// Sentence is a run of tokens with its byte span in the document text.
type Sentence struct {
	Start, End int
	Tokens     []Token
}

// Doc is an analysed text.
type Doc struct {
	Text      string
	Sentences []Sentence
}

// Text returns the sentence's text as it stands in the document.
func (s *Sentence) Text(doc string) string { return doc[s.Start:s.End] }

// Children returns the indices of the tokens whose head is i, in order.
func (s *Sentence) Children(i int) []int {
	var out []int
	for j := range s.Tokens {
		if s.Tokens[j].Head == i {
			out = append(out, j)
		}
	}
	return out
}

// Root returns the index of the root token, or -1 when the sentence is not parsed.
func (s *Sentence) Root() int {
	for j := range s.Tokens {
		if s.Tokens[j].Head == -1 && s.Tokens[j].Rel == "root" {
			return j
		}
	}
	return -1
}

// Tokenizer splits text into sentences of tokens, with byte offsets into the text.
type Tokenizer interface {
	Tokenize(text string) []Sentence
}

// Tagger sets UPOS, XPOS (and may set Feats) on each token of a sentence.
type Tagger interface {
	Tag(s *Sentence)
}

// Lemmatizer sets Lemma on each token of a tagged sentence.
type Lemmatizer interface {
	Lemmatize(s *Sentence)
}

// Parser sets Head and Rel on each token of a tagged sentence.
type Parser interface {
	Parse(s *Sentence)
}

// Pipeline runs the stages in order. A nil stage is skipped.
type Pipeline struct {
	Tokenizer  Tokenizer
	Tagger     Tagger
	Lemmatizer Lemmatizer
	Parser     Parser
}

// Annotate analyses text. It is safe for concurrent use when the stages are.
func (p *Pipeline) Annotate(text string) *Doc {
	return p.AnnotateAll([]string{text})[0]
}

// AnnotateAll analyses several texts at once, stage by stage: every text is tokenized, then every
// sentence tagged, then lemmatized, then parsed. Each document is the one its text alone gives,
// but each model's tables stay in the processor's caches for many sentences in a row, which is
// faster than analysing the texts one by one (for dyad code on news articles, see batchArticles in
// cmd/dyad). It is safe for concurrent use when the stages are.
func (p *Pipeline) AnnotateAll(texts []string) []*Doc {
	docs := make([]*Doc, len(texts))
	for i, t := range texts {
		docs[i] = &Doc{Text: t, Sentences: p.Tokenizer.Tokenize(t)}
	}
	stage := func(f func(*Sentence)) {
		for _, d := range docs {
			for k := range d.Sentences {
				f(&d.Sentences[k])
			}
		}
	}
	if p.Tagger != nil {
		stage(p.Tagger.Tag)
	}
	if p.Lemmatizer != nil {
		stage(p.Lemmatizer.Lemmatize)
	}
	if p.Parser != nil {
		stage(p.Parser.Parse)
	}
	return docs
}

// AnnotateSentence tags, lemmatizes and parses one tokenized sentence.
func (p *Pipeline) AnnotateSentence(s *Sentence) {
	if p.Tagger != nil {
		p.Tagger.Tag(s)
	}
	if p.Lemmatizer != nil {
		p.Lemmatizer.Lemmatize(s)
	}
	if p.Parser != nil {
		p.Parser.Parse(s)
	}
}
