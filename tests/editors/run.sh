#!/usr/bin/env bash
# Runs one editor test (ctest label `editors`, registered in CMakeLists.txt beside this file):
#   run.sh TEST LOOPWARDEN_BINARY WORK_DIR
# TEST: vscode-unit | vscode-build | vscode-protocol | vscode-code-server |
#       vscode-code-server-bundled | nvim | emacs | kate.
# Checks that the tools are installed (scripts/setup-editors.sh installs them), isolates the
# editors from the user's configuration (HOME and XDG folders under WORK_DIR), and bounds every
# run with `timeout`. Exit status: 0 passed, 1 failed, 77 skipped (steps the server does not
# support yet, named in the output).
set -uo pipefail
test_name=$1
binary=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
work=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$work"
work=$(cd "$work" && pwd)

need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || {
      echo "FAILED: '$tool' is not installed: run scripts/setup-editors.sh (or skip these tests: ctest -LE editors)"
      exit 1
    }
  done
}
# editors/vscode/node_modules must match package-lock.json (tests never install: two of them
# running at once would race).
need_npm_deps() {
  local want have
  want=$(sha256sum "$root/editors/vscode/package-lock.json" | cut -d' ' -f1)
  have=$(cat "$root/editors/vscode/node_modules/.loopwarden-lock-sha256" 2>/dev/null)
  [ "$want" = "$have" ] || {
    echo "FAILED: editors/vscode's npm packages are missing or older than package-lock.json: run scripts/setup-editors.sh"
    exit 1
  }
}
need_binary() {
  [ -x "$binary" ] || {
    echo "FAILED: the loopwarden binary is missing: $binary (build the 'loopwarden' target first)"
    exit 1
  }
}
isolate() {
  rm -rf "$work/home"
  export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_CACHE_HOME="$work/home/.cache" \
    XDG_DATA_HOME="$work/home/.local/share" XDG_STATE_HOME="$work/home/.local/state"
  mkdir -p "$HOME"
}
# node --test exits 0 when steps were skipped: report those as a ctest skip, not a pass.
node_test() {
  local out
  out=$(timeout --kill-after=10 "$1" node --test --test-reporter=tap "${@:2}" 2>&1)
  local rc=$?
  echo "$out"
  [ $rc -eq 124 ] && echo "FAILED: timed out after $1"
  [ $rc -ne 0 ] && return 1
  if echo "$out" | grep -Eq '^# skipped [1-9]'; then
    echo "SKIPPED: some steps were skipped (see '# SKIP' above for what the server is missing)"
    return 77
  fi
  return 0
}

case "$test_name" in
  vscode-unit)
    need node; need_npm_deps
    node_test 60 "$root/editors/vscode/test/"
    ;;
  vscode-build)
    need node npm; need_npm_deps
    timeout --kill-after=10 300 "$root/editors/vscode/build.sh" "$work"
    ;;
  vscode-protocol)
    need node; need_npm_deps; need_binary
    LOOPWARDEN="$binary" node_test 60 "$here/vscode-protocol.test.mjs"
    ;;
  vscode-code-server)
    need node chromium; need_npm_deps; need_binary
    "$root/scripts/editors/code-server-path.sh" >/dev/null || exit 1
    vsix=$(ls "$work"/../vscode-build/loopwarden-*.vsix 2>/dev/null | head -1)
    [ -n "$vsix" ] || { echo "FAILED: no .vsix from the editors_vscode_build test in $work/../vscode-build"; exit 1; }
    # The driver kills its process groups on SIGTERM; timeout sends that first.
    timeout --kill-after=15 240 node "$here/vscode/code-server.test.mjs" \
      --loopwarden "$binary" --vsix "$vsix" --work "$work/run" --timeout 120
    ;;
  vscode-code-server-bundled)
    # The linux-x64 .vsix of scripts/package.sh (made by the dist_packages test) carries the
    # server: no loopwarden.path, no loopwarden on PATH.
    need node chromium; need_npm_deps
    "$root/scripts/editors/code-server-path.sh" >/dev/null || exit 1
    vsix=$(ls "$work"/../../dist/packages/dist/loopwarden-linux-x64-*.vsix 2>/dev/null | head -1)
    [ -n "$vsix" ] || { echo "FAILED: no platform .vsix from the dist_packages test in $work/../../dist/packages/dist"; exit 1; }
    timeout --kill-after=15 240 node "$here/vscode/code-server.test.mjs" \
      --bundled 1 --vsix "$vsix" --work "$work/run" --timeout 120
    ;;
  nvim)
    need nvim; need_binary; isolate
    LOOPWARDEN="$binary" LW_PLUGIN="$root/editors/nvim" LW_FIXTURES="$here/fixtures" \
      timeout --kill-after=10 120 nvim --headless -u NONE -i NONE -n -c "luafile $here/nvim/test.lua" </dev/null
    ;;
  emacs)
    need emacs; need_binary; isolate
    [ -d /usr/share/emacs/site-lisp/elpa ] && ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 ||
      { echo "FAILED: Debian's elpa-eglot is not installed: run scripts/setup-editors.sh"; exit 1; }
    LOOPWARDEN="$binary" LW_PLUGIN="$root/editors/emacs" LW_FIXTURES="$here/fixtures" \
      timeout --kill-after=10 120 emacs -Q --batch -l "$here/emacs/test.el" </dev/null
    ;;
  kate)
    need kate python3 setsid; need_binary; isolate
    timeout --kill-after=10 90 bash "$here/kate/test.sh" "$binary" "$root/docs/install.md" "$work"
    ;;
  *)
    echo "run.sh: unknown test '$test_name'" >&2
    exit 2
    ;;
esac
rc=$?
[ $rc -eq 124 ] && echo "FAILED: $test_name timed out"
exit $rc
