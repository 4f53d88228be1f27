#!/usr/bin/env bash
# Serving benchmark (docs/benchmarks.md, "Serving"): single-row predictions of a gradient-boosting model measured
# against serving's hello-world endpoint, straight to serving and through the gateway (its executable jar, started
# by the benchmark with security on), peak throughput and latency at half of it, then a batch job over a
# 1,000,000-row CSV; serving and the registry run on the real broker and PostgreSQL of the integration tests.
# Usage: bench/serving-benchmark.sh [seconds-of-load] [callers] [batch-rows]   (defaults 10, 16, 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
echo "machine: $(nproc) vCPU, $(free -g | awk '/Mem:/ {print $2}') GiB; load average before: $(cat /proc/loadavg)"
./mvnw -B -q -o -DskipTests install -pl gateway,serving-service -am
gateway_jar="$(ls "$PWD"/gateway/target/gateway-*-exec.jar | head -1)"
./mvnw -B -o -pl serving-service test -Dtest=ServingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.seconds="${1:-10}" -Dbench.callers="${2:-16}" -Dbench.batchRows="${3:-1000000}" \
  -Dbench.gatewayJar="$gateway_jar" 2>&1 | grep -E '^BENCH|Tests run:|ERROR|FAIL' || true
echo "load average after: $(cat /proc/loadavg)"
