#!/usr/bin/env bash
# The long reliability proofs (issue #8), run by `make reliability`:
# hostile pages near the 4 MiB limit, three SIGKILLs during a 120-page Neo4j
# load, a 30 s proxy cut and a real Neo4j restart under load, a 60 s load
# test. Figures are written as JSON to $ZONEGRAPH_RELIABILITY_OUT
# (default tmp/reliability) and the test log to reliability.log there.
#
# With NEO4J_URI set the tests use that database (it is cleared); else a
# local Neo4j is started on $RELIABILITY_NEO4J_PORT (default 7693, home
# .neo4j-reliability) and stopped at the end. The restart test starts its
# own Neo4j on $ZONEGRAPH_RELIABILITY_NEO4J_PORT (default 7692).
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:--buildvcs=false}"
export ZONEGRAPH_RELIABILITY=long
export ZONEGRAPH_RELIABILITY_OUT="${ZONEGRAPH_RELIABILITY_OUT:-$PWD/tmp/reliability}"
mkdir -p "$ZONEGRAPH_RELIABILITY_OUT"

started=""
cleanup() {
	if [ -n "$started" ]; then
		NEO4J_LOCAL_PORT="$port" NEO4J_LOCAL_HOME="$home" bash scripts/neo4j.sh stop || true
	fi
}
trap cleanup EXIT

if [ -z "${NEO4J_URI:-}" ]; then
	port="${RELIABILITY_NEO4J_PORT:-7693}"
	home="$PWD/.neo4j-reliability"
	export NEO4J_PASSWORD="${NEO4J_PASSWORD:-zonegraph-reliability}"
	if NEO4J_LOCAL_PORT="$port" NEO4J_LOCAL_HOME="$home" bash scripts/neo4j.sh start; then
		started=1
		export NEO4J_URI="bolt://127.0.0.1:$port" NEO4J_USERNAME=neo4j NEO4J_DATABASE=neo4j
	elif [ "${CI:-}" = "true" ]; then
		echo "reliability: local Neo4j did not start; CI=true requires it" >&2
		exit 1
	fi
fi

set +e
go test -p 1 -count=1 -timeout 60m -v ${RELIABILITY_RUN:+-run "$RELIABILITY_RUN"} ./reliability 2>&1 |
	tee "$ZONEGRAPH_RELIABILITY_OUT/reliability.log" |
	grep --line-buffered -E '^(=== RUN|--- |\s+--- |PASS|FAIL|ok )|_test.go:[0-9]+:'
status=${PIPESTATUS[0]}
set -e
echo "reliability: go test exit $status; figures in $ZONEGRAPH_RELIABILITY_OUT"
exit "$status"
