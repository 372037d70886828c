// Command loadbench measures Neo4j load throughput (issues #4 and #7): it
// generates a corpus of pages and loads it, in the same run, into the
// Neo4j named by NEO4J_URI three ways: row by row (one auto-commit
// statement per node and relationship), per page (one transaction of
// UNWIND batches per page) and multi-page (UpsertBatch, -batch pages per
// transaction). It prints nodes+relationships per second, the ratios, and
// with -v the time spent in each kind of statement. With -bulk-pages it
// measures BulkLoad instead. It destroys the database's contents.
//
//	go run ./store/neo4jstore/cmd/loadbench -pages 1000 -batch 100
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

func main() {
	pages := flag.Int("pages", 1000, "pages to generate")
	rowPages := flag.Int("row-pages", 0, "pages to load row by row (default: same as -pages)")
	batch := flag.Int("batch", 100, "pages per transaction in the multi-page mode")
	verbose := flag.Bool("v", false, "print the time spent in each kind of statement")
	bulkPages := flag.Int("bulk-pages", 0, "instead: bulk-load this many generated pages merged into one graph (BulkLoad)")
	bulkBatch := flag.Int("bulk-batch", neo4jstore.DefaultBulkBatch, "rows per transaction with -bulk-pages")
	genNodes := flag.Int("gen-nodes", 0, "instead: bulk-load a bench/gen graph of this many nodes (about 5 relations each), BulkLoad against the previous MERGE-based BulkLoad in the same run")
	neo4jPID := flag.Int("neo4j-pid", 0, "with -gen-nodes: PID of the local Neo4j, to report its CPU time")
	noLegacy := flag.Bool("no-legacy", false, "with -gen-nodes: skip the previous BulkLoad (no ratio)")
	flag.Parse()
	cfg := neo4jstore.ConfigFromEnv()
	if cfg.URI == "" {
		fmt.Fprintln(os.Stderr, "loadbench: set NEO4J_URI (and NEO4J_PASSWORD)")
		os.Exit(2)
	}
	ctx := context.Background()
	if *genNodes > 0 {
		gg, err := gen.NewGraph(gen.GraphConfig{Seed: 1, Nodes: *genNodes})
		exitOn(err, 2)
		r, err := neo4jstore.RunBulkCompare(ctx, cfg, gg.Graph(), *bulkBatch, !*noLegacy, *neo4jPID)
		exitOn(err, 1)
		fmt.Print(r)
		if *verbose {
			fmt.Print(r.Details())
		}
		return
	}
	if *bulkPages > 0 {
		m, err := neo4jstore.RunBulkBench(ctx, cfg, *bulkPages, *bulkBatch)
		exitOn(err, 1)
		fmt.Printf("%s: %d generated pages, %d nodes+rels in %v = %.0f/s\n", m.Mode, m.Pages, m.Items, m.Time.Round(time.Millisecond), m.PerSec)
		if *verbose {
			fmt.Print(neo4jstore.FormatTimings(m.Timings))
		}
		return
	}
	r, err := neo4jstore.RunLoadBench(ctx, cfg, neo4jstore.LoadBenchOptions{Pages: *pages, RowPages: *rowPages, BatchPages: *batch})
	exitOn(err, 1)
	fmt.Print(r)
	if *verbose {
		fmt.Print(r.Details())
	}
}

// exitOn prints err and exits with code when err is not nil.
func exitOn(err error, code int) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(code)
	}
}
