package extract

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/kg"

	"github.com/zonegraph/zonegraph/eval"
)

// Blind round: testdata/blind/ holds seven pages from zones the extractor had
// never seen (合肥, 长沙, 郑州, 贵阳, 东莞松山湖, 芜湖, and an OCR page with 宁波,
// 厦门火炬, 株洲 and headlines gathered at the end), gold written by hand
// before the extractor was run on them.
//
// First blind run (before any tuning on these pages):
//
//	page           entityF1    relF1    attrs   titles
//	changsha          0.625    0.250     2/7      1/1
//	guiyang           0.519    0.333     1/6      1/1
//	hefei             0.815    0.762     6/7      1/1
//	ocr_gather        0.905    0.774     6/12     3/3
//	songshanhu        0.897    0.778     5/6      1/1
//	wuhu              0.839    0.696     6/6      1/1
//	zhengzhou         0.692    0.522     3/6      1/1
//	micro             0.766    0.613    29/50     9/9
const (
	blindEntityFloor   = 0.85
	blindRelationFloor = 0.70
)

// TestBlind scores every testdata/blind/NAME.txt on its own against
// NAME.gold.yaml, logs a per-page table (with missed and spurious facts under
// -v) and asserts the floors per page and micro-averaged.
func TestBlind(t *testing.T) {
	scorePages(t, filepath.Join("testdata", "blind"), 7, blindEntityFloor, blindRelationFloor)
}

// scorePages extracts and scores each NAME.txt in dir against NAME.gold.yaml.
func scorePages(t *testing.T, dir string, minPages int, entityFloor, relationFloor float64) {
	t.Helper()
	golds, err := filepath.Glob(filepath.Join(dir, "*.gold.yaml"))
	if err != nil || len(golds) < minPages {
		t.Fatalf("want at least %d pages in %s, found %d (%v)", minPages, dir, len(golds), err)
	}
	sort.Strings(golds)
	var micro eval.Report
	var table strings.Builder
	fmt.Fprintf(&table, "%-14s %8s %8s %8s %8s\n", "page", "entityF1", "relF1", "attrs", "titles")
	for _, gp := range golds {
		name := strings.TrimSuffix(filepath.Base(gp), ".gold.yaml")
		gold, err := eval.LoadGold(gp)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := Page(name+".txt", b)
		if err != nil {
			t.Fatal(err)
		}
		checkEvidence(t, b, res.Graph)
		rep := eval.Score(gold, res.Graph)
		micro.Add(rep)
		fmt.Fprintf(&table, "%-14s %8.3f %8.3f %5d/%-2d %5d/%-2d\n", name, rep.EntityF1(), rep.RelationF1(), rep.AttrOK, rep.AttrAll, rep.ArticlesMatched, rep.ArticlesTotal)
		if rep.EntityF1() < entityFloor || rep.RelationF1() < relationFloor || testing.Verbose() {
			var out bytes.Buffer
			rep.Format(&out)
			for _, m := range rep.Missed {
				fmt.Fprintln(&out, "  missed  ", m)
			}
			for _, s := range rep.Spurious {
				fmt.Fprintln(&out, "  spurious", s)
			}
			t.Logf("%s\n%s", name, out.String())
		}
		if f := rep.EntityF1(); f < entityFloor {
			t.Errorf("%s: entity F1 %.3f < %.2f", name, f, entityFloor)
		}
		if f := rep.RelationF1(); f < relationFloor {
			t.Errorf("%s: relation F1 %.3f < %.2f", name, f, relationFloor)
		}
	}
	fmt.Fprintf(&table, "%-14s %8.3f %8.3f %5d/%-2d %5d/%-2d\n", "micro", micro.EntityF1(), micro.RelationF1(), micro.AttrOK, micro.AttrAll, micro.ArticlesMatched, micro.ArticlesTotal)
	t.Log("\n" + table.String())
	if micro.EntityF1() < entityFloor || micro.RelationF1() < relationFloor {
		t.Errorf("micro-average below the floors: entity %.3f, relation %.3f", micro.EntityF1(), micro.RelationF1())
	}
}

var showPage = flag.String("show", "", "print the nodes and relations extracted from this page file")

// TestShowPage prints what the extractor finds on one page (-show FILE), a
// debugging aid for the held-out and blind rounds.
func TestShowPage(t *testing.T) {
	if *showPage == "" {
		t.Skip("no -show")
	}
	b, err := os.ReadFile(*showPage)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Page(filepath.Base(*showPage), b)
	if err != nil {
		t.Fatal(err)
	}
	names := map[kg.ID]string{}
	var out strings.Builder
	for _, n := range res.Graph.Nodes {
		names[n.ID] = n.Name
		if n.Label != kg.LabelArticle {
			fmt.Fprintf(&out, "%-12s %s %v %v\n", n.Label, n.Name, n.Aliases, n.Properties)
		}
	}
	for _, r := range res.Graph.Relations {
		if r.Type == kg.RelMentionedIn {
			continue
		}
		fmt.Fprintf(&out, "%-14s %s -> %s %v\n", r.Type, names[r.From], names[r.To], r.Properties)
	}
	t.Log("\n" + out.String())
}

// TestShowCands prints each sentence of a page (-show FILE -cands) with its
// rule candidates and the segmenter's tokens.
func TestShowCands(t *testing.T) {
	if *showPage == "" || !*showCands {
		t.Skip("no -show -cands")
	}
	b, err := os.ReadFile(*showPage)
	if err != nil {
		t.Fatal(err)
	}
	Warm()
	arts := layoutArticles([]rune(string(b)))
	x := &extractor{gaz: loadGazetteer()}
	var out strings.Builder
	for ai, a := range arts {
		x.artText = append(x.artText, string(normRunes([]rune(a.title+"\n"+a.text()))))
		fmt.Fprintf(&out, "== article %d: %s\n", ai, a.title)
		for _, s := range x.sentences(ai, a) {
			fmt.Fprintf(&out, "-- %s\n  ", string(s.n))
			for i := 0; i <= len(s.n); i++ {
				if tk, ok := s.tokAt(i); ok {
					fmt.Fprintf(&out, "%s/%s ", string(s.n[tk.start:tk.end]), tk.pos)
				}
			}
			fmt.Fprintln(&out)
			for _, c := range x.findCandidates(s) {
				fmt.Fprintf(&out, "  %-12s %-8s %s\n", c.label, c.kind, c.name)
			}
		}
	}
	t.Log("\n" + out.String())
}

var showCands = flag.Bool("cands", false, "with -show: print sentences, tokens and candidates")
