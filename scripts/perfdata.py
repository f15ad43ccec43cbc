"""perfdata -- what the performance scripts share: Google Benchmark JSON
(per-repetition samples per series), the history records under
results/history/, and atomic writes.

A series is one benchmark instance (Google Benchmark's run_name) measured
with one method; every figure carries its method label, e.g.
"gbench wall" (wall-clock ns per op) or "callgrind Ir" (instructions per op).
"""

import json
import os
import statistics
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HISTORY_DIR = os.path.join(ROOT, "results", "history")
HISTORY_SCHEMA = "rumpcheck-history/1"
WALL = "gbench wall"
IR = "callgrind Ir"
TO_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


class InputError(Exception):
    """An input file that cannot be used; the message names it."""


def warn(prog, msg):
    sys.stderr.write("%s: %s\n" % (prog, msg))


def write_atomic(path, text):
    d = os.path.dirname(path) or "."
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-")
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


def entry_value(entry, metric):
    if metric in ("real_time", "cpu_time"):
        return float(entry[metric]) * TO_NS[entry.get("time_unit", "ns")]
    return float(entry[metric])


def gbench_samples(doc, metric, path="<json>"):
    """run_name -> [per-repetition values] from a Google Benchmark document.

    Files written with --benchmark_report_aggregates_only have no
    repetitions: their median counts as one sample. Errored runs are left
    out (Google Benchmark marks them error_occurred).
    """
    if not isinstance(doc, dict) or not isinstance(doc.get("benchmarks"), list):
        raise InputError("%s is not Google Benchmark JSON (no 'benchmarks' list)" % path)
    reps, medians = {}, {}
    for e in doc["benchmarks"]:
        try:
            if e.get("error_occurred") or metric not in e:
                continue
            name = e.get("run_name", e["name"])
            if e.get("run_type", "iteration") == "iteration":
                reps.setdefault(name, []).append(entry_value(e, metric))
            elif e.get("aggregate_name") == "median":
                medians[name] = [entry_value(e, metric)]
        except (KeyError, TypeError, ValueError) as err:
            raise InputError("%s: malformed benchmark entry %r (%s)" % (path, e.get("name"), err))
    return {**medians, **reps}


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


def check_record(rec, path):
    for key in ("schema", "timestamp", "target", "commit", "benchmarks", "conformance"):
        if not isinstance(rec, dict) or key not in rec:
            raise InputError("history record %s lacks '%s'" % (path, key))
    if rec["schema"] != HISTORY_SCHEMA:
        raise InputError("history record %s has schema %r, expected %r"
                         % (path, rec["schema"], HISTORY_SCHEMA))
    for b in rec["benchmarks"]:
        if not all(k in b for k in ("name", "method", "unit", "samples")) or not b["samples"]:
            raise InputError("history record %s: benchmark entry %r is incomplete"
                             % (path, b.get("name") if isinstance(b, dict) else b))


def load_history(directory=HISTORY_DIR, prog="history"):
    """Every readable record, oldest first; a bad file is reported and skipped."""
    records = []
    try:
        names = sorted(n for n in os.listdir(directory) if n.endswith(".json"))
    except FileNotFoundError:
        return records
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
    return records


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
