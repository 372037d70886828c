// Package examples holds the API's example queries (queries.graphql) and
// their golden answers; the tests run every example, compare the answer
// with testdata, count store round trips and benchmark each query.
package examples

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/graph/graphtest"
	"github.com/zonegraph/zonegraph/ingest"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// example is one named operation of queries.graphql.
type example struct {
	name  string
	depth int
}

func loadExamples(t testing.TB) (string, []example) {
	t.Helper()
	src, err := os.ReadFile("queries.graphql")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parser.ParseQuery(&ast.Source{Name: "queries.graphql", Input: string(src)})
	if err != nil {
		t.Fatalf("parse queries.graphql: %v", err)
	}
	var out []example
	for _, op := range doc.Operations {
		out = append(out, example{name: op.Name, depth: depth(op.SelectionSet, doc.Fragments)})
	}
	return string(src), out
}

func depth(set ast.SelectionSet, frags ast.FragmentDefinitionList) int {
	deepest := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			d = 1 + depth(s.SelectionSet, frags)
		case *ast.InlineFragment:
			d = depth(s.SelectionSet, frags)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil {
				d = depth(f.SelectionSet, frags)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// source is a graph the examples run on, with its golden directory.
type source struct {
	name string
	load func(t testing.TB, st store.Store)
}

// fixture: the seed page's gold annotation (independent of the extractor).
var fixture = source{"fixture", func(t testing.TB, st store.Store) {
	if err := graphtest.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
}}

// seed: the seed page as the extractor reads it.
var seed = source{"seed", func(t testing.TB, st store.Store) {
	sum, err := ingest.Dir(context.Background(), st, filepath.Join("..", "seeds"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Problems) > 0 || sum.Loaded == 0 {
		t.Fatalf("seeds: %+v", sum)
	}
	nodes := 0
	for _, n := range sum.NodesByLabel {
		nodes += n
	}
	if nodes == 0 {
		t.Skip("the extractor yields no nodes yet")
	}
}}

// run posts one operation and returns the indented response.
func run(t testing.TB, h http.Handler, query, op string) []byte {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "operationName": op})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: HTTP %d: %s", op, rec.Code, rec.Body)
	}
	var v any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("%s: %v", op, err)
	}
	out, _ := json.MarshalIndent(v, "", "  ")
	return append(out, '\n')
}

// testGolden runs every example on st loaded from src and compares the
// answers with testdata/<src>/; -update rewrites them (memstore only, so
// that the other stores are held to the same files).
func testGolden(t *testing.T, src source, st store.Store) {
	_, isMem := st.(*memstore.Store)
	query, examples := loadExamples(t)
	src.load(t, st)
	h := graph.NewHandler(st, graph.Config{})
	for _, ex := range examples {
		t.Run(ex.name, func(t *testing.T) {
			got := run(t, h, query, ex.name)
			if strings.Contains(string(got), `"errors"`) && src.name == fixture.name {
				t.Errorf("%s answered errors:\n%s", ex.name, got)
			}
			golden := filepath.Join("testdata", src.name, ex.name+".json")
			if *update && isMem {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s:\n%s", ex.name, golden, got)
			}
		})
	}
}

func TestExamplesFixture(t *testing.T) { testGolden(t, fixture, memstore.New()) }

func TestExamplesSeed(t *testing.T) { testGolden(t, seed, memstore.New()) }

// TestRoundTrips checks that every example costs at most depth+1 store
// calls: the dataloaders batch each level of the query into one call.
func TestRoundTrips(t *testing.T) {
	query, examples := loadExamples(t)
	st := &graphtest.Counting{Store: memstore.New()}
	fixture.load(t, st)
	h := graph.NewHandler(st, graph.Config{})
	for _, ex := range examples {
		t.Run(ex.name, func(t *testing.T) {
			st.Reset()
			run(t, h, query, ex.name)
			calls, methods := st.Calls()
			t.Logf("%s: depth %d, %d store calls %v", ex.name, ex.depth, calls, methods)
			if calls > ex.depth+1 {
				t.Errorf("%s: %d store calls %v, want <= depth+1 = %d", ex.name, calls, methods, ex.depth+1)
			}
		})
	}
}

func benchmarkExamples(b *testing.B, st store.Store) {
	query, examples := loadExamples(b)
	fixture.load(b, st)
	h := graph.NewHandler(st, graph.Config{})
	for _, ex := range examples {
		b.Run(ex.name, func(b *testing.B) {
			for b.Loop() {
				run(b, h, query, ex.name)
			}
		})
	}
}

func BenchmarkExampleQueries(b *testing.B) {
	b.Run("memstore", func(b *testing.B) { benchmarkExamples(b, memstore.New()) })
	b.Run("neo4j", func(b *testing.B) { benchmarkExamples(b, openNeo4j(b)) })
}
