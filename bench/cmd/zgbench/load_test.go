package main

import (
	"context"
	"testing"
	"time"
)

// TestMeasureMinRequests: a stretch runs past its duration until it has
// timed MinRequests requests, and stops at MaxRequests.
func TestMeasureMinRequests(t *testing.T) {
	do := func(context.Context) (int, error) { time.Sleep(time.Millisecond); return 1, nil }
	for _, c := range []struct {
		lim      Limits
		conc     int
		min, max int
	}{
		{Limits{Duration: time.Nanosecond, MaxRequests: 1000, MinRequests: 40}, 1, 40, 40},
		{Limits{Duration: time.Nanosecond, MaxRequests: 1000, MinRequests: 40}, 4, 40, 43},
		{Limits{Duration: time.Nanosecond, MaxRequests: 25, MinRequests: 40}, 2, 25, 25},
		{Limits{Duration: time.Hour, MaxRequests: 30}, 3, 30, 30},
	} {
		sm := measure(context.Background(), "", Query{}, c.conc, c.lim, do)
		if n := len(sm.lats); n < c.min || n > c.max {
			t.Errorf("%+v at c=%d: %d requests, want %d-%d", c.lim, c.conc, n, c.min, c.max)
		}
	}
}

// TestStretchMinimum: ours and the floor, the p99 target's two sides, are
// timed at least MinRatioRequests per level (a third per round), the peer
// MinRequests; a smaller MinRatioRequests changes nothing.
func TestStretchMinimum(t *testing.T) {
	lim := Limits{Duration: 3 * time.Second, MaxRequests: 20000, MinRequests: 200, MinRatioRequests: 600}
	for _, c := range []struct {
		name string
		min  int
		lim  Limits
	}{
		{nameNeo, 200, lim}, {nameFloor, 200, lim}, {nameNeo + " (baseline)", 200, lim}, {namePeer, 67, lim},
		{nameNeo, 67, Limits{Duration: 3 * time.Second, MaxRequests: 20000, MinRequests: 200, MinRatioRequests: 100}},
	} {
		got := stretch(c.name, c.lim)
		if got.MinRequests != c.min || got.Duration != 2*time.Second || got.MaxRequests != 13333 {
			t.Errorf("%s: %+v, want min %d, 2s, 13333", c.name, got, c.min)
		}
	}
}
