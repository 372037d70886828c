#!/usr/bin/env bash
# The project's one test command (README: `make test`; .ci/run calls it).
# It installs what the tests need (Chromium, npm packages), builds the web
# assets, starts a local Neo4j when NEO4J_URI is not given, runs every Go
# test against it (CI=true turns a missing Neo4j or browser into a failure),
# runs short fuzz sessions, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS="${GOFLAGS:--buildvcs=false}"

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
go version
java -version 2>&1 | head -1 || true
node --version || true

step "browser for the web tests"
if [ -x scripts/ensure-chromium.sh ]; then bash scripts/ensure-chromium.sh; fi

step "web assets"
if [ -f web/package.json ]; then make --no-print-directory web; fi

step "generated code is current"
if grep -q '^check-generate:' mk/*.mk 2>/dev/null; then make --no-print-directory check-generate; fi

step "go vet"
go vet ./...

started_neo4j=""
cleanup() {
  if [ -n "$started_neo4j" ]; then
    step "stopping local Neo4j"
    bash scripts/neo4j.sh stop || true
  fi
}
trap cleanup EXIT

if [ -z "${NEO4J_URI:-}" ]; then
  step "local Neo4j"
  export NEO4J_LOCAL_PORT="${NEO4J_LOCAL_PORT:-7687}"
  export NEO4J_LOCAL_HOME="${NEO4J_LOCAL_HOME:-$PWD/.neo4j-test}"
  export NEO4J_PASSWORD="${NEO4J_PASSWORD:-zonegraph-test}"
  if bash scripts/neo4j.sh start; then
    started_neo4j=1
    export NEO4J_URI="bolt://127.0.0.1:${NEO4J_LOCAL_PORT}"
    export NEO4J_USERNAME="${NEO4J_USERNAME:-neo4j}"
    export NEO4J_DATABASE="${NEO4J_DATABASE:-neo4j}"
  elif [ "${CI:-}" = "true" ]; then
    echo "local Neo4j did not start (see the log above); CI=true requires it" >&2
    exit 1
  else
    echo "local Neo4j did not start: Neo4j tests will be skipped" >&2
  fi
fi

step "go test (NEO4J_URI=${NEO4J_URI:-unset})"
# -p 1: the Neo4j-backed suites share one database and reset it between tests.
go test -p 1 -count=1 -timeout 40m ./...

step "long reliability proofs (make reliability: hostile pages up to the size limit, SIGKILL mid-load, Neo4j cut and restart under load, 60 s load test)"
if [ -n "${NEO4J_URI:-}" ]; then
  make --no-print-directory reliability
elif [ "${CI:-}" = "true" ]; then
  echo "no Neo4j for the reliability proofs; CI=true requires it" >&2
  exit 1
fi

step "short fuzz runs"
go test ./extract -run '^$' -fuzz '^FuzzPage$' -fuzztime 20s -parallel 1
if grep -rq 'func FuzzSearch' graph 2>/dev/null; then
  go test ./graph -run '^$' -fuzz '^FuzzSearch$' -fuzztime 10s
fi

step "all tests passed"
