// Package listexec marshals the lists of gqlgen's generated executor
// (graph/generated calls MarshalSlice where gqlgen's template calls
// graphql.MarshalSliceConcurrently; `go generate ./graph/...` rewrites
// the call, see rewrite/).
//
// gqlgen marshals every element of a list of objects on its own
// goroutine, so that fields whose resolvers wait on a dataloader gather
// their keys in one batch. When a request's data is already at hand (the
// zone resolver read the zone with its members page and everything its
// selection shows, graph's zoneAhead), no field waits, and the goroutines
// only cost: starting them and growing their stacks was about a third of
// the GraphQL layer's CPU on zgbench's nested query. A request marked
// settled marshals its lists in place, as gqlgen does for a list of one.
package listexec

import (
	"context"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
)

type modeKey struct{}

// mode is a request's list marshalling mode.
type mode struct{ settled atomic.Bool }

// WithMode gives a request its mode: concurrent until MarkSettled.
func WithMode(ctx context.Context) context.Context {
	return context.WithValue(ctx, modeKey{}, &mode{})
}

// MarkSettled makes the request's lists marshal in place from now on;
// false when ctx has no mode (WithMode was not called). The caller
// vouches that no field of the request waits on a loader and that the
// request has no @defer.
func MarkSettled(ctx context.Context) bool {
	m, ok := ctx.Value(modeKey{}).(*mode)
	if ok {
		m.settled.Store(true)
	}
	return ok
}

// Settled reports whether the request was marked settled.
func Settled(ctx context.Context) bool {
	m, ok := ctx.Value(modeKey{}).(*mode)
	return ok && m.settled.Load()
}

// MarshalSlice has graphql.MarshalSliceConcurrently's signature and
// results. In a settled request it marshals the elements one after the
// other on the caller's goroutine, each under its own FieldContext and,
// unless omitPanicHandler, with a panic turned into a null element and an
// error, as gqlgen does for a list of one; otherwise it is
// graphql.MarshalSliceConcurrently.
func MarshalSlice(ctx context.Context, length int, workerLimit int64, omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if length < 2 || !Settled(ctx) {
		return graphql.MarshalSliceConcurrently(ctx, length, workerLimit, omitPanicHandler, marshalElement)
	}
	ret := make(graphql.Array, length)
	for i := range length {
		childCtx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
		if omitPanicHandler {
			ret[i] = marshalElement(childCtx, i)
			continue
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					graphql.AddError(childCtx, graphql.Recover(childCtx, r))
					ret[i] = graphql.Null
				}
			}()
			ret[i] = marshalElement(childCtx, i)
		}()
	}
	return ret
}

// NewDeferredGroup is graphql.NewDeferredGroup, but in a settled request,
// which has no @defer, an empty group: gqlgen builds one for every object
// it marshals (the object's path, a field set, a map) and uses it only
// for deferred fields; on zgbench's nested query they were a fifth of the
// allocations.
func NewDeferredGroup(ctx context.Context) graphql.DeferredGroup {
	if Settled(ctx) {
		return graphql.DeferredGroup{Context: ctx}
	}
	return graphql.NewDeferredGroup(ctx)
}
