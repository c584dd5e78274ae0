package dict_test

import (
	"fmt"
	"strings"

	"github.com/dyad-events/dyad"
	"github.com/dyad-events/dyad/internal/dict"
)

func words(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		out = append(out, dict.Norm(f))
	}
	return out
}

func ExampleDict_MatchActor() {
	d, err := dict.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, text := range []string{"the Kremlin said", "Tehran", "Iranians", "the U.S."} {
		n, e := d.MatchActor(words(text))
		r, _ := e.Resolve(dyad.MustDate("2024-01-01"))
		fmt.Printf("%s: %d words, %s %q → %s\n", text, n, e.Kind, e.Name, r.Code)
	}
	// Output:
	// the Kremlin said: 2 words, seat "the Kremlin" → RUSGOV
	// Tehran: 1 words, capital "Tehran" → IRNGOV
	// Iranians: 1 words, demonym "Iranians" → IRNCVL
	// the U.S.: 2 words, country "United States" → USA
}

func ExampleNorm() {
	fmt.Println(dict.Norm("Erdoğan"), dict.Norm("Türkiye"), dict.Norm("Côte d’Ivoire"), dict.Norm("Guinea–Bissau"))
	// Output: erdogan turkiye cote d'ivoire guinea-bissau
}

func ExampleDict_MatchPlace() {
	d, err := dict.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	n, p := d.MatchPlace(words("the Gaza Strip"))
	fmt.Println(n, p.Name, p.Country, p.Kind)
	// Output: 3 Gaza Strip PSE region
}
