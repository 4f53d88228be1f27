#!/usr/bin/env bash
# Measures the standalone platform as a user meets it: time from command to every service UP behind the
# gateway (first start on an empty data directory, then a restart on the same one), resident memory of the
# whole platform after a light load, and time to stop. Prints a Markdown table row per measurement.
# Usage: bench/platform-footprint.sh [records-to-ingest]   (needs ports 8080-8087, 9092-9093, 15432 free)
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-400}
data=$(mktemp -d /tmp/vops-bench.XXXXXX)
log=$data.log
trap 'rm -rf "$data" "$log"' EXIT

./start-platform --help >/dev/null   # builds the jar first if needed, so the build is not timed

now() { date +%s.%N; }
since() { python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$(now)"; }
platform_pid() { pgrep -f "java .*standalone-.*-exec.jar --data-dir $data" | head -n 1; }

start() {
  local t0; t0=$(now)
  ./start-platform --data-dir "$data" >>"$log" 2>&1 &
  for _ in $(seq 1 240); do
    if curl -sf localhost:8080/api/v1/platform/status -o /dev/null; then since "$t0"; return; fi
    sleep 0.25
  done
  echo "platform did not come up; see $log" >&2; exit 1
}

stop() {
  local pid t0; pid=$(platform_pid); t0=$(now)
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  since "$t0"
}

first=$(start)
# the admin key the platform prints once at its first start
key=$(grep -oE 'vops_[A-Za-z0-9_-]+' "$log" | head -n 1)
curl -sf -o /dev/null -XPOST localhost:8080/api/v1/datasets -H "X-Api-Key: $key" -H 'Content-Type: application/json' \
  -d '{"name":"bench","columns":[{"name":"school","type":"categorical"},{"name":"age","type":"integer"},{"name":"G3","type":"integer"}]}'
for ((i = 0; i < records; i += 2)); do
  curl -sf -o /dev/null -XPOST localhost:8080/api/v1/datasets/bench/records -H "X-Api-Key: $key" \
    -H 'Content-Type: application/json' -d "[{\"_id\":\"a$i\",\"school\":\"GP\",\"age\":17,\"G3\":14},{\"_id\":\"b$i\",\"school\":\"MS\",\"age\":18,\"G3\":9}]"
done
sleep 5
pid=$(platform_pid)
jvm_rss=$(awk '/^Rss:/ {print int($2/1024)}' /proc/"$pid"/smaps_rollup)
pg_pss=$(for p in $(pgrep -x postgres); do awk '/^Pss:/ {print $2}' /proc/"$p"/smaps_rollup; done | awk '{s+=$1} END {print int(s/1024)}')
stored=$(curl -s -H "X-Api-Key: $key" "localhost:8080/api/v1/features/bench/records?limit=10000" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
stop1=$(stop)
left=$(pgrep -xc postgres || true)
second=$(start)
stop2=$(stop)

echo "| first start (empty data dir), command → status UP | ${first} s |"
echo "| restart (same data dir), command → status UP | ${second} s |"
echo "| JVM resident memory after ${records} records in (${stored} stored) | ${jvm_rss} MiB |"
echo "| PostgreSQL proportional memory (all its processes) | ${pg_pss} MiB |"
echo "| whole platform | $((jvm_rss + pg_pss)) MiB |"
echo "| stop (SIGTERM → process gone) | ${stop1} s, then ${stop2} s; postgres processes left: ${left} |"
