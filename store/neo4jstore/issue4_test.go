package neo4jstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/zonegraph/zonegraph/extract"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/memstore"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
	"github.com/zonegraph/zonegraph/store/storetest"
)

// seedPage extracts the seed page with the real extractor.
func seedPage(t *testing.T) neo4jstore.Page {
	t.Helper()
	files, err := filepath.Glob("../../seeds/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed page under seeds/: %v", err)
	}
	content, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	res, err := extract.Page(filepath.Base(files[0]), content)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Graph.Nodes) < 10 || len(res.Graph.Relations) < 10 {
		t.Fatalf("seed page: only %d nodes, %d relations", len(res.Graph.Nodes), len(res.Graph.Relations))
	}
	return neo4jstore.Page{Doc: res.Document, Graph: res.Graph}
}

func fixture(p storetest.Page) neo4jstore.Page { return neo4jstore.Page{Doc: p.Doc, Graph: p.Graph} }

// snapshot is what a store holds, in a form compared with ==.
type snapshot struct {
	Stats  string
	Export string
}

func snap(t *testing.T, s interface {
	store.Store
	store.Exporter
}) snapshot {
	t.Helper()
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return snapshot{Stats: mustJSON(t, st), Export: mustJSON(t, canonical(g))}
}

// canonical makes empty and absent lists alike, so memstore's and Neo4j's
// exports compare.
func canonical(g *kg.Graph) *kg.Graph {
	out := &kg.Graph{Nodes: []kg.Node{}, Relations: []kg.Relation{}}
	for _, n := range g.Nodes {
		n = n.Clone()
		if n.Aliases == nil {
			n.Aliases = []string{}
		}
		if n.Evidence == nil {
			n.Evidence = []kg.Evidence{}
		}
		out.Nodes = append(out.Nodes, n)
	}
	for _, r := range g.Relations {
		r = r.Clone()
		if r.Evidence == nil {
			r.Evidence = []kg.Evidence{}
		}
		out.Relations = append(out.Relations, r)
	}
	out.Sort()
	return out
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sameSnapshot(t *testing.T, what string, got, want snapshot) {
	t.Helper()
	if got.Stats != want.Stats {
		t.Errorf("%s: Stats differ\n got %s\nwant %s", what, got.Stats, want.Stats)
	}
	if got.Export != want.Export {
		t.Errorf("%s: Export differs (%d vs %d bytes)", what, len(got.Export), len(want.Export))
	}
}

// oracle loads the pages one by one into memstore.
func oracle(t *testing.T, pages ...neo4jstore.Page) (snapshot, []store.UpsertResult) {
	t.Helper()
	m := memstore.New()
	var res []store.UpsertResult
	for _, p := range pages {
		r, err := m.Upsert(context.Background(), p.Doc, p.Graph)
		if err != nil {
			t.Fatal(err)
		}
		res = append(res, r)
	}
	return snap(t, m), res
}

func clear(t *testing.T, s *neo4jstore.Store) {
	t.Helper()
	if err := s.Clear(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// Issue #4: loading the seed page twice (extract.Page + Upsert) leaves Stats
// and Export identical, whether the second load is skipped (same SHA256) or
// rewritten (SHA256 changed).
func TestSeedPageTwice(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	clear(t, s)
	seed := seedPage(t)
	first, err := s.Upsert(ctx, seed.Doc, seed.Graph)
	if err != nil {
		t.Fatal(err)
	}
	if first.Skipped || first.Replaced {
		t.Errorf("first load: %+v", first)
	}
	once := snap(t, s)
	want, _ := oracle(t, seed)
	sameSnapshot(t, "seed page vs memstore", once, want)

	again, err := s.Upsert(ctx, seed.Doc, seed.Graph)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Skipped {
		t.Errorf("second load not skipped: %+v", again)
	}
	sameSnapshot(t, "seed page loaded twice", snap(t, s), once)

	forced := seed.Doc
	forced.SHA256 = "changed"
	r, err := s.Upsert(ctx, forced, seed.Graph)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Replaced || r.Skipped {
		t.Errorf("rewrite: %+v", r)
	}
	rewritten := snap(t, s)
	sameSnapshot(t, "seed page rewritten", rewritten, once)
}

// Issue #4: replacing a changed page replaces its facts and keeps every
// other page's; the result equals memstore's after the same loads.
func TestReplaceChangedPageKeepsOthers(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	clear(t, s)
	seed := seedPage(t)
	a, b := fixture(storetest.PageA()), fixture(storetest.PageB())
	gen := neo4jstore.GenerateCorpus(3)
	loads := []neo4jstore.Page{seed, a, b, gen[0], gen[1], gen[2]}
	for _, p := range loads {
		if _, err := s.Upsert(ctx, p.Doc, p.Graph); err != nil {
			t.Fatal(err)
		}
	}
	// The seed page changes: half its relations and its last node go.
	changed := neo4jstore.Page{Doc: seed.Doc, Graph: &kg.Graph{
		Nodes:     seed.Graph.Nodes[:len(seed.Graph.Nodes)-1],
		Relations: seed.Graph.Relations[:len(seed.Graph.Relations)/2]}}
	changed.Doc.SHA256 = "changed"
	a2 := fixture(storetest.PageA2())
	for _, p := range []neo4jstore.Page{changed, a2} {
		r, err := s.Upsert(ctx, p.Doc, p.Graph)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Replaced {
			t.Errorf("%s: not replaced: %+v", p.Doc.Name, r)
		}
	}
	want, _ := oracle(t, append(loads, changed, a2)...)
	sameSnapshot(t, "after replacing two pages", snap(t, s), want)
	// Every node of the untouched pages is still there.
	for _, p := range []neo4jstore.Page{b, gen[0], gen[1], gen[2]} {
		var ids []kg.ID
		for _, n := range p.Graph.Nodes {
			ids = append(ids, n.ID)
		}
		got, err := s.Nodes(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(ids) {
			t.Errorf("%s: %d of %d nodes left", p.Doc.Name, len(got), len(ids))
		}
	}
	docs, err := s.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 6 {
		t.Errorf("%d documents, want 6", len(docs))
	}
}

// UpsertBatch gives what upserting the same pages one by one gives, a page
// named twice and an unchanged page included.
func TestUpsertBatchMatchesSequential(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	clear(t, s)
	a, b := fixture(storetest.PageA()), fixture(storetest.PageB())
	if _, err := s.Upsert(ctx, b.Doc, b.Graph); err != nil {
		t.Fatal(err)
	}
	batch := []neo4jstore.Page{seedPage(t), a, b}
	batch = append(batch, neo4jstore.GenerateCorpus(10)...)
	batch = append(batch, fixture(storetest.PageA2()))
	before := s.RoundTrips()
	got, err := s.UpsertBatch(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if n := s.RoundTrips() - before; n != 1 {
		t.Errorf("UpsertBatch cost %d transactions, want 1", n)
	}
	want, wantRes := oracle(t, append([]neo4jstore.Page{b}, batch...)...)
	if !reflect.DeepEqual(got, wantRes[1:]) {
		t.Errorf("results = %+v\nwant %+v", got, wantRes[1:])
	}
	if !got[2].Skipped || !got[len(got)-1].Replaced {
		t.Errorf("unchanged page not skipped or page named twice not replaced: %+v", got)
	}
	sameSnapshot(t, "batch vs sequential", snap(t, s), want)
}

// UpsertBatch is atomic: a batch with an invalid page, or one that fails
// between its writes, writes nothing.
func TestUpsertBatchAtomic(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	clear(t, s)
	a := fixture(storetest.PageA())
	if _, err := s.Upsert(ctx, a.Doc, a.Graph); err != nil {
		t.Fatal(err)
	}
	before := snap(t, s)
	bad := fixture(storetest.PageB())
	bad.Graph.Nodes[0].Label = "Company"
	batch := append([]neo4jstore.Page{fixture(storetest.PageA2()), seedPage(t)}, neo4jstore.GenerateCorpus(5)...)
	if _, err := s.UpsertBatch(ctx, append(batch, bad)); !errors.Is(err, store.ErrInvalidArgument) {
		t.Fatalf("batch with an invalid page: err = %v, want ErrInvalidArgument", err)
	}
	sameSnapshot(t, "after a batch with an invalid page", snap(t, s), before)

	// A failure after the node and relationship writes, before the documents.
	for _, n := range []int{1, 2, 3} {
		neo4jstore.SetFailAfterWrites(s, n)
		_, err := s.UpsertBatch(ctx, batch)
		neo4jstore.SetFailAfterWrites(s, 0)
		if err == nil {
			t.Fatalf("injected failure after %d writes: no error", n)
		}
		sameSnapshot(t, "after a failed batch", snap(t, s), before)
	}
	if _, err := s.UpsertBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	want, _ := oracle(t, append([]neo4jstore.Page{a}, batch...)...)
	sameSnapshot(t, "after the batch succeeds", snap(t, s), want)
}

// BulkLoad writes the same nodes and relationships as Upsert, in chunks.
func TestBulkLoadMatchesUpsert(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	g := &kg.Graph{}
	for _, p := range neo4jstore.GenerateCorpus(40) {
		g.Merge(p.Graph)
	}
	doc := kg.Document{ID: kg.DocumentID("bulk.txt"), Name: "bulk.txt", SHA256: "x", Runes: 1}
	clear(t, s)
	if _, err := s.Upsert(ctx, doc, g); err != nil {
		t.Fatal(err)
	}
	want := snap(t, s)
	clear(t, s)
	res, err := s.BulkLoad(ctx, doc, g, 7)
	if err != nil {
		t.Fatal(err)
	}
	if res.Nodes != len(g.Nodes) || res.Relations != len(g.Relations) {
		t.Errorf("BulkLoad result %+v, graph %d nodes %d relations", res, len(g.Nodes), len(g.Relations))
	}
	sameSnapshot(t, "bulk vs upsert", snap(t, s), want)
	if _, err := s.BulkLoad(ctx, doc, g, 1000); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, "bulk twice", snap(t, s), want)
	if _, err := s.Upsert(ctx, doc, g); !errors.Is(err, store.ErrInvalidArgument) {
		t.Errorf("Upsert over a bulk-loaded page: err = %v, want ErrInvalidArgument", err)
	}
}

// Clear deletes a graph larger than one of its batches (10000 rows), with
// a hub whose relationships alone fill more than a batch.
func TestClearLargerThanABatch(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	clear(t, s)
	const n = 12_000
	g := &kg.Graph{}
	hub := kg.NodeID(kg.LabelEnterprise, "hub bank")
	g.Nodes = append(g.Nodes, kg.Node{ID: hub, Label: kg.LabelEnterprise, Name: "hub bank"})
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("firm %d", i)
		id := kg.NodeID(kg.LabelEnterprise, name)
		g.Nodes = append(g.Nodes, kg.Node{ID: id, Label: kg.LabelEnterprise, Name: name})
		g.Relations = append(g.Relations, kg.Relation{ID: kg.RelationID(kg.RelLendsTo, hub, id), Type: kg.RelLendsTo, From: hub, To: id})
	}
	doc := kg.Document{ID: kg.DocumentID("clear-big.txt"), Name: "clear-big.txt", SHA256: "x", Runes: 1}
	if _, err := s.BulkLoad(ctx, doc, g, 0); err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Nodes[kg.LabelEnterprise] != n+1 || st.Relations[kg.RelLendsTo] != n {
		t.Fatalf("loaded %+v, want %d enterprises and %d LENDS_TO", st, n+1, n)
	}
	clear(t, s)
	st, err = s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 0 || len(st.Nodes) != 0 || len(st.Relations) != 0 {
		t.Errorf("after Clear: %+v, want an empty store", st)
	}
}
