package extract

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var dumpPath = flag.String("dump", "", "write the seed page's graph as JSON to this file")

// TestDumpSeed writes the seed page's graph dump when -dump is given
// (score it with the project's eval package or score.py).
func TestDumpSeed(t *testing.T) {
	if *dumpPath == "" {
		t.Skip("no -dump")
	}
	b, err := os.ReadFile(filepath.Join("..", "seeds", "000_7ba3bcd1ecf2bdfd.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Page("000_7ba3bcd1ecf2bdfd.txt", b)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.MarshalIndent(res.Graph, "", " ")
	if err := os.WriteFile(*dumpPath, out, 0o644); err != nil {
		t.Fatal(err)
	}
}
