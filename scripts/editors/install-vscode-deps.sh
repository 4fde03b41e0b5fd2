#!/usr/bin/env bash
# Installs editors/vscode's npm packages exactly as pinned in its package-lock.json (npm ci, no
# install scripts) unless they are already there. Also provides vscode-jsonrpc and
# vscode-languageserver-protocol (dependencies of vscode-languageclient) to the protocol test.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
exec "$root/editors/vscode/build.sh" --deps-only
