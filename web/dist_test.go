package web

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// remoteFetch matches a URL on another host that a page would fetch: a
// script or stylesheet, an import, a CSS url() or @import, fetch, a worker, a
// socket. Mentions of URLs in strings (licences, XML namespaces, docs links)
// are not fetched and do not match.
var remoteFetch = map[string][]*regexp.Regexp{
	".html": {
		regexp.MustCompile(`(?i)<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*\b(src|href|data)\s*=\s*["']?\s*(https?:)?//`),
		regexp.MustCompile(`(?i)<meta\b[^>]*http-equiv\s*=\s*["']?refresh[^>]*url\s*=\s*(https?:)?//`),
	},
	".css": {
		regexp.MustCompile(`(?i)url\(\s*["']?\s*(https?:)?//`),
		regexp.MustCompile(`(?i)@import\s+(url\(\s*)?["']?\s*(https?:)?//`),
	},
	".js": {
		regexp.MustCompile("\\bimport\\s*\\(\\s*[\"'`](https?:)?//"),
		regexp.MustCompile("\\b(from|import)\\s*[\"'`](https?:)?//"),
		regexp.MustCompile("\\bfetch\\s*\\(\\s*[\"'`](https?:)?//"),
		regexp.MustCompile("\\bimportScripts\\s*\\(\\s*[\"'`](https?:)?//"),
		regexp.MustCompile("\\bnew\\s+(Worker|SharedWorker|WebSocket|EventSource)\\s*\\(\\s*[\"'`](https?:|wss?:)?//"),
		regexp.MustCompile("\\.(src|href)\\s*=\\s*[\"'`](https?:)?//"),
		regexp.MustCompile("\\bsendBeacon\\s*\\(\\s*[\"'`](https?:)?//"),
		regexp.MustCompile("\\.open\\s*\\(\\s*[\"'`](GET|POST)[\"'`]\\s*,\\s*[\"'`](https?:)?//"),
		regexp.MustCompile("url\\(\\s*[\"']?\\s*(https?:)?//"), // CSS inside JS
	},
}

// remoteFetchAt joins each extension's patterns into one anchored at the
// end: every pattern ends in "//", so a file is checked only in a window
// before each "//" it holds (fast on multi-megabyte bundles).
var remoteFetchAt = func() map[string]*regexp.Regexp {
	m := map[string]*regexp.Regexp{}
	for ext, res := range remoteFetch {
		parts := make([]string, len(res))
		for i, re := range res {
			parts[i] = "(?:" + re.String() + ")"
		}
		m[ext] = regexp.MustCompile("(?:" + strings.Join(parts, "|") + `)$`)
	}
	return m
}()

// remoteFetches lists "file: match" for every remote fetch in files.
func remoteFetches(files fs.FS) ([]string, int, error) {
	var found []string
	n := 0
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		re := remoteFetchAt[path.Ext(p)]
		if re == nil {
			return nil
		}
		n++
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		for i := 0; ; {
			j := bytes.Index(b[i:], []byte("//"))
			if j < 0 {
				break
			}
			at := i + j + 2
			window := b[max(0, at-300):at]
			if loc := re.FindIndex(window); loc != nil {
				found = append(found, p+": "+string(window[loc[0]:])+string(b[at:min(at+60, len(b))]))
			}
			i = at
		}
		return nil
	})
	return found, n, err
}

func TestRemoteFetchPatterns(t *testing.T) {
	cases := []struct {
		file, text string
		remote     bool
	}{
		{"a.html", `<script src="https://cdn.jsdelivr.net/npm/graphiql"></script>`, true},
		{"a.html", `<link rel="stylesheet" href="//unpkg.com/graphiql/graphiql.css">`, true},
		{"a.html", `<script type="module" src="/assets/ide.js"></script>`, false},
		{"a.html", `<a href="https://github.com/zonegraph">source</a>`, false},
		{"a.css", `@import url("https://fonts.googleapis.com/css?family=Roboto");`, true},
		{"a.css", `@font-face{src:url(https://fonts.gstatic.com/x.woff2)}`, true},
		{"a.css", `@font-face{src:url(./codicon-37A3DWZT.ttf)}`, false},
		{"a.css", `.x{background:url(data:image/svg+xml;utf8,<svg xmlns="http://www.w3.org/2000/svg"/>)}`, false},
		{"a.js", `import("https://esm.sh/graphiql")`, true},
		{"a.js", `import x from "https://esm.sh/react"`, true},
		{"a.js", `fetch("https://api.example.com/graphql")`, true},
		{"a.js", "new Worker(`https://esm.sh/monaco-graphql/esm/graphql.worker.js`)", true},
		{"a.js", `s.src="https://www.googletagmanager.com/gtag/js"`, true},
		{"a.js", `fetch("/graphql")`, false},
		{"a.js", `new Worker("/assets/json.worker.js")`, false},
		{"a.js", `const ns="http://www.w3.org/2000/svg";`, false},
		{"a.js", `throw Error("see https://react.dev/errors/"+e)`, false},
	}
	for _, c := range cases {
		found, _, err := remoteFetches(fstest.MapFS{c.file: {Data: []byte(c.text)}})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(found) > 0; got != c.remote {
			t.Errorf("%s %q: remote fetch = %v, want %v", c.file, c.text, got, c.remote)
		}
	}
}

// TestDistFetchesNothingRemote: the built IDE and viewer reference no CDN.
func TestDistFetchesNothingRemote(t *testing.T) {
	if !Built() {
		skipOrFail(t, "web/dist is not built (run `make web`)")
	}
	found, n, err := remoteFetches(dist)
	if err != nil {
		t.Fatal(err)
	}
	if n < 4 {
		t.Fatalf("only %d html/css/js files in dist", n)
	}
	for _, f := range found {
		t.Errorf("remote fetch in dist: %s", f)
	}
}
