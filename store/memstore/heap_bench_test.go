package memstore_test

import (
	"context"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/store/memstore"
)

// BenchmarkHeap loads the bench graph as one document (as zgserve loads
// it), drops the input and reports the store's live heap (heap-MB), its
// objects and the process CPU of one full collection (gc-cpu-ns/op, one
// op is runtime.GC with only the store live): what every collection of a
// served memstore marks. Compare commits by running it on each:
//
//	go test ./store/memstore -run '^$' -bench Heap -benchtime 3x
func BenchmarkHeap(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(sizeName(n), func(b *testing.B) {
			gg, err := gen.NewGraph(gen.GraphConfig{Seed: 1, Nodes: n})
			if err != nil {
				b.Fatal(err)
			}
			st := memstore.New()
			if _, err := st.Upsert(context.Background(), gg.Document(), gg.Graph()); err != nil {
				b.Fatal(err)
			}
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			cpu0 := processCPU()
			for b.Loop() {
				runtime.GC()
			}
			b.ReportMetric(float64((processCPU()-cpu0).Nanoseconds())/float64(b.N), "gc-cpu-ns/op")
			b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "heap-MB")
			b.ReportMetric(float64(m.HeapObjects), "objects")
			runtime.KeepAlive(st)
		})
	}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
