// Command zgservegc starts a zgserve (its one argument, the binary) at
// -nodes and times phases of sequential investmentChains4 (or, -q nbhd,
// neighborhood2) requests, reporting per phase the latency, the server's
// minor page faults and CPU per request (/proc) and its memstats (expvar).
// With -hammer N it then runs N clients of zoneListedFirms beside the timed
// requests until the server's heap reaches its GC goal and one collection
// ends: the phases before, during and after that collection's mark phase
// show what a request costs while the whole store's heap is marked.
//
//	go build -o /tmp/zgserve ./bench/cmd/zgserve
//	go run ./bench/cmd/zgservegc -nodes 1000000 -n 300 -hammer 2 /tmp/zgserve
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/zonegraph/zonegraph/bench/gen"
	"github.com/zonegraph/zonegraph/bench/queries"
)

func procStat(pid int) (minflt, utime, stime int64) {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	s := string(b)
	f := strings.Fields(s[strings.LastIndex(s, ")")+2:])
	minflt, _ = strconv.ParseInt(f[7], 10, 64)
	utime, _ = strconv.ParseInt(f[11], 10, 64)
	stime, _ = strconv.ParseInt(f[12], 10, 64)
	return
}

func rss(pid int) float64 {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			kb, _ := strconv.Atoi(strings.Fields(l)[1])
			return float64(kb) / 1024
		}
	}
	return 0
}

type memstats struct {
	NumGC                                               uint32
	HeapAlloc, HeapInuse, HeapSys, HeapReleased, NextGC uint64
	TotalAlloc                                          uint64
}

func vars(addr string) memstats {
	resp, err := http.Get("http://" + addr + "/debug/vars")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var v struct{ Memstats memstats }
	json.NewDecoder(resp.Body).Decode(&v)
	return v.Memstats
}

func main() {
	nodes := flag.Int("nodes", 10000, "")
	n := flag.Int("n", 500, "requests per phase")
	phases := flag.Int("phases", 3, "")
	q := flag.String("q", "chains", "chains or nbhd")
	hammer := flag.Int("hammer", 0, "then: this many goroutines of zoneListedFirms, chains phases until a GC ends")
	flag.Parse()
	bin := flag.Arg(0)
	g, _ := gen.NewGraph(gen.GraphConfig{Seed: 1, Nodes: *nodes})
	var body []byte
	if *q == "chains" {
		body, _ = json.Marshal(map[string]any{"query": queries.InvestmentChains, "variables": map[string]any{"from": g.EnterpriseName(0)}})
	} else {
		body, _ = json.Marshal(map[string]any{"query": queries.Neighborhood, "variables": map[string]any{"id": g.EnterpriseName(queries.Firm(g))}})
	}
	t0 := time.Now()
	cmd := exec.Command(bin, "-nodes", strconv.Itoa(*nodes))
	cmd.Stderr = os.Stderr
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, _ := bufio.NewReader(out).ReadBytes('\n')
	var info struct {
		Addr        string
		LoadSeconds float64
	}
	json.Unmarshal(line, &info)
	pid := cmd.Process.Pid
	m0 := vars(info.Addr)
	fmt.Printf("nodes=%d ready after %.1fs (load %.1fs) rss=%.0fMB heapAlloc=%.0fMB heapSys=%.0fMB released=%.0fMB nextGC=%.0fMB\n", *nodes, time.Since(t0).Seconds(), info.LoadSeconds, rss(pid), mb(m0.HeapAlloc), mb(m0.HeapSys), mb(m0.HeapReleased), mb(m0.NextGC))
	url := "http://" + info.Addr + "/graphql"
	cl := &http.Client{}
	do := func() time.Duration {
		t := time.Now()
		resp, err := cl.Post(url, "application/json", bytes.NewReader(body))
		if err != nil {
			log.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || bytes.Contains(b, []byte(`"errors"`)) {
			log.Fatalf("bad response %s", b[:min(300, len(b))])
		}
		return time.Since(t)
	}
	for i := 0; i < 50; i++ {
		do()
	}
	for p := 0; p < *phases; p++ {
		ms0 := vars(info.Addr)
		f0, u0, s0 := procStat(pid)
		lat := make([]time.Duration, *n)
		for i := range lat {
			lat[i] = do()
		}
		f1, u1, s1 := procStat(pid)
		ms1 := vars(info.Addr)
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		fmt.Printf("phase %d: p50 %.2fms p99 %.2fms | minflt/req %.1f user %.2fms/req sys %.2fms/req | alloc/req %.0fKB gcs %d rss %.0fMB heapAlloc %.0fMB\n", p,
			ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]), float64(f1-f0)/float64(*n), float64(u1-u0)*10/float64(*n), float64(s1-s0)*10/float64(*n),
			float64(ms1.TotalAlloc-ms0.TotalAlloc)/1024/float64(*n), ms1.NumGC-ms0.NumGC, rss(pid), mb(ms1.HeapAlloc))
	}
	if *hammer == 0 {
		return
	}
	hb, _ := json.Marshal(map[string]any{"query": `query ($zone: String!) { zone(name: $zone) { name enterprises(listed: true, first: 20) { totalCount nodes { name positions { title from { name } } operates { name investmentCNY } } } } }`, "variables": map[string]any{"zone": g.ZoneName(0)}})
	stop := make(chan struct{})
	runHammer(url, hb, *hammer, stop)
	start := vars(info.Addr)
	after := -1
	tstart := time.Now()
	for p := 0; p < 200 && after != 0; p++ {
		ms0 := vars(info.Addr)
		lat := make([]time.Duration, 100)
		for i := range lat {
			lat[i] = do()
		}
		ms1 := vars(info.Addr)
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		fmt.Printf("hammer phase %d t=%.0fs: chains p50 %.2fms p99 %.2fms | heapAlloc %.0fMB nextGC %.0fMB gcs %d\n", p, time.Since(tstart).Seconds(),
			ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]), mb(ms1.HeapAlloc), mb(ms1.NextGC), ms1.NumGC-ms0.NumGC)
		if after < 0 && ms1.NumGC > start.NumGC {
			after = 3
		}
		if after > 0 {
			after--
		}
	}
	close(stop)
	fmt.Printf("rss at end %.0fMB\n", rss(pid))
}

func runHammer(url string, body []byte, c int, stop chan struct{}) {
	for i := 0; i < c; i++ {
		go func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := http.Post(url, "application/json", bytes.NewReader(body))
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		}()
	}
}

func mb(b uint64) float64        { return float64(b) / (1 << 20) }
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
