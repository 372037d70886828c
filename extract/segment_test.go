package extract

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// gsePos is the segmentation as gse's Segmenter.Pos gives it.
func gsePos(seg *gse.Segmenter, text []rune) []token {
	var out []token
	i := 0
	for _, sp := range seg.Pos(string(text), false) {
		n := utf8.RuneCountInString(sp.Text)
		out = append(out, token{i, i + n, sp.Pos})
		i += n
	}
	return out
}

// TestViterbiMatchesGse checks that tokenize gives gse's own segmentation
// (seg.Pos without search mode) on every sentence of the seed, the test
// pages and 60 generated pages, and on odd inputs, with a gse Segmenter
// loaded the same way.
func TestViterbiMatchesGse(t *testing.T) {
	Warm()
	seg, err := loadGse(loadGazetteer())
	if err != nil {
		t.Fatal(err)
	}
	var texts [][]rune
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*.txt"))
	files = append(files, filepath.Join("..", "seeds", "000_7ba3bcd1ecf2bdfd.txt"), filepath.Join("testdata", "second_page.txt"))
	var pages []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, string(b))
	}
	ps, _ := generatedPages(t, 60)
	for _, p := range ps {
		pages = append(pages, p.Text)
	}
	for _, p := range pages {
		x := &extractor{gaz: loadGazetteer()}
		for ai, a := range layoutArticles([]rune(p)) {
			x.artText = append(x.artText, "")
			for _, s := range x.sentences(ai, a) {
				texts = append(texts, s.n)
			}
		}
	}
	for _, s := range []string{"ABB(中国)有限公司", "年产10GWh新型锂电池", "TCL科技集团股份有限公司", "Ａ股", "x", "3", "，", "高新区 管委会", "ÀÉ中文ÿ123abc"} {
		texts = append(texts, []rune(s))
	}
	if len(texts) < 1000 {
		t.Fatalf("only %d sentences", len(texts))
	}
	for _, n := range texts {
		got, want := tokenize(n), gsePos(seg, n)
		if len(got) != len(want) {
			t.Fatalf("%q: %d tokens, gse %d\n got %v\nwant %v", string(n), len(got), len(want), got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%q: token %d = %v, gse %v", string(n), i, got[i], want[i])
			}
		}
	}
	t.Logf("%d sentences", len(texts))
}

// TestRunesString checks runesString against string([]rune), invalid runes
// (U+FFFD) included.
func TestRunesString(t *testing.T) {
	cases := [][]rune{nil, {}, []rune("据报道，苏州工业园区（SIP）与ABC科技有限公司签约 2024年"),
		{-1, 0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF, 0x110000, 'a', '中'}}
	for _, rs := range cases {
		if got, want := runesString(rs), string(rs); got != want {
			t.Errorf("runesString(%U) = %q, want %q", rs, got, want)
		}
		if got, want := runesLen(rs), len(string(rs)); got != want {
			t.Errorf("runesLen(%U) = %d, want %d", rs, got, want)
		}
	}
}
