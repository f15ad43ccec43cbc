#!/usr/bin/python3
"""fixture_history -- a synthetic results/history for the self-tests.

  fixture_history.py DIR [--records N] [--step-at K] [--step PCT]

Ten nightly records (by default) for two targets. The posix series
"target/mutex_enter_exit" (gbench wall) slows down by PCT percent from
record K on, whose commit is "step" followed by zeros; nothing else moves
but fiber's last record, which fails one more cv case than the one before.
In instructions the posix mutex pair costs 0.53x its host primitive, in
wall time 2.2x (as measured: the two methods disagree).
Also writes one truncated record, which readers must skip with a message.
Seeded: the same arguments give the same files.
"""

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import perfdata  # noqa: E402

SERIES = [("target/mutex_enter_exit", "gbench wall", "ns/op", 42.0),
          ("limit/mutex_enter_exit", "gbench wall", "ns/op", 19.0),
          ("target/rw_enter_exit", "gbench wall", "ns/op", 55.0),
          ("limit/rw_enter_exit", "gbench wall", "ns/op", 30.0),
          ("target/mutex_enter_exit", "callgrind Ir", "Ir/op", 96.0),
          ("limit/mutex_enter_exit", "callgrind Ir", "Ir/op", 180.0)]
FAMILIES = {"posix": {"mutex": (24, 0, 0), "rwlock": (21, 0, 0), "cv": (15, 0, 0), "clock": (9, 0, 1)},
            "fiber": {"mutex": (20, 4, 0), "rwlock": (21, 0, 0), "cv": (11, 2, 2), "clock": (8, 0, 2)}}
STEP_SHA = "5" + "7e9" + "0" * 36


def samples(rng, base, method):
    if method == "callgrind Ir":
        return [base] * 5
    return [base * rng.gauss(1.0, 0.01) for _ in range(5)]


def record(rng, i, target, args):
    sha = STEP_SHA if i == args.step_at else "%040x" % (0xc0ffee000 + i)
    benchmarks = []
    for name, method, unit, base in SERIES:
        if target == "posix" and name == SERIES[0][0] and method == "gbench wall" and i >= args.step_at:
            base *= 1 + args.step / 100
        xs = samples(rng, base * (1.3 if target == "fiber" else 1.0), method)
        benchmarks.append(dict(name=name, method=method, unit=unit, samples=xs, **perfdata.summarize(xs)))
    fams = {f: {"pass": p, "fail": fl, "skip": s} for f, (p, fl, s) in FAMILIES[target].items()}
    if target == "fiber" and i == args.records - 1:
        fams["cv"] = {"pass": fams["cv"]["pass"] - 1, "fail": fams["cv"]["fail"] + 1, "skip": fams["cv"]["skip"]}
    return {"schema": perfdata.HISTORY_SCHEMA, "timestamp": "2025-11-%02dT02:00:00Z" % (i + 1),
            "target": target, "target_spec": target,
            "machine": {"hostname": "fixture", "kernel": "6.1", "cpu_model": "fixture", "nproc": 2},
            "commit": {"sha": sha, "dirty": False, "subject": "fixture %d" % i},
            "methods": sorted({s[1] for s in SERIES}), "benchmarks": benchmarks,
            "conformance": {"families": fams,
                            "total": {k: sum(c[k] for c in fams.values()) for k in ("pass", "fail", "skip")}},
            "notes": []}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--records", type=int, default=10)
    ap.add_argument("--step-at", type=int, default=6)
    ap.add_argument("--step", type=float, default=8.0)
    args = ap.parse_args()
    rng = random.Random(5)
    for i in range(args.records):
        for target in ("posix", "fiber"):
            rec = record(rng, i, target, args)
            path = os.path.join(args.dir, "202511%02dT020000Z-%s.json" % (i + 1, target))
            perfdata.write_atomic(path, json.dumps(rec, indent=1) + "\n")
    with open(os.path.join(args.dir, "20251131T020000Z-posix.json"), "w") as f:
        f.write('{"schema": "rumpcheck-history/1", "timestamp": "2025-11-')
    return 0


if __name__ == "__main__":
    sys.exit(main())
