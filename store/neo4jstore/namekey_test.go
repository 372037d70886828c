package neo4jstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// TestNodeByName: NodeByName finds, by the kg_namekey index, the node
// that Search ranks first among those whose own name is the name (the
// smallest ID, within the labels asked for), ignores aliases, and gives
// the same answers on a database written before every node had nameKey
// once EnsureSchema has filled it in.
func TestNodeByName(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	if err := s.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	ops, err := neo4jstore.Explain(ctx, s, neo4jstore.NodeByNameStatement())
	if err != nil {
		t.Fatal(err)
	}
	if plan := strings.Join(ops, "\n"); !strings.Contains(plan, "NodeIndexSeek") || !strings.Contains(plan, ":KGNode(nameKey)") {
		t.Errorf("no seek of kg_namekey in plan:\n%s", plan)
	}

	node := func(l kg.Label, name string, aliases ...string) kg.Node {
		return kg.Node{ID: kg.NodeID(l, name), Label: l, Name: name, Aliases: aliases}
	}
	// "星河科技" is an enterprise's and an institution's name and another
	// enterprise's alias; "Acme Ltd" folds to "ＡＣＭＥ　Ltd"; "银河" is
	// an alias only.
	nodes := []kg.Node{
		node(kg.LabelEnterprise, "星河科技"), node(kg.LabelInstitution, "星河科技"),
		node(kg.LabelEnterprise, "星河科技股份有限公司", "星河科技", "银河"),
		node(kg.LabelEnterprise, "Acme Ltd"), node(kg.LabelEnterprise, "ＡＣＭＥ Ltd"),
	}
	for i := range 200 { // enough names sharing the phrase for Search to rank
		nodes = append(nodes, node(kg.LabelEnterprise, fmt.Sprintf("星河科技%03d号", i)))
	}
	doc := kg.Document{ID: kg.DocumentID("names.txt"), Name: "names.txt", SHA256: "names"}
	if _, err := s.BulkLoad(ctx, doc, &kg.Graph{Nodes: nodes}, 0); err != nil {
		t.Fatal(err)
	}
	type ask struct {
		name   string
		labels []kg.Label
	}
	asks := []ask{
		{"星河科技", nil}, {"星河科技", []kg.Label{kg.LabelInstitution}}, {"星河科技", []kg.Label{kg.LabelPerson}},
		{"acme ltd", nil}, {"ACME LTD", []kg.Label{kg.LabelEnterprise}}, {"银河", nil}, {"星河科技123号", nil}, {"没有", nil},
	}
	// want: the first of Search's results whose own name is the name.
	want := func(a ask) kg.ID {
		found, err := s.Search(ctx, a.name, a.labels, 20)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range found {
			if store.NormalizeName(n.Name) == store.NormalizeName(a.name) {
				return n.ID
			}
		}
		return ""
	}
	check := func(stage string) {
		for _, a := range asks {
			n, err := s.NodeByName(ctx, a.name, a.labels)
			if err != nil {
				t.Fatal(err)
			}
			var got kg.ID
			if n != nil {
				got = n.ID
				if store.NormalizeName(n.Name) != store.NormalizeName(a.name) {
					t.Errorf("%s: NodeByName(%q) = %q named %q", stage, a.name, n.ID, n.Name)
				}
			}
			if w := want(a); got != w {
				t.Errorf("%s: NodeByName(%q, %v) = %q, want %q (Search's first own name)", stage, a.name, a.labels, got, w)
			}
		}
		if n, _ := s.NodeByName(ctx, "银河", nil); n != nil {
			t.Errorf("%s: NodeByName found %q by an alias", stage, n.Name)
		}
	}
	check("loaded")

	// A database written before every node had nameKey: the property
	// gone from the enterprises and the page unmarked.
	if err := neo4jstore.Exec(ctx, s, `MATCH (n:Enterprise) REMOVE n.nameKey`); err != nil {
		t.Fatal(err)
	}
	if err := neo4jstore.Exec(ctx, s, `MATCH (d:Document) REMOVE d.nameKeys`); err != nil {
		t.Fatal(err)
	}
	if n, err := s.NodeByName(ctx, "Acme Ltd", nil); err != nil || n != nil {
		t.Fatalf("without nameKey: %+v, %v; want nothing (the test removes what it thinks it does)", n, err)
	}
	dump := migratedDump(t, s)
	if n := strings.Count(dump, `"nameKey"`); n != len(nodes) {
		t.Errorf("%d nodes with nameKey after EnsureSchema, want %d", n, len(nodes))
	}
	if n := strings.Count(dump, `"nameKeys":true`); n != 1 {
		t.Errorf("%d documents marked after EnsureSchema, want 1", n)
	}
	check("migrated")
}
