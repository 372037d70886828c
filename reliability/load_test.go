package reliability

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"
)

// LoadFigures are the measured results of the load test.
type LoadFigures struct {
	Store        string         `json:"store"`
	Clients      int            `json:"clients"`
	Seconds      float64        `json:"seconds"`
	Requests     int            `json:"requests"`
	RPS          float64        `json:"rps"`
	P50ms        float64        `json:"p50_ms"`
	P99ms        float64        `json:"p99_ms"`
	Maxms        float64        `json:"max_ms"`
	Outcomes     map[string]int `json:"outcomes"`
	RSSStartMB   float64        `json:"rss_start_mb"` // median of the first third (after warm-up)
	RSSEndMB     float64        `json:"rss_end_mb"`   // median of the last third
	RSSMaxMB     float64        `json:"rss_max_mb"`
	RSSSamples   int            `json:"rss_samples"`
	Operations   int            `json:"operations"`
	ServerErrors int            `json:"http_5xx"`
}

// The server on Neo4j under concurrent clients running the example queries
// (issue #8): zero 5xx, every answer without errors, RSS sampled every
// second with no growth trend.
func TestLoadNeo4j(t *testing.T) {
	env := neo4jEnv(t)
	loadSeeds(t, env)
	srv := startServer(t, env)
	doc, ops := examples(t)
	clients, dur := 16, pick(10*time.Second, 60*time.Second)

	// Warm up: every operation once, answers checked.
	for _, op := range ops {
		o := post(context.Background(), httpClient(), srv.url, doc, op)
		if !o.ok() {
			t.Fatalf("warm-up %s: %s %v", op, kind(o), o.err)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	var rss []int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				rss = append(rss, srv.rss())
			}
		}
	}()
	t0 := time.Now()
	outs := hammer(ctx, srv.url, clients, doc, ops, 30*time.Second)
	took := time.Since(t0)
	wg.Wait()

	lat := make([]time.Duration, 0, len(outs))
	for _, o := range outs {
		lat = append(lat, o.end.Sub(o.start))
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	mb := func(b int64) float64 { return float64(b*10/(1<<20)) / 10 }
	skip := pick(2, 5) // warm-up seconds left out of the trend
	first, last := Trend(rss, skip)
	var maxRSS int64
	for _, r := range rss {
		maxRSS = max(maxRSS, r)
	}
	f := LoadFigures{
		Store: "neo4j", Clients: clients, Seconds: took.Seconds(), Requests: len(outs),
		RPS: float64(len(outs)) / took.Seconds(), Outcomes: tally(outs), Operations: len(ops),
		P50ms: ms(Percentile(lat, 50)), P99ms: ms(Percentile(lat, 99)), Maxms: ms(Percentile(lat, 100)),
		RSSStartMB: mb(first), RSSEndMB: mb(last), RSSMaxMB: mb(maxRSS), RSSSamples: len(rss),
	}
	for _, o := range outs {
		if o.status >= 500 {
			f.ServerErrors++
		}
	}
	t.Logf("%d clients, %.0f s: %d requests, %.1f req/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms; RSS %.1f -> %.1f MB (max %.1f, %d samples); outcomes %v",
		clients, f.Seconds, f.Requests, f.RPS, f.P50ms, f.P99ms, f.Maxms, f.RSSStartMB, f.RSSEndMB, f.RSSMaxMB, f.RSSSamples, f.Outcomes)
	writeFigures(t, pick("load-quick.json", "load.json"), f)

	if f.ServerErrors > 0 {
		t.Errorf("%d responses with a 5xx status", f.ServerErrors)
	}
	if f.Outcomes["ok"] != len(outs) {
		t.Errorf("not every answer is a clean success: %v", f.Outcomes)
	}
	if len(outs) < clients*len(ops) {
		t.Errorf("only %d requests in %s", len(outs), took)
	}
	if len(rss) < int(dur/time.Second)-2 {
		t.Errorf("only %d RSS samples", len(rss))
	}
	if maxRSS > 1<<30 {
		t.Errorf("server RSS reached %.1f MB (bound 1024 MB)", f.RSSMaxMB)
	}
	// No growth trend: the last third's median RSS within 1.5x + 32 MB of the first third's.
	if first > 0 && last > first*3/2+32<<20 {
		t.Errorf("server RSS grew from %.1f MB to %.1f MB during the run", f.RSSStartMB, f.RSSEndMB)
	}
}

func httpClient() *http.Client { return &http.Client{Timeout: 30 * time.Second} }
