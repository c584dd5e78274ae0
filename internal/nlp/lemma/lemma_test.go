package lemma

import (
	"bytes"
	"compress/gzip"
	"github.com/dyad-events/dyad/internal/testenv"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dyad-events/dyad/internal/cputime"
	"github.com/dyad-events/dyad/internal/nlp"
	"github.com/dyad-events/dyad/internal/nlp/conllu"
)

func readTiny(t testing.TB) []*conllu.Sentence {
	t.Helper()
	return testenv.ReadCoNLLU(t, "testdata/tiny.conllu")
}

func trainTiny(t testing.TB) *Model {
	t.Helper()
	m, err := Train(readTiny(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// tagged makes a sentence from "form/XPOS" words.
func tagged(words string) nlp.Sentence {
	var s nlp.Sentence
	for _, w := range strings.Fields(words) {
		i := strings.LastIndexByte(w, '/')
		s.Tokens = append(s.Tokens, nlp.Token{Text: w[:i], XPOS: w[i+1:], Head: -1})
	}
	return s
}

func TestTrainTiny(t *testing.T) {
	tiny := readTiny(t)
	m, err := Train(tiny, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a := Accuracy(m, tiny); a != 1 {
		t.Errorf("accuracy on the training sentences %.3f, want 1", a)
	}
	// Unseen words go through the learned suffix rewrites and the rules.
	s := tagged("Soldiers/NNS stormed/VBD the/DT buildings/NNS and/CC bombed/VBD bridges/NNS ./.")
	m.Lemmatize(&s)
	want := []string{"soldier", "storm", "the", "building", "and", "bomb", "bridge", "."}
	for i, w := range want {
		if got := s.Tokens[i].Lemma; got != w {
			t.Errorf("%s/%s: lemma %q, want %q", s.Tokens[i].Text, s.Tokens[i].XPOS, got, w)
		}
	}
	if _, err := Train(nil, nil); err == nil {
		t.Error("Train(nil): no error")
	}
}

func TestHandRules(t *testing.T) {
	in := newInflection()
	for _, c := range []struct{ w, xpos, want string }{
		{"carried", "VBD", "carry"},
		{"stopped", "VBD", "stop"},
		{"admitted", "VBN", "admit"},
		{"called", "VBD", "call"},
		{"hoped", "VBD", "hope"},
		{"danced", "VBD", "dance"},
		{"argued", "VBN", "argue"},
		{"agreed", "VBD", "agree"},
		{"opened", "VBD", "open"},
		{"visited", "VBN", "visit"},
		{"created", "VBN", "create"},
		{"organized", "VBN", "organize"},
		{"running", "VBG", "run"},
		{"making", "VBG", "make"},
		{"dying", "VBG", "die"},
		{"singing", "VBG", "sing"},
		{"seeing", "VBG", "see"},
		{"fled", "VBD", "flee"},
		{"sought", "VBN", "seek"},
		{"withdrew", "VBD", "withdraw"},
		{"wo", "MD", "wo"},
		{"countries", "NNS", "country"},
		{"churches", "NNS", "church"},
		{"boxes", "NNS", "box"},
		{"wolves", "NNS", "wolf"},
		{"natives", "NNS", "native"},
		{"crisis", "NNS", "crisis"},
		{"talks", "NNS", "talk"},
		{"says", "VBZ", "say"},
		{"Americans", "NNPS", "American"},
		{"happier", "JJR", "happy"},
		{"biggest", "JJS", "big"},
		{"simpler", "JJR", "simple"},
		{"better", "JJR", "good"},
		{"worst", "JJS", "bad"},
		{"later", "RBR", "late"},
		{"faster", "RBR", "fast"},
		{"are", "VBP", "be"},
		{"unclear", "JJ", "unclear"},
	} {
		if got := in.lemma(c.w, c.xpos); got != c.want {
			t.Errorf("lemma(%q, %s) = %q, want %q", c.w, c.xpos, got, c.want)
		}
	}
}

const modelPath = "../models/lemma.bin"

func loadModelFile(t testing.TB) *Model {
	t.Helper()
	return testenv.LoadFile(t, modelPath, Load)
}

// TestLemmatizeModel checks the committed model on tagged news-style words.
func TestLemmatizeModel(t *testing.T) {
	m := loadModelFile(t)
	for _, c := range []struct {
		words string
		want  []string
	}{
		{"The/DT talks/NNS were/VBD n't/RB over/RB ./.", []string{"the", "talk", "be", "not", "over", "."}},
		{"He/PRP 's/VBZ been/VBN arrested/VBN", []string{"he", "have", "be", "arrest"}},
		{"It/PRP 's/VBZ unclear/JJ", []string{"it", "be", "unclear"}},
		{"Russia/NNP 's/POS envoys/NNS", []string{"Russia", "'s", "envoy"}},
		{"Americans/NNPS and/CC Iraqis/NNPS met/VBD", []string{"American", "and", "Iraqi", "meet"}},
		{"Merkel/NNP met/VBD them/PRP", []string{"Merkel", "meet", "they"}},
		{"I/PRP did/VBD n't/RB see/VB us/PRP", []string{"I", "do", "not", "see", "we"}},
		{"children/NNS wo/MD n't/RB go/VB", []string{"child", "will", "not", "go"}},
		{"Police/NNS detained/VBD 12/CD men/NNS", []string{"police", "detain", "12", "man"}},
		{"bigger/JJR and/CC best/JJS", []string{"big", "and", "good"}},
		{"Rebels/NNS are/VBP shelling/VBG the/DT city/NN", []string{"rebel", "be", "shell", "the", "city"}},
		// Words unlikely to be in training go through rewrites and rules.
		{"peacekeepers/NNS re-occupied/VBD demilitarizing/VBG zones/NNS", []string{"peacekeeper", "re-occupy", "demilitarize", "zone"}},
		// A rule learned from "loaded" must not cut the e of a verb seen with it ("trade").
		{"Both/DT sides/NNS traded/VBD shots/NNS", []string{"both", "side", "trade", "shot"}},
		// Nor one learned from "travelled" cut a doubled letter that belongs to the stem ("shell").
		{"Troops/NNS shelled/VBD ports/NNS", []string{"troops", "shell", "port"}},
	} {
		s := tagged(c.words)
		m.Lemmatize(&s)
		for i, w := range c.want {
			if got := s.Tokens[i].Lemma; got != w {
				t.Errorf("%q: %s lemma %q, want %q", c.words, s.Tokens[i].Text, got, w)
			}
		}
	}
}

func TestLemmatizeUPOSOnly(t *testing.T) {
	m := trainTiny(t)
	s := nlp.Sentence{Tokens: []nlp.Token{{Text: "Troops", UPOS: "NOUN"}, {Text: "were", UPOS: "AUX"}, {Text: "Geneva", UPOS: "PROPN"}, {Text: ""}}}
	m.Lemmatize(&s)
	got := []string{s.Tokens[0].Lemma, s.Tokens[1].Lemma, s.Tokens[2].Lemma, s.Tokens[3].Lemma}
	if want := []string{"troops", "be", "Geneva", ""}; !slices.Equal(got, want) {
		// "Troops" with UPOS NOUN only is read as NN (singular), so it stays "troops".
		t.Errorf("lemmas %q, want %q", got, want)
	}
}

func TestSaveLoad(t *testing.T) {
	tiny := readTiny(t)
	m := trainTiny(t)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	saved := slices.Clone(buf.Bytes())
	m2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if a := Accuracy(m2, tiny); a != 1 {
		t.Errorf("loaded model: accuracy %.3f on the training sentences, want 1", a)
	}
	s1, s2 := tagged("Envoys/NNS negotiated/VBD quietly/RB"), tagged("Envoys/NNS negotiated/VBD quietly/RB")
	m.Lemmatize(&s1)
	m2.Lemmatize(&s2)
	if !slices.Equal(s1.Tokens, s2.Tokens) {
		t.Errorf("loaded model lemmatizes differently: %v vs %v", s1.Tokens, s2.Tokens)
	}
	var again bytes.Buffer
	if err := m2.Save(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(saved, again.Bytes()) {
		t.Error("saving a loaded model gives different bytes")
	}
	if _, err := Load(strings.NewReader("not gzip")); err == nil {
		t.Error("Load of text: no error")
	}
}

func FuzzLoad(f *testing.F) {
	var buf bytes.Buffer
	if err := trainTiny(f).Save(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			return
		}
		s := tagged("The/DT envoys/NNS met/VBD 's/VBZ x/NNP")
		m.Lemmatize(&s)
	})
}

// FuzzParse fuzzes the model text under the gzip layer.
func FuzzParse(f *testing.F) {
	var buf bytes.Buffer
	if err := trainTiny(f).Save(&buf); err != nil {
		f.Fatal(err)
	}
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		f.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(text)
	f.Add([]byte(magic + "\n1 1 1\nE\tUS\tNNP\tU.S.\nL\twent\tVBD\tgo\nR\ting\tVBG\t3\t\n"))
	f.Add([]byte(magic + "\n0 0 0\nE\tx\tNN\t=9,y\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		s := tagged("The/DT envoys/NNS met/VBD 's/VBZ x/NNP singing/VBG")
		m.Lemmatize(&s)
		var out bytes.Buffer
		if err := m.Save(&out); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkLemmatize(b *testing.B) {
	m := loadModelFile(b)
	s := tagged("The/DT bridge/NN was/VBD destroyed/VBN by/IN rebel/NN forces/NNS on/IN Sunday/NNP ,/, " +
		"officials/NNS said/VBD ,/, and/CC peacekeepers/NNS are/VBP re-occupying/VBG the/DT Zones/NNS ./.")
	b.ReportAllocs()
	for b.Loop() {
		m.Lemmatize(&s)
	}
	b.ReportMetric(float64(len(s.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkLoad reads the committed model file.
func BenchmarkLoad(b *testing.B) {
	data, err := os.ReadFile(modelPath)
	if err != nil {
		b.Skip(err)
	}
	b.ReportAllocs()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu0 := cputime.Thread()
	for b.Loop() {
		if _, err := Load(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cputime.Thread()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// TestLemmaValidUTF8 checks that rules cutting endings never leave a broken multi-byte letter
// (a curly-apostrophe contraction mis-tagged as a past tense verb once became "\xe2\x80ear").
func TestLemmaValidUTF8(t *testing.T) {
	for _, m := range []*Model{trainTiny(t), loadModelFile(t)} {
		checkValidUTF8(t, m)
	}
}

func checkValidUTF8(t *testing.T, m *Model) {
	for _, x := range []string{"VBD", "VBN", "VBZ", "NNS", "JJR", "RBS"} {
		for _, w := range []string{"’re", "’ve", "’d", "naïveté’s", "–ed", "élites", "’s’s"} {
			s := nlp.Sentence{Tokens: []nlp.Token{{Text: w, XPOS: x}}}
			m.Lemmatize(&s)
			if l := s.Tokens[0].Lemma; !utf8.ValidString(l) {
				t.Errorf("lemma of %q/%s = %q: not valid UTF-8", w, x, l)
			}
		}
	}
}
