#!/usr/bin/python3
"""record_history -- append one run of one target to results/history/.

  record_history.py --target T [--db results/run/T.db]
                    (--bench FILE[:METRIC]... | --conformance-only) [--dir results/history]
                    [--machine ID] [--device D --worker W --method M [--job J]]

Writes results/history/<UTC timestamp>-<machine ID>-<target>.json
atomically (ID: --machine, default this host's name; records of many
machines merge into one directory without colliding): the machine (its ID
and, for this host, what it is), where the run ran (run: device, worker,
method, job; a LAVA device's, or this host's "local"), the commit (and
whether the tree was dirty), the benchmark figures with their method
(per-repetition samples and their median, min, max, stddev) and the conformance from the kyua results file: the
pass/fail/skip counts of cases per family, and the verdict of every
catalog ID the run checked, as the porting checklist judges it (pass, fail:
a MUST rule broken, differs: a REFERENCE rule differs from NetBSD's,
limitation: stated in targets/T/LIMITATIONS.tsv, skipped, ...; an ID no
case ran is left out). METRIC is real_time (default: "gbench wall", or the
file's own label in its context's "method"), cpu_time or a counter such as
Ir ("callgrind Ir"). T is a target's name or a path to its library.

Every input must be usable, or nothing is written (exit 2, the message
names the file and field): a benchmark file must give at least one series
for its metric, and the results file must hold results (an interrupted
run's does not). A record without benchmark series is written only with
--conformance-only (a target that has no benchmarks).
"""

import argparse
import datetime
import json
import os
import platform
import re
import socket
import subprocess
import sys

import perfdata
import rcreport
import targets
from perfdata import InputError
from toolmain import main_guard

PROG = "record_history"


def git(*args):
    try:
        return subprocess.run(["git", "-C", perfdata.ROOT] + list(args), capture_output=True,
                              text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def commit_info():
    return {"sha": git("rev-parse", "HEAD") or "unknown",
            "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
            "subject": git("log", "-1", "--format=%s")}


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info():
    return {"hostname": socket.gethostname(), "kernel": platform.release(),
            "cpu_model": cpu_model(), "nproc": len(os.sched_getaffinity(0))}


def file_safe(text):
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text) or "unknown"


def run_info(args, machine):
    """Where the run ran: a device farm's device and worker, or this host."""
    return {"device": args.device or machine, "worker": args.worker or socket.gethostname(),
            "method": args.method or "local", "job": args.job or ""}


def family_of(program):
    """atf/<family>/t_<family> -> family (the hypercall family it tests)."""
    parts = program.replace("\\", "/").split("/")
    return parts[-2] if len(parts) >= 2 else parts[-1]


def conformance_counts(db, target):
    """{"families": {family: {pass, fail, skip}}, "total": {...}, "ids":
    {ID: status}} or an error."""
    try:
        results = rcreport.read_results(db, with_ids=True)
    except SystemExit:     # rcreport reports the problem itself and exits
        return {"error": "results file %s unusable (see above)" % db, "families": {}}
    conf = count_families([r[:5] for r in results])
    conf["ids"] = id_verdicts(results, target)
    return conf


def required_conformance(db, target):
    """The counts and per-ID verdicts of a results file that holds results,
    else InputError."""
    if not os.path.isfile(db):
        raise InputError("no results file %s (run scripts/rumpcheck first, or give --db)" % db)
    results = rcreport.read_results(db, with_ids=True)     # exits 2 itself on a corrupt file
    if not results:
        raise InputError("results file %s has no results (an interrupted run?)" % db)
    conf = count_families([r[:5] for r in results])
    conf["ids"] = id_verdicts(results, target)
    return conf


def id_verdicts(results, target):
    """{catalog ID: checklist status} of every ID the run checked."""
    cat = rcreport.load_catalog()
    verdict = rcreport.shown(cat, rcreport.judge(cat, results, rcreport.load_limitations(target)))
    return {i: v["status"] for i, v in sorted(verdict.items()) if v["status"] != "not run"}


def count_families(results):
    fams = {}
    for program, _case, _ids, result, _why in results:
        counts = fams.setdefault(family_of(program), {"pass": 0, "fail": 0, "skip": 0})
        if result in ("passed", "expected_failure"):
            counts["pass"] += 1
        elif result == "skipped":
            counts["skip"] += 1
        else:
            counts["fail"] += 1
    total = {k: sum(c[k] for c in fams.values()) for k in ("pass", "fail", "skip")}
    return {"families": dict(sorted(fams.items())), "total": total}


def benchmark_entries(spec):
    path, _, metric = spec.partition(":")
    metric = metric or "real_time"
    entries = []
    method, series = perfdata.load_gbench_labelled(path, metric)
    for name, samples in sorted(series.items()):
        entries.append(dict(name=name, method=method,
                            unit=perfdata.unit_of(metric), samples=samples,
                            **perfdata.summarize(samples)))
    return entries


def target_label(target):
    """A file-name-safe name, the same scripts/rumpcheck gives (targets.py)."""
    return targets.label_of(target)


def record_path(directory, stamp, machine, label):
    path = os.path.join(directory, "%s-%s-%s.json" % (stamp, machine, label))
    n = 1
    while os.path.exists(path):
        n += 1
        path = os.path.join(directory, "%s-%s-%s-%d.json" % (stamp, machine, label, n))
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target", required=True)
    ap.add_argument("--db", help="kyua results file (default results/run/<target>.db)")
    ap.add_argument("--bench", action="append", default=[], metavar="FILE[:METRIC]")
    ap.add_argument("--conformance-only", action="store_true",
                    help="the target has no benchmarks: record its conformance alone")
    ap.add_argument("--dir", default=perfdata.HISTORY_DIR)
    ap.add_argument("--machine", help="the machine's ID (default: this host's name)")
    ap.add_argument("--device", help="the device the run ran on (a LAVA device)")
    ap.add_argument("--worker", help="the worker that drove the device")
    ap.add_argument("--method", help="how it ran, e.g. 'lava qemu qemu-tcg' (default local)")
    ap.add_argument("--job", help="the job that ran it (a LAVA job's URL)")
    args = ap.parse_args()

    now = datetime.datetime.now(datetime.timezone.utc)
    label = target_label(args.target)
    machine = file_safe(args.machine or socket.gethostname())
    if not args.bench and not args.conformance_only:
        raise InputError("no benchmark series: give --bench FILE[:METRIC], or "
                         "--conformance-only for a target without benchmarks")
    benchmarks = []
    for spec in args.bench:
        benchmarks += benchmark_entries(spec)
    db = args.db or os.path.join(perfdata.ROOT, "results", "run", label + ".db")
    record = {"schema": perfdata.HISTORY_SCHEMA, "timestamp": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
              "target": label, "target_spec": args.target,
              "machine": dict(machine_info(), id=machine) if not args.device else {"id": machine},
              "run": run_info(args, machine),
              "commit": commit_info(), "methods": sorted({b["method"] for b in benchmarks}),
              "benchmarks": benchmarks, "conformance": required_conformance(db, label), "notes": []}
    path = record_path(args.dir, now.strftime("%Y%m%dT%H%M%SZ"), machine, label)
    perfdata.write_atomic(path, json.dumps(record, indent=1) + "\n")
    print("%s: %s (%d benchmark series, conformance %s)" % (
        PROG, os.path.relpath(path), len(benchmarks),
        record["conformance"].get("total", record["conformance"].get("error"))))
    return 0


if __name__ == "__main__":
    sys.exit(main_guard(PROG, main))
