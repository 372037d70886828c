package main

import (
	"context"
	"fmt"
	"os"

	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// openStore chooses the store: Neo4j when NEO4J_URI is set, memstore
// otherwise. It returns a description for messages. With Neo4j it checks
// the database is reachable before anything is read or written.
func openStore(ctx context.Context) (store.Store, string, error) {
	if os.Getenv("NEO4J_URI") == "" {
		return memstore.New(), "memstore (in memory; set NEO4J_URI to load Neo4j)", nil
	}
	cfg := neo4jstore.ConfigFromEnv()
	where := fmt.Sprintf("Neo4j at %s (database %q)", cfg.URI, cfg.Database)
	st, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		return nil, where, fmt.Errorf("%s: %w", where, err)
	}
	if err := st.Ping(ctx); err != nil {
		st.Close(ctx)
		return nil, where, fmt.Errorf("%s is unavailable, nothing was written: %w", where, err)
	}
	return st, where, nil
}
