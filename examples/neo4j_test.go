package examples

import (
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/store/memstore"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
	"github.com/zonegraph/zonegraph/store/neo4jstore/neo4jtest"
)

// openNeo4j opens the test Neo4j (skipped without NEO4J_URI unless
// CI=true), with its schema, and clears it.
func openNeo4j(t testing.TB) *neo4jstore.Store {
	t.Helper()
	return neo4jtest.OpenEmpty(t)
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

// TestZoneListingOneRoundTripNeo4j: zone(name) with a page of its firms
// and their positions and projects (zgbench's zoneListedFirms) is one
// Neo4j statement, and answers as memstore does.
func TestZoneListingOneRoundTripNeo4j(t *testing.T) {
	s := openNeo4j(t)
	fixture.load(t, s)
	mem := memstore.New()
	fixture.load(t, mem)
	const q = `query Z { zone(name: "七星区") { name enterprises(first: 20) { totalCount
	  nodes { name positions { title from { name } } operates { name investmentCNY } } } } }`
	before := s.RoundTrips()
	got := run(t, graph.NewHandler(s, graph.Config{}), q, "Z")
	if n := s.RoundTrips() - before; n != 1 {
		t.Errorf("%d Neo4j round trips, want 1", n)
	}
	if want := run(t, graph.NewHandler(mem, graph.Config{}), q, "Z"); string(got) != string(want) {
		t.Errorf("Neo4j answers\n%s\nmemstore\n%s", got, want)
	}
	if !strings.Contains(string(got), `"title"`) {
		t.Errorf("no positions in the answer: %s", got)
	}
}
