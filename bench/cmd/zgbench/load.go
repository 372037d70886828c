package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Query is one GraphQL request the bench sends.
type Query struct {
	Name      string         `json:"name"`
	Text      string         `json:"-"`
	Operation string         `json:"operation,omitempty"` // operationName when Text holds several
	Variables map[string]any `json:"variables"`
}

// Level is the outcome of one query at one concurrency against one backend.
type Level struct {
	Query       string  `json:"query"`
	Concurrency int     `json:"concurrency"`
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`
	P50ms       float64 `json:"p50ms"`
	P99ms       float64 `json:"p99ms"`
	RPS         float64 `json:"rps"`
	Bytes       int     `json:"bytes"` // size of one response: the result size
	FirstError  string  `json:"firstError,omitempty"`
	// GCs: garbage collections the server ran during the level (memstore's
	// zgserve only; at 1M one lasts seconds and slows every request).
	GCs int `json:"gcs,omitempty"`
}

// Limits of one load level: it stops at whichever comes first of
// Duration and MaxRequests, but not before MinRequests were sent (a p99
// of a few dozen requests is their slowest one). MinRatioRequests, when
// larger, is the minimum for the two sides of the p99-vs-floor target
// (ours, a baseline server, the floor; not the peer, whose requests/s
// ratio needs no more).
type Limits struct {
	Duration         time.Duration
	MaxRequests      int
	MinRequests      int
	MinRatioRequests int
}

var client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128, MaxConnsPerHost: 128}, Timeout: 30 * time.Second}

// post sends one GraphQL request to a loopback URL and returns the body.
func post(ctx context.Context, url string, q Query) ([]byte, error) {
	req := map[string]any{"query": q.Text, "variables": q.Variables}
	if q.Operation != "" {
		req["operationName"] = q.Operation
	}
	body, _ := json.Marshal(req)
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	hreq.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(hreq)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return b, fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, b)
	}
	var r struct {
		Errors []struct{ Message string } `json:"errors"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return b, err
	}
	if len(r.Errors) > 0 {
		return b, fmt.Errorf("graphql: %s", r.Errors[0].Message)
	}
	return b, nil
}

// run drives one query at one concurrency: a few warm-up requests, then
// workers in closed loops until the time or request budget is spent.
func run(ctx context.Context, url string, q Query, conc int, lim Limits, do func(context.Context) (int, error)) Level {
	return measure(ctx, url, q, conc, lim, do).level(q.Name, conc)
}

// sample is what one or more timed stretches of one query at one
// concurrency gave.
type sample struct {
	lats    []time.Duration
	errs    int
	first   string
	elapsed time.Duration
	bytes   int
}

// add merges o into s (the stretches of interleaved rounds).
func (s *sample) add(o sample) {
	s.lats = append(s.lats, o.lats...)
	s.errs += o.errs
	if s.first == "" {
		s.first = o.first
	}
	s.elapsed += o.elapsed
	s.bytes = o.bytes
}

// level is the sample's percentiles and rate.
func (s sample) level(query string, conc int) Level {
	lv := Level{Query: query, Concurrency: conc, Requests: len(s.lats), Errors: s.errs, FirstError: s.first, Bytes: s.bytes}
	lats := slices.Clone(s.lats)
	slices.Sort(lats)
	if len(lats) > 0 {
		lv.P50ms = ms(lats[len(lats)*50/100])
		lv.P99ms = ms(lats[min(len(lats)-1, len(lats)*99/100)])
		lv.RPS = float64(len(lats)) / s.elapsed.Seconds()
	}
	return lv
}

// measure is run's timed stretch: three checked requests (the response
// size; an error stops it), then conc workers in closed loops.
func measure(ctx context.Context, url string, q Query, conc int, lim Limits, do func(context.Context) (int, error)) sample {
	var sm sample
	if do == nil {
		do = func(ctx context.Context) (int, error) {
			b, err := post(ctx, url, q)
			return len(b), err
		}
	}
	for i := 0; i < 3; i++ {
		n, err := do(ctx)
		sm.bytes = n
		if err != nil {
			sm.errs++
			sm.first = err.Error()
			return sm
		}
	}
	var (
		mu     sync.Mutex
		issued atomic.Int64
		errs   atomic.Int64
		first  atomic.Value
		wg     sync.WaitGroup
	)
	deadline := time.Now().Add(lim.Duration)
	start := time.Now()
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([]time.Duration, 0, 256)
			for ctx.Err() == nil {
				n := issued.Add(1)
				if n > int64(lim.MaxRequests) || (!time.Now().Before(deadline) && n > int64(lim.MinRequests)) {
					break
				}
				t := time.Now()
				_, err := do(ctx)
				local = append(local, time.Since(t))
				if err != nil {
					errs.Add(1)
					first.CompareAndSwap(nil, err.Error())
				}
			}
			mu.Lock()
			sm.lats = append(sm.lats, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sm.elapsed = time.Since(start)
	sm.errs = int(errs.Load())
	if s, ok := first.Load().(string); ok {
		sm.first = s
	}
	return sm
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
