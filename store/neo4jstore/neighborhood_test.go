package neo4jstore_test

import (
	"context"
	"fmt"
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
	for _, id := range centres {
		for _, depth := range []int{0, 1, 2, 3, store.MaxNeighborhoodDepth} {
			for _, limit := range []int{1, 7, 60, 2000} {
				for _, types := range [][]kg.RelType{nil, {kg.RelLocatedIn, kg.RelPartOf}} {
					name := fmt.Sprintf("%s/d%d/l%d/t%d", id, depth, limit, len(types))
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
	doc := kg.Document{ID: kg.DocumentID("cut.txt"), Name: "cut.txt", SHA256: "x", Runes: 1}
	if _, err := s.Upsert(ctx, doc, g); err != nil {
		t.Fatal(err)
	}
	m := memstore.New()
	if _, err := m.Upsert(ctx, doc, g); err != nil {
		t.Fatal(err)
	}
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

// sameNeighborhood reports a neighbourhood (and its truncated flag) that
// differs from memstore's answer.
func sameNeighborhood(t *testing.T, name string, got *kg.Graph, gotTrunc bool, want *kg.Graph, wantTrunc bool) {
	t.Helper()
	if gotTrunc != wantTrunc || mustJSON(t, canonical(got)) != mustJSON(t, canonical(want)) {
		t.Errorf("%s: got %d nodes %d edges truncated=%v, want %d nodes %d edges truncated=%v", name,
			len(got.Nodes), len(got.Relations), gotTrunc, len(want.Nodes), len(want.Relations), wantTrunc)
	}
}
