package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRewrite(t *testing.T) {
	dir := t.TempDir()
	gen := filepath.Join(dir, "generated.go")
	src := "package generated\n\nimport (\n\t\"context\"\n\n\t\"github.com/99designs/gqlgen/graphql\"\n)\n\n" +
		"func f(ctx context.Context) graphql.Array {\n\t_ = graphql.NewDeferredGroup(ctx)\n\treturn graphql.MarshalSliceConcurrently(ctx, 2, 0, false, nil)\n}\n"
	if err := os.WriteFile(gen, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := rewrite(gen); err != nil {
		t.Fatal(err)
	}
	out, _ := os.ReadFile(gen)
	if !strings.Contains(string(out), "return listexec.MarshalSlice(ctx, 2, 0, false, nil)") ||
		!strings.Contains(string(out), "_ = listexec.NewDeferredGroup(ctx)") ||
		!strings.Contains(string(out), `"github.com/zonegraph/zonegraph/graph/listexec"`) || strings.Contains(string(out), "graphql.MarshalSliceConcurrently") || strings.Contains(string(out), "graphql.NewDeferredGroup") {
		t.Errorf("rewritten:\n%s", out)
	}
	// A second run finds nothing left to rewrite: an error, the file kept.
	if err := rewrite(gen); err == nil || !strings.Contains(err.Error(), "no call") {
		t.Errorf("second rewrite: %v", err)
	}
	if again, _ := os.ReadFile(gen); string(again) != string(out) {
		t.Error("the failed rewrite changed the file")
	}
}
