package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/ingest"
	"github.com/zonegraph/zonegraph/store/memstore"
)

// A directory with the seed page and two bad files: the good page loads,
// each bad one is reported with its reason, and a second run skips the
// unchanged page.
func TestDirLoadsGoodPagesAndReportsBadOnes(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile(filepath.Join("..", "seeds", "000_7ba3bcd1ecf2bdfd.txt"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"000_seed.txt":       seed,
		"001_empty.txt":      {},
		"sub/002_binary.txt": {0xff, 0xfe, 0x00, 'x'},
		"notes.md":           []byte("not a page"),
	}
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st := memstore.New()
	sum, err := ingest.Dir(context.Background(), st, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Files != 3 || sum.Loaded != 1 || sum.Skipped != 0 || len(sum.Problems) != 2 {
		t.Fatalf("first run: %+v", sum)
	}
	reasons := map[string]string{}
	for _, p := range sum.Problems {
		reasons[filepath.Base(p.File)] = p.Reason
	}
	if !strings.Contains(reasons["001_empty.txt"], "empty") || !strings.Contains(reasons["002_binary.txt"], "UTF-8") {
		t.Fatalf("problems: %+v", sum.Problems)
	}
	docs, err := st.Documents(context.Background())
	if err != nil || len(docs) != 1 || docs[0].Name != "000_seed.txt" {
		t.Fatalf("documents %+v %v", docs, err)
	}

	again, err := ingest.Dir(context.Background(), st, dir)
	if err != nil {
		t.Fatal(err)
	}
	if again.Loaded != 0 || again.Skipped != 1 {
		t.Fatalf("second run: %+v", again)
	}
}

func TestDirOneFileAndMissingPath(t *testing.T) {
	st := memstore.New()
	sum, err := ingest.Dir(context.Background(), st, filepath.Join("..", "seeds", "000_7ba3bcd1ecf2bdfd.txt"))
	if err != nil || sum.Files != 1 || sum.Loaded != 1 {
		t.Fatalf("one file: %+v %v", sum, err)
	}
	if _, err := ingest.Dir(context.Background(), st, filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("missing path: no error")
	}
}
