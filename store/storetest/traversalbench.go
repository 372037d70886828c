package storetest

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// TraversalQuery is one traversal benchmarked on a generated graph.
type TraversalQuery struct {
	Name string
	Run  func(ctx context.Context, s store.Store) (results int, err error)
}

// TraversalQueries are zgbench's paths4 (a firm ranked at 2% of the
// enterprises to the zone ranked 3), investmentChains4 (downstream from
// the first bank, a hub lending to thousands of firms) and neighborhood2
// (depth 2, limit 200 around the same firm: its zone, banks and partners
// bring hubs into the second layer; neighborhood2lean without evidence, as
// the bench's query reads it), plus an upstream chain from the most popular
// project.
func TraversalQueries(g *gen.GraphGen) []TraversalQuery {
	firm := g.ID(kg.LabelEnterprise, g.Counts()[kg.LabelEnterprise]/50)
	zone3 := g.ID(kg.LabelZone, 3)
	bank := g.ID(kg.LabelEnterprise, 0)
	project := g.ID(kg.LabelProject, 0)
	return []TraversalQuery{
		{"paths4", func(ctx context.Context, s store.Store) (int, error) {
			p, err := s.Paths(ctx, firm, zone3, 4, nil)
			return len(p), err
		}},
		{"chains4", func(ctx context.Context, s store.Store) (int, error) {
			p, err := s.Chains(ctx, bank, store.Downstream, 4)
			return len(p), err
		}},
		{"neighborhood2", func(ctx context.Context, s store.Store) (int, error) {
			g, _, err := s.Neighborhood(ctx, firm, 2, 200, nil)
			if err != nil {
				return 0, err
			}
			return len(g.Nodes), nil
		}},
		{"neighborhood2lean", func(ctx context.Context, s store.Store) (int, error) {
			nr, ok := s.(store.NeighborhoodReader)
			if !ok {
				return 0, nil
			}
			g, _, err := nr.NeighborhoodOf(ctx, firm, store.NeighborhoodQuery{Depth: 2, Limit: 200, NoEvidence: true})
			if err != nil {
				return 0, err
			}
			return len(g.Nodes), nil
		}},
		{"chains4up", func(ctx context.Context, s store.Store) (int, error) {
			p, err := s.Chains(ctx, project, store.Upstream, 4)
			return len(p), err
		}},
	}
}

// BenchLatency runs q b.N times (after one warm-up call) and reports the
// p50 and p99 latency in milliseconds and the number of results.
func BenchLatency(b *testing.B, s store.Store, q TraversalQuery) {
	ctx := context.Background()
	if _, err := q.Run(ctx, s); err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	n := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		got, err := q.Run(ctx, s)
		lat = append(lat, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
		n = got
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(n), "results")
}
