// Command rewrite points gqlgen's generated executor at listexec: every
// call of graphql.MarshalSliceConcurrently in the file named by its
// argument becomes listexec.MarshalSlice (same signature). It fails when
// it finds no call, so that a gqlgen whose template changed is noticed at
// `go generate` time rather than by a slower server.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
)

const (
	from       = "graphql.MarshalSliceConcurrently("
	to         = "listexec.MarshalSlice("
	importLine = "\t\"github.com/zonegraph/zonegraph/graph/listexec\"\n"
)

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
	n := bytes.Count(src, []byte(from))
	if n == 0 {
		return fmt.Errorf("%s: no call of %s found (gqlgen's list template changed?)", path, from[:len(from)-1])
	}
	out := bytes.ReplaceAll(src, []byte(from), []byte(to))
	imp := bytes.Index(out, []byte("import (\n"))
	if imp < 0 {
		return fmt.Errorf("%s: no import block", path)
	}
	imp += len("import (\n")
	out = append(out[:imp:imp], append([]byte(importLine), out[imp:]...)...)
	if out, err = format.Source(out); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Printf("rewrite: %s: %d list marshallers use listexec.MarshalSlice\n", path, n)
	return os.WriteFile(path, out, 0o644)
}
