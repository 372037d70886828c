// Package reliability holds the hardening proofs of issue #8: hostile page
// files for the loader, crash safety of a Neo4j load killed mid-way, a
// Neo4j outage under load, and a bounded load test of the server. The tests
// build the real loader and server binaries and run them as subprocesses;
// this file holds the small helpers they share (process memory, a TCP proxy
// that can cut a connection, latency percentiles, the example operations).
//
// The quick versions run in `make test`; `make reliability` runs the long
// ones (ZONEGRAPH_RELIABILITY=long).
package reliability

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// PeakRSS is the peak resident set size of an exited process in bytes
// (getrusage ru_maxrss, the same figure as VmHWM in /proc/PID/status).
func PeakRSS(ps *os.ProcessState) int64 {
	if ps == nil {
		return 0
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024 // kilobytes on Linux
	}
	return 0
}

// ProcStatus reads a size field ("VmRSS", "VmHWM" ...) of /proc/PID/status
// in bytes.
func ProcStatus(pid int, field string) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return parseStatus(f, field)
}

func parseStatus(r io.Reader, field string) (int64, error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || k != field {
			continue
		}
		f := strings.Fields(v)
		if len(f) != 2 || f[1] != "kB" {
			return 0, fmt.Errorf("%s: unexpected value %q", field, v)
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", field, err)
		}
		return n * 1024, nil
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("%s: not found", field)
}

// MB formats a byte count in mebibytes.
func MB(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

// Percentile returns the p-th percentile (0 < p <= 100, nearest rank) of ds.
// It sorts ds in place. It is 0 for an empty slice.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	rank := int(p/100*float64(len(ds)) + 0.999999)
	rank = min(max(rank, 1), len(ds))
	return ds[rank-1]
}

var opRE = regexp.MustCompile(`(?m)^query\s+([A-Za-z_][A-Za-z0-9_]*)`)

// Operations lists the named query operations of a GraphQL document, in
// order (the example queries in examples/queries.graphql).
func Operations(doc []byte) []string {
	var names []string
	for _, m := range opRE.FindAllSubmatch(doc, -1) {
		names = append(names, string(m[1]))
	}
	return names
}

// Proxy forwards TCP connections from a loopback address to Target and can
// simulate the database going away: Down closes the listener and every open
// connection (the peer sees resets, as when Neo4j restarts), Up listens again
// on the same address.
type Proxy struct {
	Target string

	mu    sync.Mutex
	addr  string
	ln    net.Listener
	conns map[net.Conn]bool
}

// NewProxy listens on a free loopback port and forwards to target.
func NewProxy(target string) (*Proxy, error) {
	p := &Proxy{Target: target, addr: "127.0.0.1:0", conns: map[net.Conn]bool{}}
	return p, p.Up()
}

// Addr is the address clients dial.
func (p *Proxy) Addr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.addr
}

// Up starts listening (again) on the proxy's address.
func (p *Proxy) Up() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		return nil
	}
	var ln net.Listener
	var err error
	for i := 0; i < 50; i++ { // the old socket may linger for a moment
		if ln, err = net.Listen("tcp", p.addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		return err
	}
	p.ln, p.addr = ln, ln.Addr().String()
	go p.serve(ln)
	return nil
}

func (p *Proxy) serve(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		u, err := net.DialTimeout("tcp", p.Target, 3*time.Second)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		if p.ln != ln { // cut while dialling
			p.mu.Unlock()
			c.Close()
			u.Close()
			return
		}
		p.conns[c], p.conns[u] = true, true
		p.mu.Unlock()
		go p.pipe(u, c)
		go p.pipe(c, u)
	}
}

func (p *Proxy) pipe(dst, src net.Conn) {
	_, _ = io.Copy(dst, src)
	dst.Close()
	src.Close()
	p.mu.Lock()
	delete(p.conns, dst)
	delete(p.conns, src)
	p.mu.Unlock()
}

// Down closes the listener and every open connection.
func (p *Proxy) Down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
}

// Trend compares the median of the last third of samples with the median
// of the first third (after dropping the first skip samples, the warm-up):
// a ratio near 1 means no growth.
func Trend(samples []int64, skip int) (first, last int64) {
	if skip < len(samples) {
		samples = samples[skip:]
	}
	n := len(samples) / 3
	if n == 0 {
		return 0, 0
	}
	med := func(s []int64) int64 {
		c := append([]int64(nil), s...)
		sort.Slice(c, func(i, j int) bool { return c[i] < c[j] })
		return c[len(c)/2]
	}
	return med(samples[:n]), med(samples[len(samples)-n:])
}

// lineWriter collects a subprocess's output and lets a test wait for a
// line matching a pattern (the server's "listening" line).
type lineWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *lineWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(b)
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}
