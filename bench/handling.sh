#!/usr/bin/env bash
# `make bench` (third part): dossier handling (issue 5), on SQLite and on
# PostgreSQL, everything on 127.0.0.1.
#
# For each engine:
#   migrate, `seed demo`, `seed dossiers --count BENCH_DOSSIERS` (timed): the
#   accepted dossiers spread over the four steps of their process and
#   assigned to 300 officer accounts canbo.001..canbo.300;
#   start `motcua serve --job-interval 0`; log in the 300 officers, the demo
#   citizen and the ward's desk officer, specialist and leader;
#   (a) lifecycles (below);
#   (c) with the server stopped, the lateness scan, `motcua jobs run-once`,
#       timed twice: first over the backlog (flags every overdue and
#       due-soon dossier, notifies), then a routine run with nothing new to
#       flag (target < 2 s); the server is started again;
#   (b) worklists, with /healthz before and after (ratio = req/s / mean of
#       the two): tab=mine rotating over the 300 officers' tokens and tab=unit
#       of the ward's leader, at BENCH_CONNECTIONS and again at
#       BENCH_LIST_LOW_CONNECTIONS, then tab=agency of the ward's leader at
#       BENCH_LIST_LOW_CONNECTIONS only (target p99 < 20 ms). tab=agency is
#       not run at 64 connections: at about 1 request/s with 1,000,000
#       dossiers the server would still be working through the queued
#       requests for minutes after wrk stops, and every later figure would
#       measure that backlog. After it the script waits until /healthz
#       answers again;
#   (a) full lifecycles through the API by BENCH_LIFECYCLE_CLIENTS clients
#       (bench/lifecycle.py: submit, accept, forward, attach_result,
#       forward, approve, return_result), bracketed by the engine's raw
#       ceiling (`motcua bench raw-insert`, as in bench/dossiers.sh):
#       ratio = lifecycles/s / mean raw inserts/s.
#
# Environment (all optional): BENCH_DURATION=10s, BENCH_WARMUP=2s,
#   BENCH_CONNECTIONS=64, BENCH_LIST_LOW_CONNECTIONS=4, BENCH_WRK_THREADS=2,
#   BENCH_SERVER_THREADS=2, BENCH_DOSSIERS=1000000, BENCH_OFFICERS=300,
#   BENCH_LIFECYCLE_CLIENTS=8, BENCH_ENGINES="sqlite postgresql",
#   BENCH_PG_DURABLE=1 (see bench/dossiers.sh), MOTCUA_BENCH_PG_URL,
#   BENCH_STRICT=1, BUILD=build.
#   BENCH_SQLITE_DB=FILE  use this SQLite file instead of a new one, and with
#   BENCH_SKIP_SEED=1 skip migrate, the seeds and the scans (a database a
#   previous run seeded; for re-measuring).
# Results: printed, and written to bench/results/<timestamp>-handling/
# (gitignored); bench/results/latest-handling.md holds the Markdown table.
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
LOW_CONNECTIONS=${BENCH_LIST_LOW_CONNECTIONS:-4}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SERVER_THREADS=${BENCH_SERVER_THREADS:-2}
DOSSIERS=${BENCH_DOSSIERS:-1000000}
OFFICERS=${BENCH_OFFICERS:-300}
LIFECYCLE_CLIENTS=${BENCH_LIFECYCLE_CLIENTS:-8}
ENGINES=${BENCH_ENGINES:-sqlite postgresql}
PG_DURABLE=${BENCH_PG_DURABLE:-1}
# Chứng thực bản sao từ bản chính at the ward: default 4-step process.
PROCEDURE=2.000815
COMPONENT=0
ATTACHMENT_BYTES=204800
CITIZEN=079203001234
DESK=motcua.saigon
SPECIALIST=chuyenvien.saigon
LEADER=lanhdao.saigon
TARGET_LIST_P99_MS=20
TARGET_SCAN_S=2

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

[ -x "$BIN" ] || die "$BIN not found: run \`make build\` first"
bench_tools "$ENGINES"

WORK=$(mktemp -d /tmp/motcua-bench-handling.XXXXXX)
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/bench/results/$STAMP-handling"
mkdir -p "$OUT"
TSV="$OUT/results.tsv"
tsv_header
NOTES="$OUT/notes.txt"
: >"$NOTES"
declare -A ROW

# timed NAME LABEL CMD...: runs CMD once, ROW[NAME] with its wall time
# (requests=1, p50=p99=max=the time in ms; rps = 1/time).
timed() {
  local name=$1 label=$2; shift 2
  local t0 t1 ms raw="$OUT/$ENGINE-$name.txt"
  t0=$(date +%s.%N)
  "$@" >"$raw" 2>&1 || { cat "$raw" >&2; die "$ENGINE: $label failed"; }
  t1=$(date +%s.%N)
  ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
  ROW[$name]="$label|1|$(awk -v m="$ms" 'BEGIN { printf "%.3f", 1000 / m }')|$ms|$ms|$ms|$ms|0|0"
  note "$ENGINE: $label: $(awk -v m="$ms" 'BEGIN { printf "%.2f s", m / 1000 }'): $(tr '\n' ' ' <"$raw")"
}

# emit_scan NAME TARGET_S: one TSV row for a timed run against a time target.
emit_scan() {
  local name=$1 target=$2 label requests rps p50 p90 p99 max errors non2xx met="-" target_text=""
  IFS='|' read -r label requests rps p50 p90 p99 max errors non2xx <<<"${ROW[$name]}"
  if [ -n "$target" ]; then
    target_text="< $target s"
    awk -v m="$max" -v t="$target" 'BEGIN { exit !(m < t * 1000) }' && met=yes || { met=no; MISSED=1; }
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ENGINE" "$label (time in the ms columns)" \
    "$requests" "$rps" "$p50" "$p90" "$p99" "$max" "$errors" "$non2xx" "" "" "$target_text" "$met" >>"$TSV"
}

bench_engine() {
  ROW=()
  FILES="$WORK/files-$ENGINE"
  if [ "${BENCH_SKIP_SEED:-0}" = 1 ]; then
    FILES="${BENCH_FILES_DIR:-$FILES}"
    note "$ENGINE: seeded database reused ($URL); no seed, no scan"
  else
    seed
  fi
  measure_server
}

scan() {
  # (c) The lateness scan: the backlog, then a routine run.
  MOTCUA_FILES="$FILES" timed scan-1 "lateness scan, first run (flags the backlog)" \
    "$BIN" --db "$URL" jobs run-once
  MOTCUA_FILES="$FILES" timed scan-2 "lateness scan, routine run (nothing new)" \
    "$BIN" --db "$URL" jobs run-once
}

seed() {
  log "$ENGINE: migrate, seed demo"
  "$BIN" --db "$URL" migrate >"$WORK/$ENGINE-seed.log" 2>&1 \
    && "$BIN" --db "$URL" seed demo --file "$ROOT/data/demo/catalog.json" >>"$WORK/$ENGINE-seed.log" 2>&1 \
    || { cat "$WORK/$ENGINE-seed.log" >&2; die "$ENGINE: migrate/seed demo failed"; }
  log "$ENGINE: seed dossiers --count $DOSSIERS --officers $OFFICERS"
  local t0 t1
  t0=$(date +%s.%N)
  "$BIN" --db "$URL" seed dossiers --count "$DOSSIERS" --officers "$OFFICERS" --files "$FILES" --defer-indexes \
    >"$OUT/$ENGINE-seed.txt" 2>"$WORK/$ENGINE-seed-progress.log" \
    || { cat "$WORK/$ENGINE-seed-progress.log" >&2; die "$ENGINE: seed dossiers failed"; }
  t1=$(date +%s.%N)
  note "$ENGINE: seed dossiers --count $DOSSIERS: $(awk -v a="$t0" -v b="$t1" -v n="$DOSSIERS" 'BEGIN { printf "%.0f s, %.0f dossiers/s", b - a, n / (b - a) }'): $(cat "$OUT/$ENGINE-seed.txt")"
  if [ "$ENGINE" = postgresql ] && command -v psql >/dev/null; then
    psql -q "$URL" -c CHECKPOINT >/dev/null 2>&1 || true
  fi

}

# drain: waits until the server answers /healthz again (requests queued by
# the previous run are done).
drain() {
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then sleep 1; return 0; fi
  done
  die "$ENGINE: the server did not drain"
}

measure_server() {
  local k
  # The server's own lateness job is off: the scans are timed by themselves.
  start_server --files "$FILES" --job-interval 0
  log "$ENGINE: logging in $OFFICERS officers"
  for ((k = 1; k <= OFFICERS; k++)); do printf 'canbo.%03d\n' "$k"; done >"$WORK/officers.txt"
  export PORT URL BIN ENGINE
  export -f login die
  xargs -P 4 -I{} bash -c 'login {}' <"$WORK/officers.txt" >"$WORK/tokens.txt"
  [ "$(wc -l <"$WORK/tokens.txt")" -eq "$OFFICERS" ] || die "$ENGINE: not every officer could log in"
  local leader
  leader=$(login "$LEADER")
  {
    echo "citizen $(login "$CITIZEN")"
    echo "desk $(login "$DESK")"
    echo "specialist $(login "$SPECIALIST")"
    echo "leader $leader"
  } >"$WORK/lifecycle-tokens.txt"

  # Sanity: every tab answers 200 with rows, and one lifecycle completes.
  local tab
  for tab in mine unit agency; do
    local token=$leader
    [ "$tab" = mine ] && token=$(head -n 1 "$WORK/tokens.txt")
    curl -fsS --max-time 30 -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/api/v1/worklist?tab=$tab" \
      | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["items"]) > 0, d' \
      || die "$ENGINE: GET /api/v1/worklist?tab=$tab did not answer 200 with rows"
  done
  python3 "$ROOT/bench/lifecycle.py" --port "$PORT" --tokens "$WORK/lifecycle-tokens.txt" --clients 1 --count 1 --seconds 120 \
    --procedure "$PROCEDURE" --component "$COMPONENT" --attachment-bytes "$ATTACHMENT_BYTES" >"$WORK/sanity.txt" \
    || { cat "$WORK/sanity.txt" >&2; die "$ENGINE: a sample lifecycle failed"; }
  grep -q 'failed=0' "$WORK/sanity.txt" || { cat "$WORK/sanity.txt" >&2; die "$ENGINE: a sample lifecycle failed"; }

  # (a) Lifecycles, bracketed by the raw ceiling.
  run_raw raw-1
  log "$ENGINE: lifecycles (${DURATION_S}s, $LIFECYCLE_CLIENTS clients)"
  python3 "$ROOT/bench/lifecycle.py" --port "$PORT" --tokens "$WORK/lifecycle-tokens.txt" \
    --clients "$LIFECYCLE_CLIENTS" --seconds "$DURATION_S" --procedure "$PROCEDURE" --component "$COMPONENT" \
    --attachment-bytes "$ATTACHMENT_BYTES" >"$OUT/$ENGINE-lifecycle.txt" 2>&1 \
    || { cat "$OUT/$ENGINE-lifecycle.txt" >&2; die "$ENGINE: lifecycles failed"; }
  parse_result "$OUT/$ENGINE-lifecycle.txt"
  ROW[lifecycle]="lifecycles (submit … return_result, 7 requests), $LIFECYCLE_CLIENTS clients|$R_requests|$R_rps|$R_p50|$R_p90|$R_p99|$R_max|$R_errors|$R_non2xx"
  note "$ENGINE: $(grep '^BENCH_LIFECYCLE' "$OUT/$ENGINE-lifecycle.txt")"
  run_raw raw-2

  # (c) The scans, with the server stopped: after the lifecycles, whose
  # raw-insert cleanup deletes dossiers (and so scans notices per row).
  if [ "${BENCH_SKIP_SEED:-0}" != 1 ]; then
    stop_server
    scan
    start_server --files "$FILES" --job-interval 0
  fi

  # (b) Worklists.
  if [ "$WARMUP_S" -gt 0 ]; then
    run_wrk warmup "warm-up" worklist_tokens.lua "$CONNECTIONS" "$WARMUP_S" BENCH_TOKENS_FILE="$WORK/tokens.txt"
  fi
  run_wrk healthz-1 "/healthz" healthz.lua "$CONNECTIONS" "$DURATION_S"
  run_wrk mine "worklist tab=mine, $OFFICERS officers rotating" worklist_tokens.lua "$CONNECTIONS" "$DURATION_S" \
    BENCH_TOKENS_FILE="$WORK/tokens.txt" BENCH_PATH="/api/v1/worklist?tab=mine"
  run_wrk unit "worklist tab=unit, ward leader" worklist.lua "$CONNECTIONS" "$DURATION_S" \
    BENCH_TOKEN="$leader" BENCH_PATH="/api/v1/worklist?tab=unit"
  run_wrk mine-low "worklist tab=mine, $OFFICERS officers ($LOW_CONNECTIONS connections)" worklist_tokens.lua \
    "$LOW_CONNECTIONS" "$DURATION_S" BENCH_TOKENS_FILE="$WORK/tokens.txt" BENCH_PATH="/api/v1/worklist?tab=mine"
  run_wrk unit-low "worklist tab=unit, ward leader ($LOW_CONNECTIONS connections)" worklist.lua \
    "$LOW_CONNECTIONS" "$DURATION_S" BENCH_TOKEN="$leader" BENCH_PATH="/api/v1/worklist?tab=unit"
  run_wrk agency-low "worklist tab=agency, ward leader ($LOW_CONNECTIONS connections)" worklist.lua \
    "$LOW_CONNECTIONS" "$DURATION_S" BENCH_TOKEN="$leader" BENCH_PATH="/api/v1/worklist?tab=agency"
  drain
  run_wrk healthz-2 "/healthz" healthz.lua "$CONNECTIONS" "$DURATION_S"

  stop_server

  if [ -n "${ROW[scan-1]:-}" ]; then
    emit_scan scan-1 ""
    emit_scan scan-2 "$TARGET_SCAN_S"
  fi
  emit healthz-1 "" "" info
  local h
  h=$(mean2 healthz-1 healthz-2)
  for k in mine unit mine-low unit-low agency-low; do emit "$k" "$h" "$TARGET_LIST_P99_MS" p99; done
  emit healthz-2 "" "" info
  emit raw-1 "" "" info
  emit lifecycle "$(mean2 raw-1 raw-2)" "" info
  emit raw-2 "" "" info
}

machine_info \
  "wrk: -t $WRK_THREADS -c $CONNECTIONS (also -c $LOW_CONNECTIONS) -d ${DURATION_S}s --timeout 10s; server --threads $SERVER_THREADS; lifecycle clients $LIFECYCLE_CLIENTS" \
  "dossiers: $DOSSIERS seeded, $OFFICERS officers; attachment $ATTACHMENT_BYTES bytes; procedure $PROCEDURE"

MISSED=0
for ENGINE in $ENGINES; do
  case "$ENGINE" in
    sqlite)
      URL="sqlite://${BENCH_SQLITE_DB:-$WORK/bench.db}"
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
        pg_start "$PG_DURABLE"
        bench_engine
        pg_stop
      fi
      ;;
    *) die "unknown engine '$ENGINE' (sqlite, postgresql)" ;;
  esac
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt" >&2

report_markdown "Dossier handling benchmark (${DURATION_S}s per run; worklists vs /healthz, lifecycles vs raw-insert)"
cp "$OUT/results.md" "$ROOT/bench/results/latest-handling.md"
cp "$OUT/machine.txt" "$ROOT/bench/results/latest-handling-machine.txt"
echo
echo "Markdown (also in ${OUT#"$ROOT"/}/results.md and bench/results/latest-handling.md):"
echo
cat "$OUT/results.md"
echo
if [ "$MISSED" -ne 0 ]; then
  echo "bench: some handling targets were missed"
  [ "${BENCH_STRICT:-0}" = "1" ] && exit 1
else
  echo "bench: all handling targets met"
fi
exit 0
