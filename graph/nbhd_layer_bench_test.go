package graph_test

import (
	"context"
	"encoding/json"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/zonegraph/zonegraph/bench/queries"
	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
)

// cannedNeighborhood answers NeighborhoodOf and NodeByName from a read
// done once: what is left of a request's cost is the GraphQL layer's.
type cannedNeighborhood struct {
	*memstore.Store
	once      sync.Once
	g         *kg.Graph
	truncated bool
	center    *kg.Node
}

func (c *cannedNeighborhood) NeighborhoodOf(ctx context.Context, id kg.ID, q store.NeighborhoodQuery) (*kg.Graph, bool, error) {
	var err error
	c.once.Do(func() { c.g, c.truncated, err = c.Store.NeighborhoodOf(ctx, id, q) })
	return c.g, c.truncated, err
}

func (c *cannedNeighborhood) NodeByName(ctx context.Context, name string, labels []kg.Label) (*kg.Node, error) {
	if c.center == nil {
		found, err := c.Store.Search(ctx, name, labels, 1)
		if err != nil || len(found) == 0 {
			return nil, err
		}
		c.center = &found[0]
	}
	return c.center, nil
}

// BenchmarkNeighborhoodLayer serves zgbench's neighborhood2 query (a
// firm of the 10k-node bench/gen graph, by name) from a canned
// neighbourhood: the CPU the GraphQL layer spends per request.
func BenchmarkNeighborhoodLayer(b *testing.B) {
	gg, st := genStore(b, 10_000)
	h := graph.NewHandler(&cannedNeighborhood{Store: st}, graph.Config{})
	firm := gg.EnterpriseName(gg.Counts()[kg.LabelEnterprise] / 50)
	body, _ := json.Marshal(map[string]any{"query": queries.Neighborhood, "variables": map[string]any{"id": firm}})
	out := serveQuery(b, h, body)
	b.Logf("response %d bytes, %d nodes", len(out), strings.Count(string(out), `"label"`))
	runtime.GC()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		serveQuery(b, h, body)
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
}
