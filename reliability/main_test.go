package reliability

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

// bin holds the loader and server binaries built once by TestMain.
var bin struct{ dir, loader, server string }

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "zonegraph-reliability-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	bin.dir = dir
	bin.loader = filepath.Join(dir, "loader")
	bin.server = filepath.Join(dir, "server")
	for _, b := range [][2]string{{bin.loader, "./loader"}, {bin.server, "./server"}} {
		cmd := exec.Command("go", "build", "-o", b[0], b[1])
		cmd.Dir = ".."
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "go build %s: %v\n%s", b[1], err, out)
			os.RemoveAll(dir)
			os.Exit(2)
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// long reports whether the long versions run (make reliability).
func long() bool { return os.Getenv("ZONEGRAPH_RELIABILITY") == "long" }

// pick returns quick or, under make reliability, full.
func pick[T any](quick, full T) T {
	if long() {
		return full
	}
	return quick
}

// neo4jEnv returns the NEO4J_* variables of the shared test database; the
// test skips without NEO4J_URI, and fails when CI=true.
func neo4jEnv(t *testing.T) []string {
	t.Helper()
	if os.Getenv("NEO4J_URI") == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NEO4J_URI is not set and CI=true: this test needs Neo4j")
		}
		t.Skip("NEO4J_URI not set")
	}
	var env []string
	for _, k := range []string{"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"} {
		if v := os.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// withURI replaces NEO4J_URI in env.
func withURI(env []string, uri string) []string {
	out := []string{"NEO4J_URI=" + uri}
	for _, kv := range env {
		if !strings.HasPrefix(kv, "NEO4J_URI=") {
			out = append(out, kv)
		}
	}
	return out
}

// neo4jHost is host:port of NEO4J_URI.
func neo4jHost(t *testing.T) string {
	u, err := url.Parse(os.Getenv("NEO4J_URI"))
	if err != nil || u.Host == "" {
		t.Fatalf("NEO4J_URI %q: %v", os.Getenv("NEO4J_URI"), err)
	}
	return u.Host
}

// openNeo4j opens the shared test database directly (clear, stats).
func openNeo4j(t *testing.T) *neo4jstore.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := neo4jstore.Open(ctx, neo4jstore.ConfigFromEnv())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return st
}

// clearNeo4j empties the shared test database (tests run with -p 1).
func clearNeo4j(t *testing.T, st *neo4jstore.Store) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := st.Clear(ctx); err != nil {
		t.Fatalf("clear: %v", err)
	}
}

// baseEnv is the environment for subprocesses: ours without NEO4J_*.
func baseEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") {
			env = append(env, kv)
		}
	}
	return env
}

// loaderResult is one run of the loader binary.
type loaderResult struct {
	code           int
	stdout, stderr string
	took           time.Duration
	peakRSS        int64
	cpu            time.Duration // user + system
	timedOut       bool
}

// runLoader runs the loader with args and extra env, killing it after limit.
func runLoader(t *testing.T, limit time.Duration, env []string, args ...string) loaderResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin.loader, args...)
	cmd.Dir = ".."
	cmd.Env = append(baseEnv(), env...)
	var out, errw lineWriter
	cmd.Stdout, cmd.Stderr = &out, &errw
	t0 := time.Now()
	err := cmd.Run()
	r := loaderResult{stdout: out.String(), stderr: errw.String(), took: time.Since(t0), peakRSS: PeakRSS(cmd.ProcessState)}
	if cmd.ProcessState != nil {
		r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if ctx.Err() != nil {
		r.timedOut = true
		r.code = -1
		return r
	}
	if err != nil && cmd.ProcessState == nil {
		t.Fatalf("loader: %v", err)
	}
	r.code = cmd.ProcessState.ExitCode()
	return r
}

// server is a running server binary.
type server struct {
	cmd  *exec.Cmd
	url  string
	logs *lineWriter
	done chan struct{}
}

var listeningRE = regexp.MustCompile(`msg=listening addr=(\S+)`)

// startServer runs the server binary with env and waits for it to listen.
// It is stopped (SIGTERM) at the end of the test.
func startServer(t *testing.T, env []string, args ...string) *server {
	t.Helper()
	args = append([]string{"-addr", "127.0.0.1:0"}, args...)
	cmd := exec.Command(bin.server, args...)
	cmd.Dir = ".."
	cmd.Env = append(baseEnv(), env...)
	s := &server{cmd: cmd, logs: &lineWriter{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = s.logs, s.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		if t.Failed() {
			n := 0
			for _, l := range strings.Split(s.logs.String(), "\n") {
				if strings.Contains(l, "level=ERROR") || strings.Contains(l, "level=WARN") {
					if n++; n <= 20 {
						t.Logf("server log: %s", l)
					}
				}
			}
		}
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-s.done:
		case <-time.After(20 * time.Second):
			t.Errorf("server did not shut down in 20s; killing it")
			_ = cmd.Process.Kill()
			<-s.done
		}
	})
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if m := listeningRE.FindStringSubmatch(s.logs.String()); m != nil {
			s.url = "http://" + m[1]
			return s
		}
		select {
		case <-s.done:
			t.Fatalf("server exited: %s", s.logs)
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("server did not listen in 2 minutes: %s", s.logs)
	return nil
}

// rss is the server's current resident set size.
func (s *server) rss() int64 {
	n, _ := ProcStatus(s.cmd.Process.Pid, "VmRSS")
	return n
}
