package dict

import "strings"

// Agent is a sector noun or title: "troops" (MIL), "foreign minister" (GOV, a title).
type Agent struct {
	Code   string // CAMEO agent type ("GOV")
	Title  bool   // used before a person's name ("President Erdogan")
	Phrase string // the phrase as it matched (Norm'ed, words joined by spaces)
}

// agentRow is one line of agents.txt.
type agentRow struct {
	Phrases []string
	Code    string
	Title   bool
	line    int
}

// parseAgents reads agents.txt: PHRASE|PHRASE…, AGENT, [title].
func parseAgents(file, data string) ([]agentRow, ErrorList) {
	er := &errs{file: file}
	var out []agentRow
	for _, l := range scanLines(data) {
		a, err := parseAgentLine(l.text)
		if err != "" {
			er.add(l.n, "%s", err)
			continue
		}
		a.line = l.n
		out = append(out, a)
	}
	return out, er.list
}

// parseAgentLine reads one agents.txt line. Columns are tab-separated, but a line aligned with
// spaces is read too: the last word is "title" or the agent type, the rest are the phrases.
func parseAgentLine(s string) (agentRow, string) {
	var a agentRow
	var phrases string
	var rest []string
	if cols := nonEmpty(splitTabs(s)); len(cols) >= 2 {
		phrases = cols[0]
		for _, c := range cols[1:] {
			rest = append(rest, strings.Fields(c)...)
		}
	} else {
		f := strings.Fields(s)
		i := len(f)
		if i > 0 && f[i-1] == "title" {
			i--
		}
		if i > 0 {
			i--
		}
		phrases, rest = strings.Join(f[:i], " "), f[i:]
	}
	if len(rest) == 0 || len(rest) > 2 {
		return a, "want PHRASE|PHRASE...<TAB>AGENT[<TAB>title]"
	}
	a.Code = rest[0]
	if !isUpperCode(a.Code, 3) {
		return a, "bad agent type " + quote(a.Code) + " (want a CAMEO agent type like GOV)"
	}
	if len(rest) == 2 {
		if rest[1] != "title" {
			return a, "unknown flag " + quote(rest[1]) + " (want title)"
		}
		a.Title = true
	}
	items, empty := splitBar(phrases)
	if empty {
		return a, "empty phrase in list (check the '|' separators)"
	}
	if len(items) == 0 {
		return a, "no phrases"
	}
	for _, it := range items {
		if !hasWord(it) {
			return a, "phrase " + quote(it) + " has no words"
		}
	}
	a.Phrases = items
	return a, ""
}

func nonEmpty(f []string) []string {
	out := f[:0:0]
	for _, s := range f {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
