package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// examples reads examples/queries.graphql and its operation names.
func examples(t *testing.T) ([]byte, []string) {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "examples", "queries.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	ops := Operations(doc)
	if len(ops) < 5 {
		t.Fatalf("only %d operations in examples/queries.graphql", len(ops))
	}
	return doc, ops
}

// outcome is one GraphQL request.
type outcome struct {
	op         string
	start, end time.Time
	status     int      // 0: no HTTP response (transport error or client timeout)
	codes      []string // extensions.code of the GraphQL errors
	message    string   // the first GraphQL error's message
	err        error
}

func (o outcome) ok() bool { return o.err == nil && o.status == 200 && len(o.codes) == 0 }

// post runs one operation of doc.
func post(ctx context.Context, c *http.Client, url string, doc []byte, op string) outcome {
	body, _ := json.Marshal(map[string]any{"query": string(doc), "operationName": op, "variables": map[string]any{}})
	o := outcome{op: op, start: time.Now()}
	defer func() { o.end = time.Now() }()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/graphql", bytes.NewReader(body))
	if err != nil {
		o.err = err
		return o
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		o.err, o.end = err, time.Now()
		return o
	}
	defer resp.Body.Close()
	o.status = resp.StatusCode
	b, err := io.ReadAll(resp.Body)
	o.end = time.Now()
	if err != nil {
		o.err = err
		return o
	}
	var r struct {
		Data   json.RawMessage
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.Unmarshal(b, &r); err != nil {
		o.err = fmt.Errorf("status %d, body not JSON: %.200s", resp.StatusCode, b)
		return o
	}
	for i, e := range r.Errors {
		if i == 0 {
			o.message = e.Message
		}
		code, _ := e.Extensions["code"].(string)
		if code == "" {
			code = "(no code) " + e.Message
		}
		o.codes = append(o.codes, code)
	}
	return o
}

// hammer runs clients concurrent loops of the example operations against
// url until ctx is done and returns every outcome. A client waits for
// each answer before sending the next request (closed loop).
func hammer(ctx context.Context, url string, clients int, doc []byte, ops []string, timeout time.Duration) []outcome {
	hc := &http.Client{Timeout: timeout, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	defer hc.CloseIdleConnections()
	var mu sync.Mutex
	var all []outcome
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var mine []outcome
			for i := c; ctx.Err() == nil; i++ {
				o := post(context.Background(), hc, url, doc, ops[i%len(ops)])
				mine = append(mine, o)
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	sort.Slice(all, func(i, j int) bool { return all[i].start.Before(all[j].start) })
	return all
}

// tally counts outcomes by kind: "ok", "http 5xx", "transport", or the
// sorted error codes.
func tally(outs []outcome) map[string]int {
	m := map[string]int{}
	for _, o := range outs {
		m[kind(o)]++
	}
	return m
}

func kind(o outcome) string {
	switch {
	case o.err != nil && o.status == 0:
		return "transport error"
	case o.status >= 500:
		return fmt.Sprintf("http %d", o.status)
	case o.err != nil:
		return "bad body"
	case o.status != 200:
		return fmt.Sprintf("http %d", o.status)
	case len(o.codes) == 0:
		return "ok"
	}
	c := append([]string(nil), o.codes...)
	sort.Strings(c)
	c = compactStrings(c)
	return strings.Join(c, "+")
}

func compactStrings(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// getStatus returns the status code of a GET, 0 on a transport error.
func getStatus(url string, timeout time.Duration) int {
	c := &http.Client{Timeout: timeout}
	resp, err := c.Get(url)
	if err != nil {
		return 0
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// loadSeeds empties the shared Neo4j and loads seeds/ with the loader.
func loadSeeds(t *testing.T, env []string) {
	t.Helper()
	clearNeo4j(t, openNeo4j(t))
	r := runLoader(t, 5*time.Minute, env, "-seeds", "seeds")
	if r.code != 0 {
		t.Fatalf("loading seeds: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

// writeFigures writes v as JSON to $ZONEGRAPH_RELIABILITY_OUT/name when set
// (make reliability collects the figures there for docs/RELIABILITY.md).
func writeFigures(t *testing.T, name string, v any) {
	dir := os.Getenv("ZONEGRAPH_RELIABILITY_OUT")
	if dir == "" {
		return
	}
	b, _ := json.MarshalIndent(v, "", "  ")
	if err := os.MkdirAll(dir, 0o755); err == nil {
		err = os.WriteFile(filepath.Join(dir, name), append(b, '\n'), 0o644)
	}
	t.Logf("%s: %s", name, b)
}
