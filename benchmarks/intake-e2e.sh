#!/usr/bin/env bash
# End-to-end intake benchmark (issue 4): COUNT reported URLs (default 100 000 on 700 hosts) imported with
# 'takedown import reports' into a running demo, attributed with a fake DNS (static host table, documentation
# addresses) and routed. Prints the wall time from the start of the import until no URL waits for attribution.
# Run from the project root after './mvnw -B package -DskipTests'. Uses a fresh data directory; copies the IP-to-ASN
# data from ./data when present (otherwise the demo fetches it with npm).
set -euo pipefail
count=${1:-100000}
hosts=${2:-700}
port=${PORT:-18393}
java="${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}/bin/java"
work=$(mktemp -d /tmp/takedown-intake-e2e.XXXXXX)
server=
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

"$java" -cp benchmarks/target/benchmarks.jar org.takedown.benchmarks.IntakeLoad generate \
  "$work/reports.csv" "$work/hosts.properties" "$count" "$hosts"
mkdir -p "$work/data"
if [ -d data/ip-location-db ]; then cp -r data/ip-location-db "$work/data/"; fi

TAKEDOWN_DEMO_SCENARIO=none SPRING_CONFIG_ADDITIONAL_LOCATION="file:$work/hosts.properties" \
  ./takedown demo --port "$port" --data-dir "$work/data" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 180); do
  curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
key=$(./takedown apikey create --name bench --scope metrics --data-dir "$work/data" |
  awk '/shown only now/ { getline; print; exit }')
pending() {
  curl -fsS -H "Authorization: Bearer $key" "http://127.0.0.1:$port/actuator/prometheus" |
    awk '/^takedown_attribution_pending/ { print int($2) }'
}

start=$(date +%s.%N)
./takedown import reports "$work/reports.csv" --data-dir "$work/data" | tail -3
imported=$(date +%s.%N)
while [ "$(pending)" != "0" ]; do sleep 0.5; done
done_at=$(date +%s.%N)
awk -v s="$start" -v i="$imported" -v d="$done_at" -v n="$count" \
  'BEGIN { printf "import: %.1f s; import + attribution of %d URLs: %.1f s\n", i - s, n, d - s }'
