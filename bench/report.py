#!/usr/bin/env python3
"""Renders a bench/run.py result (JSON) as the Markdown of the README's performance section.

    bench/report.py bench/results/HOST-DATE.json

Every figure is computed from the JSON; the issue-10 targets are checked here.
"""
import json
import sys


def fmt_s(x):
    return f"{x:.3f} s" if x >= 0.1 else f"{x * 1000:.1f} ms"


def rate(lines, nbytes, secs):
    return f"{lines / secs / 1000:,.0f}k lines/s, {nbytes / secs / 1e6:.1f} MB/s"


def verdict(ok):
    return "**met**" if ok else "**not met**"


def corpus_name(c):
    if c.get("synthetic"):
        return "synthetic corpus (bench/gen_corpus.py)"
    return c.get("label", c["path"])


def corpus_rows(c):
    p = c["parse_only"]
    chk = c["check"]
    lines, nbytes, parse = p["lines"], p["bytes"], p["parse_seconds"]
    parse_cpu = p.get("parse_cpu_seconds", parse)
    rows = [("tree-sitter parse only, 1 thread (files in memory)", parse, "1.00", parse_cpu, "1.00")]
    if "walk_seconds" in p:
        rows.append(("... plus a cursor walk over every node", parse + p["walk_seconds"],
                     f"{(parse + p['walk_seconds']) / parse:.2f}", None, ""))
    names = {"one_thread_prefilter_off": "`check --threads 1 --no-prefilter`",
             "all_cores_prefilter_off": f"`check --no-prefilter` ({chk['all_cores']} threads)",
             "one_thread_defaults": "`check --threads 1`",
             "all_cores_defaults": f"`check` defaults ({chk['all_cores']} threads, no cache)",
             "cache_first_run": "`check` with the cache, first run",
             "cache_second_run": "`check` with the cache, second run (unchanged tree)"}
    for key, label in names.items():
        if key in chk:
            cpu = chk[key].get("cpu_seconds")
            rows.append((label, chk[key]["seconds"], f"{chk[key]['seconds'] / parse:.2f}", cpu,
                         f"{cpu / parse_cpu:.2f}" if cpu else ""))
    out = [f"**{corpus_name(c)}**: "
           f"{p['files']:,} files, {lines:,} lines, {nbytes / 1e6:.1f} MB", "",
           "| run | wall time (best) | throughput | × parse-only | CPU time | CPU × parse-only |",
           "|---|---|---|---|---|---|"]
    for label, secs, ratio, cpu, cpu_ratio in rows:
        out.append(f"| {label} | {fmt_s(secs)} | {rate(lines, nbytes, secs)} | {ratio} | "
                   f"{fmt_s(cpu) if cpu else ''} | {cpu_ratio} |")
    ruff = c.get("ruff_wasm")
    if ruff:  # the anchor: ruff's WebAssembly build on the same files, one thread, same run
        rows_ruff = (f"ruff {ruff['ruff_version']} WebAssembly (npm), 1 thread, default rules",
                     ruff["lint_seconds"], ruff["lint_cpu_seconds"])
        out.append(f"| {rows_ruff[0]} | {fmt_s(rows_ruff[1])} | {rate(lines, nbytes, rows_ruff[1])} | "
                   f"{rows_ruff[1] / parse:.2f} | {fmt_s(rows_ruff[2])} | "
                   f"{rows_ruff[2] / parse_cpu:.2f} |")
    peak = chk.get("all_cores_defaults", {}).get("peak_rss_kib")
    if peak:
        out += ["", f"Peak RSS of `check` (defaults): {peak / 1024:.0f} MiB."]
    return out


def targets(result):
    out = ["| target (issue 10) | measured | verdict |", "|---|---|---|"]
    for c in result["corpora"]:
        name = "synthetic" if c.get("synthetic") else c.get("label", c["path"])
        chk, parse = c["check"], c["parse_only"]["parse_seconds"]
        parse_cpu = c["parse_only"].get("parse_cpu_seconds", parse)
        if result["features"]["no_prefilter"]:
            r = chk["one_thread_prefilter_off"]["seconds"] / parse
            rc = chk["one_thread_prefilter_off"].get("cpu_seconds", 0) / parse_cpu
            out.append(f"| {name}: 1 thread, prefilter off ≤ 1.3 × parse-only | {r:.2f} × "
                       f"(CPU time: {rc:.2f} ×) | {verdict(r <= 1.3)} |")
        r = chk["all_cores_defaults"]["seconds"] / parse
        out.append(f"| {name}: defaults ≤ 0.6 × 1-thread parse-only | {r:.2f} × | {verdict(r <= 0.6)} |")
        ruff = c.get("ruff_wasm")
        if ruff:
            one = chk["one_thread_defaults"]
            r = ruff["lint_seconds"] / one["seconds"]
            rc = ruff["lint_cpu_seconds"] / one["cpu_seconds"] if one.get("cpu_seconds") else 0
            out.append(f"| {name}: ≥ 2 × faster than ruff-WASM (1 thread each) | {r:.2f} × "
                       f"(CPU time: {rc:.2f} ×) | {verdict(r >= 2)} |")
        for base, label in (("defaults", "defaults"), ("prefilter_off", "prefilter off")):
            one, all_ = chk.get(f"one_thread_{base}"), chk.get(f"all_cores_{base}")
            if one and all_:
                s = one["seconds"] / all_["seconds"]
                out.append(f"| {name}: all cores ≥ 1.8 × one core ({label}) | {s:.2f} × | {verdict(s >= 1.8)} |")
        if "cache_second_run" in chk:
            r = chk["cache_second_run"]["seconds"] / chk["cache_first_run"]["seconds"]
            out.append(f"| {name}: cached second run ≤ 10 % of the first | {r * 100:.1f} % | {verdict(r <= 0.10)} |")
    lsp = result["lsp"]
    e = lsp.get("edit_ms", {})
    if e:
        out.append(f"| LSP edit → diagnostics p50 ≤ 1 ms (10k lines) | {e['p50']:.2f} ms | {verdict(e['p50'] <= 1)} |")
        out.append(f"| LSP edit → diagnostics p99 ≤ 5 ms (10k lines) | {e['p99']:.2f} ms | {verdict(e['p99'] <= 5)} |")
    out.append(f"| LSP first diagnostics after didOpen ≤ 30 ms | {lsp['open_ms']:.1f} ms | {verdict(lsp['open_ms'] <= 30)} |")
    big = lsp.get("large_workspace")
    if big:
        mib = big["rss_kib"] / 1024
        out.append(f"| server with a {big['lines'] / 1e6:.1f}M-line workspace indexed < 300 MB RSS | "
                   f"{mib:.0f} MiB | {verdict(mib < 300 and big['lines'] >= 1_000_000)} |")
    return out


def markdown(result):
    m = result["machine"]
    lsp = result["lsp"]
    out = [f"Measured {result['date']} on {m['cpu']} ({m['cores']} cores, {m['memory_gib']} GiB), "
           f"Linux {m['kernel']}, {m['compiler']}; load average at start "
           f"{m['load_average_start'][0]:.1f}, at end {m['load_average_end'][0]:.1f}. Wall-clock "
           f"times are the best of {result['repeat']} runs, whole process (start-up, discovery, "
           "reading, output) for `check`; parse-only excludes reading.", ""]
    for c in result["corpora"]:
        out += corpus_rows(c) + [""]
    e = lsp.get("edit_ms", {})
    out += ["**Language server** (the real binary over pipes, UTF-16 positions, `--debounce-ms 0`):", "",
            f"- didOpen of a {lsp['document_lines']:,}-line document → first diagnostics: "
            f"{lsp['open_ms']:.1f} ms ({lsp['open_diagnostics']} diagnostics)"]
    if e:
        out.append(f"- {lsp['edits']} one-character incremental edits → publishDiagnostics: p50 "
                   f"{e['p50']:.2f} ms, p95 {e['p95']:.2f} ms, p99 {e['p99']:.2f} ms, max {e['max']:.2f} ms")
    if "memory" in lsp:
        mem = lsp["memory"]
        out.append(f"- {mem['documents_open']} documents open ({mem['documents_lines']:,} lines): "
                   f"RSS {mem['rss_kib'] / 1024:.0f} MiB, peak {mem['peak_kib'] / 1024:.0f} MiB")
    ws = lsp.get("workspace")
    if ws:
        out.append(f"- `initialized` → end of indexing progress on the synthetic workspace "
                   f"({ws['lines']:,} lines): {ws['index_ms']:.0f} ms, RSS then {ws['rss_kib'] / 1024:.0f} MiB")
    big = lsp.get("large_workspace")
    if big:
        out.append(f"- a {big['lines']:,}-line workspace ({big['files']:,} files) indexed: "
                   f"{big['index_ms'] / 1000:.1f} s, RSS {big['rss_kib'] / 1024:.0f} MiB "
                   f"(peak {big['peak_kib'] / 1024:.0f} MiB)")
    out += ["", "**Micro-benchmarks** (Google Benchmark, `build-bench/bench/lw_micro`):", "",
            "| benchmark | time per iteration | rate |", "|---|---|---|"]
    for b in result["micro"]:
        r = (f"{b['items_per_second'] / 1e6:.2f} M items/s" if b.get("items_per_second")
             else f"{b['bytes_per_second'] / 1e6:.0f} MB/s" if b.get("bytes_per_second") else "")
        out.append(f"| {b['name']} | {b['real_time']:.2f} {b['time_unit']} | {r} |")
    out += ["", "**Targets**", ""] + targets(result)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1]) as fh:
        print(markdown(json.load(fh)), end="")
