package graph_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/graph/graphtest"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/neo4jstore/neo4jtest"
)

// TestNameLookup checks on Neo4j that a name given for an entity is found
// by store.NameReader (an index seek) when it is some node's own name, by
// Search only when it is not, and that every name and alias of every node
// of the fixture (and a zone's "X（Y）" short form, and unknown names)
// resolves to the same node as through Search alone.
func TestNameLookup(t *testing.T) {
	s := neo4jtest.OpenEmpty(t)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	if err := graphtest.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	g, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st := &graphtest.Counting{Store: s}
	with := newClient(t, st, graph.Config{})
	without := newClient(t, searchOnly{s}, graph.Config{})
	ask := func(c *client.Client, name string) string {
		q := `{ entity(name: ` + strconv.Quote(name) + `) { id }
		  neighborhood(id: ` + strconv.Quote(name) + `, depth: 1, limit: 5) { nodes { id } } }`
		data, errs := post(t, c, q)
		return string(mustJSON(t, data)) + string(mustJSON(t, errs))
	}
	names := []string{"没有这个名字", "桂林"}
	owns := map[string]bool{}
	for _, n := range g.Nodes {
		if !slices.Contains(kg.EntityLabels, n.Label) {
			continue
		}
		owns[store.NormalizeName(n.Name)] = true
		names = append(names, n.Name)
		names = append(names, n.Aliases...)
	}
	var byIndex, searched int
	for _, name := range names {
		st.Reset()
		got := ask(with, name)
		if want := ask(without, name); got != want {
			t.Errorf("%q: %s, through Search alone %s", name, got, want)
		}
		_, methods := st.Calls()
		usedSearch := slices.Contains(methods, "Search")
		if owns[store.NormalizeName(name)] {
			byIndex++
			if usedSearch || !slices.Contains(methods, "NodeByName") {
				t.Errorf("%q is a node's own name, store calls %v: want NodeByName and no Search", name, methods)
			}
		} else if usedSearch {
			searched++
		}
	}
	t.Logf("%d names: %d found by the index, %d searched", len(names), byIndex, searched)
	if byIndex < 20 || searched < 2 {
		t.Errorf("the fixture exercised %d own names and %d searches; want >= 20 and >= 2", byIndex, searched)
	}
}

// searchOnly hides a store's optional readers: the resolver finds names
// through Search alone.
type searchOnly struct{ store.Store }
