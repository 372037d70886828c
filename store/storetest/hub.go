package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// PageHub is a page around hubs, with more chains and shortest paths than
// store.MaxPaths: two banks lending to (most of) 70 firms spread over three zones, some
// of them investing in or operating eight projects, lending to each other,
// or located nowhere (dead ends).
func PageHub() Page {
	b := newBuilder("hub.txt")
	bank := b.node(kg.LabelEnterprise, "枢纽银行", nil, nil, "枢纽银行")
	bank2 := b.node(kg.LabelEnterprise, "第二银行", nil, nil, "第二银行")
	var zones, firms, projects []kg.ID
	for i := 0; i < 3; i++ {
		zones = append(zones, b.node(kg.LabelZone, fmt.Sprintf("枢纽园区%d", i), nil, nil, "园区"))
	}
	for i := 0; i < 8; i++ {
		projects = append(projects, b.node(kg.LabelProject, fmt.Sprintf("枢纽项目%d", i), nil, nil, "项目"))
	}
	for i := 0; i < 70; i++ {
		firms = append(firms, b.node(kg.LabelEnterprise, fmt.Sprintf("枢纽企业%02d有限公司", i), nil, nil, "企业"))
	}
	for i, p := range projects {
		if i != 5 {
			b.rel(kg.RelLocatedIn, p, zones[i%3], nil, "项目落户")
		}
	}
	for i, f := range firms {
		b.rel(kg.RelLendsTo, bank, f, map[string]any{kg.PropAmountCNY: int64(1000000 * (i + 1))}, "贷款")
		if i%10 != 9 {
			b.rel(kg.RelLendsTo, bank2, f, nil, "贷款")
		}
		if i%11 != 0 {
			b.rel(kg.RelLocatedIn, f, zones[i%3], nil, "位于")
		}
		if i%4 == 0 {
			b.rel(kg.RelInvestsIn, f, projects[i%8], nil, "投资")
		}
		if i%5 == 0 {
			b.rel(kg.RelOperates, f, projects[i%8], nil, "运营")
		}
		if i%7 == 0 {
			b.rel(kg.RelLendsTo, f, firms[(i+1)%70], nil, "借款")
		}
	}
	return b.page("枢纽")
}

// allChains lists every chain of g from `from` by brute force (the hop rules
// of store.Store.Chains), sorted by store.SortChains.
func allChains(g *kg.Graph, from kg.ID, dir store.ChainDirection, hops int) []kg.Path {
	nodes := map[kg.ID]kg.Node{}
	for _, n := range g.Nodes {
		nodes[n.ID] = n
	}
	money := map[kg.RelType]bool{kg.RelLendsTo: true, kg.RelInvestsIn: true, kg.RelOperates: true}
	var out []kg.Path
	var dfs func(p kg.Path)
	dfs = func(p kg.Path) {
		end := p.Nodes[len(p.Nodes)-1].ID
		extended := false
		last := len(p.Relations) > 0 && p.Relations[len(p.Relations)-1].Type == kg.RelLocatedIn
		for _, r := range g.Relations {
			if len(p.Relations) == hops || last {
				break
			}
			var next kg.ID
			switch {
			case dir == store.Downstream && r.From == end && (money[r.Type] || (r.Type == kg.RelLocatedIn && len(p.Relations) > 0)):
				next = r.To
			case dir == store.Upstream && r.To == end && money[r.Type]:
				next = r.From
			default:
				continue
			}
			if onPath(p, next) {
				continue
			}
			extended = true
			dfs(kg.Path{Nodes: append(p.Nodes[:len(p.Nodes):len(p.Nodes)], nodes[next]),
				Relations: append(p.Relations[:len(p.Relations):len(p.Relations)], r)})
		}
		if !extended && len(p.Relations) > 0 {
			out = append(out, p)
		}
	}
	dfs(kg.Path{Nodes: []kg.Node{nodes[from]}})
	store.SortChains(out)
	return out
}

// allShortest lists every shortest path of at most hops between from and to
// (ignoring direction, all types but MENTIONED_IN) by brute force, sorted
// by store.SortPaths.
func allShortest(g *kg.Graph, from, to kg.ID, hops int) []kg.Path {
	nodes := map[kg.ID]kg.Node{}
	for _, n := range g.Nodes {
		nodes[n.ID] = n
	}
	var out []kg.Path
	best := hops
	var dfs func(p kg.Path)
	dfs = func(p kg.Path) {
		end := p.Nodes[len(p.Nodes)-1].ID
		if end == to {
			if len(p.Relations) < best {
				best, out = len(p.Relations), nil
			}
			out = append(out, p)
			return
		}
		if len(p.Relations) >= best {
			return
		}
		for _, r := range g.Relations {
			if r.Type == kg.RelMentionedIn || (r.From != end && r.To != end) {
				continue
			}
			next := r.To
			if r.To == end {
				next = r.From
			}
			if onPath(p, next) {
				continue
			}
			dfs(kg.Path{Nodes: append(p.Nodes[:len(p.Nodes):len(p.Nodes)], nodes[next]),
				Relations: append(p.Relations[:len(p.Relations):len(p.Relations)], r)})
		}
	}
	dfs(kg.Path{Nodes: []kg.Node{nodes[from]}})
	var shortest []kg.Path
	for _, p := range out {
		if len(p.Relations) == best {
			shortest = append(shortest, p)
		}
	}
	store.SortPaths(shortest)
	return shortest
}

func onPath(p kg.Path, id kg.ID) bool {
	for _, n := range p.Nodes {
		if n.ID == id {
			return true
		}
	}
	return false
}

// idSigs lists the paths in their order, each as its node and relation IDs.
func idSigs(ps []kg.Path) []string {
	out := []string{}
	for _, p := range ps {
		var b strings.Builder
		b.WriteString(string(p.Nodes[0].ID))
		for i, r := range p.Relations {
			fmt.Fprintf(&b, " %s %s", r.ID, p.Nodes[i+1].ID)
		}
		out = append(out, b.String())
	}
	return out
}

func firstN(ps []kg.Path, n int) []kg.Path { return ps[:min(n, len(ps))] }

// testHubTraversals checks the order and the cut of Chains and Paths where
// there are more answers than store.MaxPaths: the first MaxPaths of every
// answer (found by brute force) in the contract's order.
func testHubTraversals(t *testing.T, s store.Store) {
	page := PageHub()
	load(t, s, page)
	g := page.Graph
	bank := ID(kg.LabelEnterprise, "枢纽银行")
	zone0 := ID(kg.LabelZone, "枢纽园区0")
	project0 := ID(kg.LabelProject, "枢纽项目0")
	bank2 := ID(kg.LabelEnterprise, "第二银行")
	firm3 := ID(kg.LabelEnterprise, "枢纽企业03有限公司")
	chains := []struct {
		from      kg.ID
		dir       store.ChainDirection
		hops, all int // all: how many chains there are (> MaxPaths: cut)
	}{
		{bank, store.Downstream, 4, 0},
		{bank, store.Downstream, 2, 0},
		{bank, store.Downstream, 1, 70},
		{project0, store.Upstream, 4, 0},
		{firm3, store.Downstream, 3, 0},
	}
	cut := false
	for _, c := range chains {
		t.Run(fmt.Sprintf("chains %s %d %d", short(c.from), c.dir, c.hops), func(t *testing.T) {
			all := allChains(g, c.from, c.dir, c.hops)
			if c.all > 0 && len(all) != c.all {
				t.Fatalf("brute force found %d chains, want %d", len(all), c.all)
			}
			cut = cut || len(all) > store.MaxPaths
			got, err := s.Chains(ctx(), c.from, c.dir, c.hops)
			if err != nil {
				t.Fatal(err)
			}
			checkPathShape(t, got)
			if a, b := idSigs(got), idSigs(firstN(all, store.MaxPaths)); !reflect.DeepEqual(a, b) {
				t.Errorf("Chains (%d of %d) =\n%s\nwant\n%s", len(got), len(all), strings.Join(a, "\n"), strings.Join(b, "\n"))
			}
		})
	}
	if !cut {
		t.Error("no chain result was cut: the fixture proves little")
	}
	cut = false
	for _, c := range []struct {
		from, to kg.ID
		hops     int
	}{{bank, bank2, 4}, {bank2, bank, 3}, {bank, zone0, 4}, {firm3, project0, 4}, {project0, zone0, 3}, {zone0, bank, 4}} {
		t.Run(fmt.Sprintf("paths %s %s %d", short(c.from), short(c.to), c.hops), func(t *testing.T) {
			all := allShortest(g, c.from, c.to, c.hops)
			cut = cut || len(all) > store.MaxPaths
			got, err := s.Paths(ctx(), c.from, c.to, c.hops, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkPathShape(t, got)
			if a, b := idSigs(got), idSigs(firstN(all, store.MaxPaths)); !reflect.DeepEqual(a, b) {
				t.Errorf("Paths (%d of %d) =\n%s\nwant\n%s", len(got), len(all), strings.Join(a, "\n"), strings.Join(b, "\n"))
			}
		})
	}
	if !cut {
		t.Error("no paths result was cut: the fixture proves little")
	}
}

// refNeighborhood is Neighborhood by brute force on g: layer by layer, the
// neighbours (over types, all but MENTIONED_IN when empty, either
// direction) not yet included, by ID, cut to the room left under limit (a
// cut layer ends the search); then the node IDs and the relations among them.
func refNeighborhood(g *kg.Graph, id kg.ID, depth, limit int, types []kg.RelType) (nodes []kg.ID, rels []kg.Relation, truncated bool) {
	allowed := func(t kg.RelType) bool {
		if len(types) == 0 {
			return t != kg.RelMentionedIn
		}
		return slices.Contains(types, t)
	}
	adj := map[kg.ID][]kg.ID{}
	for _, r := range g.Relations {
		if allowed(r.Type) {
			adj[r.From] = append(adj[r.From], r.To)
			adj[r.To] = append(adj[r.To], r.From)
		}
	}
	in := map[kg.ID]bool{id: true}
	nodes = []kg.ID{id}
	frontier := []kg.ID{id}
	for d := 1; d <= depth && len(frontier) > 0 && !truncated; d++ {
		var layer []kg.ID
		seen := map[kg.ID]bool{}
		for _, f := range frontier {
			for _, m := range adj[f] {
				if !in[m] && !seen[m] {
					seen[m] = true
					layer = append(layer, m)
				}
			}
		}
		slices.Sort(layer)
		if room := limit - len(nodes); len(layer) > room {
			layer, truncated = layer[:room], true
		}
		for _, m := range layer {
			in[m] = true
		}
		nodes = append(nodes, layer...)
		frontier = layer
	}
	for _, r := range g.Relations {
		if allowed(r.Type) && in[r.From] && in[r.To] {
			rels = append(rels, r)
		}
	}
	slices.Sort(nodes)
	return nodes, rels, truncated
}

// testHubNeighborhood checks Neighborhood around hubs (banks lending to
// most of 70 firms, zones holding a third of them) against brute force, at
// limits that cut the layers through the hubs and limits that do not, and
// NeighborhoodReader's NoEvidence read: the same subgraph without evidence.
func testHubNeighborhood(t *testing.T, s store.Store) {
	pages := []Page{PageA(), PageB(), PageHub()}
	load(t, s, pages...)
	g := &kg.Graph{}
	relSeen := map[kg.ID]bool{}
	for _, p := range pages {
		for _, r := range p.Graph.Relations {
			if !relSeen[r.ID] {
				relSeen[r.ID] = true
				g.Relations = append(g.Relations, r)
			}
		}
	}
	nr, ok := s.(store.NeighborhoodReader)
	if !ok {
		t.Fatalf("%T does not implement store.NeighborhoodReader", s)
	}
	centres := []kg.ID{ID(kg.LabelEnterprise, "枢纽银行"), ID(kg.LabelEnterprise, "第二银行"), ID(kg.LabelZone, "枢纽园区0"),
		ID(kg.LabelEnterprise, "枢纽企业03有限公司"), ID(kg.LabelProject, "枢纽项目0"), IDHik}
	typeSets := [][]kg.RelType{nil, {kg.RelLendsTo, kg.RelLocatedIn}, {kg.RelMentionedIn, kg.RelLocatedIn, kg.RelPartOf}}
	lean := 0
	for _, c := range centres {
		for _, depth := range []int{1, 2, 3} {
			for _, limit := range []int{2, 5, 20, 60, 500} {
				for ti, types := range typeSets {
					name := fmt.Sprintf("%s/d%d/l%d/t%d", c, depth, limit, ti)
					wantNodes, wantRels, wantTrunc := refNeighborhood(g, c, depth, limit, types)
					got, trunc, err := s.Neighborhood(ctx(), c, depth, limit, types)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					if gn, gr, wr := nodeIDs(got), relIDs(got.Relations), relIDs(wantRels); !slices.Equal(gn, wantNodes) || !slices.Equal(gr, wr) || trunc != wantTrunc {
						t.Errorf("%s: got %d nodes %d relations truncated=%v, want %d %d %v\n got %v\nwant %v", name,
							len(gn), len(gr), trunc, len(wantNodes), len(wr), wantTrunc, gn, wantNodes)
						continue
					}
					if depth != 2 || limit == 2 {
						continue
					}
					lean++
					lg, ltrunc, err := nr.NeighborhoodOf(ctx(), c, store.NeighborhoodQuery{Depth: depth, Limit: limit, Types: types, NoEvidence: true})
					if err != nil {
						t.Fatalf("%s NoEvidence: %v", name, err)
					}
					had := 0
					for i := range got.Nodes {
						had += len(got.Nodes[i].Evidence)
						got.Nodes[i].Evidence = nil
					}
					for i := range got.Relations {
						had += len(got.Relations[i].Evidence)
						got.Relations[i].Evidence = nil
					}
					if had == 0 {
						t.Errorf("%s: no evidence to leave out", name)
					}
					if ltrunc != trunc || !reflect.DeepEqual(lg, got) {
						t.Errorf("%s NoEvidence:\n %+v\nwant\n %+v", name, lg, got)
					}
				}
			}
		}
	}
	if lean == 0 {
		t.Error("NoEvidence not checked")
	}
}

func relIDs(rs []kg.Relation) []kg.ID {
	out := []kg.ID{}
	for _, r := range rs {
		out = append(out, r.ID)
	}
	slices.Sort(out)
	return out
}
