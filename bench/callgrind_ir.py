#!/usr/bin/python3
"""callgrind_ir -- bench/run --ir's instruction counts, from callgrind's dumps
to Google Benchmark JSON and a table.

  callgrind_ir.py DUMP -n ITERATIONS -t TARGET -o OUT.json

DUMP is callgrind's --callgrind-out-file: rcbench --ir asks for one dump
(DUMP.1, DUMP.2, ...) per benchmark and count, each triggered by a client
request named NAME@COUNT, taken at N and 2N iterations. Instructions per
operation are (Ir(2N) - Ir(N)) / N. OUT (written atomically) has one
"iteration" entry per benchmark with the count in the counter "Ir", so
that regress.py and record_history.py read it like a wall-clock run
(--metric Ir / FILE:Ir); the table pairs each target/ benchmark with its
limit/. Exit 0 written, 2 no counts or bad input.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
import perfdata  # noqa: E402
from toolmain import InputError, main_guard  # noqa: E402

PROG = "callgrind_ir"
TRIGGER = "desc: Trigger: Client Request: "
TOTALS = "totals: "


def read_dump(path):
    """(benchmark, count, Ir) of one dump."""
    trigger = totals = None
    with open(path) as f:
        for line in f:
            if line.startswith(TRIGGER):
                trigger = line[len(TRIGGER):].strip()
            elif line.startswith(TOTALS):
                totals = int(line[len(TOTALS):].split()[0])
    if trigger is None or totals is None or "@" not in trigger:
        raise InputError("%s: no client-request trigger NAME@COUNT or no totals" % path)
    name, count = trigger.rsplit("@", 1)
    return name.replace("/real_time", ""), int(count), totals


def ir_per_op(dump, n):
    """[(benchmark, Ir per operation)] in the order the benchmarks ran."""
    ir, order, i = {}, [], 1
    while os.path.exists("%s.%d" % (dump, i)):
        name, count, total = read_dump("%s.%d" % (dump, i))
        if name not in order:
            order.append(name)
        ir[name, count] = total
        i += 1
    missing = [b for b in order if (b, n) not in ir or (b, 2 * n) not in ir]
    if missing:
        raise InputError("no dump at %d and %d iterations for %s" % (n, 2 * n, ", ".join(missing)))
    return [(b, (ir[b, 2 * n] - ir[b, n]) / n) for b in order]


def table(rows, n):
    per = dict(rows)
    out = ["", "Instructions per operation (callgrind Ir, user space only: "
           "(Ir(%d) - Ir(%d)) / %d, all threads)" % (2 * n, n, n),
           "%-48s %12s %12s %9s" % ("benchmark", "value", "baseline", "ratio")]
    for name, ir in rows:
        limit = per.get("limit/" + name[len("target/"):]) if name.startswith("target/") else None
        if limit:
            out.append("%-48s %12.1f %12.1f %9.3f" % (name, ir, limit, ir / limit))
        elif name.startswith("target/"):
            out.append("%-48s %12.1f %12s %9s" % (name, ir, "-", "-"))
        elif not name.startswith("limit/"):
            out.append("%-48s %12.1f" % (name, ir))
    return "\n".join(out)


def gbench_document(rows, target, iterations):
    entries = [{"name": name, "run_name": name, "run_type": "iteration", "repetitions": 1,
                "repetition_index": 0, "threads": 1, "iterations": iterations,
                "real_time": 0.0, "cpu_time": 0.0, "time_unit": "ns", "Ir": ir}
               for name, ir in rows]
    return {"context": {"executable": os.path.join(perfdata.ROOT, "bench", "run"),
                        "target": target, "method": perfdata.IR,
                        "note": "Ir per operation: (Ir(2N) - Ir(N)) / N; real_time unused"},
            "benchmarks": entries}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump")
    ap.add_argument("-n", "--iterations", type=int, required=True)
    ap.add_argument("-t", "--target", required=True)
    ap.add_argument("-o", "--out", required=True)
    args = ap.parse_args()
    rows = ir_per_op(args.dump, args.iterations)
    if not rows:
        raise InputError("no callgrind dumps %s.N: did the filter select no benchmark?" % args.dump)
    perfdata.write_atomic(args.out, json.dumps(gbench_document(rows, args.target, args.iterations),
                                               indent=1) + "\n")
    print(table(rows, args.iterations))
    return 0


if __name__ == "__main__":
    sys.exit(main_guard(PROG, main))
