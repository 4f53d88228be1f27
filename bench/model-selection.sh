#!/usr/bin/env bash
# Model selection benchmarks (docs/benchmarks.md "Model selection", docs/model-quality.md), in ml-core's test
# sources and left out of the normal test run (surefire runs *Tests only).
#   bench/model-selection.sh [selection]   4 algorithms x 10 configurations, 5-fold CV, 100,000 rows x 20 columns,
#                                          parallelism 2; then Smile gradient boosting vs XGBoost on the same data
#   bench/model-selection.sh quality       the student and red wine comparisons with the papers (20 x CV)
# Environment: ROWS (default 100000), REPETITIONS (default 20), SUBJECTS (default mat,por).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
what="${1:-selection}"
case "$what" in
  selection) test=ModelSelectionBenchmark ;;
  quality) test=ModelQualityBenchmark ;;
  *) echo "usage: $0 [selection|quality]" >&2; exit 2 ;;
esac
props="-Dbench.rows=${ROWS:-100000} -Dbench.repetitions=${REPETITIONS:-20} -Dbench.subjects=${SUBJECTS:-mat,por}"
echo "load average before: $(cat /proc/loadavg)"
./mvnw -B -o -pl ml-core test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false $props \
  -DargLine="$props -Xmx8g" 2>&1 | grep -E '^BENCH|Tests run:|ERROR|FAIL' || true
echo "load average after: $(cat /proc/loadavg)"
