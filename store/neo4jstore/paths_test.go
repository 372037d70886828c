package neo4jstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// TestPathsMatchMemstore loads one generated graph (hubs, parallel
// relations, Zipf degrees) into Neo4j and memstore and asserts that Paths
// answers alike for random pairs (popular and ordinary nodes, 1 to 4 hops,
// all types and a subset): the same paths, in the same order, cut at the
// same place.
func TestPathsMatchMemstore(t *testing.T) {
	s, m, gg := loadGenerated(t, 3, "paths")
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 7))
	pick := picker(r, gg, 20, kg.LabelZone, kg.LabelEnterprise, kg.LabelInstitution, kg.LabelProject, kg.LabelPerson)
	subset := []kg.RelType{kg.RelLocatedIn, kg.RelLendsTo, kg.RelPartOf}
	found, cut := map[int]int{}, 0
	for i := 0; i < 300; i++ {
		from, to := pick(), pick()
		if i%10 == 0 {
			to = from
		}
		hops := 1 + r.IntN(4)
		var types []kg.RelType
		if i%3 == 0 {
			types = subset
		}
		got, err := s.Paths(ctx, from, to, hops, types)
		if err != nil {
			t.Fatal(err)
		}
		want, err := m.Paths(ctx, from, to, hops, types)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) > 0 {
			found[want[0].Len()]++
		}
		if len(want) == store.MaxPaths {
			cut++
		}
		if a, b := pathIDs(got), pathIDs(want); !reflect.DeepEqual(a, b) {
			t.Errorf("Paths(%s, %s, %d, %v): %d paths\n%v\nmemstore %d\n%v", from, to, hops, types, len(got), a, len(want), b)
			continue
		}
		lean, err := s.PathsOf(ctx, from, to, hops, types, store.TraversalOptions{NoEvidence: true})
		if err != nil {
			t.Fatal(err)
		}
		if a, b := printPaths(lean), printPaths(withoutEvidence(want)); a != b {
			t.Errorf("PathsOf(%s) without evidence:\n%s\nmemstore\n%s", from, a, b)
		}
		for k := range got { // printed alike: nil and empty aliases or properties are the same
			if fmt.Sprintf("%+v %+v", got[k].Nodes, got[k].Relations) != fmt.Sprintf("%+v %+v", want[k].Nodes, want[k].Relations) {
				t.Errorf("Paths(%s, %s): path %d differs:\n%+v\nmemstore\n%+v", from, to, k, got[k], want[k])
			}
		}
	}
	t.Logf("shortest paths found by length: %v; %d results cut at %d", found, cut, store.MaxPaths)
	for l := 1; l <= 4; l++ {
		if found[l] == 0 {
			t.Errorf("no pair with shortest paths of length %d: the test proves little", l)
		}
	}
	if cut == 0 {
		t.Error("no result was cut: the test proves little")
	}
}

// pathIDs lists each path as its node and relation IDs.
func pathIDs(ps []kg.Path) []string {
	out := []string{}
	for _, p := range ps {
		s := string(p.Nodes[0].ID)
		for i, r := range p.Relations {
			s += fmt.Sprintf(" -%s- %s", r.ID, p.Nodes[i+1].ID)
		}
		out = append(out, s)
	}
	return out
}

// printPaths prints paths whole: nil and empty aliases or properties
// print alike.
func printPaths(ps []kg.Path) string {
	out := ""
	for _, p := range ps {
		out += fmt.Sprintf("%+v %+v\n", p.Nodes, p.Relations)
	}
	return out
}

// withoutEvidence returns copies of paths with the evidence of their nodes
// and relations dropped (store.TraversalOptions.NoEvidence).
func withoutEvidence(ps []kg.Path) []kg.Path {
	out := make([]kg.Path, len(ps))
	for i, p := range ps {
		q := kg.Path{Nodes: make([]kg.Node, len(p.Nodes)), Relations: make([]kg.Relation, len(p.Relations))}
		for k, n := range p.Nodes {
			n.Evidence = nil
			q.Nodes[k] = n
		}
		for k, r := range p.Relations {
			r.Evidence = nil
			q.Relations[k] = r
		}
		out[i] = q
	}
	return out
}

// loadGenerated loads one generated graph of 3000 nodes (hubs, parallel
// relations, Zipf degrees) into the test Neo4j (cleared first) and into a
// memstore.
func loadGenerated(t *testing.T, seed uint64, name string) (*neo4jstore.Store, *memstore.Store, *gen.GraphGen) {
	t.Helper()
	s := openTestStore(t)
	ctx := context.Background()
	gg, err := gen.NewGraph(gen.GraphConfig{Seed: seed, Nodes: 3000})
	if err != nil {
		t.Fatal(err)
	}
	g := gg.Graph()
	doc := kg.Document{ID: kg.DocumentID(name + ".graph"), Name: name + ".graph", SHA256: name}
	if err := s.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BulkLoad(ctx, doc, g, 0); err != nil {
		t.Fatal(err)
	}
	m := memstore.New()
	if _, err := m.Upsert(ctx, doc, g); err != nil {
		t.Fatal(err)
	}
	return s, m, gg
}

// picker picks random nodes of the labels (repeat a label to favour it),
// half of them among the first popular of their label (the biggest hubs).
func picker(r *rand.Rand, gg *gen.GraphGen, popular int, labels ...kg.Label) func() kg.ID {
	return func() kg.ID {
		l := labels[r.IntN(len(labels))]
		c := gg.Counts()[l]
		if r.IntN(2) == 0 {
			return gg.ID(l, r.IntN(min(c, popular)))
		}
		return gg.ID(l, r.IntN(c))
	}
}
