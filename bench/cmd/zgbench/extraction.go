package main

import (
	"log"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/extract"
)

// extractionPasses is how often benchExtraction runs the corpus.
const extractionPasses = 5

// benchExtraction times extract.Page on generated pages (bench/gen
// TextCorpus, the corpus of extract's BenchmarkGeneratedPages), on one
// goroutine, after a first call has loaded the dictionaries. Each pass is
// timed twice: wall time, and the CPU time of the whole process
// (getrusage: user+system of every thread, so the garbage collector's work
// on the other core counts too). The target is per core, so the headline is
// runes per CPU second of the median pass by CPU time: on a shared machine
// wall time of one goroutine also counts the time it waited for a core.
func benchExtraction(seed uint64, pages int) *Extraction {
	var ps []gen.Page
	_ = gen.TextCorpus(gen.TextConfig{Seed: seed, Pages: pages}, func(p gen.Page) error {
		ps = append(ps, p)
		return nil
	})
	contents := make([][]byte, len(ps))
	ex := &Extraction{Pages: len(ps), GOMAXPROCS: runtime.GOMAXPROCS(0)}
	for i, p := range ps {
		contents[i] = []byte(p.Text)
		ex.Runes += len([]rune(p.Text))
		ex.GoldEntities += len(p.Gold.Entities)
		ex.GoldRelations += len(p.Gold.Relations)
	}
	t0 := time.Now()
	if _, err := extract.Page(ps[0].Name, contents[0]); err != nil { // loads the dictionaries
		log.Printf("extract warm-up: %v", err)
	}
	ex.DictLoadSeconds = time.Since(t0).Seconds()
	// Passes over the corpus, one goroutine; the median pass counts (the
	// first pass also grows the heap).
	type pass struct{ wall, cpu float64 }
	var passes []pass
	load0, okLoad := loadAvg()
	for i := 0; i < extractionPasses; i++ {
		nodes, rels := 0, 0
		c0 := cpuSeconds()
		t0 = time.Now()
		for j, p := range ps {
			res, err := extract.Page(p.Name, contents[j])
			if err != nil {
				log.Printf("extract %s: %v", p.Name, err)
				continue
			}
			nodes += len(res.Graph.Nodes)
			rels += len(res.Graph.Relations)
		}
		passes = append(passes, pass{time.Since(t0).Seconds(), cpuSeconds() - c0})
		ex.NodesFound, ex.RelationsFound = nodes, rels
	}
	if load1, ok := loadAvg(); ok && okLoad {
		ex.LoadAvg = []float64{load0, load1}
	}
	for _, p := range passes {
		ex.PassSeconds = append(ex.PassSeconds, round3(p.wall))
		ex.PassCPUSeconds = append(ex.PassCPUSeconds, round3(p.cpu))
	}
	walls := append([]float64(nil), ex.PassSeconds...)
	sort.Float64s(walls)
	ex.Seconds = walls[len(walls)/2]
	ex.RunesPerSecWall = float64(ex.Runes) / ex.Seconds
	sort.Slice(passes, func(i, j int) bool { return passes[i].cpu < passes[j].cpu })
	ex.CPUSeconds = passes[len(passes)/2].cpu
	if ex.CPUSeconds > 0 {
		ex.RunesPerSecCore = float64(ex.Runes) / ex.CPUSeconds
	} else { // no getrusage: wall time of the one goroutine
		ex.RunesPerSecCore = ex.RunesPerSecWall
	}
	return ex
}

// loadAvg is the machine's 1-minute load average, when /proc/loadavg has it.
func loadAvg() (float64, bool) {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0, false
	}
	x, err := strconv.ParseFloat(f[0], 64)
	return x, err == nil
}

func round3(x float64) float64 { return float64(int64(x*1000+0.5)) / 1000 }
