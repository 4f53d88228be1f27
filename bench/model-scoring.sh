#!/usr/bin/env bash
# Single-row scoring cost per algorithm (docs/benchmarks.md, "Serving"): one thread, 100-tree ensembles, 3 classes
# over 12 features; XGBoost through the Java evaluator serving uses and through XGBoost4J's native predictor.
# In ml-core's test sources (SingleRowScoringBenchmark), left out of the normal test run.
# Usage: bench/model-scoring.sh [milliseconds-per-algorithm]   (default 3000)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
echo "machine: $(nproc) vCPU, $(free -g | awk '/Mem:/ {print $2}') GiB; load average before: $(cat /proc/loadavg)"
./mvnw -B -o -pl ml-core test -Dtest=SingleRowScoringBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.millis="${1:-3000}" 2>&1 | grep -E '^BENCH|Tests run:|ERROR|FAIL' || true
echo "load average after: $(cat /proc/loadavg)"
