package extract

import (
	"encoding/json"
	"sync"
	"testing"
)

// TestPageScratchConcurrent extracts the same pages serially and from
// several goroutines at once: pages share pooled scratch (pageScratch), and
// each page's graph must be the same either way.
func TestPageScratchConcurrent(t *testing.T) {
	ps, _ := generatedPages(t, 24)
	want := make([]string, len(ps))
	for i, p := range ps {
		res, err := Page(p.Name, []byte(p.Text))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(res)
		want[i] = string(b)
	}
	got := make([]string, len(ps))
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < len(ps); i += 4 {
				res, err := Page(ps[i].Name, []byte(ps[i].Text))
				if err != nil {
					t.Error(err)
					return
				}
				b, _ := json.Marshal(res)
				got[i] = string(b)
			}
		}(w)
	}
	wg.Wait()
	for i := range ps {
		if got[i] != want[i] {
			t.Errorf("%s: concurrent extraction differs from serial", ps[i].Name)
		}
	}
}
