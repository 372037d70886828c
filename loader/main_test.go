package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonegraph/zonegraph/kg"
)

const seedPage = "../seeds/000_7ba3bcd1ecf2bdfd.txt"

func seedDir(t *testing.T, extra map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(seedPage)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.Base(seedPage)), data, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, content := range extra {
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoaderSeedsDumpAndSummary(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	dir := seedDir(t, nil)
	dump := filepath.Join(t.TempDir(), "g.json")
	var out, errOut bytes.Buffer
	if code := run([]string{"-seeds", dir, "-dump", dump}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
	}
	for _, want := range []string{"files:     1 (1 loaded, 0 unchanged, 0 failed)", "problems:  none", "Enterprise", "HOLDS_POSITION"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
	var g kg.Graph
	data, err := os.ReadFile(dump)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("dump is not the graph JSON: %v", err)
	}
	var articles, enterprises int
	for _, n := range g.Nodes {
		switch n.Label {
		case kg.LabelArticle:
			articles++
		case kg.LabelEnterprise:
			enterprises++
		}
	}
	if articles != 6 || enterprises < 10 || len(g.Relations) < 20 {
		t.Errorf("dump has %d articles, %d enterprises, %d edges; want 6, >=10, >=20", articles, enterprises, len(g.Relations))
	}
	var raw struct {
		Edges []map[string]any `json:"edges"`
	}
	_ = json.Unmarshal(data, &raw)
	if len(raw.Edges) == 0 || raw.Edges[0]["source"] == nil || raw.Edges[0]["evidence"] == nil {
		t.Errorf("edges lack source/evidence keys: %v", raw.Edges[:min(1, len(raw.Edges))])
	}
}

// Issue #2, must-show 4: bad files are named with their reason, the seed
// page still loads, the exit status is non-zero.
func TestLoaderReportsBadFiles(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	gbk := []byte{0xb8, 0xdf, 0xd0, 0xc2, 0xbc, 0xbc, 0xca, 0xf5, 0xb2, 0xfa, 0xd2, 0xb5, 0xbf, 0xaa, 0xb7, 0xa2, 0xc7, 0xf8} // 高新技术产业开发区 in GBK
	binary := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	dir := seedDir(t, map[string][]byte{"empty.txt": {}, "gbk.txt": gbk, "binary.txt": binary})
	var out, errOut bytes.Buffer
	code := run([]string{"-seeds", dir}, &out, &errOut)
	if code == 0 {
		t.Fatalf("exit 0 with bad files\n%s", out.String())
	}
	s := out.String()
	if !strings.Contains(s, "files:     4 (1 loaded, 0 unchanged, 3 failed)") {
		t.Errorf("summary:\n%s", s)
	}
	for file, reason := range map[string]string{"empty.txt": "empty", "gbk.txt": "UTF-8", "binary.txt": "binary"} {
		found := false
		for _, line := range strings.Split(s, "\n") {
			if strings.Contains(line, file) && strings.Contains(line, reason) {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem line naming %s with %q:\n%s", file, reason, s)
		}
	}
}

func TestLoaderStatsJSONIsStable(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	var a, b, errOut bytes.Buffer
	if code := run([]string{"-stats", "-json"}, &a, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	run([]string{"-stats", "-json"}, &b, &errOut)
	if a.String() != b.String() || !strings.Contains(a.String(), `"documents": 0`) {
		t.Errorf("stats of an empty memstore:\n%s\n%s", a.String(), b.String())
	}
}

func TestLoaderUsageError(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"-no-such-flag"}, &out, &errOut); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
}
