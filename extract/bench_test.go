package extract

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"unicode/utf8"

	"github.com/zonegraph/zonegraph/bench/gen"
)

// generatedPages returns the bench's corpus: n pages of bench/gen text with
// seed 1, as bench/cmd/zgbench benchExtraction extracts them.
func generatedPages(tb testing.TB, n int) ([]gen.Page, int) {
	tb.Helper()
	var ps []gen.Page
	runes := 0
	if err := gen.TextCorpus(gen.TextConfig{Seed: 1, Pages: n}, func(p gen.Page) error {
		ps = append(ps, p)
		runes += utf8.RuneCountInString(p.Text)
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	return ps, runes
}

// BenchmarkGeneratedPages reproduces the bench's extraction number: the 300
// generated pages of zgbench, one goroutine, after Warm; chars/s are runes
// per wall second, chars/cpu-s runes per CPU second of the process (GC
// included; the number to compare on a loaded machine, best with -cpu 1).
func BenchmarkGeneratedPages(b *testing.B) {
	ps, runes := generatedPages(b, 300)
	contents := make([][]byte, len(ps))
	for i, p := range ps {
		contents[i] = []byte(p.Text)
	}
	Warm()
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for i := 0; i < b.N; i++ {
		for j, p := range ps {
			if _, err := Page(p.Name, contents[j]); err != nil {
				b.Fatal(err)
			}
		}
	}
	cpu := cpuSeconds() - cpu0
	b.ReportMetric(float64(runes)*float64(b.N)/b.Elapsed().Seconds(), "chars/s")
	if cpu > 0 {
		b.ReportMetric(float64(runes)*float64(b.N)/cpu, "chars/cpu-s")
	}
}

var dumpAllPath = flag.String("dumpall", "", "write the graphs of the seed, the testdata pages and 300 generated pages as one JSON file")

// TestDumpAll writes every page's graph when -dumpall is given, so that a
// change meant to keep the output (a speed-up) can be checked byte for byte
// against the output before it.
func TestDumpAll(t *testing.T) {
	if *dumpAllPath == "" {
		t.Skip("no -dumpall")
	}
	pages := map[string][]byte{"000_7ba3bcd1ecf2bdfd.txt": seedBytes(t)}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	more, _ := filepath.Glob(filepath.Join("testdata", "*", "*.txt"))
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages[f] = b
	}
	ps, _ := generatedPages(t, 300)
	for _, p := range ps {
		pages["gen/"+p.Name] = []byte(p.Text)
	}
	names := make([]string, 0, len(pages))
	for n := range pages {
		names = append(names, n)
	}
	sort.Strings(names)
	out := map[string]any{}
	for _, n := range names {
		res, err := Page(filepath.Base(n), pages[n])
		if err != nil {
			t.Fatal(err)
		}
		out[n] = res
	}
	b, _ := json.MarshalIndent(out, "", " ")
	if err := os.WriteFile(*dumpAllPath, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkRunesString converts the sentences of the 300 generated pages
// to strings with string([]rune) and with runesString, alternately in one
// process (both halves see the same load); runtime/runesString is the ratio
// of their CPU seconds (> 1: runesString is faster).
func BenchmarkRunesString(b *testing.B) {
	ps, _ := generatedPages(b, 300)
	var sents [][]rune
	for _, p := range ps {
		x := &extractor{gaz: loadGazetteer()}
		for ai, a := range layoutArticles([]rune(p.Text)) {
			x.artText = append(x.artText, "")
			for _, s := range x.sentences(ai, a) {
				sents = append(sents, s.sp.text)
			}
		}
	}
	var sink int
	b.ResetTimer()
	var std, ours float64
	for i := 0; i < b.N; i++ {
		c0 := cpuSeconds()
		for _, rs := range sents {
			sink += len(string(rs))
		}
		c1 := cpuSeconds()
		for _, rs := range sents {
			sink += len(runesString(rs))
		}
		std, ours = std+c1-c0, ours+cpuSeconds()-c1
	}
	if ours > 0 && sink > 0 {
		b.ReportMetric(std/ours, "runtime/runesString")
	}
}
