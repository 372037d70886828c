package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/cors"

	"github.com/zonegraph/zonegraph/graph"
	"github.com/zonegraph/zonegraph/store"
	"github.com/zonegraph/zonegraph/web"
)

// newRouter mounts the API, the health check and the web pages.
func newRouter(st store.Store, storeName string, cfg config, log *slog.Logger) http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.Recoverer)
	if len(cfg.corsOrigins) > 0 {
		r.Use(cors.Handler(cors.Options{
			AllowedOrigins: cfg.corsOrigins,
			AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
			AllowedHeaders: []string{"Content-Type", "Accept"},
			MaxAge:         300,
		}))
	}
	api := graph.NewHandler(st, graph.Config{Limits: cfg.limits, Introspection: cfg.introspection, Log: log})
	r.With(limitBody(cfg.maxBody)).Handle("/graphql", api)
	r.Get("/healthz", health(st, storeName))
	r.Handle("/*", web.Handler())
	return r
}

// health answers 200 when the store answers a ping, else 503 naming it.
func health(st store.Store, name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		body := map[string]string{"status": "ok", "store": name}
		code := http.StatusOK
		if err := st.Ping(ctx); err != nil {
			code = http.StatusServiceUnavailable
			body["status"] = "unavailable"
			body["error"] = name + " is unavailable: " + err.Error()
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(body)
	}
}

// limitBody answers 413 to a request body larger than max bytes.
func limitBody(max int64) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > max {
				tooLarge(w, max)
				return
			}
			if r.Body != nil {
				b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
				var mbe *http.MaxBytesError
				if errors.As(err, &mbe) {
					tooLarge(w, max)
					return
				}
				if err != nil {
					http.Error(w, "cannot read request body", http.StatusBadRequest)
					return
				}
				r.Body = io.NopCloser(bytes.NewReader(b))
			}
			next.ServeHTTP(w, r)
		})
	}
}

func tooLarge(w http.ResponseWriter, max int64) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusRequestEntityTooLarge)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]any{{
		"message":    "request body is larger than the limit",
		"extensions": map[string]any{"code": "PAYLOAD_TOO_LARGE", "limitBytes": max},
	}}})
}
