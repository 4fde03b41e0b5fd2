#!/usr/bin/env bash
# The real Kate (Debian's `kate`, 22.12) with the LSP client configuration of docs/install.md,
# headless (QT_QPA_PLATFORM=offscreen), in the throw-away HOME that run.sh sets up:
#   test.sh LOOPWARDEN_BINARY INSTALL_MD WORK_DIR
# The configuration is the JSON block of the docs' Kate section, unchanged, written where Kate
# reads it (~/.config/kate/lspclient/settings.json). Its command is `loopwarden server`, found
# on PATH: here a `loopwarden` script that copies both directions of the traffic to files and
# runs the real binary. Kate asks the user before it starts a server's command line for the
# first time; the test gives the answer the docs tell users to give (katerc [lspclient]
# AllowedServerCommandLines). Kate then opens a file with a blocking call in an `async def`;
# the test waits for Kate's initialize and didOpen of that file, the server's LW102
# publishDiagnostics for it, and Kate's reply to a request the server sent (proof that Kate
# reads what the server writes), then ends Kate.
set -uo pipefail
binary=$1
install_md=$2
work=$3
deadline=${LW_KATE_TIMEOUT:-40}

fail() {
  echo "FAILED: $*"
  echo "--- Kate's output"; tail -40 "$work/kate.log" 2>/dev/null
  echo "--- client -> server"; head -c 3000 "$work/to-server.log" 2>/dev/null; echo
  echo "--- server -> client"; head -c 3000 "$work/to-client.log" 2>/dev/null; echo
  exit 1
}

rm -rf "$work/bin" "$work/project" "$work"/*.log
mkdir -p "$work/bin" "$work/project" "$XDG_CONFIG_HOME/kate/lspclient"
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"

# The docs' configuration, exactly: the first ```json block after the **Kate** heading.
awk '/^\*\*Kate\*\*/ {kate = 1} kate && /^```json/ {copy = 1; next} copy && /^```/ {exit} copy {print}' \
  "$install_md" > "$XDG_CONFIG_HOME/kate/lspclient/settings.json"
python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); assert c["servers"]["python"]["command"][0]=="loopwarden"' \
  "$XDG_CONFIG_HOME/kate/lspclient/settings.json" ||
  fail "docs/install.md's Kate section has no JSON block running 'loopwarden' for python"

cat > "$work/bin/loopwarden" <<WRAPPER
#!/bin/sh
tee "$work/to-server.log" | "$binary" "\$@" | tee "$work/to-client.log"
WRAPPER
chmod +x "$work/bin/loopwarden"
export PATH="$work/bin:$PATH"

# The answer to Kate's "start this language server?" question, as a user gives it once: Kate
# keys it by the command line with the program resolved on PATH.
read -r -a command < <(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["servers"]["python"]["command"]))' \
  "$XDG_CONFIG_HOME/kate/lspclient/settings.json")
command[0]=$(command -v "${command[0]}")
printf '[lspclient]\nAllowedServerCommandLines=%s\n' "${command[*]}" > "$XDG_CONFIG_HOME/katerc"

touch "$work/project/pyproject.toml"
printf 'import time\n\n\nasync def handler():\n    time.sleep(1)\n' > "$work/project/app.py"
file_uri="file://$work/project/app.py"

QT_QPA_PLATFORM=offscreen setsid kate --new "$work/project/app.py" > "$work/kate.log" 2>&1 &
kate_pid=$!
trap 'kill -TERM -- -$kate_pid 2>/dev/null; sleep 1; kill -KILL -- -$kate_pid 2>/dev/null' EXIT
trap 'exit 124' TERM INT

# Kate pretty-prints its JSON ("method": "initialize"); the server writes it compact.
sent() { grep -Eq "\"method\": *\"$1\"" "$work/to-server.log" 2>/dev/null; }
diagnosed() {
  python3 - "$work/to-client.log" "$file_uri" <<'PY'
import json, re, sys
data = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
for body in re.split(r"Content-Length: \d+\r\n\r\n", data):
    try:
        m = json.loads(body)
    except ValueError:
        continue
    p = m.get("params", {})
    if m.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == sys.argv[2] \
       and any(d.get("code") == "LW102" and d["range"]["start"]["line"] == 4 for d in p["diagnostics"]):
        sys.exit(0)
sys.exit(1)
PY
}
# A response from Kate (an id, a result or an error, no method) to a request of the server.
answered() {
  python3 - "$work/to-server.log" "$work/to-client.log" <<'PY'
import json, re, sys
def messages(path):
    data = open(path, "rb").read().decode("utf-8", "replace")
    for body in re.split(r"Content-Length: \d+\r\n\r\n", data):
        try:
            yield json.loads(body)
        except ValueError:
            pass
asked = {m["id"] for m in messages(sys.argv[2]) if "method" in m and "id" in m}
sys.exit(0 if any("method" not in m and m.get("id") in asked for m in messages(sys.argv[1])) else 1)
PY
}

for ((tick = 0; tick < deadline * 4; tick++)); do
  kill -0 "$kate_pid" 2>/dev/null || fail "Kate exited before the exchange was complete"
  if sent initialize && sent textDocument/didOpen && grep -q "$file_uri" "$work/to-server.log" &&
     diagnosed && answered; then
    echo "ok: Kate started 'loopwarden server', sent initialize and didOpen of $file_uri," \
      "got LW102 at line 5 and answered the server's request (${SECONDS} s)"
    exit 0
  fi
  sleep 0.25
done
sent initialize || fail "Kate did not start the server (no initialize in ${deadline} s)"
sent textDocument/didOpen || fail "Kate sent no didOpen"
diagnosed || fail "no LW102 publishDiagnostics for $file_uri"
fail "Kate never answered a request of the server"
