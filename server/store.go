package main

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/zonegraph/zonegraph/ingest"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
)

// openStore chooses the store: Neo4j when NEO4J_URI is set, else the seeds
// extracted into memory. It returns the store and its name for /healthz.
func openStore(ctx context.Context, cfg config, getenv func(string) string, log *slog.Logger) (store.Store, string, error) {
	if getenv("NEO4J_URI") != "" {
		tuneGC(getenv, log)
		return openNeo4j(ctx, getenv, log)
	}
	st := memstore.New()
	t := time.Now()
	sum, err := ingest.Dir(ctx, st, cfg.seeds)
	if err != nil {
		return nil, "", fmt.Errorf("load %s: %w", cfg.seeds, err)
	}
	for _, p := range sum.Problems {
		log.Warn("page not loaded", "file", p.File, "reason", p.Reason)
	}
	log.Info("seeds loaded", "dir", cfg.seeds, "files", sum.Files, "loaded", sum.Loaded, "articles", sum.Articles,
		"nodes", sum.NodesByLabel, "relations", sum.RelationsByType, "took", time.Since(t).Round(time.Millisecond).String())
	return st, "memstore", nil
}

// neo4jGCPercent is the GOGC the server runs with over Neo4j unless GOGC
// is set. Its live heap is then a few MB (the graph is in Neo4j), which
// the default of 100 collects every one or two nested queries (a
// zoneListedFirms request allocates ~1.6 MB): about a quarter of the
// server's CPU went to the collector. At 400 the heap stays in the tens
// of MB. Not for memstore, whose live heap is the whole graph.
const neo4jGCPercent = 400

func tuneGC(getenv func(string) string, log *slog.Logger) {
	if getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(neo4jGCPercent)
	log.Info("GC target raised for the Neo4j store", "GOGC", neo4jGCPercent)
}
