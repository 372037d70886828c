package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// Run runs the conformance suite. newStore must return an EMPTY store for
// each subtest (a database-backed store clears itself there); the suite
// closes nothing, so newStore may hand out the same store each time.
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	cases := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"IdempotentReupsert", testIdempotent},
		{"ReplaceChangedPage", testReplace},
		{"UndirectedBothWays", testUndirectedBothWays},
		{"NodesBatch", testNodesBatch},
		{"Relations", testRelations},
		{"Search", testSearch},
		{"Zones", testZones},
		{"SubZones", testSubZones},
		{"Paths", testPaths},
		{"Chains", testChains},
		{"HubTraversals", testHubTraversals},
		{"Neighborhood", testNeighborhood},
		{"HubNeighborhood", testHubNeighborhood},
		{"DocumentsAndStats", testDocumentsAndStats},
		{"InvalidArguments", testInvalid},
		{"Deterministic", testDeterministic},
		{"Members", testMembers},
		{"ZoneMembers", testZoneMembers},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			c.fn(t, s)
		})
	}
}

func ctx() context.Context { return context.Background() }

// load upserts pages, failing the test on error.
func load(t *testing.T, s store.Store, pages ...Page) []store.UpsertResult {
	t.Helper()
	var out []store.UpsertResult
	for _, p := range pages {
		res, err := s.Upsert(ctx(), p.Doc, p.Graph)
		if err != nil {
			t.Fatalf("Upsert(%s): %v", p.Doc.Name, err)
		}
		out = append(out, res)
	}
	return out
}

// Expected merges pages the way the contract describes: kg.Graph.Merge in
// document-ID order, dropping relations whose endpoints are missing.
func Expected(pages ...Page) *kg.Graph {
	sorted := append([]Page(nil), pages...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Doc.ID < sorted[j].Doc.ID })
	g := &kg.Graph{}
	for _, p := range sorted {
		g.Merge(p.Graph)
	}
	ids := map[kg.ID]bool{}
	for _, n := range g.Nodes {
		ids[n.ID] = true
	}
	rels := g.Relations[:0]
	for _, r := range g.Relations {
		if ids[r.From] && ids[r.To] {
			rels = append(rels, r)
		}
	}
	g.Relations = rels
	return g
}

// canonNode makes nil and empty collections compare equal.
func canonNode(n kg.Node) kg.Node {
	n = n.Clone()
	if len(n.Aliases) == 0 {
		n.Aliases = nil
	}
	if len(n.Evidence) == 0 {
		n.Evidence = nil
	}
	sort.Strings(n.Aliases)
	kg.SortEvidence(n.Evidence)
	return n
}

func canonRel(r kg.Relation) kg.Relation {
	r = r.Clone()
	if len(r.Evidence) == 0 {
		r.Evidence = nil
	}
	kg.SortEvidence(r.Evidence)
	return r
}

func sameNode(t *testing.T, what string, got, want kg.Node) {
	t.Helper()
	g, w := canonNode(got), canonNode(want)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, g, w)
	}
}

func sameRel(t *testing.T, what string, got, want kg.Relation) {
	t.Helper()
	g, w := canonRel(got), canonRel(want)
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, g, w)
	}
}

func nodeIDs(g *kg.Graph) []kg.ID {
	var ids []kg.ID
	for _, n := range g.Nodes {
		ids = append(ids, n.ID)
	}
	return ids
}

func allRelations(t *testing.T, s store.Store, ids []kg.ID) map[kg.ID]kg.Relation {
	t.Helper()
	m, err := s.Relations(ctx(), ids, store.Outgoing, nil)
	if err != nil {
		t.Fatalf("Relations: %v", err)
	}
	out := map[kg.ID]kg.Relation{}
	for _, list := range m {
		for _, r := range list {
			out[r.ID] = r
		}
	}
	return out
}

// checkContents asserts the store holds exactly the expected graph.
func checkContents(t *testing.T, s store.Store, want *kg.Graph, extraIDs ...kg.ID) {
	t.Helper()
	ids := append(nodeIDs(want), extraIDs...)
	got, err := s.Nodes(ctx(), ids)
	if err != nil {
		t.Fatalf("Nodes: %v", err)
	}
	if len(got) != len(want.Nodes) {
		t.Errorf("Nodes: got %d nodes, want %d", len(got), len(want.Nodes))
	}
	for _, n := range want.Nodes {
		g, ok := got[n.ID]
		if !ok {
			t.Errorf("node %s (%s) missing", n.ID, n.Name)
			continue
		}
		sameNode(t, "node "+n.Name, g, n)
	}
	rels := allRelations(t, s, ids)
	if len(rels) != len(want.Relations) {
		t.Errorf("relations: got %d, want %d", len(rels), len(want.Relations))
	}
	for _, r := range want.Relations {
		g, ok := rels[r.ID]
		if !ok {
			t.Errorf("relation %s %s->%s missing", r.Type, r.From, r.To)
			continue
		}
		sameRel(t, "relation "+string(r.Type), g, r)
	}
}

func testRoundTrip(t *testing.T, s store.Store) {
	a, b := PageA(), PageB()
	res := load(t, s, a, b)
	for i, p := range []Page{a, b} {
		want := store.UpsertResult{Nodes: len(p.Graph.Nodes), Relations: len(p.Graph.Relations)}
		if res[i] != want {
			t.Errorf("Upsert(%s) = %+v, want %+v", p.Doc.Name, res[i], want)
		}
	}
	checkContents(t, s, Expected(a, b))

	nodes, err := s.Nodes(ctx(), []kg.ID{IDSmart, IDHik, kg.ArticleID(a.Doc.Name, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := nodes[IDSmart].Properties[kg.PropInvestmentCNY].(int64); !ok || v != 1000000000 {
		t.Errorf("investmentCNY = %#v, want int64 1000000000", nodes[IDSmart].Properties[kg.PropInvestmentCNY])
	}
	if v, ok := nodes[IDHik].Properties[kg.PropListed].(bool); !ok || !v {
		t.Errorf("listed = %#v, want true", nodes[IDHik].Properties[kg.PropListed])
	}
	art := nodes[kg.ArticleID(a.Doc.Name, 0)]
	if v, ok := art.Properties[kg.PropAuthors].([]string); !ok || !reflect.DeepEqual(v, []string{"张留", "肖鳕桐"}) {
		t.Errorf("authors = %#v, want []string{张留 肖鳕桐}", art.Properties[kg.PropAuthors])
	}
	// The firm is named on both pages: evidence from both, aliases unioned.
	hik := nodes[IDHik]
	if got := evidenceArticles(hik.Evidence); !reflect.DeepEqual(got, sortedIDs(kg.ArticleID(a.Doc.Name, 0), kg.ArticleID(b.Doc.Name, 0))) {
		t.Errorf("firm evidence articles = %v, want both pages'", got)
	}
	if !reflect.DeepEqual(hik.Aliases, []string{"海康", "海康威视"}) {
		t.Errorf("firm aliases = %v", hik.Aliases)
	}
	rels, err := s.Relations(ctx(), []kg.ID{IDBank}, store.Outgoing, []kg.RelType{kg.RelLendsTo})
	if err != nil {
		t.Fatal(err)
	}
	if len(rels[IDBank]) != 1 {
		t.Fatalf("bank loans = %v", rels[IDBank])
	}
	loan := rels[IDBank][0]
	if v, ok := loan.Properties[kg.PropAmountCNY].(int64); !ok || v != 50000000 {
		t.Errorf("loan amountCNY = %#v, want int64 50000000", loan.Properties[kg.PropAmountCNY])
	}
	if len(loan.Evidence) != 1 || loan.Evidence[0].Quote != "杭州银行以知识产权质押方式向海康威视提供贷款5000万元" || loan.Evidence[0].End <= loan.Evidence[0].Start {
		t.Errorf("loan evidence = %+v", loan.Evidence)
	}
}

func evidenceArticles(ev []kg.Evidence) []kg.ID {
	set := map[kg.ID]bool{}
	for _, e := range ev {
		set[e.Article] = true
	}
	var out []kg.ID
	for id := range set {
		out = append(out, id)
	}
	return sortedIDs(out...)
}

func sortedIDs(ids ...kg.ID) []kg.ID {
	out := append([]kg.ID(nil), ids...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func stats(t *testing.T, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(ctx())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func testIdempotent(t *testing.T, s store.Store) {
	a, b := PageA(), PageB()
	load(t, s, a, b)
	before := stats(t, s)
	res := load(t, s, a, b)
	for i, r := range res {
		if !r.Skipped || r.Replaced {
			t.Errorf("re-upsert %d = %+v, want Skipped", i, r)
		}
	}
	if after := stats(t, s); !reflect.DeepEqual(before, after) {
		t.Errorf("stats changed on re-upsert: %+v -> %+v", before, after)
	}
	checkContents(t, s, Expected(a, b))
}

func testReplace(t *testing.T, s store.Store) {
	a, a2, b := PageA(), PageA2(), PageB()
	load(t, s, a, b)
	res := load(t, s, a2)
	if res[0].Skipped || !res[0].Replaced {
		t.Errorf("upsert of changed page = %+v, want Replaced", res[0])
	}
	want := Expected(a2, b)
	// Everything page A alone named must be gone.
	checkContents(t, s, want, IDZJU, IDHu, IDSmart, IDBaimaEast, kg.ArticleID(a.Doc.Name, 0))
	gone, err := s.Nodes(ctx(), []kg.ID{IDZJU, IDHu, IDSmart, IDBaimaEast})
	if err != nil {
		t.Fatal(err)
	}
	if len(gone) != 0 {
		t.Errorf("nodes only page A v1 named survive: %v", keys(gone))
	}
	// The firm survives through page B, with only page B's evidence and facts.
	n, err := s.Nodes(ctx(), []kg.ID{IDHik})
	if err != nil {
		t.Fatal(err)
	}
	hik, ok := n[IDHik]
	if !ok {
		t.Fatal("firm named by page B was deleted")
	}
	if got := evidenceArticles(hik.Evidence); !reflect.DeepEqual(got, []kg.ID{kg.ArticleID(b.Doc.Name, 0)}) {
		t.Errorf("firm evidence = %v, want only page B's", got)
	}
	if _, ok := hik.Properties[kg.PropListed]; ok {
		t.Errorf("firm keeps page A's listed flag: %v", hik.Properties)
	}
	if !reflect.DeepEqual(hik.Aliases, []string{"海康"}) {
		t.Errorf("firm aliases = %v, want [海康]", hik.Aliases)
	}
	// The bank's loan moved to the new firm.
	rels, err := s.Relations(ctx(), []kg.ID{IDBank, IDHik}, store.Both, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sig := relSig(rels[IDBank]); !reflect.DeepEqual(sig, []string{"LENDS_TO bank->newFirm"}) {
		t.Errorf("bank relations = %v, want only the loan to the new firm", sig)
	}
	for _, r := range rels[IDHik] {
		if r.Type != kg.RelInvestsIn || r.To != IDMagnet {
			t.Errorf("firm keeps relation %s %s->%s from page A", r.Type, r.From, r.To)
		}
	}
	st := stats(t, s)
	wantStats := statsOf(want, 2)
	if !reflect.DeepEqual(st, wantStats) {
		t.Errorf("stats = %+v, want %+v", st, wantStats)
	}
	// Putting the first version back restores it exactly.
	load(t, s, a)
	checkContents(t, s, Expected(a, b))
}

func keys[V any](m map[kg.ID]V) []kg.ID {
	var out []kg.ID
	for k := range m {
		out = append(out, k)
	}
	return sortedIDs(out...)
}

func statsOf(g *kg.Graph, docs int) store.Stats {
	st := store.Stats{Documents: docs, Nodes: map[kg.Label]int{}, Relations: map[kg.RelType]int{}}
	for _, n := range g.Nodes {
		st.Nodes[n.Label]++
	}
	for _, r := range g.Relations {
		st.Relations[r.Type]++
	}
	return st
}

func testNodesBatch(t *testing.T, s store.Store) {
	load(t, s, PageA(), PageB())
	ids := []kg.ID{IDHik, "enterprise:missing", IDBaotou, IDHik, "", IDTianhe}
	got, err := s.Nodes(ctx(), ids)
	if err != nil {
		t.Fatal(err)
	}
	if want := []kg.ID{IDBaotou, IDHik, IDTianhe}; !reflect.DeepEqual(keys(got), sortedIDs(want...)) {
		t.Errorf("Nodes keys = %v, want %v", keys(got), sortedIDs(want...))
	}
	if got[IDTianhe].Name != FirmTianhe || got[IDTianhe].Label != kg.LabelEnterprise {
		t.Errorf("Nodes[tianhe] = %+v", got[IDTianhe])
	}
	empty, err := s.Nodes(ctx(), nil)
	if err != nil || len(empty) != 0 {
		t.Errorf("Nodes(nil) = %v, %v", empty, err)
	}
	// Returned values are copies.
	n := got[IDHik]
	n.Aliases[0] = "changed"
	again, _ := s.Nodes(ctx(), []kg.ID{IDHik})
	if again[IDHik].Aliases[0] == "changed" {
		t.Error("Nodes returned shared state")
	}
}

func relSig(rs []kg.Relation) []string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s %s->%s", r.Type, short(r.From), short(r.To)))
	}
	sort.Strings(out)
	return out
}

var shortNames = map[kg.ID]string{}

func short(id kg.ID) string {
	if len(shortNames) == 0 {
		for id, n := range map[kg.ID]string{IDHangzhou: "hz", IDBaima: "baima", IDBaimaEast: "baimaEast", IDBaotou: "baotou",
			IDHik: "hik", IDHikAuto: "hikAuto", IDBank: "bank", IDTianhe: "tianhe", IDZJU: "zju", IDHu: "hu",
			IDSmart: "smart", IDMagnet: "magnet", IDNewFirm: "newFirm"} {
			shortNames[id] = n
		}
		shortNames[kg.ArticleID(PageA().Doc.Name, 0)] = "articleA"
	}
	if n, ok := shortNames[id]; ok {
		return n
	}
	return string(id)
}

func testRelations(t *testing.T, s store.Store) {
	load(t, s, PageA(), PageB())
	cases := []struct {
		name  string
		id    kg.ID
		dir   store.Direction
		types []kg.RelType
		want  []string
	}{
		{"out", IDHik, store.Outgoing, nil, []string{
			"INVESTS_IN hik->magnet", "INVESTS_IN hik->smart", "LOCATED_IN hik->hz", "MENTIONED_IN hik->articleA",
			"OPERATES hik->smart", "PARTNERS_WITH hik->zju"}},
		{"in", IDHik, store.Incoming, nil, []string{"HOLDS_POSITION hu->hik", "LENDS_TO bank->hik", "PARTNERS_WITH hik->zju"}},
		{"both typed", IDHik, store.Both, []kg.RelType{kg.RelLendsTo, kg.RelInvestsIn}, []string{
			"INVESTS_IN hik->magnet", "INVESTS_IN hik->smart", "LENDS_TO bank->hik"}},
		{"undirected from other end", IDZJU, store.Outgoing, nil, []string{"PARTNERS_WITH hik->zju"}},
		{"zone in", IDHangzhou, store.Incoming, []kg.RelType{kg.RelPartOf}, []string{"PART_OF baima->hz"}},
		{"none of type", IDHangzhou, store.Outgoing, nil, nil},
		{"missing", "zone:missing", store.Both, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.Relations(ctx(), []kg.ID{c.id}, c.dir, c.types)
			if err != nil {
				t.Fatal(err)
			}
			if sig := relSig(got[c.id]); !reflect.DeepEqual(sig, c.want) {
				t.Errorf("got %v\nwant %v", sig, c.want)
			}
			if _, present := got[c.id]; present != (len(c.want) > 0) {
				t.Errorf("key present = %v with %d relations", present, len(c.want))
			}
			list := got[c.id]
			for i := 1; i < len(list); i++ {
				if list[i-1].ID >= list[i].ID {
					t.Errorf("relations not sorted by ID")
				}
			}
		})
	}
	// One batch call answers for many IDs.
	got, err := s.Relations(ctx(), []kg.ID{IDHik, IDBank, IDTianhe, "x:missing"}, store.Outgoing, []kg.RelType{kg.RelLocatedIn})
	if err != nil {
		t.Fatal(err)
	}
	if want := sortedIDs(IDHik, IDBank, IDTianhe); !reflect.DeepEqual(keys(got), want) {
		t.Errorf("batch keys = %v, want %v", keys(got), want)
	}
}

func names(ns []kg.Node) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Name)
	}
	return out
}

func testSearch(t *testing.T, s store.Store) {
	load(t, s, PageA(), PageB())
	cases := []struct {
		name   string
		text   string
		labels []kg.Label
		limit  int
		want   []string
	}{
		// exact alias, then prefix (by length), then substring
		{"ranked", "海康威视", nil, 0, []string{FirmHik, FirmHikAuto, ProjectSmart}},
		{"labels", "海康威视", []kg.Label{kg.LabelProject}, 0, []string{ProjectSmart}},
		{"limit", "海康威视", nil, 2, []string{FirmHik, FirmHikAuto}},
		{"half-width parens", "杭州高新区(滨江)", nil, 0, []string{ZoneHangzhou}},
		{"full-width query", "杭州高新区（滨江）", []kg.Label{kg.LabelZone}, 0, []string{ZoneHangzhou}},
		{"prefix shortest first", "杭州", []kg.Label{kg.LabelZone, kg.LabelEnterprise}, 0, []string{
			FirmBank, ZoneHangzhou, FirmHik}},
		{"substring", "高新区", []kg.Label{kg.LabelZone}, 0, []string{ZoneHangzhou, ZoneBaotou}},
		{"alias exact beats name prefix", "白马湖", nil, 0, []string{ZoneBaima, ZoneBaimaEast}},
		{"no match", "深圳", nil, 0, nil},
		{"surrounding space", "  浙大 ", nil, 0, []string{InstZJU}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.Search(ctx(), c.text, c.labels, c.limit)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(names(got), c.want) {
				t.Errorf("Search(%q) = %v\nwant %v", c.text, names(got), c.want)
			}
		})
	}
	if _, err := s.Search(ctx(), "  ", nil, 0); !errors.Is(err, store.ErrInvalidArgument) {
		t.Errorf("blank search: err = %v, want ErrInvalidArgument", err)
	}
	if _, err := s.Search(ctx(), "x", []kg.Label{"Bogus"}, 0); !errors.Is(err, store.ErrInvalidArgument) {
		t.Errorf("bad label: err = %v, want ErrInvalidArgument", err)
	}
}

func testZones(t *testing.T, s store.Store) {
	load(t, s, PageA(), PageB())
	cases := []struct {
		name string
		f    store.ZoneFilter
		want []string
	}{
		{"all by name", store.ZoneFilter{}, []string{ZoneBaotou, ZoneHangzhou, ZoneBaimaEast, ZoneBaima}},
		{"province", store.ZoneFilter{Province: "浙江省"}, []string{ZoneHangzhou, ZoneBaima}},
		{"city and kind", store.ZoneFilter{City: "杭州市", Kind: "national_hitech_zone"}, []string{ZoneHangzhou}},
		{"kind", store.ZoneFilter{Kind: "block"}, []string{ZoneBaimaEast}},
		{"name contains alias", store.ZoneFilter{NameContains: "滨江"}, []string{ZoneHangzhou}},
		{"name contains half-width", store.ZoneFilter{NameContains: "(滨江)"}, []string{ZoneHangzhou}},
		{"name", store.ZoneFilter{Name: ZoneHangzhou}, []string{ZoneHangzhou}},
		{"name half-width", store.ZoneFilter{Name: "杭州高新区(滨江)"}, []string{ZoneHangzhou}},
		{"name is an alias", store.ZoneFilter{Name: " 滨江"}, []string{ZoneHangzhou}},
		{"name is not a substring", store.ZoneFilter{Name: "杭州"}, nil},
		{"name and province", store.ZoneFilter{Name: ZoneHangzhou, Province: "内蒙古自治区"}, nil},
		{"no match", store.ZoneFilter{Province: "广东省"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.Zones(ctx(), c.f)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(names(got), c.want) {
				t.Errorf("Zones(%+v) = %v, want %v", c.f, names(got), c.want)
			}
		})
	}
}

func testSubZones(t *testing.T, s store.Store) {
	load(t, s, PageA(), PageB())
	got, err := s.SubZones(ctx(), []kg.ID{IDHangzhou, IDBaima, IDBaotou, "zone:missing"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[kg.ID][]kg.ID{
		IDHangzhou: sortedIDs(IDBaima, IDBaimaEast),
		IDBaima:    {IDBaimaEast},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SubZones = %v, want %v", got, want)
	}
}

// pathSig renders a path as "a -TYPE-> b <-TYPE- c".
func pathSig(p kg.Path) string {
	var b strings.Builder
	for i, n := range p.Nodes {
		if i > 0 {
			r := p.Relations[i-1]
			if r.From == n.ID {
				fmt.Fprintf(&b, " <-%s- ", r.Type)
			} else {
				fmt.Fprintf(&b, " -%s-> ", r.Type)
			}
		}
		b.WriteString(short(n.ID))
	}
	return b.String()
}

func pathSigs(ps []kg.Path) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, pathSig(p))
	}
	sort.Strings(out)
	return out
}

// checkPathShape asserts each relation joins its neighbouring nodes.
func checkPathShape(t *testing.T, ps []kg.Path) {
	t.Helper()
	for _, p := range ps {
		if len(p.Nodes) != len(p.Relations)+1 {
			t.Errorf("path with %d nodes and %d relations", len(p.Nodes), len(p.Relations))
			continue
		}
		for i, r := range p.Relations {
			a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
			if !(r.From == a && r.To == b) && !(r.From == b && r.To == a) {
				t.Errorf("relation %s %s->%s does not join %s and %s", r.Type, r.From, r.To, a, b)
			}
		}
	}
}

func testPaths(t *testing.T, s store.Store) {
	load(t, s, PageA(), PageB())
	cases := []struct {
		name     string
		from, to kg.ID
		hops     int
		types    []kg.RelType
		want     []string
	}{
		{"shortest, undirected", IDBank, IDBaima, 4, nil, []string{
			"bank -LOCATED_IN-> hz <-PART_OF- baima",
		}},
		{"all shortest", IDBank, IDBaima, 4, []kg.RelType{kg.RelLendsTo, kg.RelInvestsIn, kg.RelOperates, kg.RelLocatedIn}, []string{
			"bank -LENDS_TO-> hik -INVESTS_IN-> smart -LOCATED_IN-> baima",
			"bank -LENDS_TO-> hik -OPERATES-> smart -LOCATED_IN-> baima",
		}},
		{"types restrict", IDBank, IDBaima, 4, []kg.RelType{kg.RelLendsTo, kg.RelInvestsIn, kg.RelLocatedIn}, []string{
			"bank -LENDS_TO-> hik -INVESTS_IN-> smart -LOCATED_IN-> baima",
		}},
		{"across pages", IDHu, IDBaotou, 4, nil, []string{
			"hu -HOLDS_POSITION-> hik -INVESTS_IN-> magnet -LOCATED_IN-> baotou",
		}},
		{"reverse direction", IDBaotou, IDHu, 4, nil, []string{
			"baotou <-LOCATED_IN- magnet <-INVESTS_IN- hik <-HOLDS_POSITION- hu",
		}},
		{"too far", IDHu, IDBaotou, 2, nil, []string{}},
		{"unconnected", IDTianhe, IDZJU, 3, nil, []string{}},
		{"same node", IDHik, IDHik, 3, nil, []string{"hik"}},
		{"mentions excluded by default", IDHik, kg.ArticleID(PageA().Doc.Name, 0), 3, nil, []string{}},
		{"mentions when asked", IDHik, kg.ArticleID(PageA().Doc.Name, 0), 3, []kg.RelType{kg.RelMentionedIn}, []string{"hik -MENTIONED_IN-> articleA"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.Paths(ctx(), c.from, c.to, c.hops, c.types)
			if err != nil {
				t.Fatal(err)
			}
			checkPathShape(t, got)
			if sig := pathSigs(got); !reflect.DeepEqual(sig, c.want) {
				t.Errorf("Paths = %q\nwant %q", sig, c.want)
			}
		})
	}
	if _, err := s.Paths(ctx(), IDHik, "zone:missing", 3, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing endpoint: err = %v, want ErrNotFound", err)
	}
}

func testChains(t *testing.T, s store.Store) {
	load(t, s, PageA(), PageB())
	cases := []struct {
		name string
		from kg.ID
		dir  store.ChainDirection
		hops int
		want []string
	}{
		{"downstream", IDBank, store.Downstream, 4, []string{
			"bank -LENDS_TO-> hik -INVESTS_IN-> magnet -LOCATED_IN-> baotou",
			"bank -LENDS_TO-> hik -INVESTS_IN-> smart -LOCATED_IN-> baima",
			"bank -LENDS_TO-> hik -LOCATED_IN-> hz",
			"bank -LENDS_TO-> hik -OPERATES-> smart -LOCATED_IN-> baima",
		}},
		{"downstream capped", IDBank, store.Downstream, 2, []string{
			"bank -LENDS_TO-> hik -INVESTS_IN-> magnet",
			"bank -LENDS_TO-> hik -INVESTS_IN-> smart",
			"bank -LENDS_TO-> hik -LOCATED_IN-> hz",
			"bank -LENDS_TO-> hik -OPERATES-> smart",
		}},
		{"located_in never first", IDSmart, store.Downstream, 4, []string{}},
		{"upstream", IDSmart, store.Upstream, 4, []string{
			"smart <-INVESTS_IN- hik <-LENDS_TO- bank",
			"smart <-OPERATES- hik <-LENDS_TO- bank",
		}},
		{"upstream of firm", IDHik, store.Upstream, 4, []string{"hik <-LENDS_TO- bank"}},
		{"zone has none", IDBaotou, store.Downstream, 4, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.Chains(ctx(), c.from, c.dir, c.hops)
			if err != nil {
				t.Fatal(err)
			}
			checkPathShape(t, got)
			if sig := pathSigs(got); !reflect.DeepEqual(sig, c.want) {
				t.Errorf("Chains = %q\nwant %q", sig, c.want)
			}
			for _, p := range got {
				if p.Nodes[0].ID != c.from {
					t.Errorf("path starts at %s", p.Nodes[0].ID)
				}
			}
		})
	}
	// Amounts ride on every hop.
	got, err := s.Chains(ctx(), IDBank, store.Downstream, 3)
	if err != nil {
		t.Fatal(err)
	}
	amounts := map[string]int64{}
	for _, p := range got {
		for _, r := range p.Relations {
			if v, ok := r.Properties[kg.PropAmountCNY].(int64); ok {
				amounts[string(r.Type)+" "+short(r.To)] = v
			}
		}
	}
	want := map[string]int64{"LENDS_TO hik": 50000000, "INVESTS_IN smart": 1000000000, "INVESTS_IN magnet": 250000000}
	if !reflect.DeepEqual(amounts, want) {
		t.Errorf("chain amounts = %v, want %v", amounts, want)
	}
	if _, err := s.Chains(ctx(), "enterprise:missing", store.Downstream, 3); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing start: err = %v, want ErrNotFound", err)
	}
}

func graphSig(g *kg.Graph) (nodes []string, edges []string) {
	for _, n := range g.Nodes {
		nodes = append(nodes, short(n.ID))
	}
	sort.Strings(nodes)
	return nodes, relSig(g.Relations)
}

func testNeighborhood(t *testing.T, s store.Store) {
	load(t, s, PageA(), PageB())
	cases := []struct {
		name      string
		id        kg.ID
		depth     int
		limit     int
		types     []kg.RelType
		nodes     []string
		edges     []string
		truncated bool
	}{
		{"depth 1", IDHik, 1, 0, nil,
			[]string{"bank", "hik", "hu", "hz", "magnet", "smart", "zju"},
			[]string{"HOLDS_POSITION hu->hik", "INVESTS_IN hik->magnet", "INVESTS_IN hik->smart", "LENDS_TO bank->hik",
				"LOCATED_IN bank->hz", "LOCATED_IN hik->hz", "OPERATES hik->smart", "PARTNERS_WITH hik->zju"}, false},
		{"depth 0", IDHik, 0, 0, nil, []string{"hik"}, nil, false},
		{"typed", IDBaotou, 1, 0, []kg.RelType{kg.RelLocatedIn}, []string{"baotou", "hikAuto", "magnet", "tianhe"},
			[]string{"LOCATED_IN hikAuto->baotou", "LOCATED_IN magnet->baotou", "LOCATED_IN tianhe->baotou"}, false},
		{"depth 2", IDBaima, 2, 0, []kg.RelType{kg.RelPartOf, kg.RelLocatedIn}, []string{"baima", "baimaEast", "bank", "hik", "hz", "smart"},
			[]string{"LOCATED_IN bank->hz", "LOCATED_IN hik->hz", "LOCATED_IN smart->baima", "PART_OF baima->hz", "PART_OF baimaEast->baima"}, false},
		{"mentions when asked", IDHik, 1, 0, []kg.RelType{kg.RelMentionedIn}, []string{"articleA", "hik"},
			[]string{"MENTIONED_IN hik->articleA"}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, truncated, err := s.Neighborhood(ctx(), c.id, c.depth, c.limit, c.types)
			if err != nil {
				t.Fatal(err)
			}
			nodes, edges := graphSig(g)
			if !reflect.DeepEqual(nodes, c.nodes) || !reflect.DeepEqual(edges, c.edges) || truncated != c.truncated {
				t.Errorf("Neighborhood = %v %v truncated=%v\nwant %v %v truncated=%v", nodes, edges, truncated, c.nodes, c.edges, c.truncated)
			}
		})
	}
	// Limit: the centre, then the nearest nodes by ID.
	g, truncated, err := s.Neighborhood(ctx(), IDHik, 2, 3, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !truncated || len(g.Nodes) != 3 {
		t.Fatalf("limit 3: %d nodes, truncated=%v", len(g.Nodes), truncated)
	}
	layer1 := sortedIDs(IDBank, IDHu, IDHangzhou, IDMagnet, IDSmart, IDZJU)
	want := sortedIDs(IDHik, layer1[0], layer1[1])
	if got := nodeIDs(g); !reflect.DeepEqual(got, want) {
		t.Errorf("limit 3 nodes = %v, want %v", got, want)
	}
	for _, r := range g.Relations {
		in := map[kg.ID]bool{}
		for _, id := range want {
			in[id] = true
		}
		if !in[r.From] || !in[r.To] {
			t.Errorf("edge %s leaves the included nodes", r.ID)
		}
	}
	if _, _, err := s.Neighborhood(ctx(), "zone:missing", 1, 10, nil); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing centre: err = %v, want ErrNotFound", err)
	}
}

func testDocumentsAndStats(t *testing.T, s store.Store) {
	if st := stats(t, s); st.Documents != 0 || len(st.Nodes) != 0 || len(st.Relations) != 0 {
		t.Fatalf("new store not empty: %+v", st)
	}
	a, b := PageA(), PageB()
	load(t, s, b, a)
	docs, err := s.Documents(ctx())
	if err != nil {
		t.Fatal(err)
	}
	if want := []kg.Document{a.Doc, b.Doc}; !reflect.DeepEqual(docs, want) {
		t.Errorf("Documents = %+v, want %+v", docs, want)
	}
	want := store.Stats{Documents: 2,
		Nodes: map[kg.Label]int{kg.LabelArticle: 1, kg.LabelZone: 4, kg.LabelEnterprise: 4, kg.LabelInstitution: 1,
			kg.LabelPerson: 1, kg.LabelProject: 2},
		Relations: map[kg.RelType]int{kg.RelPartOf: 2, kg.RelLocatedIn: 6, kg.RelLendsTo: 1, kg.RelInvestsIn: 2,
			kg.RelOperates: 1, kg.RelHoldsPosition: 1, kg.RelPartnersWith: 1, kg.RelMentionedIn: 1}}
	if st := stats(t, s); !reflect.DeepEqual(st, want) {
		t.Errorf("Stats = %+v\nwant %+v", st, want)
	}
	if err := s.Ping(ctx()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func testInvalid(t *testing.T, s store.Store) {
	load(t, s, PageA())
	bad := PageB()
	bad.Graph.Relations = append(bad.Graph.Relations, kg.Relation{ID: "rel:x", Type: "OWNS", From: IDHik, To: IDTianhe})
	if _, err := s.Upsert(ctx(), bad.Doc, bad.Graph); !errors.Is(err, store.ErrInvalidArgument) {
		t.Errorf("unknown type: err = %v, want ErrInvalidArgument", err)
	}
	bad = PageB()
	bad.Graph.Nodes[0].Label = "Company"
	if _, err := s.Upsert(ctx(), bad.Doc, bad.Graph); !errors.Is(err, store.ErrInvalidArgument) {
		t.Errorf("unknown label: err = %v, want ErrInvalidArgument", err)
	}
	// A refused page writes nothing.
	if st := stats(t, s); st.Documents != 1 {
		t.Errorf("refused page was written: %+v", st)
	}
	if _, err := s.Relations(ctx(), []kg.ID{IDHik}, store.Both, []kg.RelType{"OWNS"}); !errors.Is(err, store.ErrInvalidArgument) {
		t.Errorf("Relations bad type: err = %v", err)
	}
	if _, err := s.Paths(ctx(), IDHik, IDBank, 99, nil); !errors.Is(err, store.ErrInvalidArgument) {
		t.Errorf("Paths 99 hops: err = %v", err)
	}
	if _, _, err := s.Neighborhood(ctx(), IDHik, -1, 10, nil); !errors.Is(err, store.ErrInvalidArgument) {
		t.Errorf("Neighborhood depth -1: err = %v", err)
	}
}

func testDeterministic(t *testing.T, s store.Store) {
	load(t, s, PageB(), PageA())
	for i := 0; i < 3; i++ {
		a, err := s.Search(ctx(), "杭州", nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := s.Search(ctx(), "杭州", nil, 0)
		if !reflect.DeepEqual(a, b) {
			t.Fatal("Search order not deterministic")
		}
		p1, _ := s.Paths(ctx(), IDBank, IDBaima, 4, []kg.RelType{kg.RelLendsTo, kg.RelInvestsIn, kg.RelOperates, kg.RelLocatedIn})
		p2, _ := s.Paths(ctx(), IDBank, IDBaima, 4, []kg.RelType{kg.RelLendsTo, kg.RelInvestsIn, kg.RelOperates, kg.RelLocatedIn})
		if !reflect.DeepEqual(p1, p2) || len(p1) != 2 {
			t.Fatalf("Paths not deterministic or wrong: %q", pathSigs(p1))
		}
		for j := 1; j < len(p1); j++ {
			if pathSig(p1[j-1]) == pathSig(p1[j]) {
				t.Error("duplicate path")
			}
		}
	}
}
