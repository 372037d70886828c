package graph

// gqlgen finds ../gqlgen.yml and runs from the module root; then the
// executor's list marshalling is pointed at listexec (graph/listexec).
//go:generate go run github.com/99designs/gqlgen generate
//go:generate go run ./listexec/rewrite generated/generated.go
