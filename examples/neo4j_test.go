package examples

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// openNeo4j opens the Neo4j named by NEO4J_URI and clears it; without one
// the test is skipped, unless CI=true.
func openNeo4j(t testing.TB) *neo4jstore.Store {
	t.Helper()
	cfg := neo4jstore.ConfigFromEnv()
	ci := os.Getenv("CI") == "true"
	if cfg.URI == "" {
		if ci {
			t.Fatal("CI=true but NEO4J_URI is not set")
		}
		t.Skip("NEO4J_URI not set")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	s, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	if err := s.Ping(ctx); err != nil {
		if ci {
			t.Fatalf("CI=true but Neo4j at %s is unreachable: %v", cfg.URI, err)
		}
		t.Skipf("Neo4j at %s unreachable: %v", cfg.URI, err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// The same golden files as on memstore: both stores answer identical JSON.
func TestExamplesNeo4jFixture(t *testing.T) { testGolden(t, fixture, openNeo4j(t)) }

func TestExamplesNeo4jSeed(t *testing.T) { testGolden(t, seed, openNeo4j(t)) }

func TestMustShowNeo4jSeed(t *testing.T) {
	s := openNeo4j(t)
	testMustShowOn(t, seed, s)
}

// TestRoundTripsNeo4j counts the queries Neo4j actually receives.
func TestRoundTripsNeo4j(t *testing.T) {
	s := openNeo4j(t)
	query, examples := loadExamples(t)
	fixture.load(t, s)
	h := graph.NewHandler(s, graph.Config{})
	for _, ex := range examples {
		t.Run(ex.name, func(t *testing.T) {
			before := s.RoundTrips()
			run(t, h, query, ex.name)
			calls := int(s.RoundTrips() - before)
			t.Logf("%s: depth %d, %d Neo4j round trips", ex.name, ex.depth, calls)
			if calls > ex.depth+1 {
				t.Errorf("%s: %d round trips, want <= %d", ex.name, calls, ex.depth+1)
			}
		})
	}
}
