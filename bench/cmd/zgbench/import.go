package main

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// Import is the offline import of one size's graph (neo4jstore's
// WriteImportFiles, neo4j-admin's `database import full`, a start of the
// imported database, FinishImport), timed from the graph in memory to a
// database that answers with every index online.
type Import struct {
	Items        int     `json:"nodesRels"`
	Seconds      float64 `json:"seconds"`
	PerSec       float64 `json:"nodesRelsPerSecond"`
	FilesSeconds float64 `json:"writeFilesSeconds"`
	FilesMB      float64 `json:"filesMB"`
	// AdminStartSeconds: neo4j-admin's import and the start of the
	// database, in one JVM.
	AdminStartSeconds float64 `json:"importAndStartSeconds"`
	SchemaSeconds     float64 `json:"schemaSeconds"`
	Error             string  `json:"error,omitempty"`
}

// importSetup is where the offline import runs: a scratch Neo4j home
// beside the bench's, started with scripts/neo4j.sh on a free port.
type importSetup struct {
	script   string // scripts/neo4j.sh
	home     string // scratch home, removed before and after
	xmx      string
	pageMB   string
	gc       string // JVM garbage-collector flags (NEO4J_LOCAL_GC; empty: scripts/neo4j.sh's choice)
	password string
}

// benchImport imports g into a fresh scratch Neo4j, checks that it holds
// g's node and relationship counts, stops it and removes its home.
func benchImport(ctx context.Context, is importSetup, g *gen.GraphGen) (imp Import) {
	fail := func(err error) Import { imp.Error = err.Error(); return imp }
	_ = os.RemoveAll(is.home)
	defer os.RemoveAll(is.home)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fail(err)
	}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	ln.Close()
	neo := func(env []string, args ...string) error {
		cmd := exec.CommandContext(ctx, "bash", append([]string{is.script}, args...)...)
		cmd.Env = append(os.Environ(), "NEO4J_LOCAL_HOME="+is.home, "NEO4J_LOCAL_PORT="+port, "NEO4J_PASSWORD="+is.password,
			"NEO4J_LOCAL_XMX="+is.xmx, "NEO4J_LOCAL_PAGECACHE_MB="+is.pageMB, "NEO4J_LOCAL_TIMEOUT=3600")
		if is.gc != "" {
			cmd.Env = append(cmd.Env, "NEO4J_LOCAL_GC="+is.gc)
		}
		cmd.Env = append(cmd.Env, env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			os.WriteFile(is.home+".log", out, 0o644)
			return fmt.Errorf("neo4j.sh %s: %v: %s (output: %s.log, %s/neo4j-local.log)", args[0], err, why(string(out)), is.home, is.home)
		}
		return nil
	}

	whole := g.Graph()
	imp.Items = len(whole.Nodes) + len(whole.Relations)
	doc := kg.Document{ID: kg.DocumentID("bench.graph"), Name: "bench.graph", SHA256: fmt.Sprint(g.Items())}
	dir := filepath.Join(is.home, "csv")
	t0 := time.Now()
	files, err := neo4jstore.WriteImportFiles(dir, doc, whole)
	if err != nil {
		return fail(err)
	}
	t1 := time.Now()
	imp.FilesSeconds = t1.Sub(t0).Seconds()
	imp.FilesMB = dirMB(dir)
	// The import runs in the JVM that then starts the database
	// (NEO4J_LOCAL_IMPORT_ARGS): one JVM start fewer.
	if err := neo([]string{"NEO4J_LOCAL_IMPORT_ARGS=" + files.ArgsFile}, "start"); err != nil {
		return fail(err)
	}
	defer neo(nil, "stop")
	t2 := time.Now()
	imp.AdminStartSeconds = t2.Sub(t1).Seconds()
	if b, err := os.ReadFile(filepath.Join(is.home, "neo4j-local.log")); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.Contains(l, "IMPORT DONE") || strings.Contains(l, "Peak memory") || strings.HasPrefix(l, "neo4j-local ") {
				log.Printf("    %s", strings.TrimSpace(l))
			}
		}
	}
	cfg := neo4jstore.Config{URI: "bolt://127.0.0.1:" + port, Username: "neo4j", Password: is.password, Database: "neo4j"}
	st, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		return fail(err)
	}
	defer st.Close(ctx)
	if err := st.FinishImport(ctx, doc); err != nil {
		return fail(err)
	}
	imp.SchemaSeconds = time.Since(t2).Seconds()
	imp.Seconds = time.Since(t0).Seconds()
	imp.PerSec = float64(imp.Items) / imp.Seconds
	_ = os.RemoveAll(dir) // not part of the database
	stats, err := st.Stats(ctx)
	if err != nil {
		return fail(err)
	}
	have := 0
	for _, n := range stats.Nodes {
		have += n
	}
	for _, n := range stats.Relations {
		have += n
	}
	if have != imp.Items || stats.Documents != 1 {
		return fail(fmt.Errorf("the imported database holds %d nodes+rels and %d documents, the graph %d and 1", have, stats.Documents, imp.Items))
	}
	log.Printf("  offline import: %d nodes+rels in %.1fs (%.0f/s): files %.1fs (%.0f MB), neo4j-admin and start %.1fs, schema %.1fs",
		imp.Items, imp.Seconds, imp.PerSec, imp.FilesSeconds, imp.FilesMB, imp.AdminStartSeconds, imp.SchemaSeconds)
	return imp
}

func dirMB(dir string) float64 {
	var n int64
	_ = filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return float64(n) / (1 << 20)
}

// why picks the lines of a failed command's output that say why.
func why(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "Caused by") || strings.Contains(l, "rror") || strings.Contains(l, "neo4j.sh:") {
			keep = append(keep, strings.TrimSpace(l))
		}
	}
	if len(keep) == 0 {
		return "no error line"
	}
	return strings.Join(keep[max(0, len(keep)-6):], " | ")
}
