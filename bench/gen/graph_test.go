package gen

import (
	"crypto/sha256"
	"encoding/json"
	"sort"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
)

func graphDigest(t *testing.T, g *kg.Graph) [32]byte {
	t.Helper()
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestGraphDeterministic(t *testing.T) {
	cases := []struct {
		name      string
		a, b      GraphConfig
		wantEqual bool
	}{
		{"same seed", GraphConfig{Seed: 1, Nodes: 5000}, GraphConfig{Seed: 1, Nodes: 5000}, true},
		{"other seed", GraphConfig{Seed: 1, Nodes: 5000}, GraphConfig{Seed: 2, Nodes: 5000}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ga, err := NewGraph(c.a)
			if err != nil {
				t.Fatal(err)
			}
			gb, _ := NewGraph(c.b)
			if eq := graphDigest(t, ga.Graph()) == graphDigest(t, gb.Graph()); eq != c.wantEqual {
				t.Fatalf("equal = %v, want %v", eq, c.wantEqual)
			}
		})
	}
}

// Batching must not change the graph: items own their randomness.
func TestGraphBatchesIndependentOfSize(t *testing.T) {
	g, _ := NewGraph(GraphConfig{Seed: 7, Nodes: 3000})
	whole := g.Graph()
	var parts kg.Graph
	var docs int
	_ = g.Batches(333, func(_ kg.Document, b *kg.Graph) error {
		docs++
		parts.Nodes = append(parts.Nodes, b.Nodes...)
		parts.Relations = append(parts.Relations, b.Relations...)
		return nil
	})
	if docs != (g.Items()+332)/333 {
		t.Fatalf("docs = %d", docs)
	}
	if graphDigest(t, whole) != graphDigest(t, &parts) {
		t.Fatal("batched graph differs from the whole graph")
	}
}

func TestGraphShape(t *testing.T) {
	for _, nodes := range []int{2000, 20000, 60000} {
		g, err := NewGraph(GraphConfig{Seed: 42, Nodes: nodes})
		if err != nil {
			t.Fatal(err)
		}
		gr := g.Graph()
		if len(gr.Nodes) != nodes {
			t.Errorf("%d: nodes = %d", nodes, len(gr.Nodes))
		}
		ids := map[kg.ID]kg.Label{}
		for _, n := range gr.Nodes {
			if _, dup := ids[n.ID]; dup {
				t.Fatalf("%d: duplicate node %s %s", nodes, n.ID, n.Name)
			}
			ids[n.ID] = n.Label
			if n.Label != kg.LabelArticle && len(n.Evidence) == 0 {
				t.Fatalf("node %s has no evidence", n.Name)
			}
		}
		rels := map[kg.ID]bool{}
		byType := map[kg.RelType]int{}
		// Endpoints must exist and be labelled as the model says; every
		// relation points backwards in generation order (checked via ids
		// filled in order).
		allowed := map[kg.RelType][2][]kg.Label{
			kg.RelPartOf:        {{kg.LabelZone}, {kg.LabelZone}},
			kg.RelLocatedIn:     {{kg.LabelEnterprise, kg.LabelInstitution, kg.LabelProject}, {kg.LabelZone}},
			kg.RelInvestsIn:     {{kg.LabelEnterprise, kg.LabelInstitution}, {kg.LabelProject}},
			kg.RelLendsTo:       {{kg.LabelEnterprise}, {kg.LabelEnterprise}},
			kg.RelPartnersWith:  {{kg.LabelEnterprise, kg.LabelInstitution}, {kg.LabelEnterprise}},
			kg.RelHoldsPosition: {{kg.LabelPerson}, {kg.LabelEnterprise, kg.LabelInstitution, kg.LabelZone}},
			kg.RelOperates:      {{kg.LabelEnterprise}, {kg.LabelProject}},
		}
		for _, r := range gr.Relations {
			if rels[r.ID] {
				t.Fatalf("%d: duplicate relation %s %s-%s", nodes, r.Type, r.From, r.To)
			}
			rels[r.ID] = true
			byType[r.Type]++
			if len(r.Evidence) == 0 || r.Evidence[0].Quote == "" {
				t.Fatalf("relation %s without evidence", r.ID)
			}
			if _, ok := ids[r.Evidence[0].Article]; !ok {
				t.Fatalf("evidence points at a missing article %s", r.Evidence[0].Article)
			}
			want := allowed[r.Type]
			ok := hasLabel(want[0], ids[r.From]) && hasLabel(want[1], ids[r.To])
			if r.Type.Undirected() { // either way round, oriented as the extractor's
				ok = (ok || hasLabel(want[0], ids[r.To]) && hasLabel(want[1], ids[r.From])) && r.From < r.To
			}
			if !ok {
				t.Fatalf("%s from %s to %s", r.Type, ids[r.From], ids[r.To])
			}
		}
		target := 5 * nodes
		if got := len(gr.Relations); got < target*97/100 || got > target*103/100 {
			t.Errorf("%d nodes: %d relations, want about %d", nodes, got, target)
		}
		for _, typ := range []kg.RelType{kg.RelPartOf, kg.RelLocatedIn, kg.RelInvestsIn, kg.RelLendsTo, kg.RelPartnersWith, kg.RelHoldsPosition, kg.RelOperates} {
			if byType[typ] == 0 && !(typ == kg.RelPartOf && nodes/200 <= len(nationalZones)) {
				t.Errorf("%d nodes: no %s", nodes, typ)
			}
		}
	}
}

func hasLabel(list []kg.Label, l kg.Label) bool {
	for _, x := range list {
		if x == l {
			return true
		}
	}
	return false
}

// The degree of zones (firms located in them) is heavily skewed: the top
// zone holds a large share, the median zone few, and the rank-size curve
// falls roughly like 1/rank.
func TestGraphSkew(t *testing.T) {
	g, _ := NewGraph(GraphConfig{Seed: 3, Nodes: 100000})
	gr := g.Graph()
	firms := map[kg.ID]int{}
	isEnt := map[kg.ID]bool{}
	for _, n := range gr.Nodes {
		if n.Label == kg.LabelEnterprise {
			isEnt[n.ID] = true
		}
	}
	partners := map[kg.ID]int{}
	for _, r := range gr.Relations {
		if r.Type == kg.RelLocatedIn && isEnt[r.From] {
			firms[r.To]++
		}
		if r.Type == kg.RelPartnersWith {
			partners[r.From]++
			partners[r.To]++
		}
	}
	deg := sortedDesc(firms)
	if deg[0] < 5000 {
		t.Errorf("top zone has %d firms, want thousands", deg[0])
	}
	if med := deg[len(deg)/2]; med*50 > deg[0] {
		t.Errorf("median zone %d vs top %d: not skewed", med, deg[0])
	}
	// rank-size: the 10th zone holds between 1/20 and 1/5 of the first.
	if r := float64(deg[9]) / float64(deg[0]); r < 0.05 || r > 0.2 {
		t.Errorf("deg[9]/deg[0] = %.3f, want about 0.1", r)
	}
	pd := sortedDesc(partners)
	if pd[0] < 50*pd[len(pd)/2] {
		t.Errorf("partner degree: top %d, median %d: not skewed", pd[0], pd[len(pd)/2])
	}
	if z := g.ZoneName(0); firms[kg.NodeID(kg.LabelZone, z)] != deg[0] {
		t.Errorf("rank 0 zone %s is not the largest", z)
	}
}

func sortedDesc(m map[kg.ID]int) []int {
	var out []int
	for _, v := range m {
		out = append(out, v)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(out)))
	return out
}

func BenchmarkGraph100k(b *testing.B) {
	for i := 0; i < b.N; i++ {
		g, _ := NewGraph(GraphConfig{Seed: 1, Nodes: 100000})
		_ = g.Batches(10000, func(kg.Document, *kg.Graph) error { return nil })
	}
}
