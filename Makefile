# zonegraph — the two commands are `make run` and `make test` (see README.md).
# Component targets live in mk/*.mk, one file per area.

GO ?= go
export GOFLAGS ?= -buildvcs=false

.PHONY: run test test-go loader dump generate check-generate vet fmt help

help:
	@echo "make run      build the web assets if missing, then serve seeds/ from memory on :8080"
	@echo "make test     everything CI runs: starts a local Neo4j, runs all tests, stops it"
	@echo "make loader   load seeds/ into the configured store and print the summary"
	@echo "make dump     write the extracted graph of seeds/ to graph.json"

run:
	@test -f web/dist/index.html || $(MAKE) web || echo "web assets not built: the API still works at /graphql"
	$(GO) run ./server

test:
	bash scripts/test.sh

loader:
	$(GO) run ./loader

dump:
	$(GO) run ./loader -dump graph.json

generate:
	$(GO) generate ./...

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

-include mk/*.mk
