#!/usr/bin/env python3
"""Runs every benchmark of bench/ against built binaries; bench/run.sh builds them first.

    bench/run.py --build BUILD_DIR [CORPUS_DIR ...] [--out FILE.json]

Wall-clock figures are the best (minimum) of LW_BENCH_REPEAT runs, with the median beside
it: on a shared machine the minimum is the least disturbed run. Peak RSS comes from the
kernel's accounting of each child (wait4 rusage). See bench/README.md for what each figure
means and the issue-10 targets they are compared with.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_corpus  # noqa: E402
import report  # noqa: E402


def run_timed(argv, cwd=None, env=None):
    """Runs argv with stdout to /dev/null; returns (seconds, peak RSS KiB, CPU seconds)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE, cwd=cwd, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err[-2000:]}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def best_of(repeat, fn):
    samples = [fn() for _ in range(repeat)]
    secs = [s[0] for s in samples]
    return {"seconds": min(secs), "seconds_median": statistics.median(secs),
            "samples": [round(s, 4) for s in secs], "peak_rss_kib": max(s[1] for s in samples),
            "cpu_seconds": min(s[2] for s in samples)}


def supports(binary, flag):
    with tempfile.TemporaryDirectory() as empty:
        r = subprocess.run([binary, "check", flag, "--exit-zero", empty], capture_output=True)
    return r.returncode == 0


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem_kib = 0
    try:
        with open("/proc/meminfo") as fh:
            mem_kib = int(fh.readline().split()[1])
    except (OSError, ValueError, IndexError):
        pass
    cc = subprocess.run(["c++", "--version"], capture_output=True, text=True).stdout.splitlines()
    return {"host": socket.gethostname(), "cpu": cpu, "cores": os.cpu_count(),
            "memory_gib": round(mem_kib / 1048576, 1), "kernel": platform.release(),
            "compiler": cc[0] if cc else "unknown", "python": platform.python_version(),
            "load_average_start": os.getloadavg()}


def check_argv(lw, corpus, threads=None, prefilter=True, cache=False):
    argv = [lw, "check", "--exit-zero", "--output-format", "json"]
    if threads:
        argv += ["--threads", str(threads)]
    if not prefilter:
        argv.append("--no-prefilter")
    if not cache:
        argv.append("--no-cache")
    return argv + [corpus]


def ruff_wasm(lw, corpus):
    """The ruff-WASM anchor (bench/ruff-wasm/lint.js) on the files `check` finds, or None when
    Node.js or the pinned package (`npm ci` in bench/ruff-wasm, done by run.sh) is missing."""
    lint = os.path.join(HERE, "ruff-wasm", "lint.js")
    if not shutil.which("node") or not os.path.isdir(
            os.path.join(HERE, "ruff-wasm", "node_modules", "@astral-sh", "ruff-wasm-nodejs")):
        print("warning: no ruff-WASM anchor (run `npm ci` in bench/ruff-wasm)", file=sys.stderr)
        return None
    files = subprocess.run([lw, "check", "--show-files", corpus], capture_output=True,
                           text=True).stdout
    done = subprocess.run(["node", lint], input=files, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def bench_corpus(lw, bench_dir, corpus, repeat, features):
    parse = json.loads(subprocess.run(
        [os.path.join(bench_dir, "lw_parse_only"), "--repeat", str(repeat), "--walk", corpus],
        check=True, capture_output=True, text=True).stdout)
    out = {"path": corpus, "parse_only": parse, "check": {}}
    ruff = ruff_wasm(lw, corpus)
    if ruff:
        out["ruff_wasm"] = ruff
    cores = os.cpu_count() or 1
    runs = {"one_thread_prefilter_off": dict(threads=1, prefilter=False),
            "all_cores_prefilter_off": dict(threads=None, prefilter=False),
            "one_thread_defaults": dict(threads=1),
            "all_cores_defaults": dict(threads=None)}
    for name, kw in runs.items():
        if not kw.get("prefilter", True) and not features["no_prefilter"]:
            if name.startswith("one_thread"):
                kw = dict(threads=1)
            else:
                kw = dict(threads=None)
        argv = check_argv(lw, corpus, **kw) if features["no_cache"] else [
            a for a in check_argv(lw, corpus, **kw) if a != "--no-cache"]
        out["check"][name] = best_of(repeat, lambda: run_timed(argv))
    out["check"]["all_cores"] = cores
    if features["cache"]:
        cached = []
        first = []
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as cache_dir:
                env = dict(os.environ, LOOPWARDEN_CACHE_DIR=cache_dir)
                argv = check_argv(lw, corpus, cache=True)
                first.append(run_timed(argv, env=env))
                cached.append(run_timed(argv, env=env))
        pick = lambda s: {"seconds": min(x[0] for x in s),
                          "seconds_median": statistics.median(x[0] for x in s),
                          "peak_rss_kib": max(x[1] for x in s), "cpu_seconds": min(x[2] for x in s)}
        out["check"]["cache_first_run"] = pick(first)
        out["check"]["cache_second_run"] = pick(cached)
    return out


def count_lines(folder):
    n = 0
    for dirpath, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".py"):
                with open(os.path.join(dirpath, name), "rb") as fh:
                    n += fh.read().count(b"\n")
    return n


def bench_lsp(bench_dir, lw, work, synthetic, edits):
    doc = os.path.join(work, "document_10k.py")
    with open(doc, "w", encoding="utf-8") as fh:
        fh.write(gen_corpus.document(10000, seed=10))
    r = subprocess.run([os.path.join(bench_dir, "lw_lsp_latency"), "--server", lw, "--document", doc,
                        "--edits", str(edits), "--open-dir", synthetic, "--open-count", "100",
                        "--workspace", synthetic],
                       check=True, capture_output=True, text=True)
    out = json.loads(r.stdout)
    out["workspace"]["lines"] = count_lines(synthetic)
    return out


def bench_index(bench_dir, lw, work, files):
    """The server's memory with a large workspace indexed (no edits, nothing else open)."""
    folder = os.path.join(work, f"index-{files}")
    if not os.path.isdir(folder):
        gen_corpus.generate(folder, files, seed=11)
    doc = os.path.join(work, "document_small.py")
    with open(doc, "w", encoding="utf-8") as fh:
        fh.write(gen_corpus.document(100, seed=12))
    r = subprocess.run([os.path.join(bench_dir, "lw_lsp_latency"), "--server", lw, "--document", doc,
                        "--edits", "0", "--workspace", folder],
                       check=True, capture_output=True, text=True)
    out = json.loads(r.stdout)["workspace"]
    out["files"] = files
    out["lines"] = count_lines(folder)
    return out


def bench_micro(bench_dir, quick):
    argv = [os.path.join(bench_dir, "lw_micro"), "--benchmark_format=json",
            f"--benchmark_min_time={0.05 if quick else 0.5}"]
    data = json.loads(subprocess.run(argv, check=True, capture_output=True, text=True).stdout)
    return [{"name": b["name"], "real_time": b["real_time"], "time_unit": b["time_unit"],
             "items_per_second": b.get("items_per_second"),
             "bytes_per_second": b.get("bytes_per_second")} for b in data["benchmarks"]]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("corpora", nargs="*")
    ap.add_argument("--out")
    args = ap.parse_args()
    quick = os.environ.get("LW_BENCH_QUICK") == "1"
    repeat = 1 if quick else int(os.environ.get("LW_BENCH_REPEAT", "3"))
    files = int(os.environ.get("LW_BENCH_FILES", "1500"))
    lw = os.path.join(args.build, "loopwarden")
    bench_dir = os.path.join(args.build, "bench")

    work = os.path.join(args.build, "bench-work")
    synthetic = os.path.join(work, f"synthetic-{files}")
    if not os.path.isdir(synthetic):
        shutil.rmtree(work, ignore_errors=True)
        gen_corpus.generate(synthetic, files, seed=10)

    features = {"no_prefilter": supports(lw, "--no-prefilter"), "no_cache": supports(lw, "--no-cache")}
    features["cache"] = features["no_cache"] and os.environ.get("LW_BENCH_CACHE", "1") == "1"
    result = {"date": datetime.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
              "repeat": repeat, "features": features, "corpora": []}
    for corpus in list(args.corpora) + [synthetic]:
        print(f"== check: {corpus}", file=sys.stderr)
        entry = bench_corpus(lw, bench_dir, corpus, repeat, features)
        entry["synthetic"] = corpus == synthetic
        packages = os.path.join(corpus, "PACKAGES.txt")  # bench/fetch_async_apps.sh
        if os.path.isfile(packages):
            with open(packages) as fh:
                entry["packages"] = [line.strip() for line in fh if line.strip()]
            entry["label"] = (f"real async applications: {len(entry['packages'])} Debian packages "
                              "(bench/async_apps.txt)")
        result["corpora"].append(entry)
    print("== LSP", file=sys.stderr)
    result["lsp"] = bench_lsp(bench_dir, lw, work, synthetic, 100 if quick else 500)
    index_files = int(os.environ.get("LW_BENCH_INDEX_FILES", "1000" if quick else "13000"))
    print(f"== LSP index of {index_files} files", file=sys.stderr)
    result["lsp"]["large_workspace"] = bench_index(bench_dir, lw, work, index_files)
    print("== micro-benchmarks", file=sys.stderr)
    result["micro"] = bench_micro(bench_dir, quick)
    result["machine"]["load_average_end"] = os.getloadavg()

    out = args.out or os.path.join(HERE, "results", f"{socket.gethostname()}-"
                                   f"{datetime.date.today().isoformat()}.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as fh:
        json.dump(result, fh, indent=2)
        fh.write("\n")
    md = report.markdown(result)
    with open(os.path.splitext(out)[0] + ".md", "w") as fh:
        fh.write(md)
    print(md)
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
