#!/usr/bin/env bash
# Monitor report benchmark (issue 6): a demo on a fresh data directory is filled with one year of monitor data
# (URLS notified URLs, default 1 000 000, and CHECKS checks, default 20 000 000, plus as many reports as URLs), then
# the yearly JSON report is asked for ROUNDS periods the cache has not seen, and each once more from the cache.
# Run from the project root after './mvnw -B package -DskipTests'. Needs a few GB of disk under /tmp.
set -euo pipefail
urls=${1:-1000000}
checks=${2:-20000000}
rounds=${3:-5}
port=${PORT:-18394}
db_port=${DB_PORT:-54339}
java="${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}/bin/java"
work=$(mktemp -d /tmp/takedown-monitor-bench.XXXXXX)
server=
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

mkdir -p "$work/data"
TAKEDOWN_DEMO_SCENARIO=none TAKEDOWN_DB_EMBEDDED_PORT="$db_port" \
  ./takedown demo --port "$port" --data-dir "$work/data" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 180); do
  curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
"$java" -cp benchmarks/target/benchmarks.jar org.takedown.benchmarks.MonitorLoad generate \
  "jdbc:postgresql://127.0.0.1:$db_port/postgres" postgres "$urls" "$checks"
"$java" -cp benchmarks/target/benchmarks.jar org.takedown.benchmarks.MonitorLoad measure \
  "http://127.0.0.1:$port" "$rounds"
