// Command zgzoneab times zgbench's zone listing (zoneListedFirms) on a
// Neo4j that already holds the bench graph, split into its layers, in
// alternating blocks of one process so that the machine's noise falls on
// every variant alike:
//
//	floor   zgbench's hand-written floor statement through the driver, rows to JSON
//	nstmt   the neighbourhood's floor (neo4jstore.NeighborhoodStatement by ID), likewise
//	stmt    the store's own statement through the driver, rows to JSON as the floor's
//	store   neo4jstore.ZoneMembers (the statement and its decoding)
//	http    the GraphQL handler in process (graph.NewHandler on the store)
//	server  a running server over HTTP (-server), as zgbench times it
//	serverbase  another one (-server-base), e.g. built from another commit
//
// plus the statement's variants (-variants): nosubs (without sub-zones),
// nowith (without the page's relations), and statements from files
// (-extra, with the store statement's parameters: $name, $first, ...; with
// -query neighborhood2 the neighbourhood's: $id, $limit, $seekDegree).
// With -profile it prints each statement's PROFILE (db hits, rows per
// operator) and first record. With -neo4j-pid it reads the database's CPU
// per request from /proc. It reports p10 (the least disturbed on a shared
// machine), p50, p90 and p99, and their ratios to the first variant.
//
//	go run ./bench/cmd/zgzoneab -neo4j bolt://127.0.0.1:7690 -rounds 20 -neo4j-pid $(cat .neo4j-x/neo4j-local.pid)
//	# this server against one built from main, same Neo4j:
//	go run ./bench/cmd/zgzoneab -variants floor,server,serverbase \
//	    -server http://127.0.0.1:18091/graphql -server-base http://127.0.0.1:18092/graphql
//	# their own CPU per request too, and the neighbourhood query:
//	go run ./bench/cmd/zgzoneab -variants serverbase,server -query neighborhood2 \
//	    -server ... -server-pid P1 -server-base ... -server-base-pid P2
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/bench/queries"
	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/store/neo4jstore"
)

type variant struct {
	name string
	run  func(context.Context) error
	text string // a statement to PROFILE, if any
	args map[string]any
	ns   []time.Duration
	cpu  time.Duration // the database's CPU over the variant's blocks
	pid  int           // the variant's own server process, if any (-server-pid, -server-base-pid)
	own  time.Duration // its CPU over the variant's blocks
}

func main() {
	uri := flag.String("neo4j", "bolt://127.0.0.1:7690", "Bolt URI of a Neo4j holding the bench graph")
	rounds := flag.Int("rounds", 10, "rounds of blocks (each round runs every variant's block once)")
	block := flag.Int("block", 20, "requests per block")
	variants := flag.String("variants", "floor,stmt,store,http,nosubs,nowith", "variants to time")
	profile := flag.Bool("profile", false, "print each statement's PROFILE first")
	pid := flag.Int("neo4j-pid", 0, "the Neo4j process, for its CPU per request (/proc)")
	printVariant := flag.String("print", "", "print this variant's statement (e.g. stmt, nstmt) and exit, to write -extra variants from it")
	extra := flag.String("extra", "", "comma-separated files of statements to time too (variants named by the file), with the store statement's parameters")
	server := flag.String("server", "", "the GraphQL URL of a running server on the same Neo4j (variant server)")
	serverBase := flag.String("server-base", "", "the GraphQL URL of a second server, e.g. built from another commit (variant serverbase)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the timed blocks to this file")
	serverPid := flag.Int("server-pid", 0, "the -server process, for its CPU per request (/proc)")
	serverBasePid := flag.Int("server-base-pid", 0, "the -server-base process, for its CPU per request (/proc)")
	query := flag.String("query", "zoneListedFirms", "the GraphQL query of the http and server variants: zoneListedFirms or neighborhood2 (zgbench's)")
	nodes := flag.Int("nodes", 10000, "nodes of the generated graph in Neo4j (neighborhood2's enterprise depends on it)")
	flag.Parse()
	ctx := context.Background()

	cfg := neo4jstore.ConfigFromEnv()
	cfg.URI = *uri
	if cfg.Password == "" {
		cfg.Password = "zonegraph-dev"
	}
	st, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close(ctx)
	t0 := time.Now()
	if err := st.EnsureSchema(ctx); err != nil {
		log.Fatal(err)
	}
	log.Printf("schema in %v", time.Since(t0))
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		log.Fatal(err)
	}
	defer drv.Close(ctx)
	g, err := gen.NewGraph(gen.GraphConfig{Seed: 1, Nodes: *nodes})
	if err != nil {
		log.Fatal(err)
	}
	zone := g.ZoneName(0)
	firm := queries.Firm(g)
	yes := true
	mq := store.MemberQuery{Label: kg.LabelEnterprise, Listed: &yes, IncludeSubZones: true, First: 20,
		With: []kg.RelType{kg.RelHoldsPosition, kg.RelOperates}, NoEvidence: true}

	exec := func(text string, args map[string]any) func(context.Context) error {
		return func(ctx context.Context) error {
			res, err := neo4j.ExecuteQuery(ctx, drv, text, args, neo4j.EagerResultTransformer,
				neo4j.ExecuteQueryWithDatabase(cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
			if err != nil {
				return err
			}
			rows := make([]map[string]any, len(res.Records))
			for i, r := range res.Records {
				rows[i] = r.AsMap()
			}
			_, err = json.Marshal(rows)
			return err
		}
	}
	stmt := func(q store.MemberQuery) (string, map[string]any) {
		text, args, err := neo4jstore.ZoneMembersStatementFor(zone, q)
		if err != nil {
			log.Fatal(err)
		}
		return text, args
	}
	h := graph.NewHandler(st, graph.Config{})
	body, _ := json.Marshal(map[string]any{"query": queries.ZoneListedFirms, "variables": map[string]any{"zone": zone}})
	switch *query {
	case "zoneListedFirms":
	case "neighborhood2":
		body, _ = json.Marshal(map[string]any{"query": queries.Neighborhood, "variables": map[string]any{"id": g.EnterpriseName(firm)}})
	default:
		log.Fatalf("unknown -query %q", *query)
	}

	all := map[string]*variant{}
	// nstmt: the neighbourhood's floor as zgbench times it (the store's
	// own statement by the firm's ID, no evidence), for -query neighborhood2.
	ntext, nargs, err := neo4jstore.NeighborhoodStatement(g.ID(kg.LabelEnterprise, firm),
		store.NeighborhoodQuery{Depth: 2, Limit: 200, NoEvidence: true})
	if err != nil {
		log.Fatal(err)
	}
	all["nstmt"] = &variant{run: exec(ntext, nargs), text: ntext, args: nargs}
	floorArgs := map[string]any{"zone": store.NormalizeName(zone)}
	all["floor"] = &variant{run: exec(queries.FloorZoneListedFirms, floorArgs), text: queries.FloorZoneListedFirms, args: floorArgs}
	text, args := stmt(mq)
	all["stmt"] = &variant{run: exec(text, args), text: text, args: args}
	all["store"] = &variant{run: func(ctx context.Context) error {
		_, _, err := st.ZoneMembers(ctx, zone, mq)
		return err
	}}
	all["http"] = &variant{run: func(ctx context.Context) error {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
			return fmt.Errorf("http %d: %.300s", rec.Code, rec.Body.String())
		}
		return nil
	}}
	client := &http.Client{}
	post := func(url string) func(context.Context) error {
		return func(ctx context.Context) error {
			resp, err := client.Post(url, "application/json", bytes.NewReader(body))
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if err == nil && (resp.StatusCode != 200 || bytes.Contains(b, []byte(`"errors"`))) {
				err = fmt.Errorf("server %d: %.300s", resp.StatusCode, b)
			}
			return err
		}
	}
	all["server"] = &variant{run: post(*server), pid: *serverPid}
	all["serverbase"] = &variant{run: post(*serverBase), pid: *serverBasePid}
	q := mq
	q.IncludeSubZones = false
	text, args = stmt(q)
	all["nosubs"] = &variant{run: exec(text, args), text: text, args: args}
	q = mq
	q.With = nil
	text, args = stmt(q)
	all["nowith"] = &variant{run: exec(text, args), text: text, args: args}

	if *printVariant != "" {
		v, ok := all[*printVariant]
		if !ok || v.text == "" {
			log.Fatalf("no statement variant %q to print", *printVariant)
		}
		fmt.Print(v.text)
		return
	}
	names := *variants
	if *extra != "" {
		args := nargs
		if *query != "neighborhood2" {
			_, args = stmt(mq)
		}
		for _, f := range strings.Split(*extra, ",") {
			b, err := os.ReadFile(f)
			if err != nil {
				log.Fatal(err)
			}
			all[f] = &variant{run: exec(string(b), args), text: string(b), args: args}
			names += "," + f
		}
	}
	var vs []*variant
	for _, n := range strings.Split(names, ",") {
		v, ok := all[n]
		if !ok {
			log.Fatalf("no variant %q", n)
		}
		v.name = n
		vs = append(vs, v)
	}
	if *profile {
		for _, v := range vs {
			if v.text != "" {
				printProfile(ctx, drv, cfg.Database, v.name, v.text, v.args)
			}
		}
	}
	if v, ok := all["http"]; ok {
		for i := 0; i < 2; i++ { // the first also creates the schema
			before := st.RoundTrips()
			if err := v.run(ctx); err != nil {
				log.Fatal(err)
			}
			log.Printf("http: %d Neo4j round trips", st.RoundTrips()-before)
		}
	}
	// Warm up: plans cached, pages in the page cache, connections open.
	for _, v := range vs {
		for i := 0; i < 5; i++ {
			if err := v.run(ctx); err != nil {
				log.Fatalf("%s: %v", v.name, err)
			}
		}
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	for r := 0; r < *rounds; r++ {
		for i := range vs {
			v := vs[(i+r)%len(vs)]
			c0, o0 := procCPU(*pid), procCPU(v.pid)
			for j := 0; j < *block; j++ {
				t := time.Now()
				if err := v.run(ctx); err != nil {
					log.Fatalf("%s: %v", v.name, err)
				}
				v.ns = append(v.ns, time.Since(t))
			}
			v.cpu += procCPU(*pid) - c0
			v.own += procCPU(v.pid) - o0
		}
	}
	if *rounds == 0 {
		return
	}
	base := quantile(vs[0].ns, 0.5)
	baseP99 := quantile(vs[0].ns, 0.99)
	baseP10 := quantile(vs[0].ns, 0.1)
	fmt.Printf("%-8s %6s %9s %9s %9s %9s %8s %8s %8s %12s %14s\n", "variant", "n", "p10 ms", "p50 ms", "p90 ms", "p99 ms", "p10/"+vs[0].name, "p50/"+vs[0].name, "p99/"+vs[0].name, "db CPU ms/req", "srv CPU ms/req")
	for _, v := range vs {
		p50, p99 := quantile(v.ns, 0.5), quantile(v.ns, 0.99)
		cpu := "-"
		if *pid != 0 {
			cpu = fmt.Sprintf("%.2f", float64(v.cpu)/float64(time.Millisecond)/float64(len(v.ns)))
		}
		own := "-"
		if v.pid != 0 {
			own = fmt.Sprintf("%.2f", float64(v.own)/float64(time.Millisecond)/float64(len(v.ns)))
		}
		p10 := quantile(v.ns, 0.1)
		fmt.Printf("%-8s %6d %9.2f %9.2f %9.2f %9.2f %8.2f %8.2f %8.2f %12s %14s\n", v.name, len(v.ns), ms(p10), ms(p50), ms(quantile(v.ns, 0.9)), ms(p99),
			float64(p10)/float64(baseP10), float64(p50)/float64(base), float64(p99)/float64(baseP99), cpu, own)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func quantile(ds []time.Duration, q float64) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(q*float64(len(s))))]
}

// procCPU is a process's user+system CPU so far (clock ticks of 10 ms).
func procCPU(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+s) * 10 * time.Millisecond
}

func printProfile(ctx context.Context, drv neo4j.DriverWithContext, db, name, text string, args map[string]any) {
	res, err := neo4j.ExecuteQuery(ctx, drv, "PROFILE "+text, args, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		log.Fatalf("profile %s: %v", name, err)
	}
	p := res.Summary.Profile()
	fmt.Printf("== %s: %d db hits, %d records\n", name, dbHits(p), len(res.Records))
	if len(res.Records) > 0 {
		b, _ := json.Marshal(res.Records[0].AsMap())
		fmt.Printf("   first record (%d bytes): %.600s\n", len(b), b)
	}
	printPlan(p, 1)
}

func dbHits(p neo4j.ProfiledPlan) int64 {
	n := p.DbHits()
	for _, c := range p.Children() {
		n += dbHits(c)
	}
	return n
}

func printPlan(p neo4j.ProfiledPlan, depth int) {
	det, _ := p.Arguments()["Details"].(string)
	if len(det) > 400 {
		det = det[:400] + "..."
	}
	fmt.Printf("%s%s rows=%d hits=%d %s\n", strings.Repeat("  ", depth), p.Operator(), p.Records(), p.DbHits(), det)
	for _, c := range p.Children() {
		printPlan(c, depth+1)
	}
}
