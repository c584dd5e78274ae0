package coder

import "testing"

// TestDateText3 runs the whole analysis on short texts written for these tests, one rule of
// event dating each, and checks the dates of the events coded.
func TestDateText3(t *testing.T) {
	runTextCases(t, []textCase{
		{"a conjunct of a verb after a stated interval shares the interval", "2024-03-08",
			"Peru's army threw its weight behind President Dina Boluarte on Thursday, a day after opposition leader Carlos Mesa declared himself interim president and was swiftly recognised by Chile.",
			[]string{"CHL 05 PEROPP 2024-03-06"}, nil},
	})
}
