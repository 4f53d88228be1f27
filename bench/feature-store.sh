#!/usr/bin/env bash
# Feature store benchmark (docs/benchmarks.md, "Feature store"): online lookups at a fixed arrival rate over N
# entities, batch lookups, a snapshot and its NDJSON export, a point-in-time training set, and offline write
# throughput from Kafka, against the feature service on the test fixture's real Kafka and PostgreSQL (embedded).
# The N entities are seeded with SQL (insert ... select from generate_series) rather than through Kafka.
# Usage: bench/feature-store.sh [entities] [rate/s] [seconds]   (defaults 1000000 1000 60)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
entities="${1:-1000000}"
rate="${2:-1000}"
seconds="${3:-60}"
writes="${BENCH_WRITES:-200000}"
./mvnw -B -q -o -pl contracts,messaging,http-problems,test-support,ml-core install -DskipTests
echo "load before: $(cat /proc/loadavg)"
props="-Dbench.entities=$entities -Dbench.rate=$rate -Dbench.seconds=$seconds -Dbench.writes=$writes"
./mvnw -B -o -pl feature-service test -Dtest=FeatureStoreBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  $props -DargLine="$props" 2>&1 | grep -E '^BENCH|Tests run:|ERROR' || true
echo "load after: $(cat /proc/loadavg)"
