#!/usr/bin/env bash
# Reports benchmark (issue 6): dashboard and indicator queries with many
# dossiers on both engines, against /healthz in the same run, and the time of
# `motcua reports rebuild` (the rollups recomputed from every row).
#
#   BUILD=build bench/reports.sh                 # 1,000,000 dossiers, both engines
#   BENCH_DOSSIERS=10000000 bench/reports.sh     # the issue's 10 million
#   BENCH_ENGINES=sqlite bench/reports.sh
#
# Seeding prints a progress bar on stderr; so does the rebuild.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build}
BIN="$ROOT/$BUILD/motcua"
seconds_of() { local v=${1%s}; [[ "$v" =~ ^[0-9]+$ ]] || return 1; echo "$v"; }
DURATION_S=$(seconds_of "${BENCH_DURATION:-10s}") || { echo "bench: BENCH_DURATION is seconds" >&2; exit 2; }
CONNECTIONS=${BENCH_REPORT_CONNECTIONS:-4}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SERVER_THREADS=${BENCH_SERVER_THREADS:-2}
DOSSIERS=${BENCH_DOSSIERS:-1000000}
RESOLVE=${BENCH_RESOLVE:-0.7}
# Working days the dossiers span: a year, or more past 3.25 M dossiers: a
# dossier code numbers at most 9,999 a day per agency, and the busiest ward
# gets half of a day's dossiers (10 M: 769 days, about three years).
DAYS=${BENCH_DAYS:-$(( DOSSIERS > 3250000 ? DOSSIERS / 13000 : 250 ))}
OFFICERS=${BENCH_OFFICERS:-300}
ENGINES=${BENCH_ENGINES:-sqlite postgresql}
PG_DURABLE=${BENCH_PG_DURABLE:-1}
# Rollup rows summed in memory before early writes: 16 M × 80 bytes ≈ 1.3 GB.
REBUILD_ARGS=${BENCH_REBUILD_ARGS:---max-keys 16777216}
SUPERVISOR=giamsat
TARGET_P99_MS=50
ATTACHMENT_BYTES=0
PROCEDURE=2.000815

. "$ROOT/bench/lib.sh"

[ -x "$BIN" ] || die "$BIN not found: run \`make build\` first"
bench_tools "$ENGINES"

WORK=$(mktemp -d /tmp/motcua-bench-reports.XXXXXX)
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/bench/results/$STAMP-reports"
mkdir -p "$OUT"
TSV="$OUT/results.tsv"
tsv_header
NOTES="$OUT/notes.txt"
: >"$NOTES"
declare -A ROW

YEAR=$(date -u +%Y)
MONTH=$(date -u +%Y-%m)
QUARTER="$YEAR-Q$(( ($(date -u +%-m) - 1) / 3 + 1 ))"

timed() {
  local name=$1 label=$2; shift 2
  local t0 t1 ms raw="$OUT/$ENGINE-$name.txt"
  t0=$(date +%s.%N)
  "$@" >"$raw" 2>"$WORK/$ENGINE-$name.err" || { cat "$raw" "$WORK/$ENGINE-$name.err" >&2; die "$ENGINE: $label failed"; }
  t1=$(date +%s.%N)
  ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) * 1000 }')
  ROW[$name]="$label (time in the ms columns)|1|$(awk -v m="$ms" 'BEGIN { printf "%.4f", 1000 / m }')|$ms|$ms|$ms|$ms|0|0"
  note "$ENGINE: $label: $(awk -v m="$ms" 'BEGIN { printf "%.1f s", m / 1000 }'): $(tr '\n' ' ' <"$raw")"
}

bench_engine() {
  ROW=()
  log "$ENGINE: migrate, seed demo"
  "$BIN" --db "$URL" migrate >"$WORK/$ENGINE-seed.log" 2>&1 \
    && "$BIN" --db "$URL" seed demo --file "$ROOT/data/demo/catalog.json" >>"$WORK/$ENGINE-seed.log" 2>&1 \
    || { cat "$WORK/$ENGINE-seed.log" >&2; die "$ENGINE: migrate/seed demo failed"; }
  log "$ENGINE: seed dossiers --count $DOSSIERS (progress below)"
  local t0 t1
  t0=$(date +%s.%N)
  "$BIN" --db "$URL" seed dossiers --count "$DOSSIERS" --officers "$OFFICERS" --files "$WORK/files-$ENGINE" --days "$DAYS" --resolve "$RESOLVE" --no-rebuild --defer-indexes \
    >"$OUT/$ENGINE-seed.txt" || die "$ENGINE: seed dossiers failed"
  t1=$(date +%s.%N)
  note "$ENGINE: seed dossiers --count $DOSSIERS: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f s", b - a }')"
  log "$ENGINE: reports rebuild (progress below)"
  timed rebuild "reports rebuild of $DOSSIERS dossiers" "$BIN" --db "$URL" reports rebuild $REBUILD_ARGS
  cat "$WORK/$ENGINE-rebuild.err" >&2 || true

  if [ "$ENGINE" = postgresql ]; then
    # Measure a settled database: after loading 10 M rows autovacuum works
    # on `dossiers` for minutes and would be measured with the dashboards.
    local waited=0
    while [ "$waited" -lt 900 ] && [ "$(psql -Atq "$URL" -c "SELECT COUNT(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'" 2>/dev/null || echo 0)" != 0 ]; do
      sleep 5; waited=$((waited + 5))
    done
    note "$ENGINE: waited ${waited} s for autovacuum to finish before measuring"
  fi
  start_server --files "$WORK/files-$ENGINE" --job-interval 0
  local token
  token=$(login "$SUPERVISOR")
  local agency=000.00.06.H29
  curl -fsS --max-time 60 "http://127.0.0.1:$PORT/api/v1/reports/summary?period=$YEAR" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["total"]["received"]["total"] > 0, d["total"]' \
    || die "$ENGINE: the province summary has no received dossiers"
  run_wrk healthz-1 "/healthz" healthz.lua "$CONNECTIONS" "$DURATION_S"
  run_wrk summary "summary, province and 3 agencies, month/quarter/year" paths.lua "$CONNECTIONS" "$DURATION_S" \
    BENCH_PATHS="/api/v1/reports/summary?period=$YEAR|/api/v1/reports/summary?period=$QUARTER&agency=$agency|/api/v1/reports/summary?period=$MONTH&agency=000.20.31.H29|/api/v1/reports/summary?from=$YEAR-01-15&to=$(date -u +%Y-%m-%d)&agency=000.00.15.H29"
  run_wrk indicators "indicators (TT 01 + QĐ 766), province and agencies" paths.lua "$CONNECTIONS" "$DURATION_S" \
    BENCH_PATHS="/api/v1/reports/indicators?period=$YEAR|/api/v1/reports/indicators?period=$QUARTER&agency=$agency|/api/v1/reports/indicators?period=$MONTH&agency=000.20.31.H29"
  run_wrk by-agency "summary grouped by agency, province, year" paths.lua "$CONNECTIONS" "$DURATION_S" \
    BENCH_PATHS="/api/v1/reports/summary?period=$YEAR&group_by=agency"
  run_wrk officers "officers' scores, supervisor, year" paths.lua "$CONNECTIONS" "$DURATION_S" \
    BENCH_TOKEN="$token" BENCH_PATHS="/api/v1/reports/officers?period=$YEAR&agency=$agency|/api/v1/reports/officers?period=$YEAR"
  run_wrk officers-month "officers' scores, supervisor, month and quarter" paths.lua "$CONNECTIONS" "$DURATION_S" \
    BENCH_TOKEN="$token" BENCH_PATHS="/api/v1/reports/officers?period=$MONTH&agency=$agency|/api/v1/reports/officers?period=$MONTH|/api/v1/reports/officers?period=$QUARTER"
  run_wrk public-page "public dashboard page /minh-bach (province, trend, agencies)" paths.lua "$CONNECTIONS" \
    "$DURATION_S" BENCH_PATHS="/minh-bach?ky=$YEAR"
  run_wrk healthz-2 "/healthz" healthz.lua "$CONNECTIONS" "$DURATION_S"
  stop_server

  emit rebuild "" "" info
  emit healthz-1 "" "" info
  local h k
  h=$(mean2 healthz-1 healthz-2)
  for k in summary indicators by-agency officers officers-month public-page; do emit "$k" "$h" "$TARGET_P99_MS" p99; done
  emit healthz-2 "" "" info
}

machine_info \
  "wrk: -t $WRK_THREADS -c $CONNECTIONS -d ${DURATION_S}s --timeout 10s; server --threads $SERVER_THREADS" \
  "dossiers: $DOSSIERS seeded, of the accepted ones older than 2 days $RESOLVE resolved (90% returned, a third of those rated); $OFFICERS officers"

MISSED=0
for ENGINE in $ENGINES; do
  case "$ENGINE" in
    sqlite)
      URL="sqlite://${BENCH_SQLITE_DB:-$WORK/bench.db}"
      bench_engine
      rm -f "$WORK"/bench.db*
      ;;
    postgresql)
      if [ -n "${MOTCUA_BENCH_PG_URL:-}" ]; then
        URL=$MOTCUA_BENCH_PG_URL
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

report_markdown "Reports benchmark (${DURATION_S}s per run; dashboards vs /healthz; rebuild time)"
cp "$OUT/results.md" "$ROOT/bench/results/latest-reports.md"
cat "$OUT/results.md"
if [ "$MISSED" -ne 0 ]; then
  echo "bench: some report targets were missed"
  [ "${BENCH_STRICT:-0}" = "1" ] && exit 1
else
  echo "bench: all report targets met"
fi
exit 0
