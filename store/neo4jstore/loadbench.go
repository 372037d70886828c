package neo4jstore

import (
	"context"
	"fmt"
	"time"
)

// LoadBenchResult holds the throughput of both load modes.
type LoadBenchResult struct {
	Pages, RowPages          int
	BatchedItems, RowItems   int // nodes + relationships written
	BatchedTime, RowTime     time.Duration
	BatchedPerSec, RowPerSec float64
	Ratio                    float64
}

func (r LoadBenchResult) String() string {
	return fmt.Sprintf("batched: %d pages, %d nodes+rels in %v = %.0f/s\nrow-by-row: %d pages, %d nodes+rels in %v = %.0f/s\nratio: %.1fx",
		r.Pages, r.BatchedItems, r.BatchedTime.Round(time.Millisecond), r.BatchedPerSec,
		r.RowPages, r.RowItems, r.RowTime.Round(time.Millisecond), r.RowPerSec, r.Ratio)
}

// RunLoadBench clears the database, loads `pages` generated pages batched,
// clears again and loads the first rowPages row by row. It destroys the
// database's contents.
func RunLoadBench(ctx context.Context, cfg Config, pages, rowPages int) (LoadBenchResult, error) {
	res := LoadBenchResult{Pages: pages, RowPages: rowPages}
	s, err := Open(ctx, cfg)
	if err != nil {
		return res, err
	}
	defer s.Close(ctx)
	corpus := GenerateCorpus(pages)
	for _, rowByRow := range []bool{false, true} {
		if err := s.Clear(ctx); err != nil {
			return res, err
		}
		s.SetRowByRow(rowByRow)
		n := pages
		if rowByRow {
			n = rowPages
		}
		items := 0
		start := time.Now()
		for _, p := range corpus[:n] {
			r, err := s.Upsert(ctx, p.Doc, p.Graph)
			if err != nil {
				return res, err
			}
			items += r.Nodes + r.Relations
		}
		d := time.Since(start)
		if rowByRow {
			res.RowItems, res.RowTime, res.RowPerSec = items, d, float64(items)/d.Seconds()
		} else {
			res.BatchedItems, res.BatchedTime, res.BatchedPerSec = items, d, float64(items)/d.Seconds()
		}
	}
	s.SetRowByRow(false)
	res.Ratio = res.BatchedPerSec / res.RowPerSec
	return res, s.Clear(ctx)
}
