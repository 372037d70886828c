package graph

import (
	"context"
	"errors"

	"github.com/zonegraph/zonegraph/graph/model"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// filterMinAmount keeps the paths whose smallest stated amount is at least
// min; with min set, a path that states no amount is left out.
func filterMinAmount(paths []kg.Path, min *float64) []kg.Path {
	if min == nil {
		return paths
	}
	out := paths[:0:0]
	for _, p := range paths {
		if m := model.MinAmount(p.Relations); m != nil && float64(*m) >= *min {
			out = append(out, p)
		}
	}
	return out
}

// asPaths gives paths their GraphQL type (nodes and relations cleaned).
func asPaths(paths []kg.Path) []model.Path {
	out := make([]model.Path, len(paths))
	for i, p := range paths {
		out[i] = model.Path{Length: p.Len(), Nodes: nodesOf(p.Nodes), Relations: asRelations(p.Relations), MinAmountCNY: model.MinAmount(p.Relations)}
	}
	return out
}

// chains reads the chains of the investmentChains field: without evidence
// when the field's selection shows none and the store can
// (store.TraversalReader), else whole. Whole nodes prime the node loader;
// nodes read without evidence go to the lean cache (as neighborhood).
func (r *Resolver) chains(ctx context.Context, from kg.ID, dir store.ChainDirection, hops int) ([]kg.Path, error) {
	if tr, ok := r.Store.(store.TraversalReader); ok && !fieldNeedsEvidence(ctx) {
		paths, err := tr.ChainsOf(ctx, from, dir, hops, store.TraversalOptions{NoEvidence: true})
		if !errors.Is(err, errors.ErrUnsupported) {
			return r.leanPaths(ctx, paths), err
		}
	}
	paths, err := r.Store.Chains(ctx, from, dir, hops)
	return r.primePaths(ctx, paths), err
}

// paths reads the shortest paths of the paths field, as chains.
func (r *Resolver) paths(ctx context.Context, from, to kg.ID, hops int, types []kg.RelType) ([]kg.Path, error) {
	if tr, ok := r.Store.(store.TraversalReader); ok && !fieldNeedsEvidence(ctx) {
		paths, err := tr.PathsOf(ctx, from, to, hops, types, store.TraversalOptions{NoEvidence: true})
		if !errors.Is(err, errors.ErrUnsupported) {
			return r.leanPaths(ctx, paths), err
		}
	}
	paths, err := r.Store.Paths(ctx, from, to, hops, types)
	return r.primePaths(ctx, paths), err
}

// leanPaths puts the nodes of paths read without evidence into the lean
// cache.
func (r *Resolver) leanPaths(ctx context.Context, paths []kg.Path) []kg.Path {
	l := r.loaders(ctx)
	for _, p := range paths {
		l.lean.putNodes(p.Nodes)
	}
	return paths
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
