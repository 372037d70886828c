package main

import (
	"context"
	"errors"
	"log/slog"

	"github.com/zonegraph/zonegraph/store"
)

// openNeo4j opens the Neo4j store from the NEO4J_* variables.
func openNeo4j(ctx context.Context, log *slog.Logger) (store.Store, string, error) {
	return nil, "", errors.New("NEO4J_URI is set but this build has no Neo4j store yet")
}
