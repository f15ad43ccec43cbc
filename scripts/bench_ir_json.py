#!/usr/bin/python3
"""bench_ir_json -- bench/run's instruction counts as Google Benchmark JSON.

  bench_ir_json.py -o OUT.json [-t TARGET] [-f FILTER] [-n ITERATIONS]

Runs `bench/run --ir FILTER` (callgrind Ir per operation, deterministic)
and writes its table in Google Benchmark's schema, one "iteration" entry
per benchmark with the count in the counter "Ir", so that regress.py and
record_history.py read it like a wall-clock run (--metric Ir / FILE:Ir).
A target/limit pair's row gives both series. Written atomically.
"""

import argparse
import json
import os
import subprocess
import sys

import perfdata
from toolmain import InputError, main_guard

PROG = "bench_ir_json"
BENCH_RUN = os.path.join(perfdata.ROOT, "bench", "run")


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def parse_ir_table(text):
    """[(name, Ir per op)] from bench/run --ir's table."""
    rows, in_table = [], False
    for line in text.splitlines():
        cols = line.split()
        if cols[:2] == ["benchmark", "value"]:
            in_table = True
            continue
        if not in_table or len(cols) not in (2, 4) or number(cols[1]) is None:
            continue
        rows.append((cols[0], number(cols[1])))
        if len(cols) == 4 and cols[0].startswith("target/") and number(cols[2]) is not None:
            rows.append(("limit/" + cols[0][len("target/"):], number(cols[2])))
    return rows


def gbench_document(rows, target, iterations):
    entries = [{"name": name, "run_name": name, "run_type": "iteration", "repetitions": 1,
                "repetition_index": 0, "threads": 1, "iterations": iterations,
                "real_time": 0.0, "cpu_time": 0.0, "time_unit": "ns", "Ir": ir}
               for name, ir in rows]
    return {"context": {"executable": BENCH_RUN, "target": target, "method": perfdata.IR,
                        "note": "Ir per operation: (Ir(2N) - Ir(N)) / N; real_time unused"},
            "benchmarks": entries}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("-t", "--target", default="posix")
    # The uncontended hot paths; contended, sleeping and allocator-state
    # dependent ones (malloc) do not give the same count twice.
    ap.add_argument("-f", "--filter", default="mutex/kmutex|mutex/spin|mutex_tryenter|rwlock/read|"
                    "rwlock/write|curlwp|clock_gettime|getrandom|atomic/|bitops/")
    ap.add_argument("-n", "--iterations", type=int, default=1000)
    args = ap.parse_args()
    cmd = [BENCH_RUN, "--ir", args.filter, "-t", args.target, "-n", str(args.iterations)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    except FileNotFoundError:
        raise InputError("%s not found (the benchmarks are in bench/)" % BENCH_RUN)
    rows = parse_ir_table(proc.stdout)
    if proc.returncode != 0 or not rows:
        raise InputError("%s gave no instruction counts (exit %d):\n%s" % (
            " ".join(cmd), proc.returncode, (proc.stderr + proc.stdout)[-2000:]))
    doc = gbench_document(rows, args.target, args.iterations)
    perfdata.write_atomic(args.out, json.dumps(doc, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main_guard(PROG, main))
