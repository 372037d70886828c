package neo4jstore_test

import (
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// trickyGraph adds to g a node and a relation whose values the CSV files
// must carry exactly: quotes, commas, newlines, an empty string, non-ASCII
// text, and every property type.
func trickyGraph(g *kg.Graph) {
	z := g.Nodes[0]
	n := kg.Node{ID: "enterprise:tricky", Label: kg.LabelEnterprise, Name: `引号"公司", 有限`,
		Aliases: []string{"别名,一", "别名\n二"},
		Properties: map[string]any{"note": "", "count": int64(-42), "share": 0.125, "listed": true,
			"tags": []string{`a"b`, "c,d"}},
		Evidence: []kg.Evidence{{Quote: `他说:"投资,\n十亿"`, Article: "article:tricky", Start: 3, End: 9}}}
	g.Nodes = append(g.Nodes, n)
	g.Relations = append(g.Relations, kg.Relation{ID: kg.RelationID(kg.RelLocatedIn, n.ID, z.ID), Type: kg.RelLocatedIn,
		From: n.ID, To: z.ID, Properties: map[string]any{"since": int64(2019), "note": `"q"`},
		Evidence: []kg.Evidence{{Quote: "位于\r\n园区", Article: "article:tricky", Start: 3, End: 9}}})
}

// The offline import (WriteImportFiles, neo4j-admin, FinishImport) stores
// exactly what BulkLoad stores into an empty database, property for
// property; the imported database searches, and a later Upsert merges
// with the imported document as with a bulk-loaded one.
func TestOfflineImportMatchesBulkLoad(t *testing.T) {
	s := openTestStore(t) // skips without a test Neo4j (fails under CI=true)
	ctx := context.Background()
	corpus := neo4jstore.GenerateCorpus(45)
	g := &kg.Graph{}
	for _, p := range corpus[:40] {
		g.Merge(p.Graph)
	}
	trickyGraph(g)
	later := corpus[44]
	doc := kg.Document{ID: kg.DocumentID("bulk.txt"), Name: "bulk.txt", SHA256: "x", Runes: 1}
	wantLater, _ := oracle(t, neo4jstore.Page{Doc: doc, Graph: g}, later)

	clear(t, s)
	if _, err := s.BulkLoad(ctx, doc, g, 100); err != nil {
		t.Fatal(err)
	}
	wantRaw, err := neo4jstore.RawDump(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	want := snap(t, s)

	defer neo4jstore.SetImportPartRows(97)() // groups in several files
	dir := t.TempDir()
	files, err := neo4jstore.WriteImportFiles(filepath.Join(dir, "csv"), doc, g)
	if err != nil {
		t.Fatal(err)
	}
	// Enterprises come in several files; the tricky node's line breaks make
	// every file multiline, a graph without line breaks none.
	args := strings.Join(files.Args, " ")
	if !strings.Contains(args, "nodes-Enterprise-000.csv,") || !strings.Contains(args, "--multiline-fields=true") {
		t.Errorf("import arguments: parts, multiline: %s", args)
	}
	plain, err := neo4jstore.WriteImportFiles(filepath.Join(dir, "plain"), doc, corpus[0].Graph)
	if err != nil || strings.Contains(strings.Join(plain.Args, " "), "multiline") {
		t.Errorf("a graph without line breaks: %v %v", plain.Args, err)
	}
	if files.Nodes != len(g.Nodes) || files.Relations != len(g.Relations) {
		t.Errorf("files: %d nodes %d relations, graph %d %d", files.Nodes, files.Relations, len(g.Nodes), len(g.Relations))
	}
	imp := importedNeo4j(t, filepath.Join(dir, "home"), files)
	if err := imp.FinishImport(ctx, doc); err != nil {
		t.Fatal(err)
	}
	gotRaw, err := neo4jstore.RawDump(ctx, imp)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotRaw) != len(wantRaw) {
		t.Fatalf("imported %d nodes+relationships, bulk-loaded %d", len(gotRaw), len(wantRaw))
	}
	for i := range wantRaw {
		if gotRaw[i] != wantRaw[i] {
			t.Errorf("stored item %d differs:\nimport %s\n  bulk %s", i, gotRaw[i], wantRaw[i])
		}
	}
	sameSnapshot(t, "import vs bulk load", snap(t, imp), want)
	name := g.Nodes[len(g.Nodes)/2].Name
	if hits, err := imp.Search(ctx, name, nil, 5); err != nil || len(hits) == 0 || hits[0].Name != name {
		t.Errorf("search %q after the import: %v %v", name, hits, err)
	}
	if _, err := imp.Upsert(ctx, later.Doc, later.Graph); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, "a later Upsert over the import vs memstore", snap(t, imp), wantLater)
	if _, err := imp.Upsert(ctx, doc, g); !errors.Is(err, store.ErrInvalidArgument) {
		t.Errorf("Upsert over the imported page: err = %v, want ErrInvalidArgument", err)
	}
}

// importedNeo4j runs neo4j-admin's import of files into a new Neo4j home,
// starts that Neo4j on a free port (stopped when the test ends) and opens
// a store on it.
func importedNeo4j(t *testing.T, home string, files neo4jstore.ImportFiles) *neo4jstore.Store {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	const password = "zonegraph-import"
	script, err := filepath.Abs("../../scripts/neo4j.sh")
	if err != nil {
		t.Fatal(err)
	}
	neo := func(args ...string) {
		t.Helper()
		cmd := exec.Command("bash", append([]string{script}, args...)...)
		cmd.Env = append(os.Environ(), "NEO4J_LOCAL_HOME="+home, "NEO4J_LOCAL_PORT="+strconv.Itoa(port),
			"NEO4J_PASSWORD="+password, "NEO4J_LOCAL_XMX=512m", "NEO4J_LOCAL_PAGECACHE_MB=64")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("neo4j.sh %s: %v\n%s", strings.Join(args[:min(len(args), 4)], " "), err, out)
		}
	}
	neo("admin", "database", "import", "full", "neo4j", "--help") // the neo4j-admin passthrough answers
	// The import, then the start, in one JVM (as the bench).
	t.Setenv("NEO4J_LOCAL_IMPORT_ARGS", files.ArgsFile)
	neo("start")
	t.Setenv("NEO4J_LOCAL_IMPORT_ARGS", "")
	t.Cleanup(func() { neo("stop") })
	cfg := neo4jstore.ConfigFromEnv()
	cfg.URI, cfg.Password, cfg.Database = "bolt://127.0.0.1:"+strconv.Itoa(port), password, "neo4j"
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return st
}

// WriteImportFiles refuses what one typed CSV column cannot hold.
func TestImportFilesRefuse(t *testing.T) {
	doc := kg.Document{Name: "x.txt"}
	a := kg.Node{ID: "zone:a", Label: kg.LabelZone, Name: "甲", Properties: map[string]any{"n": int64(1)}}
	b := kg.Node{ID: "zone:b", Label: kg.LabelZone, Name: "乙", Properties: map[string]any{"n": "one"}}
	if _, err := neo4jstore.WriteImportFiles(t.TempDir(), doc, &kg.Graph{Nodes: []kg.Node{a, b}}); !errors.Is(err, store.ErrInvalidArgument) || !strings.Contains(err.Error(), "two types") {
		t.Errorf("two types in one column: err = %v", err)
	}
	dangling := kg.Relation{ID: "r", Type: kg.RelLocatedIn, From: "zone:a", To: "zone:missing"}
	if _, err := neo4jstore.WriteImportFiles(t.TempDir(), doc, &kg.Graph{Nodes: []kg.Node{a}, Relations: []kg.Relation{dangling}}); !errors.Is(err, store.ErrInvalidArgument) || !strings.Contains(err.Error(), "zone:missing") {
		t.Errorf("a relation to a missing node: err = %v", err)
	}
	c := kg.Node{ID: "zone:c", Label: kg.LabelZone, Name: "丙", Aliases: []string{"x\x1fy"}}
	if _, err := neo4jstore.WriteImportFiles(t.TempDir(), doc, &kg.Graph{Nodes: []kg.Node{c}}); !errors.Is(err, store.ErrInvalidArgument) || !strings.Contains(err.Error(), "zone:c") {
		t.Errorf("array delimiter in an alias: err = %v", err)
	}
}
