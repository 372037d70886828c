package extract

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

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
	blindEntityFloor   = 0.0
	blindRelationFloor = 0.0
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
