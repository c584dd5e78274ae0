package tokenize

// The word lists below are read-only after package initialisation.

// abbrevs are common English abbreviations (lower case, without the final period) that keep
// their period: titles, months, days, company and address words, Latin and other short forms.
var abbrevs = setOf(
	// titles and ranks
	"mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "drs", "prof", "gen", "sen", "rep", "reps", "gov", "lt",
	"col", "capt", "cpt", "cmdr", "cmdt", "sgt", "maj", "adm", "brig", "cpl", "pvt", "rev", "hon", "pres",
	"supt", "insp", "det", "amb", "atty", "gens", "sens", "msgr", "fr", "sr", "jr", "st", "ste",
	// organisations, places, addresses
	"corp", "inc", "ltd", "co", "cos", "bros", "assn", "assoc", "dept", "univ", "inst", "govt", "natl",
	"intl", "ave", "blvd", "rd", "mt", "ft", "hwy", "sq", "apt", "bldg", "rte", "cf",
	// months and days
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"tue", "tues", "thu", "thur", "thurs", "fri",
	// US states as abbreviated in news style
	"ala", "ariz", "ark", "calif", "colo", "conn", "fla", "kan", "kans",
	"ky", "md", "mich", "minn", "mont", "neb", "nev", "okla", "ore",
	"penn", "tenn", "tex", "vt", "wis", "wyo",
	// other short forms
	"etc", "vs", "v", "ps", "approx", "fig", "figs", "vol", "vols", "pp", "eds", "al", "ca",
	"cca", "viz", "esp", "incl", "excl", "nos", "tel", "ext",
	"para", "chap", "sect", "cit", "ibid", "lb", "lbs", "oz", "mph",
	"km", "kg", "yr", "yrs", "hr", "hrs", "mins", "secs", "wk", "wks", "mos",
)

// stateAbbrevs are US state abbreviations that are also English words; they keep their period
// only in a party-state tag or before a comma or bracket: "(D-Mass.)", "Springfield, Ill., said".
var stateAbbrevs = setOf("ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind",
	"kan", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
	"tenn", "tex", "va", "vt", "wash", "wis", "wyo")

// numberAbbrevs keep their period only before a number ("No. 5", "p. 12", "Art. 51").
var numberAbbrevs = setOf("no", "nos", "p", "pp", "art", "vol", "ch", "fig", "para", "sec", "sect", "op")

// dayWords name a day or a time zone after "a.m."/"p.m." in news style: "5 p.m. Monday".
var dayWords = setOf("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"today", "tonight", "tomorrow", "yesterday", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst",
	"mdt", "pt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest")

// itsNext are words that follow "it's" but not the possessive "its": when one follows "its",
// the writer meant "it's" and UD English splits it ("its a shame" → it s a shame).
var itsNext = setOf("a", "an", "the", "not", "really", "so", "just", "simply", "definitely", "also",
	"now", "been", "going", "gonna", "too", "ok", "okay", "always", "never", "still", "probably",
	"actually", "pretty", "quite", "kinda", "sorta", "nothing", "alright", "got", "gotten", "getting")

// hyphenPrefixes keep a hyphenated word whole in UD English: "e-mail", "de-escalate",
// "non-aligned", "mid-August"; other hyphens are split off ("well - known").
var hyphenPrefixes = setOf(
	"e", "non", "anti", "re", "co", "pro", "pre", "mid", "post", "cross", "over", "multi", "ex", "counter",
	"semi", "sub", "mini", "neo", "socio", "psycho", "micro", "macro", "inter", "intra", "un", "de",
	"vice", "bi", "tri", "ultra", "hyper", "quasi", "trans", "extra", "infra", "meta", "mega", "pseudo",
	"dis", "mis", "geo", "bio", "eco", "euro", "afro", "supra", "auto",
)

// fused are contractions written without an apostrophe that UD English splits: the form
// (lower case) maps to the length of its first part; the second (and third) part follows.
var fused = map[string][]int{
	"cannot": {3}, "gonna": {3}, "wanna": {3}, "gotta": {3}, "gimme": {3}, "lemme": {3},
	"dunno": {2, 1},
	"dont":  {2}, "doesnt": {4}, "didnt": {3}, "isnt": {2}, "arent": {3}, "wasnt": {3}, "werent": {4},
	"hasnt": {3}, "havent": {4}, "hadnt": {3}, "wont": {2}, "cant": {2}, "couldnt": {5},
	"wouldnt": {5}, "shouldnt": {6}, "aint": {2}, "mustnt": {4}, "neednt": {4},
	"im": {1}, "ive": {1}, "youre": {3}, "theyre": {4}, "youve": {3}, "theyve": {4}, "weve": {2},
	"thats": {4}, "theres": {5}, "outta": {3},
}

// fusedShape[len][first letter] is set when a word of fused has that length and first letter: a
// cheap test before the map lookup.
var fusedShape = func() (t [9][128]bool) {
	for w := range fused {
		t[len(w)][w[0]] = true
	}
	return t
}()

// numberSuffixes split off a number: "10am" → 10 am, "$170m" → $ 170 m, "65k" → 65 k.
var numberSuffixes = setOf("am", "pm", "m", "k", "b", "bn", "mn")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// lowerKey writes s in ASCII lower case into buf and returns it as a string for a map lookup;
// the compiler does not allocate for m[string(bytes)].
func lowerKey(buf []byte, s string) []byte {
	buf = buf[:0]
	for i := 0; i < len(s); i++ {
		buf = append(buf, lowerASCII(s[i]))
	}
	return buf
}
