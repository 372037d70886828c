package listexec

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestMarshalSlice marshals a list whose element 2 panics, concurrently
// and in a settled request: the same JSON, the panic's one error, every
// element under its own index; settled, in order.
func TestMarshalSlice(t *testing.T) {
	const n = 50
	var want []string
	for i := range n {
		want = append(want, strconv.Itoa(i))
	}
	want[2] = "null"
	recoverFn := func(ctx context.Context, err any) error { return errors.New("recovered") }
	for _, settled := range []bool{false, true} {
		ctx := graphql.WithResponseContext(WithMode(context.Background()), graphql.DefaultErrorPresenter, recoverFn)
		if settled && !MarkSettled(ctx) {
			t.Fatal("MarkSettled found no mode")
		}
		if Settled(ctx) != settled {
			t.Fatalf("Settled %v, want %v", Settled(ctx), settled)
		}
		order := make(chan int, n)
		var misindexed atomic.Int32
		ret := MarshalSlice(ctx, n, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
			if fc := graphql.GetFieldContext(ctx); fc == nil || fc.Index == nil || *fc.Index != i {
				misindexed.Add(1)
			}
			order <- i
			if i == 2 {
				panic("element 2")
			}
			return graphql.MarshalInt(i)
		})
		close(order)
		var b bytes.Buffer
		ret.MarshalGQL(&b)
		if got := b.String(); got != "["+strings.Join(want, ",")+"]" {
			t.Errorf("settled=%v: %s", settled, got)
		}
		if misindexed.Load() > 0 {
			t.Errorf("settled=%v: %d elements without their own index", settled, misindexed.Load())
		}
		if errs := graphql.GetErrors(ctx); len(errs) != 1 || errs[0].Message != "recovered" {
			t.Errorf("settled=%v: errors %v, want the panic's one", settled, errs)
		}
		next := 0
		for i := range order {
			if settled && i != next {
				t.Errorf("settled: element %d ran in place of %d", i, next)
			}
			next++
		}
	}
	if MarkSettled(context.Background()) || Settled(context.Background()) {
		t.Error("a context without a mode was marked settled")
	}
}

// TestNewDeferredGroup: a settled request's objects get an empty group
// (no path, field set or map); others gqlgen's.
func TestNewDeferredGroup(t *testing.T) {
	ctx := WithMode(context.Background())
	fc := &graphql.FieldContext{Field: graphql.CollectedField{Field: &ast.Field{Alias: "zone"}}}
	ctx = graphql.WithFieldContext(ctx, fc)
	g := NewDeferredGroup(ctx)
	if g.FieldSet == nil || g.Defers == nil || len(g.Path) != 1 {
		t.Errorf("concurrent request: group %+v, want gqlgen's", g)
	}
	MarkSettled(ctx)
	g = NewDeferredGroup(ctx)
	if g.FieldSet != nil || g.Defers != nil || g.Path != nil || g.Context != ctx {
		t.Errorf("settled request: group %+v, want an empty one", g)
	}
}
