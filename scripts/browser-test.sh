#!/usr/bin/env bash
# Browser tests: scripts/browser-test.sh [BINARY]   (default: build/motcua)
#
# Installs the npm packages of tests/browser when missing or stale, migrates and
# seeds a throwaway SQLite database, serves it on a free loopback port, runs
# `node --test` on tests/browser/*.test.mjs with BASE_URL set, then stops the
# server and removes the database whatever happened. Exits with node's exit code.
# Uses Debian's /usr/bin/chromium (CHROMIUM=... overrides); never downloads a browser.
# Screenshots land in tests/browser/artifacts/; the server log is printed on failure.
set -euo pipefail

binary=${1:-build/motcua}
case "$binary" in /*) ;; *) binary="$PWD/$binary" ;; esac
cd "$(dirname "$0")/.."
root=$PWD
if [ ! -x "$binary" ]; then
  echo "browser-test: $binary is not an executable (build it first: cmake --build build)" >&2
  exit 2
fi
for tool in node npm curl; do
  command -v "$tool" >/dev/null || { echo "browser-test: $tool not found (scripts/install-deps.sh --with-test)" >&2; exit 2; }
done
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "browser-test: ${CHROMIUM:-/usr/bin/chromium} not found (apt-get install chromium)" >&2
  exit 2
fi

# npm packages: reinstall only when node_modules is missing or older than the
# manifest/lock (npm rewrites node_modules/.package-lock.json on every install).
pkg=tests/browser
stamp=$pkg/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ "$pkg/package.json" -nt "$stamp" ] \
   || { [ -f "$pkg/package-lock.json" ] && [ "$pkg/package-lock.json" -nt "$stamp" ]; }; then
  echo "browser-test: installing npm packages in $pkg"
  if [ -f "$pkg/package-lock.json" ]; then npm_cmd=ci; else npm_cmd=install; fi
  (cd "$pkg" && npm "$npm_cmd" --no-audit --no-fund --loglevel=error </dev/null)
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/motcua-browser.XXXXXX")
server_pid=""
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

db="sqlite://$tmp/portal.db"
if ! "$binary" --db "$db" migrate </dev/null >"$tmp/setup.log" 2>&1 \
   || ! "$binary" --db "$db" seed demo --file data/demo/catalog.json </dev/null >>"$tmp/setup.log" 2>&1; then
  echo "browser-test: migrate/seed failed:" >&2; cat "$tmp/setup.log" >&2; exit 1
fi

# A free loopback port: ask the kernel for one, then retry on the rare race
# where another process takes it before the server binds.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}
base=""
for attempt in 1 2 3; do
  port=$(free_port)
  "$binary" --db "$db" serve --listen "127.0.0.1:$port" </dev/null >"$tmp/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do   # up to ~10 s
    if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/healthz" 2>/dev/null; then
      base="http://127.0.0.1:$port"; break
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$base" ] && break
  kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""
  echo "browser-test: server did not become healthy on port $port (attempt $attempt):" >&2
  cat "$tmp/server.log" >&2
done
if [ -z "$base" ]; then echo "browser-test: giving up, no server" >&2; exit 1; fi
echo "browser-test: serving the demo catalog at $base"

status=0
BASE_URL="$base" node --test --test-reporter=tap ${BROWSER_TESTS:-"$pkg"/*.test.mjs} </dev/null || status=$?
if [ "$status" -ne 0 ]; then
  echo "browser-test: FAILED (exit $status); server log:" >&2
  tail -n 50 "$tmp/server.log" >&2 || true
fi
echo "browser-test: screenshots in $root/$pkg/artifacts/"
exit "$status"
