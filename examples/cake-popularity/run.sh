#!/usr/bin/env bash
# The cake-popularity project against a running platform: generate a survey, learn who likes which cake, serve the
# model, then let an older crowd in and watch the drift report notice.   VOPS_KEY=vops_... ./run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
vops() { "$root/vops" "$@"; }
: "${VOPS_KEY:?set VOPS_KEY to the admin key the platform printed at its first start}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

"$java" "$here/GenerateSurvey.java" 2000 7 > "$work/survey.csv"
vops datasets create "$here/cake-survey.yaml"
vops datasets ingest cake-survey "$work/survey.csv" --wait
vops pipelines apply "$here/cake-liked.yaml"
vops pipelines run cake-liked --wait
vops runs list -e cake-liked
vops predict cake-liked --data '{"flavour": "chocolate", "age_group": "child", "sweetness": 5, "occasion": "birthday"}'
vops predict cake-liked --data '{"flavour": "carrot", "age_group": "senior", "sweetness": 5, "occasion": "everyday"}'

# An older crowd: only adults and seniors. Their answers are sent for predictions; monitoring compares them with
# the training data.
"$java" "$here/GenerateSurvey.java" 600 8 --older | tail -n +2 \
  | awk -F, '{ printf "{\"flavour\":\"%s\",\"age_group\":\"%s\",\"sweetness\":%s,\"occasion\":\"%s\"}\n", $2, $3, $4, $5 }' \
  > "$work/older.ndjson"
vops predict cake-liked --file "$work/older.ndjson" > /dev/null
sleep "${VOPS_DRIFT_WAIT:-40}"
vops drift cake-liked
