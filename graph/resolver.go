package graph

import (
	"log/slog"

	"github.com/zonegraph/zonegraph/store"
)

// Resolver is the root of the resolvers: the store and the limits. Every
// relationship field reads through the per-request dataloaders (see
// dataloaders.go), never the store directly.
type Resolver struct {
	Store  store.Store
	Limits Limits
	Log    *slog.Logger
}
