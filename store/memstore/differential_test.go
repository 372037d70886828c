package memstore_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
	"github.com/zonegraph/zonegraph/store/memstore/internal/reference"
)

// TestMatchesReference loads the same pages into the indexed store and the
// scan-based reference (the previous memstore) and asserts that every read
// answers the same after each step: pages added, a page replaced by a
// smaller version (nodes and relations disappear, relations lose an
// endpoint), a page restating other pages' nodes, the original put back.
func TestMatchesReference(t *testing.T) {
	if testing.Short() {
		t.Skip("about 30 s: the reference scans the whole graph per query")
	}
	ctx := context.Background()
	gg, err := gen.NewGraph(gen.GraphConfig{Seed: 7, Nodes: 3000})
	if err != nil {
		t.Fatal(err)
	}
	type pg struct {
		doc kg.Document
		g   *kg.Graph
	}
	var pages []pg
	var ids []kg.ID
	_ = gg.Batches(300, func(doc kg.Document, g *kg.Graph) error {
		pages = append(pages, pg{doc, g})
		for _, n := range g.Nodes {
			ids = append(ids, n.ID)
		}
		return nil
	})
	got, want := memstore.New(), reference.New()
	load := func(doc kg.Document, g *kg.Graph) {
		t.Helper()
		r1, err1 := got.Upsert(ctx, doc, g)
		r2, err2 := want.Upsert(ctx, doc, g)
		if err1 != nil || err2 != nil || r1 != r2 {
			t.Fatalf("Upsert(%s) = %+v, %v; reference %+v, %v", doc.Name, r1, err1, r2, err2)
		}
	}
	// Pages out of order, so that later pages fill in endpoints.
	for i := len(pages) - 1; i >= 0; i -= 2 {
		load(pages[i].doc, pages[i].g)
	}
	compareStores(t, "odd pages", got, want, ids)
	for i := len(pages) - 2; i >= 0; i -= 2 {
		load(pages[i].doc, pages[i].g)
	}
	compareStores(t, "all pages", got, want, ids)

	// Page 3 shrinks to its first half: its other nodes go, and relations
	// pointing at them from other pages lose an endpoint.
	p := pages[3]
	half := &kg.Graph{Nodes: p.g.Nodes[:len(p.g.Nodes)/2], Relations: p.g.Relations[:len(p.g.Relations)/2]}
	shrunk := p.doc
	shrunk.SHA256 = "shrunk"
	load(shrunk, half)
	compareStores(t, "page 3 shrunk", got, want, ids)

	// A new page restates nodes and relations of pages 0 and 5 with its own
	// evidence, aliases and properties.
	extra := &kg.Graph{}
	for _, src := range []*kg.Graph{pages[0].g, pages[5].g} {
		for i, n := range src.Nodes {
			if i%3 == 0 {
				n = n.Clone()
				n.Aliases = append(n.Aliases, fmt.Sprintf("别名%d", i))
				n.Properties["status"] = "在建"
				n.Evidence = []kg.Evidence{{Article: "article:extra", Quote: n.Name + "再次出现", Start: i, End: i + 5}}
				extra.Nodes = append(extra.Nodes, n)
			}
		}
		for i, r := range src.Relations {
			if i%4 == 0 {
				r = r.Clone()
				r.Evidence = []kg.Evidence{{Article: "article:extra", Quote: "再次", Start: i, End: i + 2}}
				extra.Relations = append(extra.Relations, r)
			}
		}
	}
	load(kg.Document{Name: "extra.txt", SHA256: "x"}, extra)
	compareStores(t, "restated", got, want, ids)

	// The original page 3 back, and the extra page emptied.
	load(p.doc, p.g)
	load(kg.Document{Name: "extra.txt", SHA256: "y"}, &kg.Graph{})
	compareStores(t, "restored", got, want, ids)
}

func compareStores(t *testing.T, stage string, got, want store.Store, ids []kg.ID) {
	t.Helper()
	ctx := context.Background()
	same := func(what string, g, w any, err1, err2 error) {
		t.Helper()
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("%s: %s: err %v, reference err %v", stage, what, err1, err2)
		}
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("%s: %s differs:\n got %v\nwant %v", stage, what, g, w)
		}
	}
	s1, e1 := got.Stats(ctx)
	s2, e2 := want.Stats(ctx)
	same("Stats", s1, s2, e1, e2)
	n1, e1 := got.Nodes(ctx, ids)
	n2, e2 := want.Nodes(ctx, ids)
	same("Nodes", n1, n2, e1, e2)
	for _, dir := range []store.Direction{store.Both, store.Outgoing, store.Incoming} {
		r1, e1 := got.Relations(ctx, ids, dir, nil)
		r2, e2 := want.Relations(ctx, ids, dir, nil)
		same(fmt.Sprintf("Relations dir %d", dir), r1, r2, e1, e2)
	}
	r1, e1 := got.Relations(ctx, ids, store.Incoming, []kg.RelType{kg.RelLocatedIn, kg.RelPartOf})
	r2, e2 := want.Relations(ctx, ids, store.Incoming, []kg.RelType{kg.RelLocatedIn, kg.RelPartOf})
	same("Relations typed", r1, r2, e1, e2)
	z1, e1 := got.Zones(ctx, store.ZoneFilter{})
	z2, e2 := want.Zones(ctx, store.ZoneFilter{})
	same("Zones", z1, z2, e1, e2)

	// Search: whole names, prefixes, substrings, single runes, labels.
	var queries []string
	for i := 0; i < len(ids); i += 97 {
		ns, _ := want.Nodes(ctx, []kg.ID{ids[i]})
		n, ok := ns[ids[i]]
		if !ok {
			continue
		}
		rs := []rune(n.Name)
		queries = append(queries, n.Name, string(rs[:min(2, len(rs))]), string(rs[len(rs)/2:]), string(rs[len(rs)/2]))
		if len(rs) > 4 {
			queries = append(queries, string(rs[1:4]))
		}
	}
	for _, q := range queries {
		for _, labels := range [][]kg.Label{nil, {kg.LabelZone, kg.LabelEnterprise}} {
			for _, limit := range []int{5, 0, 200} {
				a, e1 := got.Search(ctx, q, labels, limit)
				b, e2 := want.Search(ctx, q, labels, limit)
				same(fmt.Sprintf("Search(%q, %v, %d)", q, labels, limit), names(a), names(b), e1, e2)
				same(fmt.Sprintf("Search(%q) nodes", q), a, b, e1, e2)
			}
		}
	}

	// Traversals from a spread of nodes; some must find something.
	found := map[string]int{}
	for i := 0; i < len(ids); i += 211 {
		from := ids[i]
		for _, dir := range []store.ChainDirection{store.Downstream, store.Upstream} {
			a, e1 := got.Chains(ctx, from, dir, 4)
			b, e2 := want.Chains(ctx, from, dir, 4)
			same(fmt.Sprintf("Chains(%s, %d)", from, dir), a, b, e1, e2)
			found["chains"] += min(len(a), 1)
		}
		for _, c := range []struct{ depth, limit int }{{1, 0}, {2, 30}, {2, 200}} {
			g1, t1, e1 := got.Neighborhood(ctx, from, c.depth, c.limit, nil)
			g2, t2, e2 := want.Neighborhood(ctx, from, c.depth, c.limit, nil)
			same(fmt.Sprintf("Neighborhood(%s, %d, %d)", from, c.depth, c.limit), g1, g2, e1, e2)
			same("truncated", t1, t2, nil, nil)
			if t1 {
				found["truncated neighborhoods"]++
			}
		}
		for j := 5; j < len(ids); j += 389 {
			for _, hops := range []int{2, 4} {
				for _, types := range [][]kg.RelType{nil, {kg.RelInvestsIn, kg.RelLendsTo, kg.RelLocatedIn}} {
					a, e1 := got.Paths(ctx, from, ids[j], hops, types)
					b, e2 := want.Paths(ctx, from, ids[j], hops, types)
					same(fmt.Sprintf("Paths(%s, %s, %d, %v)", from, ids[j], hops, types), a, b, e1, e2)
					found["paths"] += min(len(a), 1)
				}
			}
		}
	}
	for _, what := range []string{"chains", "paths", "truncated neighborhoods"} {
		if found[what] == 0 {
			t.Errorf("%s: no non-empty %s: the comparison proves little", stage, what)
		}
	}
	t.Logf("%s: non-empty results compared: %v", stage, found)
}

func names(ns []kg.Node) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Name)
	}
	return out
}
