package web

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

var site = fstest.MapFS{
	"index.html":          {Data: []byte("<html>IDE</html>")},
	"viewer.html":         {Data: []byte("<html>VIEWER</html>")},
	"assets/ide.js":       {Data: []byte(strings.Repeat("console.log('ide');", 200))},
	"assets/viewer.css":   {Data: []byte("body{}")},
	"assets/.hidden":      {Data: []byte("x")},
	"assets/codicon.ttf":  {Data: []byte("font")},
	"assets/favicon.svg":  {Data: []byte("<svg/>")},
	"assets/sub/deep.txt": {Data: []byte("deep")},
}

func TestHandlerRoutes(t *testing.T) {
	h := newHandler(site)
	cases := []struct {
		method, path string
		status       int
		body         string
		ctype        string
	}{
		{"GET", "/", 200, "IDE", "text/html"},
		{"GET", "/index.html", 200, "IDE", "text/html"},
		{"GET", "/viewer", 200, "VIEWER", "text/html"},
		{"GET", "/viewer?id=enterprise:0123", 200, "VIEWER", "text/html"},
		{"GET", "/viewer/", 200, "VIEWER", "text/html"},
		{"HEAD", "/viewer", 200, "", "text/html"},
		{"GET", "/assets/viewer.css", 200, "body{}", "text/css"},
		{"GET", "/assets/ide.js", 200, "console.log('ide');", "text/javascript"},
		{"GET", "/assets/sub/deep.txt", 200, "deep", "text/plain"},
		{"GET", "/favicon.ico", 200, "<svg/>", "image/svg+xml"},
		{"GET", "/assets/missing.js", 404, "", ""},
		{"GET", "/assets/.hidden", 404, "", ""},
		{"GET", "/assets/../index.html", 200, "IDE", ""}, // cleaned: never leaves the embedded files
		{"GET", "/elsewhere", 404, "", ""},
		{"POST", "/", 405, "", ""},
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			req := httptest.NewRequest(c.method, c.path, nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != c.status {
				t.Fatalf("status %d, want %d", rec.Code, c.status)
			}
			if c.status != 200 {
				return
			}
			if !strings.Contains(rec.Body.String(), c.body) {
				t.Errorf("body %q does not contain %q", rec.Body.String(), c.body)
			}
			if c.ctype != "" && !strings.HasPrefix(rec.Header().Get("Content-Type"), c.ctype) {
				t.Errorf("Content-Type %q, want %s", rec.Header().Get("Content-Type"), c.ctype)
			}
		})
	}
}

func TestHandlerPagesForbidOtherOrigins(t *testing.T) {
	rec := httptest.NewRecorder()
	newHandler(site).ServeHTTP(rec, httptest.NewRequest("GET", "/viewer", nil))
	csp := rec.Header().Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "connect-src 'self'", "script-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
}

func TestHandlerGzip(t *testing.T) {
	req := httptest.NewRequest("GET", "/assets/ide.js", nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	rec := httptest.NewRecorder()
	newHandler(site).ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("status %d, Content-Encoding %q", rec.Code, rec.Header().Get("Content-Encoding"))
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("Content-Type %q", ct)
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	if string(b) != string(site["assets/ide.js"].Data) {
		t.Errorf("gunzipped body differs (%d bytes)", len(b))
	}
}

func TestHandlerNotBuilt(t *testing.T) {
	h := newHandler(fstest.MapFS{".keep": {Data: nil}})
	for _, p := range []string{"/", "/viewer"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		if rec.Code != http.StatusServiceUnavailable {
			t.Errorf("%s: status %d, want 503", p, rec.Code)
		}
		if !strings.Contains(rec.Body.String(), "make web") {
			t.Errorf("%s: body does not say how to build: %q", p, rec.Body.String())
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/assets/ide.js", nil))
	if rec.Code != 404 {
		t.Errorf("asset: status %d, want 404", rec.Code)
	}
}

func TestBuiltMatchesEmbeddedDist(t *testing.T) {
	// Built() must agree with what is embedded: dist/index.html present or not.
	_, err := embedded.Open("dist/index.html")
	if Built() != (err == nil) {
		t.Errorf("Built() = %v, but dist/index.html open error = %v", Built(), err)
	}
}
