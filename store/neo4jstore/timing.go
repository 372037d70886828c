package neo4jstore

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

var nowFunc = time.Now

// StatementTiming sums the client-side time of one kind of write statement.
type StatementTiming struct {
	Name  string
	Calls int
	Rows  int
	Time  time.Duration
}

// timings records the time of each kind of statement the write path runs.
type timings struct {
	mu sync.Mutex
	m  map[string]*StatementTiming
}

func (t *timings) add(name string, rows int, d time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil {
		t.m = map[string]*StatementTiming{}
	}
	st := t.m[name]
	if st == nil {
		st = &StatementTiming{Name: name}
		t.m[name] = st
	}
	st.Calls++
	st.Rows += rows
	st.Time += d
}

// WriteTimings returns the time spent in each kind of write statement since
// the last ResetWriteTimings, slowest first.
func (s *Store) WriteTimings() []StatementTiming {
	s.timing.mu.Lock()
	defer s.timing.mu.Unlock()
	out := make([]StatementTiming, 0, len(s.timing.m))
	for _, st := range s.timing.m {
		out = append(out, *st)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Time != out[j].Time {
			return out[i].Time > out[j].Time
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// ResetWriteTimings clears the statement timings.
func (s *Store) ResetWriteTimings() {
	s.timing.mu.Lock()
	defer s.timing.mu.Unlock()
	s.timing.m = nil
}

// FormatTimings renders timings as an aligned table.
func FormatTimings(ts []StatementTiming) string {
	var b strings.Builder
	for _, t := range ts {
		per := time.Duration(0)
		if t.Calls > 0 {
			per = t.Time / time.Duration(t.Calls)
		}
		fmt.Fprintf(&b, "  %-28s %6d calls %8d rows %10v total %10v/call\n", t.Name, t.Calls, t.Rows,
			t.Time.Round(time.Millisecond), per.Round(10*time.Microsecond))
	}
	return b.String()
}
