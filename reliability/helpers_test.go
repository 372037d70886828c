package reliability

import (
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		var d []time.Duration
		for _, n := range ns {
			d = append(d, time.Duration(n)*time.Millisecond)
		}
		return d
	}
	cases := []struct {
		in   []time.Duration
		p    float64
		want time.Duration
	}{
		{nil, 50, 0},
		{ms(7), 99, 7 * time.Millisecond},
		{ms(5, 1, 4, 2, 3), 50, 3 * time.Millisecond},
		{ms(5, 1, 4, 2, 3), 100, 5 * time.Millisecond},
		{ms(10, 20, 30, 40, 50, 60, 70, 80, 90, 100), 99, 100 * time.Millisecond},
		{ms(10, 20, 30, 40, 50, 60, 70, 80, 90, 100), 90, 90 * time.Millisecond},
		{ms(10, 20, 30, 40, 50, 60, 70, 80, 90, 100), 1, 10 * time.Millisecond},
	}
	for _, c := range cases {
		if got := Percentile(append([]time.Duration(nil), c.in...), c.p); got != c.want {
			t.Errorf("Percentile(%v, %v) = %v, want %v", c.in, c.p, got, c.want)
		}
	}
}

func TestTrend(t *testing.T) {
	cases := []struct {
		in          []int64
		skip        int
		first, last int64
	}{
		{[]int64{1, 2}, 0, 0, 0},
		{[]int64{100, 10, 11, 12, 20, 21, 22, 30, 31, 32}, 1, 11, 31},
		{[]int64{5, 5, 5, 5, 5, 5}, 0, 5, 5},
	}
	for _, c := range cases {
		if f, l := Trend(c.in, c.skip); f != c.first || l != c.last {
			t.Errorf("Trend(%v, %d) = %d, %d; want %d, %d", c.in, c.skip, f, l, c.first, c.last)
		}
	}
}

func TestOperations(t *testing.T) {
	doc := []byte("# query NotThis\nquery A { x }\n\nquery B_2($after: String) { y }\nmutation M { z }\n  query Indented { w }\n")
	if got := strings.Join(Operations(doc), ","); got != "A,B_2" {
		t.Errorf("Operations = %s, want A,B_2", got)
	}
	b, err := os.ReadFile("../examples/queries.graphql")
	if err != nil {
		t.Fatal(err)
	}
	ops := Operations(b)
	if len(ops) < 5 || ops[0] != "ListedFirmsInBinjiang" {
		t.Errorf("example operations: %v", ops)
	}
}

func TestParseStatus(t *testing.T) {
	status := "Name:\tserver\nVmPeak:\t  812340 kB\nVmHWM:\t   60000 kB\nVmRSS:\t   51200 kB\nThreads:\t9\n"
	cases := []struct {
		field string
		want  int64
		err   bool
	}{
		{"VmRSS", 51200 * 1024, false},
		{"VmHWM", 60000 * 1024, false},
		{"Threads", 0, true},
		{"VmSwap", 0, true},
	}
	for _, c := range cases {
		got, err := parseStatus(strings.NewReader(status), c.field)
		if got != c.want || (err != nil) != c.err {
			t.Errorf("parseStatus(%s) = %d, %v; want %d, error %v", c.field, got, err, c.want, c.err)
		}
	}
	if n, err := ProcStatus(os.Getpid(), "VmRSS"); err != nil || n < 1<<20 {
		t.Errorf("ProcStatus(self, VmRSS) = %d, %v", n, err)
	}
}

// The proxy forwards, cuts open connections and refuses new ones while
// down, and forwards again on the same address when up.
func TestProxy(t *testing.T) {
	echo, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer echo.Close()
	go func() {
		for {
			c, err := echo.Accept()
			if err != nil {
				return
			}
			go func() { _, _ = io.Copy(c, c); c.Close() }()
		}
	}()
	p, err := NewProxy(echo.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Down()
	addr := p.Addr()
	roundTrip := func(c net.Conn) error {
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
		if _, err := c.Write([]byte("ping")); err != nil {
			return err
		}
		b := make([]byte, 4)
		_, err := io.ReadFull(c, b)
		if err == nil && string(b) != "ping" {
			t.Errorf("echo through the proxy: %q", b)
		}
		return err
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	if err := roundTrip(c); err != nil {
		t.Fatalf("up: %v", err)
	}
	p.Down()
	if err := roundTrip(c); err == nil {
		t.Error("an open connection still works after Down")
	}
	if c2, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c2.Close()
		t.Error("a new connection is accepted after Down")
	}
	if err := p.Up(); err != nil {
		t.Fatal(err)
	}
	if p.Addr() != addr {
		t.Errorf("address changed: %s -> %s", addr, p.Addr())
	}
	c3, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c3.Close()
	if err := roundTrip(c3); err != nil {
		t.Errorf("after Up: %v", err)
	}
}
