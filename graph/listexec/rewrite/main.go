// Command rewrite points gqlgen's generated executor at listexec: in the
// file named by its argument, every call of graphql.MarshalSliceConcurrently
// becomes listexec.MarshalSlice and every graphql.NewDeferredGroup
// listexec.NewDeferredGroup (same signatures). It fails when it finds no
// call of either, so that a gqlgen whose template changed is noticed at
// `go generate` time rather than by a slower server.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"strings"
)

// calls are the gqlgen calls rewritten, each to listexec's function of
// the same signature.
var calls = [][2]string{
	{"graphql.MarshalSliceConcurrently(", "listexec.MarshalSlice("},
	{"graphql.NewDeferredGroup(", "listexec.NewDeferredGroup("},
}

const importLine = "\t\"github.com/zonegraph/zonegraph/graph/listexec\"\n"

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: rewrite GENERATED.go")
		os.Exit(2)
	}
	if err := rewrite(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "rewrite:", err)
		os.Exit(1)
	}
}

func rewrite(path string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	out := src
	var counts []string
	for _, c := range calls {
		n := bytes.Count(out, []byte(c[0]))
		if n == 0 {
			return fmt.Errorf("%s: no call of %s found (gqlgen's executor template changed?)", path, c[0][:len(c[0])-1])
		}
		out = bytes.ReplaceAll(out, []byte(c[0]), []byte(c[1]))
		counts = append(counts, fmt.Sprintf("%d %s)", n, c[1]))
	}
	imp := bytes.Index(out, []byte("import (\n"))
	if imp < 0 {
		return fmt.Errorf("%s: no import block", path)
	}
	imp += len("import (\n")
	out = append(out[:imp:imp], append([]byte(importLine), out[imp:]...)...)
	if out, err = format.Source(out); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Printf("rewrite: %s: %s\n", path, strings.Join(counts, ", "))
	return os.WriteFile(path, out, 0o644)
}
