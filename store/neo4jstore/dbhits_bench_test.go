package neo4jstore_test

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
	"github.com/zonegraph/zonegraph/store/storetest"
)

// BenchmarkTraversalDBHits reports the db hits and round trips of one
// call of each traversal query (storetest.TraversalQueries) on the graph
// already in the test database, generated with seed 1 and
// ZG_DBHITS_NODES nodes (as zgbench or BenchmarkTraversal load it; the
// database is not cleared):
//
//	ZG_DBHITS_NODES=100000 NEO4J_URI=... go test ./store/neo4jstore -run '^$' -bench TraversalDBHits -benchtime 1x
func BenchmarkTraversalDBHits(b *testing.B) {
	s, gg := loadedGraph(b)
	ctx := context.Background()
	for _, q := range storetest.TraversalQueries(gg) {
		b.Run(q.Name, func(b *testing.B) {
			var hits, stmts int64
			neo4jstore.SetProfile(s, func(_ string, h int64) { hits += h; stmts++ })
			defer neo4jstore.SetProfile(s, nil)
			for i := 0; i < b.N; i++ {
				if _, err := q.Run(ctx, s); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(hits)/float64(b.N), "dbhits/op")
			b.ReportMetric(float64(stmts)/float64(b.N), "stmts/op")
		})
	}
}

// BenchmarkZoneListingDBHits reports the db hits of zgbench's zone
// listing (ZoneMembers: the generated graph's first zone, listed
// enterprises with sub-zones, a page of 20 with their positions and
// projects, no evidence) on the graph already in the test database, as
// BenchmarkTraversalDBHits:
//
//	ZG_DBHITS_NODES=1000000 NEO4J_URI=... go test ./store/neo4jstore -run '^$' -bench ZoneListingDBHits -benchtime 3x
func BenchmarkZoneListingDBHits(b *testing.B) {
	s, gg := loadedGraph(b)
	yes := true
	q := store.MemberQuery{Label: kg.LabelEnterprise, Listed: &yes, IncludeSubZones: true, First: 20,
		With: []kg.RelType{kg.RelHoldsPosition, kg.RelOperates}, NoEvidence: true}
	ctx := context.Background()
	var hits int64
	neo4jstore.SetProfile(s, func(_ string, h int64) { hits += h })
	defer neo4jstore.SetProfile(s, nil)
	for i := 0; i < b.N; i++ {
		z, p, err := s.ZoneMembers(ctx, gg.ZoneName(0), q)
		if err != nil || z == nil || len(p.Members) == 0 {
			b.Fatalf("ZoneMembers(%q): %v, %d members, %v", gg.ZoneName(0), z, len(p.Members), err)
		}
	}
	b.ReportMetric(float64(hits)/float64(b.N), "dbhits/op")
}

// loadedGraph opens the test database, which already holds the graph
// generated with seed 1 and ZG_DBHITS_NODES nodes, and generates that
// graph's description; it skips without ZG_DBHITS_NODES.
func loadedGraph(b *testing.B) (*neo4jstore.Store, *gen.GraphGen) {
	n := os.Getenv("ZG_DBHITS_NODES")
	if n == "" {
		b.Skip("ZG_DBHITS_NODES not set")
	}
	s := openTestStore(b)
	nodes, err := strconv.Atoi(n)
	if err != nil {
		b.Fatal(err)
	}
	gg, err := gen.NewGraph(gen.GraphConfig{Seed: 1, Nodes: nodes})
	if err != nil {
		b.Fatal(err)
	}
	return s, gg
}
