#!/usr/bin/python3
"""bench_ir_json -- the hot paths' instruction counts as Google Benchmark JSON.

  bench_ir_json.py -o OUT.json [-t TARGET] [-f FILTER] [-n ITERATIONS]

Runs `bench/run --ir FILTER -o OUT` (callgrind Ir per operation,
deterministic), which writes OUT itself (atomically): one "iteration"
entry per benchmark with the count in the counter "Ir", so that regress.py
and record_history.py read it like a wall-clock run (--metric Ir /
FILE:Ir). FILTER defaults to the hot paths whose count is the same every
run, the ones nightly and the committed baselines compare.
"""

import argparse
import os
import subprocess
import sys

import perfdata
from toolmain import InputError, main_guard

PROG = "bench_ir_json"
BENCH_RUN = os.path.join(perfdata.ROOT, "bench", "run")


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
    cmd = [BENCH_RUN, "--ir", args.filter, "-t", args.target, "-n", str(args.iterations),
           "-o", os.path.abspath(args.out)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    except FileNotFoundError:
        raise InputError("%s not found (the benchmarks are in bench/)" % BENCH_RUN)
    if proc.returncode != 0:
        raise InputError("%s gave no instruction counts (exit %d):\n%s" % (
            " ".join(cmd), proc.returncode, (proc.stderr + proc.stdout)[-2000:]))
    return 0


if __name__ == "__main__":
    sys.exit(main_guard(PROG, main))
