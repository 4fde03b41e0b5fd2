#!/usr/bin/env bash
# Prints the code-server executable installed by install-code-server.sh (exit 1 if absent).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/code-server-version.sh"
exe="$LW_CODE_SERVER_DIR/node_modules/.bin/code-server"
if [ -f "$LW_CODE_SERVER_DIR/.loopwarden-installed-$LW_CODE_SERVER_VERSION" ] && [ -x "$exe" ]; then
  echo "$exe"
else
  echo "code-server $LW_CODE_SERVER_VERSION is not installed in $LW_CODE_SERVER_DIR: run scripts/setup-editors.sh" >&2
  exit 1
fi
