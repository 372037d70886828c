package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// genericNameCoreAll is genericNameCore trying every word of both lists in
// order (the loop before the words were indexed by rune).
func genericNameCoreAll(gz *gazetteer, core string) bool {
	if i := strings.Index(core, "("); i >= 0 {
		if j := strings.Index(core[i:], ")"); j > 0 {
			core = core[:i] + core[i+j+1:]
		}
	}
	for changed := true; changed && core != ""; {
		changed = false
		for _, lists := range [][]string{gz.industry, nameWords} {
			for _, w := range lists {
				if t, ok := strings.CutSuffix(core, w); ok && w != "" {
					core, changed = t, true
				}
				if t, ok := strings.CutPrefix(core, w); ok && w != "" {
					core, changed = t, true
				}
			}
		}
	}
	return len([]rune(core)) < 2
}

// TestGenericNameCoreIndexed compares genericNameCore with the loop over
// every word on cores made of trade words, brands and places.
func TestGenericNameCoreIndexed(t *testing.T) {
	gz := loadGazetteer()
	parts := append(append([]string{"华为", "狮达", "桂林", "(桂林)", "湖大华龙", "A", "与", "数"}, gz.industry...), nameWords...)
	rng := rand.New(rand.NewPCG(1, 7))
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for k := rng.IntN(5); k >= 0; k-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		core := b.String()
		if got, want := genericNameCore(gz, core), genericNameCoreAll(gz, core); got != want {
			t.Fatalf("genericNameCore(%q) = %v, the loop over every word says %v", core, got, want)
		}
	}
}

// TestIsHanTable compares isHan with unicode.Han on every rune.
func TestIsHanTable(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isHan(r) != unicode.Is(unicode.Han, r) {
			t.Fatalf("isHan(%U) = %v", r, isHan(r))
		}
	}
}

// uncountedRunes is uncounted rune by rune (as goodCore tested before).
func uncountedRunes(core string) bool {
	prev := rune(-1)
	for _, c := range core {
		if c >= '0' && c <= '9' {
			return false
		}
		if c == '家' && (prev < 0 || rsNumeralEachNum.has(prev)) {
			return false
		}
		prev = c
	}
	return true
}

// TestUncounted compares uncounted with the rune-by-rune test on strings
// of digits, numerals, 家 and other runes.
func TestUncounted(t *testing.T) {
	parts := []string{"家", "国", "多", "十", "5", "A", "科技", "专", "两", "Ｂ", "(", "业", "每"}
	rng := rand.New(rand.NewPCG(5, 11))
	for i := 0; i < 100000; i++ {
		var b strings.Builder
		for k := rng.IntN(6); k >= 0; k-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		if core := b.String(); uncounted(core) != uncountedRunes(core) {
			t.Fatalf("uncounted(%q) = %v", core, uncounted(core))
		}
	}
}

// TestByRune compares byRune.get with the map it was made from, on every
// rune of the Basic Multilingual Plane and a few above.
func TestByRune(t *testing.T) {
	for _, m := range []map[rune][][]rune{stopByLast, hardStopsByLast, nameEndByFirst, {0x20000: {{0x20000}}}} {
		b := newByRune(m)
		for r := rune(-1); r < 1<<16+2; r++ {
			if got, want := b.get(r), m[r]; len(got) != len(want) || len(got) > 0 && &got[0] != &want[0] {
				t.Fatalf("get(%U) = %v, the map holds %v", r, got, want)
			}
		}
		if got := b.get(0x20000); len(got) != len(m[0x20000]) {
			t.Fatalf("get(U+20000) = %v", got)
		}
	}
}
