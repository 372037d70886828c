# Performance bench (issue #7): `make bench` writes bench/results/REPORT.{json,md}.
# Sizes: BENCH_SIZES=10k,100k (default) or BENCH_SIZES=10k,100k,1m.
# It starts its own Neo4j on 127.0.0.1:$(BENCH_NEO4J_PORT) (home .neo4j-bench/)
# and installs the @neo4j/graphql peer with npm ci; BENCH_NEO4J=0 skips both.

BENCH_SIZES ?= 10k,100k
BENCH_NEO4J ?= 1
BENCH_NEO4J_PORT ?= 7689
BENCH_FLAGS ?=

.PHONY: bench bench-test

bench:
	BENCH_SIZES=$(BENCH_SIZES) BENCH_NEO4J=$(BENCH_NEO4J) BENCH_NEO4J_PORT=$(BENCH_NEO4J_PORT) \
		BENCH_FLAGS="$(BENCH_FLAGS)" bash scripts/bench.sh

bench-test:
	$(GO) test ./bench/...
