package reliability

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/zonegraph/zonegraph/bench/gen"
)

// writeCorpus writes n generated pages (bench/gen) into a new directory.
func writeCorpus(t *testing.T, n int) string {
	dir := t.TempDir()
	err := gen.TextCorpus(gen.TextConfig{Seed: 8, Pages: n}, func(p gen.Page) error {
		return os.WriteFile(filepath.Join(dir, p.Name), []byte(p.Text), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// Crash safety (issue #8): the loader is SIGKILLed in the middle of a Neo4j
// load (after some pages are in, while it writes the next), then run again;
// the graph then equals a clean load of the same pages into an empty
// database: same -stats -json, same -dump, byte for byte.
func TestCrashMidLoad(t *testing.T) {
	env := neo4jEnv(t)
	st := openNeo4j(t)
	pages := pick(12, 120)
	kills := pick(1, 3)
	dir := writeCorpus(t, pages)
	clearNeo4j(t, st)
	ctx := context.Background()

	for k := 1; k <= kills; k++ {
		target := pages * k / (kills + 2) // pages in before the k-th kill
		cmd := exec.Command(bin.loader, "-seeds", dir)
		cmd.Dir = ".."
		cmd.Env = append(baseEnv(), env...)
		out := &lineWriter{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		deadline := time.Now().Add(5 * time.Minute)
		docs := 0
	poll:
		for {
			select {
			case <-done:
				t.Fatalf("kill %d: the loader finished before it could be killed (%d pages in): use more pages\n%s", k, docs, out)
			default:
			}
			s, err := st.Stats(ctx)
			if err != nil {
				t.Fatalf("stats: %v", err)
			}
			if docs = s.Documents; docs >= target {
				break poll
			}
			if time.Now().After(deadline) {
				_ = cmd.Process.Kill()
				t.Fatalf("kill %d: only %d pages in after 5 minutes\n%s", k, docs, out)
			}
			time.Sleep(10 * time.Millisecond)
		}
		if err := cmd.Process.Signal(os.Kill); err != nil {
			t.Fatal(err)
		}
		<-done
		if ws, ok := cmd.ProcessState.Sys().(interface{ Signaled() bool }); !ok || !ws.Signaled() {
			t.Fatalf("kill %d: the loader was not killed by the signal: %v\n%s", k, cmd.ProcessState, out)
		}
		after, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("kill %d: SIGKILL with %d of %d pages in (%d after the kill)", k, docs, pages, after.Documents)
		if after.Documents >= pages {
			t.Fatalf("kill %d: all %d pages were in at the kill: not mid-load", k, pages)
		}
	}

	// Rerun to the end; the pages already in are skipped as unchanged.
	rerun := runLoader(t, 10*time.Minute, env, "-seeds", dir, "-json")
	if rerun.code != 0 {
		t.Fatalf("rerun: exit %d\n%s\n%s", rerun.code, rerun.stdout, rerun.stderr)
	}
	s := summary(t, rerun)
	t.Logf("rerun: %d loaded, %d unchanged (skipped) in %s", s.Loaded, s.Skipped, rerun.took.Round(time.Millisecond))
	if s.Loaded+s.Skipped != pages || s.Skipped == 0 || s.Loaded == 0 {
		t.Errorf("rerun: %d loaded + %d skipped, want %d pages, some of each", s.Loaded, s.Skipped, pages)
	}
	crashStats, crashDump := statsAndDump(t, env, dir)

	clearNeo4j(t, st)
	clean := runLoader(t, 10*time.Minute, env, "-seeds", dir, "-json")
	if clean.code != 0 {
		t.Fatalf("clean load: exit %d\n%s\n%s", clean.code, clean.stdout, clean.stderr)
	}
	t.Logf("clean load of %d pages in %s", pages, clean.took.Round(time.Millisecond))
	cleanStats, cleanDump := statsAndDump(t, env, dir)

	if crashStats != cleanStats {
		t.Errorf("-stats -json after the crash and rerun:\n%s\nafter a clean load:\n%s", crashStats, cleanStats)
	}
	if string(crashDump) != string(cleanDump) {
		if dir := os.Getenv("ZONEGRAPH_RELIABILITY_OUT"); dir != "" {
			_ = os.WriteFile(filepath.Join(dir, "crash-dump.json"), crashDump, 0o644)
			_ = os.WriteFile(filepath.Join(dir, "clean-dump.json"), cleanDump, 0o644)
		}
		t.Errorf("-dump after the crash and rerun (%d bytes) differs from a clean load's (%d bytes) (both in $ZONEGRAPH_RELIABILITY_OUT when set)", len(crashDump), len(cleanDump))
	}
	var g struct{ Nodes, Edges []json.RawMessage }
	if err := json.Unmarshal(cleanDump, &g); err != nil || len(g.Nodes) == 0 || len(g.Edges) == 0 {
		t.Fatalf("clean dump: %v, %d nodes, %d edges", err, len(g.Nodes), len(g.Edges))
	}
	// Nothing duplicated: an undirected relation stated both ways round by
	// pages loaded in different batches was once stored twice with one id,
	// in both loads alike.
	for name, dump := range map[string][]byte{"after the crash and rerun": crashDump, "clean": cleanDump} {
		if dups := duplicateEdgeIDs(t, dump); len(dups) > 0 {
			t.Errorf("-dump %s: %d edge ids more than once: %v", name, len(dups), dups[:min(len(dups), 5)])
		}
	}
	t.Logf("identical: stats %s; dump %d nodes, %d edges", compact(cleanStats), len(g.Nodes), len(g.Edges))
	clearNeo4j(t, st)
}

// duplicateEdgeIDs lists the edge ids a -dump holds more than once.
func duplicateEdgeIDs(t *testing.T, dump []byte) []string {
	t.Helper()
	var g struct {
		Edges []struct {
			ID string `json:"id"`
		}
	}
	if err := json.Unmarshal(dump, &g); err != nil {
		t.Fatalf("dump: %v", err)
	}
	seen := map[string]int{}
	var out []string
	for _, e := range g.Edges {
		if seen[e.ID]++; seen[e.ID] == 2 {
			out = append(out, e.ID)
		}
	}
	return out
}

// statsAndDump reads -stats -json and the -dump of what is in Neo4j (the
// dump run loads nothing new: every page is unchanged).
func statsAndDump(t *testing.T, env []string, dir string) (string, []byte) {
	t.Helper()
	r := runLoader(t, 5*time.Minute, env, "-stats", "-json")
	if r.code != 0 {
		t.Fatalf("-stats: exit %d\n%s", r.code, r.stderr)
	}
	path := filepath.Join(t.TempDir(), "dump.json")
	d := runLoader(t, 5*time.Minute, env, "-seeds", dir, "-json", "-dump", path)
	if d.code != 0 {
		t.Fatalf("-dump: exit %d\n%s", d.code, d.stderr)
	}
	if s := summary(t, d); s.Loaded != 0 {
		t.Errorf("-dump run loaded %d pages, want 0 (all unchanged)", s.Loaded)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return r.stdout, b
}

func compact(s string) string {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}
