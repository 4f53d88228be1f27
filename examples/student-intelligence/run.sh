#!/usr/bin/env bash
# The student-intelligence project end to end against a running platform (./start-platform):
# define the two courses, ingest the real UCI files, train pass/fail (setups A, B, C) and final-grade pipelines,
# compare runs, approve a promotion, predict, then shift the live inputs and watch drift trigger a retraining.
#   VOPS_KEY=vops_... examples/student-intelligence/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${VOPS_DATASETS:-$here/data}"
vops() { "$root/vops" "$@"; }
url="${VOPS_URL:-http://localhost:8080}"
api() { curl -sS -f -H "X-Api-Key: $VOPS_KEY" -H 'Content-Type: application/json' "$@"; }
: "${VOPS_KEY:?set VOPS_KEY to the admin key the platform printed at its first start}"
[ -f "$data/student-mat.csv" ] || { echo "student data not found in $data (set VOPS_DATASETS)" >&2; exit 4; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$*"; }

# The files have no id column; add one (course and row number) so features can be looked up per student.
for course in mat por; do
  awk -v c="$course" 'BEGIN { FS = OFS = ";" } NR == 1 { print "student_id", $0; next } NF > 1 { print "\"" c "-" NR - 1 "\"", $0 }' \
    "$data/student-$course.csv" > "$work/student-$course.csv"
done

step "1. Datasets: define both courses, ingest the real files, every row validated"
for course in mat por; do
  vops datasets create "$here/datasets/student-$course.yaml"
  vops datasets ingest "student-$course" "$work/student-$course.csv" --wait
done
vops datasets list

step "2. Derived features for the online store and snapshots"
api -XPOST "$url/api/v1/features/student-mat/derived" -d '{"name": "alcohol", "expression": "Dalc + Walc"}' >/dev/null || true
api -XPOST "$url/api/v1/features/student-por/derived" -d '{"name": "grade_trend", "expression": "G2 - G1"}' >/dev/null || true
api "$url/api/v1/features/student-mat/entities/mat-17" > "$work/mat-17.json"
head -c 400 "$work/mat-17.json"; echo

step "3. Pipelines: pass/fail in Mathematics (setups A, B, C) and the final grade in Portuguese"
for p in "$here"/pipelines/*.yaml; do vops pipelines apply "$p"; done
for p in student-pass-c student-pass-b student-grade; do vops pipelines run "$p" --wait; done
vops pipelines run student-pass-a --wait || true   # manual approval: its promotion waits below

step "4. Runs: the leaderboard of setup B, and the two best candidates side by side"
trials="attributes.run_name LIKE '%#%'"     # the candidates' runs, not the job's own
vops runs list -e student-pass-b --filter "$trials" --order-by "metrics.cv_accuracy DESC" --max 10
best=$(vops -o json runs list -e student-pass-b --filter "$trials" --order-by "metrics.cv_accuracy DESC" --max 2 \
       | grep -o '"run_id" *: *"[^"]*"' | cut -d'"' -f4 | head -n 2 | tr '\n' ' ')
# shellcheck disable=SC2086
[ -n "$best" ] && vops runs compare $best || true

step "5. Models: setup A's promotion waits for an approver; someone else approves it"
vops models list
vops models approvals --model student-pass-a
approval=$(vops -o json models approvals --model student-pass-a | grep -o '"id" *: *"[^"]*"' | cut -d'"' -f4 | head -n 1 || true)
if [ -n "$approval" ]; then
  approver=$(api -XPOST "$url/api/v1/admin/api-keys" -d '{"name": "head-of-studies", "roles": ["approver", "viewer"]}' \
             | grep -o '"key" *: *"[^"]*"' | cut -d'"' -f4)
  VOPS_KEY="$approver" vops models approve "$approval" --reason "setup A beats the paper on the held-out students"
fi
vops models card student-pass-a 1 | head -n 30

step "6. Predictions: by student id (features from the online store) and from raw values"
vops predict student-pass-c --entity mat-17
vops predict student-grade --data '{"school":"GP","sex":"F","age":17,"address":"U","famsize":"GT3","Pstatus":"T","Medu":4,"Fedu":3,"Mjob":"teacher","Fjob":"other","reason":"course","guardian":"mother","traveltime":1,"studytime":3,"failures":0,"schoolsup":"no","famsup":"yes","paid":"no","activities":"yes","nursery":"yes","higher":"yes","internet":"yes","romantic":"no","famrel":4,"freetime":3,"goout":2,"Dalc":1,"Walc":1,"health":5,"absences":2,"G1":13,"G2":14}'

step "7. Drift: the next cohort misses three times as many classes, and half of them flip on higher education"
awk 'BEGIN { FS = ";" } NR == 1 { for (i = 1; i <= NF; i++) { gsub(/"/, "", $i); name[i] = $i }; next }
     NF > 1 { printf "{"; sep = "";
       for (i = 1; i <= NF; i++) { v = $i; quoted = v ~ /^"/; gsub(/"/, "", v);
         if (name[i] == "G3" || name[i] == "G1" || name[i] == "G2") continue;
         if (name[i] == "absences") v = v * 3;
         if (name[i] == "higher" && NR % 2 == 0) v = (v == "yes") ? "no" : "yes";
         printf "%s\"%s\":%s", sep, name[i], (quoted ? "\"" v "\"" : v); sep = "," }
       print "}" }' "$data/student-mat.csv" > "$work/shifted.ndjson"
# retrain when at least 5 % of the inputs drift (the default asks for half of them), from 300 predictions on
api -XPUT "$url/api/v1/monitoring/models/student-pass-c/policy" \
    -d '{"driftShare": 0.05, "retraining": {"onDrift": true, "minSamples": 300}}' > /dev/null
vops predict student-pass-c --file "$work/shifted.ndjson" > /dev/null
sleep "${VOPS_DRIFT_WAIT:-40}"    # monitoring evaluates every 30 s
vops drift student-pass-c
echo "drift report: $url/api/v1/monitoring/models/student-pass-c/drift.html"

step "8. The loop: the drift alert asked for a retraining; training ran it and the gate decided"
sleep "${VOPS_RETRAIN_WAIT:-30}"
api "$url/api/v1/training-jobs?pipeline=student-pass-c&limit=5" > "$work/jobs.json"
grep -o '"status":"[a-z]*","trigger":"retraining","triggerKey":"[^"]*","requestedBy":"[^"]*"' "$work/jobs.json" | head -n 3
grep -o '"verdict":"[a-z]*"' "$work/jobs.json" | head -n 3
echo
echo "Done. Console: $url/console/  Swagger UI: $url/swagger-ui.html  Metrics: $url/actuator/prometheus"
