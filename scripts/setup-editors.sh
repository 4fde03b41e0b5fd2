#!/usr/bin/env bash
# Idempotent set-up for the editor tests (ctest label `editors`) on Debian bookworm, as root
# or with sudo: the real clients from apt (Neovim, Emacs + eglot, Kate, Chromium), the build tools
# code-server's native modules need, the pinned npm packages of editors/vscode (from its
# package-lock.json), and code-server itself (scripts/editors/install-code-server.sh).
# Does nothing that is already done. Needs Node 20 + npm (scripts/setup.sh checks them).
#   scripts/setup-editors.sh            # everything
#   LW_SKIP_CODE_SERVER=1 scripts/setup-editors.sh   # everything but code-server
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  neovim emacs-nox elpa-eglot chromium
  # Kate 22.12 (about 39 MB): run headless with QT_QPA_PLATFORM=offscreen.
  kate
  # code-server: Debian's rg replaces the @vscode/ripgrep download; the rest rebuilds its
  # native modules against Node's headers.
  ripgrep build-essential python3 pkg-config libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-editors: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v node >/dev/null && command -v npm >/dev/null || {
  echo "setup-editors: node and npm are needed (scripts/setup.sh installs them)" >&2
  exit 1
}

# editors/vscode: exactly the versions in package-lock.json. Scripts are not run: nothing in
# the tree needs them (esbuild's binary comes from its @esbuild/linux-x64 package).
"$root/scripts/editors/install-vscode-deps.sh"

if [ "${LW_SKIP_CODE_SERVER:-0}" != 1 ]; then
  "$root/scripts/editors/install-code-server.sh"
fi
echo "setup-editors: done"
