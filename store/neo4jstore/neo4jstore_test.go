package neo4jstore_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
	"github.com/zonegraph/zonegraph/store/neo4jstore/neo4jtest"
	"github.com/zonegraph/zonegraph/store/storetest"
)

// openTestStore opens the test Neo4j (skipped without NEO4J_URI unless CI=true).
func openTestStore(t testing.TB) *neo4jstore.Store { return neo4jtest.Open(t) }

// migratedDump runs EnsureSchema (which brings data written by older
// versions up to date) and returns the stored layout, one item per line
// (RawDump).
func migratedDump(t *testing.T, s *neo4jstore.Store) string {
	t.Helper()
	ctx := context.Background()
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	raw, err := neo4jstore.RawDump(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(raw, "\n")
}

func TestConformance(t *testing.T) {
	s := openTestStore(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		if err := s.Clear(context.Background()); err != nil {
			t.Fatalf("Clear: %v", err)
		}
		return s
	})
}

func TestReadsAreOneRoundTrip(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	if err := s.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	for _, p := range []storetest.Page{storetest.PageA(), storetest.PageB()} {
		if _, err := s.Upsert(ctx, p.Doc, p.Graph); err != nil {
			t.Fatal(err)
		}
	}
	ids := []kg.ID{storetest.IDHik, storetest.IDBank, storetest.IDHangzhou}
	for i := 0; len(ids) < 100; i++ {
		ids = append(ids, kg.ID(fmt.Sprintf("enterprise:missing%d", i)))
	}
	cases := []struct {
		name string
		call func() error
	}{
		{"Nodes x100", func() error { _, err := s.Nodes(ctx, ids); return err }},
		{"Relations x100", func() error { _, err := s.Relations(ctx, ids, store.Both, nil); return err }},
		{"SubZones x100", func() error { _, err := s.SubZones(ctx, ids); return err }},
		{"Search", func() error { _, err := s.Search(ctx, "海康威视", nil, 10); return err }},
		{"Search scan", func() error { _, err := s.Search(ctx, "(滨江)", nil, 10); return err }},
		{"Zones", func() error { _, err := s.Zones(ctx, store.ZoneFilter{Province: "浙江省"}); return err }},
		{"Chains", func() error {
			_, err := s.Chains(ctx, storetest.IDBank, store.Downstream, 4)
			return err
		}},
		{"Neighborhood", func() error { _, _, err := s.Neighborhood(ctx, storetest.IDHik, 2, 50, nil); return err }},
		{"Stats", func() error { _, err := s.Stats(ctx); return err }},
		{"Documents", func() error { _, err := s.Documents(ctx); return err }},
	}
	for _, c := range cases {
		before := s.RoundTrips()
		if err := c.call(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if n := s.RoundTrips() - before; n != 1 {
			t.Errorf("%s cost %d round trips, want 1", c.name, n)
		}
	}
	// Paths is a search driven from Go: the endpoints with the first
	// layer, at most two statements per further layer (a meeting check,
	// an expansion), the IDs of the shortest paths' DAG and the paths kept.
	for hops := 1; hops <= 4; hops++ {
		before := s.RoundTrips()
		if _, err := s.Paths(ctx, storetest.IDBank, storetest.IDBaima, hops, nil); err != nil {
			t.Fatal(err)
		}
		if n, most := s.RoundTrips()-before, int64(2*hops+1); n > most {
			t.Errorf("Paths with %d hops cost %d round trips, want at most %d", hops, n, most)
		}
	}
}

// With nothing listening, Open succeeds and calls fail with ErrUnavailable.
func TestUnavailable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: "bolt://127.0.0.1:1", Password: "x"})
	if err != nil {
		t.Fatalf("Open with Neo4j down: %v", err)
	}
	defer s.Close(ctx)
	if err := s.Ping(ctx); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Ping: err = %v, want ErrUnavailable", err)
	}
	if _, err := s.Nodes(ctx, []kg.ID{"zone:x"}); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Nodes: err = %v, want ErrUnavailable", err)
	}
	p := storetest.PageA()
	if _, err := s.Upsert(ctx, p.Doc, p.Graph); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Upsert: err = %v, want ErrUnavailable", err)
	}
}

func TestConfigFromEnv(t *testing.T) {
	t.Setenv("NEO4J_URI", "bolt://db:7687")
	t.Setenv("NEO4J_USERNAME", "")
	t.Setenv("NEO4J_PASSWORD", "secret")
	t.Setenv("NEO4J_DATABASE", "")
	got := neo4jstore.ConfigFromEnv()
	want := neo4jstore.Config{URI: "bolt://db:7687", Username: "neo4j", Password: "secret", Database: "neo4j"}
	if got != want {
		t.Errorf("ConfigFromEnv = %+v, want %+v", got, want)
	}
}

// TestUnavailableRetryLimit: the driver's retry loop gives up with a
// TransactionExecutionLimit that does not unwrap; a database that was
// unavailable through the attempts (seen during a real restart) is still
// unavailable, a failing query is not.
func TestUnavailableRetryLimit(t *testing.T) {
	down := &neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable", Msg: "Database 'neo4j' unavailable"}
	bad := &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "bad"}
	cases := []struct {
		err  error
		want bool
	}{
		{&neo4j.TransactionExecutionLimit{Cause: "timeout (exceeded max retry time: 3s)", Errors: []error{down}}, true},
		{fmt.Errorf("members: %w", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{bad, down}}), true},
		{&neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{bad}}, false},
		{&neo4j.TransactionExecutionLimit{Cause: "timeout"}, false},
	}
	for i, c := range cases {
		if got := neo4jstore.Unavailable(c.err); got != c.want {
			t.Errorf("case %d: Unavailable(%v) = %v, want %v", i, c.err, got, c.want)
		}
	}
}
