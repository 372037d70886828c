package main

import (
	"context"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// startRun runs the server with env and returns its address and a stop func.
func startRun(t *testing.T, env map[string]string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-seeds", "../seeds"}, func(k string) string { return env[k] }, quiet(), ready)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("no graceful shutdown")
		}
	})
	select {
	case addr := <-ready:
		return addr
	case err := <-done:
		done <- err // for the cleanup
		t.Fatalf("run: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start")
	}
	return ""
}

// Issue #4 with the Neo4j store and no Neo4j at all: the server starts,
// /healthz is 503 naming the database, queries answer DATABASE_UNAVAILABLE.
func TestStartsWithNeo4jDown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close() // nothing listens there now
	addr := startRun(t, map[string]string{"NEO4J_URI": "bolt://" + dead, "NEO4J_PASSWORD": "x"})
	resp, body := get(t, "http://"+addr+"/healthz")
	if resp.StatusCode != 503 || !strings.Contains(body, "neo4j is unavailable") {
		t.Fatalf("healthz: %d %s", resp.StatusCode, body)
	}
	if code, body := gql(t, "http://"+addr, `{ zone(name: "滨江") { name } }`); code != 200 || !strings.Contains(body, "DATABASE_UNAVAILABLE") {
		t.Fatalf("graphql: %d %s", code, body)
	}
}

// proxy forwards TCP connections to target and can simulate an outage:
// down closes the listener and every open connection, up listens again
// on the same address.
type proxy struct {
	target, addr string
	mu           sync.Mutex
	ln           net.Listener
	conns        []net.Conn
}

func (p *proxy) up(t *testing.T) {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, u)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(u, c); u.Close() }()
			go func() { _, _ = io.Copy(c, u); c.Close() }()
		}
	}()
}

func (p *proxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ln.Close()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// Issue #4 against a real Neo4j (NEO4J_URI set): Neo4j goes away behind a
// proxy and comes back; the running server answers DATABASE_UNAVAILABLE
// meanwhile and succeeds again without a restart.
func TestNeo4jOutageAndRecovery(t *testing.T) {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		t.Skip("NEO4J_URI not set")
	}
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{target: u.Host, addr: "127.0.0.1:0"}
	p.up(t)
	t.Cleanup(p.down)
	env := map[string]string{"NEO4J_URI": "bolt://" + p.addr, "NEO4J_USERNAME": os.Getenv("NEO4J_USERNAME"),
		"NEO4J_PASSWORD": os.Getenv("NEO4J_PASSWORD"), "NEO4J_DATABASE": os.Getenv("NEO4J_DATABASE")}
	addr := startRun(t, env)
	q := `{ stats { documents } }`
	if resp, body := get(t, "http://"+addr+"/healthz"); resp.StatusCode != 200 {
		t.Fatalf("healthz up: %d %s", resp.StatusCode, body)
	}
	if code, body := gql(t, "http://"+addr, q); code != 200 || strings.Contains(body, "errors") {
		t.Fatalf("graphql up: %d %s", code, body)
	}
	p.down()
	if resp, body := get(t, "http://"+addr+"/healthz"); resp.StatusCode != 503 || !strings.Contains(body, "neo4j") {
		t.Fatalf("healthz down: %d %s", resp.StatusCode, body)
	}
	if code, body := gql(t, "http://"+addr, q); !strings.Contains(body, "DATABASE_UNAVAILABLE") {
		t.Fatalf("graphql down: %d %s", code, body)
	}
	p.up(t)
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, body := gql(t, "http://"+addr, q)
		if code == 200 && !strings.Contains(body, "errors") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("graphql back: %d %s", code, body)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if resp, body := get(t, "http://"+addr+"/healthz"); resp.StatusCode != 200 {
		t.Fatalf("healthz back: %d %s", resp.StatusCode, body)
	}
}
