#!/usr/bin/env bash
# `make bench`: HTTP throughput and latency of the catalog endpoints, measured
# with wrk against a local server holding BENCH_PROCEDURES synthetic procedures
# (plus the demo catalog), on SQLite and on PostgreSQL.
#
# For each engine it runs, in this order, against 127.0.0.1 only:
#   warm-up (search, BENCH_WARMUP), /healthz, search, /healthz, API detail,
#   /healthz, HTML detail, /healthz.
# /healthz is the ceiling (routing, headers, logging, no handler work). Each
# endpoint is reported as a ratio to the mean of the two /healthz runs that
# bracket it, so that figures from a noisy shared machine stay comparable.
# Target (issue): ratio >= 0.25 and p99 < 20 ms at 64 connections, no errors.
#
# Environment (all optional):
#   BENCH_DURATION=10s        duration of each measured wrk run
#   BENCH_WARMUP=2s           warm-up before the measured runs (0 to skip)
#   BENCH_CONNECTIONS=64      wrk connections
#   BENCH_WRK_THREADS=2       wrk threads
#   BENCH_SERVER_THREADS=2    `motcua serve --threads`
#   BENCH_PROCEDURES=6000     synthetic procedures
#   BENCH_ENGINES="sqlite postgresql"
#   BENCH_SERVER_LOG=file     where the server's per-request log goes: "file"
#                             (a file in the temp dir, deleted at the end) or
#                             "null" (/dev/null)
#   MOTCUA_BENCH_PG_URL       use this PostgreSQL database instead of a
#                             throwaway cluster (it is migrated and seeded!)
#   BENCH_STRICT=1            exit 1 when a target is missed
#   BUILD=build               build directory holding motcua
# Results: printed, and written to bench/results/<timestamp>/ (gitignored),
# with bench/results/latest.md holding the Markdown table.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build}
BIN="$ROOT/$BUILD/motcua"
DURATION=${BENCH_DURATION:-10s}
[[ "$DURATION" =~ ^[0-9]+$ ]] && DURATION="${DURATION}s"
WARMUP=${BENCH_WARMUP:-2s}
[[ "$WARMUP" =~ ^[0-9]+$ ]] && WARMUP="${WARMUP}s"
[[ "$DURATION" =~ ^[1-9][0-9]*s$ && "$WARMUP" =~ ^[0-9]+s$ ]] \
  || { echo "bench: BENCH_DURATION and BENCH_WARMUP are seconds (e.g. 10 or 10s)" >&2; exit 2; }
CONNECTIONS=${BENCH_CONNECTIONS:-64}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SERVER_THREADS=${BENCH_SERVER_THREADS:-2}
PROCEDURES=${BENCH_PROCEDURES:-6000}
ENGINES=${BENCH_ENGINES:-sqlite postgresql}
SERVER_LOG=${BENCH_SERVER_LOG:-file}
TARGET_RATIO=0.25
TARGET_P99_MS=20

log() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

[ -x "$BIN" ] || die "$BIN not found: run \`make build\` first"

# --- tools ------------------------------------------------------------------
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
command -v wrk >/dev/null || apt_install wrk
command -v curl >/dev/null || apt_install curl
command -v python3 >/dev/null || apt_install python3
if [[ " $ENGINES " == *" postgresql "* ]] && [ -z "${MOTCUA_BENCH_PG_URL:-}" ] \
   && ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  apt_install postgresql
fi

# --- state and cleanup ---------------------------------------------------------
WORK=$(mktemp -d /tmp/motcua-bench.XXXXXX)
SERVER_PID=""
PG_TMP=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_TMP" ]; then "$ROOT/scripts/pg-temp.sh" stop "$PG_TMP"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/bench/results/$STAMP"
mkdir -p "$OUT"
TSV="$OUT/results.tsv"
printf 'engine\tendpoint\trequests\trps\tp50_ms\tp90_ms\tp99_ms\tmax_ms\terrors\tnon2xx\tceiling_rps\tratio\ttarget_met\n' >"$TSV"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# run_wrk NAME SCRIPT DURATION [VAR=VALUE...]: one wrk run; sets R_* from its
# BENCH_RESULT line and keeps the raw output in $OUT.
run_wrk() {
  local name=$1 script=$2 duration=$3; shift 3
  local raw="$OUT/$ENGINE-$name.txt"
  env "$@" BENCH_PROCEDURES="$PROCEDURES" \
    timeout --kill-after=5 "$(( ${duration%s} + 30 ))" \
    wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$duration" --timeout 10s --latency \
        -s "$ROOT/bench/$script" "http://127.0.0.1:$PORT" >"$raw" 2>&1 \
    || { cat "$raw" >&2; die "wrk failed for $name"; }
  local line
  line=$(grep '^BENCH_RESULT ' "$raw" | tail -n 1) || { cat "$raw" >&2; die "no result line for $name"; }
  R_requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")
  R_rps=$(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' <<<"$line")
  R_p50=$(sed -n 's/.* p50_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  R_p90=$(sed -n 's/.* p90_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  R_p99=$(sed -n 's/.* p99_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  R_max=$(sed -n 's/.* max_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  R_errors=$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<<"$line")
  R_non2xx=$(sed -n 's/.* non2xx=\([0-9]*\).*/\1/p' <<<"$line")
}

# Rows of the current engine: "endpoint|requests|rps|p50|p90|p99|max|errors|non2xx".
declare -a ROWS

measure() {  # measure LABEL NAME SCRIPT [VAR=VALUE...]
  local label=$1 name=$2 script=$3; shift 3
  log "$ENGINE: $label ($DURATION)"
  run_wrk "$name" "$script" "$DURATION" "$@"
  ROWS+=("$label|$R_requests|$R_rps|$R_p50|$R_p90|$R_p99|$R_max|$R_errors|$R_non2xx")
}

prepare_db() {  # prepare_db URL
  local url=$1
  "$BIN" --db "$url" migrate >"$WORK/$ENGINE-migrate.log" 2>&1 \
    || { cat "$WORK/$ENGINE-migrate.log" >&2; die "$ENGINE: migrate failed"; }
  "$BIN" --db "$url" seed demo --file "$ROOT/data/demo/catalog.json" >"$WORK/$ENGINE-seed.log" 2>&1 \
    || { cat "$WORK/$ENGINE-seed.log" >&2; die "$ENGINE: seed demo failed"; }
  "$BIN" --db "$url" seed synthetic --procedures "$PROCEDURES" >>"$WORK/$ENGINE-seed.log" 2>&1 \
    || { cat "$WORK/$ENGINE-seed.log" >&2; die "$ENGINE: seed synthetic failed"; }
}

start_server() {  # start_server URL
  local url=$1 server_out
  PORT=$(free_port)
  if [ "$SERVER_LOG" = "null" ]; then server_out=/dev/null; else server_out="$WORK/$ENGINE-server.log"; fi
  "$BIN" --db "$url" serve --listen "127.0.0.1:$PORT" --threads "$SERVER_THREADS" >"$server_out" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  [ "$server_out" != /dev/null ] && tail -n 20 "$server_out" >&2
  die "$ENGINE: server did not answer /healthz on 127.0.0.1:$PORT"
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
  rm -f "$WORK/$ENGINE-server.log"
}

# Sanity: the endpoints answer 200 with content before they are measured.
check_endpoints() {
  local path
  for path in "/api/v1/procedures?q=dang%20ky%20khai%20sinh" "/api/v1/procedures/9.000001" \
              "/api/v1/procedures/9.$(printf %06d "$PROCEDURES")" "/thu-tuc/9.000001"; do
    curl -fsS -o /dev/null --max-time 10 "http://127.0.0.1:$PORT$path" \
      || die "$ENGINE: GET $path did not answer 200"
  done
  curl -fsS --max-time 10 "http://127.0.0.1:$PORT/api/v1/procedures?q=dang%20ky%20khai%20sinh" \
    | grep -q '"total":[1-9]' || die "$ENGINE: search for 'dang ky khai sinh' found nothing"
}

bench_engine() {  # bench_engine URL
  local url=$1
  ROWS=()
  log "$ENGINE: migrate and seed ($PROCEDURES synthetic procedures + demo catalog)"
  prepare_db "$url"
  start_server "$url"
  check_endpoints
  if [ "${WARMUP%s}" != "0" ]; then
    log "$ENGINE: warm-up ($WARMUP)"
    run_wrk warmup search.lua "$WARMUP"
  fi
  # /healthz brackets every endpoint: each endpoint's ceiling is the mean of
  # the /healthz runs just before and just after it.
  measure "/healthz" healthz-1 healthz.lua
  measure "search /api/v1/procedures?q=" search search.lua
  measure "/healthz" healthz-2 healthz.lua
  measure "detail /api/v1/procedures/{code}" detail-api detail.lua
  measure "/healthz" healthz-3 healthz.lua
  measure "page /thu-tuc/{code}" detail-page detail.lua BENCH_DETAIL_PREFIX=/thu-tuc/
  measure "/healthz" healthz-4 healthz.lua
  stop_server

  # Ceiling of row i (an endpoint) = mean of rows i-1 and i+1 (/healthz); a
  # /healthz row is shown against the mean of all /healthz rows.
  local i n=${#ROWS[@]} all_h=0 n_h=0
  for ((i = 0; i < n; i += 2)); do
    all_h=$(awk -v a="$all_h" -v b="$(cut -d'|' -f3 <<<"${ROWS[i]}")" 'BEGIN { print a + b }'); n_h=$((n_h + 1))
  done
  local mean_h
  mean_h=$(awk -v a="$all_h" -v n="$n_h" 'BEGIN { printf "%.1f", a / n }')
  local row label requests rps p50 p90 p99 max errors non2xx ratio met ceiling
  for ((i = 0; i < n; i++)); do
    row=${ROWS[i]}
    IFS='|' read -r label requests rps p50 p90 p99 max errors non2xx <<<"$row"
    if [[ "$label" == /healthz* ]]; then
      ceiling=$mean_h
    else
      ceiling=$(awk -v a="$(cut -d'|' -f3 <<<"${ROWS[i-1]}")" -v b="$(cut -d'|' -f3 <<<"${ROWS[i+1]}")" \
        'BEGIN { printf "%.1f", (a + b) / 2 }')
    fi
    ratio=$(awk -v r="$rps" -v c="$ceiling" 'BEGIN { printf "%.3f", r / c }')
    if [[ "$label" == /healthz* ]]; then
      met="ceiling"
    elif awk -v q="$ratio" -v p="$p99" -v e="$errors" -v n="$non2xx" -v tr="$TARGET_RATIO" -v tp="$TARGET_P99_MS" \
         'BEGIN { exit !(q >= tr && p < tp && e == 0 && n == 0) }'; then
      met="yes"
    else
      met="no"; MISSED=1
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ENGINE" "$label" "$requests" "$rps" "$p50" \
      "$p90" "$p99" "$max" "$errors" "$non2xx" "$ceiling" "$ratio" "$met" >>"$TSV"
  done
}

# --- machine ----------------------------------------------------------------------
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (work tree modified)')"
  echo "cpu: $CPU, nproc $(nproc)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "wrk: -t $WRK_THREADS -c $CONNECTIONS -d $DURATION --timeout 10s --latency; server --threads $SERVER_THREADS; server log: $SERVER_LOG"
  echo "procedures: $PROCEDURES synthetic + demo catalog"
} | tee "$OUT/machine.txt" >&2

MISSED=0
for ENGINE in $ENGINES; do
  case "$ENGINE" in
    sqlite)
      bench_engine "sqlite://$WORK/bench.db"
      ;;
    postgresql)
      if [ -n "${MOTCUA_BENCH_PG_URL:-}" ]; then
        bench_engine "$MOTCUA_BENCH_PG_URL"
      else
        pg_env=$("$ROOT/scripts/pg-temp.sh") || die "could not start a throwaway PostgreSQL"
        MOTCUA_TEST_PG_URL=""; MOTCUA_PG_TMP=""
        eval "$pg_env"
        PG_TMP=$MOTCUA_PG_TMP
        bench_engine "$MOTCUA_TEST_PG_URL"
        "$ROOT/scripts/pg-temp.sh" stop "$PG_TMP"
        PG_TMP=""
      fi
      ;;
    *) die "unknown engine '$ENGINE' (sqlite, postgresql)" ;;
  esac
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt" >&2

# --- report ---------------------------------------------------------------------
echo
echo "Benchmark ($DURATION per run, $CONNECTIONS connections; ratio = req/s / mean of the bracketing /healthz runs)"
awk -F'\t' 'NR == 1 { next }
  { printf "%-11s %-34s %9.0f %9.2f %9.0f %7.3f %7d  %s\n", $1, $2, $4, $7, $11, $12, $9 + $10, $13 }
  BEGIN { printf "%-11s %-34s %9s %9s %9s %7s %7s  %s\n", "engine", "endpoint", "req/s", "p99 ms", "ceiling", "ratio", "errors", "target met" }' "$TSV"

{
  echo "| Engine | Endpoint | req/s | p50 ms | p99 ms | /healthz req/s (ceiling) | Ratio | Errors | Target met |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
  awk -F'\t' 'NR == 1 { next }
    { printf "| %s | `%s` | %.0f | %.2f | %.2f | %.0f | %.3f | %d | %s |\n", $1, $2, $4, $5, $7, $11, $12, $9 + $10, $13 }' "$TSV"
} >"$OUT/results.md"
cp "$OUT/results.md" "$ROOT/bench/results/latest.md"
cp "$OUT/machine.txt" "$ROOT/bench/results/latest-machine.txt"
echo
echo "Markdown (also in ${OUT#"$ROOT"/}/results.md and bench/results/latest.md):"
echo
cat "$OUT/results.md"
echo
if [ "$MISSED" -ne 0 ]; then
  echo "bench: some targets were missed (ratio >= $TARGET_RATIO, p99 < $TARGET_P99_MS ms, no errors)"
  [ "${BENCH_STRICT:-0}" = "1" ] && exit 1
else
  echo "bench: all targets met"
fi
exit 0
