// Command loadbench measures Neo4j load throughput (issue #4): it generates
// a corpus of pages and loads it batched (UNWIND) and then row by row into
// the Neo4j named by NEO4J_URI, in the same run, and prints
// nodes+relationships per second for both and their ratio.
//
//	go run ./store/neo4jstore/cmd/loadbench -pages 1000
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

func main() {
	pages := flag.Int("pages", 1000, "pages to generate")
	rowPages := flag.Int("row-pages", 0, "pages to load row by row (default: same as -pages)")
	flag.Parse()
	if *rowPages <= 0 {
		*rowPages = *pages
	}
	cfg := neo4jstore.ConfigFromEnv()
	if cfg.URI == "" {
		fmt.Fprintln(os.Stderr, "loadbench: set NEO4J_URI (and NEO4J_PASSWORD)")
		os.Exit(2)
	}
	ctx := context.Background()
	r, err := neo4jstore.RunLoadBench(ctx, cfg, *pages, *rowPages)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
	fmt.Println(r)
}
