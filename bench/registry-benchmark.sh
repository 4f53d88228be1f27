#!/usr/bin/env bash
# Registry benchmark (docs/benchmarks.md, "Registry"): MLflow runs/search with metric filters over 100,000
# runs, and log-batch throughput, both over HTTP against the registry service on a real PostgreSQL
# (embedded, as in the integration tests). Usage: bench/registry-benchmark.sh [runs]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
runs="${1:-100000}"
./mvnw -B -q -o -pl contracts,messaging,http-problems,test-support install -DskipTests
./mvnw -B -o -pl registry-service test -Dtest=RegistryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.runs="$runs" -DargLine="-Dbench.runs=$runs" 2>&1 | grep -E '^BENCH|Tests run:|ERROR' || true
