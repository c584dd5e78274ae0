package coder

import "testing"

// TestDateText3 runs the whole analysis on short texts written for these tests, one rule of
// event dating each, and checks the dates of the events coded.
func TestDateText3(t *testing.T) {
	runTextCases(t, []textCase{
		{"a conjunct of a verb after a stated interval shares the interval", "2024-03-08",
			"Peru's army threw its weight behind President Dina Boluarte on Thursday, a day after opposition leader Carlos Mesa declared himself interim president and was swiftly recognised by Chile.",
			[]string{"CHL 05 PEROPP 2024-03-06"}, nil},
		{"on the day of an event told before: that event's day", "2024-03-09",
			"Peruvian rebels attacked a Bolivian army post near the border on March 4. Bolivian President Luis Arce, who accused Lima on the day of the attack of arming the rebels, has demanded that Peru extradite their leader.",
			[]string{"BOLGOV 112 PERGOV 2024-03-04"}, nil},
		{"hours before an event told before: that event's day", "2024-03-09",
			"Peruvian soldiers opened fire on protesters in Puno on Tuesday night, witnesses said. The army denied the reports on its website. Bolivia had closed its border with Peru hours before the shooting.",
			[]string{"BOL 191 PER 2024-03-05"}, nil},
		{"an interval after an event told before counts forward from it", "2024-03-09",
			"Peruvian rebels attacked a Bolivian army post near the border on March 4. Two days after the attack, Bolivia recalled its ambassador from Peru.",
			[]string{"BOL 161 PER 2024-03-06"}, nil},
		{"an interval before an event told before counts back from it", "2024-03-09",
			"Peruvian rebels attacked a Bolivian army post near the border on March 4. Bolivia had recalled its ambassador from Peru two days before the attack.",
			[]string{"BOL 161 PER 2024-03-02"}, nil},
		{"the day after an event told before", "2024-03-09",
			"Peruvian rebels attacked a Bolivian army post near the border on March 4. Bolivia recalled its ambassador from Peru the day after the attack.",
			[]string{"BOL 161 PER 2024-03-05"}, nil},
		{"an act still to come placed by an event told before is dated when it was said", "2024-03-08",
			"Peru's parliament voted on Monday to approve the border treaty with Chile. Chile will sign the treaty with Peru two days after the vote, its foreign minister said on Tuesday.",
			[]string{"CHL 03 PER 2024-03-05"}, nil},
		{"days after an act the article dates elsewhere: that date", "2024-03-09",
			"Chile and Peru held talks in Lima on Friday, days after Chile signed a fishing deal with Peru. Boric said the talks had been warm. Under the deal announced by Chile's foreign minister on Wednesday, Peruvian boats may fish in Chilean waters.",
			[]string{"CHL 057 PER 2024-03-06"}, nil},
		{"an act told again with the lead's verb, no time near it, is part of the lead's story", "2024-03-08",
			"Chile freed two Peruvian fishermen on Thursday in a prisoner exchange with Peru. The handover took place at a border crossing near Tacna, according to the Chilean foreign ministry. Bolivia, Chile's neighbour, also freed a Peruvian pilot who had been facing trial there.",
			[]string{"BOL 0841 PER 2024-03-07"}, nil},
	})
}
