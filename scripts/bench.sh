#!/usr/bin/env bash
# Runs the performance bench (issue #7) and writes bench/results/REPORT.{json,md}.
# Called by `make bench`. Environment:
#   BENCH_SIZES       graph sizes, default 10k,100k (add 1m for the full run)
#   BENCH_NEO4J       1 (default): start a local Neo4j on BENCH_NEO4J_PORT and the
#                     @neo4j/graphql peer; 0: memstore only
#   BENCH_NEO4J_PORT  Bolt port of the bench's own Neo4j, default 7689
#   BENCH_NEO4J_XMX, BENCH_NEO4J_PAGECACHE_MB  heap and page cache of the bench's
#                     Neo4j, default 2g and 4096 (a 1M graph's store fits in the cache)
#   BENCH_IMPORT_XMX, BENCH_IMPORT_PAGECACHE_MB  heap and page cache of the scratch Neo4j
#                     the offline import is timed into (.neo4j-bench-import), default 2g and 1024
#   BENCH_IMPORT_GC   its JVM collector flags (default: scripts/neo4j.sh's for an import, ParallelGC)
#   BENCH_MIN_REQUESTS  requests each query is timed at least per level and backend
#                     (zgbench -min-requests), default 200: at 1M the zone listing
#                     at concurrency 1 gave 39 in 2 s, and their p99 is the slowest
#   BENCH_MIN_REQUESTS_RATIO  the same for ours and the floor, the two sides of the
#                     p99-vs-floor target (zgbench -min-requests-ratio), default 600:
#                     the p99 of 200 is their second slowest request
#   BENCH_FLAGS       extra zgbench flags
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export BENCH_SIZES="${BENCH_SIZES:-10k,100k}"
neo="${BENCH_NEO4J:-1}"
args=(-sizes "$BENCH_SIZES" -out bench/results -min-requests "${BENCH_MIN_REQUESTS:-200}"
	-min-requests-ratio "${BENCH_MIN_REQUESTS_RATIO:-600}")
started=0
cleanup() {
	# The scratch Neo4j of the offline import, if zgbench was stopped while it ran.
	if [[ -d "$root/.neo4j-bench-import" ]]; then
		NEO4J_LOCAL_HOME="$root/.neo4j-bench-import" bash scripts/neo4j.sh stop || true
		rm -rf "$root/.neo4j-bench-import"
	fi
	if [[ $started == 1 ]]; then
		NEO4J_LOCAL_PORT="$BENCH_NEO4J_PORT" NEO4J_LOCAL_HOME="$root/.neo4j-bench" bash scripts/neo4j.sh stop || true
	fi
}
# One zgbench binary for both runs. The extraction is measured first, alone,
# before this script starts Neo4j and npm installs the peer (a JVM starting on
# a 2-core machine slowed the dictionary load and the passes); the main run
# takes its numbers from the file, so REPORT is still one file.
bindir="$(mktemp -d)"
trap 'cleanup; rm -rf "$bindir"' EXIT
go build -o "$bindir/zgbench" ./bench/cmd/zgbench
# shellcheck disable=SC2086
"$bindir/zgbench" -extraction-only "$bindir/extraction.json" ${BENCH_FLAGS:-}
args+=(-extraction "$bindir/extraction.json")
if [[ $neo == 1 ]]; then
	export BENCH_NEO4J_PORT="${BENCH_NEO4J_PORT:-7689}"
	export NEO4J_PASSWORD="${NEO4J_PASSWORD:-zonegraph-dev}"
	# A fresh database each run: the bench loads its own generated graphs.
	rm -rf "$root/.neo4j-bench"
	NEO4J_LOCAL_PORT="$BENCH_NEO4J_PORT" NEO4J_LOCAL_HOME="$root/.neo4j-bench" \
		NEO4J_LOCAL_XMX="${BENCH_NEO4J_XMX:-2g}" NEO4J_LOCAL_PAGECACHE_MB="${BENCH_NEO4J_PAGECACHE_MB:-4096}" \
		bash scripts/neo4j.sh start
	started=1
	(cd bench/peer && npm ci --no-audit --no-fund --loglevel=error)
	args+=(-neo4j "bolt://127.0.0.1:$BENCH_NEO4J_PORT" -peer bench/peer/server.js)
fi
# shellcheck disable=SC2086
"$bindir/zgbench" "${args[@]}" ${BENCH_FLAGS:-}
