#!/usr/bin/env bash
# Monitoring benchmark (docs/benchmarks.md, "Monitoring"): drift over a 1,000,000-prediction window of 30 features and
# the prediction (in memory, the evaluation the service runs every round), and prediction-log intake from Kafka into
# the windows and PostgreSQL (embedded broker and database, the real registry in the same JVM, as the integration
# tests run). Usage: bench/monitoring-benchmark.sh [window] [events]   (defaults 1000000 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
window="${1:-1000000}"
events="${2:-200000}"
echo "load average before: $(cat /proc/loadavg)"
./mvnw -B -q -o -pl contracts,messaging,http-problems,caller-identity,test-support,ml-core,model-loading,registry-service \
  install -DskipTests
./mvnw -B -o -pl monitoring-service test -Dtest='DriftBenchmark,PredictionIntakeBenchmark' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dbench.window="$window" -Dbench.events="$events" 2>&1 \
  | grep -E '^BENCH|Tests run:|ERROR' || true
echo "load average after: $(cat /proc/loadavg)"
