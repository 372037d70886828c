package neo4jstore_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// partnersPage is a page naming two enterprises and, when with, their
// partnership.
func partnersPage(doc, a, b string, with bool) (kg.Document, *kg.Graph) {
	art := kg.ArticleID(doc, 0)
	ev := []kg.Evidence{{Article: art, Quote: a + "与" + b + "合作", Start: 0, End: 8}}
	ida, idb := kg.NodeID(kg.LabelEnterprise, a), kg.NodeID(kg.LabelEnterprise, b)
	g := &kg.Graph{Nodes: []kg.Node{
		{ID: ida, Label: kg.LabelEnterprise, Name: a, Aliases: []string{}, Properties: map[string]any{}, Evidence: ev},
		{ID: idb, Label: kg.LabelEnterprise, Name: b, Aliases: []string{}, Properties: map[string]any{}, Evidence: ev},
	}}
	if with {
		g.Relations = []kg.Relation{{ID: kg.RelationID(kg.RelPartnersWith, ida, idb), Type: kg.RelPartnersWith, From: ida, To: idb,
			Properties: map[string]any{kg.PropAgreement: "合作协议"}, Evidence: ev}}
	}
	return kg.Document{ID: kg.DocumentID(doc), Name: doc, SHA256: fmt.Sprintf("%s %v", doc, with), Runes: 8}, g
}

// TestEnsureSchemaOrientsUndirected builds what older versions left in a
// database (an undirected relationship stored twice with one id, each copy
// with one page's contribution, and one stored against kg's orientation,
// with the pages' recorded start nodes to match) and checks that
// EnsureSchema turns it back into what this version writes: the export
// equals the one before the damage, and replacing the pages still removes
// what they alone stated.
func TestEnsureSchemaOrientsUndirected(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	if err := s.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	upsert := func(doc, a, b string, with bool) {
		t.Helper()
		d, g := partnersPage(doc, a, b, with)
		if _, err := s.Upsert(ctx, d, g); err != nil {
			t.Fatal(err)
		}
	}
	upsert("p1.txt", "甲公司", "乙公司", true)
	upsert("p2.txt", "乙公司", "甲公司", true)
	upsert("p3.txt", "丙公司", "丁公司", true)
	want, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(want.Relations); n != 2 {
		t.Fatalf("%d relations before the damage, want 2", n)
	}
	twice, alone := want.Relations[0], want.Relations[1]
	if len(twice.Evidence) != 2 {
		twice, alone = alone, twice
	}
	setFrom := func(rel string) string {
		return `MATCH (d:Document {id: ` + rel + `.docs[0]})
SET d.relFroms = [i IN range(0, size(d.relIds) - 1) | CASE WHEN d.relIds[i] = ` + rel + `.id THEN endNode(` + rel + `).id ELSE d.relFroms[i] END]`
	}
	setFrom2 := strings.ReplaceAll(setFrom("r2"), "endNode(r2)", "startNode(r2)")
	damage := []string{
		// stored twice: the second page's contribution on a copy the other way round
		fmt.Sprintf(`MATCH (a:KGNode {id: '%s'})-[r:PARTNERS_WITH]->(b:KGNode {id: '%s'})
CREATE (b)-[r2:PARTNERS_WITH]->(a) SET r2 = properties(r), r2.docs = [r.docs[1]], r2.contrib = [r.contrib[1]]
SET r.docs = [r.docs[0]], r.contrib = [r.contrib[0]]
WITH r2 `, twice.From, twice.To) + setFrom2,
		// stored the other way round
		fmt.Sprintf(`MATCH (a:KGNode {id: '%s'})-[r:PARTNERS_WITH]->(b:KGNode {id: '%s'})
CREATE (b)-[r2:PARTNERS_WITH]->(a) SET r2 = properties(r) DELETE r
WITH r2 `, alone.From, alone.To) + setFrom2,
	}
	damage = append(damage, `MATCH (d:Document) REMOVE d.oriented`) // written by an older version
	for _, q := range damage {
		if err := neo4jstore.Exec(ctx, s, q); err != nil {
			t.Fatalf("%v\n%s", err, q)
		}
	}
	if g, err := s.Export(ctx); err != nil || len(g.Relations) != 3 {
		t.Fatalf("after the damage: %d relations (%v), want 3", len(g.Relations), err)
	}
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after EnsureSchema:\n%+v\nwant\n%+v", got.Relations, want.Relations)
	}
	// The pages' recorded start nodes were brought along: replacing them
	// removes their contributions.
	upsert("p1.txt", "甲公司", "乙公司", false)
	rels, err := s.Relations(ctx, []kg.ID{twice.From}, store.Both, []kg.RelType{kg.RelPartnersWith})
	if err != nil {
		t.Fatal(err)
	}
	if r := rels[twice.From]; len(r) != 1 || len(r[0].Evidence) != 1 || r[0].Evidence[0].Article != kg.ArticleID("p2.txt", 0) {
		t.Errorf("after p1 dropped it: %+v, want one relation with p2's evidence", r)
	}
	upsert("p2.txt", "乙公司", "甲公司", false)
	upsert("p3.txt", "丙公司", "丁公司", false)
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := st.Relations[kg.RelPartnersWith]; n != 0 {
		t.Errorf("%d PARTNERS_WITH left after every page dropped them", n)
	}
}

// TestBulkLoadOrientsUndirected: BulkLoad (and so the offline import,
// which prepares its graph the same way) stores an undirected relation
// given against kg's orientation oriented, without changing the caller's
// graph.
func TestBulkLoadOrientsUndirected(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	if err := s.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	d, g := partnersPage("bulk.txt", "甲公司", "乙公司", true)
	r := &g.Relations[0]
	if r.From < r.To {
		r.From, r.To = r.To, r.From
	}
	from := r.From
	if _, err := s.BulkLoad(ctx, d, g, 0); err != nil {
		t.Fatal(err)
	}
	got, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Relations) != 1 || got.Relations[0].From != r.To || got.Relations[0].To != from {
		t.Errorf("bulk-loaded %+v, want %s -> %s", got.Relations, r.To, from)
	}
	if g.Relations[0].From != from {
		t.Error("BulkLoad changed the caller's graph")
	}
}

// TestMisorientedPlan: the check EnsureSchema runs on every start reads
// the undirected types' relationships by a type scan, not every node.
func TestMisorientedPlan(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	ops, err := neo4jstore.Explain(ctx, s, neo4jstore.MisorientedStatement())
	if err != nil {
		t.Fatal(err)
	}
	plan := strings.Join(ops, "\n")
	if !strings.Contains(plan, "RelationshipTypeScan") || strings.Contains(plan, "NodeIndexScan") || strings.Contains(plan, "AllNodesScan") {
		t.Errorf("plan:\n%s", plan)
	}
}
