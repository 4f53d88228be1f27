#!/usr/bin/env bash
# Training jobs through the real services (docs/benchmarks.md "Training jobs"): the student example's setups A, B
# and C on one snapshot, each job's wall time split by stage. The benchmark is in training-service's test sources and
# left out of the normal test run (surefire runs *Tests only).
# Environment: TRIAL_THREADS (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH"
props="-Dbench.trialThreads=${TRIAL_THREADS:-2}"
echo "load average before: $(cat /proc/loadavg)"
./mvnw -B -o -pl training-service test -Dtest=TrainingJobBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="$props" 2>&1 | grep -E '^BENCH|Tests run:|ERROR|FAIL' || true
echo "load average after: $(cat /proc/loadavg)"
