package reliability

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/zonegraph/zonegraph/extract"
	"github.com/zonegraph/zonegraph/ingest"
	"github.com/zonegraph/zonegraph/kg"
)

const seedName = "000_7ba3bcd1ecf2bdfd.txt"

// Bounds every hostile file must respect: one loader run (start-up, the
// dictionary load and the good neighbour page included) ends within
// hostileTime, its peak RSS stays below hostileRSS. The time is wall time on
// a shared 2-core machine: generous, the CPU time is logged beside it.
var (
	hostileTime       = pick(90*time.Second, 180*time.Second)
	hostileRSS  int64 = 1 << 30
)

func seedPage(t testing.TB) []byte {
	b, err := os.ReadFile(filepath.Join("..", "seeds", seedName))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// repeatTo repeats unit up to n bytes (whole units only).
func repeatTo(unit []byte, n int) []byte { return bytes.Repeat(unit, n/len(unit)) }

// writeDir writes files into a new directory beside a copy of the seed
// page, the good neighbour that must still load.
func writeDir(t *testing.T, files map[string][]byte) string {
	dir := t.TempDir()
	files[seedName] = seedPage(t)
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func summary(t *testing.T, r loaderResult) ingest.Summary {
	t.Helper()
	var s ingest.Summary
	// The JSON summary is the first JSON value on stdout (a -dump line follows).
	if err := json.NewDecoder(strings.NewReader(r.stdout)).Decode(&s); err != nil {
		t.Fatalf("loader summary: %v\nstdout: %s\nstderr: %s", err, r.stdout, r.stderr)
	}
	return s
}

func checkBounds(t *testing.T, what string, r loaderResult) {
	t.Helper()
	t.Logf("%s: exit %d in %s (CPU %s), peak RSS %s", what, r.code, r.took.Round(time.Millisecond), r.cpu.Round(time.Millisecond), MB(r.peakRSS))
	if r.timedOut {
		t.Fatalf("%s: the loader did not finish within %s (killed; peak RSS %s)\nstderr: %s", what, hostileTime, MB(r.peakRSS), r.stderr)
	}
	if r.peakRSS > hostileRSS {
		t.Errorf("%s: peak RSS %s above the bound %s", what, MB(r.peakRSS), MB(hostileRSS))
	}
	if r.code < 0 || r.code > 3 || strings.Contains(r.stderr, "panic:") || strings.Contains(r.stderr, "goroutine ") {
		t.Fatalf("%s: crash (exit %d)\nstderr: %s", what, r.code, r.stderr)
	}
}

// Files the loader must refuse with a reason naming the file and the
// problem, while the good page beside them still loads: exit status 1.
func TestHostileFilesRejected(t *testing.T) {
	seed := seedPage(t)
	mid := len(seed) / 2
	for !utf8.RuneStart(seed[mid]) {
		mid++
	}
	insert := func(b []byte) []byte { return append(append(append([]byte{}, seed[:mid]...), b...), seed[mid:]...) }
	cases := []struct {
		file   string
		data   []byte
		reason string // substring of the reason
	}{
		{"big-50mb.txt", repeatTo(seed, 50<<20), "file too large"},
		{"one-line-10mb.txt", repeatTo([]byte("杭州高新区某某科技有限公司投资1亿元建设项目，"), 10<<20), "file too large"},
		{"gongsi-1m.txt", bytes.Repeat([]byte("有限公司"), 1_000_000), "file too large"},
		{"nul-bytes.txt", insert([]byte{0, 0, 0}), "NUL byte at byte offset " + strconv.Itoa(mid)},
		{"invalid-utf8.txt", insert([]byte{0xff, 0xfe}), "not valid UTF-8 at byte offset " + strconv.Itoa(mid)},
		{"latin1.txt", []byte("Z\xfcrich Hochtechnologiezone, GmbH gegr\xfcndet"), "not valid UTF-8 at byte offset 1"},
		{"truncated.txt", seed[:bytes.LastIndexFunc(seed, func(r rune) bool { return r >= 0x80 })+1], "truncated UTF-8 sequence at end of file"},
		{"control-chars.txt", insert([]byte("\x1b[2J\x07")), "control character"},
		{"empty.txt", nil, "empty"},
		{"blank.txt", []byte(" \n\r\n\t \u3000\n"), "empty"},
	}
	files := map[string][]byte{}
	for _, c := range cases {
		files[c.file] = c.data
	}
	dir := writeDir(t, files)
	r := runLoader(t, hostileTime, nil, "-seeds", dir, "-json")
	checkBounds(t, "rejected files", r)
	if r.code != 1 {
		t.Errorf("exit status %d, want 1 (a file failed)\nstderr: %s", r.code, r.stderr)
	}
	s := summary(t, r)
	if s.Files != len(cases)+1 || s.Loaded != 1 || s.NodesByLabel[kg.LabelEnterprise] == 0 {
		t.Errorf("summary: %d files, %d loaded, %v: want %d files, the seed page loaded", s.Files, s.Loaded, s.NodesByLabel, len(cases)+1)
	}
	reasons := map[string]string{}
	for _, p := range s.Problems {
		reasons[filepath.Base(p.File)] = p.Reason
		if !strings.HasPrefix(p.File, dir) {
			t.Errorf("problem %q does not name the file's path", p.File)
		}
	}
	for _, c := range cases {
		got, ok := reasons[c.file]
		switch {
		case !ok:
			t.Errorf("%s: not reported as a problem", c.file)
		case !strings.Contains(got, c.reason):
			t.Errorf("%s: reason %q, want it to contain %q", c.file, got, c.reason)
		default:
			t.Logf("%s (%d bytes): %s", c.file, len(c.data), got)
		}
	}
	if len(s.Problems) != len(cases) {
		t.Errorf("%d problems, want %d: %+v", len(s.Problems), len(cases), s.Problems)
	}
}

// Files that are valid pages however odd: the loader must give a sane
// result (the page loads, names and quotes stay short) within the bounds.
// Each runs alone beside the good page so time and memory are its own.
func TestHostileFilesAccepted(t *testing.T) {
	seed := seedPage(t)
	size := pick(1<<20, extract.MaxPageBytes-(512<<10)) // 1 MB quick, 3.5 MB long
	sentence := []byte("杭州高新区某某科技有限公司投资1亿元建设项目，")
	nest := func(depth int, open, close, inner string) []byte {
		return []byte(strings.Repeat(open, depth) + inner + strings.Repeat(close, depth))
	}
	// fit caps a repetition count so that the file stays under the page
	// size limit (the long sizes were chosen for an 8 MiB limit).
	room := extract.MaxPageBytes - len(seed) - 64<<10
	fit := func(n, unitBytes int) int { return min(n, room/unitBytes) }
	cases := []struct {
		file string
		data []byte
	}{
		{"gongsi-many.txt", bytes.Repeat([]byte("有限公司"), fit(pick(300_000, 650_000), 12))}, // up to the limit
		{"brackets-nested.txt", nest(fit(pick(100_000, 1_000_000), 6), "（", "）", "杭州狮达科技有限公司在滨江投资1亿元。")},
		{"brackets-mixed.txt", nest(fit(pick(20_000, 200_000), 22), "（[【《{", "}》】]）", "桂林狮达技术股份有限公司董事长莫力林介绍说。")},
		{"brackets-unbalanced.txt", append(bytes.Repeat([]byte("（【《"), fit(pick(100_000, 700_000), 9)), seed...)},
		{"many-lines.txt", repeatTo([]byte("有\n"), fit(pick(2<<20, 7<<20), 1))},
		{"bom-crlf.txt", append([]byte("\uFEFF"), bytes.ReplaceAll(seed, []byte("\n"), []byte("\r\n"))...)},
		{"big-page.txt", repeatTo(seed, size)},     // many articles and headlines
		{"one-line.txt", repeatTo(sentence, size)}, // one sentence: no 。 at all
		{"one-line-periods.txt", repeatTo([]byte("杭州高新区某某科技有限公司投资1亿元建设项目。"), size)},
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.file, ".txt"), func(t *testing.T) {
			dir := writeDir(t, map[string][]byte{c.file: c.data})
			dump := filepath.Join(t.TempDir(), "dump.json")
			r := runLoader(t, hostileTime, nil, "-seeds", dir, "-json", "-dump", dump)
			checkBounds(t, c.file+" ("+MB(int64(len(c.data)))+")", r)
			if r.code != 0 {
				t.Fatalf("exit status %d, want 0\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
			if s := summary(t, r); s.Loaded != 2 || len(s.Problems) != 0 {
				t.Errorf("summary: %d loaded, problems %+v: want both pages loaded", s.Loaded, s.Problems)
			}
			saneDump(t, dump)
		})
	}
}

// saneDump checks that entity names and evidence quotes stay short.
func saneDump(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g kg.Graph
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	const maxName, maxQuote = 100, 1000
	bad := 0
	for _, n := range g.Nodes {
		if n.Label != kg.LabelArticle && utf8.RuneCountInString(n.Name) > maxName {
			bad++
			if bad <= 3 {
				t.Errorf("%s name of %d runes: %.60s...", n.Label, utf8.RuneCountInString(n.Name), n.Name)
			}
		}
	}
	for _, r := range g.Relations {
		for _, e := range r.Evidence {
			if n := utf8.RuneCountInString(e.Quote); n > maxQuote {
				bad++
				if bad <= 3 {
					t.Errorf("%s evidence quote of %d runes (limit %d): %.40s...", r.Type, n, maxQuote, e.Quote)
				}
			}
		}
	}
	if bad > 3 {
		t.Errorf("... %d oversized names or quotes in all", bad)
	}
	t.Logf("dump: %d nodes, %d relations, %s", len(g.Nodes), len(g.Relations), MB(int64(len(b))))
}
