#!/usr/bin/env bash
# Builds the loopwarden VS Code extension offline from the npm registry packages pinned in
# package-lock.json: installs them if needed (npm ci, no install scripts), type-checks with
# tsc, bundles with esbuild and packages a .vsix with @vscode/vsce.
#   ./build.sh [OUT_DIR]      -> OUT_DIR/loopwarden-<version>.vsix   (default OUT_DIR: ./out)
#   ./build.sh --target linux-x64 --binary PATH [OUT_DIR]
#                             -> OUT_DIR/loopwarden-linux-x64-<version>.vsix, a platform-specific
#                                extension carrying the server binary (bundled/bin/loopwarden),
#                                which it uses unless `loopwarden.path` is set (scripts/package.sh)
#   ./build.sh --deps-only    only make node_modules match package-lock.json
# The source folder is left untouched apart from node_modules/ and out/ (both git-ignored):
# the extension is bundled and packaged in OUT_DIR/stage.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false \
  npm_config_loglevel=error

# node_modules matches package-lock.json when its stamp holds the lock file's hash.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.loopwarden-lock-sha256
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
  echo "build.sh: installing the pinned npm packages (npm ci)"
  # No install scripts: none is needed (esbuild's binary is its @esbuild/<platform> package;
  # vsce's optional keytar is only used for publishing).
  npm ci --ignore-scripts
  echo "$lock_hash" > "$stamp"
fi
[ "${1:-}" = --deps-only ] && exit 0

target=""
binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=$2; shift 2 ;;
    --binary) binary=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    *) break ;;
  esac
done
if { [ -n "$target" ] && [ -z "$binary" ]; } || { [ -z "$target" ] && [ -n "$binary" ]; }; then
  echo "build.sh: --target and --binary go together" >&2
  exit 2
fi
out=$(mkdir -p "${1:-$here/out}" && cd "${1:-$here/out}" && pwd)
stage="$out/stage"
version=$(node -p 'require("./package.json").version')
vsix="$out/loopwarden-${target:+$target-}$version.vsix"

echo "build.sh: type-checking (tsc --noEmit)"
./node_modules/.bin/tsc --noEmit -p .

echo "build.sh: bundling (esbuild)"
rm -rf "$stage"
mkdir -p "$stage/dist"
cp package.json README.md .vscodeignore "$stage/"
./node_modules/.bin/esbuild src/extension.ts --bundle --platform=node --format=cjs \
  --target=node18 --external:vscode --outfile="$stage/dist/extension.js" --log-level=warning

target_args=()
if [ -n "$target" ]; then
  [ -x "$binary" ] || { echo "build.sh: --binary $binary is not an executable file" >&2; exit 2; }
  mkdir -p "$stage/bundled/bin"
  cp "$binary" "$stage/bundled/bin/loopwarden"
  chmod 755 "$stage/bundled/bin/loopwarden"
  target_args=(--target "$target")
fi

echo "build.sh: packaging (vsce${target:+, $target})"
rm -f "$vsix"
(cd "$stage" && "$here/node_modules/.bin/vsce" package --no-dependencies --skip-license \
  --allow-missing-repository "${target_args[@]}" --out "$vsix")
echo "build.sh: $vsix"
