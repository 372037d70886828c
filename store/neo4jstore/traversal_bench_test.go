package neo4jstore_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store/storetest"
)

// BenchmarkTraversal reports p50/p99 of paths4, chains4 and chains4up on
// generated graphs of the sizes in ZG_TRAVERSAL_SIZES (default 10000,100000),
// each bulk-loaded into the (cleared) test database unless it already holds
// that graph (so a second run, or another build, measures the same data):
//
//	NEO4J_URI=... go test ./store/neo4jstore -run '^$' -bench Traversal -benchtime 100x -timeout 60m
func BenchmarkTraversal(b *testing.B) {
	s := openTestStore(b)
	ctx := context.Background()
	sizes := []int{10_000, 100_000}
	if v := os.Getenv("ZG_TRAVERSAL_SIZES"); v != "" {
		sizes = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				b.Fatal(err)
			}
			sizes = append(sizes, n)
		}
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			gg, err := gen.NewGraph(gen.GraphConfig{Seed: 1, Nodes: n})
			if err != nil {
				b.Fatal(err)
			}
			name := fmt.Sprintf("traversal-bench-%d.graph", n)
			docs, err := s.Documents(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if len(docs) != 1 || docs[0].Name != name {
				if err := s.Clear(ctx); err != nil {
					b.Fatal(err)
				}
				doc := kg.Document{ID: kg.DocumentID(name), Name: name, SHA256: name}
				if _, err := s.BulkLoad(ctx, doc, gg.Graph(), 0); err != nil {
					b.Fatal(err)
				}
			}
			for _, q := range storetest.TraversalQueries(gg) {
				b.Run(q.Name, func(b *testing.B) { storetest.BenchLatency(b, s, q) })
			}
		})
	}
}
