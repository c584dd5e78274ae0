package dict

import (
	"strings"

	"github.com/dyad-events/dyad"
)

// Pattern is one event pattern of verbs.txt.
type Pattern struct {
	Code     string   // CAMEO event code
	Noun     bool     // KIND n: an event noun; otherwise a verb
	Head     string   // lemma of the head (the last part of a '_'-joined head)
	HeadMods []string // the other parts of a '_'-joined head: "phone_call" → ["phone"], Head "call"
	Words    []string // the words after the head as written (Norm'ed), '+' and '_'-joined words kept
	Recip    bool     // the event is mutual
	Intrans  bool     // only when the verb has no object other than an actor ("A and B signed", not "signed an order")
	Passive  string   // code in the passive voice, "" when the same
	Pos      string   // file:line
	Needs    []uint16 // WordBit of every word besides the head that the pattern needs
}

// Target returns the index in Words of the target slot '+', or -1.
func (p *Pattern) Target() int {
	for i, w := range p.Words {
		if w == "+" {
			return i
		}
	}
	return -1
}

// specificity orders patterns of one head: more required words first.
func (p *Pattern) specificity() int { return len(p.Words) + len(p.HeadMods) }

// key identifies a pattern for user overrides: kind and pattern text.
func (p *Pattern) key() string {
	k := "v "
	if p.Noun {
		k = "n "
	}
	n := len(k) + len(p.Head)
	for _, w := range p.HeadMods {
		n += len(w) + 1
	}
	for _, w := range p.Words {
		n += len(w) + 1
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(k)
	for _, w := range p.HeadMods {
		b.WriteString(w)
		b.WriteByte('_')
	}
	b.WriteString(p.Head)
	for _, w := range p.Words {
		b.WriteByte(' ')
		b.WriteString(w)
	}
	return b.String()
}

// parseVerbs reads verbs.txt: CODE, KIND, PATTERN, [FLAGS].
func parseVerbs(file, data string) ([]Pattern, ErrorList) {
	er := &errs{file: file}
	lines := scanLines(data)
	out := make([]Pattern, 0, len(lines))
	for _, l := range lines {
		p, err := parseVerbLine(l.text)
		if err != "" {
			er.add(l.n, "%s", err)
			continue
		}
		p.Pos = posOf(file, l.n)
		out = append(out, p)
	}
	return out, er.list
}

// parseVerbLine reads one verbs.txt line. Columns are tab-separated, but any white space works:
// the first word is the code, the second the kind, trailing words that are flags are the flags
// and the words between are the pattern.
func parseVerbLine(s string) (Pattern, string) {
	var p Pattern
	f := strings.Fields(s)
	if len(f) < 3 {
		return p, "want CODE<TAB>KIND<TAB>PATTERN[<TAB>FLAGS]"
	}
	p.Code = f[0]
	if _, ok := dyad.LookupCode(p.Code); !ok || len(p.Code) < 3 {
		return p, "unknown CAMEO event code " + quote(p.Code)
	}
	switch f[1] {
	case "v":
	case "n":
		p.Noun = true
	default:
		return p, "bad kind " + quote(f[1]) + " (want v or n)"
	}
	words := f[2:]
	for len(words) > 1 {
		last := words[len(words)-1]
		if !isFlags(last) {
			break
		}
		words = words[:len(words)-1]
		for _, fl := range strings.Split(last, ",") {
			switch {
			case fl == "":
			case fl == "recip":
				p.Recip = true
			case fl == "intrans":
				p.Intrans = true
			case strings.HasPrefix(fl, "passive="):
				p.Passive = strings.TrimPrefix(fl, "passive=")
				if _, ok := dyad.LookupCode(p.Passive); !ok || len(p.Passive) < 3 {
					return p, "unknown CAMEO event code in " + quote(fl)
				}
			}
		}
	}
	for i := range words {
		words[i] = Norm(words[i])
	}
	head := words[0]
	if head == "+" || strings.Trim(head, "_") == "" {
		return p, "pattern must start with a head word, not " + quote(head)
	}
	if strings.IndexByte(head, '_') < 0 { // the common case, without allocating
		p.Head = head
	} else {
		parts := strings.Split(head, "_")
		for _, q := range parts {
			if q == "" {
				return p, "bad head " + quote(head) + " (empty part between '_')"
			}
		}
		p.Head, p.HeadMods = parts[len(parts)-1], parts[:len(parts)-1]
	}
	if len(words) > 1 {
		p.Words = words[1:len(words):len(words)] // words is our own copy (from strings.Fields)
	}
	plus := 0
	for _, w := range p.Words {
		if w == "+" {
			plus++
		} else if strings.Contains(w, "+") {
			return p, "bad word " + quote(w) + " ('+' must stand alone)"
		}
	}
	if plus > 1 {
		return p, "more than one target slot '+'"
	}
	if n := len(p.Words) + len(p.HeadMods) - plus; n > 0 {
		p.Needs = make([]uint16, 0, n)
	}
	for _, w := range p.Words {
		if w != "+" {
			if i := strings.LastIndexByte(w, '_'); i >= 0 {
				w = w[i+1:]
			}
			p.Needs = append(p.Needs, WordBit(w))
		}
	}
	for _, w := range p.HeadMods {
		p.Needs = append(p.Needs, WordBit(w))
	}
	return p, ""
}

// WordBits is the size of the word signatures of sentences: a set of WordBit values.
const WordBits = 1024

// WordBit is a word's bit in a word signature of WordBits bits. A pattern's Needs lists the bits
// of the words it needs besides its head; a sentence whose signature lacks one cannot match it.
func WordBit(w string) uint16 {
	h := uint64(14695981039346656037) // FNV-1a
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return uint16(h % WordBits)
}

// isFlags reports whether a word is a flags column: comma-separated recip / intrans / passive=CODE.
func isFlags(w string) bool {
	if strings.HasPrefix(w, "passive=") || w == "recip" || w == "intrans" {
		return true
	}
	if !strings.Contains(w, ",") {
		return false
	}
	for _, fl := range strings.Split(w, ",") {
		if fl != "" && fl != "recip" && fl != "intrans" && !strings.HasPrefix(fl, "passive=") {
			return false
		}
	}
	return true
}
