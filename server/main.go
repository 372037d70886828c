// Command server serves the zonegraph GraphQL API, the GraphQL IDE and the
// graph viewer. With no NEO4J_URI it extracts the seeds directory into an
// in-memory store at start-up; with NEO4J_URI set it reads Neo4j.
//
//	go run ./server [-addr :8080] [-seeds seeds] [-introspection=true] [-cors-origins https://a.example,https://b.example]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/zonegraph/zonegraph/graph"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	slog.SetDefault(log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, log, nil); err != nil {
		log.Error("server", "err", err)
		os.Exit(1)
	}
}

// config is the server's configuration: flags, else environment, else defaults.
type config struct {
	addr          string
	seeds         string
	introspection bool
	corsOrigins   []string
	maxBody       int64
	limits        graph.Limits
}

func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	defAddr := ":8080"
	if p := getenv("PORT"); p != "" {
		defAddr = ":" + p
	}
	envBool := func(name string, def bool) bool {
		if v, err := strconv.ParseBool(getenv(name)); err == nil {
			return v
		}
		return def
	}
	envInt := func(name string, def int) int {
		if v, err := strconv.Atoi(getenv(name)); err == nil {
			return v
		}
		return def
	}
	var c config
	var cors string
	d := graph.DefaultLimits
	fs.StringVar(&c.addr, "addr", defAddr, "listen address (default $PORT, else :8080)")
	fs.StringVar(&c.seeds, "seeds", "seeds", "page files to load into memory when NEO4J_URI is not set")
	fs.BoolVar(&c.introspection, "introspection", envBool("ZONEGRAPH_INTROSPECTION", true), "answer introspection queries (env ZONEGRAPH_INTROSPECTION)")
	fs.StringVar(&cors, "cors-origins", getenv("ZONEGRAPH_CORS_ORIGINS"), "comma-separated origins allowed by CORS; empty: same origin only (env ZONEGRAPH_CORS_ORIGINS)")
	fs.Int64Var(&c.maxBody, "max-body", int64(envInt("ZONEGRAPH_MAX_BODY", 1<<20)), "largest request body in bytes (env ZONEGRAPH_MAX_BODY)")
	fs.DurationVar(&c.limits.Timeout, "timeout", d.Timeout, "per-request deadline, passed to the database")
	fs.IntVar(&c.limits.MaxPageSize, "max-page-size", d.MaxPageSize, "largest first/limit argument")
	fs.IntVar(&c.limits.MaxHops, "max-hops", d.MaxHops, "largest maxHops of paths and investmentChains")
	fs.IntVar(&c.limits.MaxNeighborhoodDepth, "max-neighborhood-depth", d.MaxNeighborhoodDepth, "largest neighborhood depth")
	fs.IntVar(&c.limits.MaxDepth, "max-depth", d.MaxDepth, "deepest query")
	fs.IntVar(&c.limits.MaxComplexity, "max-complexity", d.MaxComplexity, "largest query complexity")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	for _, o := range strings.Split(cors, ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.corsOrigins = append(c.corsOrigins, o)
		}
	}
	return c, nil
}

// run starts the server and blocks until ctx is done, then shuts down
// gracefully. ready, when non-nil, receives the bound address.
func run(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger, ready chan<- string) error {
	start := time.Now()
	cfg, err := parseConfig(args, getenv, os.Stderr)
	if err != nil {
		return err
	}
	st, name, err := openStore(ctx, cfg, getenv, log)
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = st.Close(cctx)
	}()

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           newRouter(st, name, cfg, log),
		ReadHeaderTimeout: 10 * time.Second,
	}
	log.Info("listening", "addr", ln.Addr().String(), "store", name, "startup", time.Since(start).Round(time.Millisecond).String())
	if ready != nil {
		ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
