package main

import (
	"strings"
	"testing"
)

func lv(q string, c int, p50, p99, rps float64, bytes int) Level {
	return Level{Query: q, Concurrency: c, P50ms: p50, P99ms: p99, RPS: rps, Requests: 100, Bytes: bytes}
}

// sampleReport is a two-size report: ours beats the peer 2x on zoneListedFirms but
// only 1.2x on neighborhood2, and is 1.5x the floor's p99 on neighborhood2.
func sampleReport() *Report {
	size := func(name string, nodes int, scale float64) SizeResult {
		return SizeResult{Size: name, Nodes: nodes, Import: &Import{Items: 6 * nodes, PerSec: 120000 / scale, Seconds: 6 * float64(nodes) / (120000 / scale)}, Backends: []Backend{
			{Name: nameNeo, LoadPerSec: 60000 / scale, Levels: []Level{
				lv("zoneListedFirms", 1, 5*scale, 10, 200, 1000), lv("neighborhood2", 1, 10*scale, 30, 120, 5000),
				lv("paths4", 1, 4*scale, 40*scale, 100, 800)}},
			{Name: namePeer, Levels: []Level{lv("zoneListedFirms", 1, 10, 20, 100, 900), lv("neighborhood2", 1, 12, 25, 100, 4000)}},
			{Name: nameFloor, Levels: []Level{lv("zoneListedFirms", 1, 4, 10, 250, 700), lv("neighborhood2", 1, 8, 20, 150, 3000)}},
		}}
	}
	r := &Report{Extraction: &Extraction{RunesPerSecCore: 2e6, NodesFound: 10},
		Sizes: []SizeResult{size("10k", 10000, 1), size("1m", 1000000, 2)}}
	// memstore: a collection ran during the 1m paths4 level.
	r.Sizes[0].Backends = append(r.Sizes[0].Backends, Backend{Name: nameMem, Levels: []Level{lv("paths4", 1, 2, 4, 400, 800)}})
	slow := lv("paths4", 1, 7, 30, 100, 800)
	slow.GCs = 1
	r.Sizes[1].Backends = append(r.Sizes[1].Backends, Backend{Name: nameMem, Levels: []Level{slow}})
	return r
}

func TestTargets(t *testing.T) {
	ts := targets(sampleReport())
	byName := map[string]Target{}
	for _, x := range ts {
		byName[x.Name] = x
	}
	cases := []struct {
		name     string
		met      *bool
		contains string
	}{
		{"extraction throughput", boolp(true), "2000000 chars/s/core"},
		{"load into Neo4j, online: BulkLoad over Bolt (1m)", boolp(false), "30000 /s"},
		{"load into Neo4j, offline: neo4j-admin import into an empty database (1m)", boolp(true), "60000 /s (files, import, start, indexes: 100 s for 6000000)"},
		{"nested queries vs @neo4j/graphql (1m)", boolp(false), "worst 1.20x"},
		{"p99 vs raw Cypher (1m)", boolp(false), "worst 1.50x"},
		{"paths4 on zonegraph/neo4j at 1m", boolp(false), "c=1 p99 80.0 ms"},
		{"growth zonegraph/neo4j zoneListedFirms (10k -> 1m)", boolp(true), "latency x2.00, result size x1.00"},
		{"growth zonegraph/memstore paths4 (10k -> 1m)", boolp(false), "latency x3.50, result size x1.00 (the server collected garbage during the levels: 0 at 10k, 1 at 1m)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := byName[c.name]
			if !ok {
				t.Fatalf("no target %q in %v", c.name, ts)
			}
			if (got.Met == nil) != (c.met == nil) || (got.Met != nil && *got.Met != *c.met) {
				t.Errorf("met = %v, want %v (%s)", got.Met, *c.met, got.Measured)
			}
			if !strings.Contains(got.Measured, c.contains) {
				t.Errorf("measured %q, want it to contain %q", got.Measured, c.contains)
			}
		})
	}
}

func TestRatios(t *testing.T) {
	md := ratios(sampleReport().Sizes[0])
	for _, want := range []string{
		"| zoneListedFirms | 1 | 200.0 | 100.0 | **2.00x** | 10.0 | 10.0 | **1.00x** | 1.25x |",
		"| neighborhood2 | 1 | 120.0 | 100.0 | **1.20x** | 20.0 | 30.0 | **1.50x** | 1.25x |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("ratios lack %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "paths4") {
		t.Errorf("paths4 has no peer or floor and must not be listed:\n%s", md)
	}
}

// TestExtractionTable: a report with CPU time says chars/s/core is per CPU
// second and shows the wall rate and the machine's load beside it; an older report (no CPU time)
// says its number is per wall second.
func TestExtractionTable(t *testing.T) {
	cpu := &Extraction{Pages: 300, Runes: 1000000, CPUSeconds: 0.8, Seconds: 1.25, RunesPerSecCore: 1250000, RunesPerSecWall: 800000,
		PassCPUSeconds: []float64{0.8}, PassSeconds: []float64{1.25}, GOMAXPROCS: 2, Alone: true, NodesFound: 1, LoadAvg: []float64{0.5, 7.25}}
	md := extractionTable(cpu)
	for _, want := range []string{"| 1250000 | 800000 |", "chars per CPU second of the whole process", "before scripts/bench.sh started Neo4j", "load average was 0.5 before the passes and 7.2 after"} {
		if !strings.Contains(md, want) {
			t.Errorf("table lacks %q:\n%s", want, md)
		}
	}
	tg := targets(&Report{Extraction: cpu})[0]
	if !strings.Contains(tg.Measured, "per CPU second") || tg.Met == nil || !*tg.Met {
		t.Errorf("target %+v", tg)
	}
	old := &Extraction{Pages: 300, Runes: 1000000, Seconds: 1.1, RunesPerSecCore: 909091, NodesFound: 1}
	if md := extractionTable(old); !strings.Contains(md, "chars per wall second") {
		t.Errorf("old report's table does not say wall:\n%s", md)
	}
	if tg := targets(&Report{Extraction: old})[0]; !strings.Contains(tg.Measured, "wall second") || *tg.Met {
		t.Errorf("old target %+v", tg)
	}
}
