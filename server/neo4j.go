package main

import (
	"context"
	"log/slog"

	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// openNeo4j opens the Neo4j store from the NEO4J_* variables (read through
// getenv, like neo4jstore.ConfigFromEnv does from the process environment). Neo4j being
// down is not fatal: /healthz answers 503 and queries DATABASE_UNAVAILABLE
// until it is back.
func openNeo4j(ctx context.Context, getenv func(string) string, log *slog.Logger) (store.Store, string, error) {
	cfg := neo4jstore.Config{URI: getenv("NEO4J_URI"), Username: getenv("NEO4J_USERNAME"),
		Password: getenv("NEO4J_PASSWORD"), Database: getenv("NEO4J_DATABASE")}
	st, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		return nil, "", err
	}
	if err := st.Ping(ctx); err != nil {
		log.Warn("neo4j is not reachable yet; serving anyway", "uri", cfg.URI, "database", st.Database(), "err", err)
	} else {
		log.Info("neo4j", "uri", cfg.URI, "database", st.Database())
	}
	return st, "neo4j", nil
}
