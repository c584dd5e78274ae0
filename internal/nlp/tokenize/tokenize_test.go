package tokenize_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/tokenize"
)

// render writes sentences as their tokens separated by spaces, sentences separated by " | ".
func render(sents []nlp.Sentence) string {
	var b strings.Builder
	for i, s := range sents {
		if i > 0 {
			b.WriteString(" | ")
		}
		for j, t := range s.Tokens {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	tok := tokenize.New()
	for _, c := range []struct{ name, in, want string }{
		// clitics and contractions
		{"negation", "Iran's foreign minister didn't say when talks would resume.",
			"Iran 's foreign minister did n't say when talks would resume ."},
		{"can't won't", "They can't stop it and won't try.", "They ca n't stop it and wo n't try ."},
		{"they're we've", "They're sure we've won, and I'm told he'll stay.",
			"They 're sure we 've won , and I 'm told he 'll stay ."},
		{"curly apostrophe", "The ministry’s envoy didn’t attend.", "The ministry ’s envoy did n’t attend ."},
		{"gonna", "We're gonna need a bigger boat.", "We 're gon na need a bigger boat ."},
		{"its for it's", "Its not fair, its a shame. The army lost its grip on its own base.",
			"It s not fair , it s a shame . | The army lost its grip on its own base ."},
		{"non-ASCII after its and a slash", "Its é and a/é, its ünique.", "Its é and a / é , its ünique ."},
		{"fused without apostrophe", "Thats why theres no way outta here.",
			"That s why there s no way out ta here ."},
		{"cannot", "Officials cannot confirm the report.", "Officials can not confirm the report ."},
		{"plural possessive", "The rebels' demands were rejected.", "The rebels ' demands were rejected ."},
		{"name with apostrophe", "O'Brien met Côte d'Ivoire's leader.", "O'Brien met Côte d'Ivoire 's leader ."},
		// abbreviations and initials
		{"news dateline", "U.S. Secretary of State Antony Blinken arrived in Doha on Oct. 14.",
			"U.S. Secretary of State Antony Blinken arrived in Doha on Oct. 14 ."},
		{"titles", "Gen. Mark Milley met Sen. Lindsey Graham and Rep. Adam Smith on Tuesday.",
			"Gen. Mark Milley met Sen. Lindsey Graham and Rep. Adam Smith on Tuesday ."},
		{"initials", "George W. Bush spoke to reporters.", "George W. Bush spoke to reporters ."},
		{"companies", "Apple Inc. and Samsung Electronics Co. settled.",
			"Apple Inc. and Samsung Electronics Co. settled ."},
		{"final abbreviation", "The talks were held in the U.S. The next round is in Geneva.",
			"The talks were held in the U.S . | The next round is in Geneva ."},
		{"U.N.", "The U.N. Security Council met at 10 a.m. on Monday.",
			"The U.N. Security Council met at 10 a.m. on Monday ."},
		{"party-state tag", "Sen. Elizabeth Warren (D-Mass.) objected.", "Sen. Elizabeth Warren ( D - Mass. ) objected ."},
		{"state after comma", "He lives in Springfield, Ill., with his wife.", "He lives in Springfield , Ill. , with his wife ."},
		{"all capitals", "The IM service failed. I'M ANGRY, he wrote. Im sorry.",
			"The IM service failed . | I 'M ANGRY , he wrote . | I m sorry ."},
		{"Mr. and Mrs.", "Mr. and Mrs. Smith left early.", "Mr. and Mrs. Smith left early ."},
		{"acronym is not a pronoun", "US Marines entered the city. Officials said the UN would meet us.",
			"US Marines entered the city . | Officials said the UN would meet us ."},
		{"Drs. and PS.", "Drs. Ali and Chen agreed. PS. Call me.", "Drs. Ali and Chen agreed . | PS. Call me ."},
		{"No. 5", "He was ranked No. 5 in the world.", "He was ranked No. 5 in the world ."},
		{"Sec. 5", "Under Sec. 5 of the act, aid stops.", "Under Sec. 5 of the act , aid stops ."},
		// numbers
		{"decimals", "Growth slowed to 3.5 percent, or $10,000 per head.",
			"Growth slowed to 3.5 percent , or $ 10,000 per head ."},
		{"percent", "Turnout was 62% in 2021.", "Turnout was 62 % in 2021 ."},
		{"slashed letters", "Come w/ cash, not w/o it, b/c the A/C is out and 1/2 of us/them left.",
			"Come w/ cash , not w/o it , b/c the A/C is out and 1/2 of us / them left ."},
		{"dollar signs", "Prices: $$$ but worth it, $5 a plate.", "Prices : $$$ but worth it , $ 5 a plate ."},
		{"time", "The strike began at 5:30 a.m. local time.", "The strike began at 5:30 a.m. local time ."},
		{"time and day", "Polls close at 8 p.m. Tuesday, and results are due by 9 a.m. EST on Wednesday.",
			"Polls close at 8 p.m. Tuesday , and results are due by 9 a.m. EST on Wednesday ."},
		{"time ends sentence", "Voting ends at 8 p.m. Results are expected by midnight.",
			"Voting ends at 8 p.m . | Results are expected by midnight ."},
		{"PM is a title", "Pakistan's PM Sharif and the visiting PM met the press at 4 PM. They spoke briefly.",
			"Pakistan 's PM Sharif and the visiting PM met the press at 4 PM . | They spoke briefly ."},
		{"fused time", "Polls open at 7am and close at 8pm.", "Polls open at 7 am and close at 8 pm ."},
		{"millions", "The deal is worth $170m over 5 years.", "The deal is worth $ 170 m over 5 years ."},
		{"phone", "Call 713-853-3989 for details.", "Call 713-853-3989 for details ."},
		{"decade", "Prices rose in the 1970's and '80s.", "Prices rose in the 1970's and '80s ."},
		// hyphens
		{"bound prefix", "Both sides sought to de-escalate by e-mail.", "Both sides sought to de-escalate by e-mail ."},
		{"split hyphen", "It was a well-known, long-term pro-Western policy.",
			"It was a well - known , long - term pro-Western policy ."},
		{"suspended prefix", "Both pre- and post-war talks failed.", "Both pre- and post-war talks failed ."},
		{"dash", "The ceasefire -- fragile as it was -- held.", "The ceasefire -- fragile as it was -- held ."},
		{"unicode dash", "The ceasefire—fragile as it was—held.", "The ceasefire — fragile as it was — held ."},
		{"en dash range", "Fighting in 2014–2015 displaced thousands.",
			"Fighting in 2014 – 2015 displaced thousands ."},
		// quotes and brackets
		{"quote after period", `"We will respond," he said. "Nothing is ruled out."`,
			`" We will respond , " he said . | " Nothing is ruled out . "`},
		{"curly quotes", "“We will respond,” he said. “Nothing is ruled out.”",
			"“ We will respond , ” he said . | “ Nothing is ruled out . ”"},
		{"quote ends sentence", `He called it "unacceptable." Talks ended.`,
			`He called it " unacceptable . " | Talks ended .`},
		{"brackets", "The Islamic State (ISIS) claimed it [the attack].",
			"The Islamic State ( ISIS ) claimed it [ the attack ] ."},
		// URLs and e-mail
		{"url", "Read it at https://example.org/report?id=3. Then reply.",
			"Read it at https://example.org/report?id=3 . | Then reply ."},
		{"email", "Write to press@example.org, not to me.", "Write to press@example.org , not to me ."},
		{"list of addresses", "http://example.com/a.jpg http://example.com/b.jpg www.example.org/c",
			"http://example.com/a.jpg | http://example.com/b.jpg | www.example.org/c"},
		{"www", "See www.example.com for more.", "See www.example.com for more ."},
		// sentence ends
		{"question and exclamation", "Who fired first? Nobody knows! The probe continues.",
			"Who fired first ? | Nobody knows ! | The probe continues ."},
		{"ellipsis", "The talks collapsed... Then silence.", "The talks collapsed ... | Then silence ."},
		{"unicode ellipsis", "He paused… Then he resigned.", "He paused … | Then he resigned ."},
		{"blank line", "Headline without a period\n\nThe body starts here.",
			"Headline without a period | The body starts here ."},
		{"headline line", "Israel and Hamas agree to truce\nA truce began on Friday, officials said.",
			"Israel and Hamas agree to truce | A truce began on Friday , officials said ."},
		{"wrapped lines", "Officials said on Friday that the truce, which began at dawn, was holding\n" +
			"across most of the territory.\n\nA second paragraph follows.",
			"Officials said on Friday that the truce , which began at dawn , was holding across most of the " +
				"territory . | A second paragraph follows ."},
		{"subheads", "Iran warns Israel\n\nTehran said it would respond. Officials gave no details.\nMarkets react\n" +
			"Oil prices rose 3 percent, traders said.",
			"Iran warns Israel | Tehran said it would respond . | Officials gave no details . | Markets react | " +
				"Oil prices rose 3 percent , traders said ."},
		{"byline", "By John Smith\nReuters\n\nTehran said on Monday that it would respond.",
			"By John Smith | Reuters | Tehran said on Monday that it would respond ."},
		{"two sentences", "Russia fired missiles at Kyiv. Ukraine shot down most of them.",
			"Russia fired missiles at Kyiv . | Ukraine shot down most of them ."},
		{"one line, names with titles", "In Sochi, President Vladimir Putin hosted Erdogan on Monday to discuss the grain corridor through the Black Sea, the Kremlin said.",
			"In Sochi , President Vladimir Putin hosted Erdogan on Monday to discuss the grain corridor through the Black Sea , the Kremlin said ."},
		{"empty", "", ""},
		{"spaces only", " \n\t ", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := tok.Tokenize(c.in)
			if r := render(got); r != c.want {
				t.Errorf("Tokenize(%q)\n got %s\nwant %s", c.in, r, c.want)
			}
			checkInvariants(t, c.in, got)
		})
	}
}

func TestOffsets(t *testing.T) {
	type tk struct {
		text       string
		start, end int
		space      bool
	}
	for _, c := range []struct {
		in   string
		want []tk
	}{
		{"Iran's envoy didn't go.", []tk{
			{"Iran", 0, 4, false}, {"'s", 4, 6, true}, {"envoy", 7, 12, true}, {"did", 13, 16, false},
			{"n't", 16, 19, true}, {"go", 20, 22, false}, {".", 22, 23, false}}},
		{"In the U.S.", []tk{{"In", 0, 2, true}, {"the", 3, 6, true}, {"U.S", 7, 10, false}, {".", 10, 11, false}}},
		{"“Yes,” he said.", []tk{{"“", 0, 3, false}, {"Yes", 3, 6, false}, {",", 6, 7, false},
			{"”", 7, 10, true}, {"he", 11, 13, true}, {"said", 14, 18, false}, {".", 18, 19, false}}},
		{"  Talks\tend. ", []tk{{"Talks", 2, 7, true}, {"end", 8, 11, false}, {".", 11, 12, true}}},
	} {
		sents := tokenize.New().Tokenize(c.in)
		var got []tk
		for _, s := range sents {
			for _, x := range s.Tokens {
				got = append(got, tk{x.Text, x.Start, x.End, x.SpaceAfter})
			}
		}
		if len(got) != len(c.want) {
			t.Errorf("%q: got %v, want %v", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: token %d = %+v, want %+v", c.in, i, got[i], c.want[i])
			}
		}
	}
}

// checkInvariants checks what every tokenization must satisfy: tokens in order and inside the
// text, token text equal to its span, Head -1, sentences in order, not overlapping, spanning
// their tokens, and every non-space rune of the text inside a token.
func checkInvariants(t *testing.T, text string, sents []nlp.Sentence) {
	t.Helper()
	covered := make([]bool, len(text))
	prevEnd := 0
	for si, s := range sents {
		if len(s.Tokens) == 0 {
			t.Fatalf("sentence %d has no tokens", si)
		}
		if s.Start != s.Tokens[0].Start || s.End != s.Tokens[len(s.Tokens)-1].End {
			t.Fatalf("sentence %d span [%d,%d) does not match its tokens", si, s.Start, s.End)
		}
		if s.Start < prevEnd {
			t.Fatalf("sentence %d starts at %d before the previous end %d", si, s.Start, prevEnd)
		}
		for _, x := range s.Tokens {
			if x.Start < prevEnd || x.End <= x.Start || x.End > len(text) {
				t.Fatalf("token %+v out of order or bounds (previous end %d, len %d)", x, prevEnd, len(text))
			}
			if text[x.Start:x.End] != x.Text {
				t.Fatalf("token %q != text[%d:%d] = %q", x.Text, x.Start, x.End, text[x.Start:x.End])
			}
			if x.Head != -1 {
				t.Fatalf("token %q: Head %d, want -1", x.Text, x.Head)
			}
			wantSpace := x.End < len(text) && startsWithSpace(text[x.End:])
			if x.SpaceAfter != wantSpace {
				t.Fatalf("token %q at %d: SpaceAfter %v, want %v", x.Text, x.Start, x.SpaceAfter, wantSpace)
			}
			for i := x.Start; i < x.End; i++ {
				covered[i] = true
			}
			prevEnd = x.End
		}
	}
	for i, r := range text {
		if !covered[i] && !isSpace(r) {
			t.Fatalf("rune %q at %d is in no token", r, i)
		}
		if covered[i] && isSpace(r) {
			t.Fatalf("space %q at %d is inside a token", r, i)
		}
	}
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isSpace(r)
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"Iran's foreign minister didn't say.", "U.S. Sen. John Smith arrived on Oct. 14. He left.",
		"“Quote,” he said… Then—nothing.", "e-mail me at a@b.co or http://x.org/(a). Ok?!",
		"Wait...\n\nNew para\nline two", "10am $170m 713-853-3989 '72 1970's", "\xff\xfe bad utf8 ’",
		"n't 's ' '' ‘’ :) ;-) a.m. p.m. No. 5", "gonna wanna dunno cannot Im",
		"its a its\xe9 Its not its-", "b/c w/ w/o a/\xc3 1/2 $$$ $", "(a \"b\" c) 5 p.m. Monday\nthats",
		strings.Repeat("a-", 40) + "@b.c", "http://x.org/(a)" + strings.Repeat(")", 20) + ".",
	} {
		f.Add(s)
	}
	tok := tokenize.New()
	f.Fuzz(func(t *testing.T, s string) {
		checkInvariants(t, s, tok.Tokenize(s))
	})
}

// TestConcurrent tokenizes from several goroutines at once (meaningful with -race) and checks
// that every result is the same.
func TestConcurrent(t *testing.T) {
	tok := tokenize.New()
	text := "U.S. envoy didn't meet Iran's minister on Oct. 14. \"Talks failed,\" he said.\n\nNew paragraph."
	want := render(tok.Tokenize(text))
	done := make(chan string)
	for range 8 {
		go func() {
			var got string
			for range 50 {
				got = render(tok.Tokenize(text))
			}
			done <- got
		}()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("concurrent Tokenize = %s, want %s", got, want)
		}
	}
}
