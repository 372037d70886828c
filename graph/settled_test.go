package graph

import (
	"os"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/zonegraph/zonegraph/graph/generated"
)

// TestResolverFields checks the table read from the generated
// ResolverRoot against fields known to be resolved and known to be plain.
func TestResolverFields(t *testing.T) {
	for _, c := range []struct {
		typ, field string
		want       bool
	}{
		{"Zone", "enterprises", true}, {"Zone", "stats", true}, {"Enterprise", "positions", true},
		{"Relation", "from", true}, {"Evidence", "article", true}, {"Query", "zone", true},
		{"Zone", "name", false}, {"Enterprise", "listed", false}, {"Relation", "title", false},
		{"Project", "investmentCNY", false},
	} {
		if got := resolverFields[c.typ][c.field]; got != c.want {
			t.Errorf("%s.%s resolver: %v, want %v", c.typ, c.field, got, c.want)
		}
	}
}

// TestSettledZone checks which zone(name) selections settle a request
// (its lists then marshal in place): only those answered entirely from
// the zone's members page.
func TestSettledZone(t *testing.T) {
	const nested = `name positions { title from { name } } operates { name investmentCNY }`
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}).Schema()
	for _, c := range []struct {
		name, query string
		want        bool
	}{
		{"bench shape", `query ($z: String!) { zone(name: $z) { name enterprises(listed: true, first: 20) { totalCount nodes { ` + nested + ` } } } }`, true},
		{"edges and page info", `{ zone(name: "z") { id kind enterprises { edges { cursor node { name listed } relation { type } } pageInfo { hasNextPage endCursor } } } }`, true},
		{"the located relation's zone", `{ zone(name: "z") { enterprises { edges { relation { to { name } } } } } }`, false},
		{"fragments and typename", `{ __typename zone(name: "z") { ...Z } } fragment Z on Zone { projects(first: 5) { nodes { ... on Project { name investors { from { name __typename } } } } } }`, true},
		{"ends of both sides", `{ zone(name: "z") { enterprises { nodes { positions { from { id name } to { name } } } } } }`, true},
		{"a second root field", `{ zone(name: "z") { enterprises { nodes { name } } } zones { totalCount } }`, false},
		{"a zone resolver beside the members", `{ zone(name: "z") { stats { enterprises } enterprises { nodes { name } } } }`, false},
		{"two members fields", `{ zone(name: "z") { enterprises { nodes { name } } projects { nodes { name } } } }`, false},
		{"a relation of an end", `{ zone(name: "z") { enterprises { nodes { positions { from { ... on Person { positions { title } } } } } } } }`, false},
		{"a relation of a related node", `{ zone(name: "z") { enterprises { nodes { operates { name operator { name } } } } } }`, false},
		{"evidence's article", `{ zone(name: "z") { enterprises { nodes { name evidence { quote article { title } } } } } }`, false},
		{"deferred", `{ zone(name: "z") { enterprises { nodes { name ... @defer { operates { name } } } } } }`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, errs := gqlparser.LoadQuery(schema, c.query)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			oc := &graphql.OperationContext{RawQuery: c.query, Doc: doc, Operation: doc.Operations[0], Variables: map[string]any{"z": "z"}}
			var zone *ast.Field
			eachField(oc, oc.Operation.SelectionSet, func(f *ast.Field) bool {
				if f.Name == "zone" {
					zone = f
				}
				return true
			})
			q, ok := aheadMemberQueryIn(oc, zone.SelectionSet, DefaultLimits)
			if !ok {
				t.Fatal("no members page to read ahead")
			}
			if got := settledZone(oc, zone, q); got != c.want {
				t.Errorf("settled %v, want %v (members %s with %v)", got, c.want, q.Label, q.With)
			}
		})
	}
}

// TestGeneratedListsUseListexec checks that graph/generated went through
// listexec/rewrite after gqlgen (go generate runs both).
func TestGeneratedListsUseListexec(t *testing.T) {
	src, err := os.ReadFile("generated/generated.go")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(src), "graphql.MarshalSliceConcurrently("); n > 0 {
		t.Errorf("%d list marshallers bypass listexec: run go generate ./graph/...", n)
	}
	if !strings.Contains(string(src), "listexec.MarshalSlice(") {
		t.Error("no list marshaller uses listexec")
	}
}

// TestSettledRoot checks which queries settle at their root field: one
// root field whose selection runs no resolver.
func TestSettledRoot(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}).Schema()
	for _, c := range []struct {
		name, query string
		want        bool
	}{
		{"neighbourhood", `query ($id: ID!) { neighborhood(id: $id, depth: 2, limit: 200) { truncated nodes { id label name } edges { id type source target } } }`, true},
		{"search", `{ __typename search(text: "光谷", first: 10) { id name label ... on Zone { kind } } }`, true},
		{"two roots", `{ search(text: "a") { id } stats { documents } }`, false},
		{"a resolver below", `{ search(text: "a") { id ... on Enterprise { positions { title } } } }`, false},
		{"paths", `{ paths(from: "a", to: "b") { length nodes { name } relations { type } minAmountCNY } }`, true},
		{"chains", `{ investmentChains(from: "a", maxHops: 4) { length minAmountCNY nodes { name } } }`, true},
		{"a path relation's end", `{ paths(from: "a", to: "b") { relations { from { name } } } }`, false},
		{"zone listing", `{ zone(name: "z") { name enterprises { nodes { name } } } }`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, errs := gqlparser.LoadQuery(schema, c.query)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			oc := &graphql.OperationContext{RawQuery: c.query, Doc: doc, Operation: doc.Operations[0]}
			var root *ast.Field
			eachField(oc, oc.Operation.SelectionSet, func(f *ast.Field) bool {
				if f.Name != "__typename" {
					root = f
				}
				return true
			})
			if got := settledRoot(oc, root); got != c.want {
				t.Errorf("settled %v, want %v", got, c.want)
			}
		})
	}
}
