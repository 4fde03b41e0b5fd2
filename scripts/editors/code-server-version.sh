# Sourced by the code-server scripts: the pinned version and where it is installed.
# 4.100.3 (VS Code 1.100.3) is the last code-server whose engines.node is 20.
LW_CODE_SERVER_VERSION=4.100.3
LW_CODE_SERVER_DIR=${LW_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/loopwarden/code-server-$LW_CODE_SERVER_VERSION}
