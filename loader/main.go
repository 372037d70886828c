// Command loader reads newspaper pages (*.txt) from seeds/, extracts their
// graph and loads it into the store: Neo4j when NEO4J_URI is set, else an
// in-memory store (useful with -dump and -eval).
//
//	go run ./loader                    load seeds/ and print a summary
//	go run ./loader -seeds DIR|FILE    load other pages
//	go run ./loader -dump graph.json   also write the graph JSON dump
//	go run ./loader -eval GOLD.yaml    also score the extraction against a gold annotation
//	go run ./loader -stats [-json]     print counts read back from the store, load nothing
//
// The exit status is 1 when any file failed to load, 2 on a usage error and
// 3 when the store cannot be reached.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/zonegraph/zonegraph/ingest"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type options struct {
	seeds   string
	dump    string
	gold    string
	stats   bool
	json    bool
	timeout time.Duration
}

func run(args []string, stdout, stderr io.Writer) int {
	var o options
	fs := flag.NewFlagSet("loader", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.seeds, "seeds", "seeds", "directory of page files (*.txt), or one file")
	fs.StringVar(&o.dump, "dump", "", "write the loaded graph as JSON (DESIGN.md dump format) to this file")
	fs.StringVar(&o.gold, "eval", "", "score the loaded graph against this gold annotation (YAML) and print P/R/F1")
	fs.BoolVar(&o.stats, "stats", false, "print node and relationship counts read back from the store; load nothing")
	fs.BoolVar(&o.json, "json", false, "with -stats or for the summary: print JSON")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()

	st, where, err := openStore(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "loader: %v\n", err)
		return 3
	}
	defer st.Close(context.Background())

	if o.stats {
		s, err := st.Stats(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "loader: reading stats from %s: %v\n", where, err)
			return 3
		}
		printStats(stdout, s, o.json)
		return 0
	}

	start := time.Now()
	sum, err := ingest.Dir(ctx, st, o.seeds)
	if err != nil {
		fmt.Fprintf(stderr, "loader: %v\n", err)
		if errors.Is(err, store.ErrUnavailable) {
			fmt.Fprintf(stderr, "loader: %s is unavailable; pages already written are complete, the failed page was not written\n", where)
			return 3
		}
		return 1
	}
	printSummary(stdout, sum, where, time.Since(start), o.json)

	if o.dump != "" || o.gold != "" {
		g, err := export(ctx, st)
		if err != nil {
			fmt.Fprintf(stderr, "loader: reading the graph back from %s: %v\n", where, err)
			return 3
		}
		if o.dump != "" {
			if err := writeDump(o.dump, g); err != nil {
				fmt.Fprintf(stderr, "loader: %v\n", err)
				return 1
			}
			fmt.Fprintf(stdout, "dump: %d nodes, %d edges written to %s\n", len(g.Nodes), len(g.Relations), o.dump)
		}
		if o.gold != "" {
			if err := score(o.gold, g, stdout); err != nil {
				fmt.Fprintf(stderr, "loader: %v\n", err)
				return 2
			}
		}
	}
	if len(sum.Problems) > 0 {
		return 1
	}
	return 0
}

func export(ctx context.Context, st store.Store) (*kg.Graph, error) {
	ex, ok := st.(store.Exporter)
	if !ok {
		return nil, fmt.Errorf("this store cannot export its graph")
	}
	return ex.Export(ctx)
}

func writeDump(path string, g *kg.Graph) error {
	data, err := json.MarshalIndent(g, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func printSummary(w io.Writer, s ingest.Summary, where string, took time.Duration, asJSON bool) {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(s)
		return
	}
	fmt.Fprintf(w, "store:     %s\n", where)
	fmt.Fprintf(w, "files:     %d (%d loaded, %d unchanged, %d failed) in %s\n",
		s.Files, s.Loaded, s.Skipped, len(s.Problems), took.Round(time.Millisecond))
	fmt.Fprintf(w, "articles:  %d\n", s.Articles)
	fmt.Fprintf(w, "entities:  %s\n", counts(s.NodesByLabel))
	fmt.Fprintf(w, "relations: %s\n", counts(s.RelationsByType))
	if len(s.Problems) == 0 {
		fmt.Fprintln(w, "problems:  none")
		return
	}
	fmt.Fprintf(w, "problems:  %d\n", len(s.Problems))
	for _, p := range s.Problems {
		fmt.Fprintf(w, "  %s: %s\n", p.File, p.Reason)
	}
}

func printStats(w io.Writer, s store.Stats, asJSON bool) {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(s) // maps marshal with sorted keys: identical stats print identically
		return
	}
	fmt.Fprintf(w, "documents:     %d\n", s.Documents)
	fmt.Fprintf(w, "nodes:         %s\n", counts(s.Nodes))
	fmt.Fprintf(w, "relationships: %s\n", counts(s.Relations))
}

// counts formats a label/type -> count map as "A 3, B 1" in key order.
func counts[K ~string](m map[K]int) string {
	keys := make([]string, 0, len(m))
	total := 0
	for k, v := range m {
		keys = append(keys, string(k))
		total += v
	}
	if len(keys) == 0 {
		return "0"
	}
	sort.Strings(keys)
	out := fmt.Sprintf("%d (", total)
	for i, k := range keys {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%s %d", k, m[K(k)])
	}
	return out + ")"
}
