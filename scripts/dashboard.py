#!/usr/bin/python3
"""dashboard -- render results/dashboard/ (static HTML) from results/history/.

  dashboard.py [--history DIR] [--out DIR] [--checklists DIR] [--runs DIR]

One gnuplot SVG time series per benchmark, target and method (median of
the repetitions, error bars min..max, change points marked), the
conformance matrix (target x family: pass/fail/skip from each target's
latest record, or from results/run/<target>.db for a target with no
history yet), links to the porting checklists, and the change points
found in the history. The output directory is replaced as a whole.
"""

import argparse
import datetime
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile

import perfdata
import record_history
import regress

PROG = "dashboard"
RESULTS = os.path.join(perfdata.ROOT, "results")


def series_slug(target, name, method):
    raw = "%s-%s-%s" % (target, name, method)
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in raw)


def write_series_data(path, points):
    """timestamp median min max commit, one line per record."""
    lines = []
    for rec, samples in points:
        s = perfdata.summarize(samples)
        lines.append("%s %.6g %.6g %.6g %s" % (rec["timestamp"], s["median"], s["min"], s["max"],
                                               rec["commit"].get("sha", "?")[:8]))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def gnuplot_series(svg, data, title, unit, method, change_times):
    marks = "".join('set arrow from "%s", graph 0 to "%s", graph 1 nohead dt 2 lw 1.5 lc rgb "#c62828"\n'
                    % (t, t) for t in change_times)
    return """reset
set terminal svg size 640,300 fixed font "sans,11" background rgb "white"
set output "{svg}"
set title "{title}" noenhanced
set xdata time
set timefmt "%Y-%m-%dT%H:%M:%SZ"
set format x "%m-%d\\n%H:%M"
set ylabel "{unit} ({method})" noenhanced
set grid ytics lc rgb "#dddddd"
set key top left noenhanced
set offsets graph 0.03, graph 0.03, graph 0.1, graph 0.1
{marks}plot "{data}" using 1:3:4 with filledcurves lc rgb "#cfe0f5" title "min..max of repetitions", \\
     "" using 1:2:3:4 with yerrorbars pt 7 ps 0.5 lc rgb "#1565c0" title "median ({method})", \\
     "" using 1:2 with lines lc rgb "#1565c0" notitle
unset arrow
""".format(svg=svg, title=title, unit=unit, method=method, data=data, marks=marks)


def plot_order(item):
    """By target, then each hypercall next to its host primitive (limit/)."""
    target, name, method, _unit = item[0]
    return target, name.split("/", 1)[-1], method, name


def render_plots(records, changes, outdir, work):
    """Write one SVG per series; returns [(target, name, method, svg file)]."""
    series = perfdata.history_series(records)
    script, plots = [], []
    for (target, name, method, unit), points in sorted(series.items(), key=plot_order):
        slug = series_slug(target, name, method)
        data = os.path.join(work, slug + ".dat")
        write_series_data(data, points)
        marks = [c["timestamp"] for c in changes
                 if (c["target"], c["series"], c["method"]) == (target, name, method)]
        svg = slug + ".svg"
        script.append(gnuplot_series(os.path.join(outdir, svg), data, "%s: %s [%s]" % (target, name, method),
                                     unit, method, marks))
        plots.append((target, name, method, svg))
    if script:
        run_gnuplot("".join(script), work)
    return plots


def run_gnuplot(script, work):
    path = os.path.join(work, "plots.gp")
    with open(path, "w") as f:
        f.write(script)
    try:
        proc = subprocess.run(["gnuplot", path], capture_output=True, text=True, timeout=300)
    except FileNotFoundError:
        raise SystemExit("%s: gnuplot is not installed (scripts/deps.sh bench installs gnuplot-nox)"
                         % PROG)
    if proc.returncode != 0:
        raise SystemExit("%s: gnuplot failed:\n%s" % (PROG, proc.stderr[-2000:]))


def latest_conformance(records, runs_dir):
    """target -> (source, conformance) from the latest record, else the kyua db."""
    latest = {}
    for rec in records:
        latest[rec["target"]] = ("record %s" % os.path.basename(rec["_file"]), rec["conformance"])
    if os.path.isdir(runs_dir):
        for name in sorted(os.listdir(runs_dir)):
            target = name[:-3]
            if name.endswith(".db") and target not in latest and target != "selftest":
                db = os.path.join(runs_dir, name)
                latest[target] = (os.path.relpath(db, perfdata.ROOT),
                                  record_history.conformance_counts(db))
    return latest


def conformance_table(latest, checklists, outdir):
    e = html.escape
    families = sorted({f for _, c in latest.values() for f in c.get("families", {})})
    head = "".join("<th>%s</th>" % e(f) for f in families)
    rows = []
    for target, (source, conf) in sorted(latest.items()):
        cells = []
        for f in families:
            c = conf.get("families", {}).get(f)
            if c is None:
                cells.append('<td class="none">&ndash;</td>')
                continue
            cls = "fail" if c["fail"] else "skip" if c["skip"] else "pass"
            cells.append('<td class="%s" title="pass/fail/skip">%d/%d/%d</td>'
                         % (cls, c["pass"], c["fail"], c["skip"]))
        checklist = os.path.join(checklists, target + ".html")
        link = ('<a href="%s">checklist</a>' % e(os.path.relpath(checklist, outdir))
                if os.path.exists(checklist) else '<span class="none">no checklist yet</span>')
        note = '<div class="err">%s</div>' % e(conf["error"]) if conf.get("error") else ""
        rows.append('<tr><th>%s<div class="src">%s</div>%s</th><td>%s</td>%s</tr>'
                    % (e(target), e(source), note, link, "".join(cells)))
    if not rows:
        return "<p>No conformance results yet (run scripts/nightly or scripts/rumpcheck).</p>"
    return ('<table class="matrix"><tr><th>target</th><th>checklist</th>%s</tr>\n%s</table>'
            '<p class="legend">Cells: passed/failed/skipped cases per hypercall family.</p>'
            % (head, "\n".join(rows)))


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


def changes_list(changes):
    e = html.escape
    if not changes:
        return "<p>No change points in the history.</p>"
    items = []
    for c in changes:
        items.append('<tr class="%s"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td><code>%s%s</code></td>'
                     '<td>%s</td><td>%.4g &rarr; %.4g %s</td><td>%+.2f%%</td><td>%.2g</td></tr>' % (
                         c["kind"], e(c["kind"]), e(c["target"]), e(c["series"]), e(c["method"]),
                         e(c["commit"][:12]), "+dirty" if c["dirty"] else "", e(c["timestamp"]),
                         c["before"], c["after"], e(c["unit"]), c["shift_pct"], c["p"]))
    return ('<table class="changes"><tr><th>kind</th><th>target</th><th>series</th><th>method</th>'
            '<th>first commit</th><th>at</th><th>median before &rarr; after</th><th>shift</th>'
            '<th>p</th></tr>\n%s</table>' % "\n".join(items))


def plots_section(plots):
    e = html.escape
    if not plots:
        return "<p>No benchmark history yet.</p>"
    out, current = [], None
    for target, name, method, svg in plots:
        if target != current:
            out.append("<h3>%s</h3>" % e(target))
            current = target
        out.append('<figure><img src="%s" alt="%s %s (%s)"></figure>' % (e(svg), e(target), e(name), e(method)))
    return "\n".join(out)


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>rumpcheck dashboard</title>
<style>
body{{font-family:sans-serif;margin:1.5em;color:#222}}
table{{border-collapse:collapse;margin:0.5em 0}}
td,th{{border:1px solid #ccc;padding:3px 7px;text-align:center}}
th{{background:#f3f3f3}} .matrix th:first-child{{text-align:left}}
td.pass{{background:#e3f2e3}} td.fail{{background:#f9d6d6;font-weight:bold}}
td.skip{{background:#fff3cd}} .none{{color:#999}}
.src{{font-weight:normal;font-size:0.75em;color:#777}} .err{{color:#c62828;font-size:0.8em}}
tr.regression td{{background:#fde8e8}} tr.improvement td{{background:#e8f4fd}}
figure{{display:inline-block;margin:4px}} img{{border:1px solid #ddd}}
.legend,.meta{{color:#666;font-size:0.85em}} .warn{{color:#c62828}}
</style></head><body>
<h1>rumpcheck dashboard</h1>
<p class="meta">Generated {generated} from {nrec} history records ({methods}).{skipped}</p>
<h2>Conformance matrix</h2>
{matrix}
<h2>Mutation campaign</h2>
<p class="legend">scripts/campaign: the latest verdict of every mutant run; score = killed by a named
rule over the mutants that compile and are not equivalent.</p>
{campaign}
<h2>Change points (regressions first)</h2>
<p class="legend">Per series, binary segmentation with a Mann-Whitney test at each split
(alpha {alpha} Bonferroni over splits, minimum effect {min_effect}%); "first commit" is the first
record after the shift.</p>
{changes}
<h2>Benchmarks</h2>
<p class="legend">Median of the repetitions per run; band and bars: min..max; dashed red: change point.</p>
{plots}
</body></html>
"""


def render_page(records, skipped, latest, changes, plots, args):
    methods = sorted({m for r in records for m in r.get("methods", [])}) or ["no benchmarks"]
    skipped_note = ""
    if skipped:
        skipped_note = ' <span class="warn">Skipped unreadable files: %s.</span>' % html.escape(", ".join(skipped))
    changes = sorted(changes, key=lambda c: (c["kind"] != "regression", c["target"], c["series"]))
    return PAGE.format(
        generated=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        nrec=len(records), methods=html.escape(", ".join(methods)), skipped=skipped_note,
        matrix=conformance_table(latest, args.checklists, args.out), changes=changes_list(changes),
        plots=plots_section(plots), campaign=campaign_table(os.path.join(RESULTS, "campaign")),
        alpha=args.alpha, min_effect=args.min_effect)


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


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--history", default=perfdata.HISTORY_DIR)
    ap.add_argument("--out", default=os.path.join(RESULTS, "dashboard"))
    ap.add_argument("--checklists", default=os.path.join(RESULTS, "checklist"))
    ap.add_argument("--runs", default=os.path.join(RESULTS, "run"))
    ap.add_argument("--alpha", type=float, default=0.01)
    ap.add_argument("--min-effect", type=float, default=3.0)
    args = ap.parse_args()
    args.out = os.path.abspath(args.out)

    records = perfdata.load_history(args.history, PROG)
    changes = regress.detect_history_changes(records, args.alpha, args.min_effect)
    parent = os.path.dirname(args.out)
    os.makedirs(parent, exist_ok=True)
    staging = tempfile.mkdtemp(dir=parent, prefix=".dashboard-")
    try:
        with tempfile.TemporaryDirectory(prefix="dashboard-") as work:
            plots = render_plots(records, changes, staging, work)
        page = render_page(records, unreadable_files(args.history, records),
                           latest_conformance(records, args.runs), changes, plots, args)
        perfdata.write_atomic(os.path.join(staging, "index.html"), page)
        os.chmod(staging, 0o755)
        replace_dir(staging, args.out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    print("%s: %s (%d records, %d plots, %d change points)"
          % (PROG, os.path.join(os.path.relpath(args.out), "index.html"), len(records), len(plots),
             len(changes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
