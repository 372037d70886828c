package graph

import (
	"context"

	"github.com/zonegraph/zonegraph/graph/model"
	"github.com/zonegraph/zonegraph/kg"
)

// minAmount is the smallest amountCNY stated on a path's relations.
func minAmount(p kg.Path) *model.CNY {
	var least *model.CNY
	for _, rel := range p.Relations {
		if c := model.PropCNY(rel.Properties, kg.PropAmountCNY); c != nil && (least == nil || *c < *least) {
			least = c
		}
	}
	return least
}

// filterMinAmount keeps the paths whose smallest stated amount is at least
// min; with min set, a path that states no amount is left out.
func filterMinAmount(paths []kg.Path, min *float64) []kg.Path {
	if min == nil {
		return paths
	}
	out := paths[:0:0]
	for _, p := range paths {
		if m := minAmount(p); m != nil && float64(*m) >= *min {
			out = append(out, p)
		}
	}
	return out
}

// primePaths puts the paths' nodes into the node loader (relation ends
// are then served without a store call).
func (r *Resolver) primePaths(ctx context.Context, paths []kg.Path) []kg.Path {
	l := r.loaders(ctx)
	for _, p := range paths {
		l.prime(p.Nodes...)
	}
	return paths
}

// endpoint loads a relation's end as a GraphQL Node.
func (r *Resolver) endpoint(ctx context.Context, id kg.ID) (model.Node, error) {
	n, err := r.node(ctx, id)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return nil, notFound("relation end %q is missing", id)
	}
	return model.Wrap(clean(*n)), nil
}
