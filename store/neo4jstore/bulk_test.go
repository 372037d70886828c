package neo4jstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// BulkLoad's fast paths (CREATE into an empty database, the full-text
// index dropped and rebuilt, two writers; CREATE or MERGE by what exists
// into a database with nodes) leave the same graph as Upsert, and a later
// Upsert of another page merges with the bulk-loaded document's
// provenance like after Upsert.
func TestBulkLoadFastPaths(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	restore := neo4jstore.SetBulk(2, 1) // drop the index even for this small graph
	defer restore()
	corpus := neo4jstore.GenerateCorpus(45)
	g := &kg.Graph{}
	for _, p := range corpus[:40] {
		g.Merge(p.Graph)
	}
	later := corpus[44] // shares zones and banks with g
	doc := kg.Document{ID: kg.DocumentID("bulk.txt"), Name: "bulk.txt", SHA256: "x", Runes: 1}
	want, _ := oracle(t, neo4jstore.Page{Doc: doc, Graph: g})
	wantLater, _ := oracle(t, neo4jstore.Page{Doc: doc, Graph: g}, later)

	clear(t, s)
	if _, err := s.BulkLoad(ctx, doc, g, 7); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, "bulk into an empty database vs memstore", snap(t, s), want)
	name := g.Nodes[len(g.Nodes)/2].Name
	hits, err := s.Search(ctx, name, nil, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].Name != name {
		t.Errorf("search %q after the bulk load (index rebuilt): %v", name, hits)
	}
	if _, err := s.BulkLoad(ctx, doc, g, 1000); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, "bulk twice", snap(t, s), want)
	if _, err := s.Upsert(ctx, later.Doc, later.Graph); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, "a later Upsert over the bulk load vs memstore", snap(t, s), wantLater)
	// The later page replaced by another version: what it stated about the
	// bulk-loaded nodes goes, the bulk load's contribution stays.
	replaced := neo4jstore.Page{Doc: later.Doc, Graph: corpus[43].Graph}
	replaced.Doc.SHA256 = "changed"
	if _, err := s.Upsert(ctx, replaced.Doc, replaced.Graph); err != nil {
		t.Fatal(err)
	}
	wantReplaced, _ := oracle(t, neo4jstore.Page{Doc: doc, Graph: g}, later, replaced)
	sameSnapshot(t, "the later page replaced vs memstore", snap(t, s), wantReplaced)

	// Half of the graph first: then some nodes and relationships exist
	// (MERGE) and the others not (CREATE), in the same chunks.
	half := &kg.Graph{}
	in := map[kg.ID]bool{}
	for i, n := range g.Nodes {
		if i%2 == 0 {
			half.Nodes = append(half.Nodes, n)
			in[n.ID] = true
		}
	}
	for _, r := range g.Relations {
		if in[r.From] && in[r.To] {
			half.Relations = append(half.Relations, r)
		}
	}
	clear(t, s)
	if _, err := s.BulkLoad(ctx, doc, half, 5); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BulkLoad(ctx, doc, g, 5); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, "half, then all", snap(t, s), want)
}

// BulkLoad's statements read no label or whole store: relationships find
// both ends by element ID, the existence check by the kgnode_id index. (An
// Eager remains under every SET from a row's map: the planner cannot know
// its keys; it holds one chunk's rows, which are in memory anyway.)
func TestBulkPlans(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	if err := s.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	for name, q := range neo4jstore.BulkStatements() {
		ops, err := neo4jstore.Explain(ctx, s, q)
		if err != nil {
			t.Fatal(err)
		}
		plan := strings.Join(ops, "\n")
		if strings.Contains(plan, "Scan") || strings.Contains(plan, "Expand") {
			t.Errorf("%s: scan or expand in plan:\n%s", name, plan)
		}
		want := "NodeUniqueIndexSeek"
		switch {
		case strings.Contains(q, "CREATE (a)"):
			want = "NodeByElementIdSeek"
		case strings.Contains(q, "CREATE (n"):
			want = "Create"
		}
		if !strings.Contains(plan, want) {
			t.Errorf("%s: no %s in plan:\n%s", name, want, plan)
		}
	}
}
