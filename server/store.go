package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/zonegraph/zonegraph/ingest"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
)

// openStore chooses the store: Neo4j when NEO4J_URI is set, else the seeds
// extracted into memory. It returns the store and its name for /healthz.
func openStore(ctx context.Context, cfg config, getenv func(string) string, log *slog.Logger) (store.Store, string, error) {
	if getenv("NEO4J_URI") != "" {
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
