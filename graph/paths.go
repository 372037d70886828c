package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vikstrous/dataloadgen"

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
// are then served without a store call) and fills the non-null lists.
func (r *Resolver) primePaths(ctx context.Context, paths []kg.Path) []kg.Path {
	l := r.loaders(ctx)
	out := make([]kg.Path, len(paths))
	for i, p := range paths {
		l.prime(p.Nodes...)
		out[i] = kg.Path{Nodes: p.Nodes, Relations: cleanRels(p.Relations)}
	}
	return out
}

// endpoints loads the given ends (end: From or To) of sibling relations as
// GraphQL Nodes, each from the lean cache when the field may read it (as
// node does), the rest in one loader call; a missing end is its own error.
func (r *Resolver) endpoints(ctx context.Context, rels []*kg.Relation, end func(*kg.Relation) kg.ID) ([]model.Node, error) {
	out := make([]model.Node, len(rels))
	errs := make(graphql.BatchErrorList, len(rels))
	lean := r.leanFor(ctx)
	var ids []kg.ID
	var at []int
	for i, rel := range rels {
		if lean != nil {
			if n, ok := lean.node(end(rel)); ok {
				out[i] = model.Wrap(clean(n))
				continue
			}
		}
		ids, at = append(ids, end(rel)), append(at, i)
	}
	if len(ids) > 0 {
		found, err := r.loaders(ctx).nodes.LoadAll(ctx, ids)
		perKey, _ := err.(dataloadgen.ErrorSlice)
		for j, i := range at {
			switch {
			case perKey != nil && perKey[j] != nil:
				errs[i] = perKey[j]
			case err != nil && perKey == nil:
				errs[i] = err
			case found[j] == nil:
				errs[i] = notFound("relation end %q is missing", ids[j])
			default:
				out[i] = model.Wrap(clean(*found[j]))
			}
		}
	}
	if errs.Unwrap() != nil {
		return out, errs
	}
	return out, nil
}
