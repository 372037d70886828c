package neo4jstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// The layered Neighborhood answers like memstore's on a dense generated
// graph (zones and banks shared by many pages), up to the maximum depth,
// in one round trip each and without enumerating paths.
func TestNeighborhoodMatchesMemstore(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	clear(t, s)
	corpus := neo4jstore.GenerateCorpus(120)
	if _, err := s.UpsertBatch(ctx, corpus); err != nil {
		t.Fatal(err)
	}
	m := memstore.New()
	for _, p := range corpus {
		if _, err := m.Upsert(ctx, p.Doc, p.Graph); err != nil {
			t.Fatal(err)
		}
	}
	g0 := corpus[0].Graph
	centres := []kg.ID{g0.Nodes[0].ID, g0.Relations[0].From, g0.Relations[len(g0.Relations)-1].From}
	for _, n := range g0.Nodes {
		if n.Label == kg.LabelZone {
			centres = append(centres, n.ID)
		}
	}
	neighborhoodsMatch(t, s, m, centres, "default")
	// Every node of more than two relationships read from the relationship
	// indexes (its sides without one expanded).
	defer neo4jstore.SetSeekDegree(2)()
	neighborhoodsMatch(t, s, m, centres, "seek2")
}

// neighborhoodsMatch compares s's neighbourhoods around the centres with
// m's, at every depth, at limits around the layers' sizes, over all types
// and over two, each in one round trip.
func neighborhoodsMatch(t *testing.T, s *neo4jstore.Store, m store.Store, centres []kg.ID, stage string) {
	t.Helper()
	ctx := context.Background()
	for _, id := range centres {
		for _, depth := range []int{0, 1, 2, 3, store.MaxNeighborhoodDepth} {
			for _, limit := range []int{1, 7, 60, 2000} {
				for _, types := range [][]kg.RelType{nil, {kg.RelLocatedIn, kg.RelPartOf}} {
					name := fmt.Sprintf("%s/%s/d%d/l%d/t%d", stage, id, depth, limit, len(types))
					want, wantTrunc, err := m.Neighborhood(ctx, id, depth, limit, types)
					if err != nil {
						t.Fatal(err)
					}
					before, t0 := s.RoundTrips(), time.Now()
					got, gotTrunc, err := s.Neighborhood(ctx, id, depth, limit, types)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					if d := time.Since(t0); d > 20*time.Second {
						t.Errorf("%s took %v", name, d)
					}
					if n := s.RoundTrips() - before; n != 1 {
						t.Errorf("%s: %d round trips", name, n)
					}
					sameNeighborhood(t, name, got, gotTrunc, want, wantTrunc)
				}
			}
		}
	}
}

// Nodes denser than the seek degree (a zone of 1,500 firms, a bank lending
// to 1,200 of them, a firm with 1,100 partners on both sides of the
// undirected type, which has no index) answer like memstore, and a layer
// read from the relationship indexes costs a fraction of the expansion's
// db hits (the seek stops at $limit + 1; a plan that sorted the zone's
// entries would read them all).
func TestNeighborhoodDenseSeek(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	clear(t, s)
	g := &kg.Graph{}
	node := func(l kg.Label, id string) kg.ID {
		g.Nodes = append(g.Nodes, kg.Node{ID: kg.ID(id), Label: l, Name: id})
		return kg.ID(id)
	}
	rel := func(t kg.RelType, from, to kg.ID) {
		g.Relations = append(g.Relations, kg.Relation{ID: kg.ID(fmt.Sprintf("rel:%d", len(g.Relations))), Type: t, From: from, To: to})
	}
	zone, parent, bank, hub := node(kg.LabelZone, "zone:z"), node(kg.LabelZone, "zone:a"), node(kg.LabelEnterprise, "enterprise:bank"), node(kg.LabelEnterprise, "enterprise:m")
	rel(kg.RelPartOf, zone, parent)
	rel(kg.RelHoldsPosition, node(kg.LabelPerson, "person:p"), zone)
	for i := range 1500 {
		f := node(kg.LabelEnterprise, fmt.Sprintf("enterprise:f%04d", i))
		rel(kg.RelLocatedIn, f, zone)
		if i%5 != 0 {
			rel(kg.RelLendsTo, bank, f)
		}
		if i < 550 {
			rel(kg.RelPartnersWith, hub, f) // f... < m: stored f -> m
		}
	}
	for i := range 550 {
		rel(kg.RelPartnersWith, hub, node(kg.LabelEnterprise, fmt.Sprintf("enterprise:x%04d", i))) // stored m -> x
	}
	m := upsertBoth(t, s, "dense.txt", g)
	check := func(stage string, centres []kg.ID, depths int) {
		for _, id := range centres {
			for depth := 1; depth <= depths; depth++ {
				for _, limit := range []int{1, 10, 200, 2000} {
					for _, types := range [][]kg.RelType{nil, {kg.RelLendsTo, kg.RelPartnersWith}} {
						name := fmt.Sprintf("%s/%s/d%d/l%d/t%d", stage, id, depth, limit, len(types))
						want, wantTrunc, err := m.Neighborhood(ctx, id, depth, limit, types)
						if err != nil {
							t.Fatal(err)
						}
						got, gotTrunc, err := s.Neighborhood(ctx, id, depth, limit, types)
						if err != nil {
							t.Fatalf("%s: %v", name, err)
						}
						sameNeighborhood(t, name, got, gotTrunc, want, wantTrunc)
					}
				}
			}
		}
	}
	check("loaded", []kg.ID{zone, bank, hub, parent, "enterprise:f0007", "enterprise:x0003"}, 3)

	hits := func(id kg.ID) int64 {
		var n int64
		neo4jstore.SetProfile(s, func(_ string, h int64) { n += h })
		defer neo4jstore.SetProfile(s, nil)
		if _, _, err := s.Neighborhood(ctx, id, 1, 10, nil); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, id := range []kg.ID{zone, bank} {
		seek := hits(id)
		restore := neo4jstore.SetSeekDegree(1 << 30)
		expand := hits(id)
		restore()
		t.Logf("%s: %d db hits with the seeks, %d expanding", id, seek, expand)
		if seek*4 > expand {
			t.Errorf("%s: %d db hits with the seeks, %d expanding: want under a quarter", id, seek, expand)
		}
	}

	// A database written before relationships stored their ends' IDs: the
	// properties gone and the page unmarked; EnsureSchema fills them in.
	if err := neo4jstore.Exec(ctx, s, `MATCH ()-[r]->() REMOVE r.fromId, r.toId`); err != nil {
		t.Fatal(err)
	}
	if err := neo4jstore.Exec(ctx, s, `MATCH (d:Document) REMOVE d.relEnds`); err != nil {
		t.Fatal(err)
	}
	if got, _, err := s.Neighborhood(ctx, zone, 1, 10, nil); err != nil || len(got.Nodes) != 2 {
		t.Fatalf("without the ends' IDs: %d nodes (%v); want the zone and its parent only (the test removes what it thinks it does)", len(got.Nodes), err)
	}
	dump := migratedDump(t, s)
	if n := strings.Count(dump, `"fromId"`); n != len(g.Relations) {
		t.Errorf("%d relationships with fromId after EnsureSchema, want %d", n, len(g.Relations))
	}
	if n := strings.Count(dump, `"relEnds":true`); n != 1 {
		t.Errorf("%d documents marked after EnsureSchema, want 1", n)
	}
	check("migrated", []kg.ID{zone, bank}, 2)
}

// A layer whose first candidates by ID are nodes already seen (the centre
// and the layer before it, reached back) is still cut where memstore cuts
// it: with limit 5 the second layer of a0 has room for 2 of b1, b2, b3, so
// the result is truncated even though the first 5 candidates (a0, a1, a2,
// b1, b2) hold only 2 unseen nodes. Every depth and limit around it
// answers like memstore.
func TestNeighborhoodCutBehindSeen(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	clear(t, s)
	g := &kg.Graph{}
	for _, id := range []string{"a0", "a1", "a2", "b1", "b2", "b3"} {
		g.Nodes = append(g.Nodes, kg.Node{ID: kg.ID("enterprise:" + id), Label: kg.LabelEnterprise, Name: "企业" + id})
	}
	for i, e := range [][2]string{{"a0", "a1"}, {"a0", "a2"}, {"a1", "a2"}, {"a1", "b1"}, {"a1", "b2"}, {"a2", "b3"}} {
		g.Relations = append(g.Relations, kg.Relation{ID: kg.ID(fmt.Sprintf("rel:%d", i)), Type: kg.RelPartnersWith,
			From: kg.ID("enterprise:" + e[0]), To: kg.ID("enterprise:" + e[1])})
	}
	m := upsertBoth(t, s, "cut.txt", g)
	_, trunc, err := s.Neighborhood(ctx, "enterprise:a0", 2, 5, nil)
	if err != nil || !trunc {
		t.Errorf("depth 2, limit 5: truncated=%v (%v), want true", trunc, err)
	}
	for depth := 1; depth <= 3; depth++ {
		for limit := 1; limit <= 7; limit++ {
			want, wantTrunc, err := m.Neighborhood(ctx, "enterprise:a0", depth, limit, nil)
			if err != nil {
				t.Fatal(err)
			}
			got, gotTrunc, err := s.Neighborhood(ctx, "enterprise:a0", depth, limit, nil)
			if err != nil {
				t.Fatal(err)
			}
			sameNeighborhood(t, fmt.Sprintf("d%d/l%d", depth, limit), got, gotTrunc, want, wantTrunc)
		}
	}
}

// upsertBoth writes g as the page name into s and into a new memstore,
// which it returns.
func upsertBoth(t *testing.T, s *neo4jstore.Store, name string, g *kg.Graph) store.Store {
	t.Helper()
	doc := kg.Document{ID: kg.DocumentID(name), Name: name, SHA256: name, Runes: 1}
	if _, err := s.Upsert(context.Background(), doc, g); err != nil {
		t.Fatal(err)
	}
	m := memstore.New()
	if _, err := m.Upsert(context.Background(), doc, g); err != nil {
		t.Fatal(err)
	}
	return m
}

// sameNeighborhood reports a neighbourhood (and its truncated flag) that
// differs from memstore's answer.
func sameNeighborhood(t *testing.T, name string, got *kg.Graph, gotTrunc bool, want *kg.Graph, wantTrunc bool) {
	t.Helper()
	if gotTrunc != wantTrunc || mustJSON(t, canonical(got)) != mustJSON(t, canonical(want)) {
		t.Errorf("%s: got %d nodes %d edges truncated=%v, want %d nodes %d edges truncated=%v", name,
			len(got.Nodes), len(got.Relations), gotTrunc, len(want.Nodes), len(want.Relations), wantTrunc)
	}
}
