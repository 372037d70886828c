package graph

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/zonegraph/zonegraph/graph/generated"
	"github.com/zonegraph/zonegraph/graph/listexec"
	"github.com/zonegraph/zonegraph/store"
)

// Config configures the GraphQL handler.
type Config struct {
	Limits        Limits       // zero fields take DefaultLimits
	Introspection bool         // answer __schema / __type queries (the IDE needs it)
	Log           *slog.Logger // nil: slog.Default()
}

// NewHandler returns the GraphQL endpoint over st: POST and GET, read-only
// (the schema has no mutations), with the limits, the error presenter and
// a fresh set of dataloaders and a deadline for every request.
func NewHandler(st store.Store, cfg Config) http.Handler {
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	limits := cfg.Limits.withDefaults()
	gc := generated.Config{Resolvers: &Resolver{Store: st, Limits: limits, Log: log}}
	complexity(&gc.Complexity)

	srv := handler.New(generated.NewExecutableSchema(gc))
	srv.AddTransport(transport.GET{})
	srv.AddTransport(postJSON{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if cfg.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(depthLimit{max: limits.MaxDepth})
	srv.Use(extension.FixedComplexityLimit(limits.MaxComplexity))
	srv.SetErrorPresenter(ErrorPresenter(log))
	srv.SetRecoverFunc(RecoverFunc(log))
	// A query whose one root field's selection runs no resolver marshals
	// its lists in place (listexec; zoneAhead settles zone listings).
	srv.AroundRootFields(func(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
		if rc := graphql.GetRootFieldContext(ctx); rc != nil && settledRoot(graphql.GetOperationContext(ctx), rc.Field.Field) {
			listexec.MarkSettled(ctx)
		}
		return next(ctx)
	})

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), limits.Timeout)
		defer cancel()
		ctx = listexec.WithMode(WithLoaders(ctx, NewLoaders(st)))
		srv.ServeHTTP(w, r.WithContext(ctx))
	})
}
