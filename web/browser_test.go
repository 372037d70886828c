package web

// Browser tests: the real server (built from ../server with the embedded
// dist) serving seeds/, driven in Debian's headless chromium by chromedp.
// They skip when chromium or the built assets are missing, except with
// CI=true, where that is a failure. Screenshots go to $ZONEGRAPH_TEST_OUTPUT
// (default: a zonegraph-web-test folder in the temp dir); -update-screenshot
// copies the viewer's to ../docs/viewer.png.
//
// ZONEGRAPH_TEST_URL=http://127.0.0.1:PORT runs them against a server that
// is already running instead of building one.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "copy the viewer screenshot to ../docs/viewer.png")

const (
	robotFirm   = "内蒙古北科交大机器人有限公司"
	robotAlias  = "北科交大机器人"
	jaka        = "上海节卡机器人科技有限公司"
	listedQuery = `enterprises(listed: true)`
)

func inCI() bool { return os.Getenv("CI") == "true" }

// skipOrFail skips the test, or fails it in CI.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if inCI() {
		t.Fatalf("CI=true: "+format, args...)
	}
	t.Skipf(format, args...)
}

func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// testServer is the server under test, started once for the package.
var testServer struct {
	once sync.Once
	url  string
	err  error
	cmd  *exec.Cmd
	dir  string
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if testServer.cmd != nil && testServer.cmd.Process != nil {
		testServer.cmd.Process.Kill()
		time.Sleep(100 * time.Millisecond) // the waiting goroutine reaps it
	}
	if testServer.dir != "" {
		os.RemoveAll(testServer.dir)
	}
	os.Exit(code)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// serverURL builds ../server and starts it on a free loopback port serving
// ../seeds from memory, once; it returns its base URL.
func serverURL(t *testing.T) string {
	t.Helper()
	if u := os.Getenv("ZONEGRAPH_TEST_URL"); u != "" {
		return strings.TrimRight(u, "/")
	}
	testServer.once.Do(func() {
		testServer.url, testServer.err = startServer()
	})
	if testServer.err != nil {
		t.Fatalf("server: %v", testServer.err)
	}
	return testServer.url
}

func startServer() (string, error) {
	root, err := filepath.Abs("..")
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "zonegraph-web-server")
	if err != nil {
		return "", err
	}
	testServer.dir = dir
	bin := filepath.Join(dir, "server")
	build := exec.Command("go", "build", "-o", bin, "./server")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./server: %v\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return "", err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	log, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return "", err
	}
	cmd := exec.Command(bin, "-addr", addr, "-seeds", filepath.Join(root, "seeds"))
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = log, log
	// The in-memory store: never reach for a Neo4j the environment may name.
	cmd.Env = withoutNeo4j(os.Environ())
	if err := cmd.Start(); err != nil {
		return "", err
	}
	testServer.cmd = cmd
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	base := "http://" + addr
	// The server extracts seeds/ before it listens; give a busy machine time.
	deadline := time.After(150 * time.Second)
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-exited:
			testServer.cmd = nil
			b, _ := os.ReadFile(log.Name())
			return "", fmt.Errorf("server exited (%v) before it was healthy:\n%s", err, b)
		case <-deadline:
			b, _ := os.ReadFile(log.Name())
			return "", fmt.Errorf("server did not become healthy at %s/healthz within 150s:\n%s", base, b)
		case <-tick.C:
			res, err := http.Get(base + "/healthz")
			if err == nil {
				res.Body.Close()
				if res.StatusCode == http.StatusOK {
					return base, nil
				}
			}
		}
	}
}

func withoutNeo4j(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "NEO4J_") {
			out = append(out, kv)
		}
	}
	return out
}

// needBrowser skips (or fails in CI) when the browser tests cannot run.
func needBrowser(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	if !Built() {
		skipOrFail(t, "web/dist is not built (run `make web`)")
	}
	p := chromiumPath()
	if p == "" {
		skipOrFail(t, "chromium not found (run scripts/ensure-chromium.sh)")
	}
	return p
}

// browser is one headless chromium with a fresh profile and a recorder of
// every network request its pages make.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	requests []string
	problems []string // uncaught exceptions and console/browser errors
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	exe := needBrowser(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.WindowSize(1440, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	b := &browser{ctx: ctx}
	// Listen starts the browser; chromedp enables the network domain on
	// every tab, so every request the page makes is seen from the first.
	err := chromedp.Listen(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			b.requests = append(b.requests, e.Request.URL)
		case *runtime.EventExceptionThrown:
			b.problems = append(b.problems, "exception: "+e.ExceptionDetails.Text+" "+exceptionDescription(e))
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError {
				b.problems = append(b.problems, fmt.Sprintf("%s: %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
			}
		}
	})
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	// A failed test leaves a picture of the page (runs before the browser stops).
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			return
		}
		p := filepath.Join(outputDir(t), "FAILED-"+strings.ReplaceAll(t.Name(), "/", "_")+".png")
		if os.WriteFile(p, png, 0o644) == nil {
			t.Logf("screenshot of the failure: %s", p)
		}
	})
	return b
}

// offsite returns the requests that went anywhere but base's origin
// (data: and blob: URLs never leave the page).
func (b *browser) offsite(base string) (all int, bad []string) {
	origin, _ := url.Parse(base)
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range b.requests {
		u, err := url.Parse(r)
		if err != nil {
			bad = append(bad, r)
			continue
		}
		switch u.Scheme {
		case "data", "blob", "about":
			continue
		}
		if u.Scheme != origin.Scheme || u.Host != origin.Host {
			bad = append(bad, r)
		}
	}
	return len(b.requests), bad
}

func (b *browser) requested(pathPrefix string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range b.requests {
		if u, err := url.Parse(r); err == nil && strings.HasPrefix(u.Path, pathPrefix) {
			return true
		}
	}
	return false
}

func exceptionDescription(e *runtime.EventExceptionThrown) string {
	if e.ExceptionDetails.Exception != nil && e.ExceptionDetails.Exception.Description != "" {
		return e.ExceptionDetails.Exception.Description
	}
	return ""
}

// assertOffline fails the test when a request left base's origin, or when the
// page broke (an uncaught exception, a resource refused or not found).
func (b *browser) assertOffline(t *testing.T, base string) {
	t.Helper()
	b.mu.Lock()
	problems := append([]string(nil), b.problems...)
	b.mu.Unlock()
	for _, p := range problems {
		t.Errorf("page problem: %s", p)
	}
	n, bad := b.offsite(base)
	if len(bad) > 0 {
		t.Errorf("%d of %d requests left %s: %v", len(bad), n, base, bad)
	}
}

func outputDir(t *testing.T) string {
	dir := os.Getenv("ZONEGRAPH_TEST_OUTPUT")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "zonegraph-web-test")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func (b *browser) screenshot(t *testing.T, name string) string {
	t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	p := filepath.Join(outputDir(t), name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
	return p
}

// waitJS polls a JavaScript expression until it is true.
func waitJS(expr string) chromedp.Action[chromedp.Void] {
	poll := chromedp.Poll[bool](expr, chromedp.WithPollingInterval(100*time.Millisecond),
		chromedp.WithPollingTimeout(60*time.Second))
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := poll(ctx, t)
		return chromedp.Void{}, err
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](ctx context.Context, expr string) (T, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr))
}

// entityID asks the API for the ID of the entity named name.
func entityID(t *testing.T, base, name string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{
		"query":     `query($t: String!) { search(text: $t, first: 5) { id name aliases } }`,
		"variables": map[string]any{"t": name},
	})
	res, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Data struct {
			Search []struct {
				ID      string   `json:"id"`
				Name    string   `json:"name"`
				Aliases []string `json:"aliases"`
			} `json:"search"`
		} `json:"data"`
		Errors []struct{ Message string } `json:"errors"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("search %s: %v", name, err)
	}
	for _, h := range out.Data.Search {
		if h.Name == name || contains(h.Aliases, name) {
			return h.ID
		}
	}
	for _, h := range out.Data.Search {
		if strings.Contains(h.Name, name) {
			return h.ID
		}
	}
	t.Fatalf("search %q: no such entity in %+v (errors %v)", name, out.Data.Search, out.Errors)
	return ""
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// nodeXY returns where the viewer draws the node with the given name, in
// page coordinates.
func nodeXY(ctx context.Context, name string) (x, y float64, err error) {
	pos, err := eval[*struct{ X, Y float64 }](ctx, fmt.Sprintf(`(() => {
		const n = zonegraph.cy.nodes().filter(n => n.data('name') === %q);
		if (n.empty()) return null;
		const p = n.renderedPosition(), r = document.getElementById('cy').getBoundingClientRect();
		return {x: r.left + p.x, y: r.top + p.y};
	})()`, name))
	if err != nil {
		return 0, 0, err
	}
	if pos == nil {
		return 0, 0, errors.New("node not drawn: " + name)
	}
	return pos.X, pos.Y, nil
}

// clickNode clicks the viewer's node with the given name at its position on
// the screen, like a person would; clicks 2 is a double-click (two clicks in
// quick succession, as a mouse sends them).
func clickNode(ctx context.Context, name string, clicks int) error {
	x, y, err := nodeXY(ctx, name)
	if err != nil {
		return err
	}
	steps := []chromedp.Action[chromedp.Void]{}
	for i := 1; i <= clicks; i++ {
		steps = append(steps, chromedp.MouseClickXY(x, y, chromedp.ClickCount(i)))
	}
	return chromedp.Do(ctx, steps...)
}

const ready = `document.body.dataset.state === 'ready'`

func TestViewerNeighbourhoodAndEvidence(t *testing.T) {
	b := newBrowser(t)
	base := serverURL(t)
	ctx := b.ctx

	// Search as a person would, pick the hit, and the neighbourhood opens.
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/viewer"),
		chromedp.WaitVisible(chromedp.ID("search")),
		waitJS(ready),
		chromedp.SendKeys(chromedp.ID("search"), robotAlias),
		chromedp.WaitVisible(chromedp.CSS(`#search-results li[data-id]`)),
	)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	hits, err := eval[[]string](ctx, `[...document.querySelectorAll('#search-results li[data-id]')].map(li => li.textContent)`)
	if err != nil {
		t.Fatal(err)
	}
	pick := -1
	for i, h := range hits {
		if strings.Contains(h, robotAlias) {
			pick = i
			break
		}
	}
	if pick < 0 {
		t.Fatalf("search %q: no hit names it: %v", robotAlias, hits)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#search-results li[data-id]:nth-child(%d)`, pick+1))),
		waitJS(ready+` && zonegraph.cy.nodes().length > 1`),
	)
	if err != nil {
		t.Fatalf("open neighbourhood: %v", err)
	}
	names, err := eval[[]string](ctx, `zonegraph.cy.nodes().map(n => n.data('name'))`)
	if err != nil {
		t.Fatal(err)
	}
	if !contains(names, jaka) {
		t.Fatalf("the neighbourhood of %s lacks %s: %v", robotAlias, jaka, names)
	}

	// The URL is now a deep link to the entity.
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, "/viewer?id=") {
		t.Errorf("location %q is no deep link", loc)
	}

	// Let the layout settle, click 节卡's node: the panel shows it and the
	// evidence of its relation to 北科交大机器人, with the article's title.
	time.Sleep(800 * time.Millisecond)
	if err := clickNode(ctx, jaka, 1); err != nil {
		t.Fatalf("click %s: %v", jaka, err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#panel .evidence .quote`))); err != nil {
		t.Fatalf("side panel: %v", err)
	}
	name, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#panel h2.name`)))
	if err != nil {
		t.Fatal(err)
	}
	if name != jaka {
		t.Errorf("side panel names %q, want %q", name, jaka)
	}
	quotes, err := eval[[]string](ctx, `[...document.querySelectorAll('#panel .evidence .quote')].map(e => e.textContent)`)
	if err != nil {
		t.Fatal(err)
	}
	sources, err := eval[[]string](ctx, `[...document.querySelectorAll('#panel .evidence .source')].map(e => e.textContent)`)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, q := range quotes {
		if strings.Contains(q, "节卡") && (strings.Contains(q, robotAlias) || strings.Contains(q, robotFirm)) {
			found = true
		}
	}
	if !found {
		t.Errorf("no evidence quote joins %s and %s: %q", jaka, robotAlias, quotes)
	}
	titled := false
	for _, s := range sources {
		if strings.HasPrefix(s, "《") && len(s) > len("《》") {
			titled = true
		}
	}
	if !titled {
		t.Errorf("no evidence names its article's title: %q", sources)
	}
	// Click the edge that joins them: the panel shows the relation and its
	// evidence. Then click 节卡 again for the screenshot.
	edge, err := eval[*struct{ X, Y float64 }](ctx, fmt.Sprintf(`(() => {
		const e = zonegraph.cy.edges().filter(e => [e.source().data('name'), e.target().data('name')].includes(%q));
		if (e.empty()) return null;
		const p = e.first().renderedMidpoint(), r = document.getElementById('cy').getBoundingClientRect();
		return {x: r.left + p.x, y: r.top + p.y};
	})()`, jaka))
	if err != nil || edge == nil {
		t.Fatalf("no edge drawn to %s (%v)", jaka, err)
	}
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(edge.X, edge.Y)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, waitJS(`zonegraph.cy.edges(':selected').nonempty()`)); err != nil {
		t.Fatalf("clicking the edge selected nothing: %v", err)
	}
	edgePanel, err := eval[string](ctx, `document.getElementById('panel').textContent`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(edgePanel, "PARTNERS_WITH") || !strings.Contains(edgePanel, "《") {
		t.Errorf("edge panel lacks the type or the evidence: %q", edgePanel)
	}
	if err := clickNode(ctx, jaka, 1); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, waitJS(fmt.Sprintf(`document.querySelector('#panel h2.name')?.textContent === %q`, jaka))); err != nil {
		t.Fatal(err)
	}
	shot := b.screenshot(t, "viewer.png")
	if *updateScreenshot {
		png, err := os.ReadFile(shot)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll("../docs", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("../docs/viewer.png", png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("updated ../docs/viewer.png")
	}
	b.assertOffline(t, base)
}

func TestViewerDeepLinkAndExpand(t *testing.T) {
	b := newBrowser(t)
	base := serverURL(t)
	ctx := b.ctx
	id := entityID(t, base, robotAlias)
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/viewer?id="+url.QueryEscape(id)),
		waitJS(ready+` && zonegraph.cy.nodes().length > 1`),
	)
	if err != nil {
		t.Fatalf("deep link: %v", err)
	}
	selected, err := eval[string](ctx, `zonegraph.cy.$(':selected').map(n => n.id()).join(',')`)
	if err != nil {
		t.Fatal(err)
	}
	if selected != id {
		t.Errorf("selected %q, want %q", selected, id)
	}
	panel, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#panel h2.name`)))
	if err != nil {
		t.Fatal(err)
	}
	if panel != robotFirm {
		t.Errorf("panel names %q, want %s", panel, robotFirm)
	}
	before, err := eval[int](ctx, `zonegraph.cy.nodes().length`)
	if err != nil {
		t.Fatal(err)
	}
	// Expand 节卡 with a double-click: its own neighbours join the graph.
	time.Sleep(800 * time.Millisecond)
	if err := clickNode(ctx, jaka, 2); err != nil {
		t.Fatalf("double-click %s: %v", jaka, err)
	}
	err = chromedp.Do(ctx, waitJS(fmt.Sprintf(
		`zonegraph.cy.nodes().filter(n => n.data('name') === %q && n.data('expanded')).nonempty() && `+ready, jaka)))
	if err != nil {
		t.Fatalf("expand: %v", err)
	}
	after, err := eval[int](ctx, `zonegraph.cy.nodes().length`)
	if err != nil {
		t.Fatal(err)
	}
	if after <= before {
		t.Errorf("expanding %s added no node (%d before, %d after)", jaka, before, after)
	}
	b.screenshot(t, "viewer-expanded.png")

	// A deep link may name the entity instead (an exact name or alias).
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/viewer?id="+url.QueryEscape(robotAlias)),
		waitJS(ready+` && zonegraph.cy.nodes().length > 1`),
	)
	if err != nil {
		t.Fatalf("deep link by name: %v", err)
	}
	selected, err = eval[string](ctx, `zonegraph.cy.$(':selected').map(n => n.id()).join(',')`)
	if err != nil {
		t.Fatal(err)
	}
	if selected != id {
		t.Errorf("deep link by name: selected %q, want %q", selected, id)
	}
	b.assertOffline(t, base)
}

// pickHit types text into a search box and clicks the hit whose name is, or
// contains, want.
func pickHit(ctx context.Context, input, list, text, want string) error {
	err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID(input), text),
		chromedp.WaitVisible(chromedp.CSS("#"+list+" li[data-id]")),
	)
	if err != nil {
		return err
	}
	hits, err := eval[[]string](ctx, fmt.Sprintf(`[...document.querySelectorAll('#%s li[data-id]')].map(li => li.textContent)`, list))
	if err != nil {
		return err
	}
	for i, h := range hits {
		if strings.Contains(h, want) {
			return chromedp.Do(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#%s li[data-id]:nth-child(%d)`, list, i+1))))
		}
	}
	return fmt.Errorf("search %q: no hit names %s: %q", text, want, hits)
}

// TestViewerPaths: 查关系 between two people, through the two firms they lead.
func TestViewerPaths(t *testing.T) {
	b := newBrowser(t)
	base := serverURL(t)
	ctx := b.ctx
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/viewer"),
		waitJS(ready),
		chromedp.Click(chromedp.ID("mode-path")),
		chromedp.WaitVisible(chromedp.ID("path-from")),
	)
	if err != nil {
		t.Fatalf("path mode: %v", err)
	}
	if err := pickHit(ctx, "path-from", "path-from-results", "虞军", "虞军"); err != nil {
		t.Fatal(err)
	}
	if err := pickHit(ctx, "path-to", "path-to-results", "王家鹏", "王家鹏"); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		waitJS(`!document.getElementById('path-find').disabled`),
		chromedp.Click(chromedp.ID("path-find")),
		chromedp.WaitVisible(chromedp.CSS(`#panel .paths > li`)),
		waitJS(ready),
	)
	if err != nil {
		t.Fatalf("find paths: %v", err)
	}
	highlighted, err := eval[[]string](ctx, `zonegraph.cy.nodes('.path').map(n => n.data('name'))`)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"虞军", robotFirm, jaka, "王家鹏"} {
		if !contains(highlighted, want) {
			t.Errorf("the highlighted path lacks %s: %q", want, highlighted)
		}
	}
	hops, err := eval[[]string](ctx, `[...document.querySelectorAll('#panel .paths > li:first-child .hop .relation')].map(e => e.textContent)`)
	if err != nil {
		t.Fatal(err)
	}
	if len(hops) != 3 {
		t.Errorf("first path has %d hops, want 3: %q", len(hops), hops)
	}
	quotes, err := eval[int](ctx, `document.querySelectorAll('#panel .paths > li:first-child .evidence .quote').length`)
	if err != nil {
		t.Fatal(err)
	}
	if quotes < len(hops) {
		t.Errorf("%d evidence quotes for %d hops", quotes, len(hops))
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, "from=") || !strings.Contains(loc, "to=") {
		t.Errorf("location %q is no deep link to the paths", loc)
	}
	b.screenshot(t, "viewer-paths.png")
	b.assertOffline(t, base)
}

func TestIDEListedFirmsExample(t *testing.T) {
	b := newBrowser(t)
	base := serverURL(t)
	ctx := b.ctx
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-container`)),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-query-editor .view-lines`)),
		waitJS(`typeof zonegraphIDE === 'object' && zonegraphIDE.query() !== ''`),
	)
	if err != nil {
		t.Fatalf("open IDE: %v", err)
	}
	// Find the preloaded tab of the listed-firms example and run it.
	tabs, err := eval[int](ctx, `document.querySelectorAll('.graphiql-tab').length`)
	if err != nil {
		t.Fatal(err)
	}
	if tabs < 2 {
		t.Errorf("%d tabs: the examples are not preloaded", tabs)
	}
	const editorText = `zonegraphIDE.query()`
	found := false
	for i := 0; i < tabs && !found; i++ {
		err := chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`.graphiql-tab:nth-of-type(%d) .graphiql-tab-button`, i+1))),
			chromedp.Sleep(300*time.Millisecond),
		)
		if err != nil {
			t.Fatalf("tab %d: %v", i+1, err)
		}
		text, err := eval[string](ctx, editorText)
		if err != nil {
			t.Fatal(err)
		}
		found = strings.Contains(text, listedQuery) && strings.Contains(text, "滨江")
	}
	if !found {
		t.Fatalf("no preloaded tab holds the listed-firms example (%s on 滨江)", listedQuery)
	}
	// The response editor's whole text (its DOM holds only the visible lines).
	const result = `zonegraphIDE.response()`
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`.graphiql-execute-button`)),
		// 海康威视 as a firm's name, not only inside a quoted sentence.
		waitJS(`/"name":\s*"[^"]*海康威视/.test(`+result+`)`),
	)
	text, _ := eval[string](ctx, result)
	if err != nil {
		t.Fatalf("run the example: %v (result pane: %q)", err, text)
	}
	if !strings.Contains(text, "totalCount") {
		t.Errorf("result pane: %q", text)
	}
	b.screenshot(t, "ide.png")
	b.assertOffline(t, base)
}

// TestOffline loads both pages, lets them do all they do (the IDE's
// introspection and editor workers, the viewer's queries) and asserts that
// every request the browser made went to the test server.
func TestOffline(t *testing.T) {
	b := newBrowser(t)
	base := serverURL(t)
	id := entityID(t, base, robotAlias)
	err := chromedp.Do(b.ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-query-editor .view-lines`)),
		// The documentation explorer is filled from introspection.
		chromedp.Click(chromedp.CSS(`.graphiql-sidebar button[aria-label="Show Documentation Explorer"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-doc-explorer-root-type`)),
		chromedp.Sleep(1500*time.Millisecond),
		chromedp.Navigate(base+"/viewer?id="+url.QueryEscape(id)),
		waitJS(ready+` && zonegraph.cy.nodes().length > 1`),
		chromedp.Sleep(500*time.Millisecond),
	)
	if err != nil {
		t.Fatalf("load pages: %v", err)
	}
	n, bad := b.offsite(base)
	t.Logf("%d requests", n)
	for _, p := range []string{"/assets/ide.js", "/assets/ide.css", "/assets/viewer.js", "/graphql", "/assets/graphql.worker.js"} {
		if !b.requested(p) {
			t.Errorf("no request for %s was seen: the recorder is not recording", p)
		}
	}
	if len(bad) > 0 {
		t.Errorf("%d of %d requests left the test server: %v", len(bad), n, bad)
	}
}
