#!/usr/bin/python3
"""dashboard -- render results/dashboard/ (static HTML) from results/history/.

  dashboard.py [--history DIR] [--out DIR] [--checklists DIR] [--runs DIR]
               [--baselines DIR] [--scaling DIR]

index.html, first screen: each target's verdict and what changed since
its previous run (new failures, new passes, benchmarks that moved, with
size and confidence; with records of several machines, a LAVA device being
one, each target is one per machine: 'TARGET @ MACHINE', and a machine's
figures are never compared with another's, nor one method's with another's), the regressions, and one table per hypercall family
of its cost against the host primitive in wall time and in instructions
side by side, targets side by side (a library a user named is a column like
ours), with a trend sparkline (inline SVG) and the change against
results/baselines/. Below: the conformance matrix (from each target's
latest record, or results/run/<target>.db for a target with no history
yet), links to the porting checklists, every change. family-<name>.html:
the same table per benchmark and one gnuplot SVG time series per benchmark
and method, every target in it, on a date axis. Scaling curves: the PNGs
bench/scaling wrote to --scaling (results/scaling/), copied in. The output
directory is replaced as a whole, and
only by a dashboard that has something to show: a --history directory that
does not exist, or one whose records are all unusable, is an error (exit 2)
and the previous dashboard stays.
"""

import argparse
import datetime
import html
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

import perfdata
import targets
import rcreport
import record_history
import regress
from toolmain import InputError, main_guard

PROG = "dashboard"
RESULTS = os.path.join(perfdata.ROOT, "results")


# ---- what the pages show: pairs, ratios, changes --------------------------

# Families by the benchmark's first word, where it is not the family's name.
FAMILY_ALIASES = {"rw": "rwlock", "curlwpop": "curlwp", "malloc": "mem", "getrandom": "random"}
AB_ALPHA = 0.05         # last run against the one before (BH q), as regress.py last
COLOURS = ["#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#ad1457"]
split_name = perfdata.pair_name


def family_of(bench):
    head = bench.split("/", 1)[0].split("_", 1)[0]
    return FAMILY_ALIASES.get(head, head)


def median_of(samples):
    return perfdata.summarize(samples)["median"]


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs and min(xs) > 0 else None


def short_date(stamp):
    """'2025-11-03T02:00:00Z' -> '2025-11-03 02:00'."""
    return stamp.replace("T", " ")[:16]


def intree_targets():
    """The in-tree targets in the target table's order (posix, the reference, first)."""
    try:
        return [t.name for t in targets.table()]
    except targets.InputError as e:
        sys.stderr.write("dashboard: %s: targets are ordered by name\n" % e)
        return ["posix"]


def target_order(targets):
    """In-tree targets as the target table lists them, then the libraries users named."""
    known = intree_targets()
    return sorted(targets, key=lambda t: (known.index(perfdata.target_name(t))
                                          if perfdata.target_name(t) in known else len(known), t))


def pair_points(records):
    """(target, bench, method) -> [(record, hypercall samples, host samples or None)], oldest first."""
    out = {}
    for rec in records:
        runs = {}
        for b in rec["benchmarks"]:
            role, bench = split_name(b["name"])
            if role:
                runs.setdefault((bench, b["method"]), {})[role] = b
        for (bench, method), roles in sorted(runs.items()):
            if "target" in roles:
                host = roles.get("limit")
                out.setdefault((rec["target"], bench, method), []).append(
                    (rec, roles["target"]["samples"], host["samples"] if host else None))
    return out


def ratio_of(point):
    _rec, hyper, host = point
    if not host or median_of(host) <= 0:
        return None
    return median_of(hyper) / median_of(host)


def ratio_series(points):
    """[(timestamp, hypercall / host primitive)] of the runs that have both."""
    return [(p[0]["timestamp"], r) for p in points for r in [ratio_of(p)] if r is not None]


def family_series(pairs, benches, target, method):
    """[(timestamp, geometric mean of the ratios)] of one family, one per run."""
    per_run = {}
    for bench in benches:
        for stamp, r in ratio_series(pairs.get((target, bench, method), [])):
            per_run.setdefault(stamp, []).append(r)
    return [(stamp, geomean(rs)) for stamp, rs in sorted(per_run.items())]


def load_baselines(directory):
    """target -> {bench: hypercall/host Ir ratio} from <target>-ir.json files."""
    out = {}
    if not os.path.isdir(directory):
        return out
    for name in sorted(os.listdir(directory)):
        if not name.endswith("-ir.json"):
            continue
        try:
            series = perfdata.load_gbench(os.path.join(directory, name), "Ir")
        except perfdata.InputError as e:
            perfdata.warn(PROG, "%s -- baseline left out" % e)
            continue
        runs = {}
        for full, samples in series.items():
            role, bench = split_name(full)
            if role:
                runs.setdefault(bench, {})[role] = median_of(samples)
        out[name[:-len("-ir.json")]] = {b: r["target"] / r["limit"] for b, r in runs.items()
                                        if "target" in r and r.get("limit")}
    return out


def baseline_shift(pairs, baselines, benches, target):
    """Percent change of the latest Ir ratio against the committed baseline (geometric mean)."""
    base = baselines.get(target, {})
    moves = []
    for bench in benches:
        points = ratio_series(pairs.get((target, bench, perfdata.IR), []))
        if points and base.get(bench):
            moves.append(points[-1][1] / base[bench])
    g = geomean(moves)
    return None if g is None else 100 * (g - 1)


# Per-ID statuses (rcreport's checklist) that break the contract: a MUST rule.
BREAKS = ("fail", "not implemented", "blocked")
OLD_RECORD = "recorded before per-ID verdicts: counts of cases per family only"


def family_moves(prev, last):
    """(families with more failed cases, with fewer): [(family, by how many)]."""
    pf, lf = prev["conformance"].get("families", {}), last["conformance"].get("families", {})
    worse, better = [], []
    for fam in sorted(set(pf) | set(lf)):
        d = lf.get(fam, {}).get("fail", 0) - pf.get(fam, {}).get("fail", 0)
        if d > 0:
            worse.append(("%s +%d" % (fam, d)))
        elif d < 0:
            better.append(("%s +%d" % (fam, -d)))
    return worse, better


def id_moves(before, after):
    """(new failures, new passes, other changes) between two runs' per-ID
    verdicts: ['PRM-010 (limitation)', ...]. An ID only one run checked is
    no change (a run of fewer areas)."""
    worse, better, other = [], [], []
    for i in sorted(set(before) & set(after)):
        was, now = before[i], after[i]
        if was == now:
            continue
        if now in BREAKS:
            worse.append("%s (%s)" % (i, now))
        elif now == "pass":
            better.append("%s (was %s)" % (i, was))
        else:
            other.append("%s %s \u2192 %s" % (i, was, now))
    return worse, better, other


def conformance_moves(prev, last):
    """What changed in conformance: per ID when both records have per-ID
    verdicts, else per family with a note."""
    pi, li = prev["conformance"].get("ids"), last["conformance"].get("ids")
    if pi is not None and li is not None:
        worse, better, other = id_moves(pi, li)
        return {"worse": worse, "better": better, "other": other, "note": ""}
    worse, better = family_moves(prev, last)
    which = ("the previous record predates" if li is not None else
             "the last record predates" if pi is not None else "both records predate")
    return {"worse": worse, "better": better, "other": [],
            "note": "compared per family (failed cases): %s per-ID verdicts" % which}


def confidence_of(row):
    return ("95%% CI [%+.1f%%, %s], q %.2g; between-run noise %s (%d runs), MDE %s"
            % (row["ci_pct"][0], regress.fmt_pct(row["ci_pct"][1], "+"), row["q"],
               regress.fmt_pct(row["noise_pct"]), row["runs"], regress.fmt_pct(row["mde_pct"])))


def last_run_moves(recs, min_effect):
    """Every series of a target's last run with its previous run, judged
    against the between-run noise of its history (regress.py last)."""
    rows = regress.target_last_step(recs[-1]["target"], recs, AB_ALPHA, min_effect)
    for r in rows:
        if r["verdict"] in ("REGRESSION", "improvement"):
            r.update(kind="regression" if r["verdict"] == "REGRESSION" else "improvement",
                     confidence=confidence_of(r), source="last run vs previous")
    return rows


def records_by_target(records):
    out = {}
    for rec in records:
        out.setdefault(rec["target"], []).append(rec)
    return out


class Model:
    """Everything the pages show, computed once."""

    def __init__(self, records, changes, latest, baselines, min_effect):
        self.records = records
        self.runs = records_by_target(records)
        self.targets = target_order(set(self.runs) | set(latest))
        self.latest = latest
        self.pairs = pair_points(records)
        self.baselines = baselines
        self.changes = changes
        benches = sorted({b for _t, b, _m in self.pairs})
        self.families = {}
        for bench in benches:
            self.families.setdefault(family_of(bench), []).append(bench)
        self.methods = sorted({m for _t, _b, m in self.pairs}, key=lambda m: (m != perfdata.WALL, m))
        self.moves = {}
        for target, recs in self.runs.items():
            if len(recs) >= 2:
                self.moves[target] = (conformance_moves(recs[-2], recs[-1]),
                                      last_run_moves(recs, min_effect))

    def waiting(self):
        """Series of the last runs too short a history to be judged."""
        return sum(m["verdict"] == "not judged" for _c, moves in self.moves.values() for m in moves)

    def regressions(self):
        """Regressions first, newest first: the last runs' A/B moves, and the
        change points of the history that are not the same move."""
        rows = [m for _c, moves in self.moves.values() for m in moves if "kind" in m]
        seen = {(r["target"], r["series"], r["method"], r["timestamp"]) for r in rows}
        for c in self.changes:
            if (c["target"], c["series"], c["method"], c["timestamp"]) not in seen:
                rows.append(dict(c, source="change point", confidence="p %.2g" % c["p"]))
        rows.sort(key=lambda r: (r["target"], r["series"]))
        rows.sort(key=lambda r: r["timestamp"], reverse=True)
        return sorted(rows, key=lambda r: r["kind"] != "regression")


# ---- inline SVG sparklines --------------------------------------------------

def sparkline(points, colour="#1565c0", width=70, height=18):
    """An inline SVG of [(timestamp, value)]; a lone run is one dot."""
    if not points:
        return '<span class="none">&ndash;</span>'
    values = [v for _t, v in points]
    lo, hi = min(values), max(values)
    n = len(points)
    xy = [(2 + (width - 6) * (i / (n - 1) if n > 1 else 0.5),
           height - 3 - (height - 6) * ((v - lo) / (hi - lo) if hi > lo else 0.5))
          for i, v in enumerate(values)]
    line = ('<polyline points="%s" fill="none" stroke="%s" stroke-width="1.3"/>'
            % (" ".join("%.1f,%.1f" % p for p in xy), colour) if n > 1 else "")
    title = "; ".join("%s: %.3g" % (short_date(t), v) for t, v in points[-10:])
    return ('<svg class="spark" width="%d" height="%d" viewBox="0 0 %d %d" role="img">'
            '<title>%s</title>%s<circle cx="%.1f" cy="%.1f" r="2.2" fill="%s"/></svg>'
            % (width, height, width, height, html.escape(title), line, xy[-1][0], xy[-1][1], colour))


# ---- gnuplot: one plot per benchmark and method, every target in it ---------

def series_slug(*parts):
    raw = "-".join(parts)
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in raw)


def write_pair_data(path, points):
    """timestamp, hypercall median min max, host median (NaN without one)."""
    lines = []
    for rec, hyper, host in points:
        s = perfdata.summarize(hyper)
        lines.append("%s %.6g %.6g %.6g %s" % (rec["timestamp"], s["median"], s["min"], s["max"],
                                               "%.6g" % median_of(host) if host else "NaN"))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def parse_stamp(stamp):
    return datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ")


def time_axis(stamps):
    """xrange, tic format and the axis label (the dates it spans, UTC); a
    lone run is widened to a day around it."""
    lo, hi = min(map(parse_stamp, stamps)), max(map(parse_stamp, stamps))
    pad = (hi - lo) / 12 if hi > lo else datetime.timedelta(hours=12)
    fmt = "%d %b" if hi - lo >= datetime.timedelta(days=3) else "%d %b\\n%H:%M"
    iso = "%Y-%m-%dT%H:%M:%SZ"
    span = lo.strftime("%Y-%m-%d %H:%M") + (hi.strftime(" .. %Y-%m-%d %H:%M") if hi > lo else "")
    return (lo - pad).strftime(iso), (hi + pad).strftime(iso), fmt, "runs of %s (UTC)" % span


def gnuplot_pair(svg, title, unit, lines, marks):
    """lines: [(target, data file, n points, colour)]; marks: [(timestamp, colour)]."""
    stamps = [m[0] for m in marks] + [ln[4] for ln in lines] + [ln[5] for ln in lines]
    lo, hi, fmt, xlabel = time_axis(stamps)
    arrows = "".join('set arrow from "%s", graph 0 to "%s", graph 1 nohead dt 2 lw 1.2 lc rgb "%s"\n'
                     % (t, t, c) for t, c in marks)
    plots = []
    for target, data, n, colour, _first, _last in lines:
        plots.append('"%s" using 1:2:3:4 with yerrorlines pt 7 ps 0.6 lc rgb "%s" title "%s"'
                     % (data, colour, target))
        plots.append('"%s" using 1:5 with linespoints dt 2 pt 6 ps 0.5 lc rgb "%s" title "%s: host primitive"'
                     % (data, colour, target))
        if n == 1:      # a lone run: say its value, the axis alone would not
            plots.append('"%s" using 1:2:(sprintf("%%.4g", $2)) with labels offset 0,0.9 tc rgb "%s" notitle'
                         % (data, colour))
    return """reset
set terminal svg size 560,300 fixed font "sans,10" background rgb "white"
set output "{svg}"
set title "{title}" noenhanced
set xdata time
set timefmt "%Y-%m-%dT%H:%M:%SZ"
set format x "{fmt}"
set xrange ["{lo}":"{hi}"]
set xlabel "{xlabel}" noenhanced
set ylabel "{unit}" noenhanced
set grid ytics lc rgb "#dddddd"
set key outside bottom center horizontal noenhanced font ",9"
set yrange [0:*]
set offsets 0, 0, graph 0.15, 0
{arrows}plot {plots}
unset arrow
""".format(svg=svg, title=title, fmt=fmt, lo=lo, hi=hi, xlabel=xlabel, unit=unit, arrows=arrows,
           plots=", \\\n     ".join(plots))


def render_plots(model, outdir, work):
    """One SVG per benchmark and method with every target in it; returns
    {(bench, method): svg file}."""
    script, plots = [], {}
    colours = {t: COLOURS[i % len(COLOURS)] for i, t in enumerate(model.targets)}
    for fam, benches in sorted(model.families.items()):
        for bench in benches:
            for method in model.methods:
                lines, unit = [], ""
                for target in model.targets:
                    points = model.pairs.get((target, bench, method))
                    if not points:
                        continue
                    data = os.path.join(work, series_slug(target, bench, method) + ".dat")
                    write_pair_data(data, points)
                    unit = next((b["unit"] for b in points[-1][0]["benchmarks"]
                                 if b["method"] == method and split_name(b["name"]) == ("target", bench)), "")
                    lines.append((target, data, len(points), colours[target],
                                  points[0][0]["timestamp"], points[-1][0]["timestamp"]))
                if not lines:
                    continue
                marks = [(c["timestamp"], colours.get(c["target"], "#c62828")) for c in model.changes
                         if c["method"] == method and split_name(c["series"]) == ("target", bench)]
                svg = series_slug(fam, bench, method) + ".svg"
                script.append(gnuplot_pair(os.path.join(outdir, svg), "%s [%s]" % (bench, method),
                                           "%s (median, min..max)" % unit, lines, marks))
                plots[(bench, method)] = svg
    if script:
        run_gnuplot("".join(script), work)
    return plots


# ---- HTML -------------------------------------------------------------------

def e(text):
    return html.escape(str(text))


def fmt_ratio(r):
    return '<span class="none">&ndash;</span>' if r is None else "%.2f&times;" % r


def fmt_shift(pct, min_effect):
    if pct is None:
        return '<span class="none">&ndash;</span>'
    cls = "worse" if pct >= min_effect else "better" if pct <= -min_effect else "same"
    return '<span class="%s">%+.1f%%</span>' % (cls, pct)


def target_head(model, target):
    """A column head: the target, with the library a user named as its title."""
    recs = model.runs.get(target)
    spec = recs[-1].get("target_spec", target) if recs else target
    return '<th colspan="5" class="tgt" title="%s">%s</th>' % (e(spec), e(target))


MDE_FACTORS = regress.MdeFactors(AB_ALPHA, 0.9)


def nightly_mdes(model, target):
    """bench -> the MDE % regress.py last gives its wall-time series (the
    nightly's judge: the last run against the previous, at the between-run
    noise), for the series it judged."""
    rows = model.moves.get(target, (None, []))[1]
    out = {}
    for r in rows:
        role, bench = split_name(r["series"])
        if role == "target" and r["method"] == perfdata.WALL and r.get("mde_pct") is not None:
            out[bench] = r["mde_pct"]
    return out


def fmt_mde(values, none_reason):
    """The median of a family's MDEs, or why there is none."""
    known = sorted(v for v in values if v is not None)
    if not values:
        return '<span class="none">&ndash;</span>'
    if not known:
        return '<span class="none" title="%s">never</span>' % e(none_reason)
    return regress.fmt_pct(known[len(known) // 2])


def latest_mde(model, benches, target):
    """The MDE cell: the wall-time MDE of each benchmark's latest run (one
    run against another like it, regress.py mde), then the nightly's (the
    between-run noise, regress.py last); a family: the medians."""
    run, nightly, judged = [], [], nightly_mdes(model, target)
    for bench in benches:
        points = model.pairs.get((target, bench, perfdata.WALL))
        if points:
            xs = points[-1][1]
            run.append(MDE_FACTORS.mde_pct(xs, len(xs), len(xs)))
            nightly.append(judged.get(bench))
    return "%s / %s" % (fmt_mde(run, "too few repetitions (or too many preempted) to reach alpha"),
                        fmt_mde(nightly, "not judged yet: too short a history"))


def ratio_cells(model, benches, target, min_effect):
    """wall ratio, its MDE, Ir ratio, wall-ratio trend, Ir change against the baseline."""
    wall = family_series(model.pairs, benches, target, perfdata.WALL)
    ir = family_series(model.pairs, benches, target, perfdata.IR)
    trend = wall or ir
    return ('<td class="r">%s</td><td class="r">%s</td><td class="r">%s</td><td>%s</td>'
            '<td class="r">%s</td>'
            % (fmt_ratio(wall[-1][1] if wall else None), latest_mde(model, benches, target),
               fmt_ratio(ir[-1][1] if ir else None), sparkline(trend),
               fmt_shift(baseline_shift(model.pairs, model.baselines, benches, target), min_effect)))


def ratio_table(model, rows, min_effect, link):
    """rows: [(label, benches)]; targets side by side, five columns each."""
    targets = [t for t in model.targets if any(k[0] == t for k in model.pairs)]
    if not rows or not targets:
        return "<p>No benchmark history yet (scripts/nightly records it).</p>"
    head1 = "".join(target_head(model, t) for t in targets)
    head2 = "".join('<th title="wall-clock time, hypercall / host primitive">wall</th>'
                    '<th title="minimum detectable effect in wall time: of the latest run '
                    'against another like it (90% power, alpha 0.05, robust noise: regress.py mde) '
                    '/ of the nightly\'s judge, the last run against the previous at the '
                    'between-run noise (regress.py last); a family: the medians">MDE run / '
                    'nightly</th>'
                    '<th title="instructions (callgrind Ir), hypercall / host primitive">Ir</th>'
                    '<th title="wall ratio (Ir where no wall) over the runs">trend</th>'
                    '<th title="Ir ratio against results/baselines/TARGET-ir.json">vs base</th>'
                    for _t in targets)
    body = []
    for label, benches in rows:
        name = ('<a href="%s">%s</a>' % (e(link(label)), e(label)) if link else e(label))
        count = '<span class="n">%d</span>' % len(benches) if link else ""
        body.append('<tr><th class="row">%s%s</th>%s</tr>' % (
            name, count, "".join(ratio_cells(model, benches, t, min_effect) for t in targets)))
    return ('<div class="scroll"><table class="ratios"><tr><th rowspan="2">%s</th>%s</tr><tr>%s</tr>\n%s'
            '</table></div>' % ("family" if link else "benchmark", head1, head2, "\n".join(body)))


def family_page_name(fam):
    return "family-%s.html" % series_slug(fam)


def listed(ids, most=4):
    """'A, B, C and 2 more' (escaped)."""
    shown = ", ".join(e(i) for i in ids[:most])
    return shown + (" and %d more" % (len(ids) - most) if len(ids) > most else "")


def verdict_of(conf):
    """(card class, verdict, the counts and why): from the per-ID verdicts,
    where a failed case on a stated limitation is no failure; a record
    without them gives the case counts, and says so."""
    total = conf.get("total")
    if conf.get("error") or not total:
        return "none", "NO RESULTS", e(conf.get("error", "no conformance results"))
    cases = "cases: %d passed &middot; %d failed &middot; %d skipped" % (
        total["pass"], total["fail"], total["skip"])
    ids = conf.get("ids")
    if ids is None:
        return ("fail" if total["fail"] else "pass", "FAIL" if total["fail"] else "PASS",
                '%s<div class="note">%s; a failed case may be a stated limitation</div>'
                % (cases, OLD_RECORD))
    by = {}
    for i, status in sorted(ids.items()):
        by.setdefault(status, []).append(i)
    counts = "IDs: " + " &middot; ".join("%d %s" % (len(v), e(k)) for k, v in sorted(by.items()))
    broken = [i for k in BREAKS for i in by.get(k, [])]
    detail = "%s<br>%s" % (counts, cases)
    if broken:
        return "fail", "FAIL", "MUST broken: %s<br>%s" % (listed(sorted(broken)), detail)
    if by.get("limitation"):
        return ("lim", "PASS except stated limitations",
                "limitations: %s<br>%s" % (listed(by["limitation"]), detail))
    return "pass", "PASS", detail


def perf_line(perf):
    """The last run's benchmarks against the previous run's, or why not yet."""
    judged = [m for m in perf if m["verdict"] != "not judged"]
    if not perf:
        return "no benchmarks in both runs"
    if not judged:
        return ('performance not judged yet: %d runs, a series needs %d to know its between-run noise'
                % (max(m["runs"] for m in perf), regress.MIN_STEPS + 2))
    regs = [m for m in judged if m.get("kind") == "regression"]
    faster = [m for m in judged if m.get("kind") == "improvement"]
    parts = []
    if regs:
        worst = max(regs, key=lambda m: m["shift_pct"])
        parts.append('<span class="worse">%d slower (worst %s %s %+.1f%%, MDE %s, q %.2g)</span>' % (
            len(regs), e(worst["series"]), e(worst["method"]), worst["shift_pct"],
            regress.fmt_pct(worst["mde_pct"]), worst["q"]))
    if faster:
        parts.append('<span class="better">%d faster</span>' % len(faster))
    mdes = {}
    for m in judged:
        mdes.setdefault(m["method"], []).append(m["mde_pct"])
    typical = ", ".join("%s %s" % (e(k), regress.fmt_pct(sorted(v)[len(v) // 2])) for k, v in sorted(mdes.items()))
    parts.append("%d of %d series judged against their between-run noise%s" % (
        len(judged), len(perf), " (median MDE: %s)" % typical if typical else ""))
    return "; ".join(parts)


def moves_line(model, target):
    if target not in model.moves:
        return "first run: nothing to compare with yet"
    conf, perf = model.moves[target]
    parts = []
    if conf["worse"]:
        parts.append('<span class="worse">new failures: %s</span>' % listed(conf["worse"], 6))
    if conf["better"]:
        parts.append('<span class="better">new passes: %s</span>' % listed(conf["better"], 6))
    if conf["other"]:
        parts.append("changed: %s" % listed(conf["other"], 4))
    if not parts:
        parts.append("no change in conformance")
    if conf["note"]:
        parts.append('<span class="note">(%s)</span>' % e(conf["note"]))
    return "; ".join(parts) + "; " + perf_line(perf)


def verdict_cards(model):
    cards = []
    for target in model.targets:
        source, conf = model.latest[target] if target in model.latest else ("", {})
        cls, word, counts = verdict_of(conf)
        recs = model.runs.get(target)
        when = ("last run %s &middot; <code>%s</code>" % (e(short_date(recs[-1]["timestamp"])),
                                                         e(recs[-1]["commit"].get("sha", "?")[:8]))
                if recs else e(source))
        spec = recs[-1].get("target_spec", target) if recs else target
        lib = '<div class="src">%s</div>' % e(spec) if spec != target else ""
        cards.append('<div class="card %s"><div class="tname">%s <b class="v">%s</b></div>%s'
                     '<div class="counts">%s</div><div class="when">%s</div>'
                     '<div class="moves">since the previous run: %s</div></div>'
                     % (cls, e(target), word, lib, counts, when, moves_line(model, target)))
    return '<div class="cards">%s</div>' % "".join(cards) if cards else "<p>No results yet.</p>"


def regressions_table(rows, limit=None, waiting=0):
    if not rows:
        return ("<p>No regressions: neither the last runs nor the history show a shift%s.</p>"
                % (" (%d series of the last runs not judged yet: too few runs to know their "
                   "between-run noise)" % waiting if waiting else ""))
    shown = rows[:limit] if limit else rows
    body = []
    for r in shown:
        body.append('<tr class="%s" title="%s"><td>%s</td><td class="l"><code>%s</code></td><td>%s</td>'
                    '<td>%.4g &rarr; %.4g</td><td class="r"><b>%+.1f%%</b></td><td class="conf">%s: %s</td>'
                    '<td class="l">%s <code>%s%s</code></td></tr>' % (
                        r["kind"], e(r["kind"]), e(r["target"]), e(r["series"]),
                        e(r["method"]), r["before"], r["after"], r["shift_pct"], e(r["source"]),
                        e(r["confidence"]), e(short_date(r["timestamp"])), e(r["commit"][:8]),
                        "+dirty" if r["dirty"] else ""))
    more = ('<p class="legend">%d more in <a href="#changes">all changes</a>.</p>' % (len(rows) - len(shown))
            if len(rows) > len(shown) else "")
    return ('<div class="scroll"><table class="changes"><tr><th>target</th><th>series</th>'
            '<th>method</th><th>median before &rarr; after</th><th>shift</th><th>found by: confidence</th>'
            '<th>first run after</th></tr>\n%s</table></div>%s' % ("\n".join(body), more))


def family_class(fam, counts, conf, id_family):
    """A matrix cell's class and title: failed cases are a failure unless the
    record's per-ID verdicts show no MUST rule broken (of this family, or
    at all for a family of cases that is none of the catalog's)."""
    if not counts["fail"]:
        return ("skip" if counts["skip"] else "pass"), ""
    ids = conf.get("ids")
    if ids is None:
        return "fail", " (%s)" % OLD_RECORD
    known = fam in set(id_family.values())
    broken = [i for i, s in ids.items() if s in BREAKS and (id_family.get(i) == fam or not known)]
    if broken:
        return "fail", "; MUST broken: " + ", ".join(sorted(broken))
    excused = [i for i, s in ids.items() if s in ("limitation", "differs") and id_family.get(i) == fam]
    return "lim", "; no MUST broken: " + (", ".join("%s %s" % (i, ids[i]) for i in sorted(excused)) or "-")


def conformance_table(latest, checklists, outdir):
    id_family = {i: c["family"] for i, c in rcreport.load_catalog().items()}
    families = sorted({f for _, c in latest.values() for f in c.get("families", {})})
    head = "".join("<th>%s</th>" % e(f) for f in families)
    rows = []
    for target in target_order(latest):
        source, conf = latest[target]
        cells = []
        for f in families:
            c = conf.get("families", {}).get(f)
            if c is None:
                cells.append('<td class="none">&ndash;</td>')
                continue
            cls, why = family_class(f, c, conf, id_family)
            cells.append('<td class="%s" title="cases passed/failed/skipped%s">%d/%d/%d</td>'
                         % (cls, e(why), c["pass"], c["fail"], c["skip"]))
        checklist = os.path.join(checklists, perfdata.target_name(target) + ".html")
        link = ('<a href="%s">checklist</a>' % e(os.path.relpath(checklist, outdir))
                if os.path.exists(checklist) else '<span class="none">no checklist yet</span>')
        note = '<div class="err">%s</div>' % e(conf["error"]) if conf.get("error") else ""
        rows.append('<tr><th>%s<div class="src">%s</div>%s</th><td>%s</td>%s</tr>'
                    % (e(target), e(source), note, link, "".join(cells)))
    if not rows:
        return "<p>No conformance results yet (run scripts/nightly or scripts/rumpcheck).</p>"
    return ('<div class="scroll"><table class="matrix"><tr><th>target</th><th>checklist</th>%s</tr>\n%s'
            '</table></div><p class="legend">Cells: passed/failed/skipped cases per hypercall family; blue: the failed cases break no MUST rule (a stated limitation, or a REFERENCE rule that differs from NetBSD\'s librumpuser).</p>'
            % (head, "\n".join(rows)))


STYLE = """
body{font-family:sans-serif;margin:0.6em 1em;color:#222;font-size:14px}
h1{font-size:1.25em;margin:0.1em 0} h2{font-size:1.05em;margin:0.7em 0 0.25em}
table{border-collapse:collapse;margin:0.2em 0} .scroll{overflow-x:auto;max-width:100%}
td,th{border:1px solid #ccc;padding:1px 6px;text-align:center;white-space:nowrap}
th{background:#f3f3f3} th.row,td.l{text-align:left} td.r{text-align:right}
td.conf{text-align:left;white-space:normal;min-width:16em}
table.ratios th.row{position:sticky;left:0}
.n{color:#888;font-weight:normal;font-size:0.8em;margin-left:0.4em}
td.pass{background:#e3f2e3} td.fail{background:#f9d6d6;font-weight:bold}
td.skip{background:#fff3cd} td.lim{background:#dbe9f8} .none{color:#999}
.src{font-weight:normal;font-size:0.75em;color:#777} .err{color:#c62828;font-size:0.8em}
tr.regression td{background:#fde8e8} tr.improvement td{background:#e8f4fd}
.worse{color:#b71c1c;font-weight:bold} .better{color:#1b5e20} .same{color:#555}
.cards{display:flex;flex-wrap:wrap;gap:6px}
.card{border:1px solid #ccc;border-left:6px solid #999;padding:3px 8px;min-width:220px;flex:1 1 220px;
 font-size:0.85em;background:#fafafa}
.card.pass{border-left-color:#2e7d32} .card.fail{border-left-color:#c62828} .card.none{border-left-color:#f9a825}
.card.lim{border-left-color:#1565c0} .card.lim .v{color:#1565c0} .note{color:#8a6d00}
.tname{font-size:1.15em} .card.pass .v{color:#2e7d32} .card.fail .v{color:#c62828} .card.none .v{color:#b26a00}
.when,.moves{color:#555} svg.spark{vertical-align:middle}
figure{display:inline-block;margin:3px} img{border:1px solid #ddd;max-width:100%;height:auto}
.legend,.meta{color:#666;font-size:0.85em;margin:0.2em 0} .warn{color:#c62828}
nav a{margin-right:0.8em}
"""

HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{style}</style></head><body>
"""

RATIO_LEGEND = ("Each hypercall's cost over the host primitive it stands on (median of the latest run; "
                "geometric mean over a family's benchmarks): <b>wall</b> time and <b>Ir</b> instructions "
                "(callgrind) side by side, as they often disagree; <b>MDE run / nightly</b>: the "
                "smallest wall-time shift one run like the latest detects against another (90%% "
                "power, alpha 0.05, robust noise: 1.4826 MAD, preempted repetitions as ranks) / "
                "the shift the nightly's last-run judge needs at the between-run noise, larger "
                "as runs differ more than their repetitions (a family: the medians); "
                "<b>trend</b> over the runs; "
                "<b>vs base</b>: Ir ratio against results/baselines/ (red: worse by %g%% or more).")


def campaign_table(campaign_dir):
    """The latest mutation campaign score per target and source file."""
    e = html.escape
    rows = []
    for name in sorted(os.listdir(campaign_dir)) if os.path.isdir(campaign_dir) else []:
        if not name.endswith(".json"):
            continue
        try:
            with open(os.path.join(campaign_dir, name)) as f:
                doc = json.load(f)
            by_file = doc["score"]["by_file"]
        except (OSError, ValueError, KeyError, TypeError) as err:
            rows.append('<tr><th>%s</th><td colspan="6" class="err">unreadable: %s</td></tr>'
                        % (e(name), e(str(err))))
            continue
        for path, t in sorted(by_file.items()):
            score = "&ndash;" if t.get("score") is None else "%.1f%%" % t["score"]
            rows.append("<tr><th>%s</th><td>%s</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td>"
                        "<td>%s</td></tr>" % (e(doc.get("target", name)), e(path),
                                              t["killed"] + t["hang"], t["survived"],
                                              t["hang-no-id"] + t["crashed"], t["equivalent"],
                                              score))
    if not rows:
        return "<p>No mutation campaign yet (scripts/campaign TARGET --full).</p>"
    return ('<table><tr><th>target</th><th>file</th><th>killed</th><th>survived</th>'
            '<th>unnamed hang/crash</th><th>equivalent</th><th>score</th></tr>\n%s</table>'
            % "\n".join(rows))


def render_page(model, skipped, args):
    methods = ", ".join(model.methods) or "no benchmarks"
    skipped_note = ""
    if skipped:
        skipped_note = ' <span class="warn">Skipped unreadable files: %s.</span>' % e(", ".join(skipped))
    regs = model.regressions()
    fams = sorted(model.families.items())
    body = [HEAD.format(title="rumpcheck dashboard", style=STYLE),
            '<h1>rumpcheck dashboard</h1><p class="meta">Generated %s from %d history records (%s).%s</p>'
            % (datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               len(model.records), e(methods), skipped_note),
            verdict_cards(model),
            '<h2>Regressions (%d) and improvements (%d)</h2>'
            % (sum(r["kind"] == "regression" for r in regs), sum(r["kind"] != "regression" for r in regs)),
            regressions_table(regs, limit=5, waiting=model.waiting()),
            '<h2>Hypercall cost against the host primitive, per family</h2>',
            ratio_table(model, fams, args.min_effect, family_page_name),
            '<p class="legend">%s Click a family for its benchmarks and time series.</p>'
            % (RATIO_LEGEND % args.min_effect),
            '<h2>Conformance matrix</h2>',
            conformance_table(model.latest, args.checklists, args.out),
            '<h2 id="changes">All changes</h2><p class="legend">Last run against the previous one, '
            'judged against the series\' own between-run noise (the RMS of its last %d steps between '
            'runs; Student t with at most %d degrees of freedom for heavy tails; BH q &lt; %g; a series '
            'needs %d runs; MDE: the shift it would need to be flagged alone), and change points over '
            'the history (binary segmentation, Welch t on the runs\' medians at each split, alpha %g '
            'Bonferroni over splits); minimum effect %g%%. Repetitions within a run are not '
            'independent runs: they share the run\'s load. "first run after": the first run that '
            'shows the shift.</p>' % (regress.WINDOW, regress.TAIL_DF, AB_ALPHA, regress.MIN_STEPS + 2,
                                      args.alpha, args.min_effect),
            regressions_table(regs, waiting=model.waiting()),
            '<h2>Mutation campaign</h2>',
            campaign_table(os.path.join(RESULTS, "campaign")),
            scaling_section(args.scaling_pngs),
            '<h2>Time series by family</h2><nav>%s</nav>'
            % "".join('<a href="%s">%s</a>' % (e(family_page_name(f)), e(f)) for f, _b in fams),
            "</body></html>\n"]
    return "\n".join(body)


def family_page(model, fam, benches, plots, args):
    rows = [(b, [b]) for b in benches]
    regs = [r for r in model.regressions() if split_name(r["series"])[1] in benches]
    figures = []
    for bench in benches:
        imgs = "".join('<figure><img src="%s" alt="%s [%s]" loading="lazy"></figure>'
                       % (e(plots[(bench, m)]), e(bench), e(m)) for m in model.methods if (bench, m) in plots)
        figures.append('<h3 id="%s">%s</h3>%s' % (e(series_slug(bench)), e(bench), imgs))
    return "\n".join([
        HEAD.format(title="rumpcheck: %s" % e(fam), style=STYLE),
        '<p class="meta"><a href="index.html">&larr; dashboard</a></p>',
        '<h1>%s: hypercall cost against the host primitive</h1>' % e(fam),
        ratio_table(model, rows, args.min_effect, None),
        '<p class="legend">%s</p>' % (RATIO_LEGEND % args.min_effect),
        '<h2>Changes</h2>', regressions_table(regs),
        '<h2>Time series</h2><p class="legend">Solid: the hypercall (median of the repetitions, bars '
        'min..max); dashed: the host primitive in the same run; dotted verticals: change points. '
        'A single run is a point labelled with its value.</p>',
        "\n".join(figures), "</body></html>\n"])


def copy_scaling(src, outdir):
    """The scaling curves bench/scaling drew (src/*.png), copied in: names."""
    if not os.path.isdir(src):
        return []
    names = sorted(n for n in os.listdir(src) if n.endswith(".png"))
    os.makedirs(os.path.join(outdir, "scaling"), exist_ok=True)
    for n in names:
        shutil.copyfile(os.path.join(src, n), os.path.join(outdir, "scaling", n))
    return names


def scaling_section(names):
    if not names:
        return ('<h2>Scaling curves</h2><p class="legend">None yet: bench/scaling draws them '
                '(results/scaling/).</p>')
    return ('<h2>Scaling curves</h2><p class="legend">Throughput over all threads against '
            'threads (locks, cv, bio at depth 1: 1, 2, 4, ... up to the CPUs), bio queue depth '
            'and packet frames in flight (1, 2, 4, ... 64), each target next to the host '
            'primitive (the io_uring and tap limits for bio and packets), the serialising '
            'hypervisor (hypercall-mocks/serial) and, on the bio curves, a bio done in the '
            'submitter (bio_transfer_in_submitter), from bench/scaling.</p>' +
            "".join('<img src="scaling/%s" alt="%s">' % (e(n), e(n)) for n in names))


def write_pages(model, skipped, plots, outdir, args):
    perfdata.write_atomic(os.path.join(outdir, "index.html"), render_page(model, skipped, args))
    for fam, benches in model.families.items():
        perfdata.write_atomic(os.path.join(outdir, family_page_name(fam)),
                              family_page(model, fam, benches, plots, args))


def run_gnuplot(script, work):
    path = os.path.join(work, "plots.gp")
    with open(path, "w") as f:
        f.write(script)
    try:
        proc = subprocess.run(["gnuplot", path], capture_output=True, text=True, timeout=300)
    except FileNotFoundError:
        raise InputError("gnuplot is not installed (scripts/deps.sh bench installs gnuplot-nox)")
    if proc.returncode != 0:
        raise InputError("gnuplot failed:\n%s" % proc.stderr[-2000:])


def latest_conformance(records, runs_dir):
    """target -> (source, conformance) from the latest record, else the kyua db."""
    latest = {}
    for rec in records:
        latest[rec["target"]] = ("record %s" % os.path.basename(rec["_file"]), rec["conformance"])
    if os.path.isdir(runs_dir):
        for name in sorted(os.listdir(runs_dir)):
            target = name[:-3]
            recorded = {perfdata.target_name(t) for t in latest}
            if name.endswith(".db") and target not in recorded and target != "selftest":
                db = os.path.join(runs_dir, name)
                latest[target] = (os.path.relpath(db, perfdata.ROOT),
                                  record_history.conformance_counts(db, target))
    return latest


def unreadable_files(directory, records):
    if not os.path.isdir(directory):
        return []
    good = {os.path.basename(r["_file"]) for r in records}
    return sorted(n for n in os.listdir(directory) if n.endswith(".json") and n not in good)


def replace_dir(new, final):
    old = final + ".old"
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(final):
        os.rename(final, old)
    os.rename(new, final)
    shutil.rmtree(old, ignore_errors=True)


def usable_history(directory, given):
    """The records of directory; an error if it was given and does not
    exist, or if it holds records and none is usable."""
    if not os.path.isdir(directory):
        if given:
            raise InputError("history directory %s does not exist" % directory)
        return []
    records = perfdata.load_history(directory, PROG)
    if not records and unreadable_files(directory, records):
        raise InputError("no usable record in the history directory %s (see above)" % directory)
    return records


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--history", help="default results/history")
    ap.add_argument("--out", default=os.path.join(RESULTS, "dashboard"))
    ap.add_argument("--checklists", default=os.path.join(RESULTS, "checklist"))
    ap.add_argument("--runs", default=os.path.join(RESULTS, "run"))
    ap.add_argument("--baselines", default=os.path.join(RESULTS, "baselines"))
    ap.add_argument("--scaling", default=os.path.join(RESULTS, "scaling"))
    ap.add_argument("--alpha", type=float, default=0.01)
    ap.add_argument("--min-effect", type=float, default=3.0)
    args = ap.parse_args()
    args.out = os.path.abspath(args.out)

    given = args.history is not None
    args.history = args.history or perfdata.HISTORY_DIR
    records = usable_history(args.history, given)
    changes = regress.detect_history_changes(records, args.alpha, args.min_effect)
    model = Model(records, changes, latest_conformance(records, args.runs),
                  load_baselines(args.baselines), args.min_effect)
    parent = os.path.dirname(args.out)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(dir=parent, prefix=".dashboard-")
    try:
        with tempfile.TemporaryDirectory(prefix="dashboard-") as work:
            plots = render_plots(model, staging, work)
        args.scaling_pngs = copy_scaling(args.scaling, staging)
        write_pages(model, unreadable_files(args.history, records), plots, staging, args)
        os.chmod(staging, 0o755)
        replace_dir(staging, args.out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    print("%s: %s (%d records, %d families, %d plots, %d change points)"
          % (PROG, os.path.join(os.path.relpath(args.out), "index.html"), len(records),
             len(model.families), len(plots), len(changes)))
    return 0


if __name__ == "__main__":
    sys.exit(main_guard(PROG, main))
