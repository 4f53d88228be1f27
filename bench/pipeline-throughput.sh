#!/usr/bin/env bash
# Record-path throughput (docs/benchmarks.md, "Record path"): N records of 30 columns from a raw Kafka topic
# through ingestion and validation to vops.records.validated on the standalone platform, against plain Kafka
# produce + consume of the same records in the same run, and a streamed CSV upload of as many rows through the
# gateway. Each line also gives the CPU time the platform's JVM and its PostgreSQL spent, per record: on a shared
# machine that varies much less than the wall-clock rate, and the record path's CPU by thread (the JIT compilers and
# the collector included). The platform warms up first, in rounds of 100,000 records, until the compilers take less
# than a tenth of the CPU (-Dbench.warmup=N records a round, -Dbench.warmup-rounds=N at most; 30 by default).
# Usage: bench/pipeline-throughput.sh [records [more -D options, e.g. -Dbench.warmup-rounds=1]]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
records="${1:-1000000}"
shift $(( $# > 0 ? 1 : 0 ))
./mvnw -B -q -DskipTests install -pl standalone -am
./mvnw -B -o -pl standalone test -Dtest=PipelineThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.records="$records" "$@" 2>&1 | grep -E '^BENCH|^ +[0-9.]+ us |Tests run:|ERROR' || true
