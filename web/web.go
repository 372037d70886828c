// Package web serves the GraphQL IDE (GraphiQL) and the graph viewer
// (Cytoscape.js), built from this directory's npm sources into dist/ and
// embedded into the binary. Build them with `make web`; a binary built
// without them still serves the API and explains at "/" how to build them.
package web

import (
	"bytes"
	"compress/gzip"
	"embed"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

//go:embed all:dist
var embedded embed.FS

// dist is the built site: index.html (the IDE), viewer.html and assets/.
var dist = mustSub(embedded, "dist")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// Built reports whether the web assets were built into the binary.
func Built() bool { return builtIn(dist) }

func builtIn(f fs.FS) bool {
	_, err := fs.Stat(f, "index.html")
	return err == nil
}

// Handler serves the IDE at "/", the viewer at "/viewer" (deep links such as
// /viewer?id=... load the same page) and the bundled files under /assets/.
// Everything else is 404. Mount it for every path but the API's.
func Handler() http.Handler { return newHandler(dist) }

// NotBuiltMessage is what "/" says when the assets are missing.
const NotBuiltMessage = "The GraphQL IDE and the graph viewer are not built into this binary. " +
	"Build them with `make web` (cd web && npm ci && npm run build), then rebuild the server. " +
	"The API works without them at /graphql."

type handler struct {
	files fs.FS
	built bool
	// gz caches gzip-compressed assets by path (the bundles are large and
	// never change while the binary runs).
	mu sync.Mutex
	gz map[string][]byte
}

func newHandler(files fs.FS) *handler {
	return &handler{files: files, built: builtIn(files), gz: map[string][]byte{}}
}

// started stands in for the files' modification time (embedded files have none).
var started = time.Now()

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	switch {
	case p == "/" || p == "/index.html":
		h.page(w, r, "index.html")
	case p == "/viewer" || p == "/viewer/" || p == "/viewer.html":
		h.page(w, r, "viewer.html")
	case p == "/favicon.ico" && h.built:
		h.asset(w, r, "assets/favicon.svg")
	case strings.HasPrefix(p, "/assets/"):
		h.asset(w, r, strings.TrimPrefix(path.Clean(p), "/"))
	default:
		http.NotFound(w, r)
	}
}

func (h *handler) page(w http.ResponseWriter, r *http.Request, name string) {
	if !h.built {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, `<!doctype html><meta charset="utf-8"><title>zonegraph</title>`+
			`<h1>zonegraph</h1><p>`+strings.ReplaceAll(NotBuiltMessage, "`make web`", "<code>make web</code>")+
			`</p><p><a href="/graphql">/graphql</a></p>`)
		return
	}
	b, err := fs.ReadFile(h.files, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
	http.ServeContent(w, r, name, started, bytes.NewReader(b))
}

// contentSecurityPolicy keeps the pages on their own origin: no script,
// style, font, image or request may come from anywhere else.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'"

func (h *handler) asset(w http.ResponseWriter, r *http.Request, name string) {
	if strings.HasPrefix(path.Base(name), ".") {
		http.NotFound(w, r)
		return
	}
	b, err := fs.ReadFile(h.files, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	// Asset names are stable across builds (ide.js, viewer.js), so browsers
	// revalidate; fonts carry a content hash and could be cached for longer.
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Add("Vary", "Accept-Encoding")
	if len(b) > 1024 && compressible(name) && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") &&
		r.Header.Get("Range") == "" {
		z := h.gzipped(name, b)
		w.Header().Set("Content-Encoding", "gzip")
		if ct := contentType(name); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		http.ServeContent(w, r, name, started, bytes.NewReader(z))
		return
	}
	http.ServeContent(w, r, name, started, bytes.NewReader(b))
}

func compressible(name string) bool {
	switch path.Ext(name) {
	case ".js", ".css", ".html", ".txt", ".json", ".svg", ".ttf":
		return true
	}
	return false
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".ttf":
		return "font/ttf"
	}
	return ""
}

func (h *handler) gzipped(name string, b []byte) []byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	if z, ok := h.gz[name]; ok {
		return z
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	h.gz[name] = buf.Bytes()
	return h.gz[name]
}
