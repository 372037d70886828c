package gen

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func reflow(text string) string { return strings.ReplaceAll(text, "\n", "") }

// The ground truth must be consistent with the page: every name, title,
// article start and evidence sentence is in the reflowed text, and every
// relation's evidence names both of its endpoints.
func TestTextGoldConsistent(t *testing.T) {
	var pages int
	err := TextCorpus(TextConfig{Seed: 11, Pages: 300}, func(p Page) error {
		pages++
		flat := reflow(p.Text)
		ents := map[string]GoldEntity{}
		for _, e := range p.Gold.Entities {
			if _, dup := ents[e.ID]; dup {
				t.Fatalf("%s: duplicate entity id %s", p.Name, e.ID)
			}
			ents[e.ID] = e
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				if !strings.Contains(flat, n) {
					t.Fatalf("%s: entity name %q not in the page", p.Name, n)
				}
			}
			if len(e.Articles) == 0 {
				t.Fatalf("%s: entity %s in no article", p.Name, e.Name)
			}
		}
		if n := len(p.Gold.Articles); n < 3 || n > 6 {
			t.Fatalf("%s: %d articles", p.Name, n)
		}
		for _, a := range p.Gold.Articles {
			if !strings.Contains(flat, a.Title) || !strings.Contains(flat, a.StartsWith) {
				t.Fatalf("%s: article %s title %q or start %q missing", p.Name, a.ID, a.Title, a.StartsWith)
			}
			for _, au := range a.Authors {
				if !strings.Contains(flat, au) {
					t.Fatalf("%s: author %s missing", p.Name, au)
				}
			}
		}
		for _, r := range p.Gold.Relations {
			from, ok1 := ents[r.From]
			to, ok2 := ents[r.To]
			if !ok1 || !ok2 {
				t.Fatalf("%s: relation %s %s-%s has an unknown endpoint", p.Name, r.Type, r.From, r.To)
			}
			if !strings.Contains(flat, r.Evidence) {
				t.Fatalf("%s: evidence %q not in the page", p.Name, r.Evidence)
			}
			for _, e := range []GoldEntity{from, to} {
				if !mentions(r.Evidence, e) {
					t.Fatalf("%s: evidence %q does not name %s", p.Name, r.Evidence, e.Name)
				}
			}
			if amt, ok := r.Attrs["amount_cny"].(int64); ok && amt <= 0 {
				t.Fatalf("%s: amount %d", p.Name, amt)
			}
		}
		// Seed style: short lines, headlines after the bodies.
		for _, l := range strings.Split(strings.TrimSpace(p.Text), "\n") {
			if n := len([]rune(l)); n > 40 {
				t.Fatalf("%s: line of %d runes: %q", p.Name, n, l)
			}
		}
		body := strings.Index(p.Text, p.Gold.Articles[len(p.Gold.Articles)-1].StartsWith[:3])
		if body < 0 {
			t.Fatalf("%s: last article start missing", p.Name)
		}
		// The YAML round-trips.
		y, err := p.Gold.YAML()
		if err != nil {
			t.Fatal(err)
		}
		var back Gold
		if err := yaml.Unmarshal(y, &back); err != nil || len(back.Relations) != len(p.Gold.Relations) {
			t.Fatalf("%s: gold YAML does not round-trip: %v", p.Name, err)
		}
		return nil
	})
	if err != nil || pages != 300 {
		t.Fatal(err, pages)
	}
}

func mentions(s string, e GoldEntity) bool {
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

func TestTextDeterministic(t *testing.T) {
	cases := []struct {
		seedA, seedB uint64
		page         int
		same         bool
	}{{5, 5, 0, true}, {5, 5, 77, true}, {5, 6, 0, false}}
	for _, c := range cases {
		a, b := TextPage(c.seedA, c.page, 1000), TextPage(c.seedB, c.page, 1000)
		ya, _ := a.Gold.YAML()
		yb, _ := b.Gold.YAML()
		if same := a.Text == b.Text && bytes.Equal(ya, yb) && a.Name == b.Name; same != c.same {
			t.Errorf("%+v: same = %v", c, same)
		}
	}
}

// Firms recur across pages (Zipf over the pool), as in real news.
func TestTextFirmsRecur(t *testing.T) {
	seen := map[string]int{}
	_ = TextCorpus(TextConfig{Seed: 2, Pages: 200}, func(p Page) error {
		for _, e := range p.Gold.Entities {
			if e.Type == "Enterprise" {
				seen[e.Name]++
			}
		}
		return nil
	})
	top := 0
	for _, n := range seen {
		top = max(top, n)
	}
	if top < 10 || len(seen) < 300 {
		t.Errorf("top firm on %d pages, %d firms", top, len(seen))
	}
}

// A golden page documents what the generator prints.
func TestTextGolden(t *testing.T) {
	p := TextPage(1, 0, 1000)
	y, _ := p.Gold.YAML()
	for _, f := range []struct {
		name string
		data []byte
	}{{"page0.txt", []byte(p.Text)}, {"page0.gold.yaml", y}} {
		path := filepath.Join("testdata", f.name)
		if *update {
			_ = os.MkdirAll("testdata", 0o755)
			if err := os.WriteFile(path, f.data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run with -update)", err)
		}
		if !bytes.Equal(want, f.data) {
			t.Errorf("%s differs from the golden file (run with -update if intended)", path)
		}
	}
}

func BenchmarkTextPage(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = TextPage(1, i, 40000)
	}
}
