# GraphQL API (graph/, server/, examples/, ingest/).

.PHONY: check-generate test-graph bench-graph update-examples

# Fails when graph/generated, graph/model/models_gen.go or the resolver
# stubs are stale: regenerates them and checks nothing changed.
check-generate:
	$(GO) generate ./graph/...
	@git diff --exit-code -- graph/ gqlgen.yml || { echo "generated GraphQL code is stale: run 'make generate' and commit"; exit 1; }
	@test -z "$$(git status --porcelain -- graph/)" || { git status --porcelain -- graph/; echo "untracked generated files"; exit 1; }

test-graph:
	$(GO) test ./graph/... ./server ./examples ./ingest

bench-graph:
	$(GO) test -run '^$$' -bench BenchmarkExampleQueries -benchtime 200x ./examples

update-examples:
	$(GO) test ./examples -run 'TestExamples' -update
