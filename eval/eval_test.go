package eval

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/extract"
	"github.com/zonegraph/zonegraph/kg"
)

const (
	seedPage = "000_7ba3bcd1ecf2bdfd.txt"
	seedGold = "000_7ba3bcd1ecf2bdfd.gold.yaml"
)

func loadDump(t *testing.T, path string) *kg.Graph {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g kg.Graph
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return &g
}

// pyScore is score.py's --json output.
type pyScore struct {
	Entities   map[string][3]int `json:"entities"`
	Relations  map[string][3]int `json:"relations"`
	Attributes [2]int            `json:"attributes"`
	Articles   [2]int            `json:"articles"`
}

// TestScoreMatchesScorePy checks the port against score.py's counts on two
// fixed dumps (testdata/*.score.json were written by score.py --json).
func TestScoreMatchesScorePy(t *testing.T) {
	gold, err := LoadGold(filepath.Join("..", "seeds", seedGold))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"seed", "perturbed"} {
		t.Run(name, func(t *testing.T) {
			rep := Score(gold, loadDump(t, filepath.Join("testdata", name+".dump.json")))
			b, err := os.ReadFile(filepath.Join("testdata", name+".score.json"))
			if err != nil {
				t.Fatal(err)
			}
			var want pyScore
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			check := func(kind string, got map[string]Counts, want map[string][3]int) {
				for k, w := range want {
					if c := got[k]; [3]int{c.TP, c.FP, c.FN} != w {
						t.Errorf("%s %s: got %v, score.py %v", kind, k, [3]int{c.TP, c.FP, c.FN}, w)
					}
				}
				for k, c := range got {
					if _, ok := want[k]; !ok && c != (Counts{}) {
						t.Errorf("%s %s: got %v, score.py has none", kind, k, c)
					}
				}
			}
			check("entities", rep.Entities, want.Entities)
			check("relations", rep.Relations, want.Relations)
			if [2]int{rep.AttrOK, rep.AttrAll} != want.Attributes {
				t.Errorf("attributes %d/%d, score.py %v", rep.AttrOK, rep.AttrAll, want.Attributes)
			}
			if [2]int{rep.ArticlesMatched, rep.ArticlesTotal} != want.Articles {
				t.Errorf("articles %d/%d, score.py %v", rep.ArticlesMatched, rep.ArticlesTotal, want.Articles)
			}
		})
	}
}

// TestSeedFloors runs the extractor on the seed page and asserts the bar.
func TestSeedFloors(t *testing.T) {
	gold, err := LoadGold(filepath.Join("..", "seeds", seedGold))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("..", "seeds", seedPage))
	if err != nil {
		t.Fatal(err)
	}
	res, err := extract.Page(seedPage, b)
	if err != nil {
		t.Fatal(err)
	}
	rep := Score(gold, res.Graph)
	var out bytes.Buffer
	rep.Format(&out)
	t.Log("\n" + out.String())
	if f := rep.EntityF1(); f < 0.95 {
		t.Errorf("entity F1 %.3f < 0.95", f)
	}
	if f := rep.RelationF1(); f < 0.85 {
		t.Errorf("relation F1 %.3f < 0.85", f)
	}
	if a := rep.Attributes(); a < 0.90 {
		t.Errorf("attributes %.3f < 0.90", a)
	}
	if rep.ArticlesMatched != 6 || rep.ArticlesTotal != 6 {
		t.Errorf("articles %d/%d, want 6/6", rep.ArticlesMatched, rep.ArticlesTotal)
	}
	if !strings.Contains(out.String(), "entity_f1=") {
		t.Errorf("Format output lacks the summary line: %s", out.String())
	}
}

func TestNorm(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"杭州高新区（滨江）", "杭州高新区(滨江)"},
		{"“最牛科技街”", "最牛科技街"},
		{"ＡＢＣ 公司", "abc公司"},
	} {
		if got := Norm(c.in); got != c.want {
			t.Errorf("Norm(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
