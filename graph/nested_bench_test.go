package graph_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
)

// nestedQuery is zgbench's zone-listed-firms query (bench/cmd/zgbench).
const nestedQuery = `query ($zone: String!) { zone(name: $zone) { name enterprises(listed: true, first: 20) { totalCount nodes { name positions { title from { name } } operates { name investmentCNY } } } } }`

var (
	nestedOnce    sync.Once
	nestedGen     *gen.GraphGen
	nestedHandler http.Handler
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkNestedQuery serves zgbench's nested query over a 100k-node
// bench/gen graph in memstore and reports the process CPU per request.
func BenchmarkNestedQuery(b *testing.B) {
	nestedOnce.Do(func() {
		gg, st := genStore(b, 100_000)
		nestedGen, nestedHandler = gg, graph.NewHandler(st, graph.Config{})
	})
	benchNested(b, nestedHandler, nestedGen.ZoneName(0))
}

// genStore is a memstore holding the bench/gen graph of n nodes (seed 1).
func genStore(b *testing.B, n int) (*gen.GraphGen, *memstore.Store) {
	gg, err := gen.NewGraph(gen.GraphConfig{Seed: 1, Nodes: n})
	if err != nil {
		b.Fatal(err)
	}
	st := memstore.New()
	if err := gg.Batches(5000, func(doc kg.Document, g *kg.Graph) error {
		_, err := st.Upsert(context.Background(), doc, g)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	return gg, st
}

// benchNested times the nested query for zone on h and reports the
// process CPU per request.
func benchNested(b *testing.B, h http.Handler, zone string) {
	body, _ := json.Marshal(map[string]any{"query": nestedQuery, "variables": map[string]any{"zone": zone}})
	do := func() []byte { return serveQuery(b, h, body) }
	b.Logf("response %d bytes, %d from fields", len(do()), strings.Count(string(do()), `"from"`))
	runtime.GC()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		do()
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cannedZone answers ZoneMembers from a page read once: what is left of
// a request's cost is the GraphQL layer's alone.
type cannedZone struct {
	*memstore.Store
	once sync.Once
	z    *kg.Node
	p    store.MemberPage
}

func (c *cannedZone) ZoneMembers(ctx context.Context, name string, q store.MemberQuery) (*kg.Node, store.MemberPage, error) {
	var err error
	c.once.Do(func() { c.z, c.p, err = c.Store.ZoneMembers(ctx, name, q) })
	return c.z, c.p, err
}

// BenchmarkNestedQueryLayer is BenchmarkNestedQuery with the store's
// work taken out (cannedZone): the CPU the GraphQL layer spends per
// request on zgbench's nested query.
func BenchmarkNestedQueryLayer(b *testing.B) {
	gg, st := genStore(b, 10_000)
	benchNested(b, graph.NewHandler(&cannedZone{Store: st}, graph.Config{}), gg.ZoneName(0))
}

// serveQuery posts one GraphQL request body to h and returns the answer;
// an HTTP error or a GraphQL error fails the benchmark.
func serveQuery(b *testing.B, h http.Handler, body []byte) []byte {
	req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusOK || strings.Contains(w.Body.String(), `"errors"`) {
		b.Fatalf("%d %s", w.Code, w.Body.String())
	}
	return w.Body.Bytes()
}
