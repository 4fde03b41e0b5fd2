#!/usr/bin/env bash
# Rewrites the rule fixtures' snapshots (tests/analysis/fixtures/**/*.py.snap) from the current
# analysis: run after a deliberate change to a rule's messages, ranges or fixes, then review
# `git diff tests/analysis/fixtures` before committing. Uses build/ (configure it first).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cmake --build "$root/build" --target analysis_tests >/dev/null
LW_UPDATE_SNAPSHOTS=1 LOOPWARDEN_PYTHON=none "$root/build/tests/analysis_tests" \
  --gtest_filter='Rules/Fixture.*' --gtest_brief=1
git -C "$root" status --short -- tests/analysis/fixtures
