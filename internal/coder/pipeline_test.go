package coder

import (
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/dict"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/models"
)

var (
	realOnce sync.Once
	realPipe *nlp.Pipeline
	realDict *dict.Dict
	realErr  error
)

// realCoder loads the bundled models and dictionaries once for the end-to-end tests.
func realCoder(t testing.TB) (*nlp.Pipeline, *Coder) {
	t.Helper()
	realOnce.Do(func() {
		if realPipe, realErr = models.Pipeline(); realErr != nil {
			return
		}
		realDict, realErr = dict.Default()
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realPipe, New(realDict)
}

// TestCodeText runs the whole analysis (tokenizer, tagger, parser, bundled dictionaries) on
// sentences written for these tests, one phenomenon each.
func TestCodeText(t *testing.T) {
	runTextCases(t, []textCase{
		{"phone call both ways", "2024-03-06",
			"Chilean President Gabriel Boric spoke by phone with Argentine President Javier Milei on Monday.",
			[]string{"CHLGOV 041 ARGGOV 2024-03-04", "ARGGOV 041 CHLGOV 2024-03-04"}, nil},
		{"the two leaders", "2024-03-06",
			"Gabriel Boric met Javier Milei in Santiago on Tuesday. The two leaders discussed trade.",
			[]string{"ARGGOV 04 CHLGOV 2024-03-05", "CHLGOV 04 ARGGOV 2024-03-05"}, nil}, // the discussion continues Tuesday
		{"negation", "2024-03-06", "Peru did not attack Bolivia.", nil, []string{"PER 19 BOL"}},
		{"modal", "2024-03-06", "Peru could impose sanctions on Bolivia.", nil, []string{"PER 16 BOL"}},
		{"conditional", "2024-03-06", "If Bolivia attacks Peru, Chile would send troops.", nil,
			[]string{"BOL 19 PER", "CHL 15 PER"}},
		{"a reported violation is an accusation", "2024-03-06",
			"Peru said on Tuesday that Bolivia had violated the ceasefire.",
			[]string{"PER 112 BOL 2024-03-05"}, []string{"BOL 128 PER"}},
		{"amounted to: a judgement", "2024-03-06",
			"Bolivia told the U.N. Security Council on Sunday that Chile's actions amounted to \"a declaration of war\".",
			[]string{"BOL 11 CHL 2024-03-03"}, nil},
		{"the strikes: all who struck", "2024-03-06",
			"Chilean and Argentine warships struck rebel camps in Bolivia on Friday. Bolivia condemned the strikes on Saturday.",
			[]string{"BOL 111 CHL 2024-03-02", "BOL 111 ARG 2024-03-02"}, nil},
		{"a deployment along a border", "2024-03-06",
			"Bolivia condemned a Peruvian military deployment along the border with Bolivia.",
			[]string{"PERMIL 154 BOL", "BOL 111 PERMIL"}, nil},
		{"the attack is not the later deployment", "2024-03-06",
			"Peruvian rebels attacked a Bolivian army post on Monday. A Chilean military deployment along the border with Bolivia began on Tuesday. " +
				"Bolivia condemned the attack on Wednesday.",
			[]string{"BOL 111 PERREB"}, []string{"BOL 111 CHLMIL"}},
		{"would have to take countermeasures: a threat", "2024-03-06",
			"Chile imposed tariffs on Peruvian copper on Monday. Peru's trade minister said Peru would have to take necessary countermeasures.",
			[]string{"PER 13 CHL"}, []string{"PER 163 CHL"}},
		{"would keep attacking ships bound for X", "2024-03-06",
			"The rebels' spokesman said the Bolivian rebels would keep attacking ships bound for Chile.",
			[]string{"BOLREB 138 CHL"}, nil},
		{"the owner of what a pattern names", "2024-03-06",
			"Bolivian rebels attacked Chilean ships on Monday.", []string{"BOLREB 190 CHL 2024-03-04"}, nil},
		{"ordered the army to arrest X: X is the target", "2024-03-06",
			"Peru's president ordered the army to arrest the Bolivian smugglers.",
			[]string{"PERGOV 173 BOLCRM"}, []string{"PERGOV 173 PERMIL"}},
		{"a congress is the story's country's", "2024-03-06",
			"Thousands of Peruvian protesters ransacked the Congress building in Lima. President Joe Biden urged Congress on Monday to pass the aid bill.",
			[]string{"PERCVL 145 PERLEG", "USAGOV 02 USALEG"}, []string{"PERCVL 145 USALEG"}},
		{"Northern Ireland is not Ireland", "2024-03-06",
			"Ireland's prime minister criticised Northern Ireland's unionist party on Monday.",
			[]string{"IRLGOV 111 GBRPTY 2024-03-04"}, []string{"IRLGOV 111 IRLPTY"}},
		{"a list the parse split into two subjects", "2024-03-06",
			"Rioters stormed the parliament in Lima on Sunday. On Monday, the leaders of the United States, Canada and Mexico issued a joint declaration condemning the attacks.",
			[]string{"USAGOV 111 PERCVL", "CANGOV 111 PERCVL", "MEXGOV 111 PERCVL"}, nil},
		{"a passive conjunct shares the subject", "2024-03-06",
			"Peru's opposition leader declared himself interim president on Wednesday and was swiftly recognised by Chile.",
			[]string{"CHL 054 PEROPP 2024-03-06"}, nil},
		{"an army does not strike its own government", "2024-03-06",
			"Peruvian warplanes struck a rebel camp near Lima on Monday.", nil, []string{"PERMIL 19 PERGOV"}},
		{"greeting one's own sailors is no visit", "2024-03-06",
			"Boric greeted the freed Chilean sailors at the airport in Santiago on Monday.",
			nil, []string{"CHLGOV 043 CHLMIL", "CHLMIL 042 CHLGOV"}},
		{"defying a ban is aimed at no one", "2024-03-06",
			"Chile accused Peru of spying on Monday. Peru's minister said Chilean fishermen had defied the fishing ban.",
			[]string{"CHL 112 PER 2024-03-04"}, []string{"CHLCVL 128 PERGOV"}},
		{"an invitation to visit is the host's intent to meet", "2024-03-06",
			"Boric spoke with Lula by telephone on Monday and invited him to visit Santiago in March.",
			[]string{"CHLGOV 041 BRAGOV 2024-03-04", "CHLGOV 036 BRAGOV"}, []string{"CHLGOV 026 BRAGOV"}},
		{"talks during a visit are the visit", "2024-03-06",
			"Argentine President Javier Milei arrived in Santiago on Monday for a two-day visit. Boric greeted his guest at the airport before the two presidents held talks at the palace.",
			[]string{"CHLGOV 043 ARGGOV", "ARGGOV 042 CHLGOV"}, []string{"CHLGOV 040 ARGGOV", "ARGGOV 040 CHLGOV"}},
		{"a participle that retells the meeting", "2024-03-06",
			"Boric and Lula held talks on Monday, meeting on the sidelines of a summit in Lima.",
			[]string{"CHLGOV 040 BRAGOV 2024-03-04 @Lima", "BRAGOV 040 CHLGOV"}, []string{"CHLGOV 044 BRAGOV", "BRAGOV 044 CHLGOV"}},
		{"an act between the lead's actors keeps the lead's day", "2024-03-08",
			"Chile freed two Peruvian fishermen on Thursday in a prisoner exchange. The handover took place at a border crossing near Tacna. Chile also released a Peruvian navy officer. Brazil praised Chile for the gesture.",
			[]string{"CHL 08 PERCVL 2024-03-07", "CHL 08 PERMIL 2024-03-07", "BRA 051 CHL 2024-03-08"}, nil},
		{"a list whose first item has an apposition", "2025-08-12",
			"The accord was signed by Ali Larijani, the secretary of Iran's Supreme National Security Council, and Iraqi national security adviser Qasim al-Araji, in the presence of Turkey's foreign minister, after talks in Baghdad.",
			[]string{"IRNGOV 057 IRQGOV", "IRQGOV 057 IRNGOV"}, []string{"IRNGOV 057 TURGOV", "TURGOV 057 IRQGOV"}},
		{"the speaker of a closing report is not the target", "2024-03-06",
			"Antonio Guterres thanked Chile for hosting the peace talks, his spokesman said.",
			[]string{"IGOUNO 05 CHL"}, []string{"CHL 043 IGOUNO", "IGOUNO 042 CHL"}},
		{"an appeal to cease military action is for de-escalation", "2024-03-06",
			"The European Union called on Chile to cease its unilateral military action.",
			[]string{"IGOEUR 0256 CHL"}, []string{"IGOEUR 020 CHL"}},
		{"agreeing to go on with an act is the intent to do it", "2024-03-06",
			"Chile and Peru agreed on Monday to continue negotiating in Lima. Brazil pledged to keep providing Peru with food aid.",
			[]string{"CHL 036 PER", "PER 036 CHL", "BRA 033 PER"}, []string{"CHL 030 PER", "BRA 031 PER"}},
		{"the goods of an act agreed to are not its target", "2024-03-06",
			"Chile's defence minister said Santiago had agreed to supply drones to Peru.",
			[]string{"CHLGOV 031 PER"}, []string{"CHLGOV 031 PERMIL"}},
		{"undertaking to do is not doing", "2024-03-08",
			"Peru's government undertook on Monday to release the Chilean fishermen.",
			[]string{"PERGOV 0353 CHLCVL 2024-03-04"}, []string{"PERGOV 0841 CHLCVL"}},
		{"an offer to talk with X is the offerer's alone, dated when made", "2024-03-08",
			"Peru's president offered on Wednesday to hold talks with Chile.",
			[]string{"PERGOV 036 CHL 2024-03-06"}, []string{"CHL 036 PERGOV"}},
		{"a group is of the nationality a partitive says its members are", "2024-03-06",
			"Chilean police fired tear gas on Tuesday at migrants, most of them Peruvians.",
			[]string{"CHLCOP 175 PERREF"}, []string{"CHLCOP 175 CHLREF"}},
		{"them is not what its own verb acts with", "2024-03-06",
			"Chilean police fired tear gas on Tuesday at migrants, most of them Peruvian Aymaras, who hurled stones at them.",
			[]string{"CHLCOP 175 PERREF", "PERREF 145 CHLCOP"}, nil},
		{"them: the crowd named earlier, not the embassy named since", "2024-03-06",
			"On Sunday thousands of Peruvian farmers tried to storm the Chilean embassy in Lima before police dispersed them with tear gas.",
			[]string{"PERCOP 175 PERCVL"}, []string{"PERCOP 175 CHLGOV"}},
		{"an act before which another happened happened that day", "2024-03-06",
			"The arrests followed a rally in Lima on Sunday at which thousands of Peruvian farmers tried to storm the Chilean embassy and set fire to its gate before police dispersed them with tear gas.",
			[]string{"PERCOP 175 PERCVL 2024-03-03"}, nil},
		{"a look back does not move the story on", "2024-03-08",
			"Chile expelled two Peruvian diplomats on Wednesday. Peru had recalled its ambassador from Santiago on Monday. The European Union urged Chile to restore ties with Peru.",
			[]string{"IGOEUR 02 CHL 2024-03-06"}, nil},
		{"a description owned by an of-phrase is the owner's, not people named before", "2024-03-06",
			"Boric met Bolivia's foreign minister in Santiago on Monday. On Tuesday Peruvian police arrested several ministers of the ousted Peruvian government.",
			[]string{"PERCOP 173 PERGOV"}, []string{"PERCOP 173 CHLGOV", "PERCOP 173 BOLGOV"}},
		{"pausing the training of a country's forces cuts military aid", "2024-03-06",
			"The U.S.-led coalition said on Monday it had paused training of Peruvian forces.",
			[]string{"USA 1622 PERMIL"}, nil},
		{"keeping someone informed shares information", "2024-03-06",
			"A State Department spokesman said Santiago had kept U.S. officials informed about the talks.",
			[]string{"CHLGOV 064 USAGOV"}, nil},
		{"the owners named among the things attacked", "2024-03-06",
			"Protesters attacked several foreign embassies in Lima on Tuesday, among them those of Chile and Bolivia.",
			[]string{"PERCVL 145 CHL", "PERCVL 145 BOL"}, []string{"PERCVL 145 PER"}},
		{"a state protests by complaining", "2024-03-06",
			"Chile's foreign ministry protested Peru's decision to close the border on Monday.",
			[]string{"CHLGOV 114 PER"}, []string{"CHLGOV 14 PER"}},
		{"a name conjoined to the verb after its object is the object's conjunct", "2024-03-06",
			"Bolivia asked the European Union and the United Nations to send troops to protect the mines.",
			[]string{"BOL 0234 IGOEUR", "BOL 0234 IGOUNO"}, nil},
		{"the parse's specific code with the word order's target", "2024-03-06",
			"The European Union called for an immediate end to violence in Peru.",
			[]string{"IGOEUR 0256 PER"}, []string{"IGOEUR 020 PER"}},
		{"the subject of a contrasting clause is not the target", "2024-03-06",
			"Castillo's lawyers petitioned the Supreme Court on Tuesday to block his extradition, but the Bolivian government did not issue a response.",
			nil, []string{"BOLJUD 120 BOLGOV", "PERELI 120 BOLGOV"}},
		{"after X did Y: X is the subject", "2024-06-14",
			"Peru expelled Bolivia's ambassador on Thursday after Bolivian police detained three Peruvian journalists near the border.",
			[]string{"PER 161 BOLGOV 2024-06-13", "BOLCOP 173 PERMED"}, []string{"PER 173 PERMED"}},
		{"a quoted label parsed as a clause of its own is still the label", "2024-06-14",
			"Uganda closed its border with Kenya on Monday. Kenya's president called the closure “neither Christian nor neighbourly” on Friday and urged Uganda to reopen it.",
			[]string{"KENGOV 111 UGA"}, nil},
		{"accusation, last week", "2024-03-06", "Last week, Chile accused Peru of espionage.",
			[]string{"CHL 112 PER 2024-02-28"}, nil},
		{"threat composed", "2024-03-06", "Bolivia threatened to attack Peru.",
			[]string{"BOL 138 PER 2024-03-06"}, []string{"BOL 19 PER"}},
		{"intent composed", "2024-03-06", "Chile and Peru agreed to hold talks.",
			[]string{"CHL 036 PER 2024-03-06", "PER 036 CHL 2024-03-06"}, []string{"CHL 04 PER"}},
		{"appeal composed", "2024-03-06", "The United Nations urged Peru to negotiate with Bolivia.",
			[]string{"IGOUNO 02 PER 2024-03-06"}, []string{"PER 046 BOL"}},
		{"passive", "2024-03-06", "Peruvian soldiers were attacked by Bolivian rebels yesterday.",
			[]string{"BOLREB 19 PERMIL"}, nil},
		{"that-clause hung on a time phrase", "2024-03-06",
			"Chile's opposition has demanded for weeks that the president and his cabinet resign.",
			[]string{"CHLOPP 104 CHLGOV 2024-03-06"}, nil},
		{"that-clause after an audience", "2024-03-06",
			"Bolivia's foreign minister told a news conference on Tuesday that Chile had violated the treaty.",
			[]string{"BOLGOV 112 CHL 2024-03-05"}, nil},
		{"threat of a price to pay", "2024-03-06",
			"Bolivia's foreign minister said on Tuesday that Chile would pay a heavy price for the incursion.",
			[]string{"BOLGOV 130 CHL 2024-03-05"}, []string{"CHL 07 BOLGOV"}},
		{"quoted threat to pay, conditional", "2024-03-06",
			"\"If Peru attacks our patrols, it will pay dearly for its aggression,\" the Chilean defence minister said.",
			[]string{"CHLGOV 130 PER"}, []string{"PER 19 CHL"}},
		{"paying for a bridge is no threat", "2024-03-06",
			"Chile's president said Bolivia would pay for the new bridge.", nil, []string{"CHLGOV 13 BOL"}},
		{"the two countries, army and army", "2024-03-06",
			"Chilean and Argentine troops shelled rebel positions near the coast on Friday. " +
				"A Bolivian minister said the two countries would pay a heavy price.",
			[]string{"BOLGOV 130 CHL", "BOLGOV 130 ARG"}, []string{"CHLMIL 19 ARGMIL", "ARGMIL 19 CHLMIL", "BOLGOV 130 BOL"}},
		{"two people are not one country", "2024-03-06",
			"Bolivia said Chilean shells had wounded two people in a border village.",
			nil, []string{"CHLMIL 19 CHLCVL", "CHLMIL 19 BOLCVL"}},
		{"their allies: the conjunct's", "2024-03-06",
			"Chilean rebels seized a port on Monday. Bolivia blamed Peruvian troops and their militia allies for the shelling.",
			[]string{"BOL 112 PERMIL", "BOL 112 PERREB"}, []string{"BOL 112 CHLREB"}},
		{"a supreme court is a state's own", "2024-03-06",
			"The International Criminal Court issued a warrant for the former Peruvian president on Friday. " +
				"Peru's opposition petitioned the Supreme Court on Tuesday.",
			[]string{"PEROPP 115 PERJUD 2024-03-05"}, []string{"PEROPP 115 IGOICC"}},
		{"a label denied", "2024-03-06",
			"Bolivia's military rulers banned women from universities on Tuesday. " +
				"Chile's foreign minister called the ban \"neither fair nor lawful\" on Thursday. Peru called the Chilean naval exercises no threat.",
			[]string{"CHLGOV 111 BOLGOV 2024-02-29"}, []string{"PER 111 CHLMIL", "PER 051 CHLMIL"}},
		{"a counterpart is an official of the country named", "2024-03-06",
			"The accord was signed on Monday by Chile's foreign minister and his Peruvian counterpart.",
			[]string{"CHLGOV 057 PERGOV 2024-03-04", "PERGOV 057 CHLGOV 2024-03-04"}, nil},
		{"easing aimed at a country's goods", "2024-03-06",
			"Chile lifted the tariffs on Peruvian goods on Monday.", []string{"CHL 085 PER 2024-03-04"}, nil},
		{"not only false", "2024-03-06",
			"Chile accused Peru of spying on Monday. Peru's president said the spying charge was \"not only false, it's absurd\".",
			[]string{"CHL 112 PER 2024-03-04", "PERGOV 016 CHL"}, nil},
		{"a decision to travel is not the travel", "2024-03-06",
			"Peru's foreign ministry criticised the Chilean president's decision to travel to Bolivia.",
			[]string{"PERGOV 111 CHLGOV"}, []string{"CHLGOV 042 BOL", "BOL 043 CHLGOV"}},
		{"a hedged future is no intent", "2024-03-06",
			"Chile's president said he would probably speak to Lima within the next day.",
			nil, []string{"CHLGOV 03 PERGOV", "CHLGOV 04 PERGOV"}},
		{"an actor as possessor of a non-actor", "2024-03-06",
			"Bolivia condemned the Peruvian defence minister's remarks on Monday.",
			[]string{"BOL 111 PERGOV 2024-03-04"}, nil},
		{"a country and its government are one side", "2024-03-06",
			"Lula spoke by phone with Boric on Monday and reaffirmed Brazil's support for Chile's security.",
			[]string{"BRAGOV 041 CHLGOV 2024-03-04", "BRAGOV 051 CHL 2024-03-04"}, []string{"BRA 051 CHLGOV"}},
		{"an object moved after its 'as' phrase", "2024-03-06",
			"Peru imposed tariffs on Chile on Monday. That evening, Boric rejected as \"slander\" the Peruvian government's claim that his government was allied with smugglers.",
			[]string{"CHLGOV 016 PERGOV 2024-03-04"}, []string{"CHLGOV 120 PER"}},
		{"the of-phrase of an act is its patient", "2024-03-06",
			"Bolivia said Chile's blockade of Peru violated international law.",
			[]string{"CHL 191 PER"}, []string{"PER 128 CHL"}},
		{"them: the things just named", "2024-03-06",
			"Chile's president warned that Chile had identified 30 Bolivian sites and would hit them hard.",
			[]string{"CHLGOV 138 BOL"}, []string{"CHLGOV 138 CHL"}},
		{"it: whoever said it", "2024-03-06",
			"Lima said it would lift export curbs on three chemicals, and Santiago in turn said it would drop its complaint against Peru.",
			[]string{"CHLGOV 035 PER"}, []string{"PERGOV 035 PER"}},
		{"a member of a body owned by possessive takes the body's sector", "2024-03-06",
			"The Peruvian foreign minister met the junta's leaders in La Paz after Bolivia's army seized power.",
			[]string{"PERGOV 04 BOLMIL"}, []string{"PERGOV 04 BOLGOV"}},
		{"a high commissioner is a diplomat", "2024-03-06",
			"Santiago summoned Peru's high commissioner on Monday.",
			[]string{"CHLGOV 114 PERGOV"}, []string{"CHLGOV 114 PER"}},
		{"a visit is to the host met, not to the capital flown to", "2024-03-06",
			"Chile's President Gabriel Boric flew to Lima on Monday and met the junta's leaders.",
			[]string{"CHLGOV 042 PERMIL"}, []string{"CHLGOV 042 PERGOV"}},
		{"a criticised act named by a country word is aimed at the state", "2024-03-06",
			"Peru condemned the Chilean air strikes near Arica.",
			[]string{"PER 111 CHL"}, []string{"PER 111 CHLMIL"}},
		{"a criticised act whose doer is named as a force stays with the force", "2024-03-06",
			"Peru condemned the attack by Chilean troops on Monday.",
			[]string{"PER 111 CHLMIL"}, []string{"PER 111 CHL 2024-03-04"}},
		{"a criticised earlier act is aimed at the state whose forces acted", "2024-03-06",
			"Chilean jets bombed a Bolivian border post on Monday. Peru denounced the offensive on Tuesday.",
			[]string{"PER 111 CHL"}, []string{"PER 111 CHLMIL"}},
		{"the Taliban in power are still coded as an armed group", "2024-03-06",
			"Qatar urged the Taliban on Monday to reopen secondary schools for girls.",
			[]string{"QAT 02 AFGREB"}, []string{"QAT 02 AFGGOV"}},
		{"an opposition criticises its own country's government", "2023-03-10",
			"U.S. officials praised the deal on Monday. Opposition leader Pierre Poilievre criticised the government on Tuesday.",
			[]string{"CANOPP 111 CANGOV"}, []string{"CANOPP 111 USAGOV"}},
		{"supporters of an opposition leader are the opposition", "2023-05-10",
			"Police arrested former Prime Minister Imran Khan on Tuesday. His supporters clashed with police in Lahore.",
			[]string{"PAKOPP 145 PAKCOP"}, []string{"PAKCVL 145 PAKCOP"}},
		{"special services are intelligence services", "2024-03-06",
			"Lima accused Bolivia's special services on Monday of plotting the bombing.",
			[]string{"PERGOV 112 BOLSPY"}, []string{"PERGOV 112 BOL 2024-03-04"}},
		{"a force a foreign state backs is an armed group, not that state's", "2024-03-06",
			"Iranian-backed militias fired rockets at a base in Iraq on Tuesday.",
			[]string{"IRQREB 19 IRQ"}, []string{"IRNREB 19 IRQ", "IRNMIL 19 IRQ"}},
		{"forces led by a people that is no state are an armed group", "2024-03-06",
			"Iraqi troops clashed with Yazidi-led forces near Sinjar in Iraq on Monday.",
			[]string{"IRQMIL 19 IRQREB"}, []string{"IRQMIL 19 IRQMIL"}},
		{"forces led by a bloc are no people's armed group", "2024-03-06",
			"Western-led forces struck Sirte in Libya on Monday.",
			[]string{"LBYMIL 19 LBYCVL"}, []string{"LBYREB 19 LBYCVL"}},
		{"forces led by a state are its military, however parsed", "2024-03-06",
			"Chilean-led forces struck La Paz on Monday.",
			[]string{"CHLMIL 19 BOLGOV"}, []string{"BOLMIL 19 BOLGOV"}},
		{"a country name with its article modifies the noun after it", "2024-03-06",
			"Cuba's ambassador in Caracas, Jorge Mayo, praised Venezuela on Sunday. Caracas summoned the U.S. ambassador on Monday to protest against the sanctions.",
			[]string{"VENGOV 114 USAGOV"}, []string{"VENGOV 114 CUBGOV"}},
		{"metonymy", "2024-03-06", "Lima accused La Paz of smuggling.", []string{"PERGOV 112 BOLGOV 2024-03-06"}, nil},
		{"reported speech", "2024-03-06", "Chile said Bolivian troops had attacked Peru.",
			[]string{"BOLMIL 19 PER 2024-03-06"}, nil},
		{"pronoun", "2024-03-06", "Gabriel Boric arrived in Lima. He praised Peru.",
			[]string{"CHLGOV 051 PER 2024-03-06"}, nil},
		{"dated role", "2021-06-01", "Gabriel Boric criticized Peru.", nil, []string{"CHLGOV 11 PER"}},
		{"surname", "2024-03-06", "Chilean Foreign Minister Ana Quispe arrived. Quispe criticized Peru.",
			[]string{"CHLGOV 11 PER 2024-03-06"}, nil},
		{"question", "2024-03-06", "Did Peru attack Bolivia?", nil, []string{"PER 19 BOL"}},
		{"quoted threat", "2024-03-06", "\"We will strike Peru,\" Bolivian President Luis Arce said.",
			[]string{"BOL 138 PER 2024-03-06"}, []string{"BOL 19 PER"}},
		{"a label criticizes", "2024-03-06", "Chilean President Gabriel Boric called Peru a dangerous neighbour.",
			[]string{"CHLGOV 111 PER 2024-03-06"}, nil},
		{"a label in quotes after the object", "2024-03-06", "Boric called the looters \"violent fanatics\" on Monday.",
			[]string{"CHLGOV 111 CHLCRM 2024-03-04"}, nil},
		{"a main verb read as a participle on the subject", "2024-03-12",
			"Dozens of farmers protested in Lima after the harvest to denounce the Chilean tariffs.",
			[]string{"PERCVL 141 CHL 2024-03-12"}, []string{"PERCVL 111 CHL"}},
		{"a protest against what its purpose denounces, not the place it crossed", "2024-03-12",
			"Thousands of Peruvians marched through Lima on Sunday to condemn the Bolivian blockade.",
			[]string{"PERCVL 141 BOL 2024-03-10"}, []string{"PERCVL 141 PERGOV", "PERCVL 111 BOL"}},
		{"a protest whose subject the parse missed", "2024-03-12",
			"Tens of thousands of people rallied in Caracas after Sunday mass to denounce the American sanctions.",
			[]string{"VENCVL 141 USA 2024-03-10"}, []string{"VENCVL 111 USA", "VENCVL 141 VENGOV"}},
		{"a warning aimed at whoever does the act it answers", "2024-03-12",
			"Chile expelled two Peruvian diplomats on Monday. Peru warned on Tuesday that any further Chilean provocation would be met with a strong response.",
			[]string{"PER 130 CHL 2024-03-12"}, []string{"CHL 130 PER"}},
		{"a welcome of an act names its author before the story's latest act", "2024-03-12",
			"Peru expelled the Chilean ambassador on Monday. Gabriel Boric welcomed the decision by the International Court of Justice.",
			[]string{"CHLGOV 051 IGOUNOJUD 2024-03-11"}, []string{"CHLGOV 051 PER"}},
		{"the authors of an agreement reached by them", "2024-03-12",
			"Peru expelled the Chilean ambassador on Monday. Lula welcomed the agreement reached by Milei and Boric.",
			[]string{"BRAGOV 051 ARGGOV 2024-03-11", "BRAGOV 051 CHLGOV 2024-03-11"}, []string{"BRAGOV 051 PER"}},
		{"an envoy recalled from nowhere named is recalled from the other side", "2024-03-12",
			"Peru expelled the Chilean ambassador on Monday. Santiago recalled its envoy, Maria Soto, for consultations.",
			[]string{"CHLGOV 161 PER 2024-03-11"}, nil},
		{"Brussels for the European Union in a story about it", "2024-03-12",
			"The European Union and Britain signed a trade deal. Brussels said it would withdraw its legal cases against Britain.",
			[]string{"IGOEUR 03 GBR 2024-03-12"}, []string{"BELGOV 03 GBR"}},
		{"Brussels for Belgium elsewhere", "2024-03-12", "Brussels criticised the Dutch government on Monday.",
			[]string{"BELGOV 111 NLDGOV 2024-03-11"}, nil},
		{"an object pronoun is not its own clause's subject", "2024-03-12",
			"Boric met Lula in Brasilia on Monday and praised him.",
			[]string{"CHLGOV 051 BRAGOV 2024-03-11"}, nil},
		{"a later mention does not hide an earlier antecedent", "2024-03-12",
			"Lula spoke in Brasilia on Monday. Boric praised him warmly, and Lula thanked Boric.",
			[]string{"CHLGOV 051 BRAGOV"}, nil},
		{"they after two people of two countries are both", "2024-03-12",
			"Chilean President Gabriel Boric met with Peruvian President Dina Boluarte on Friday in Quito, where they agreed to expand trade.",
			[]string{"CHLGOV 03 PERGOV 2024-03-08", "PERGOV 03 CHLGOV 2024-03-08"}, nil},
		{"rejecting an accusation denies it", "2024-03-12",
			"Bolivia accused Chile of espionage on Monday. Boric repudiated the accusations on Tuesday.",
			[]string{"CHLGOV 016 BOL 2024-03-12"}, []string{"CHLGOV 120 BOL"}},
		{"talks mediated by a third party", "2024-03-12",
			"Chile and Peru signed a fishing accord on Friday after four days of talks in Quito mediated by the United Nations.",
			[]string{"IGOUNO 045 CHL", "IGOUNO 045 PER"}, nil},
		{"the common spelling of a demonym", "2024-03-12",
			"The Ecuadorian foreign minister criticised Peru on Monday.",
			[]string{"ECUGOV 111 PER 2024-03-11"}, nil},
		{"condemning the attacks of rioters targets the rioters", "2024-03-12",
			"Rioters attacked the Peruvian congress on Sunday. The leaders of Chile, Bolivia and Ecuador issued a joint declaration condemning the attacks.",
			[]string{"CHLGOV 111 PERCVL", "BOLGOV 111 PERCVL", "ECUGOV 111 PERCVL"}, nil},
		{"a country's side is its government", "2024-03-12",
			"The Chilean side criticised Peru on Monday.",
			[]string{"CHLGOV 111 PER 2024-03-11"}, nil},
		{"a name known only from its apposition is remembered; a leader of the opposition is OPP", "2024-03-12",
			"Pedro Quispe, a senior leader of the Peruvian opposition, criticised the government on Monday. The police arrested Quispe in Lima on Tuesday.",
			[]string{"PEROPP 111 PERGOV 2024-03-11", "PERCOP 173 PEROPP 2024-03-12"}, nil},
		{"an ombudsman is a state office", "2024-03-12",
			"Peru's ombudsman urged the rebels to free the hostages.",
			[]string{"PERGOV 02 PERREB 2024-03-12"}, nil},
		{"both sides are the two sides of the latest mutual act", "2024-03-12",
			"Peru and Bolivia agreed to a truce on Monday. Brazilian President Lula had pressed for an end to the fighting. Chile praised both sides.",
			[]string{"CHL 051 PER", "CHL 051 BOL"}, []string{"CHL 051 BRAGOV"}},
		{"South American is a region, not the United States", "2024-03-12",
			"South American leaders criticised Venezuela on Monday.",
			nil, []string{"USAGOV 111 VEN"}},
		{"a description is of the body its relative clause says it heads", "2024-03-12",
			"Peru's foreign minister met in Lima on Saturday with the general who heads Bolivia's military government.",
			[]string{"BOLMIL 042 PERGOV 2024-03-09", "PERGOV 043 BOLMIL 2024-03-09"}, nil},
		{"pushing through gates rejects nothing", "2024-03-12",
			"Peru expelled two Bolivian diplomats on Monday. In Lima, police fired tear gas at the crowd outside the president's office, but demonstrators pushed through the gates.",
			nil, []string{"PERCVL 12"}},
		{"a possessive pronoun gives its country before the place named", "2024-03-12",
			"Chile expelled a Peruvian diplomat on Friday. On Monday, its embassy in Lima protested to Peru.",
			[]string{"CHLGOV 1 PER"}, []string{"PERGOV 1 PER"}},
		{"his spokesman speaks for him, an international official too", "2024-03-12",
			"Antonio Guterres praised Peru on Monday. On Tuesday, his spokesman criticised Bolivia.",
			[]string{"IGOUNO 111 BOL 2024-03-12"}, nil},
		{"a label praises", "2024-03-06", "Gabriel Boric described the agreement with Peru as a historic step.",
			nil, []string{"CHLGOV 11 PER"}},
		{"future aid is an intent", "2024-03-06", "Chile will send humanitarian aid to Bolivia.",
			[]string{"CHL 03 BOL 2024-03-06"}, []string{"CHL 07 BOL"}},
		{"air strike by a demonym", "2024-03-06", "Ten Bolivian soldiers were killed in a Chilean air strike on Monday.",
			[]string{"CHLMIL 195 BOLMIL 2024-03-04"}, []string{"CHL 190 BOLMIL"}},
		{"repression of protesters", "2024-03-06", "Peruvian police attacked protesters in Lima.",
			[]string{"PERCOP 175 PERCVL 2024-03-06"}, nil},
		{"a military warning", "2024-03-06", "Bolivia warned Peru that its army would respond with force.",
			[]string{"BOL 138 PER 2024-03-06"}, nil},
		{"no meeting with the press", "2024-03-06", "Gabriel Boric spoke to Chilean reporters in Santiago.",
			nil, []string{"CHLGOV 04 CHLMED", "CHLMED 04 CHLGOV"}},
		{"a day after", "2024-03-06", "On Tuesday, Chile recalled its ambassador from La Paz, a day after Bolivia accused Chile of espionage.",
			[]string{"BOL 112 CHL 2024-03-04", "CHL 161 BOLGOV 2024-03-05"}, nil},
		{"three days after", "2024-03-06", "Peru recalled its ambassador from Santiago on Tuesday, three days after Chile accused Peru of spying.",
			[]string{"CHL 112 PER 2024-03-02"}, nil},
		{"hours later", "2024-03-06", "Chile accused Peru of spying on Monday. Hours later, Peru rejected the charge.",
			[]string{"CHL 112 PER 2024-03-04", "PER 016 CHL 2024-03-04"}, nil},
		{"a phone call in a modifier", "2024-03-06", "In a phone call with Luis Arce, Boric pledged support for Bolivia.",
			[]string{"CHLGOV 041 BOLGOV 2024-03-06", "BOLGOV 041 CHLGOV 2024-03-06"}, nil},
		{"a protest against no one named", "2024-03-06", "Thousands of Peruvians marched through Lima on Sunday.",
			[]string{"PERCVL 141 PERGOV 2024-03-03"}, nil},
		{"the attackers of a condemned attack", "2024-03-06", "Bolivia condemned the American and British strikes on Friday.",
			[]string{"BOL 111 USA 2024-03-01", "BOL 111 GBR 2024-03-01"}, []string{"BOL 111 USAMIL"}},
		{"a riot", "2024-03-06", "Angry protesters attacked the Peruvian embassy in La Paz.",
			[]string{"BOLCVL 145 PERGOV"}, []string{"BOLCVL 18 PERGOV", "BOLCVL 19 PERGOV"}},
		{"agreeing to an act with no pattern", "2024-03-06", "Chile and Peru agreed to activate a security pact.",
			[]string{"CHL 03 PER 2024-03-06", "PER 03 CHL 2024-03-06"}, []string{"CHL 019 PER"}},
		{"conjoined demonyms", "2024-03-06", "Chilean and Argentine troops clashed along the border on Monday.",
			[]string{"CHLMIL 19 ARGMIL 2024-03-04", "ARGMIL 19 CHLMIL 2024-03-04"}, nil},
		{"the leaders of several countries", "2024-03-06", "Boric thanked the leaders of Argentina, Brazil and Uruguay.",
			[]string{"CHLGOV 051 ARGGOV", "CHLGOV 051 BRAGOV", "CHLGOV 051 URYGOV"}, nil},
		{"whose act is welcomed", "2024-03-06", "Boric welcomed the vote by the Peruvian parliament.",
			[]string{"CHLGOV 051 PERLEG 2024-03-06"}, nil},
		{"the story stays where it last went", "2024-06-20",
			"Colombia's foreign minister Luis Gilberto Murillo landed in Quito on Sunday. The trip is his first abroad this year. Trade and migration are on the agenda. Officials expect few announcements. On Monday, Murillo met Ecuadorian President Daniel Noboa.",
			[]string{"COLGOV 042 ECUGOV 2024-06-17", "ECUGOV 043 COLGOV 2024-06-17"}, []string{"COLGOV 040 ECUGOV"}},
		{"a meeting after a journey is a visit", "2024-06-20", "Boric flew to Lima on Sunday and met Peruvian President Dina Boluarte.",
			[]string{"CHLGOV 042 PERGOV 2024-06-16", "PERGOV 043 CHLGOV 2024-06-16"}, []string{"CHLGOV 040 PERGOV"}},
		{"an offer is not the act", "2024-03-06", "Boric, who had proposed on Tuesday to open negotiations with Lima, said Chile would keep its position.",
			[]string{"CHLGOV 03 PERGOV"}, []string{"CHLGOV 04 PERGOV"}},
		{"all sides", "2024-03-06", "Chilean and Argentine troops clashed on Monday. Brazil urged all sides to show restraint.",
			[]string{"BRA 02 CHLMIL", "BRA 02 ARGMIL"}, nil},
		{"a curfew on the country's people", "2024-03-06", "The Chilean government declared a state of emergency and imposed a curfew in Santiago.",
			[]string{"CHLGOV 172 CHLCVL 2024-03-06"}, []string{"CHLGOV 172 CHLGOV"}},
		{"an outlet's reporter", "2016-01-17", "Iran released Washington Post correspondent Jason Rezaian on Saturday.",
			[]string{"IRN 0841 USAMED 2016-01-16"}, nil},
		{"a surname tagged as a noun, and a group without its speaker", "2023-03-10",
			"Chile and Peru agreed to restore ties. Brazil's foreign minister Mauro Vieira hosted the talks in Brasilia. Vieira congratulated the two neighbours.",
			[]string{"BRAGOV 051 CHL", "BRAGOV 051 PER"}, nil},
		{"a ruling is the court's", "2024-03-06",
			"Chile's Supreme Court ordered the release of two Peruvian fishermen. Peru welcomed the ruling.",
			[]string{"PER 051 CHLJUD"}, nil},
		{"a judgement in reported speech", "2024-03-06", "Peru said the Chilean blockade was a violation of international law.",
			[]string{"PER 112 CHL 2024-03-06"}, nil},
		{"an order is a demand", "2023-07-14", "The International Court of Justice ordered Colombia to stop fishing in Nicaraguan waters.",
			[]string{"IGOUNOJUD 10 COL 2023-07-14"}, nil},
		{"a command within a state is not", "2024-01-26", "Boric ordered the Chilean army to leave the border area.",
			nil, []string{"CHLGOV 10 CHLMIL"}},
		{"an appeal to the other side", "2024-03-06", "Chile expelled two Peruvian diplomats on Monday. Peru called for calm.",
			[]string{"PER 02 CHL"}, nil},
		{"a dateline is a place, not an actor", "2024-03-06", "LIMA, March 6 - Chile on Tuesday accused Bolivia of spying.",
			[]string{"CHL 112 BOL 2024-03-05"}, []string{"PERGOV 112 BOL", "PERGOV 11 CHL"}},
		{"a denial answers the accuser", "2024-03-06", "Chile accused Bolivia of spying on Tuesday. La Paz denied any involvement.",
			[]string{"BOLGOV 016 CHL"}, nil},
		{"a call during which a request was made", "2024-03-08",
			"Gabriel Boric made the request to Peruvian President Dina Boluarte during a telephone call on Wednesday.",
			[]string{"CHLGOV 041 PERGOV 2024-03-06", "PERGOV 041 CHLGOV 2024-03-06"}, nil},
		{"praise of the other side", "2024-03-06", "Chile released two Peruvian fishermen on Monday. Lima praised the gesture.",
			[]string{"PERGOV 051 CHL"}, nil},
		{"the weapon in an of-phrase", "2024-03-06", "Chile launched dozens of cruise missiles at Peru on Monday.",
			[]string{"CHL 195 PER 2024-03-04"}, []string{"CHL 190 PER"}},
		{"a known person after a title", "2023-09-30",
			"Secretary of State Antony Blinken spoke by phone with Turkish Foreign Minister Hakan Fidan on Friday and urged calm, a spokesman said.",
			[]string{"USAGOV 041 TURGOV 2023-09-29", "TURGOV 041 USAGOV 2023-09-29"}, nil},
		{"a denied involvement presupposes the act", "2024-03-06",
			"Lebanon's prime minister said on Sunday Beirut had not taken part in the Hezbollah militia's attack on Israel.",
			[]string{"LBNREB 19 ISR"}, []string{"LBNGOV 19 ISR"}},
		{"blame in reported speech", "2021-07-12", "Cuba's foreign minister said the protests had been organised by Washington.",
			[]string{"CUBGOV 112 USAGOV 2021-07-12"}, nil},
		{"a denial answers the accuser it names", "2023-03-16",
			"Seoul rejected claims by Japanese Prime Minister Fumio Kishida that South Korean ships had entered Japanese waters.",
			[]string{"KORGOV 016 JPNGOV 2023-03-16"}, nil},
		{"signed by two in a passive", "2024-01-03",
			"The accord was signed by Chilean President Gabriel Boric and Peruvian President Dina Boluarte in Santiago on Monday.",
			[]string{"CHLGOV 057 PERGOV 2024-01-01", "PERGOV 057 CHLGOV 2024-01-01"}, nil},
		{"a protest with no target named", "2024-03-06", "Thousands of Peruvians protested on Sunday.",
			[]string{"PERCVL 141 PERGOV 2024-03-03"}, nil},
		{"calling a charge false is a denial", "2024-03-06",
			"Chile accused Bolivia of smuggling weapons on Monday. Bolivian President Luis Arce said the smuggling charge was false.",
			[]string{"BOLGOV 016 CHL"}, []string{"BOLGOV 11 CHL"}},
		{"charges that both deny", "2024-03-06",
			"Peru has accused Bolivia of sheltering Chilean rebels, charges that both La Paz and Santiago deny.",
			[]string{"PER 112 BOL", "BOLGOV 016 PER", "CHLGOV 016 PER"}, nil},
		{"a gerund clause takes the subject of its clause", "2024-03-06",
			"Bolivia retaliated by expelling the Peruvian ambassador, accusing Lima of spying.",
			[]string{"BOL 16 PERGOV 2024-03-06", "BOL 112 PERGOV 2024-03-06"}, nil},
		{"what one is accused of is not coded, and its subject is the accused", "2024-03-06",
			"Chile accused Peru of arming Bolivian rebels.",
			[]string{"CHL 112 PER 2024-03-06"}, []string{"CHL 07 BOLREB", "PER 07 BOLREB"}},
		{"without: not done", "2024-03-06", "Chile and Peru ended their talks without signing an agreement.",
			nil, []string{"CHL 057 PER", "PER 057 CHL"}},
		{"refraining from an act is not the act", "2024-03-06",
			"Peru agreed to refrain from attacking Bolivian rebels.",
			nil, []string{"PER 19 BOLREB"}},
		{"a participle clause is as real as its verb", "2024-03-06",
			"Peru could retaliate by expelling Bolivian diplomats.", nil, []string{"PER 16 BOLGOV"}},
		{"an allegation someone made is an accusation; what it alleges is not coded", "2024-03-06",
			"Lima rejected the allegation by Bolivia that Peruvian agents had smuggled weapons.",
			[]string{"BOL 112 PER 2024-03-06"}, []string{"PER 07 BOL"}},
		{"a relative clause on a charge is not what is charged", "2024-03-06",
			"Chile repeated charges that Bolivia denied.", nil, []string{"CHL 112 BOL"}},
		{"a verb conjoined to a reported one that goes with the reporting verb", "2024-03-06",
			"Peru's defence ministry said Bolivian jets had bombed a bridge near the border and accused Bolivian forces of violating its airspace.",
			[]string{"PERMIL 112 BOLMIL 2024-03-06"}, nil},
		{"a label names whose failure it is", "2024-03-06",
			"Chile and Peru signed a fishing deal on Monday. Bolivian President Luis Arce called the deal a failure of Chilean diplomacy.",
			[]string{"BOLGOV 111 CHL"}, []string{"BOLGOV 111 PER"}},
		{"calling someone corrupt is criticism", "2024-03-06",
			"Bolivian President Luis Arce described the Peruvian foreign minister as corrupt.",
			[]string{"BOLGOV 111 PERGOV 2024-03-06"}, nil},
		{"drawing a rebuke from someone is being criticised by them", "2024-03-06",
			"The new Chilean fishing law has drawn sharp criticism from Peru.",
			[]string{"PER 111 CHL 2024-03-06"}, []string{"CHL 111 PER"}},
		{"a truce between two parties that took effect, dated by its verb", "2024-03-06",
			"A ceasefire between Chile and Peru took effect on Tuesday.",
			[]string{"CHL 0871 PER 2024-03-05", "PER 0871 CHL 2024-03-05"}, nil},
		{"each other", "2024-03-06", "Chile and Peru blamed each other for the clash.",
			[]string{"CHL 112 PER 2024-03-06", "PER 112 CHL 2024-03-06"}, nil},
		{"a statement condemning: its issuers condemn", "2024-03-06",
			"The foreign ministers of Chile and Ecuador issued a joint statement condemning Bolivia.",
			[]string{"CHLGOV 111 BOL 2024-03-06", "ECUGOV 111 BOL 2024-03-06"}, []string{"CHLGOV 057 ECUGOV"}}, // a joint statement is no signed accord
		{"co-actors are not each other's target", "2024-03-06",
			"The presidents of Chile and Peru skipped the summit.", nil, []string{"CHLGOV 12 PER", "PERGOV 12 CHL"}},
		{"history the article recalls is not coded", "2024-03-06",
			"Peru severed relations with Bolivia in 2016. Two decades ago, Chile invaded Bolivia. Bolivia has detained a Chilean journalist since 2022.",
			[]string{"BOL 173 CHLMED"}, []string{"PER 16 BOL", "CHL 19 BOL"}},
		{"a full date in an earlier year dates the event", "2024-03-06",
			"Chile accused Peru of spying on 14 March 2023.", []string{"CHL 112 PER 2023-03-14"}, nil},
		{"a place is not read from a conjoined person's name", "2024-03-06",
			"Peruvian jets struck the border town of Ras al-Kut, and Mustafa Bali, a rebel spokesman, reported heavy losses.",
			nil, []string{"PERMIL 195 IDNCVL"}},
		{"signing an order is no accord; a participle clause shares its verb's day", "2024-03-06",
			"Boric signed a decree on Saturday, imposing tariffs on goods from Peru and Bolivia.",
			[]string{"CHLGOV 163 PER 2024-03-02", "CHLGOV 163 BOL 2024-03-02"}, []string{"CHLGOV 057 PER", "CHLGOV 057 BOL"}},
		{"all parties are the sides, not political parties", "2024-03-06",
			"Brazil's foreign ministry praised Peru and urged all parties to return to dialogue.",
			nil, []string{"BRAGOV 02 BRAPTY"}},
		{"dismissing an act as weak is criticism", "2024-03-06",
			"Peru's parliament voted to expel the Bolivian ambassador. Bolivian President Luis Arce dismissed the vote as a weak response.",
			[]string{"BOLGOV 111 PERLEG"}, []string{"BOLGOV 12 PERLEG"}},
		{"claiming an attack is responsibility toward those it hit", "2024-03-06",
			"Peruvian rebels attacked a Bolivian army patrol on Monday. The rebels acknowledged the attack on Tuesday.",
			[]string{"PERREB 015 BOLMIL"}, nil},
		{"a time phrase the parse takes for a subject still dates the event", "2024-03-06",
			"Bolivia's envoy, who last week accused Chile of spying, left Santiago on Tuesday.",
			[]string{"BOLGOV 112 CHL 2024-02-28"}, nil},
		{"a passive read in word order needs its by-phrase", "2024-03-06",
			"Former Bolivian President Evo Morales flew to Lima on Sunday. He was admitted to a hospital in Lima on Monday.",
			nil, []string{"PERHLH 015 BOLOPP"}},
		{"signing a decree is no accord with whoever the story is about", "2024-03-06",
			"Chile and Peru held talks in Lima. Boric later signed a decree on fishing quotas.",
			[]string{"CHL 040 PER 2024-03-06"}, []string{"CHLGOV 057 PERGOV", "PERGOV 057 CHLGOV"}},
		{"an implicit target", "2024-03-06", "Peru expelled two Bolivian diplomats. Bolivia vowed to retaliate.",
			[]string{"BOL 13 PER 2024-03-06"}, nil},
		{"an unnamed accuser is not of the state it accuses", "2024-03-06",
			"Bolivia's president was ousted on Sunday. The junta accused Chile of plotting against Bolivia.",
			[]string{"BOLMIL 112 CHL"}, []string{"CHLMIL 112 CHL"}},
		{"what the speaker called an act names its actor", "2024-03-06",
			"Bolivia's foreign ministry condemned what it called Peruvian \"aggression\" near the border.",
			[]string{"BOLGOV 111 PER 2024-03-06"}, nil},
		{"an organisation's court is the organisation's", "2024-03-06",
			"The United Nations' highest court criticised Bolivia on Monday.",
			[]string{"IGOUNOJUD 11 BOL 2024-03-04"}, []string{"BOLJUD 11 BOL", "IGOUNO 11 BOL"}},
		{"an appeal to talk is no talks", "2024-03-06",
			"Peru and Bolivia traded accusations over the border. Chile reaffirmed its support for Peru's sovereignty and called on all sides to engage in diplomatic dialogue.",
			[]string{"CHL 026 PER 2024-03-06", "CHL 026 BOL 2024-03-06"}, []string{"PER 04 BOL", "BOL 04 PER"}},
		{"a phone call told as the scene, hung on a word", "2024-03-06",
			"Gabriel Boric condemned Peru's raids and, in a phone call with Luis Arce later on Monday, pledged to keep providing Bolivia with the support it needs.",
			[]string{"CHLGOV 041 BOLGOV", "BOLGOV 041 CHLGOV"}, nil},
		{"handing captives over frees them", "2024-03-06",
			"Bolivian rebels handed two Peruvian soldiers to the Red Cross on Monday.",
			[]string{"BOLREB 0841 PERMIL 2024-03-04"}, nil},
		{"a reported event without a time of its own takes the report's", "2024-03-06",
			"At a news conference on Friday, Boric said Peru had attacked Bolivia and that Chile would mediate.",
			[]string{"PER 19 BOL 2024-03-01"}, nil},
		{"the report's past day is not moved ahead by a future in what it reports", "2024-03-06",
			"At a news conference on Friday, Boric said Chile would send troops to Peru.",
			[]string{"CHL 03 PER 2024-03-01"}, nil},
		{"talks measured out in days are talks", "2024-03-06",
			"Chile and Peru held two days of talks in Lima.",
			[]string{"CHL 04 PER 2024-03-06", "PER 04 CHL 2024-03-06"}, nil},
		{"and parts two names whatever the parse says", "2024-03-06",
			"Boric and European Commission President Ursula von der Leyen held talks in Santiago on Monday.",
			[]string{"CHLGOV 040 IGOEUR 2024-03-04", "IGOEUR 040 CHLGOV 2024-03-04"}, nil},
		{"an adviser to someone is on that one's side", "2024-03-06",
			"Bolivian Foreign Minister Celinda Sosa arrived in Lima on Sunday. Ana Soto, a senior adviser to President Gabriel Boric, criticised Bolivia on Monday.",
			[]string{"CHLGOV 111 BOL 2024-03-04"}, []string{"PERGOV 111 BOL"}},
		{"an arrest of protesters is an arrest, force against them repression", "2024-03-06",
			"Police in La Paz detained dozens of protesters on Monday. Soldiers fired tear gas at protesters in El Alto.",
			[]string{"BOLCOP 173 BOLCVL 2024-03-04", "BOLMIL 175 BOLCVL"}, []string{"BOLCOP 175 BOLCVL"}},
		{"an unknown name takes the actor of its apposition", "2024-03-06",
			"Chilean police arrested Luis Vera, a Peruvian diplomat, on Monday.",
			[]string{"CHLCOP 173 PERGOV 2024-03-04"}, nil},
		{"the N-year-old is the person named before", "2024-03-06",
			"Former Bolivian President Evo Morales returned to La Paz on Sunday. Police detained the 64-year-old at the airport on Monday.",
			[]string{"BOLCOP 173 BOLOPP 2024-03-04"}, nil},
		{"a warning by an army is not a threat of force by itself", "2024-03-06",
			"The Peruvian army warned Bolivians on Sunday not to approach its forces near the border. Chile warned Peru that it would strike back.",
			[]string{"PERMIL 130 BOLCVL 2024-03-03", "CHL 138 PER"}, []string{"PERMIL 138 BOLCVL"}},
		{"a place before a title gives its country; a hyphenated name is one name", "2024-03-06",
			"Arequipa Regional Governor Rohel Sanchez-Sanchez had imposed a 24-hour curfew on the city.",
			[]string{"PERGOV 1723 PERCVL 2024-03-06"}, nil},
		{"a protest is against what it denounces", "2024-03-06",
			"Thousands of Bolivian students marched on Monday to denounce the Peruvian raids.",
			[]string{"BOLEDU 141 PER"}, []string{"BOLEDU 141 BOLGOV"}},
		{"branding someone is denouncing them", "2024-03-06",
			"The Peruvian army branded the Bolivian group a \"rebel militia\" on Monday.",
			[]string{"PERMIL 111 BOL 2024-03-04"}, nil},
		{"an act noun names the latest act, not the latest reaction", "2024-03-06",
			"Peru expelled the Bolivian ambassador on Monday. Bolivia condemned the expulsion. Chile welcomed the decision.",
			[]string{"CHL 051 PER"}, []string{"CHL 051 BOL"}},
		{"a demonym before 'and' shares the actor noun after it", "2024-03-06",
			"The launch came as South Korean and U.S. forces attacked Chile, officials said.",
			[]string{"KORMIL 190 CHL 2024-03-06", "USAMIL 190 CHL 2024-03-06"}, nil},
		{"training another's fighters is military aid", "2024-03-06",
			"Chile has trained the Peruvian rebels for years.",
			[]string{"CHL 072 PERREB"}, nil},
		{"the of-phrase names whose officer it is, from the start of the name", "2024-03-06",
			"A spokesman for the African Union Commission criticised Bolivia on Monday.",
			[]string{"IGOAFU 111 BOL 2024-03-04"}, nil},
		{"tens of thousands of people are the people", "2024-03-06",
			"Tens of thousands of Bolivians marched on Monday to denounce the Peruvian raids.",
			[]string{"BOLCVL 141 PER 2024-03-04"}, nil},
		{"condemning an attack on a place targets the attacker", "2024-03-06",
			"Chile condemned the Peruvian strikes on Cobija on Monday.",
			[]string{"CHL 111 PER 2024-03-04"}, []string{"CHL 111 BOL"}},
		{"a surname alias does not match the first word of a longer name", "2024-03-06",
			"Cameron Quispe criticised Bolivia on Monday.",
			nil, []string{"GBRGOV 111 BOL"}},
		{"an appeal to avoid violence is an appeal to de-escalate", "2024-03-06",
			"Chile urged Peru and Bolivia on Monday to avoid further military activity, and appealed to protesters in La Paz to stop the violence.",
			[]string{"CHL 0256 PER 2024-03-04", "CHL 0256 BOL 2024-03-04", "CHL 0256 BOLCVL"}, nil},
		{"a conjunct of an apposition is a target too", "2024-03-06",
			"Bolivia freed Peruvian reporter Ana Soto and former Chilean Marine Luis Vera on Monday.",
			[]string{"BOL 0841 PERMED 2024-03-04", "BOL 0841 CHLMIL 2024-03-04"}, nil},
	})
}

// textCase is a text written for a test, the events it must yield and those it must not.
type textCase struct {
	name, date, text string
	want             []string // "SRC CODE TGT [DATE]"; a code of fewer digits matches its prefix
	not              []string // events that must not be coded (same form)
}

// runTextCases codes each case's text with the bundled models and dictionaries and checks its
// events.
func runTextCases(t *testing.T, tests []textCase) {
	t.Helper()
	if testing.Short() {
		t.Skip("loads the models")
	}
	pipe, c := realCoder(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &dyad.Article{ID: "t", Date: dyad.MustDate(tc.date), Text: tc.text}
			evs := c.Code(a, pipe.Annotate(AnalysisText(tc.text)))
			var got []string
			for _, e := range evs {
				got = append(got, brief(e))
			}
			sort.Strings(got)
			match := func(w string) bool {
				f := strings.Fields(w)
				for _, e := range evs {
					if e.Source.Code == f[0] && strings.HasPrefix(e.CAMEO, f[1]) && e.Target.Code == f[2] &&
						(len(f) < 4 || e.Date.String() == f[3]) {
						return true
					}
				}
				return false
			}
			for _, w := range tc.want {
				if !match(w) {
					t.Errorf("%q: no %s; got %q", tc.text, w, got)
				}
			}
			for _, w := range tc.not {
				if match(w) {
					t.Errorf("%q: coded %s, which the text does not assert; got %q", tc.text, w, got)
				}
			}
		})
	}
}

// BenchmarkCoder measures the coder alone (mentions, coreference, extraction) on analysed text.
func BenchmarkCoder(b *testing.B) {
	docs := parsedDocs(b, "testdata/parses.conllu")
	c := testCoder(b)
	var list []*testDoc
	for _, d := range docs {
		list = append(list, d)
	}
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range list {
			c.Code(d.art, d.doc)
			n += len(d.doc.Sentences)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}

// TestImplicitTargetText checks that a target inferred from the article, not named in the
// sentence, carries no mention text (an analyst can tell it from a named one).
func TestImplicitTargetText(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the models")
	}
	pipe, c := realCoder(t)
	text := "Peru expelled two Bolivian diplomats. Bolivia vowed to retaliate."
	a := &dyad.Article{ID: "t", Date: dyad.MustDate("2024-03-06"), Text: text}
	var found bool
	for _, e := range c.Code(a, pipe.Annotate(AnalysisText(text))) {
		switch {
		case e.Sentence == 1 && e.Source.Country == "BOL" && e.Target.Country == "PER":
			found = true
			if e.Target.Text != "" {
				t.Errorf("inferred target has text %q, want none", e.Target.Text)
			}
		case e.Sentence == 0 && e.Target.Text == "":
			t.Errorf("named target of %s has no text", brief(e))
		}
	}
	if !found {
		t.Error("no BOL -> PER event for the threat")
	}
}

// TestActorText checks that an actor's text covers the whole name the sentence gives, particles
// and hyphens included.
func TestActorText(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the models")
	}
	pipe, c := realCoder(t)
	tests := []struct{ text, want string }{
		{"Bolivian opposition leader Carlos Mesa criticised Peru.", "Bolivian opposition leader Carlos Mesa"},
		{"Saudi envoy Khalid bin Salman al-Harbi criticised Peru.", "Saudi envoy Khalid bin Salman al-Harbi"},
	}
	for _, tc := range tests {
		a := &dyad.Article{ID: "t", Date: dyad.MustDate("2024-03-06"), Text: tc.text}
		evs := c.Code(a, pipe.Annotate(AnalysisText(a.Text)))
		if len(evs) == 0 {
			t.Errorf("%q: no event", tc.text)
			continue
		}
		if got := evs[0].Source.Text; got != tc.want {
			t.Errorf("%q: source text %q, want %q", tc.text, got, tc.want)
		}
	}
}
