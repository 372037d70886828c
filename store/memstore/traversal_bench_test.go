package memstore_test

import (
	"testing"

	"github.com/zonegraph/zonegraph/store/storetest"
)

// BenchmarkTraversal reports p50/p99 of paths4, chains4 and chains4up per
// graph size (10k, 100k; 1M with MEMSTORE_BENCH_1M=1); compare the sizes'
// latencies for the growth. Run with a fixed count:
//
//	go test ./store/memstore -run '^$' -bench Traversal -benchtime 200x
func BenchmarkTraversal(b *testing.B) {
	forSizes(b, func(b *testing.B, g *benchGraph) {
		for _, q := range storetest.TraversalQueries(g.gen) {
			b.Run(q.Name, func(b *testing.B) { storetest.BenchLatency(b, g.store, q) })
		}
	})
}
