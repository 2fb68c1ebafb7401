#!/usr/bin/env bash
# `make bench` (second part): dossiers. Online submissions with a 200 KB
# attachment, public tracking and officer worklists, measured with wrk
# against a local server holding BENCH_DOSSIERS seeded dossiers (1,000,000),
# on SQLite and on PostgreSQL. Everything runs on 127.0.0.1.
#
# For each engine:
#   migrate, `seed demo`, `seed dossiers --count BENCH_DOSSIERS` (timed);
#   start `motcua serve`; log in the demo citizen and desk officers;
#   EXPLAIN of the worklist query (bench/results/.../ENGINE-explain-*.txt);
#   warm-up, then in this order:
#     /healthz, tracking, /healthz                  tracking ratio = req/s / mean of the two /healthz
#     worklist page 1 (ward officer), page 2 (after=), page 1 (Sở Tư pháp officer),
#     the same three at BENCH_LIST_LOW_CONNECTIONS, and the Sở Tư pháp desk's
#     "waiting for reception" list (status=submitted) at that concurrency, /healthz
#     raw-insert, submissions, raw-insert           submission ratio = req/s / mean of the two raw-insert runs
#   then checks that every acknowledged submission is stored, with its file.
# raw-insert (`motcua bench raw-insert`) is the engine's raw ceiling for a
# durable submission: per operation one 200 KB file written and fsynced
# through the file store and one dossier row inserted in its own committed
# transaction, by BENCH_SERVER_THREADS threads: the most operations the
# server's worker threads could have in flight.
#
# Targets (issue): submissions >= 30 % of the raw ceiling; tracking >= 30 %
# of /healthz; worklist p99 < 20 ms with 1,000,000 dossiers; no errors.
#
# Environment (all optional):
#   BENCH_DURATION=10s          each measured run (wrk and raw-insert)
#   BENCH_WARMUP=2s             warm-up before measuring (0 to skip)
#   BENCH_CONNECTIONS=64        wrk connections for /healthz, tracking and worklists
#   BENCH_SUBMIT_CONNECTIONS=8  wrk connections for submissions
#   BENCH_LIST_LOW_CONNECTIONS=4  worklists once more at this concurrency (a
#                               ward's desk officers), where p99 is service
#                               time rather than queueing behind 64 clients
#   BENCH_WRK_THREADS=2         wrk threads
#   BENCH_SERVER_THREADS=2      `motcua serve --threads` and raw-insert --threads
#   BENCH_DOSSIERS=1000000      seeded dossiers
#   BENCH_ENGINES="sqlite postgresql"
#   BENCH_PG_DURABLE=1          restart the throwaway cluster with PostgreSQL's
#                               default durability (fsync, synchronous_commit,
#                               full_page_writes on; scripts/pg-temp.sh turns
#                               them off for tests). 0 keeps pg-temp's settings.
#   MOTCUA_BENCH_PG_URL         use this database instead (it is migrated and seeded!)
#   BENCH_STRICT=1              exit 1 when a target is missed
#   BUILD=build                 build directory holding motcua
# Results: printed, and written to bench/results/<timestamp>-dossiers/
# (gitignored); bench/results/latest-dossiers.md holds the Markdown table.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build}
BIN="$ROOT/$BUILD/motcua"
seconds_of() { local v=${1%s}; [[ "$v" =~ ^[0-9]+$ ]] || return 1; echo "$v"; }
DURATION_S=$(seconds_of "${BENCH_DURATION:-10s}") && [ "$DURATION_S" -ge 1 ] \
  || { echo "bench: BENCH_DURATION is seconds (e.g. 10 or 10s)" >&2; exit 2; }
WARMUP_S=$(seconds_of "${BENCH_WARMUP:-2s}") || { echo "bench: BENCH_WARMUP is seconds" >&2; exit 2; }
CONNECTIONS=${BENCH_CONNECTIONS:-64}
SUBMIT_CONNECTIONS=${BENCH_SUBMIT_CONNECTIONS:-8}
LOW_CONNECTIONS=${BENCH_LIST_LOW_CONNECTIONS:-4}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SERVER_THREADS=${BENCH_SERVER_THREADS:-2}
DOSSIERS=${BENCH_DOSSIERS:-1000000}
ENGINES=${BENCH_ENGINES:-sqlite postgresql}
PG_DURABLE=${BENCH_PG_DURABLE:-1}
# Chứng thực bản sao từ bản chính (ward): one required component, online.
PROCEDURE=2.000815
COMPONENT=0
ATTACHMENT_BYTES=204800
CITIZEN=079203001234
WARD_OFFICER=motcua.saigon
JUSTICE_OFFICER=motcua.tuphap
TARGET_SUBMIT_RATIO=0.30
TARGET_TRACKING_RATIO=0.30
TARGET_LIST_P99_MS=20

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

[ -x "$BIN" ] || die "$BIN not found: run \`make build\` first"

bench_tools "$ENGINES"

# --- state and cleanup --------------------------------------------------------------
WORK=$(mktemp -d /tmp/motcua-bench-dossiers.XXXXXX)
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/bench/results/$STAMP-dossiers"
mkdir -p "$OUT"
TSV="$OUT/results.tsv"
tsv_header
NOTES="$OUT/notes.txt"
: >"$NOTES"

declare -A ROW

stored() {  # stored [ARGS...]: the STORED line of `motcua bench stored`
  "$BIN" --db "$URL" bench stored "$@" | grep '^STORED ' || die "$ENGINE: bench stored failed"
}
stored_field() { sed -n "s/.* $2=\([0-9]*\).*/\1/p" <<<" $1"; }

bench_engine() {
  ROW=()
  FILES="$WORK/files-$ENGINE"
  log "$ENGINE: migrate, seed demo"
  "$BIN" --db "$URL" migrate >"$WORK/$ENGINE-seed.log" 2>&1 \
    && "$BIN" --db "$URL" seed demo --file "$ROOT/data/demo/catalog.json" >>"$WORK/$ENGINE-seed.log" 2>&1 \
    || { cat "$WORK/$ENGINE-seed.log" >&2; die "$ENGINE: migrate/seed demo failed"; }
  log "$ENGINE: seed dossiers --count $DOSSIERS"
  local t0 t1
  t0=$(date +%s.%N)
  "$BIN" --db "$URL" seed dossiers --count "$DOSSIERS" --files "$FILES" --defer-indexes >"$OUT/$ENGINE-seed.txt" 2>"$WORK/$ENGINE-seed-progress.log" \
    || { cat "$WORK/$ENGINE-seed-progress.log" >&2; die "$ENGINE: seed dossiers failed"; }
  t1=$(date +%s.%N)
  note "$ENGINE: seed dossiers --count $DOSSIERS: $(awk -v a="$t0" -v b="$t1" -v n="$DOSSIERS" 'BEGIN { printf "%.0f s, %.0f dossiers/s", b - a, n / (b - a) }'): $(cat "$OUT/$ENGINE-seed.txt")"
  if [ "$ENGINE" = postgresql ] && command -v psql >/dev/null; then
    psql -q "$URL" -c CHECKPOINT >/dev/null 2>&1 || true  # seed's WAL flushed before measuring
  fi

  start_server --files "$FILES"
  local citizen ward justice
  citizen=$(login "$CITIZEN")
  ward=$(login "$WARD_OFFICER")
  justice=$(login "$JUSTICE_OFFICER")
  "$BIN" --db "$URL" bench codes --limit 20000 >"$WORK/codes.txt" || die "$ENGINE: no dossier codes"

  # Sanity: each endpoint answers as expected before it is measured.
  local code page2_after body
  code=$(head -n 1 "$WORK/codes.txt")
  curl -fsS -o /dev/null --max-time 10 "http://127.0.0.1:$PORT/api/v1/tracking/$code" \
    || die "$ENGINE: GET /api/v1/tracking/$code did not answer 200"
  body=$(curl -fsS --max-time 30 -H "Authorization: Bearer $ward" "http://127.0.0.1:$PORT/api/v1/dossiers?limit=20") \
    || die "$ENGINE: worklist did not answer 200"
  page2_after=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert len(d["items"]) == 20; print(d["next_after"])' "$body") \
    || die "$ENGINE: the ward's worklist does not have 20 dossiers"
  head -c $((ATTACHMENT_BYTES - 64)) /dev/urandom >"$WORK/sample.bin"
  { printf '%%PDF-1.7\n%% sanity %s\n' "$RANDOM$RANDOM"; cat "$WORK/sample.bin"; } >"$WORK/sample.pdf"
  curl -fsS -o "$WORK/submit.json" --max-time 30 -H "Authorization: Bearer $citizen" \
    -F "dossier={\"procedure_code\":\"$PROCEDURE\"};type=application/json" \
    -F "component_$COMPONENT=@$WORK/sample.pdf;type=application/pdf" "http://127.0.0.1:$PORT/api/v1/dossiers" \
    || die "$ENGINE: a sample submission did not answer 2xx"

  # Query plans of the worklist statement (evidence for docs/performance.md).
  "$BIN" --db "$URL" bench explain-worklist --officer "$WARD_OFFICER" --runs 200 >"$OUT/$ENGINE-explain-ward-page1.txt"
  "$BIN" --db "$URL" bench explain-worklist --officer "$WARD_OFFICER" --after "$page2_after" --runs 200 \
    >"$OUT/$ENGINE-explain-ward-page2.txt"
  "$BIN" --db "$URL" bench explain-worklist --officer "$JUSTICE_OFFICER" --runs 20 >"$OUT/$ENGINE-explain-justice-page1.txt"
  "$BIN" --db "$URL" bench explain-worklist --officer "$JUSTICE_OFFICER" --status submitted --runs 20 \
    >"$OUT/$ENGINE-explain-justice-submitted.txt"

  if [ "$WARMUP_S" -gt 0 ]; then
    run_wrk warmup "warm-up" tracking.lua "$CONNECTIONS" "$WARMUP_S" BENCH_CODES_FILE="$WORK/codes.txt"
  fi
  run_wrk healthz-1 "/healthz" healthz.lua "$CONNECTIONS" "$DURATION_S"
  run_wrk tracking "tracking /api/v1/tracking/{code}" tracking.lua "$CONNECTIONS" "$DURATION_S" \
    BENCH_CODES_FILE="$WORK/codes.txt"
  run_wrk healthz-2 "/healthz" healthz.lua "$CONNECTIONS" "$DURATION_S"
  run_wrk list-ward-1 "worklist page 1, ward officer (1 agency)" worklist.lua "$CONNECTIONS" "$DURATION_S" \
    BENCH_TOKEN="$ward" BENCH_PATH="/api/v1/dossiers?limit=20"
  run_wrk list-ward-2 "worklist page 2 (after=), ward officer" worklist.lua "$CONNECTIONS" "$DURATION_S" \
    BENCH_TOKEN="$ward" BENCH_PATH="/api/v1/dossiers?limit=20&after=$page2_after"
  run_wrk list-justice-1 "worklist page 1, Sở Tư pháp officer (4 agencies)" worklist.lua "$CONNECTIONS" "$DURATION_S" \
    BENCH_TOKEN="$justice" BENCH_PATH="/api/v1/dossiers?limit=20"
  run_wrk list-ward-1-low "worklist page 1, ward officer ($LOW_CONNECTIONS connections)" worklist.lua \
    "$LOW_CONNECTIONS" "$DURATION_S" BENCH_TOKEN="$ward" BENCH_PATH="/api/v1/dossiers?limit=20"
  run_wrk list-ward-2-low "worklist page 2 (after=), ward officer ($LOW_CONNECTIONS connections)" worklist.lua \
    "$LOW_CONNECTIONS" "$DURATION_S" BENCH_TOKEN="$ward" BENCH_PATH="/api/v1/dossiers?limit=20&after=$page2_after"
  run_wrk list-justice-1-low "worklist page 1, Sở Tư pháp officer ($LOW_CONNECTIONS connections)" worklist.lua \
    "$LOW_CONNECTIONS" "$DURATION_S" BENCH_TOKEN="$justice" BENCH_PATH="/api/v1/dossiers?limit=20"
  run_wrk list-justice-submitted-low "worklist status=submitted, Sở Tư pháp officer ($LOW_CONNECTIONS connections)" \
    worklist.lua "$LOW_CONNECTIONS" "$DURATION_S" BENCH_TOKEN="$justice" \
    BENCH_PATH="/api/v1/dossiers?limit=20&status=submitted"
  run_wrk healthz-3 "/healthz" healthz.lua "$CONNECTIONS" "$DURATION_S"

  # Submissions, bracketed by the raw ceiling.
  local before before_id after_check created delta file_rows missing
  before=$(stored)
  before_id=$(stored_field "$before" max_id)
  run_raw raw-1
  run_wrk submit "submissions POST /api/v1/dossiers (200 KB)" submit.lua "$SUBMIT_CONNECTIONS" "$DURATION_S" \
    BENCH_TOKEN="$citizen" BENCH_PROCEDURE="$PROCEDURE" BENCH_COMPONENT="$COMPONENT" \
    BENCH_ATTACHMENT_BYTES="$ATTACHMENT_BYTES" BENCH_NONCE="$RANDOM$RANDOM"
  created=$(sed -n 's/^BENCH_CREATED created=\([0-9]*\).*/\1/p' "$OUT/$ENGINE-submit.txt")
  sleep 2  # requests still in flight when wrk stopped complete on the server
  run_raw raw-2
  after_check=$(stored --after-id "$before_id" --files "$FILES") || true
  delta=$(stored_field "$after_check" dossiers)
  file_rows=$(stored_field "$after_check" file_rows)
  missing=$(stored_field "$after_check" missing_files)
  note "$ENGINE: submissions acknowledged (201): $created; dossiers stored since: $delta; their file rows: $file_rows;" \
       "files missing or corrupt: $missing; $(grep '^BENCH_CREATED' "$OUT/$ENGINE-submit.txt")"
  # Stored >= acknowledged; the difference is at most the requests in
  # flight when wrk stopped (the server completes them; wrk does not count them).
  if [ -z "$delta" ] || [ "$delta" -lt "$created" ] || [ "$((delta - created))" -gt "$SUBMIT_CONNECTIONS" ] \
     || [ "$file_rows" != "$delta" ] || [ "$missing" != 0 ]; then
    note "$ENGINE: SUBMISSION CHECK FAILED"
    MISSED=1
  else
    note "$ENGINE: submission check passed: every acknowledged submission is stored with its file"
  fi
  stop_server

  # The same lookups with the in-memory caches off (`serve --tracking-cache
  # 0 --session-cache 0`): every request reads the database.
  start_server --files "$FILES" --tracking-cache 0 --session-cache 0
  run_wrk healthz-4 "/healthz" healthz.lua "$CONNECTIONS" "$DURATION_S"
  run_wrk tracking-nocache "tracking, no tracking cache" tracking.lua "$CONNECTIONS" "$DURATION_S" \
    BENCH_CODES_FILE="$WORK/codes.txt"
  run_wrk healthz-5 "/healthz" healthz.lua "$CONNECTIONS" "$DURATION_S"
  run_wrk list-ward-1-nocache "worklist page 1, ward officer, no session cache" worklist.lua "$CONNECTIONS" \
    "$DURATION_S" BENCH_TOKEN="$ward" BENCH_PATH="/api/v1/dossiers?limit=20"
  run_wrk list-justice-1-nocache "worklist page 1, Sở Tư pháp officer, no session cache" worklist.lua \
    "$CONNECTIONS" "$DURATION_S" BENCH_TOKEN="$justice" BENCH_PATH="/api/v1/dossiers?limit=20"
  stop_server

  # ceilings: tracking against its bracketing /healthz runs; worklists shown
  # against /healthz 2 and 3 for information; submissions against raw-insert.
  emit healthz-1 "" "" info
  emit tracking "$(mean2 healthz-1 healthz-2)" "$TARGET_TRACKING_RATIO" ratio
  emit healthz-2 "" "" info
  emit list-ward-1 "$(mean2 healthz-2 healthz-3)" "$TARGET_LIST_P99_MS" p99
  emit list-ward-2 "$(mean2 healthz-2 healthz-3)" "$TARGET_LIST_P99_MS" p99
  emit list-justice-1 "$(mean2 healthz-2 healthz-3)" "$TARGET_LIST_P99_MS" p99
  emit list-ward-1-low "$(mean2 healthz-2 healthz-3)" "$TARGET_LIST_P99_MS" p99
  emit list-ward-2-low "$(mean2 healthz-2 healthz-3)" "$TARGET_LIST_P99_MS" p99
  emit list-justice-1-low "$(mean2 healthz-2 healthz-3)" "$TARGET_LIST_P99_MS" p99
  emit list-justice-submitted-low "$(mean2 healthz-2 healthz-3)" "$TARGET_LIST_P99_MS" p99
  emit healthz-3 "" "" info
  emit raw-1 "" "" info
  emit submit "$(mean2 raw-1 raw-2)" "$TARGET_SUBMIT_RATIO" ratio
  emit raw-2 "" "" info
  emit healthz-4 "" "" info
  emit tracking-nocache "$(mean2 healthz-4 healthz-5)" "$TARGET_TRACKING_RATIO" ratio
  emit healthz-5 "" "" info
  emit list-ward-1-nocache "$(mean2 healthz-4 healthz-5)" "$TARGET_LIST_P99_MS" p99
  emit list-justice-1-nocache "$(mean2 healthz-4 healthz-5)" "$TARGET_LIST_P99_MS" p99
}

# --- machine ----------------------------------------------------------------------------
machine_info \
  "wrk: -t $WRK_THREADS -c $CONNECTIONS (worklists also -c $LOW_CONNECTIONS, submissions -c $SUBMIT_CONNECTIONS) -d ${DURATION_S}s --timeout 10s; server --threads $SERVER_THREADS" \
  "dossiers: $DOSSIERS seeded; attachment $ATTACHMENT_BYTES bytes; procedure $PROCEDURE"

MISSED=0
for ENGINE in $ENGINES; do
  case "$ENGINE" in
    sqlite)
      URL="sqlite://$WORK/bench.db"
      note "sqlite: WAL, synchronous=NORMAL (the store's settings)"
      bench_engine
      rm -f "$WORK"/bench.db*
      ;;
    postgresql)
      if [ -n "${MOTCUA_BENCH_PG_URL:-}" ]; then
        URL=$MOTCUA_BENCH_PG_URL
        note "postgresql: $URL as configured"
        bench_engine
      else
        # pg-temp.sh runs with fsync, synchronous_commit and full_page_writes
        # off; a durable submission needs them on (BENCH_PG_DURABLE=1).
        pg_start "$PG_DURABLE"
        bench_engine
        pg_stop
      fi
      ;;
    *) die "unknown engine '$ENGINE' (sqlite, postgresql)" ;;
  esac
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt" >&2

# --- report -----------------------------------------------------------------------------
echo
echo "Dossier benchmark (${DURATION_S}s per run; tracking ratio vs /healthz, submissions vs raw-insert)"
awk -F'\t' 'NR == 1 { next }
  { printf "%-11s %-50s %9.0f %9.2f %9s %7s %7d  %s\n", $1, $2, $4, $7, $11 == "" ? "" : sprintf("%.0f", $11), $12, $9 + $10, $14 }
  BEGIN { printf "%-11s %-50s %9s %9s %9s %7s %7s  %s\n", "engine", "measurement", "req/s", "p99 ms", "ceiling", "ratio", "errors", "target met" }' "$TSV"
{
  echo "| Engine | Measurement | req/s | p50 ms | p99 ms | Ceiling req/s | Ratio | Errors | Target | Met |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---|---|"
  awk -F'\t' 'NR == 1 { next }
    { printf "| %s | %s | %.0f | %.2f | %.2f | %s | %s | %d | %s | %s |\n", $1, $2, $4, $5, $7,
             $11 == "" ? "" : sprintf("%.0f", $11), $12, $9 + $10, $13, $14 }' "$TSV"
  echo
  sed 's/^/- /' "$NOTES"
} >"$OUT/results.md"
cp "$OUT/results.md" "$ROOT/bench/results/latest-dossiers.md"
cp "$OUT/machine.txt" "$ROOT/bench/results/latest-dossiers-machine.txt"
echo
echo "Markdown (also in ${OUT#"$ROOT"/}/results.md and bench/results/latest-dossiers.md):"
echo
cat "$OUT/results.md"
echo
if [ "$MISSED" -ne 0 ]; then
  echo "bench: some dossier targets were missed (or a check failed)"
  [ "${BENCH_STRICT:-0}" = "1" ] && exit 1
else
  echo "bench: all dossier targets met"
fi
exit 0
