#!/usr/bin/python3
"""fixture_history -- a synthetic results/history for the self-tests.

  fixture_history.py DIR [--records N] [--step-at K] [--step PCT]
                         [--run-noise PCT] [--old-before K]

Ten nightly records (by default) for two targets. The posix series
"target/mutex_enter_exit" (gbench wall) slows down by PCT percent from
record K on, whose commit is "step" followed by zeros; nothing else moves
but fiber's last record, which fails one more cv case than the one before
(CV-006, a MUST rule). Fiber's param cases fail on PRM-010, a stated
limitation (targets/fiber/LIMITATIONS.tsv). In instructions the posix
mutex pair costs 0.53x its host primitive, in wall time 2.2x (as measured:
the two methods disagree). Wall-clock repetitions vary by 1% within a run;
--run-noise adds an offset per run and series of that standard deviation
(percent), as a loaded machine gives between runs (the repetitions share
it). Records before --old-before K carry no per-ID verdicts (as written
before they were recorded).
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
FAMILIES = {"posix": {"mutex": (24, 0, 0), "rwlock": (21, 0, 0), "cv": (15, 0, 0), "clock": (9, 0, 1),
                      "param": (5, 0, 0)},
            "fiber": {"mutex": (24, 0, 0), "rwlock": (21, 0, 0), "cv": (13, 0, 2), "clock": (8, 0, 2),
                      "param": (3, 2, 0)}}
IDS = {"MTX-001": "pass", "MTX-002": "pass", "RW-001": "pass", "CV-001": "pass", "CV-006": "pass",
       "CLK-001": "pass", "CLK-102": "skipped", "PRM-001": "pass", "PRM-010": "pass"}
STEP_SHA = "5" + "7e9" + "0" * 36


def samples(rng, base, method, run_noise):
    if method == "callgrind Ir":
        return [base] * 5
    if run_noise:
        base *= rng.gauss(1.0, run_noise / 100)
    return [base * rng.gauss(1.0, 0.01) for _ in range(5)]


def id_verdicts(target, last):
    ids = dict(IDS)
    if target == "fiber":
        ids["PRM-010"] = "limitation"
        if last:
            ids["CV-006"] = "fail"
    return ids


def record(rng, i, target, args):
    sha = STEP_SHA if i == args.step_at else "%040x" % (0xc0ffee000 + i)
    benchmarks = []
    for name, method, unit, base in SERIES:
        if target == "posix" and name == SERIES[0][0] and method == "gbench wall" and i >= args.step_at:
            base *= 1 + args.step / 100
        xs = samples(rng, base * (1.3 if target == "fiber" else 1.0), method, args.run_noise)
        benchmarks.append(dict(name=name, method=method, unit=unit, samples=xs, **perfdata.summarize(xs)))
    fams = {f: {"pass": p, "fail": fl, "skip": s} for f, (p, fl, s) in FAMILIES[target].items()}
    last = i == args.records - 1
    if target == "fiber" and last:
        fams["cv"] = {"pass": fams["cv"]["pass"] - 1, "fail": fams["cv"]["fail"] + 1, "skip": fams["cv"]["skip"]}
    conformance = {"families": fams,
                   "total": {k: sum(c[k] for c in fams.values()) for k in ("pass", "fail", "skip")}}
    if i >= args.old_before:
        conformance["ids"] = id_verdicts(target, last)
    return {"schema": perfdata.HISTORY_SCHEMA, "timestamp": "2025-11-%02dT02:00:00Z" % (i + 1),
            "target": target, "target_spec": target,
            "machine": {"hostname": "fixture", "kernel": "6.1", "cpu_model": "fixture", "nproc": 2},
            "commit": {"sha": sha, "dirty": False, "subject": "fixture %d" % i},
            "methods": sorted({s[1] for s in SERIES}), "benchmarks": benchmarks,
            "conformance": conformance, "notes": []}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--records", type=int, default=10)
    ap.add_argument("--step-at", type=int, default=6)
    ap.add_argument("--step", type=float, default=8.0)
    ap.add_argument("--run-noise", type=float, default=0.0)
    ap.add_argument("--old-before", type=int, default=0)
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
