package coder

import "testing"

// TestAgentsText checks how the coder names the sector (agent) of an actor, on sentences written
// for these tests.
func TestAgentsText(t *testing.T) {
	runTextCases(t, []textCase{
		{"a person's role on the event's date, not the article's", "2020-01-07",
			"Iraqi lawmakers mourned the Iranian general on Monday. An American drone killed Qassem Soleimani near Baghdad airport on Friday.",
			[]string{"USAMIL 19 IRNMIL 2020-01-03"}, []string{"USAMIL 19 IRNELI"}},
		{"a leader's role before she was ousted", "2024-08-09",
			"Sheikh Hasina resigned and fled to India on Monday. On Sunday, Hasina accused Pakistan of meddling.",
			[]string{"BGDGOV 112 PAK 2024-08-04"}, []string{"BGDOPP 112 PAK"}},
		{"a participle before an office modifies it", "2024-03-08",
			"Chile summoned Bolivia's acting high commissioner on Wednesday to protest the arrests.",
			[]string{"CHL 11 BOLGOV 2024-03-06"}, []string{"CHL 11 BOL"}},
		{"forces from a region are the region's own armed group", "2024-03-08",
			"Ethiopia's government and forces from the northern region of Amhara agreed on Tuesday to a truce.",
			[]string{"ETHGOV 08 ETHREB 2024-03-05", "ETHREB 08 ETHGOV 2024-03-05"}, []string{"ETHGOV 08 ETHMIL"}},
		{"fighters of a region", "2024-03-08",
			"Pakistani troops clashed with forces from the province of Balochistan on Monday.",
			[]string{"PAKMIL 19 PAKREB 2024-03-04"}, nil},
		{"several ministers are new people, not the minister named before", "2024-03-08",
			"Chilean Foreign Minister Alberto van Klaveren arrived in Lima on Monday. On Tuesday, Peruvian police detained several ministers in Cusco.",
			[]string{"PERCOP 17 PERGOV 2024-03-05"}, []string{"PERCOP 17 CHLGOV"}},
		{"some supporters of a leader are not the leader", "2024-03-08",
			"Peruvian police detained some 300 supporters of former President Pedro Castillo on Sunday.",
			nil, []string{"PERCOP 17 PERELI"}},
		{"a party's secretary general belongs to the party, not to an international body", "2024-03-08",
			"Peruvian police arrested Jorge Salas, the secretary general of the opposition party, on Monday.",
			[]string{"PERCOP 17 PEROPP 2024-03-04"}, []string{"PERCOP 17 PERIGO"}},
		{"the president of a party", "2024-03-08",
			"The Peruvian president of the opposition party accused Chile on Monday of spying.",
			[]string{"PEROPP 112 CHL 2024-03-04"}, []string{"PERGOV 112 CHL"}},
		{"a site's owner, not the place it is in", "2024-03-08",
			"Israeli warplanes struck a Hezbollah site in eastern Lebanon on Tuesday.",
			[]string{"ISRMIL 19 LBNREB 2024-03-05"}, []string{"ISRMIL 19 LBN 2024-03-05"}},
		{"an armed group's positions in a region", "2024-03-08",
			"Turkish drones struck PKK positions in northern Iraq on Sunday.",
			[]string{"TURMIL 19 TURREB 2024-03-03"}, []string{"TURMIL 19 IRQ"}},
		{"weapons given are a thing; the recipient is the target", "2024-03-08",
			"Berlin said on Wednesday that Germany had agreed to supply fighter jets to Poland.",
			[]string{"DEU 03 POL 2024-03-06"}, []string{"DEU 03 POLMIL", "DEU 03 DEUMIL"}},
		{"Sudan's army chief is coded as the army", "2024-03-08",
			"Abdel Fattah al-Burhan accused the Rapid Support Forces on Tuesday of looting homes in Khartoum.",
			[]string{"SDNMIL 112 SDNREB 2024-03-05"}, []string{"SDNGOV 112 SDNREB"}},
	})
}
