// Command zgserve is the bench's server under test: it generates the bench
// graph (bench/gen, deterministic from -seed and -nodes), loads it into a
// store and serves zonegraph's GraphQL handler (graph.NewHandler, the same
// handler the server command mounts) on 127.0.0.1. zgbench runs it as a
// subprocess so that its resident memory can be read from /proc.
//
// When it is ready it prints one JSON line to stdout:
//
//	{"ready":true,"nodes":N,"relations":R,"loadSeconds":S}
package main

import (
	"context"
	"encoding/json"
	"expvar"
	"flag"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/store/memstore"
)

func main() {
	nodes := flag.Int("nodes", 10000, "nodes to generate")
	seed := flag.Uint64("seed", 1, "generator seed")
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback only)")
	flag.Parse()

	st := memstore.New()
	g, err := gen.NewGraph(gen.GraphConfig{Seed: *seed, Nodes: *nodes})
	if err != nil {
		log.Fatal(err)
	}
	t0 := time.Now()
	whole := g.Graph()
	res, err := st.Upsert(context.Background(), g.Document(), whole)
	if err != nil {
		log.Fatal(err)
	}
	load := time.Since(t0)
	whole = nil
	runtime.GC()
	debug.FreeOSMemory()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	h := graph.NewHandler(st, graph.Config{Log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	mux := http.NewServeMux()
	mux.Handle("/graphql", h)
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok")) })
	// memstats (NumGC): zgbench counts the collections that ran during
	// each level (at 1M one collection of the memstore heap lasts seconds).
	mux.Handle("/debug/vars", expvar.Handler())
	_ = json.NewEncoder(os.Stdout).Encode(map[string]any{"ready": true, "addr": ln.Addr().String(),
		"nodes": res.Nodes, "relations": res.Relations, "loadSeconds": load.Seconds()})
	log.Fatal(http.Serve(ln, mux))
}
