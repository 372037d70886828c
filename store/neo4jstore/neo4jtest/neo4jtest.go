// Package neo4jtest opens the Neo4j that tests run against: the one named
// by NEO4J_URI (NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE). Without
// it a test is skipped, unless CI=true: then a missing or unreachable Neo4j
// fails the test, so CI never passes without having tested Neo4j.
package neo4jtest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// Open opens the test database and checks that it answers; the store is
// closed when the test ends.
func Open(t testing.TB) *neo4jstore.Store {
	t.Helper()
	cfg := neo4jstore.ConfigFromEnv()
	ci := os.Getenv("CI") == "true"
	if cfg.URI == "" {
		if ci {
			t.Fatal("CI=true but NEO4J_URI is not set: Neo4j must be tested in CI")
		}
		t.Skip("NEO4J_URI not set")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	s, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(ctx); err != nil {
		s.Close(ctx)
		if ci {
			t.Fatalf("CI=true but Neo4j at %s is unreachable: %v", cfg.URI, err)
		}
		t.Skipf("Neo4j at %s unreachable: %v", cfg.URI, err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

// OpenEmpty opens the test database (as Open), ensures the schema and
// clears every node and relationship.
func OpenEmpty(t testing.TB) *neo4jstore.Store {
	t.Helper()
	s := Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}
