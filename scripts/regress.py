#!/usr/bin/python3
"""regress -- performance regression detection for rumpcheck's benchmarks.

  regress.py ab --baseline T --candidate T [--rounds N] [--run-cmd CMD] ...
      run baseline and candidate interleaved in one session (AB BA AB ...),
      each run giving per-repetition samples per benchmark, and compare
  regress.py compare --baseline A.json... --candidate B.json...
      the same comparison over Google Benchmark JSON files already taken
  regress.py history [--dir results/history] [--target T]
      change points over the nightly history, per series: where a shift
      began and at which commit (Welch's t on the runs' medians at each
      split, Bonferroni over the splits)
  regress.py last [--dir results/history] [--target T]
      each target's last nightly run against the one before, judged
      against the between-run noise of the same series in the runs
      before them (see "Last run" below)
  regress.py mde RESULT.json [--alpha A] [--power P] [--runs K]
      per benchmark of one bench/run result: its median, its noise (the
      repetitions' robust coefficient of variation and preempted share)
      and the minimum detectable effect of a comparison of K such runs
      against K others (the repetitions pooled, as ab and compare pool them)

The minimum detectable effect (MDE) is the smallest shift, in percent of
the median, that the comparison flags with the given power (default 90%)
at the given alpha (default 0.05). The test is the two-sided Mann-Whitney
U as scipy runs it (exact below 8 samples a side, else the normal
approximation with continuity correction): a rank test, so a repetition
that was preempted counts as one rank, however slow. The MDE uses the same
noise model the test is robust to:
    s   = 1.4826 * MAD / median        (robust CV of the repetitions x:
          MAD = median |x - median|; the SD of normal noise, untouched
          by a few preempted repetitions)
    eps = share of the x above median + 3 * 1.4826 * MAD (preempted)
    MDE = 100 * k(n, m, eps, alpha, power) * s   %
where k is the smallest shift, in units of s, at which the test rejects
at alpha with the given power between n and m samples of N(0, 1) noise in
which round(eps * n) and round(eps * m) samples are preempted (slower than
all others): found by simulation (4000 pairs, fewer for big samples, at
most 400000 values; bisection). With eps = 0 and n = m = 5, k = 2.70;
n = m = 30, k = 0.87. "never" where the sample sizes cannot reach alpha
at all (3 against 3: the smallest p is 0.1), or where the preempted
repetitions leave too few ranks (5 against 5 with one preempted each).
The SD would count a preempted repetition at its full size: one repetition
3x slower among 15 makes the SD's CV 70 times the core's.

Comparison, per series: Mann-Whitney U (two-sided), the Hodges-Lehmann
shift with its distribution-free confidence interval, Benjamini-Hochberg
q-values across all series, and a minimum effect so that a significant but
tiny shift is not a regression.

Last run: repetitions within one run share the run's conditions (load,
placement, frequency), so their spread understates how much two runs of
the same code differ; nightly A/A pairs differ by up to 2x in wall time.
A series' last step (log of the ratio of its last two run medians) is
judged against its own earlier steps, the last WINDOW of them: their RMS
s is the between-run noise (never less than that RMS shrunk towards the
median RMS of the target's series of the same method, so that a few
quiet runs by chance do not make a quiet series), t = step / s, Student
t with as many degrees of freedom as earlier steps but at most TAIL_DF
(wall-clock noise has heavy tails), BH q across the target's series. A series with fewer
than MIN_STEPS earlier steps (a history of fewer than MIN_STEPS + 2 runs)
is not judged. The minimum detectable effect (MDE) printed with each is
the shift that series would need to be flagged alone: exp(t * s) - 1 at
Bonferroni alpha over the series. A count that never moved between runs
(s = 0: callgrind Ir) moves exactly. Metrics are lower-is-better (time or
instructions per operation). Exit status: 0 no regression, 1 regression,
2 unusable input.
"""

import argparse
import itertools
import json
import math
import os
import shlex
import subprocess
import sys
import tempfile
import warnings

import perfdata
from perfdata import InputError
from toolmain import main_guard

PROG = "regress"
DEFAULT_RUN_CMD = os.path.join(perfdata.ROOT, "bench", "run") + " -t {target} -r 5 -o {out}"


# ---- statistics -------------------------------------------------------------

def pairwise_differences(a, b):
    return sorted(y - x for x, y in itertools.product(a, b))


def hodges_lehmann(a, b, confidence=0.95):
    """Shift of b over a (median of pairwise differences) and its CI.

    The interval is the order-statistic interval of the pairwise
    differences that inverts the Mann-Whitney test (normal approximation
    for the rank; exact enough from about 5 samples a side).
    """
    from scipy.stats import norm   # here: bad input is refused without loading scipy
    d = pairwise_differences(a, b)
    n, m, total = len(a), len(b), len(d)
    mid = total // 2
    shift = d[mid] if total % 2 else (d[mid - 1] + d[mid]) / 2
    z = norm.ppf(0.5 + confidence / 2)
    k = math.floor(total / 2 - z * math.sqrt(n * m * (n + m + 1) / 12))
    k = max(k, 1)
    return shift, d[k - 1], d[total - k]


def mann_whitney_p(a, b):
    from scipy.stats import mannwhitneyu
    if len(set(a)) == 1 and len(set(b)) == 1:
        # Deterministic counts (callgrind Ir) carry no noise: equal is no
        # change, any difference is exact; min_effect still decides.
        return 1.0 if a[0] == b[0] else 0.0
    return float(mannwhitneyu(a, b, alternative="two-sided").pvalue)


MDE_DRAWS = 4000        # simulated comparisons per power estimate (small samples)
MDE_VALUES = 400000     # at most this many simulated values: fewer draws for big samples
MDE_EXACT_BELOW = 8     # scipy's mannwhitneyu: exact p below 8 samples a side


def u_null_pmf(n, m):
    """Probabilities of U = 0..n*m when both samples come from one distribution."""
    # counts[k][u]: orderings of k + j samples with U = u, built up by DP.
    from math import comb
    ways = [[0] * (n * m + 1) for _ in range(n + 1)]
    for j in range(m + 1):
        cur = [[0] * (n * m + 1) for _ in range(n + 1)]
        for k in range(n + 1):
            if k == 0 or j == 0:
                cur[k][0] = 1
                continue
            for u in range(n * m + 1):
                # The largest of the k + j is from the first sample (it beats j) or not.
                cur[k][u] = (cur[k - 1][u - j] if u >= j else 0) + prev[k][u]
        prev = cur
    total = comb(n + m, n)
    return [c / total for c in prev[n]]


def u_pvalues(n, m):
    """Two-sided p for each U = 0..n*m, as scipy's mannwhitneyu computes it."""
    from scipy.stats import norm
    if n < MDE_EXACT_BELOW and m < MDE_EXACT_BELOW:
        pmf = u_null_pmf(n, m)
        cdf = list(itertools.accumulate(pmf))
        sf = list(itertools.accumulate(reversed(pmf)))[::-1]
        return [min(1.0, 2 * min(cdf[u], sf[u])) for u in range(n * m + 1)]
    import numpy as np
    sd = math.sqrt(n * m * (n + m + 1) / 12)
    u = np.arange(n * m + 1)
    return list(np.minimum(1.0, 2 * norm.sf(np.maximum(0.0, abs(u - n * m / 2) - 0.5) / sd)))


OUTLIER_MADS = 3        # a repetition this many robust SDs above the median was preempted
MAD_TO_SD = 1.4826      # MAD of normal noise times this is its SD


def mde_sigmas(n, m, alpha=0.05, power=0.9, draws=None, outliers=0.0):
    """The shift, in standard deviations of normal noise, that n against m
    samples detect with the given power; None if no shift ever reaches alpha.
    A fraction `outliers' of each sample (rounded) is preempted: slower than
    every other repetition, in random order among themselves, as the rank
    test sees them whatever their size."""
    import numpy as np
    reject = np.array(u_pvalues(n, m)) < alpha
    if not reject.any():
        return None
    if draws is None:
        draws = max(500, min(MDE_DRAWS, MDE_VALUES // (n + m)))
    rng = np.random.default_rng(17)
    a, b = rng.standard_normal((draws, n)), rng.standard_normal((draws, m))
    a[:, :round(outliers * n)] += 1e9
    b[:, :round(outliers * m)] += 1e9

    def power_at(delta):
        # U = pairs where b + delta beats a: the ranks of b (0-based) less m(m - 1)/2.
        ranks = np.concatenate([a, b + delta], axis=1).argsort(axis=1).argsort(axis=1)
        u = ranks[:, n:].sum(axis=1) - m * (m - 1) // 2
        return reject[u].mean()

    lo, hi = 0.0, 1.0
    while power_at(hi) < power:
        lo, hi = hi, 2 * hi
        if hi > 1e3:
            return None
    for _ in range(20):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if power_at(mid) < power else (lo, mid)
    return hi


def coefficient_of_variation(xs):
    """Sample standard deviation over the median (0 for fewer than 2)."""
    if len(xs) < 2:
        return 0.0
    mean = sum(xs) / len(xs)
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (len(xs) - 1))
    return sd / median(xs)


def robust_noise(xs):
    """(robust CV, preempted fraction) of repetitions: 1.4826 MAD over the
    median (the SD of the normal core, whatever a few preempted repetitions
    add), and the fraction more than OUTLIER_MADS robust SDs above the median."""
    if len(xs) < 2:
        return 0.0, 0.0
    mid = median(xs)
    sd = MAD_TO_SD * median([abs(x - mid) for x in xs])
    slow = sum(1 for x in xs if x > mid + OUTLIER_MADS * sd) if sd > 0 else 0
    return sd / mid, slow / len(xs)


class MdeFactors:
    """mde_sigmas, simulated once per sample sizes and preempted counts."""

    def __init__(self, alpha, power):
        self.alpha, self.power, self.known = alpha, power, {}

    def factor(self, n, m, outliers):
        key = (n, m, round(outliers * n), round(outliers * m))
        if key not in self.known:
            self.known[key] = mde_sigmas(n, m, self.alpha, self.power, outliers=outliers)
        return self.known[key]

    def mde_pct(self, xs, n, m):
        """MDE % of n against m samples at the noise of the repetitions xs."""
        cv, slow = robust_noise(xs)
        f = self.factor(n, m, slow)
        return None if f is None else 100 * f * cv


def benjamini_hochberg(pvalues):
    """q-values in the order of pvalues."""
    m = len(pvalues)
    order = sorted(range(m), key=lambda i: pvalues[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, pvalues[i] * m / rank)
        q[i] = running
    return q


def median(xs):
    s = sorted(xs)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def verdict(q, shift_pct, alpha, min_effect):
    if q >= alpha:
        return "no change"
    if shift_pct >= min_effect:
        return "REGRESSION"
    if shift_pct <= -min_effect:
        return "improvement"
    return "below min effect"


def compare_series(base, cand, alpha, min_effect, power=0.9):
    """One row per series present in both: medians, shift %, CI %, p, q,
    verdict, and the minimum detectable effect at the baseline's noise."""
    rows, factors = [], MdeFactors(alpha, power)
    for name in sorted(set(base) & set(cand)):
        a, b = base[name], cand[name]
        ref = median(a)
        shift, lo, hi = hodges_lehmann(a, b)
        rows.append({"series": name, "n_base": len(a), "n_cand": len(b),
                     "base_median": ref, "cand_median": median(b),
                     "shift_pct": 100 * shift / ref, "ci_pct": [100 * lo / ref, 100 * hi / ref],
                     "p": mann_whitney_p(a, b), "mde_pct": factors.mde_pct(a, len(a), len(b))})
    for row, q in zip(rows, benjamini_hochberg([r["p"] for r in rows])):
        row["q"] = q
        row["verdict"] = verdict(q, row["shift_pct"], alpha, min_effect)
    return rows


# ---- A/B sessions -----------------------------------------------------------

def merge_samples(into, more):
    for name, xs in more.items():
        into.setdefault(name, []).extend(xs)


def run_arm(cmd_template, target, env_extra, metric, workdir, tag):
    out = os.path.join(workdir, tag + ".json")
    # Only the two placeholders: any other brace is the shell's.
    cmd = cmd_template.replace("{target}", shlex.quote(target)).replace("{out}", shlex.quote(out))
    env = dict(os.environ, **env_extra)
    proc = subprocess.run(cmd, shell=True, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise InputError("benchmark run failed (exit %d): %s\n%s"
                         % (proc.returncode, cmd, proc.stderr[-2000:]))
    return perfdata.load_gbench(out, metric)


def interleaved_order(rounds):
    """AB BA AB BA ...: each arm runs first equally often, so drift cancels."""
    for r in range(rounds):
        yield ("baseline", "candidate") if r % 2 == 0 else ("candidate", "baseline")


def parse_env(pairs):
    env = {}
    for p in pairs:
        key, sep, value = p.partition("=")
        if not sep:
            raise InputError("--*-env wants NAME=VALUE, got %r" % p)
        env[key] = value
    return env


def run_session(args):
    if "{out}" not in args.run_cmd:
        raise InputError("--run-cmd has no {out}: the JSON file each run must write (%r)"
                         % args.run_cmd)
    arms = {"baseline": (args.baseline, parse_env(args.baseline_env)),
            "candidate": (args.candidate, parse_env(args.candidate_env))}
    samples = {"baseline": {}, "candidate": {}}
    with tempfile.TemporaryDirectory(prefix="regress-") as work:
        for r, order in enumerate(interleaved_order(args.rounds)):
            for arm in order:
                target, env = arms[arm]
                got = run_arm(args.run_cmd, target, env, args.metric, work, "%s-%d" % (arm, r))
                merge_samples(samples[arm], got)
    return samples["baseline"], samples["candidate"]


def load_files(paths, metric):
    samples = {}
    for p in paths:
        merge_samples(samples, perfdata.load_gbench(p, metric))
    return samples


# ---- reports ----------------------------------------------------------------

def fmt_value(v):
    return "%.4g" % v


def print_table(rows, method, unit, args):
    print("method: %s (%s), alpha %.2g on BH q-values, minimum effect %.1f%%; MDE: the shift "
          "detected with 90%% power at the baseline's robust noise (1.4826 MAD, preempted share) "
          "and these sample sizes"
          % (method, unit, args.alpha, args.min_effect))
    head = ("series", "base median", "cand median", "shift %", "95% CI %", "p", "q", "n", "MDE %",
            "verdict")
    table = [head] + [(r["series"], fmt_value(r["base_median"]), fmt_value(r["cand_median"]),
                       "%+.2f" % r["shift_pct"], "[%+.2f, %+.2f]" % tuple(r["ci_pct"]),
                       "%.3g" % r["p"], "%.3g" % r["q"], "%d/%d" % (r["n_base"], r["n_cand"]),
                       "never" if r["mde_pct"] is None else "%.2f" % r["mde_pct"],
                       r["verdict"]) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    for row in table:
        print("  ".join(c.ljust(w) if i in (0, 9) else c.rjust(w)
                        for i, (c, w) in enumerate(zip(row, widths))).rstrip())


def report_comparison(base, cand, args):
    if args.filter:
        base = {k: v for k, v in base.items() if args.filter in k}
        cand = {k: v for k, v in cand.items() if args.filter in k}
    rows = compare_series(base, cand, args.alpha, args.min_effect)
    if not rows:
        raise InputError("no series in common between baseline and candidate")
    method = perfdata.method_of(args.metric)
    print_table(rows, method, perfdata.unit_of(args.metric), args)
    if args.json:
        perfdata.write_atomic(args.json, json.dumps(
            {"method": method, "unit": perfdata.unit_of(args.metric), "alpha": args.alpha,
             "min_effect_pct": args.min_effect, "series": rows}, indent=1) + "\n")
    regressions = [r["series"] for r in rows if r["verdict"] == "REGRESSION"]
    if regressions:
        print("%s: regression in %s" % (PROG, ", ".join(regressions)))
    return 1 if regressions else 0


def cmd_ab(args):
    base, cand = run_session(args)
    return report_comparison(base, cand, args)


def cmd_compare(args):
    return report_comparison(load_files(args.baseline, args.metric),
                             load_files(args.candidate, args.metric), args)


# ---- change points over history --------------------------------------------

def flatten(groups):
    return [x for g in groups for x in g]


def between_runs_p(left, right):
    """Welch's t on the log run medians of two segments: the run, not the
    repetition, is the unit, as repetitions share their run's conditions."""
    from scipy.stats import ttest_ind
    a, b = [math.log(x) for x in left], [math.log(x) for x in right]
    if len(set(a)) == 1 and len(set(b)) == 1:
        return 1.0 if a[0] == b[0] else 0.0     # counts that never vary move exactly
    with warnings.catch_warnings():     # nearly constant counts: scipy warns, p may be NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        p = float(ttest_ind(a, b, equal_var=False).pvalue)
    return p if math.isfinite(p) else (1.0 if median(a) == median(b) else 0.0)


def best_split(groups, min_seg, min_effect):
    """(index, p, shift %) of the most significant split whose shift is at
    least min_effect, or None. groups: per-record sample lists in time order."""
    best = None
    medians = [median(g) for g in groups]
    for k in range(min_seg, len(groups) - min_seg + 1):
        left, right = flatten(groups[:k]), flatten(groups[k:])
        ref = median(left)
        shift = 100 * (median(right) - ref) / ref
        if abs(shift) < min_effect:
            continue
        p = between_runs_p(medians[:k], medians[k:])
        if best is None or (p, -abs(shift)) < (best[1], -abs(best[2])):
            best = (k, p, shift)
    return best


def change_points(groups, alpha, min_effect, min_seg, offset=0):
    """Binary segmentation: split where the shift is most significant
    (Bonferroni over the candidate splits), then look again on each side."""
    n_splits = len(groups) - 2 * min_seg + 1
    if n_splits < 1:
        return []
    found = best_split(groups, min_seg, min_effect)
    if found is None or found[1] * n_splits >= alpha:
        return []
    k, p, shift = found
    return (change_points(groups[:k], alpha, min_effect, min_seg, offset) +
            [(offset + k, p, shift, median(flatten(groups[:k])), median(flatten(groups[k:])))] +
            change_points(groups[k:], alpha, min_effect, min_seg, offset + k))


def detect_history_changes(records, alpha=0.01, min_effect=3.0, min_seg=2):
    """Every change point of every series, as dicts, in series order."""
    changes = []
    for (target, name, method, unit), points in sorted(perfdata.history_series(records).items()):
        groups = [samples for _, samples in points]
        for k, p, shift, before, after in change_points(groups, alpha, min_effect, min_seg):
            rec = points[k][0]
            changes.append({"target": target, "series": name, "method": method, "unit": unit,
                            "commit": rec["commit"].get("sha", "?"),
                            "dirty": bool(rec["commit"].get("dirty")),
                            "timestamp": rec["timestamp"], "before": before, "after": after,
                            "shift_pct": shift, "p": p,
                            "kind": "regression" if shift > 0 else "improvement"})
    return changes


# ---- the last run against the previous one, against between-run noise ------

WINDOW = 10         # earlier steps that measure a series' between-run noise
MIN_STEPS = 3       # fewer: the noise is unknown, the series is not judged
TAIL_DF = 3         # the reference's degrees of freedom at most: heavy tails
PRIOR_STEPS = 3     # weight of the typical series' noise in a series' own


def run_medians(points):
    """[(record, median)] of a series' runs, oldest first."""
    return [(rec, median(samples)) for rec, samples in points]


def step_of(runs):
    """The last step's log shift and the earlier steps' (at most WINDOW)."""
    logs = [math.log(m) for _rec, m in runs[-(WINDOW + 2):]]
    steps = [b - a for a, b in zip(logs, logs[1:])]
    return steps[-1], steps[:-1]


def rms(xs):
    return math.sqrt(sum(x * x for x in xs) / len(xs))


def judge_step(last, earlier, typical, alpha, n_series):
    """p, noise s, MDE and 95% CI (log scale) of the last step. A few
    earlier steps may understate the noise by chance: s is never less than
    their RMS shrunk towards the typical RMS of the target's series of the
    same method, as if PRIOR_STEPS steps of that size had been seen too."""
    from scipy.stats import t as student
    k = len(earlier)
    s = max(rms(earlier), math.sqrt((k * rms(earlier) ** 2 + PRIOR_STEPS * typical ** 2) / (k + PRIOR_STEPS)))
    df = min(k, TAIL_DF)
    if s == 0:
        return (1.0 if last == 0 else 0.0), 0.0, 0.0, (last, last)
    half = student.ppf(0.975, df) * s
    mde = student.ppf(1 - alpha / (2 * n_series), df) * s
    return float(2 * student.sf(abs(last) / s, df)), s, mde, (last - half, last + half)


def pct(log_shift):
    return 100 * math.expm1(min(log_shift, 50.0))   # 50: far beyond any shift, no overflow


def last_step_rows(records, alpha=0.05, min_effect=3.0):
    """One row per series of each target's last run that its previous run
    has too: the shift, and either the verdict against the between-run
    noise or why it is not judged."""
    by_target = {}
    for rec in records:
        by_target.setdefault(rec["target"], []).append(rec)
    rows = []
    for target, recs in sorted(by_target.items()):
        if len(recs) >= 2:
            rows += target_last_step(target, recs, alpha, min_effect)
    return rows


def target_last_step(target, recs, alpha, min_effect):
    last, prev = recs[-1], recs[-2]
    series = perfdata.history_series(recs)
    rows = []
    for (_t, name, method, unit), points in sorted(series.items()):
        runs = run_medians(points)
        if len(runs) < 2 or runs[-1][0] is not last or runs[-2][0] is not prev:
            continue
        step, earlier = step_of(runs)
        rows.append({"target": target, "series": name, "method": method, "unit": unit,
                     "before": runs[-2][1], "after": runs[-1][1], "shift_pct": pct(step),
                     "runs": len(runs), "steps": len(earlier), "_step": step, "_earlier": earlier,
                     "timestamp": last["timestamp"], "commit": last["commit"].get("sha", "?"),
                     "dirty": bool(last["commit"].get("dirty"))})
    judged = [r for r in rows if r["steps"] >= MIN_STEPS]
    typical = {}
    for method in {r["method"] for r in judged}:
        typical[method] = median([rms(r["_earlier"]) for r in judged if r["method"] == method])
    for r in judged:
        p, s, mde, (lo, hi) = judge_step(r["_step"], r["_earlier"], typical[r["method"]], alpha,
                                         len(judged))
        r.update(p=p, noise_pct=pct(s), mde_pct=max(pct(mde), min_effect), ci_pct=[pct(lo), pct(hi)])
    for r, q in zip(judged, benjamini_hochberg([r["p"] for r in judged])):
        r["q"] = q
        r["verdict"] = verdict(q, r["shift_pct"], alpha, min_effect)
    for r in rows:
        del r["_step"], r["_earlier"]
        if r["steps"] < MIN_STEPS:
            r["verdict"] = "not judged"
    return rows


def fmt_pct(x, sign=""):
    """A percentage; beyond 1000% only that (a noise that large is the point)."""
    return ("%" + sign + ".1f%%") % x if x < 1000 else ">%s1000%%" % sign


def cmd_last(args):
    records = usable_records(args)
    rows = last_step_rows(records, args.alpha, args.min_effect)
    if not rows:
        raise InputError("no target in %s has two runs to compare" % args.dir)
    print("last run vs previous, against each series' between-run noise (RMS of its last %d steps; "
          "BH q < %.2g; minimum effect %.1f%%; a series needs %d runs to be judged):"
          % (WINDOW, args.alpha, args.min_effect, MIN_STEPS + 2))
    for r in rows:
        if r["verdict"] == "not judged":
            continue
        print("  %-8s %-44s %-13s %-16s %+7.2f%%  95%% CI [%+.1f%%, %s]  noise %s  MDE %s  q %.2g"
              % (r["target"], r["series"], r["method"], r["verdict"], r["shift_pct"], r["ci_pct"][0],
                 fmt_pct(r["ci_pct"][1], "+"), fmt_pct(r["noise_pct"]), fmt_pct(r["mde_pct"]),
                 r["q"]))
    waiting = [r for r in rows if r["verdict"] == "not judged"]
    if waiting:
        print("  %d series not judged: %d runs or fewer so far, too few to know their between-run noise"
              % (len(waiting), max(r["runs"] for r in waiting)))
    if args.json:
        perfdata.write_atomic(args.json, json.dumps(rows, indent=1) + "\n")
    return 1 if any(r["verdict"] == "REGRESSION" for r in rows) else 0


def usable_records(args):
    if not os.path.isdir(args.dir):
        raise InputError("history directory %s does not exist" % args.dir)
    records = perfdata.load_history(args.dir, PROG)
    if args.target:
        records = [r for r in records if r["target"] == args.target]
    if not records:
        raise InputError("no usable history records in %s" % args.dir)
    return records


def cmd_history(args):
    records = usable_records(args)
    changes = detect_history_changes(records, args.alpha, args.min_effect, args.min_seg)
    print("%d records; change points (alpha %.2g Bonferroni over splits, minimum effect %.1f%%):"
          % (len(records), args.alpha, args.min_effect))
    for c in changes:
        print("  %-8s %-40s %-13s %s at %s%s (%s): %s -> %s %s (%+.2f%%, p %.3g)" % (
            c["target"], c["series"], c["method"], c["kind"], c["commit"][:12],
            "+dirty" if c["dirty"] else "", c["timestamp"], fmt_value(c["before"]),
            fmt_value(c["after"]), c["unit"], c["shift_pct"], c["p"]))
    if not changes:
        print("  none")
    if args.json:
        perfdata.write_atomic(args.json, json.dumps(changes, indent=1) + "\n")
    return 1 if any(c["kind"] == "regression" for c in changes) else 0


# ---- minimum detectable effect ----------------------------------------------

def mde_rows(samples, runs, alpha, power):
    """Per series: median, n, robust CV %, preempted %, the SD's CV % (for
    comparison), MDE % (None: never detectable)."""
    factors, rows = MdeFactors(alpha, power), []
    for name in sorted(samples):
        xs = samples[name]
        n = len(xs) * runs
        cv, slow = robust_noise(xs)
        rows.append({"series": name, "median": median(xs), "n": n, "cv_pct": 100 * cv,
                     "preempted_pct": 100 * slow,
                     "sd_cv_pct": 100 * coefficient_of_variation(xs),
                     "mde_pct": factors.mde_pct(xs, n, n)})
    return rows


def cmd_mde(args):
    samples = perfdata.load_gbench(args.result, args.metric)
    if args.filter:
        samples = {k: v for k, v in samples.items() if args.filter in k}
    if not samples:
        raise InputError("no series in %s" % args.result)
    rows = mde_rows(samples, args.runs, args.alpha, args.power)
    print("Minimum detectable effect (%s, %s): %d run(s) of this size against as many, "
          "two-sided Mann-Whitney at alpha %g, power %g%%; noise: robust CV (1.4826 MAD / "
          "median) of the repetitions, those beyond %d robust SDs above the median counted as "
          "preempted (the rank test's slowest), SD's CV for comparison"
          % (perfdata.method_of(args.metric), perfdata.unit_of(args.metric), args.runs,
             args.alpha, 100 * args.power, OUTLIER_MADS))
    head = ("series", "median", "CV %", "preempted %", "SD CV %", "n a side", "MDE %")
    table = [head] + [(r["series"], fmt_value(r["median"]), "%.2f" % r["cv_pct"],
                       "%.0f" % r["preempted_pct"], "%.2f" % r["sd_cv_pct"], "%d" % r["n"],
                       "never" if r["mde_pct"] is None else "%.2f" % r["mde_pct"]) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    for row in table:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                        for i, (c, w) in enumerate(zip(row, widths))).rstrip())
    if args.json:
        perfdata.write_atomic(args.json, json.dumps(
            {"method": perfdata.method_of(args.metric), "alpha": args.alpha, "power": args.power,
             "runs": args.runs, "series": rows}, indent=1) + "\n")
    return 0


# ---- command line -----------------------------------------------------------

def number_in(lo, hi, integer=False):
    """An argparse type: a number in [lo, hi] (a bad one exits 2 with usage)."""
    def parse(text):
        try:
            value = int(text) if integer else float(text)
        except ValueError:
            raise argparse.ArgumentTypeError("%r is not a number" % text)
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError("%s is not in [%s, %s]" % (text, lo, hi))
        return value
    return parse


def add_test_options(p, alpha):
    p.add_argument("--alpha", type=number_in(1e-9, 0.5), default=alpha)
    p.add_argument("--min-effect", type=number_in(0, 1e6), default=3.0,
                   help="percent (default 3)")
    p.add_argument("--json", help="also write the result here (JSON)")


def add_comparison_options(p):
    add_test_options(p, 0.05)
    p.add_argument("--metric", default="real_time",
                   help="real_time (default), cpu_time or a counter such as Ir")
    p.add_argument("--filter", help="only series whose name contains this")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n".join(__doc__.splitlines()[1:]))
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("ab", help="interleaved A/B session")
    a.add_argument("--baseline", required=True, help="target name or librumpuser.so path")
    a.add_argument("--candidate", required=True)
    a.add_argument("--baseline-env", action="append", default=[], metavar="NAME=VALUE")
    a.add_argument("--candidate-env", action="append", default=[], metavar="NAME=VALUE")
    a.add_argument("--rounds", type=number_in(1, 1000, integer=True), default=6)
    a.add_argument("--run-cmd", default=DEFAULT_RUN_CMD,
                   help="shell command for one run; {target} and {out} (JSON to write) "
                        "are substituted (default: %(default)s)")
    add_comparison_options(a)
    c = sub.add_parser("compare", help="compare Google Benchmark JSON files")
    c.add_argument("--baseline", nargs="+", required=True)
    c.add_argument("--candidate", nargs="+", required=True)
    add_comparison_options(c)
    h = sub.add_parser("history", help="change points over results/history")
    h.add_argument("--dir", default=perfdata.HISTORY_DIR)
    h.add_argument("--target")
    h.add_argument("--min-seg", type=number_in(1, 1000, integer=True), default=2,
                   help="records on each side of a split")
    add_test_options(h, 0.01)
    last = sub.add_parser("last", help="each target's last run against the previous one")
    last.add_argument("--dir", default=perfdata.HISTORY_DIR)
    last.add_argument("--target")
    add_test_options(last, 0.05)
    d = sub.add_parser("mde", help="minimum detectable effect per benchmark of one result")
    d.add_argument("result", help="Google Benchmark JSON of bench/run")
    d.add_argument("--alpha", type=number_in(1e-9, 0.5), default=0.05)
    d.add_argument("--power", type=number_in(0.5, 0.999), default=0.9)
    d.add_argument("--runs", type=number_in(1, 1000, integer=True), default=1,
                   help="runs a side (ab --rounds; default 1)")
    d.add_argument("--metric", default="real_time")
    d.add_argument("--filter", help="only series whose name contains this")
    d.add_argument("--json", help="also write the result here (JSON)")
    args = ap.parse_args()
    return {"ab": cmd_ab, "compare": cmd_compare, "history": cmd_history,
            "last": cmd_last, "mde": cmd_mde}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main_guard(PROG, main))
