#!/usr/bin/env bash
# Fetch the pinned tree-sitter runtime and grammar sources from the npm registry,
# verify each tarball against the integrity hash in cmake/deps.lock, and unpack them
# into DEST (default: .deps/ in the repository). Idempotent: a verified unpack is kept.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-${LW_DEPS_DIR:-$root/.deps}}
lock=$root/cmake/deps.lock
mkdir -p "$dest"
command -v npm >/dev/null || { echo "error: npm is required to fetch tree-sitter sources (apt-get install npm)" >&2; exit 1; }
while read -r name version integrity; do
  # `patch` lines name our own patches, applied at build time (cmake/TreeSitter.cmake).
  case "$name" in ''|'#'*|patch) continue ;; esac
  out=$dest/$name-$version
  if [ -f "$out/.verified" ] && [ "$(cat "$out/.verified")" = "$integrity" ]; then continue; fi
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null 2>"$tmp/npm.log") || {
    echo "error: npm pack $name@$version failed:" >&2; cat "$tmp/npm.log" >&2; exit 1; }
  tgz=$(ls "$tmp"/*.tgz)
  algo=${integrity%%-*}
  got="$algo-$(openssl dgst "-$algo" -binary "$tgz" | base64 -w0)"
  if [ "$got" != "$integrity" ]; then
    echo "error: integrity mismatch for $name@$version" >&2
    echo "  expected $integrity" >&2
    echo "  got      $got" >&2
    exit 1
  fi
  rm -rf "$out"
  mkdir -p "$out"
  tar -xzf "$tgz" -C "$out" --strip-components=1
  echo "$integrity" >"$out/.verified"
  rm -rf "$tmp"
  trap - EXIT
  echo "fetched $name@$version (integrity verified)"
done <"$lock"
