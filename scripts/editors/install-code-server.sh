#!/usr/bin/env bash
# Installs code-server (the real VS Code server, extension host and web workbench) from the
# npm registry, for the VS Code test in tests/editors/. Its npm postinstall downloads ripgrep
# from outside the registry, so it is skipped (--ignore-scripts) and its work done by hand:
# Debian's rg instead of the download, native modules rebuilt against the installed Node's
# headers (nodedir=/usr, NodeSource's Node 20 ships them).
#
# Idempotent: an install that finished is marked with a stamp and left alone.
#   scripts/editors/install-code-server.sh [DIR]     prints nothing else when already there
#   scripts/editors/code-server-path.sh              prints the code-server executable
# Default DIR: $LW_CODE_SERVER_DIR, else ~/.cache/loopwarden/code-server-<version> (outside
# the checkout, so fresh clones on the same machine reuse it). 1-5 min on 2 cores.
# Needs (scripts/setup-editors.sh installs them): node 20 + npm, ripgrep, build-essential,
# python3, pkg-config, libkrb5-dev, libsecret-1-dev, libx11-dev, libxkbfile-dev.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=code-server-version.sh
. "$here/code-server-version.sh"
DIR=${1:-$LW_CODE_SERVER_DIR}
stamp="$DIR/.loopwarden-installed-$LW_CODE_SERVER_VERSION"
if [ -f "$stamp" ] && [ -x "$DIR/node_modules/.bin/code-server" ]; then
  exit 0
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" != 20 ]; then
  echo "install-code-server: code-server $LW_CODE_SERVER_VERSION needs Node 20 (found $(node --version))" >&2
  exit 1
fi
for tool in rg make g++ python3 pkg-config; do
  command -v "$tool" >/dev/null || {
    echo "install-code-server: '$tool' is missing; run scripts/setup-editors.sh" >&2
    exit 1
  }
done

echo "install-code-server: installing code-server $LW_CODE_SERVER_VERSION into $DIR"
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
printf '{"name":"loopwarden-code-server","private":true}\n' > package.json
export npm_config_nodedir=/usr npm_config_unsafe_perm=true npm_config_audit=false \
  npm_config_fund=false npm_config_update_notifier=false npm_config_loglevel=error
npm install --ignore-scripts --no-save "code-server@$LW_CODE_SERVER_VERSION"
npm rebuild argon2                              # code-server's own native module
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# node-pty's own post-build step fails (it wants npx node-gyp from the network), but pty.node
# is built before it: check the modules the server and extension host load instead of
# trusting the exit status. (@parcel/watcher ships prebuilt in @parcel/watcher-linux-*.)
rebuild_log="$DIR/native-rebuild.log"
echo "install-code-server: building the native modules (log: $rebuild_log)"
npm rebuild @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid >"$rebuild_log" 2>&1 || true
for m in @vscode/spdlog/build/Release/spdlog.node node-pty/build/Release/pty.node \
  kerberos/build/Release/kerberos.node native-watchdog/build/Release/watchdog.node; do
  test -f "node_modules/$m" || {
    tail -40 "$rebuild_log" >&2
    echo "install-code-server: native module $m was not built (see $rebuild_log)" >&2
    exit 1
  }
done
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --ignore-scripts)
XDG_CONFIG_HOME="$DIR/.config" XDG_DATA_HOME="$DIR/.data" "$DIR/node_modules/.bin/code-server" --version
touch "$stamp"
