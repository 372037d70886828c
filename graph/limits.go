package graph

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/zonegraph/zonegraph/graph/generated"
	"github.com/zonegraph/zonegraph/kg"
	"github.com/zonegraph/zonegraph/store"
)

// Limits bound what one request may cost. Arguments beyond a limit are
// refused with LIMIT_EXCEEDED, never silently clamped.
type Limits struct {
	MaxPageSize          int           // largest first / limit (default 1000)
	MaxHops              int           // largest maxHops for paths and investmentChains (default 6)
	MaxNeighborhoodDepth int           // largest neighborhood depth (default 3)
	MaxDepth             int           // deepest selection set (default 12)
	MaxComplexity        int           // largest query complexity (default 10000)
	Timeout              time.Duration // per-operation deadline, reaching the store (default 10s)
}

// DefaultLimits are the limits used for zero fields.
var DefaultLimits = Limits{
	MaxPageSize:          1000,
	MaxHops:              6,
	MaxNeighborhoodDepth: 3,
	MaxDepth:             12,
	MaxComplexity:        10000,
	Timeout:              10 * time.Second,
}

// withDefaults fills zero fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxPageSize > 0 {
		d.MaxPageSize = l.MaxPageSize
	}
	if l.MaxHops > 0 {
		d.MaxHops = l.MaxHops
	}
	if l.MaxNeighborhoodDepth > 0 {
		d.MaxNeighborhoodDepth = l.MaxNeighborhoodDepth
	}
	if l.MaxDepth > 0 {
		d.MaxDepth = l.MaxDepth
	}
	if l.MaxComplexity > 0 {
		d.MaxComplexity = l.MaxComplexity
	}
	if l.Timeout > 0 {
		d.Timeout = l.Timeout
	}
	return d
}

// pageSize checks a first / limit argument.
func (l Limits) pageSize(arg string, v *int, def int) (int, error) {
	if v == nil {
		return def, nil
	}
	switch {
	case *v < 0:
		return 0, badInput("%s must not be negative, got %d", arg, *v)
	case *v > l.MaxPageSize:
		return 0, fmt.Errorf("%s is %d, above the maximum page size %d: %w", arg, *v, l.MaxPageSize, ErrLimitExceeded)
	}
	return *v, nil
}

// bounded checks a hop or depth argument against 1..max.
func bounded(arg string, v *int, def, max int) (int, error) {
	n := def
	if v != nil {
		n = *v
	}
	switch {
	case n < 1:
		return 0, badInput("%s must be at least 1, got %d", arg, n)
	case n > max:
		return 0, fmt.Errorf("%s is %d, above the maximum %d: %w", arg, n, max, ErrLimitExceeded)
	}
	return n, nil
}

func deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

// complexity sets hop-weighted costs: a traversal's cost grows with the
// square of its hops (or depth), a list with its page size.
func complexity(c *generated.ComplexityRoot) {
	hops := func(child int, h *int, def, weight int) int {
		n := deref(h, def)
		if n < 1 {
			n = 1
		}
		return weight*n*n + child*n
	}
	c.Query.Paths = func(child int, _, _ kg.ID, maxHops *int, _ []kg.RelType) int {
		return hops(child, maxHops, 4, 50)
	}
	c.Query.InvestmentChains = func(child int, _ kg.ID, _ *store.ChainDirection, maxHops *int, _ *float64) int {
		return hops(child, maxHops, 4, 50)
	}
	c.Query.Neighborhood = func(child int, _ kg.ID, depth, limit *int, _ []kg.RelType) int {
		return hops(child, depth, 1, 200) + deref(limit, 200)
	}
	c.Query.Search = func(child int, _ string, _ []kg.Label, first *int) int {
		return 1 + child*deref(first, 20)
	}
	c.Query.Zones = func(child int, _ *store.ZoneFilter, first *int, _ *string) int {
		return 1 + child*deref(first, 100)
	}
	c.Zone.Enterprises = func(child int, _, _ *bool, first *int, _ *string) int {
		return 1 + child*min(deref(first, 100), 100)
	}
	c.Zone.Projects = func(child int, _ *bool, first *int, _ *string) int {
		return 1 + child*min(deref(first, 100), 100)
	}
	c.Zone.Institutions = func(child int, _ *bool, first *int, _ *string) int {
		return 1 + child*min(deref(first, 100), 100)
	}
}

// depthLimit refuses operations whose selection sets nest deeper than max
// (fragments are followed). Introspection fields (__schema, __type) are
// not counted: their depth is bounded by the schema, and IDEs nest
// ofType deeply.
type depthLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string                          { return "DepthLimit" }
func (depthLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (d depthLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Doc.Operations.ForName(oc.OperationName)
	if op == nil {
		return nil
	}
	if depth := selectionDepth(op.SelectionSet, oc.Doc.Fragments, 0); depth > d.max {
		err := gqlerror.Errorf("query depth %d is above the maximum %d", depth, d.max)
		err.Extensions = map[string]any{"code": CodeLimitExceeded}
		return err
	}
	return nil
}

func selectionDepth(set ast.SelectionSet, frags ast.FragmentDefinitionList, seen int) int {
	if seen > 64 { // fragment cycles are refused by validation; stay safe anyway
		return seen
	}
	deepest := 0
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			d = 1
			if len(s.SelectionSet) > 0 {
				d += selectionDepth(s.SelectionSet, frags, seen+1)
			}
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, frags, seen+1)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil {
				d = selectionDepth(f.SelectionSet, frags, seen+1)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}
