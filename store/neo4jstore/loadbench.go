package neo4jstore

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// LoadBenchOptions says what RunLoadBench loads.
type LoadBenchOptions struct {
	Pages      int // generated pages, per-page and multi-page modes (default 1000)
	RowPages   int // pages loaded row by row (default Pages; it is the slow mode)
	BatchPages int // pages per transaction in the multi-page mode (default 100)
}

// LoadModeResult is the throughput of one load mode.
type LoadModeResult struct {
	Mode    string
	Pages   int
	Items   int // nodes + relationships of the pages loaded
	Time    time.Duration
	PerSec  float64           // items per second
	Timings []StatementTiming // time per kind of statement
	// CPU time the load cost (RunBulkCompare): this process, and the
	// Neo4j process when its PID is known (0 otherwise). On a shared
	// machine CPU per item is steadier than wall time.
	ClientCPU, ServerCPU time.Duration
}

// CPUPerSec is items per CPU second (client + server); 0 without the
// server's CPU time.
func (m LoadModeResult) CPUPerSec() float64 {
	if m.ServerCPU == 0 {
		return 0
	}
	return float64(m.Items) / (m.ClientCPU + m.ServerCPU).Seconds()
}

// LoadBenchResult holds the three load modes measured in one run.
type LoadBenchResult struct {
	RowByRow, PerPage, MultiPage LoadModeResult
}

// PerPageRatio is per-page batched over row-by-row throughput.
func (r LoadBenchResult) PerPageRatio() float64 { return r.PerPage.PerSec / r.RowByRow.PerSec }

// MultiPageRatio is multi-page batched over row-by-row throughput.
func (r LoadBenchResult) MultiPageRatio() float64 { return r.MultiPage.PerSec / r.RowByRow.PerSec }

func (r LoadBenchResult) String() string {
	var b strings.Builder
	for _, m := range []LoadModeResult{r.RowByRow, r.PerPage, r.MultiPage} {
		fmt.Fprintf(&b, "%-22s %5d pages, %7d nodes+rels in %10v = %8.0f/s\n", m.Mode+":", m.Pages, m.Items,
			m.Time.Round(time.Millisecond), m.PerSec)
	}
	fmt.Fprintf(&b, "ratio per-page/row-by-row:   %.1fx\n", r.PerPageRatio())
	fmt.Fprintf(&b, "ratio multi-page/row-by-row: %.1fx\n", r.MultiPageRatio())
	return b.String()
}

// Details renders the statement timings of every mode.
func (r LoadBenchResult) Details() string {
	var b strings.Builder
	for _, m := range []LoadModeResult{r.RowByRow, r.PerPage, r.MultiPage} {
		fmt.Fprintf(&b, "%s:\n%s", m.Mode, FormatTimings(m.Timings))
	}
	return b.String()
}

// RunLoadBench loads a generated corpus three ways into the same database,
// clearing it before each: row by row (one auto-commit statement per node
// and relationship), per page (one transaction per page, UNWIND batches),
// and multi-page (UpsertBatch, BatchPages pages per transaction). It
// destroys the database's contents.
func RunLoadBench(ctx context.Context, cfg Config, o LoadBenchOptions) (LoadBenchResult, error) {
	if o.Pages <= 0 {
		o.Pages = 1000
	}
	if o.RowPages <= 0 || o.RowPages > o.Pages {
		o.RowPages = o.Pages
	}
	if o.BatchPages <= 0 {
		o.BatchPages = 100
	}
	var res LoadBenchResult
	s, err := Open(ctx, cfg)
	if err != nil {
		return res, err
	}
	defer s.Close(ctx)
	corpus := GenerateCorpus(o.Pages)
	modes := []struct {
		out   *LoadModeResult
		name  string
		pages int
		load  func(ps []Page) error
	}{
		{&res.RowByRow, "row-by-row", o.RowPages, func(ps []Page) error {
			s.SetRowByRow(true)
			defer s.SetRowByRow(false)
			for _, p := range ps {
				if _, err := s.Upsert(ctx, p.Doc, p.Graph); err != nil {
					return err
				}
			}
			return nil
		}},
		{&res.PerPage, "per-page batched", o.Pages, func(ps []Page) error {
			for _, p := range ps {
				if _, err := s.Upsert(ctx, p.Doc, p.Graph); err != nil {
					return err
				}
			}
			return nil
		}},
		{&res.MultiPage, fmt.Sprintf("multi-page (%d/tx)", o.BatchPages), o.Pages, func(ps []Page) error {
			for i := 0; i < len(ps); i += o.BatchPages {
				j := min(i+o.BatchPages, len(ps))
				if _, err := s.UpsertBatch(ctx, ps[i:j]); err != nil {
					return err
				}
			}
			return nil
		}},
	}
	for _, m := range modes {
		if err := s.Clear(ctx); err != nil {
			return res, err
		}
		ps := corpus[:m.pages]
		items := 0
		for _, p := range ps {
			items += len(p.Graph.Nodes) + len(p.Graph.Relations)
		}
		s.ResetWriteTimings()
		start := time.Now()
		if err := m.load(ps); err != nil {
			return res, fmt.Errorf("%s: %w", m.name, err)
		}
		d := time.Since(start)
		*m.out = LoadModeResult{Mode: m.name, Pages: m.pages, Items: items, Time: d,
			PerSec: float64(items) / d.Seconds(), Timings: s.WriteTimings()}
	}
	return res, s.Clear(ctx)
}

// RunBulkBench clears the database and bulk-loads a generated corpus of
// `pages` pages merged into one graph, batchSize rows per transaction. It
// destroys the database's contents (and leaves the graph loaded).
func RunBulkBench(ctx context.Context, cfg Config, pages, batchSize int) (LoadModeResult, error) {
	s, err := Open(ctx, cfg)
	if err != nil {
		return LoadModeResult{}, err
	}
	defer s.Close(ctx)
	g := &kg.Graph{}
	for _, p := range GenerateCorpus(pages) {
		g.Nodes = append(g.Nodes, p.Graph.Nodes...)
		g.Relations = append(g.Relations, p.Graph.Relations...)
	}
	g.Merge(&kg.Graph{})
	if err := s.Clear(ctx); err != nil {
		return LoadModeResult{}, err
	}
	s.ResetWriteTimings()
	doc := kg.Document{ID: kg.DocumentID("bulk.txt"), Name: "bulk.txt"}
	start := time.Now()
	r, err := s.BulkLoad(ctx, doc, g, batchSize)
	if err != nil {
		return LoadModeResult{}, err
	}
	d := time.Since(start)
	items := r.Nodes + r.Relations
	return LoadModeResult{Mode: fmt.Sprintf("bulk (%d rows/tx)", batchSize), Pages: pages, Items: items, Time: d,
		PerSec: float64(items) / d.Seconds(), Timings: s.WriteTimings()}, nil
}

// BulkCompareResult is BulkLoad against the previous, MERGE-based BulkLoad
// on the same graph in the same run.
type BulkCompareResult struct {
	Legacy, Bulk LoadModeResult // Legacy is empty when not run
}

// Ratio is BulkLoad's throughput over the previous BulkLoad's (0 without it).
func (r BulkCompareResult) Ratio() float64 {
	if r.Legacy.PerSec == 0 {
		return 0
	}
	return r.Bulk.PerSec / r.Legacy.PerSec
}

func (r BulkCompareResult) String() string {
	var b strings.Builder
	for _, m := range []LoadModeResult{r.Legacy, r.Bulk} {
		if m.Mode == "" {
			continue
		}
		fmt.Fprintf(&b, "%-34s %8d nodes+rels in %10v = %8.0f/s; CPU client %v, Neo4j %v = %.0f items/CPU-s\n", m.Mode+":", m.Items,
			m.Time.Round(time.Millisecond), m.PerSec, m.ClientCPU.Round(10*time.Millisecond), m.ServerCPU.Round(10*time.Millisecond), m.CPUPerSec())
	}
	if r.Ratio() > 0 {
		fmt.Fprintf(&b, "ratio BulkLoad / previous BulkLoad: %.2fx wall", r.Ratio())
		if r.Legacy.CPUPerSec() > 0 {
			fmt.Fprintf(&b, ", %.2fx per CPU second", r.Bulk.CPUPerSec()/r.Legacy.CPUPerSec())
		}
		b.WriteString("\n")
	}
	return b.String()
}

// Details renders the statement timings of both modes.
func (r BulkCompareResult) Details() string {
	var b strings.Builder
	for _, m := range []LoadModeResult{r.Legacy, r.Bulk} {
		if m.Mode != "" {
			fmt.Fprintf(&b, "%s:\n%s", m.Mode, FormatTimings(m.Timings))
		}
	}
	return b.String()
}

// RunBulkCompare clears the database and bulk-loads g with the previous
// BulkLoad (MERGE per row; when legacy is set), clears it again and
// bulk-loads g with BulkLoad, batchSize rows per transaction. Both start
// from an empty database. It destroys the database's contents (and leaves
// the graph loaded).
//
// With neo4jPID > 0 (Neo4j on this machine) it also reports the CPU time
// the Neo4j process spent on each load.
func RunBulkCompare(ctx context.Context, cfg Config, g *kg.Graph, batchSize int, legacy bool, neo4jPID int) (BulkCompareResult, error) {
	var res BulkCompareResult
	s, err := Open(ctx, cfg)
	if err != nil {
		return res, err
	}
	defer s.Close(ctx)
	doc := kg.Document{ID: kg.DocumentID("bench.graph"), Name: "bench.graph"}
	run := func(name string, load func() (store.UpsertResult, error)) (LoadModeResult, error) {
		if err := s.Clear(ctx); err != nil {
			return LoadModeResult{}, err
		}
		if err := s.EnsureSchema(ctx); err != nil {
			return LoadModeResult{}, err
		}
		s.ResetWriteTimings()
		c0, n0 := selfCPU(), procCPU(neo4jPID)
		start := time.Now()
		r, err := load()
		if err != nil {
			return LoadModeResult{}, fmt.Errorf("%s: %w", name, err)
		}
		d := time.Since(start)
		items := r.Nodes + r.Relations
		return LoadModeResult{Mode: name, Items: items, Time: d, PerSec: float64(items) / d.Seconds(), Timings: s.WriteTimings(),
			ClientCPU: selfCPU() - c0, ServerCPU: procCPU(neo4jPID) - n0}, nil
	}
	if legacy {
		if res.Legacy, err = run(fmt.Sprintf("previous BulkLoad (MERGE, %d/tx)", batchSize), func() (store.UpsertResult, error) {
			return s.bulkLoadLegacy(ctx, doc, g, batchSize)
		}); err != nil {
			return res, err
		}
	}
	res.Bulk, err = run(fmt.Sprintf("BulkLoad (%d/tx)", batchSize), func() (store.UpsertResult, error) {
		return s.BulkLoad(ctx, doc, g, batchSize)
	})
	return res, err
}

// selfCPU is the CPU time (user + system) this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procCPU is the CPU time (user + system) process pid has used, from
// /proc (Linux; 0 when unknown).
func procCPU(pid int) time.Duration {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name (which may hold spaces): state is
	// field 3, utime 14, stime 15, in clock ticks (USER_HZ = 100).
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	k, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+k) * 10 * time.Millisecond
}
