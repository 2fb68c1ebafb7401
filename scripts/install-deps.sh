#!/usr/bin/env bash
# Installs the Debian packages MotCua needs to build, run and test.
# Idempotent: only missing packages are installed; safe to run repeatedly.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config
  libsoci-dev libboost-dev libsqlite3-dev libpq-dev sqlite3
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev
  nlohmann-json3-dev libkainjow-mustache-dev libspdlog-dev libcli11-dev
  libsodium-dev libssl-dev libexpected-dev libutf8proc-dev
  libgtest-dev libgmock-dev
  libqrencode-dev libxlsxwriter-dev
)
TEST_PACKAGES=(postgresql chromium nodejs npm wrk curl)

want=("${PACKAGES[@]}")
if [ "${1:-}" = "--with-test" ]; then want+=("${TEST_PACKAGES[@]}"); fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from outside Debian (preinstalled); accept any working binary.
if command -v node >/dev/null && command -v npm >/dev/null; then
  tmp=(); for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || tmp+=("$p"); done
  missing=("${tmp[@]+"${tmp[@]}"}")
fi
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
