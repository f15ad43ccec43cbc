"""perfdata -- what the performance scripts share: Google Benchmark JSON
(per-repetition samples per series), the history records under
results/history/, and atomic writes.

A series is one benchmark instance (Google Benchmark's run_name) measured
with one method; every figure carries its method label, e.g.
"gbench wall" (wall-clock ns per op) or "callgrind Ir" (instructions per op).
"""

import json
import math
import os
import statistics
import sys
import tempfile

from rcroot import ROOT  # noqa: F401 -- the tools take it from here
from toolmain import InputError  # noqa: F401 -- the tools take it from here

HISTORY_DIR = os.path.join(ROOT, "results", "history")
HISTORY_SCHEMA = "rumpcheck-history/1"
WALL = "gbench wall"
IR = "callgrind Ir"
TO_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
# Numbers in a Google Benchmark entry that are not figures.
COUNTS = {"family_index", "per_family_instance_index", "repetitions", "repetition_index",
          "threads", "iterations"}


def warn(prog, msg):
    sys.stderr.write("%s: %s\n" % (prog, msg))


def write_atomic(path, text):
    d = os.path.dirname(path) or "."
    try:
        os.makedirs(d, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-")
    except OSError as e:
        raise InputError("cannot write %s: %s" % (path, e.strerror))
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def read_json(path, what):
    try:
        with open(path) as f:
            return json.load(f)
    except OSError as e:
        raise InputError("cannot read %s %s: %s" % (what, path, e.strerror))
    except ValueError as e:
        raise InputError("%s %s is corrupt or truncated (%s)" % (what, path, e))


def method_of(metric):
    """The label of the figures a metric gives."""
    if metric in ("real_time", "cpu_time"):
        return WALL if metric == "real_time" else "gbench cpu"
    if metric.lower() in ("ir", "instructions"):
        return IR
    return "gbench counter " + metric


def method_in(doc, metric):
    """The label of a document's figures: the producer's own (the JSON
    context's "method", which the cjson backend's --benchmark_context sets,
    e.g. for wall clock inside a TCG guest) for real time, else the metric's."""
    context = doc.get("context") if isinstance(doc, dict) else None
    label = context.get("method") if isinstance(context, dict) else None
    return label if label and metric == "real_time" else method_of(metric)


def unit_of(metric):
    return "ns/op" if metric in ("real_time", "cpu_time") else metric + "/op"


def measured(value, where):
    """value if it is a finite positive number, else an InputError naming
    where it is: a time or a count per operation is never zero, negative or
    NaN, and a relative shift from a zero median cannot be computed."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError("%s is %r, not a number" % (where, value))
    if not math.isfinite(value) or value <= 0:
        raise InputError("%s is %r: a measured time or count per operation is a finite "
                         "positive number" % (where, value))
    return float(value)


def entry_value(entry, metric, where):
    value = measured(entry[metric], "%s field '%s'" % (where, metric))
    if metric in ("real_time", "cpu_time"):
        unit = entry.get("time_unit", "ns")
        if unit not in TO_NS:
            raise InputError("%s field 'time_unit' is %r, not one of %s"
                             % (where, unit, ", ".join(sorted(TO_NS))))
        return value * TO_NS[unit]
    return value


def gbench_samples(doc, metric, path="<json>"):
    """run_name -> [per-repetition values] from a Google Benchmark document.

    Files written with --benchmark_report_aggregates_only have no
    repetitions: their median counts as one sample. Errored runs are left
    out (Google Benchmark marks them error_occurred).
    """
    if isinstance(doc, dict) and doc.get("schema") == HISTORY_SCHEMA:
        raise InputError("%s is a rumpcheck history record, not Google Benchmark JSON" % path)
    if not isinstance(doc, dict) or not isinstance(doc.get("benchmarks"), list):
        raise InputError("%s is not Google Benchmark JSON (no 'benchmarks' list)" % path)
    reps, medians, metrics = {}, {}, set()
    for n, e in enumerate(doc["benchmarks"]):
        where = "%s: benchmarks[%d]" % (path, n)
        if not isinstance(e, dict):
            raise InputError("%s is %s, not an object" % (where, type(e).__name__))
        metrics.update(k for k, v in e.items() if isinstance(v, (int, float)) and k not in COUNTS)
        if e.get("error_occurred") or metric not in e:
            continue
        name = e.get("run_name", e.get("name"))
        if not isinstance(name, str) or not name:
            raise InputError("%s has no 'name' string" % where)
        if e.get("run_type", "iteration") == "iteration":
            reps.setdefault(name, []).append(entry_value(e, metric, where))
        elif e.get("aggregate_name") == "median":
            medians[name] = [entry_value(e, metric, where)]
    series = {**medians, **reps}
    if not series:
        raise InputError("%s has no '%s' figures (misspelt metric? its entries have: %s)"
                         % (path, metric, ", ".join(sorted(metrics)) or "nothing"))
    return series


def load_gbench(path, metric):
    return gbench_samples(read_json(path, "benchmark file"), metric, path)


def load_gbench_labelled(path, metric):
    """(method label, run_name -> samples) of a Google Benchmark file."""
    doc = read_json(path, "benchmark file")
    return method_in(doc, metric), gbench_samples(doc, metric, path)


def summarize(samples):
    """median, min, max, stddev of a sample list (the dashboard's error bars)."""
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples),
            "stddev": statistics.stdev(samples) if len(samples) > 1 else 0.0,
            "n": len(samples)}


RECORD_TYPES = {"schema": str, "timestamp": str, "target": str, "commit": dict,
                "benchmarks": list, "conformance": dict}
ENTRY_TYPES = {"name": str, "method": str, "unit": str, "samples": list}


def check_fields(obj, types, where):
    for key, kind in types.items():
        if not isinstance(obj, dict) or key not in obj:
            raise InputError("%s lacks '%s'" % (where, key))
        if not isinstance(obj[key], kind):
            raise InputError("%s field '%s' is %r, not a %s" % (where, key, obj[key], kind.__name__))


# The per-ID verdicts a record may carry (rcreport's checklist statuses).
ID_STATUSES = {"pass", "fail", "differs", "not implemented", "not reached", "not applicable",
               "skipped", "blocked", "limitation"}


def check_ids(ids, where):
    """{"MTX-001": "pass", ...}; records written before per-ID verdicts lack it."""
    if not isinstance(ids, dict):
        raise InputError("%s field 'conformance.ids' is %r, not an object" % (where, ids))
    for i, status in ids.items():
        if status not in ID_STATUSES:
            raise InputError("%s field 'conformance.ids.%s' is %r, not one of %s"
                             % (where, i, status, ", ".join(sorted(ID_STATUSES))))


def check_conformance(conf, where):
    """{"families": {family: {pass, fail, skip}}, "ids": {ID: status}, ...}
    or {"error": ...}."""
    if "error" in conf:
        return
    if "ids" in conf:
        check_ids(conf["ids"], where)
    fams = conf.get("families")
    if not isinstance(fams, dict):
        raise InputError("%s field 'conformance' has no 'families' object" % where)
    for fam, counts in fams.items():
        for key in ("pass", "fail", "skip"):
            value = counts.get(key) if isinstance(counts, dict) else None
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InputError("%s field 'conformance.families.%s.%s' is %r, not a count"
                                 % (where, fam, key, value))


def check_record(rec, path):
    where = "history record %s" % path
    check_fields(rec, RECORD_TYPES, where)
    if rec["schema"] != HISTORY_SCHEMA:
        raise InputError("%s has schema %r, expected %r" % (where, rec["schema"], HISTORY_SCHEMA))
    check_conformance(rec["conformance"], where)
    for n, b in enumerate(rec["benchmarks"]):
        at = "%s: benchmarks[%d]" % (where, n)
        check_fields(b, ENTRY_TYPES, at)
        if not b["samples"]:
            raise InputError("%s field 'samples' is empty" % at)
        for k, x in enumerate(b["samples"]):
            measured(x, "%s field 'samples'[%d]" % (at, k))


def load_history(directory=HISTORY_DIR, prog="history"):
    """Every readable record, oldest first; a bad file is reported and skipped."""
    records = []
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith(".json"))
    except FileNotFoundError:
        return records
    except OSError as e:
        raise InputError("cannot read the history directory %s: %s" % (directory, e.strerror))
    for name in names:
        path = os.path.join(directory, name)
        try:
            rec = read_json(path, "history record")
            check_record(rec, path)
        except InputError as e:
            warn(prog, "%s -- skipped" % e)
            continue
        rec["_file"] = path
        records.append(rec)
    records.sort(key=lambda r: (r["timestamp"], r["_file"]))
    return by_machine(records)


def machine_of(rec):
    """A record's machine: its ID, else (older records) its host name."""
    m = rec.get("machine") if isinstance(rec.get("machine"), dict) else {}
    return str(m.get("id") or m.get("hostname") or "unknown")


def by_machine(records):
    """Records of several machines (a LAVA device is one) are never one
    series: each target becomes 'TARGET @ MACHINE' (target_name keeps the
    table's name); the history of one machine keeps the plain names."""
    several = len({machine_of(r) for r in records}) > 1
    for rec in records:
        rec["target_name"] = rec["target"]
        if several:
            rec["target"] = "%s @ %s" % (rec["target"], machine_of(rec))
    return records


def target_name(label):
    """The table's name of a dashboard label ('posix @ host' -> 'posix')."""
    return label.split(" @ ", 1)[0]


def history_series(records):
    """(target, benchmark, method, unit) -> [(record, samples)], oldest first."""
    series = {}
    for rec in records:
        for b in rec["benchmarks"]:
            key = (rec["target"], b["name"], b["method"], b["unit"])
            series.setdefault(key, []).append((rec, b["samples"]))
    return series


def pair_name(name):
    """A benchmark pair's side and name: 'target/mutex/kmutex/real_time' ->
    ('target', 'mutex/kmutex') (the hypercall; 'limit' is the host primitive
    it stands on); a name outside a pair -> (None, name)."""
    role, sep, rest = name.partition("/")
    if not sep or role not in ("target", "limit"):
        return None, name
    return role, "/".join(p for p in rest.split("/") if p != "real_time")
