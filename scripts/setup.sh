#!/usr/bin/env bash
# One idempotent set-up step for a fresh Debian bookworm machine (run as root, or with sudo
# available): installs the missing apt packages, then fetches and verifies the pinned
# tree-sitter sources from the npm registry. Safe to run again; does nothing when all is there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
packages=(
  build-essential cmake ninja-build pkg-config git python3 openssl ca-certificates
  nlohmann-json3-dev libasio-dev libspdlog-dev libfmt-dev libtomlplusplus-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-dev  # libFuzzer (libclang_rt.fuzzer) for tests/fuzz and scripts/fuzz.sh
  clang-format  # the format check of scripts/test.sh (.clang-format)
  python3-requests python3-yaml  # installed libraries read through dist-packages (tests/libraries)
  # scripts/package.sh and its test (tests/dist): the wheel, the .deb, the man page, pre-commit
  python3-build python3-setuptools python3-wheel python3-venv dpkg-dev help2man binutils pre-commit
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from NodeSource (which bundles npm and conflicts with Debian's npm).
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
"$root/scripts/fetch-npm-sources.sh"
# ruff's WebAssembly build, pinned with its integrity (bench/ruff-wasm/package-lock.json): the
# ruff-WASM bench anchor and the I001 test of fix imports (tests/cli/fix_imports_isort.py).
[ -d "$root/bench/ruff-wasm/node_modules/@astral-sh/ruff-wasm-nodejs" ] ||
  npm ci --prefix "$root/bench/ruff-wasm" --no-audit --no-fund >/dev/null ||
  echo "warning: npm ci in bench/ruff-wasm failed: the I001 test of fixes is skipped" >&2
