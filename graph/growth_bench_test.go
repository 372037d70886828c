package graph_test

import (
	"context"
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store/memstore"
)

// BenchmarkGrowth serves zgbench's investmentChains4 and neighborhood2
// queries (the same entities) over memstore loaded as zgserve loads it (one
// document) at 10k nodes and, with MEMSTORE_BENCH_1M=1, 1M (about ten
// minutes and 12 GB), and reports the process CPU per request. The
// duringGC variants time the same requests while a goroutine runs
// runtime.GC back to back: what a request costs when it lands inside a
// collection of the whole store's heap (one cycle takes tens of seconds at
// 1M on a loaded 2-core machine, logged per size).
func BenchmarkGrowth(b *testing.B) {
	sizes := []int{10_000}
	if v, _ := strconv.ParseBool(os.Getenv("MEMSTORE_BENCH_1M")); v {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		gg, st := genStoreWhole(b, n)
		h := graph.NewHandler(st, graph.Config{})
		t0 := time.Now()
		runtime.GC()
		b.Logf("%d nodes: one GC cycle %v", n, time.Since(t0))
		qs := []struct {
			name, text string
			vars       map[string]any
		}{
			{"investmentChains4", `query ($from: ID!) { investmentChains(from: $from, direction: DOWNSTREAM, maxHops: 4) { length minAmountCNY nodes { name } } }`, map[string]any{"from": gg.EnterpriseName(0)}},
			{"neighborhood2", `query ($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { truncated nodes { id label name } edges { id type source target } } }`, map[string]any{"id": gg.EnterpriseName(gg.Counts()[kg.LabelEnterprise] / 50)}},
		}
		for _, q := range qs {
			for _, withGC := range []bool{false, true} {
				name := q.name + "/" + strconv.Itoa(n)
				if withGC {
					name += "/duringGC"
				}
				b.Run(name, func(b *testing.B) {
					stop := make(chan struct{})
					done := make(chan int)
					if withGC {
						go func() {
							cycles := 0
							for {
								select {
								case <-stop:
									done <- cycles
									return
								default:
									runtime.GC()
									cycles++
								}
							}
						}()
					}
					body, _ := json.Marshal(map[string]any{"query": q.text, "variables": q.vars})
					var size int
					var gc0 runtime.MemStats
					runtime.ReadMemStats(&gc0)
					cpu0 := cpuTime()
					for b.Loop() {
						size = len(serveQuery(b, h, body))
					}
					var gc1 runtime.MemStats
					runtime.ReadMemStats(&gc1)
					b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
					b.ReportMetric(float64(size), "bytes")
					b.ReportMetric(float64(gc1.NumGC-gc0.NumGC), "gcs")
					if withGC {
						close(stop)
						<-done
					}
				})
			}
		}
	}
}

// genStoreWhole is genStore loaded as one document, as zgserve loads it.
func genStoreWhole(b *testing.B, n int) (*gen.GraphGen, *memstore.Store) {
	gg, err := gen.NewGraph(gen.GraphConfig{Seed: 1, Nodes: n})
	if err != nil {
		b.Fatal(err)
	}
	st := memstore.New()
	if _, err := st.Upsert(context.Background(), gg.Document(), gg.Graph()); err != nil {
		b.Fatal(err)
	}
	return gg, st
}
