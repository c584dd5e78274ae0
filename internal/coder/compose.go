package coder

import "strings"

// Codes of CAMEO's parallel families: appeals (02x), intents (03x) and demands (10x) share their
// third digit for what is asked or offered: 1 material cooperation, 2 diplomatic cooperation,
// 3 aid, 4 political reform, 5 yielding, 6 meeting or negotiating, 7 settling, 8 mediation.

// suffixOf returns the family digit for an inner event code ("agreed to [restore ties]" -> 2).
func suffixOf(inner string) byte {
	switch inner[:2] {
	case "06":
		return '1'
	case "05":
		return '2'
	case "07":
		return '3'
	case "08":
		return '5'
	case "04":
		return '6'
	}
	if r := inner[:2]; len(inner) >= 3 && (r == "03" || r == "02" || r == "10") {
		if inner[2] >= '1' && inner[2] <= '8' {
			return inner[2]
		}
	}
	return '0'
}

// yieldDigit gives, for what a yielding inner event eases, the fourth digit CAMEO's appeals
// (025x), intents (035x) and demands (105x) give it.
var yieldDigit = map[string]string{"081": "1", "082": "2", "084": "3", "085": "4", "086": "5", "087": "6"}

// threatOf returns the threat code for a threatened inner event ("threatened to strike" -> 138).
func threatOf(inner string) string {
	switch inner[:2] {
	case "15", "18", "19", "20":
		return "138"
	case "17":
		return "137"
	case "16":
		return "131"
	case "14":
		return "133"
	}
	return "130"
}

// compose refines the generic code of a verb that governs another event ("urged X to [withdraw]",
// "agreed to [hold talks]", "threatened to [attack]", "demanded X [release] ..."). A specific
// outer code (third digit not 0) is kept. ok is false when outer is not of a composing family.
func compose(outer, inner string) (string, bool) {
	if len(outer) < 3 || len(inner) < 2 {
		return outer, false
	}
	root := outer[:2]
	switch root {
	case "02", "03", "10":
		if outer[2] != '0' || len(outer) > 3 {
			return outer, true
		}
		if root == "03" && inner[:2] == "15" {
			// "pledged to deploy troops to the border", "would send troops to X": forces put at
			// someone's side, an intent to cooperate militarily; a threat of force says so
			// ("threatened to", "warned it would"), and is composed under 13
			return "0312", true
		}
		if root == "02" && strings.HasPrefix(inner, "154") {
			return "0234", true // "asked Brazil to send troops": an appeal for military protection
		}
		if (root == "03" || root == "02") && conflictRoot(inner) {
			if root == "03" {
				return threatOf(inner), true // "vowed to strike back" is a threat
			}
			return root + "0", true // "urged X to attack": an appeal, not for cooperation
		}
		if strings.HasPrefix(inner, "083") { // "called on X to resign": political reform, 024x/034x/104x
			return root + "4" + inner[3:], true
		}
		if len(inner) >= 3 && inner[:2] == "07" && inner[2] >= '1' && inner[2] <= '4' {
			return root + "3" + inner[2:3], true // "asked for peacekeepers": 0234; "pledged arms": 0332
		}
		if d, ok := yieldDigit[inner[:min(3, len(inner))]]; ok { // "urged a ceasefire": 0256
			return root + "5" + d, true
		}
		if strings.HasPrefix(inner, "045") { // mediation has codes of its own
			return map[string]string{"02": "028", "03": "039", "10": "108"}[root], true
		}
		return root + string(suffixOf(inner)), true
	case "13":
		if outer == "130" {
			return threatOf(inner), true
		}
		return outer, true
	}
	return outer, false
}

func conflictRoot(code string) bool {
	switch code[:2] {
	case "15", "16", "17", "18", "19", "20":
		return true
	}
	return false
}

// intentWords govern a future event the actor commits to ("agreed to", "pledged to", "ready to").
var intentWords = map[string]bool{"agree": true, "pledge": true, "promise": true, "vow": true, "offer": true,
	"plan": true, "intend": true, "commit": true, "undertake": true, "decide": true, "aim": true,
	"ready": true, "willing": true, "prepared": true, "resolve": true, "volunteer": true}

// pledgeWords commit their subject to cooperation whatever the act promised ("pledged to continue
// their cooperation").
var pledgeWords = map[string]bool{"agree": true, "pledge": true, "promise": true, "commit": true,
	"vow": true, "undertake": true}
