package coder

import (
	"strings"
	"testing"

	"github.com/dyad-events/dyad"
)

// TestDateText runs the whole analysis on short texts written for these tests, one rule of event
// dating each, and checks the dates of the events coded.
func TestDateText(t *testing.T) {
	runTextCases(t, []textCase{
		{"an event noun takes the time of the clause it is part of", "2024-03-06",
			"On Monday, Chile and Peru ended two days of talks.",
			[]string{"CHL 04 PER 2024-03-04", "PER 04 CHL 2024-03-04"}, nil},
		{"a participle clause before the verb tells the occasion of the act, and its time", "2024-03-06",
			"Speaking to reporters in Santiago on Tuesday, Chilean President Gabriel Boric accused Peru of espionage.",
			[]string{"CHLGOV 112 PER 2024-03-05"}, nil},
		{"a weekday parsed as part of the name after it still dates the clause", "2024-03-06",
			"Chilean Foreign Minister Ana Quispe flew home on Saturday. On Monday Quispe summoned Bolivia's ambassador to Chile, Luis Soto, to lodge a protest.",
			[]string{"CHLGOV 114 BOLGOV 2024-03-04"}, nil},
		{"an act in the past perfect under a dated report goes back to the story's earlier time", "2024-03-07",
			"Clashes broke out in the Peruvian city of Puno on Monday night. Amnesty International said on Wednesday that Peruvian soldiers had killed 12 protesters.",
			[]string{"PERMIL 17 PERCVL 2024-03-04"}, nil},
		{"an interval of 48 hours is two days", "2024-03-09",
			"Bolivia expelled Chile's ambassador on Friday, 48 hours after Chile accused Bolivia of espionage.",
			[]string{"CHL 112 BOL 2024-03-06"}, nil},
		{"a sentence with no time goes on at the time the main clause before it states, event or not", "2024-03-06",
			"Heavy rain fell across the Andes on Sunday. Bolivian soldiers attacked Peruvian border posts.",
			[]string{"BOLMIL 19 PER 2024-03-03"}, nil},
		{"the present perfect tells how things stand now, not the time of the sentence before", "2024-03-06",
			"Bolivian soldiers attacked Peruvian border posts on Monday. Chile has condemned Bolivia.",
			[]string{"BOLMIL 19 PER 2024-03-04", "CHL 111 BOL 2024-03-06"}, nil},
		{"a sentence in the past perfect looks back: the next one goes on at the time before it", "2024-03-06",
			"Chilean President Gabriel Boric met Bolivian President Luis Arce in Santiago on Saturday. The day before, Boric had toured the border. In a joint statement, Chile and Bolivia pledged to reopen their embassies.",
			[]string{"BOL 03 CHLGOV 2024-03-02"}, nil},
		{"a past perfect in a relative clause the parse made the root, beside a verb in the simple past, is no look back", "2024-03-06",
			"Bolivian President Luis Arce met Chilean President Gabriel Boric in Santiago on Saturday. Arce, whose government had stalled the border talks for more than a year, told reporters that Bolivia would ratify the deal. Peru welcomed the agreement.",
			[]string{"PER 051 CHLGOV 2024-03-06"}, nil},
		{"the story's time is the one its main clauses state, not one in a clause under them", "2024-03-06",
			"Bolivia recalled its ambassador from Chile on Monday. Arce said he had raised the dispute with Boric when the two met in Santiago on February 20. Shortly afterwards, Chile expelled two Bolivian diplomats.",
			[]string{"CHL 16 BOLGOV 2024-03-04"}, nil},
		{"an act with no time of its own is dated by the report set beside it", "2024-03-20",
			"Talks in La Paz stalled on Sunday. Peruvian troops shelled Bolivian positions overnight, the army said on Tuesday.",
			[]string{"PERMIL 19 BOL 2024-03-19"}, nil},
		{"a stated number of days later or earlier moves the story's time, wherever it stands in the sentence", "2024-03-22",
			"Chile expelled two Bolivian diplomats on Monday. Bolivia expelled a Chilean envoy a day later. Two days later, Peru recalled its ambassador from Bolivia.",
			[]string{"CHL 161 BOLGOV 2024-03-18", "BOL 161 CHLGOV 2024-03-19", "PER 161 BOL 2024-03-21"}, nil},
		{"a day earlier, at the end of the sentence", "2024-03-20",
			"Chile expelled two Bolivian diplomats on Monday. Bolivia had summoned Chile's ambassador a day earlier.",
			[]string{"BOL 114 CHLGOV 2024-03-17"}, nil},
		{"a weekday owning the subject dates the act", "2024-03-20",
			"Monday's raid by Chilean troops on a Bolivian village killed three Bolivian farmers.",
			[]string{"CHLMIL 19 BOLCVL 2024-03-18"}, nil},
		{"a participle under an event noun tells the time of that event", "2024-03-20",
			"Chile on Tuesday denied Bolivia's accusation, made on Monday, that it had plotted a coup.",
			[]string{"CHL 016 BOL 2024-03-19", "BOL 112 CHL 2024-03-18"}, nil},
		{"a report parsed as a conjunct with a subject of its own dates the act beside it too", "2024-03-20",
			"Bolivia recalled its ambassador from Chile, the foreign ministry said in a statement on Monday.",
			[]string{"BOL 16 CHL 2024-03-18"}, nil},
		{"a clause the parse hung on the time noun before it takes that time", "2024-03-20",
			"Late on Monday, Bolivia's army attacked Chilean border posts.",
			[]string{"BOLMIL 19 CHL 2024-03-18"}, nil},
		{"a participle set off after the subject tells the occasion of the act, and its time", "2024-03-20",
			"Bolivia's president, speaking in La Paz on Saturday, accused Chile of provoking the crisis.",
			[]string{"BOLGOV 112 CHL 2024-03-16"}, nil},
		{"a clause introduced by \"when\" takes the time of the clause it hangs on", "2024-03-20",
			"Talks in La Paz stalled on Sunday. The clashes began on Tuesday, when Peruvian troops attacked Bolivian border posts.",
			[]string{"PERMIL 19 BOL 2024-03-19"}, nil},
		{"a \"when\" clause after a date takes that date", "2024-03-20",
			"The crisis began on the night of March 2, when Chilean police arrested two Bolivian diplomats.",
			[]string{"CHLCOP 17 BOLGOV 2024-03-02"}, nil},
		{"an act that has gone on since a date is dated from that date, though the parse hangs the date on another verb", "2024-03-20",
			"Bolivian farmers have blocked highways since March 4 to protest against fuel shortages.",
			[]string{"BOLCVL 14 BOLGOV 2024-03-04"}, nil},
		{"an act the subject will do on a later day is an intent, dated when it was stated", "2024-03-20",
			"Chile will expel two Bolivian diplomats on Friday, Foreign Minister Alberto van Klaveren said on Tuesday.",
			[]string{"CHL 13 BOLGOV 2024-03-19"}, nil},
	})
}

// TestLinearTime checks, on hand-written parses with the attachment errors the bundled parser
// makes, that a time expression beside a verb in the words of its clause dates the verb when the
// parse has hung it elsewhere, that one past the start of the next clause does not, and that an
// "after" clause the parse lost is still dated from the clause before the interval.
func TestLinearTime(t *testing.T) {
	docs := parsedDocs(t, "testdata/dates.conllu")
	tests := []struct {
		doc  string
		verb int // token index of the event's verb
		want string
	}{
		{"timeconj", 2, "2024-03-05"},   // "had summoned ..., late on Tuesday" with Tuesday a conjunct
		{"timesubj", 3, "2024-03-07"},   // "Boric on Thursday called" with Thursday under the subject
		{"timeadj", 1, "2024-03-07"},    // "called the raids \"reckless\" on Thursday"
		{"timeadj", 10, "2024-03-07"},   // "... on Thursday and urged": before the verb
		{"timenext", 1, "2024-03-08"},   // "protested, and on Tuesday Bolivia had replied": not before the clause
		{"afterconj", 14, "2024-03-02"}, // "came (on Sunday) less than 24 hours after Chile and Peru signed"
	}
	for _, tc := range tests {
		d := docs[tc.doc]
		ac := &articleCoder{c: testCoder(t), art: d.art, doc: d.doc, date: d.art.Date}
		ac.run()
		s := ac.sents[0]
		if got := ac.eventDate(s, tc.verb, [2]string{}).String(); got != tc.want {
			t.Errorf("%s: date of %q = %s, want %s", tc.doc, s.toks[tc.verb].Text, got, tc.want)
		}
	}
}

// TestResolveTime checks the reading of time expressions against an article dated Wednesday 20
// March 2024.
func TestResolveTime(t *testing.T) {
	doc := dyad.MustDate("2024-03-20")
	tests := []struct {
		words  string
		future bool
		want   string // "" when the words state no day
	}{
		{"on Tuesday", false, "2024-03-19"},
		{"on Wednesday", false, "2024-03-20"},
		{"last Wednesday", false, "2024-03-13"},
		{"on Friday", true, "2024-03-22"},
		{"next Monday", false, "2024-03-25"},
		{"on Thursday night", false, "2024-03-14"},
		{"on Monday last week", false, "2024-03-11"},
		{"on Wednesday last week", false, "2024-03-13"},
		{"on Sunday last week", false, "2024-03-17"},
		{"on Tuesday next week", false, "2024-03-26"},
		{"yesterday", false, "2024-03-19"},
		{"last night", false, "2024-03-19"},
		{"this morning", false, "2024-03-20"},
		{"two days ago", false, "2024-03-18"},
		{"a week ago", false, "2024-03-13"},
		{"on March 4", false, "2024-03-04"},
		{"on 4 March", false, "2024-03-04"},
		{"on Dec. 29", false, "2023-12-29"},
		{"on Sept 12 , 2019", false, "2019-09-12"},
		{"in March", false, ""},
		{"this week", false, ""},
	}
	for _, tc := range tests {
		d, ok := resolveTime(strings.Fields(strings.ToLower(tc.words)), doc, tc.future)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tc.want {
			t.Errorf("resolveTime(%q, future %v) = %q, want %q", tc.words, tc.future, got, tc.want)
		}
	}
}

func TestNumberWords(t *testing.T) {
	tests := []struct {
		word           string
		day, year, num int
	}{
		{"14", 14, 0, 14},
		{"14th", 14, 0, 0},
		{"2023", 0, 2023, 2023},
		{"three", 0, 0, 3},
		{"-5", 0, 0, -5},
		{"5a", 0, 0, 0},
		{"", 0, 0, 0},
		{"Tuesday", 0, 0, 0},
	}
	for _, tc := range tests {
		if got := dayValue(tc.word); got != tc.day {
			t.Errorf("dayValue(%q) = %d, want %d", tc.word, got, tc.day)
		}
		if got := yearValue(tc.word); got != tc.year {
			t.Errorf("yearValue(%q) = %d, want %d", tc.word, got, tc.year)
		}
		if got := numberValue(tc.word); got != tc.num {
			t.Errorf("numberValue(%q) = %d, want %d", tc.word, got, tc.num)
		}
	}
}
