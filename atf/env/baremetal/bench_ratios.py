#!/usr/bin/env python3
"""bench_ratios.py RAW.json OUT.json -- the bare-metal benchmarks against the
machine's own primitives: to every benchmark of RAW.json (the JSON the
machine printed) add the counters per_counter_read, per_ctx_round_trip and
per_atomic_add (its real time over that primitive's, the same aggregate;
a repetition over the primitive's median), write OUT.json atomically and
print the table of the targets' medians to stdout.

Exit 0 when written, 2 when RAW.json is not usable (toolmain)."""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "scripts"))
from toolmain import InputError, main_guard  # noqa: E402

PRIMITIVES = (("counter_read", "machine/counter_read"),
              ("ctx_round_trip", "machine/ctx_round_trip"),
              ("atomic_add", "machine/atomic_add"))
# Aggregates that are times (stddev and cv are spreads, not times per op).
TIMES = ("mean", "median", None)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        raise InputError("%s: not the benchmarks' JSON: %s" % (path, e))
    if not isinstance(doc, dict) or not isinstance(doc.get("benchmarks"), list):
        raise InputError("%s: no benchmarks list" % path)
    return doc


def base_name(b):
    """The benchmark's name without the suffix real-time runs carry."""
    name = b.get("run_name", "")
    return name[:-len("/real_time")] if name.endswith("/real_time") else name


def primitive_times(doc):
    """{primitive: {aggregate name or None: real_time}}, skipped runs left out."""
    times = {}
    for key, name in PRIMITIVES:
        for b in doc["benchmarks"]:
            if base_name(b) != name or b.get("error_occurred") or "real_time" not in b:
                continue
            agg = b.get("aggregate_name") if b.get("run_type") == "aggregate" else None
            times.setdefault(key, {}).setdefault(agg, b["real_time"])
    return times


def reference(times, agg):
    """The primitive's time to divide a run of aggregate agg by."""
    if agg in times:
        return times[agg]
    return times.get("median", times.get(None))


def add_ratios(doc, times):
    for b in doc["benchmarks"]:
        agg = b.get("aggregate_name") if b.get("run_type") == "aggregate" else None
        if agg not in TIMES or b.get("error_occurred") or "real_time" not in b:
            continue
        for key, _ in PRIMITIVES:
            ref = reference(times.get(key, {}), agg)
            if ref:
                b["per_" + key] = round(b["real_time"] / ref, 6)


def table(doc, times):
    rows = [b for b in doc["benchmarks"]
            if b.get("aggregate_name") == "median" and "per_counter_read" in b
            and base_name(b).split("/")[0] in ("target", "machine")]
    machine = doc.get("context", {}).get("machine", "?")
    prims = ", ".join("%s %.1f ns" % (k, reference(times.get(k, {}), "median") or 0)
                      for k, _ in PRIMITIVES)
    print("Ratios to the machine's primitives (%s, TCG; %s):" % (machine, prims))
    print("%-44s %12s %8s %10s %10s %10s" % ("benchmark (median)", "ns/op", "ratio",
                                              "x counter", "x switch", "x atomic"))
    for b in rows:
        limit = b.get("ratio")
        print("%-44s %12.1f %8s %10.1f %10.2f %10.1f" % (
            base_name(b), b["real_time"], "%.2f" % limit if limit is not None else "-",
            b.get("per_counter_read", 0), b.get("per_ctx_round_trip", 0),
            b.get("per_atomic_add", 0)))


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: bench_ratios.py RAW.json OUT.json\n")
        return 2
    doc = load(sys.argv[1])
    times = primitive_times(doc)
    missing = [n for k, n in PRIMITIVES if k not in times]
    if missing:
        raise InputError("%s: no figure for %s" % (sys.argv[1], ", ".join(missing)))
    add_ratios(doc, times)
    tmp = sys.argv[2] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    os.replace(tmp, sys.argv[2])
    table(doc, times)
    return 0


if __name__ == "__main__":
    sys.exit(main_guard("bench_ratios.py", main))
