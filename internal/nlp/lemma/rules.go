package lemma

import "strings"

// inflection holds the hand-written English rules' word lists; it is built once per Model and
// only read afterwards.
type inflection struct {
	verbs map[string]string // inflected forms of irregular verbs → base form
	adjs  map[string]string // irregular comparatives and superlatives → base
}

func newInflection() inflection {
	return inflection{verbs: irregularVerbs(), adjs: irregularAdjs()}
}

// irregularVerbs maps inflected forms of English irregular verbs to their base form.
func irregularVerbs() map[string]string {
	m := map[string]string{
		"am": "be", "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be",
		"'m": "be", "'re": "be", "ai": "be",
		"has": "have", "had": "have", "having": "have", "'ve": "have", "'d": "have",
		"does": "do", "did": "do", "done": "do", "doing": "do",
		"goes": "go", "went": "go", "gone": "go",
		"wo": "will", "ca": "can", "sha": "shall",
	}
	// base past participle...: each line is "base past participle"; the forms map to the base.
	table := `arise arose arisen
awake awoke awoken
bear bore borne
beat beat beaten
become became become
begin began begun
bend bent bent
bet bet bet
bind bound bound
bid bid bid
bite bit bitten
bleed bled bled
blow blew blown
break broke broken
breed bred bred
bring brought brought
broadcast broadcast broadcast
build built built
burn burnt burnt
burst burst burst
buy bought bought
cast cast cast
catch caught caught
choose chose chosen
cling clung clung
come came come
cost cost cost
creep crept crept
cut cut cut
deal dealt dealt
dig dug dug
draw drew drawn
dream dreamt dreamt
drink drank drunk
drive drove driven
eat ate eaten
fall fell fallen
feed fed fed
feel felt felt
fight fought fought
find found found
flee fled fled
fling flung flung
fly flew flown
forbid forbade forbidden
forecast forecast forecast
forget forgot forgotten
forgive forgave forgiven
freeze froze frozen
get got gotten
give gave given
grind ground ground
grow grew grown
hang hung hung
hear heard heard
hide hid hidden
hit hit hit
hold held held
hurt hurt hurt
keep kept kept
kneel knelt knelt
know knew known
lay laid laid
lead led led
lean leant leant
leap leapt leapt
learn learnt learnt
leave left left
lend lent lent
let let let
lie lay lain
light lit lit
lose lost lost
make made made
mean meant meant
meet met met
mislead misled misled
mistake mistook mistaken
overcome overcame overcome
overtake overtook overtaken
overthrow overthrew overthrown
pay paid paid
prove proved proven
put put put
quit quit quit
read read read
rid rid rid
ride rode ridden
ring rang rung
rise rose risen
run ran run
say said said
see saw seen
seek sought sought
sell sold sold
send sent sent
set set set
sew sewed sewn
shake shook shaken
shed shed shed
shine shone shone
shoot shot shot
show showed shown
shrink shrank shrunk
shut shut shut
sing sang sung
sink sank sunk
sit sat sat
slay slew slain
sleep slept slept
slide slid slid
sling slung slung
slit slit slit
speak spoke spoken
speed sped sped
spend spent spent
spill spilt spilt
spin spun spun
spit spat spat
split split split
spread spread spread
spring sprang sprung
stand stood stood
steal stole stolen
stick stuck stuck
sting stung stung
stink stank stunk
stride strode stridden
strike struck struck
string strung strung
strive strove striven
swear swore sworn
sweep swept swept
swell swelled swollen
swim swam swum
swing swung swung
take took taken
teach taught taught
tear tore torn
tell told told
think thought thought
throw threw thrown
thrust thrust thrust
tread trod trodden
undergo underwent undergone
understand understood understood
undertake undertook undertaken
uphold upheld upheld
upset upset upset
wake woke woken
wear wore worn
weave wove woven
weep wept wept
win won won
wind wound wound
withdraw withdrew withdrawn
withhold withheld withheld
withstand withstood withstood
wring wrung wrung
write wrote written`
	for _, line := range strings.Split(table, "\n") {
		f := strings.Fields(line)
		for _, form := range f[1:] {
			if _, ok := m[form]; !ok {
				m[form] = f[0]
			}
		}
	}
	return m
}

// irregularAdjs maps irregular comparatives and superlatives to their base.
func irregularAdjs() map[string]string {
	return map[string]string{
		"better": "good", "best": "good", "worse": "bad", "worst": "bad", "more": "more", "most": "most",
		"less": "less", "least": "least", "further": "far", "furthest": "far", "farther": "far",
		"farthest": "far", "elder": "old", "eldest": "old",
	}
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// undouble removes a doubled final consonant ("stopp" → "stop"), except for the letters that
// English doubles in base forms (ll, ss, zz, ff).
func undouble(s string) (string, bool) {
	n := len(s)
	if n >= 3 && s[n-1] == s[n-2] && !isVowel(s[n-1]) && strings.IndexByte("lszf", s[n-1]) < 0 {
		return s[:n-1], true
	}
	return s, false
}

// restoreE guesses whether a stem lost a final e before -ed/-ing/-er/-est ("hop" → "hope",
// "danc" → "dance", "argu" → "argue").
func restoreE(s string) string {
	n := len(s)
	if n < 2 {
		return s
	}
	last := s[n-1]
	switch {
	case last == 'u', last == 'v', last == 'z' && s[n-2] != 'z':
		return s + "e"
	case last == 'c' || last == 'g' && s[n-2] != 'n' && s[n-2] != 'g': // danc(e), chang(e) but not sing
		return s + "e"
	case strings.HasSuffix(s, "at") && n > 4, strings.HasSuffix(s, "iz"), strings.HasSuffix(s, "ys"):
		return s + "e" // creat(e), organiz(e), analys(e)
	case strings.IndexByte("wxy", last) >= 0 || isVowel(last) || !isVowel(s[n-2]):
		return s
	case n == 2 && isVowel(s[0]), // us(e)
		n == 3 && !isVowel(s[0]),                   // hop(e), vot(e)
		n == 4 && !isVowel(s[0]) && !isVowel(s[1]): // shap(e), quot(e), scor(e)
		return s + "e"
	}
	return s
}

// lemma lemmatizes an unseen word w (lower case unless a proper noun) by English inflection.
func (in *inflection) lemma(w, xpos string) string {
	switch xpos {
	case "NNS", "NNPS", "VBZ":
		return stripS(w)
	case "VBD", "VBN":
		if l, ok := in.verbs[w]; ok {
			return l
		}
		switch {
		case strings.HasSuffix(w, "ied") && len(w) > 4:
			return w[:len(w)-3] + "y"
		case strings.HasSuffix(w, "eed"):
			if len(w) <= 5 {
				return w // need, feed
			}
			return w[:len(w)-1] // agreed, guaranteed
		case strings.HasSuffix(w, "ed") && len(w) > 3:
			stem := w[:len(w)-2]
			if s, ok := undouble(stem); ok {
				return s
			}
			return restoreE(stem)
		}
		return w
	case "VBG":
		if l, ok := in.verbs[w]; ok {
			return l
		}
		if strings.HasSuffix(w, "ing") && len(w) > 4 {
			stem := w[:len(w)-3]
			if strings.HasSuffix(stem, "y") && len(stem) == 2 { // dying → die
				return stem[:1] + "ie"
			}
			if s, ok := undouble(stem); ok {
				return s
			}
			return restoreE(stem)
		}
		return w
	case "JJR", "JJS", "RBR", "RBS":
		if l, ok := in.adjs[w]; ok {
			return l
		}
		suf := "er"
		if xpos == "JJS" || xpos == "RBS" {
			suf = "est"
		}
		if !strings.HasSuffix(w, suf) || len(w) <= len(suf)+2 {
			return w
		}
		stem := w[:len(w)-len(suf)]
		switch {
		case strings.HasSuffix(stem, "i"):
			return stem[:len(stem)-1] + "y" // happier → happy
		}
		if s, ok := undouble(stem); ok {
			return s // bigger → big
		}
		if strings.HasSuffix(stem, "l") && len(stem) > 2 && !isVowel(stem[len(stem)-2]) { // simpler → simple
			return stem + "e"
		}
		return restoreE(stem)
	case "VB", "VBP":
		if l, ok := in.verbs[w]; ok && (w == "am" || w == "are" || w == "'m" || w == "'re" || w == "'ve") {
			return l
		}
	}
	return w
}

// stripS removes a plural or third-person -s.
func stripS(w string) string {
	n := len(w)
	switch {
	case n <= 2 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "ies") && n > 4:
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zzes"),
		strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "oes") && n > 5:
		return w[:n-2]
	case strings.HasSuffix(w, "ves") && n > 5 && !strings.HasSuffix(w, "ives"):
		return w[:n-3] + "f" // wolves → wolf, but natives → native
	case strings.HasSuffix(w, "men") && n > 4:
		return w
	}
	return w[:n-1]
}
