#!/usr/bin/env bash
# Runs a local Neo4j Community 5.26 without Docker (tools/neo4j-local).
#
#   scripts/neo4j.sh start|stop|status|wait|build
#   scripts/neo4j.sh admin ARGS...   neo4j-admin on the home (Neo4j stopped), e.g.
#       admin database import full neo4j --nodes=... (the offline import)
#
# Environment:
#   NEO4J_LOCAL_HOME   data home, default .neo4j at the repo root (git-ignored)
#   NEO4J_LOCAL_PORT   Bolt port on 127.0.0.1, default 7687
#   NEO4J_PASSWORD     password of user neo4j, default zonegraph-dev
#   NEO4J_LOCAL_XMX    JVM heap, default 768m
#   NEO4J_LOCAL_PAGECACHE_MB  page cache, default 256
#   NEO4J_LOCAL_GC     JVM garbage-collector flags, default -XX:+UseG1GC; -XX:+UseParallelGC
#                     for a JVM that imports (admin, NEO4J_LOCAL_IMPORT_ARGS): the import's
#                     stages ran up to 2x faster with it on 2 cores (the imported database
#                     then serves with it too; restart for G1's shorter pauses)
#   NEO4J_LOCAL_TIMEOUT       seconds start/wait wait for the ready line, default 120
#   NEO4J_LOCAL_IMPORT_ARGS   start: a file of neo4j-admin import arguments (one per line,
#                     after `database import full neo4j`): the offline import runs first, in
#                     the same JVM, replacing the database (raise NEO4J_LOCAL_TIMEOUT to match)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$root/tools/neo4j-local"
home="${NEO4J_LOCAL_HOME:-$root/.neo4j}"
case "$home" in /*) ;; *) home="$root/$home" ;; esac
port="${NEO4J_LOCAL_PORT:-7687}"
export NEO4J_PASSWORD="${NEO4J_PASSWORD:-zonegraph-dev}"
xmx="${NEO4J_LOCAL_XMX:-768m}"
gc_default=-XX:+UseG1GC
if [[ -n "${NEO4J_LOCAL_IMPORT_ARGS:-}" || "${1:-}" == admin ]]; then
	gc_default=-XX:+UseParallelGC
fi
gc="${NEO4J_LOCAL_GC:-$gc_default}"
timeout="${NEO4J_LOCAL_TIMEOUT:-120}"
pidfile="$home/neo4j-local.pid"
logfile="$home/neo4j-local.log"
jar="$tool/target/neo4j-local-1.0.0.jar"

log() { echo "neo4j.sh: $*" >&2; }

# The flags Neo4j's own build passes to its JVMs on Java 17.
jvm_opens=(
	--add-opens=java.base/java.lang=ALL-UNNAMED
	--add-opens=java.base/java.nio=ALL-UNNAMED
	--add-opens=java.base/java.io=ALL-UNNAMED
	--add-opens=java.base/java.util=ALL-UNNAMED
	--add-opens=java.base/java.util.concurrent=ALL-UNNAMED
	--add-opens=java.base/sun.nio.ch=ALL-UNNAMED
	--add-opens=java.base/sun.net.www.protocol.http=ALL-UNNAMED
	--add-exports=java.base/sun.nio.ch=ALL-UNNAMED
)

build() {
	if [[ -f "$jar" && -d "$tool/target/lib" && "$jar" -nt "$tool/pom.xml" &&
		"$jar" -nt "$tool/src/main/java/org/zonegraph/neo4jlocal/Main.java" ]]; then
		return 0
	fi
	log "building tools/neo4j-local (Maven; downloads Neo4j 5.26 on first run)"
	local i
	for i in 1 2 3 4 5; do
		if mvn -B -q -Dstyle.color=never -f "$tool/pom.xml" -Dmaven.wagon.http.retryHandler.count=5 package -DskipTests; then
			return 0
		fi
		log "maven failed (attempt $i), retrying in $((i * 10))s (Maven Central may answer 429)"
		sleep $((i * 10))
	done
	log "could not build tools/neo4j-local"
	return 1
}

running() {
	[[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

wait_ready() {
	local deadline=$((SECONDS + timeout))
	while ((SECONDS < deadline)); do
		if grep -q '^neo4j-local ready' "$logfile" 2>/dev/null; then
			grep '^neo4j-local ready' "$logfile" | tail -1
			return 0
		fi
		if ! running; then
			log "neo4j-local exited; last log lines:"
			tail -20 "$logfile" >&2 || true
			return 1
		fi
		sleep 0.5
	done
	log "not ready after ${timeout}s; see $logfile"
	return 1
}

start() {
	mkdir -p "$home"
	if running; then
		log "already running (pid $(cat "$pidfile"), bolt://127.0.0.1:$port)"
		return 0
	fi
	build
	local t0=$SECONDS
	: >"$logfile"
	# shellcheck disable=SC2086 # $gc is a list of flags
	nohup java -Xms256m -Xmx"$xmx" $gc "${jvm_opens[@]}" \
		-cp "$jar:$tool/target/lib/*" org.zonegraph.neo4jlocal.Main \
		--home "$home" --port "$port" --pagecache "${NEO4J_LOCAL_PAGECACHE_MB:-256}" \
		>>"$logfile" 2>&1 </dev/null &
	echo $! >"$pidfile"
	if wait_ready; then
		log "started pid $(cat "$pidfile") in $((SECONDS - t0))s (log $logfile)"
	else
		stop || true
		return 1
	fi
}

stop() {
	if ! running; then
		log "not running"
		rm -f "$pidfile"
		return 0
	fi
	local pid
	pid="$(cat "$pidfile")"
	kill -TERM "$pid"
	local i
	for i in $(seq 1 60); do
		if ! kill -0 "$pid" 2>/dev/null; then
			rm -f "$pidfile"
			log "stopped pid $pid"
			return 0
		fi
		sleep 0.5
	done
	log "pid $pid did not stop in 30s; killing"
	kill -KILL "$pid" 2>/dev/null || true
	rm -f "$pidfile"
}

# admin ARGS: neo4j-admin on this home, e.g. the offline import
# (admin database import full neo4j --nodes=... --overwrite-destination=true);
# refused while this home's Neo4j runs.
admin() {
	if running; then
		log "running (pid $(cat "$pidfile")): stop it before neo4j-admin writes its store"
		return 1
	fi
	build
	mkdir -p "$home"
	# shellcheck disable=SC2086 # $gc is a list of flags
	NEO4J_LOCAL_HOME="$home" java -Xmx"$xmx" $gc "${jvm_opens[@]}" \
		-cp "$jar:$tool/target/lib/*" org.zonegraph.neo4jlocal.Main admin "$@"
}

status() {
	if running; then
		echo "running pid $(cat "$pidfile") bolt://127.0.0.1:$port home $home"
	else
		echo "stopped (home $home)"
		return 3
	fi
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) status ;;
wait) wait_ready ;;
build) build ;;
admin)
	shift
	admin "$@"
	;;
*)
	echo "usage: $0 start|stop|status|wait|build|admin ARGS..." >&2
	exit 2
	;;
esac
