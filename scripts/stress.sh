#!/usr/bin/env bash
# Hostile inputs through the real binary (issue #22), each under a time limit (`timeout`) and
# an address-space limit (`ulimit -v`): deep nesting, a 40,000-link attribute chain, 10,000
# calls on one 1.7 MB line, 10,000 `async def`s, 8,000 comment lines, a FIFO, `--fix` on a
# hard-linked file, the unsafe wrap of a chained blocking call, 3,000 generators among 6,000
# calls. Every case checks the exit
# status and what was reported, not only that the process survived.
#   scripts/stress.sh [path/to/loopwarden]      (default: build/loopwarden; ctest label stress)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$root/build/loopwarden}")
[ -x "$bin" ] || { echo "stress: no binary at $bin" >&2; exit 2; }
memory_kb=${LW_STRESS_MEMORY_KB:-2000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
pass() { printf 'ok    %-28s %s\n' "$1" "$2"; }
fail() { printf 'FAIL  %-28s %s\n' "$1" "$2"; failures=$((failures + 1)); }

# run NAME SECONDS ARGS...: the binary in $work, stdout in NAME.out; sets $status and $took.
run() {
  local name=$1 seconds=$2
  shift 2
  local start
  start=$(date +%s%N)
  (ulimit -v "$memory_kb"; exec timeout -k 2 "$seconds" "$bin" "$@") >"$name.out" 2>"$name.err" </dev/null
  status=$?
  local ms=$((($(date +%s%N) - start) / 1000000))
  took=$(printf '%d.%03ds' $((ms / 1000)) $((ms % 1000)))
}
# expect NAME WANT_STATUS: the status must be WANT (124/137 = timed out, >128 = signal).
expect_status() {
  if [ "$status" -ne "$2" ]; then
    fail "$1" "exit status $status, want $2 ($took; $(tail -c 300 "$1.err" | tr '\n' ' '))"
    return 1
  fi
}
count() { grep -c -- "$2" "$1.out" || true; }

gen() { python3 -c "$2" >"$1"; }

# 1. 520 nested `with` blocks in an `async def`: the grammar's scanner overflowed its buffer.
gen nested_with.py '
n = 520
print("import time\nasync def f():")
for i in range(n):
    print("    " * (i + 1) + f"with open(\"x{i}\") as f{i}:")
print("    " * (n + 1) + "time.sleep(1)")'
run nested_with 20 check --no-cache --output-format concise nested_with.py
if expect_status nested_with 1; then
  # The levels the scanner keeps are analysed: every `open` above the cut is reported.
  found=$(count nested_with ' LW103 ')
  if [ "$found" -ge 300 ]; then pass nested_with "$took, $found LW103"; else fail nested_with "$found LW103"; fi
fi

# 2. `x = time` then `.a` 40,000 times and `()`: recursion per attribute overflowed the stack.
gen attr_chain.py 'print("import time\nasync def f():\n    x = time\n    x" + ".a" * 40000 + "()\n    time.sleep(1)")'
run attr_chain 20 check --no-cache --output-format concise attr_chain.py
if expect_status attr_chain 1; then
  found=$(count attr_chain ' LW102 ')
  if [ "$found" -eq 1 ]; then pass attr_chain "$took"; else fail attr_chain "$found LW102, want 1"; fi
fi

# 3. 10,000 calls on one 1.7 MB line (multi-byte characters): columns were quadratic.
gen long_line.py 'print("import time\nasync def f():\n    " + "; ".join("time.sleep(%d, \"%s\")" % (i, "é" * 50 + "a" * 50) for i in range(10000)))'
run long_line 10 check --no-cache --output-format json long_line.py
if expect_status long_line 1; then
  found=$(grep -o '"code": *"LW102"' long_line.out | wc -l)
  last=$(python3 -c 'import json,sys; d=json.load(open("long_line.out")); print(max(x["location"]["column"] for x in d))')
  # The last call starts at column 5 + 9999 * (len("time.sleep(NNNN, \"...\")") + 2) code points.
  want=$(python3 -c 'print(5 + sum(len("time.sleep(%d, \"%s\")" % (i, "x" * 100)) + 2 for i in range(9999)))')
  if [ "$found" -eq 10000 ] && [ "$last" -eq "$want" ]; then pass long_line "$took"; else fail long_line "$found LW102, last column $last (want $want)"; fi
fi

# 3b. The same file in the default output (source lines quoted) to a pipe: every diagnostic
# printed the whole 1.7 MB line (17 GB of output, minutes). A line longer than 1,000 columns is
# cut to a window around each range.
run long_line_full 20 check --no-cache long_line.py
if expect_status long_line_full 1; then
  found=$(count long_line_full '\^ LW102 (warning)')
  widest=$(python3 -c 'import sys; print(max(map(len, open(sys.argv[1], encoding="utf-8"))))' long_line_full.out)
  if [ "$found" -eq 10000 ] && [ "$widest" -le 1100 ]; then pass long_line_full "$took"; else fail long_line_full "$found underlines, widest line $widest"; fi
fi

# 4. 10,000 `async def`s each with `requests.get(...)`: the import lookup ran per call.
gen many_defs.py '
print("import requests")
for i in range(10000):
    print(f"async def f{i}():\n    requests.get(\"http://x/{i}\")")'
run many_defs 10 check --no-cache --output-format concise --unsafe-fixes many_defs.py
if expect_status many_defs 1; then
  found=$(count many_defs ' LW101 ')
  if [ "$found" -eq 10000 ]; then pass many_defs "$took"; else fail many_defs "$found LW101, want 10000"; fi
fi

# 5. 8,000 comment lines in a function: the grammar's scanner re-read the run per line.
gen comments.py 'print("import time\nasync def f():\n    x = 1\n" + "    # comment line\n" * 8000 + "    time.sleep(1)")'
run comments 10 check --no-cache --output-format concise comments.py
if expect_status comments 1; then
  if grep -q 'comments.py:8004:5: LW102' comments.out; then pass comments "$took"; else fail comments "no LW102 at 8004:5"; fi
fi

# 5b. The same run at column zero (commented-out code): each line's scan read the rest of the
# run to know whether the block ends (cmake/deps.lock: the scanner remembers the run's end).
gen comments0.py 'print("import time\nasync def f():\n    x = 1\n" + "# x = compute(1)\n" * 8000 + "    time.sleep(1)")'
run comments0 2 check --no-cache --output-format concise comments0.py
if expect_status comments0 1; then
  if grep -q 'comments0.py:8004:5: LW102' comments0.out; then pass comments0 "$took"; else fail comments0 "no LW102 at 8004:5"; fi
fi

# 6. A FIFO named like a source: reading it blocked forever. Now LW003, without opening it.
mkfifo fifo.py
run fifo 10 check --no-cache --output-format concise fifo.py
if expect_status fifo 1; then
  if grep -q 'fifo.py:1:1: LW003' fifo.out; then pass fifo "$took"; else fail fifo "no LW003"; fi
fi
run fifo_exit_zero 10 check --no-cache --output-format concise --exit-zero fifo.py
expect_status fifo_exit_zero 0 && pass fifo_exit_zero "$took"

# 7. `--fix` on a file with a second hard link: rename(2) split the link silently.
mkdir linked
printf 'import time\n\n\nasync def f():\n    time.sleep(1)\n' >linked/a.py
ln linked/a.py other_name.py
run hard_link 20 check --no-cache --output-format concise --fix linked
if expect_status hard_link 0; then
  if grep -q 'asyncio.sleep' other_name.py && [ "$(stat -c %h linked/a.py)" -eq 2 ]; then
    pass hard_link "$took"
  else
    fail hard_link "the other name kept the old text or the link was split"
  fi
fi

# 8. The unsafe wrap moves the whole blocking expression (`.all()` runs the SQL); a blocking
#    call a fix cannot move stays reported after `--fix`.
mkdir wrap
cat >wrap/app.py <<'EOF'
import json

from fastapi import FastAPI
from sqlalchemy.orm import Session

app = FastAPI()


@app.get("/items")
async def items(db: Session, Item, path):
    rows = db.query(Item).all()
    with open(path) as f:
        data = json.load(f)
    return rows, data
EOF
run unsafe_wrap 20 check --no-cache --output-format concise --fix --unsafe-fixes wrap
if expect_status unsafe_wrap 1; then
  if grep -q 'rows = await run_in_threadpool(lambda: db.query(Item).all())' wrap/app.py &&
    grep -q 'app.py:13:10: LW103' unsafe_wrap.out; then
    pass unsafe_wrap "$took"
  else
    fail unsafe_wrap "$(grep -n 'rows =' wrap/app.py) / $(grep LW1 unsafe_wrap.out | tr '\n' ' ')"
  fi
fi

# 9. 3,000 generators that `yield` inside `async with asyncio.timeout(...)`, among 6,000 calls:
#    LW502/LW505 asked for every generator whether some call of the file enters it as a
#    context manager, scanning every call again (found by the analysis fuzzer: 3 s for a
#    410 KB file).
gen generators.py '
n = 3000
print("import asyncio\nfrom contextlib import asynccontextmanager\n")
for i in range(n):
    print(f"async def gen{i}():\n    async with asyncio.timeout(1):\n        yield {i}\n")
print("async def main():")
for i in range(n):
    print(f"    print(gen{i}, len([{i}, {i + 1}]))")
print("\n\nmanaged = asynccontextmanager(gen0)")'
run generators 20 check --no-cache --output-format concise generators.py
if expect_status generators 1; then
  # gen0 is entered as a context manager (asynccontextmanager(gen0)): the other 2,999 are LW502.
  found=$(count generators ' LW502 ')
  if [ "$found" -eq 2999 ] && [ "${took%%.*}" -lt 2 ]; then
    pass generators "$took, $found LW502"
  else
    fail generators "$took, $found LW502 (want 2999, under 2 s)"
  fi
fi

if [ "$failures" -gt 0 ]; then
  echo "stress: $failures case(s) failed" >&2
  exit 1
fi
echo "stress: every case passed"
