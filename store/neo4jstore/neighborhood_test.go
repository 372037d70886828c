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
					if gotTrunc != wantTrunc || mustJSON(t, canonical(got)) != mustJSON(t, canonical(want)) {
						t.Errorf("%s: got %d nodes %d edges truncated=%v, want %d nodes %d edges truncated=%v", name,
							len(got.Nodes), len(got.Relations), gotTrunc, len(want.Nodes), len(want.Relations), wantTrunc)
					}
				}
			}
		}
	}
}
