#!/usr/bin/env bash
# What the gateway's Redis stores cost a request (docs/benchmarks.md, "Gateway: Redis stores"): one routed call with
# an API key through gateways on the memory and file stores and on the Redis stores, on a local redis-server, in one
# run. Needs redis-server (apt-get install redis-server); the benchmark starts and stops its own.
# Usage: bench/gateway-redis-stores.sh [requests] [seconds-of-load]   (defaults 5000 and 10)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -DskipTests install -pl gateway -am
./mvnw -B -o -pl gateway test -Dtest=RedisStoresBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.requests="${1:-5000}" -Dbench.seconds="${2:-10}" 2>&1 | grep -E '^BENCH|Tests run:|ERROR' || true
