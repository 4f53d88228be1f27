#!/usr/bin/env bash
# Gateway overhead with authentication on (docs/benchmarks.md, "Gateway"): the same request through the gateway
# with an API key and straight to the service with a signed identity, on the standalone platform, in one run.
# Usage: bench/gateway-overhead.sh [requests] [seconds-of-load]   (defaults 5000 and 10)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -q -DskipTests install -pl standalone -am
./mvnw -B -o -pl standalone test -Dtest=GatewayOverheadBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.requests="${1:-5000}" -Dbench.seconds="${2:-10}" 2>&1 | grep -E '^BENCH|Tests run:|ERROR' || true
