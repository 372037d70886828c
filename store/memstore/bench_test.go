package memstore_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
)

// The benchmarks run on graphs from bench/gen at 10k and 100k nodes; set
// MEMSTORE_BENCH_1M=1 to add 1M (about a minute to generate and load).
// The queries are zgbench's (bench/cmd/zgbench): a zone hub, a firm ranked
// at 2% of the enterprises, the first bank, the zone ranked 3.

// benchPageItems is the page size (items) the benchmark graphs load in.
const benchPageItems = 5000

type benchGraph struct {
	gen   *gen.GraphGen
	store *memstore.Store
}

var (
	benchMu     sync.Mutex
	benchGraphs = map[int]*benchGraph{}
)

func benchSizes() []int {
	sizes := []int{10_000, 100_000}
	if v, _ := strconv.ParseBool(os.Getenv("MEMSTORE_BENCH_1M")); v && !testing.Short() {
		sizes = append(sizes, 1_000_000)
	}
	return sizes
}

func sizeName(n int) string {
	if n >= 1_000_000 {
		return fmt.Sprintf("%dM", n/1_000_000)
	}
	return fmt.Sprintf("%dk", n/1000)
}

// loadedGraph generates and loads the graph of n nodes once per process.
func loadedGraph(b *testing.B, n int) *benchGraph {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if g, ok := benchGraphs[n]; ok {
		return g
	}
	gg, err := gen.NewGraph(gen.GraphConfig{Seed: 1, Nodes: n})
	if err != nil {
		b.Fatal(err)
	}
	s := memstore.New()
	err = gg.Batches(benchPageItems, func(doc kg.Document, g *kg.Graph) error {
		_, err := s.Upsert(context.Background(), doc, g)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	bg := &benchGraph{gen: gg, store: s}
	benchGraphs[n] = bg
	return bg
}

func (g *benchGraph) firm() kg.ID {
	return g.gen.ID(kg.LabelEnterprise, g.gen.Counts()[kg.LabelEnterprise]/50)
}

// forSizes runs fn as a sub-benchmark per graph size.
func forSizes(b *testing.B, fn func(b *testing.B, g *benchGraph)) {
	for _, n := range benchSizes() {
		b.Run(sizeName(n), func(b *testing.B) {
			g := loadedGraph(b, n)
			b.ResetTimer()
			fn(b, g)
		})
	}
}

func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	forSizes(b, func(b *testing.B, g *benchGraph) {
		zone := []rune(g.gen.ZoneName(0))
		firm := []rune(g.gen.EnterpriseName(g.gen.Counts()[kg.LabelEnterprise] / 50))
		cases := []struct {
			name, text string
			labels     []kg.Label
		}{
			{"prefix2", string(zone[:2]), nil},    // zgbench's search
			{"exact", string(zone), nil},          // a zone by name
			{"substring", string(firm[2:5]), nil}, // inside firm names
			{"zones", string(zone[:2]), []kg.Label{kg.LabelZone}},
		}
		for _, c := range cases {
			b.Run(c.name, func(b *testing.B) {
				var hits int
				for i := 0; i < b.N; i++ {
					got, err := g.store.Search(ctx, c.text, c.labels, 10)
					if err != nil {
						b.Fatal(err)
					}
					hits = len(got)
				}
				b.ReportMetric(float64(hits), "results")
			})
		}
	})
}

// BenchmarkRelationsHub reads every relation of the largest zone (what the
// GraphQL layer does for zone.enterprises) and of a mid-ranked firm.
func BenchmarkRelationsHub(b *testing.B) {
	ctx := context.Background()
	forSizes(b, func(b *testing.B, g *benchGraph) {
		for _, c := range []struct {
			name string
			id   kg.ID
		}{{"zone0", g.gen.ID(kg.LabelZone, 0)}, {"firm", g.firm()}} {
			b.Run(c.name, func(b *testing.B) {
				var n int
				for i := 0; i < b.N; i++ {
					got, err := g.store.Relations(ctx, []kg.ID{c.id}, store.Both, nil)
					if err != nil {
						b.Fatal(err)
					}
					n = len(got[c.id])
				}
				b.ReportMetric(float64(n), "results")
			})
		}
	})
}

func BenchmarkPaths(b *testing.B) {
	ctx := context.Background()
	forSizes(b, func(b *testing.B, g *benchGraph) {
		from, to := g.firm(), g.gen.ID(kg.LabelZone, 3)
		var n int
		for i := 0; i < b.N; i++ {
			got, err := g.store.Paths(ctx, from, to, 4, nil)
			if err != nil {
				b.Fatal(err)
			}
			n = len(got)
		}
		b.ReportMetric(float64(n), "results")
	})
}

func BenchmarkChains(b *testing.B) {
	ctx := context.Background()
	forSizes(b, func(b *testing.B, g *benchGraph) {
		bank := g.gen.ID(kg.LabelEnterprise, 0)
		var n int
		for i := 0; i < b.N; i++ {
			got, err := g.store.Chains(ctx, bank, store.Downstream, 4)
			if err != nil {
				b.Fatal(err)
			}
			n = len(got)
		}
		b.ReportMetric(float64(n), "results")
	})
}

func BenchmarkNeighborhood(b *testing.B) {
	ctx := context.Background()
	forSizes(b, func(b *testing.B, g *benchGraph) {
		var n int
		for i := 0; i < b.N; i++ {
			got, _, err := g.store.Neighborhood(ctx, g.firm(), 2, 200, nil)
			if err != nil {
				b.Fatal(err)
			}
			n = len(got.Nodes)
		}
		b.ReportMetric(float64(n), "results")
	})
}

// BenchmarkUpsertPages loads a whole generated graph page by page (1000
// items a page) into an empty store: one op is the whole load.
func BenchmarkUpsertPages(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchSizes() {
		b.Run(sizeName(n), func(b *testing.B) {
			gg, err := gen.NewGraph(gen.GraphConfig{Seed: 1, Nodes: n})
			if err != nil {
				b.Fatal(err)
			}
			type pg struct {
				doc kg.Document
				g   *kg.Graph
			}
			var pages []pg
			_ = gg.Batches(1000, func(doc kg.Document, g *kg.Graph) error {
				pages = append(pages, pg{doc, g})
				return nil
			})
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s := memstore.New()
				for _, p := range pages {
					if _, err := s.Upsert(ctx, p.doc, p.g); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(len(pages)), "pages")
		})
	}
}

// BenchmarkZoneListedFirms: the first 20 listed enterprises of zone 0 and
// its sub-zones, by the paged read (members) and by what the GraphQL
// layer did before it (readAll: every LOCATED_IN relation and member node,
// filtered and sorted in Go).
func BenchmarkZoneListedFirms(b *testing.B) {
	ctx := context.Background()
	yes := true
	forSizes(b, func(b *testing.B, g *benchGraph) {
		zone := g.gen.ID(kg.LabelZone, 0)
		b.Run("members", func(b *testing.B) {
			var total int
			for i := 0; i < b.N; i++ {
				got, err := g.store.Members(ctx, []kg.ID{zone}, store.MemberQuery{Label: kg.LabelEnterprise, Listed: &yes, IncludeSubZones: true, First: 20})
				if err != nil {
					b.Fatal(err)
				}
				total = got[zone].TotalCount
			}
			b.ReportMetric(float64(total), "members")
		})
		b.Run("readAll", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				subs, err := g.store.SubZones(ctx, []kg.ID{zone})
				if err != nil {
					b.Fatal(err)
				}
				zones := append([]kg.ID{zone}, subs[zone]...)
				rels, err := g.store.Relations(ctx, zones, store.Incoming, []kg.RelType{kg.RelLocatedIn})
				if err != nil {
					b.Fatal(err)
				}
				var ids []kg.ID
				for _, z := range zones {
					for _, r := range rels[z] {
						ids = append(ids, r.From)
					}
				}
				if _, err := g.store.Nodes(ctx, ids); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

func BenchmarkSearchBank(b *testing.B) {
	ctx := context.Background()
	forSizes(b, func(b *testing.B, g *benchGraph) {
		name := g.gen.EnterpriseName(0)
		var n int
		for i := 0; i < b.N; i++ {
			got, err := g.store.Search(ctx, name, kg.EntityLabels, 20)
			if err != nil {
				b.Fatal(err)
			}
			n = len(got)
		}
		b.ReportMetric(float64(n), "results")
	})
}
