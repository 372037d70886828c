// Command zgbench measures zonegraph (issue #7): extraction throughput,
// GraphQL latency and throughput on generated graphs of several sizes, server
// memory, and (with Neo4j) load throughput and the @neo4j/graphql peer and
// raw Cypher beside our server. It writes bench/results/REPORT.json and
// REPORT.md. All traffic goes to 127.0.0.1; every load loop is bounded by a
// duration and a request count.
//
//	go run ./bench/cmd/zgbench -sizes 10k,100k -out bench/results
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/bench/queries"
)

// Report is what one run measured.
type Report struct {
	Started    time.Time    `json:"started"`
	Machine    Machine      `json:"machine"`
	Extraction *Extraction  `json:"extraction,omitempty"`
	Sizes      []SizeResult `json:"sizes"`
	Targets    []Target     `json:"targets"`
	Notes      []string     `json:"notes"`
}

// Machine describes where the run happened.
type Machine struct {
	CPUs int    `json:"cpus"`
	Go   string `json:"go"`
	OS   string `json:"os"`
}

// Extraction is the extractor's throughput on generated pages.
type Extraction struct {
	Pages           int     `json:"pages"`
	Runes           int     `json:"runes"`
	DictLoadSeconds float64 `json:"dictLoadSeconds"`
	Seconds         float64 `json:"seconds"` // wall seconds of the median pass
	// RunesPerSecCore is runes per CPU second of the whole process (every
	// thread: the extracting goroutine, the garbage collector) in the pass
	// of median CPU time; reports before CPUSeconds existed hold runes per
	// wall second of the median pass here.
	RunesPerSecCore float64   `json:"runesPerSecondPerCore"`
	CPUSeconds      float64   `json:"cpuSeconds,omitempty"`         // process CPU seconds of that pass
	RunesPerSecWall float64   `json:"runesPerSecondWall,omitempty"` // runes per wall second of the median pass
	PassCPUSeconds  []float64 `json:"passCpuSeconds,omitempty"`
	PassSeconds     []float64 `json:"passSeconds,omitempty"`
	GOMAXPROCS      int       `json:"gomaxprocs,omitempty"`
	// LoadAvg is the machine's 1-minute load average before and after the
	// passes (/proc/loadavg; absent where there is none). On a shared
	// machine other processes inflate the CPU seconds of a pass (caches,
	// cores): the same pass took 0.43-0.96 CPU s on the 2-core VM in one day.
	LoadAvg []float64 `json:"loadAvg,omitempty"`
	// Alone: measured by a separate zgbench -extraction-only run before the
	// bench started its Neo4j and the peer (scripts/bench.sh).
	Alone            bool   `json:"alone,omitempty"`
	NodesFound       int    `json:"nodesFound"`
	RelationsFound   int    `json:"relationsFound"`
	GoldRelations    int    `json:"goldRelations"`
	GoldEntities     int    `json:"goldEntities"`
	ExtractorVersion string `json:"extractorNote,omitempty"`
}

// SizeResult holds every backend's numbers at one graph size.
type SizeResult struct {
	Size      string    `json:"size"`
	Nodes     int       `json:"nodes"`
	Relations int       `json:"relations"`
	Backends  []Backend `json:"backends"`
	Import    *Import   `json:"offlineImport,omitempty"`
}

// Backend is one server (or the raw-Cypher floor) measured at one size.
type Backend struct {
	Name        string  `json:"name"`
	LoadSeconds float64 `json:"loadSeconds"`
	LoadPerSec  float64 `json:"loadNodesRelsPerSecond,omitempty"`
	RSSMB       float64 `json:"rssMB,omitempty"`
	Levels      []Level `json:"levels"`
	Error       string  `json:"error,omitempty"`
}

// Target is one goal of the issue and whether this run met it.
type Target struct {
	Name     string `json:"name"`
	Goal     string `json:"goal"`
	Measured string `json:"measured"`
	Met      *bool  `json:"met"` // nil: not measured in this run
}

func main() {
	sizesFlag := flag.String("sizes", envOr("BENCH_SIZES", "10k,100k"), "graph sizes in nodes (k, m suffixes)")
	out := flag.String("out", "bench/results", "directory for REPORT.json and REPORT.md")
	dur := flag.Duration("duration", 2*time.Second, "time budget of one query at one concurrency")
	maxReq := flag.Int("max-requests", 20000, "request budget of one query at one concurrency")
	minReq := flag.Int("min-requests", 0, "requests of one query at one concurrency timed at least, past -duration if need be (the p99 of a few dozen is their slowest)")
	minRatio := flag.Int("min-requests-ratio", 0, "with -neo4j, requests timed at least for ours and the floor (the two sides of the p99 target) when more than -min-requests: the p99 of 200 requests is their second slowest")
	concFlag := flag.String("concurrency", "1,8,32", "client concurrency levels")
	pages := flag.Int("pages", 300, "generated pages for the extraction benchmark")
	seed := flag.Uint64("seed", 1, "generator seed")
	serve := flag.String("serve", "", "zgserve binary (default: build it)")
	neo4jURI := flag.String("neo4j", "", "Bolt URI of the bench's Neo4j (loopback); empty: memstore only")
	peer := flag.String("peer", "", "the @neo4j/graphql peer server (bench/peer/server.js)")
	withMem := flag.Bool("memstore", true, "measure the memstore server (false: Neo4j backends only)")
	loadPath := flag.String("load", "bulk", "Neo4j load path when neo4jstore has no BulkLoad: bulk (the bench's CREATE batches) or upsert (store.Upsert per document)")
	batch := flag.Int("load-batch", 5000, "items (nodes) per document when loading Neo4j")
	queriesFlag := flag.String("queries", "", "comma-separated query names to run (default: all)")
	backendsFlag := flag.String("backends", "", "comma-separated Neo4j backends to run: ours,peer,floor (default: all)")
	baseline := flag.String("baseline-server", "", "a server binary built from another commit, measured on Neo4j in turn with ours (A/B in one run)")
	offline := flag.Bool("import", true, "with -neo4j, also time the offline import (neo4j-admin) of each graph into a scratch Neo4j (scripts/neo4j.sh, home .neo4j-bench-import)")
	importOnly := flag.Bool("import-only", false, "with -neo4j, time only the offline import at each size (no load, no queries on Neo4j)")
	reuse := flag.Bool("reuse", false, "skip loading Neo4j when it already holds the generated graph (same node and relationship counts)")
	extractionOnly := flag.String("extraction-only", "", "measure only the extraction and write it as JSON to this file (scripts/bench.sh runs this before it starts Neo4j)")
	extractionFrom := flag.String("extraction", "", "take the extraction numbers from this file (written by -extraction-only) instead of measuring them")
	render := flag.String("render", "", "re-render REPORT.md (and the targets) from this REPORT.json into -out; runs nothing")
	flag.Parse()
	if *render != "" {
		if err := rerender(*render, *out); err != nil {
			log.Fatal(err)
		}
		return
	}

	sizes, err := parseSizes(*sizesFlag)
	if err != nil {
		log.Fatal(err)
	}
	var conc []int
	for _, c := range strings.Split(*concFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			log.Fatalf("bad concurrency %q", c)
		}
		conc = append(conc, n)
	}
	lim := Limits{Duration: *dur, MaxRequests: *maxReq, MinRequests: min(*minReq, *maxReq), MinRatioRequests: min(*minRatio, *maxReq)}
	rep := &Report{Started: time.Now().UTC(), Machine: Machine{CPUs: runtime.NumCPU(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}}

	switch {
	case *extractionOnly != "":
		log.Printf("extraction only: %d generated pages -> %s", *pages, *extractionOnly)
		var e *Extraction // null with -pages 0
		if *pages > 0 {
			e = benchExtraction(*seed, *pages)
			e.Alone = true
		}
		b, _ := json.MarshalIndent(e, "", "  ")
		if err := os.WriteFile(*extractionOnly, b, 0o644); err != nil {
			log.Fatal(err)
		}
		return
	case *extractionFrom != "":
		b, err := os.ReadFile(*extractionFrom)
		if err != nil {
			log.Fatal(err)
		}
		if err := json.Unmarshal(b, &rep.Extraction); err != nil {
			log.Fatalf("%s: %v", *extractionFrom, err)
		}
	case *pages > 0:
		log.Printf("extraction: %d generated pages", *pages)
		rep.Extraction = benchExtraction(*seed, *pages)
	}
	only = nameSet(*queriesFlag)

	bin := *serve
	if bin == "" {
		bin = filepath.Join(os.TempDir(), "zgbench-zgserve")
		if b, err := exec.Command("go", "build", "-o", bin, "./bench/cmd/zgserve").CombinedOutput(); err != nil {
			log.Fatalf("build zgserve: %v\n%s", err, b)
		}
	}
	var ns *neo4jSetup
	if *neo4jURI != "" {
		srvBin := filepath.Join(os.TempDir(), "zgbench-server")
		if b, err := exec.Command("go", "build", "-o", srvBin, "./server").CombinedOutput(); err != nil {
			log.Fatalf("build server: %v\n%s", err, b)
		}
		ns = &neo4jSetup{cfg: neo4jConfig(*neo4jURI), serverBin: srvBin, peerJS: *peer, batch: *batch, loadPath: *loadPath,
			backends: nameSet(*backendsFlag), reuse: *reuse, baselineBin: *baseline}
	}
	ctx := context.Background()
	for _, n := range sizes {
		sr := SizeResult{Size: sizeName(n)}
		g, err := gen.NewGraph(gen.GraphConfig{Seed: *seed, Nodes: n})
		if err != nil {
			log.Fatal(err)
		}
		queries := benchQueries(g)
		if *withMem {
			log.Printf("size %s: memstore", sr.Size)
			be, info := benchServer(ctx, bin, []string{"-nodes", strconv.Itoa(n), "-seed", strconv.FormatUint(*seed, 10)}, queries, conc, lim)
			be.Name = nameMem
			sr.Nodes, sr.Relations = info.Nodes, info.Relations
			sr.Backends = append(sr.Backends, be)
		}
		if ns != nil && !*importOnly {
			log.Printf("size %s: Neo4j (load, server, peer, floor)", sr.Size)
			bes, notes := benchNeo4j(ctx, *ns, g, queries, conc, lim)
			sr.Backends = append(sr.Backends, bes...)
			for _, n := range notes {
				rep.Notes = append(rep.Notes, sr.Size+": "+n)
			}
		}
		if ns != nil && (*offline || *importOnly) {
			log.Printf("size %s: offline import", sr.Size)
			imp := benchImport(ctx, importSetup{script: "scripts/neo4j.sh", home: absPath(".neo4j-bench-import"),
				xmx: envOr("BENCH_IMPORT_XMX", "2g"), pageMB: envOr("BENCH_IMPORT_PAGECACHE_MB", "1024"),
				gc: os.Getenv("BENCH_IMPORT_GC"), password: ns.cfg.Password}, g)
			sr.Import = &imp
		}
		rep.Sizes = append(rep.Sizes, sr)
	}
	if ns == nil {
		rep.Notes = append(rep.Notes, "Neo4j, the @neo4j/graphql peer and the raw-Cypher floor were not run (no -neo4j).")
	} else {
		rep.Notes = append(rep.Notes,
			"zonegraph/neo4j is the real server binary (go build ./server) with NEO4J_URI pointing at the bench's Neo4j (127.0.0.1, fresh home .neo4j-bench/), after the generated graph was loaded through neo4jstore; RSS is the server's VmRSS after its queries (Neo4j's JVM is not counted).",
			"@neo4j/graphql is bench/peer/server.js (@neo4j/graphql 7.6.3, graphql-js execute, node:http) on the same Neo4j and data; its queries are bench/peer/queries.graphql; RSS is the node process's.",
			"raw Cypher is the floor, through the Go driver, rows marshalled to JSON, no HTTP: for zoneListedFirms one hand-written query (bench/queries); for neighborhood2 the store's own statement (neo4jstore.NeighborhoodStatement: no simpler Cypher gives the same answer, first nodes by ID per layer), so that ratio is exactly the server's overhead.",
			"Every backend runs each query untimed (4 s or 400 requests, c=1) before the timed levels. On Neo4j, ours, the peer and the floor run side by side and take turns: each level is 3 rounds of 2/3 of -duration per backend, the order rotated every round, so drift during the run (a checkpoint after the load, the JIT, other work) falls on all of them alike; memstore's server is timed alone, for -duration per level.",
			fmt.Sprintf("A level times at least %d requests per backend (-min-requests; a third per round on Neo4j), past -duration if need be: the p99 of a few dozen requests is their slowest one. Ours and the floor, the two sides of the p99 target, at least %d (-min-requests-ratio): the p99 of 200 requests is their second slowest, and one JVM pause moved it by 0.3-0.5x between runs of the same code.", lim.MinRequests, max(lim.MinRequests, lim.MinRatioRequests)),
			"load, online: neo4jstore.BulkLoad over Bolt into the running bench Neo4j. Offline import: neo4jstore.WriteImportFiles, neo4j-admin database import full (scripts/neo4j.sh admin), start, FinishImport (constraints, full-text index, document record), into a scratch Neo4j; timed from the graph in memory to a database answering with every index online; the same stored properties as BulkLoad (TestOfflineImportMatchesBulkLoad).")
	}
	rep.Notes = append(rep.Notes,
		"zonegraph/memstore is bench/cmd/zgserve: graph.NewHandler over memstore, as a subprocess; RSS is its VmRSS after the queries.",
		"Numbers are from one run; other work on the machine during the run inflates the absolutes (see uptime).")
	rep.Targets = targets(rep)
	if err := write(rep, *out); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s", filepath.Join(*out, "REPORT.md"))
}

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		log.Fatal(err)
	}
	return a
}

// only holds the query names selected with -queries (all when empty).
var only map[string]bool

// nameSet splits a comma-separated flag into a set; nil when empty.
func nameSet(s string) map[string]bool {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	out := map[string]bool{}
	for _, f := range strings.Split(s, ",") {
		out[strings.TrimSpace(f)] = true
	}
	return out
}

// selected filters qs by -queries.
func selected(qs []Query) []Query {
	if only == nil {
		return qs
	}
	var out []Query
	for _, q := range qs {
		if only[q.Name] {
			out = append(out, q)
		}
	}
	return out
}

// rerender reads a report written by an earlier run and writes it again
// with the current target rules and Markdown layout.
func rerender(path, out string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var rep Report
	if err := json.Unmarshal(b, &rep); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	rep.Targets = targets(&rep)
	rep.Notes = append(rep.Notes, "Re-rendered from REPORT.json by zgbench -render on "+
		time.Now().UTC().Format("2006-01-02 15:04 UTC")+": targets recomputed with the current rules, measurements unchanged.")
	return write(&rep, out)
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(strings.ToLower(s), ",") {
		f = strings.TrimSpace(f)
		mult := 1
		switch {
		case strings.HasSuffix(f, "k"):
			mult, f = 1000, strings.TrimSuffix(f, "k")
		case strings.HasSuffix(f, "m"):
			mult, f = 1000000, strings.TrimSuffix(f, "m")
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("bad size %q", f)
		}
		out = append(out, n*mult)
	}
	return out, nil
}

func sizeName(n int) string {
	switch {
	case n%1000000 == 0:
		return fmt.Sprintf("%dm", n/1000000)
	case n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.Itoa(n)
}

type serveInfo struct {
	Ready       bool    `json:"ready"`
	Addr        string  `json:"addr"`
	Nodes       int     `json:"nodes"`
	Relations   int     `json:"relations"`
	LoadSeconds float64 `json:"loadSeconds"`
}

// benchServer starts zgserve, waits for its ready line, reads its RSS and
// drives every query at every concurrency; then stops it.
func benchServer(ctx context.Context, bin string, args []string, qs []Query, conc []int, lim Limits) (Backend, serveInfo) {
	var be Backend
	var info serveInfo
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stderr = os.Stderr
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		be.Error = err.Error()
		return be, info
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadBytes('\n')
	if err != nil || json.Unmarshal(line, &info) != nil || !info.Ready {
		be.Error = fmt.Sprintf("server did not become ready: %v %s", err, line)
		return be, info
	}
	be.LoadSeconds = info.LoadSeconds
	be.Levels = drive(ctx, "http://"+info.Addr+"/graphql", qs, conc, lim)
	be.RSSMB = rssMB(cmd.Process.Pid)
	return be, info
}

// rssMB reads VmRSS of a process from /proc.
func rssMB(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			f := strings.Fields(l)
			if len(f) >= 2 {
				kb, _ := strconv.Atoi(f[1])
				return float64(kb) / 1024
			}
		}
	}
	return 0
}

// benchFirm is the index of the enterprise the neighbourhood and paths
// queries start from.
// benchQueries are the README's example queries (the shapes of
// examples/queries.graphql) pointed at entities of the generated graph.
func benchQueries(g *gen.GraphGen) []Query {
	bank := g.EnterpriseName(0)
	firm := g.EnterpriseName(queries.Firm(g))
	return selected([]Query{
		{Name: "zoneListedFirms", Text: queries.ZoneListedFirms, Variables: map[string]any{"zone": g.ZoneName(0)}},
		{Name: "neighborhood2", Text: queries.Neighborhood, Variables: map[string]any{"id": firm}},
		{Name: "paths4", Text: queries.Paths, Variables: map[string]any{"from": firm, "to": g.ZoneName(3)}},
		{Name: "investmentChains4", Text: queries.InvestmentChains, Variables: map[string]any{"from": bank}},
		{Name: "search", Text: queries.Search, Variables: map[string]any{"text": string([]rune(g.ZoneName(0))[:2])}},
	})
}
