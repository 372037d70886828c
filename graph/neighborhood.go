package graph

import (
	"context"
	"errors"

	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// neighborhood reads the subgraph of the neighborhood field: without
// evidence when the field's selection shows none and the store can
// (store.NeighborhoodReader), else whole. Whole nodes prime the node
// loader; nodes read without evidence go to the lean cache, which only
// serves fields that do not show evidence.
func (r *Resolver) neighborhood(ctx context.Context, id kg.ID, q store.NeighborhoodQuery) (*kg.Graph, bool, error) {
	l := r.loaders(ctx)
	if nr, ok := r.Store.(store.NeighborhoodReader); ok && !fieldNeedsEvidence(ctx) {
		q.NoEvidence = true
		g, truncated, err := nr.NeighborhoodOf(ctx, id, q)
		if !errors.Is(err, errors.ErrUnsupported) {
			if err == nil && g != nil {
				l.lean.putNodes(g.Nodes)
			}
			return g, truncated, err
		}
	}
	g, truncated, err := r.Store.Neighborhood(ctx, id, q.Depth, q.Limit, q.Types)
	if err == nil && g != nil {
		l.prime(g.Nodes...)
	}
	return g, truncated, err
}
