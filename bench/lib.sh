# Helpers shared by bench/dossiers.sh and bench/handling.sh (sourced).
#
# The caller sets, before sourcing: ROOT, BIN, and later WORK (temp dir),
# OUT (results dir), TSV, NOTES, ENGINE, URL, WRK_THREADS, SERVER_THREADS,
# DURATION_S, ATTACHMENT_BYTES, PROCEDURE; it declares `declare -A ROW` and
# MISSED=0. Rows of the current engine live in ROW[name] as
# "label|requests|rps|p50|p90|p99|max|errors|non2xx".

log() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
note() { echo "$*" | tee -a "$NOTES" >&2; }

# bench_tools ENGINES: installs wrk, curl, python3 and (for postgresql
# without MOTCUA_BENCH_PG_URL) PostgreSQL when missing.
bench_tools() {
  local sudo="" updated=0
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  _bench_apt() {
    if [ "$updated" -eq 0 ]; then $sudo apt-get update -qq; updated=1; fi
    log "installing $*"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  }
  command -v wrk >/dev/null || _bench_apt wrk
  command -v curl >/dev/null || _bench_apt curl
  command -v python3 >/dev/null || _bench_apt python3
  if [[ " $1 " == *" postgresql "* ]] && [ -z "${MOTCUA_BENCH_PG_URL:-}" ] \
     && ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    _bench_apt postgresql
  fi
}

# State the cleanup trap undoes: a server, a throwaway cluster, $WORK.
SERVER_PID=""
PG_TMP=""
bench_cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_TMP" ]; then "$ROOT/scripts/pg-temp.sh" stop "$PG_TMP"; fi
  [ -n "${WORK:-}" ] && rm -rf "$WORK"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# parse_result FILE: sets R_* from the last BENCH_RESULT line of FILE.
parse_result() {
  local line
  line=$(grep '^BENCH_RESULT ' "$1" | tail -n 1) || { cat "$1" >&2; die "no result line in $1"; }
  R_requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")
  R_rps=$(sed -n 's/.* rps=\([0-9.]*\).*/\1/p' <<<"$line")
  R_p50=$(sed -n 's/.* p50_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  R_p90=$(sed -n 's/.* p90_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  R_p99=$(sed -n 's/.* p99_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  R_max=$(sed -n 's/.* max_ms=\([0-9.]*\).*/\1/p' <<<"$line")
  R_errors=$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<<"$line")
  R_non2xx=$(sed -n 's/.* non2xx=\([0-9]*\).*/\1/p' <<<"$line")
}

# run_wrk NAME LABEL SCRIPT CONNECTIONS SECONDS [VAR=VALUE...]: one bounded wrk run.
run_wrk() {
  local name=$1 label=$2 script=$3 conns=$4 secs=$5; shift 5
  local raw="$OUT/$ENGINE-$name.txt" threads=$WRK_THREADS
  [ "$threads" -gt "$conns" ] && threads=$conns
  log "$ENGINE: $label (${secs}s, $conns connections)"
  env "$@" timeout --kill-after=5 "$((secs + 60))" \
    wrk -t "$threads" -c "$conns" -d "${secs}s" --timeout 10s --latency \
        -s "$ROOT/bench/$script" "http://127.0.0.1:$PORT" >"$raw" 2>&1 \
    || { cat "$raw" >&2; die "wrk failed for $name"; }
  parse_result "$raw"
  ROW[$name]="$label|$R_requests|$R_rps|$R_p50|$R_p90|$R_p99|$R_max|$R_errors|$R_non2xx"
}

# run_raw NAME: the raw ceiling of a durable submission (`motcua bench
# raw-insert`), DURATION_S seconds, as many threads as the server.
run_raw() {
  local name=$1 raw="$OUT/$ENGINE-$1.txt"
  log "$ENGINE: raw-insert (${DURATION_S}s, $SERVER_THREADS threads)"
  timeout --kill-after=5 "$((DURATION_S + 120))" \
    "$BIN" --db "$URL" bench raw-insert --seconds "$DURATION_S" --threads "$SERVER_THREADS" \
      --files "$WORK/raw-files-$ENGINE" --size "$ATTACHMENT_BYTES" --procedure "$PROCEDURE" >"$raw" 2>&1 \
    || { cat "$raw" >&2; die "$ENGINE: raw-insert failed"; }
  parse_result "$raw"
  ROW[$name]="raw-insert: fsynced $((ATTACHMENT_BYTES / 1024)) KB file + 1-row commit|$R_requests|$R_rps|$R_p50|$R_p90|$R_p99|$R_max|$R_errors|$R_non2xx"
}

field() { cut -d'|' -f"$2" <<<"${ROW[$1]}"; }
mean2() { awk -v a="$(field "$1" 3)" -v b="$(field "$2" 3)" 'BEGIN { printf "%.1f", (a + b) / 2 }'; }

# emit NAME CEILING TARGET KIND: one TSV row. KIND: ratio (ratio >= TARGET),
# p99 (p99 < TARGET ms), info (no target).
emit() {
  local name=$1 ceiling=$2 target=$3 kind=$4
  local label requests rps p50 p90 p99 max errors non2xx ratio met
  IFS='|' read -r label requests rps p50 p90 p99 max errors non2xx <<<"${ROW[$name]}"
  if [ -n "$ceiling" ]; then
    ratio=$(awk -v r="$rps" -v c="$ceiling" 'BEGIN { printf "%.3f", r / c }')
  else
    ratio="" ceiling=""
  fi
  case "$kind" in
    ratio) awk -v q="$ratio" -v t="$target" -v e="$errors" -v n="$non2xx" 'BEGIN { exit !(q >= t && e == 0 && n == 0) }' \
             && met=yes || { met=no; MISSED=1; }
           target="ratio >= $target" ;;
    p99)   awk -v p="$p99" -v t="$target" -v e="$errors" -v n="$non2xx" 'BEGIN { exit !(p < t && e == 0 && n == 0) }' \
             && met=yes || { met=no; MISSED=1; }
           target="p99 < $target ms" ;;
    *)     met="-"; target="" ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ENGINE" "$label" "$requests" "$rps" "$p50" \
    "$p90" "$p99" "$max" "$errors" "$non2xx" "$ceiling" "$ratio" "$target" "$met" >>"$TSV"
}

# tsv_header: the header of $TSV (the columns emit writes).
tsv_header() {
  printf 'engine\tmeasurement\trequests\trps\tp50_ms\tp90_ms\tp99_ms\tmax_ms\terrors\tnon2xx\tceiling\tratio\ttarget\ttarget_met\n' >"$TSV"
}

# report_markdown TITLE: prints the rows of $TSV and writes $OUT/results.md
# (the Markdown table and the notes).
report_markdown() {
  echo
  echo "$1"
  awk -F'\t' 'NR == 1 { next }
    { printf "%-11s %-50s %9.1f %9.2f %9s %7s %7d  %s\n", $1, $2, $4, $7, $11 == "" ? "" : sprintf("%.0f", $11), $12, $9 + $10, $14 }
    BEGIN { printf "%-11s %-50s %9s %9s %9s %7s %7s  %s\n", "engine", "measurement", "req/s", "p99 ms", "ceiling", "ratio", "errors", "target met" }' "$TSV"
  {
    echo "| Engine | Measurement | req/s | p50 ms | p99 ms | Ceiling req/s | Ratio | Errors | Target | Met |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---|---|"
    awk -F'\t' 'NR == 1 { next }
      { printf "| %s | %s | %s | %.2f | %.2f | %s | %s | %d | %s | %s |\n", $1, $2, $4 < 100 ? sprintf("%.1f", $4) : sprintf("%.0f", $4), $5, $7,
               $11 == "" ? "" : sprintf("%.0f", $11), $12, $9 + $10, $13, $14 }' "$TSV"
    echo
    sed 's/^/- /' "$NOTES"
  } >"$OUT/results.md"
}

# login LOGIN: a bearer token through the API, else through the CLI.
login() {
  local token
  token=$(curl -fsS --max-time 30 -H 'Content-Type: application/json' \
            -d "{\"login\":\"$1\",\"password\":\"matkhau123\"}" "http://127.0.0.1:$PORT/api/v1/auth/login" 2>/dev/null \
          | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' 2>/dev/null) || token=""
  if [ -z "$token" ]; then
    token=$(echo matkhau123 | "$BIN" --db "$URL" bench token "$1") || die "$ENGINE: cannot log in $1"
  fi
  echo "$token"
}

# start_server [SERVE ARGS...]: `motcua serve` on a free port of 127.0.0.1
# against $URL; sets PORT and SERVER_PID once /healthz answers.
start_server() {
  PORT=$(free_port)
  "$BIN" --db "$URL" serve --listen "127.0.0.1:$PORT" --threads "$SERVER_THREADS" "$@" \
    >"$WORK/$ENGINE-server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  tail -n 20 "$WORK/$ENGINE-server.log" >&2
  die "$ENGINE: server did not answer /healthz on 127.0.0.1:$PORT"
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}

# pg_start DURABLE: a throwaway cluster (scripts/pg-temp.sh); sets URL and
# PG_TMP. DURABLE=1 restarts it with PostgreSQL's default durability
# (fsync, synchronous_commit, full_page_writes on; pg-temp.sh turns them
# off for tests). Notes the settings.
pg_start() {
  local pg_env bindir port as_owner
  pg_env=$("$ROOT/scripts/pg-temp.sh") || die "could not start a throwaway PostgreSQL"
  MOTCUA_TEST_PG_URL=""; MOTCUA_PG_TMP=""
  eval "$pg_env"
  PG_TMP=$MOTCUA_PG_TMP
  URL=$MOTCUA_TEST_PG_URL
  if [ "$1" = 1 ]; then
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    port=${URL##*:}; port=${port%%/*}
    as_owner=(); [ "$(id -u)" -eq 0 ] && as_owner=(runuser -u postgres --)
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 -m fast restart \
      -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=200" >/dev/null \
      || die "could not restart PostgreSQL with durable settings"
    note "postgresql $("$bindir/postgres" --version | awk '{ print $3 }'): fsync=on, synchronous_commit=on, full_page_writes=on (defaults)"
  else
    note "postgresql: scripts/pg-temp.sh settings (fsync=off, synchronous_commit=off): NOT durable"
  fi
}

pg_stop() {
  "$ROOT/scripts/pg-temp.sh" stop "$PG_TMP"
  PG_TMP=""
}

# machine_info EXTRA...: date, commit, CPU, disk, load; to $OUT/machine.txt.
machine_info() {
  local cpu
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
  {
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (work tree modified)')"
    echo "cpu: $cpu, nproc $(nproc); disk of $WORK: $(df -T "$WORK" | awk 'NR == 2 { print $2 }')"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    local line
    for line in "$@"; do echo "$line"; done
  } | tee "$OUT/machine.txt" >&2
}
