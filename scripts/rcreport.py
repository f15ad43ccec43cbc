#!/usr/bin/python3
"""rcreport -- turn kyua results into rumpcheck's reports.

  rcreport.py summary DB...
      one line 'N passed, N failed[, N skipped]' over the results files
  rcreport.py checklist --target T --db DB --out DIR [--form pre2020|2020]
      the porting checklist of target T (DIR/T.md, .html, .json) and a
      per-family summary on stdout; exit 1 if a MUST assertion failed, is
      not implemented or could not be checked (a REFERENCE assertion that
      fails only "differs from NetBSD's librumpuser"; limitations and skips
      are not failures either). Its header says which form of interface 17
      T implements (--form, else targets/targets.tsv) and which kernels it
      can host
  rcreport.py caught [--all] --ids "ID..." DB
      did a run against a broken hypervisor fail a case on one of the IDs
      it should trip (with --all: on every one of them)? (exit 0 if so)
  rcreport.py states --expect "t_PROG:CASE:ID=STATE ..." [--lacks "SYM..."] DB
      did each case give each ID the per-ID verdict expected (pass, fail,
      notreached, notimpl, ...)? With --lacks: does a not-implemented case
      list exactly those missing calls? (exit 0 if so)
  rcreport.py failed-ids DB
      one line per case that did not pass: PROGRAM:CASE, its kind (fail: it
      named a catalog ID; hang: '[ID] HANG:'; timeout: a bare timeout;
      crash: it died naming no rule) and the IDs named (else those it cites)
  rcreport.py mutant-coverage
      every catalog ID is named by a broken hypervisor that must trip it
      (hypercall-mocks/mutants/*/mutant.conf), or listed with the reason it
      cannot be broken in hypercall-mocks/mutants/UNCOVERED.tsv
  rcreport.py check-catalog PROGRAM...
      every ID cited by the test programs is in the catalog, every catalog
      ID is cited by at least one case, every case name is unique across
      the programs (the whole suite), and every row says where the
      contract states it (basis; a MUST row cites rumpuser(3) or the kernel)
"""

import argparse
import html
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

import targets
from rcroot import ROOT, areas

CATALOG = os.environ.get("RUMPCHECK_CATALOG", os.path.join(ROOT, "atf", "assertions.tsv"))
ID_RE = re.compile(r"\[([A-Z]+-\d{3}|IMPL|LOAD|WDOG|KTAP|ABORT|SUITE)\]")
# The per-ID verdicts a case prints (rc_run.h): "rumpcheck-ids: MTX-001=pass ...".
IDLINE_RE = re.compile(r"^(?:# )?rumpcheck-ids:(.*)$", re.M)


def family_key(family):
    """Sorts families in the order a porter brings a hypervisor up in (the
    areas' order, atf/areas.def); any other family last, by name."""
    order = areas()
    return (order.index(family) if family in order else len(order), family)


def die(msg):
    sys.stderr.write("rcreport: %s\n" % msg)
    sys.exit(2)


def write_atomic(path, text):
    d = os.path.dirname(path) or "."
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-")
    with os.fdopen(fd, "w") as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def load_catalog(path=CATALOG):
    """id -> dict(family, hypercalls, level, rule, meaning, basis)."""
    cat = {}
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except OSError as e:
        die("cannot read the catalog %s: %s" % (path, e))
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 7:
            die("%s:%d: expected 7 tab-separated columns, got %d" % (path, n, len(cols)))
        if cols[0] in cat:
            die("%s:%d: duplicate ID %s" % (path, n, cols[0]))
        cat[cols[0]] = dict(zip(["family", "hypercalls", "level", "rule", "meaning", "basis"],
                                cols[1:]))
    return cat


def id_verdicts(stdout):
    """{ID: state} from the case's 'rumpcheck-ids:' line, or None (older runs)."""
    m = IDLINE_RE.search(stdout or "")
    if m is None:
        return None
    return dict(w.split("=", 1) for w in m.group(1).split() if "=" in w)


def read_results(db, with_ids=False):
    """[(program, case, ids, result, reason)] from a kyua results file; with_ids
    adds a sixth field, the case's per-ID verdicts (None where it printed none)."""
    if not os.path.exists(db):
        die("no results file %s (did the kyua run start?)" % db)
    try:
        con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
        rows = con.execute("""
            SELECT p.relative_path, c.name, m.property_value, r.result_type, r.result_reason,
                   f.contents
            FROM test_cases c
            JOIN test_programs p ON p.test_program_id = c.test_program_id
            LEFT JOIN test_results r ON r.test_case_id = c.test_case_id
            LEFT JOIN metadatas m ON m.metadata_id = c.metadata_id
                 AND m.property_name = 'custom.rumpcheck-ids'
            LEFT JOIN test_case_files t ON t.test_case_id = c.test_case_id
                 AND t.file_name = '__STDOUT__'
            LEFT JOIN files f ON f.file_id = t.file_id""").fetchall()
    except sqlite3.Error as e:
        die("%s is not a readable kyua results file: %s" % (db, e))
    # stdout is bytes: the console cases print raw bytes there.
    out = [(p, c, (ids or "").split(), res or "broken", why or "",
            id_verdicts(bytes(so).decode("utf-8", "replace") if so is not None else None))
           for p, c, ids, res, why, so in rows]
    return out if with_ids else [r[:5] for r in out]


def results_of(db, with_ids=False):
    """read_results(db), which must hold results: an interrupted kyua run
    leaves none, and a report from it would claim every case 'not run'."""
    results = read_results(db, with_ids)
    if not results:
        die("%s holds no results (the run was interrupted, or ran nothing)" % db)
    return results


def cmd_summary(args):
    passed = failed = skipped = 0
    for db in args.db:
        for _, _, _, res, _ in results_of(db):
            if res in ("passed", "expected_failure"):
                passed += 1
            elif res == "skipped":
                skipped += 1
            else:
                failed += 1
    line = "%d passed, %d failed" % (passed, failed)
    if skipped:
        line += ", %d skipped" % skipped
    print(line)
    return 0


def load_limitations_file(path):
    """ID -> reason, from an ID<TAB>reason file ('#' lines are comments)."""
    lim = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 2 and not line.startswith("#") and cols[1].strip():
                    lim[cols[0]] = cols[1]
    return lim


def load_limitations(target):
    """IDs the target states it cannot keep, with the reason: the files its
    row of targets/targets.tsv names."""
    lim = {}
    for path in targets.limit_files(target):
        lim.update(load_limitations_file(path))
    return lim


# A case's per-ID state -> the judge's bucket.
BUCKET = {"pass": "pass", "fail": "fail", "notreached": "notreached", "unchecked": "notreached",
          "notimpl": "impl", "notapplicable": "na", "skipped": "skip"}


def judge_case(st, name, res, why, verdicts):
    """Sort one case's per-ID verdicts (its rumpcheck-ids line) into st."""
    for i, state in verdicts.items():
        if i not in st:
            continue
        b = BUCKET.get(state, "notreached")
        if b == "pass":
            st[i]["pass"].append(name)
        elif state == "unchecked":
            st[i][b].append((name, "the case never evaluated it (a defect of rumpcheck)"))
        elif b == "notreached":
            st[i][b].append((name, "not reached: the case stopped first: " + why))
        else:
            st[i][b].append((name, why))


# An ID's status: the first kind of evidence it has, in this order (a
# known limitation turns a fail or a skip into "limitation").
EVIDENCE_STATUS = (("fail", "fail"), ("impl", "not implemented"), ("pass", "pass"),
                   ("notreached", "not reached"), ("blocked", "blocked"),
                   ("na", "not applicable"), ("skip", "skipped"))


def judge(cat, results, limitations):
    """Per catalog ID: status and evidence."""
    st = {i: {"pass": [], "fail": [], "skip": [], "impl": [], "blocked": [], "notreached": [],
              "na": []} for i in cat}
    for prog, case, ids, res, why, *rest in results:
        name = "%s:%s" % (os.path.basename(prog), case)
        if rest and rest[0] is not None:
            judge_case(st, name, res, why, rest[0])
            continue
        named = set(ID_RE.findall(why))
        for i in ids:
            if i not in st:
                continue
            if res == "passed":
                st[i]["pass"].append(name)
            elif res == "skipped":
                st[i]["skip"].append((name, why))
            elif "IMPL" in named:
                st[i]["impl"].append((name, why))
            elif i in named or not (named & set(cat)):
                # Named, or the case died without naming anything (crash, hang).
                st[i]["fail"].append((name, why))
            else:
                st[i]["blocked"].append((name, why))
        for i in named & set(cat) - set(ids):
            st[i]["fail"].append((name, why))
    out = {}
    for i, e in st.items():
        kind = next((k for k, _s in EVIDENCE_STATUS if e[k]), None)
        status = dict(EVIDENCE_STATUS).get(kind, "not run")
        if kind in ("fail", "skip") and i in limitations:
            status = "limitation"
        ev = e["fail"] or e["impl"] or e["notreached"] or e["blocked"] or e["na"] or e["skip"]
        out[i] = {"status": status, "evidence": "%s: %s" % ev[0] if ev else "",
                  "cases": len(e["pass"]) + sum(len(e[k]) for k in
                                                ("fail", "skip", "impl", "blocked", "notreached", "na")),
                  "passed_in": e["pass"][:3],
                  "limitation": limitations.get(i, "")}
    return out


def families(cat):
    fams = sorted({c["family"] for c in cat.values()}, key=family_key)
    return [(f, sorted(i for i in cat if cat[i]["family"] == f)) for f in fams]


STATUSES = ["pass", "fail", "differs", "not implemented", "not reached", "not applicable",
            "skipped", "blocked", "limitation", "not run"]
MARK = {"pass": "PASS", "fail": "FAIL", "differs": "DIFFERS FROM NETBSD", "not implemented": "NOT IMPLEMENTED",
        "not reached": "NOT REACHED", "not applicable": "NOT APPLICABLE",
        "skipped": "SKIPPED", "blocked": "BLOCKED", "limitation": "LIMITATION",
        "not run": "NOT RUN"}
# What a status means for a porter, by level.
BREAKS = ("fail", "not implemented", "blocked")


def shown(cat, verdict):
    """The verdict as the reports show it: a failed REFERENCE rule breaks no
    contract, it only differs from NetBSD's librumpuser."""
    out = {}
    for i, v in verdict.items():
        v = dict(v)
        if v["status"] == "fail" and cat[i]["level"] == "REFERENCE":
            v["status"] = "differs"
        out[i] = v
    return out


def contract_broken(cat, verdict):
    """Did a MUST rule fail (or go unchecked for lack of a call)?"""
    return any(v["status"] in BREAKS and cat[i]["level"] == "MUST" for i, v in verdict.items())


# What each form of interface 17 hosts (include/rump/rumpuser.h).
FORM_HOSTS = {
    "pre2020": "pre-2020 form of interface 17 (dl_bootstrap with 3 arguments, no "
               "mutex_spin_p): hosts the rump kernels built by buildrump.sh and rumprun "
               "(NetBSD 7.x-9.x sources), not those built from NetBSD sources of 2020 or later",
    "2020": "2020 form of interface 17 (RUMPUSER_2020: dl_bootstrap with an evcnt-attach "
            "4th argument, mutex_spin_p): hosts rump kernels built from NetBSD sources of "
            "2020 or later; every kernel built by buildrump.sh or rumprun crashes on it in rump_init",
}


def declared_form(target, form=None):
    """The form given, else the targets table's for an in-tree target, else None."""
    return form or targets.declared_form(target)


def form_line(form):
    if form in FORM_HOSTS:
        return "Form: " + FORM_HOSTS[form] + "."
    return ("Form: not declared (pass --form pre2020|2020, and to kyua "
            "-v test_suites.rumpcheck.form=...): the suite called the form the library's "
            "exports show (rumpuser_mutex_spin_p exported: 2020).")


def totals(verdict):
    n = {s: 0 for s in STATUSES}
    for v in verdict.values():
        n[v["status"]] += 1
    return ", ".join("%d %s" % (c, s) for s, c in n.items() if c)


def render_md(target, cat, verdict, form=None):
    out = ["# rumpcheck porting checklist: %s" % target, "", form_line(form), "",
           "Assertions: " + totals(verdict), "",
           "MUST rules are the rumpuser(3) contract (or what the kernel needs): a FAIL breaks it. "
           "REFERENCE rules are how NetBSD's librumpuser behaves: DIFFERS FROM NETBSD is not a "
           "contract break.", ""]
    lacks = [v["evidence"] for v in verdict.values() if v["status"] == "not implemented"]
    m = re.search(r"the library lacks: ([^)]*)\)", lacks[0]) if lacks else None
    if m:
        out += ["The library lacks: " + m.group(1), ""]
    for fam, ids in families(cat):
        out += ["## %s" % fam, "", "| ID | status | level | rule |", "|---|---|---|---|"]
        notes = []
        for i in ids:
            v = verdict[i]
            out.append("| %s | %s | %s | %s |" % (i, MARK[v["status"]], cat[i]["level"],
                                                  cat[i]["rule"].replace("|", "\\|")))
            if v["status"] == "pass" and v["passed_in"]:
                notes.append("- %s: passed in %s" % (i, ", ".join(v["passed_in"])))
            elif v["status"] not in ("pass", "not run"):
                notes.append("- **%s** (%s): %s  \n  What it usually means: %s  \n  Where to look: %s"
                             "  \n  Contract: %s" % (
                                 i, MARK[v["status"]], v["limitation"] or v["evidence"] or "no case ran",
                                 cat[i]["meaning"], cat[i]["hypercalls"], cat[i]["basis"]))
        out.append("")
        if notes:
            out += notes + [""]
    return "\n".join(out) + "\n"


def render_html(target, cat, verdict, form=None):
    color = {"pass": "#2e7d32", "fail": "#c62828", "differs": "#8d6e63", "not implemented": "#6a1b9a",
             "not reached": "#ef6c00", "not applicable": "#9e9e9e",
             "skipped": "#9e9e9e", "blocked": "#ef6c00", "limitation": "#1565c0",
             "not run": "#000"}
    e = html.escape
    rows = []
    for fam, ids in families(cat):
        rows.append('<tr><th colspan="4" class="fam">%s</th></tr>' % e(fam))
        for i in ids:
            v = verdict[i]
            detail = ""
            if v["status"] not in ("pass", "not run"):
                detail = ('<div class="why">%s</div><div class="mean"><b>Means:</b> %s <b>Look at:</b> %s'
                          ' <b>Contract:</b> %s</div>' % (
                              e(v["limitation"] or v["evidence"] or "no case ran"), e(cat[i]["meaning"]),
                              e(cat[i]["hypercalls"]), e(cat[i]["basis"])))
            rows.append('<tr id="%s"><td class="k">%s</td><td class="k" style="color:%s;font-weight:bold">%s</td><td>%s</td><td>%s%s</td></tr>' % (
                e(i), e(i), color[v["status"]], MARK[v["status"]], e(cat[i]["level"]), e(cat[i]["rule"]), detail))
    bad = [i for fam, ids in families(cat) for i in ids
           if verdict[i]["status"] not in ("pass", "not run")]
    links = " ".join('<a href="#%s">%s</a>' % (e(i), e(i)) for i in bad) or "none"
    return """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>rumpcheck checklist: %s</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%%}
td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
th.fam{background:#eee;font-size:1.1em}.why{color:#c62828;font-family:monospace;margin-top:4px}
.mean{color:#444;margin-top:4px}td.k{white-space:nowrap}</style></head><body>
<h1>rumpcheck porting checklist: %s</h1>
<p>%s</p><p>Assertions: %s</p><p>Not passing: %s</p>
<p>MUST rules are the rumpuser(3) contract (or what the kernel needs): FAIL breaks it.
REFERENCE rules are how NetBSD's librumpuser behaves: DIFFERS FROM NETBSD is not a contract break.</p><table>
<tr><th>ID</th><th>status</th><th>level</th><th>rule</th></tr>
%s
</table></body></html>
""" % (e(target), e(target), e(form_line(form)), e(totals(verdict)), links, "\n".join(rows))


def cmd_checklist(args):
    cat = load_catalog()
    results = results_of(args.db, with_ids=True)
    verdict = shown(cat, judge(cat, results, load_limitations(args.target)))
    base = os.path.join(args.out, args.target)
    form = declared_form(args.target, args.form)
    write_atomic(base + ".md", render_md(args.target, cat, verdict, form))
    write_atomic(base + ".html", render_html(args.target, cat, verdict, form))
    doc = {"target": args.target, "form": form, "assertions": [
        dict(id=i, family=cat[i]["family"], level=cat[i]["level"], rule=cat[i]["rule"],
             meaning=cat[i]["meaning"], basis=cat[i]["basis"], **verdict[i]) for i in sorted(cat)]}
    write_atomic(base + ".json", json.dumps(doc, indent=1) + "\n")
    print("checklist for %s (%s.{md,html,json}):" % (args.target, base))
    print("  " + form_line(form))
    missing = lacked_calls(results)
    if missing:
        print("  the library lacks: " + missing)
    cols = [("pass", "pass"), ("fail", "fail"), ("diff", "differs"), ("n/i", "not implemented"),
            ("n/rch", "not reached"), ("n/a", "not applicable"), ("skip", "skipped"),
            ("block", "blocked"), ("limit", "limitation"), ("n/run", "not run")]
    print("  %-10s" % "family" + "".join(" %5s" % c for c, _ in cols))
    for fam, ids in families(cat):
        n = {s: sum(1 for i in ids if verdict[i]["status"] == s) for s in STATUSES}
        print("  %-10s" % fam + "".join(" %5d" % n[s] for _, s in cols))
    print("  assertions: " + totals(verdict))
    print("  (fail: a MUST rule of the contract is broken; diff: a REFERENCE rule differs from "
          "NetBSD's librumpuser, not a contract break)")
    # Only a broken MUST rule fails the run: REFERENCE differences, stated
    # limitations and skips with reasons do not.
    return 1 if contract_broken(cat, verdict) else 0


def lacked_calls(results):
    """The hypercalls the library lacks, as the first not-implemented case lists them."""
    for r in results:
        m = re.search(r"the library lacks: ([^)]*)\)", r[4])
        if m:
            return m.group(1)
    return ""


def cmd_caught(args):
    want = set(args.ids.split())
    catchers = []
    for prog, case, ids, res, why, verdicts in results_of(args.db, with_ids=True):
        if res in ("passed", "skipped", "expected_failure"):
            continue
        named = set(ID_RE.findall(why)) & want
        if verdicts is not None:
            named |= {i for i in want if verdicts.get(i) == "fail"}
            if named:
                catchers.append("%s:%s %s" % (os.path.basename(prog), case, " ".join(sorted(named))))
            continue
        # Older runs: a hang or crash names nothing: it counts for the IDs the case cites.
        if named or (not ID_RE.findall(why) and want & set(ids)):
            catchers.append("%s:%s %s" % (os.path.basename(prog), case,
                                          " ".join(sorted(named or want & set(ids)))))
    for c in catchers:
        print("caught by " + c)
    if not catchers:
        print("not caught: no failing case named any of " + " ".join(sorted(want)))
        return 1
    missed = want - {i for c in catchers for i in c.split()[1:]}
    if args.all and missed:
        print("not shown to fail: " + " ".join(sorted(missed)))
        return 1
    return 0


def cmd_states(args):
    got = {(os.path.basename(p), c): (v, why)
           for p, c, _, _, why, v in read_results(args.db, with_ids=True)}
    bad = []
    for want in args.expect.split():
        prog, case, pair = want.split(":", 2)
        i, state = pair.split("=", 1)
        v, why = got.get((prog, case), (None, ""))
        seen = (v or {}).get(i, "no verdict" if v is None else "not listed")
        if seen != state:
            bad.append("%s:%s %s is %s, not %s (%s)" % (prog, case, i, seen, state, why[:300]))
        else:
            print("%s:%s %s=%s" % (prog, case, i, state))
    if args.lacks:
        listed = {tuple(sorted(m.split())) for _, why in got.values()
                  for m in re.findall(r"the library lacks: ([^)]*)\)", why)}
        if listed != {tuple(sorted(args.lacks.split()))}:
            bad.append("the not-implemented reasons list %s, not exactly %s"
                       % (sorted(listed) or "nothing", args.lacks))
    for b in bad:
        print(b)
    return 1 if bad else 0


def cmd_failed_ids(args):
    cat = load_catalog()
    for prog, case, ids, res, why in read_results(args.db):
        if res in ("passed", "skipped", "expected_failure"):
            continue
        named = sorted(set(ID_RE.findall(why)) & set(cat))
        if re.search(r"\[[A-Z]+-\d{3}\] HANG:", why):
            kind = "hang"
        elif named:
            kind = "fail"
        elif "timed out" in why:
            kind = "timeout"
        else:
            kind = "crash"
        print("%s:%s\t%s\t%s" % (os.path.basename(prog), case, kind,
                                 " ".join(named or sorted(ids)) or "-"))
    return 0


def mutant_ids():
    """ID -> [mutants naming it], from every mutant.conf."""
    named = {}
    base = os.path.join(ROOT, "hypercall-mocks", "mutants")
    for name in sorted(os.listdir(base)):
        conf = os.path.join(base, name, "mutant.conf")
        if not os.path.isfile(conf):
            continue
        with open(conf) as f:
            for line in f:
                m = re.match(r'ids="([^"]*)"', line.strip())
                for i in (m.group(1).split() if m else []):
                    named.setdefault(i, []).append(name)
    return named


def cmd_mutant_coverage(args):
    cat = load_catalog()
    named = mutant_ids()
    excused = load_limitations_file(os.path.join(ROOT, "hypercall-mocks", "mutants", "UNCOVERED.tsv"))
    bad = [i for i in sorted(cat) if i not in named and i not in excused]
    for i in bad:
        print("%s (%s): no broken hypervisor shows it can fail" % (i, cat[i]["family"]))
    for i in sorted(set(named) - set(cat)):
        print("%s: named by %s but not in the catalog" % (i, " ".join(named[i])))
        bad.append(i)
    print("mutant coverage: %d of %d IDs shown to fail, %d excused in UNCOVERED.tsv, %d problems"
          % (len(set(named) & set(cat)), len(cat), len(set(excused) & set(cat)), len(bad)))
    return 1 if bad else 0


def program_cases(prog):
    """[(case, cited IDs)] in listing order, from an ATF program's listing."""
    try:
        out = subprocess.run([prog, "-l"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        die("cannot list %s: %s" % (prog, e))
    cases = []
    for line in out.splitlines():
        if line.startswith("ident: "):
            cases.append((line[7:], []))
        elif line.startswith("X-rumpcheck-ids: ") and cases:
            cases[-1][1].extend(line[17:].split())
    return cases


def program_ids(prog):
    """case -> cited IDs, from an ATF program's listing."""
    return dict(program_cases(prog))


def duplicate_cases(listed):
    """Case names given more than once across the programs: the KTAP runner,
    the checklists and bounds.def name a case without its program, so a name
    must be unique suite-wide. listed: [(program, case)]."""
    where = {}
    for prog, case in listed:
        where.setdefault(case, []).append(prog)
    return ["case %s is defined %d times: in %s" % (c, len(p), ", ".join(p))
            for c, p in sorted(where.items()) if len(p) > 1]


LEVELS = ("MUST", "REFERENCE")
# Where the contract says a rule: the man page, or what the kernel needs.
CONTRACT_RE = re.compile(r'(^|; )(rumpuser\(3\): "|kernel: )')


def basis_problems(cat):
    """Rows with no basis, an unknown level, or a MUST that only NetBSD's
    implementation (not rumpuser(3) or the kernel) stands behind."""
    bad = []
    for i in sorted(cat):
        c = cat[i]
        if c["level"] not in LEVELS:
            bad.append("%s: level '%s' is neither MUST nor REFERENCE" % (i, c["level"]))
        if not c["basis"].strip():
            bad.append("%s: no basis (rumpuser(3): \"...\", kernel: FILE: why, or facts: ...)" % i)
        elif c["level"] == "MUST" and not CONTRACT_RE.search(c["basis"]):
            bad.append("%s: a MUST rule's basis must cite rumpuser(3) or the kernel, not only "
                       "an implementation: %s" % (i, c["basis"]))
    return bad


def cmd_check_catalog(args):
    cat = load_catalog()
    cited, bad, listed = set(), [], []
    for prog in args.programs:
        for case, ids in program_cases(prog):
            listed.append((prog, case))
            if not ids:
                bad.append("%s:%s cites no catalog ID" % (prog, case))
            for i in ids:
                cited.add(i)
                if i not in cat:
                    bad.append("%s:%s cites %s, which is not in the catalog" % (prog, case, i))
    for i in sorted(set(cat) - cited):
        bad.append("%s (%s) has no test case" % (i, cat[i]["family"]))
    bad += duplicate_cases(listed)
    bad += basis_problems(cat)
    for b in bad:
        print(b)
    print("catalog: %d IDs, %d cited, %d problems" % (len(cat), len(cited), len(bad)))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("summary")
    s.add_argument("db", nargs="+")
    c = sub.add_parser("checklist")
    c.add_argument("--target", required=True)
    c.add_argument("--db", required=True)
    c.add_argument("--out", default=os.path.join(ROOT, "results", "checklist"))
    c.add_argument("--form", choices=sorted(FORM_HOSTS),
                   help="the interface-17 form the target implements (default: targets/targets.tsv)")
    m = sub.add_parser("caught")
    m.add_argument("--ids", required=True)
    m.add_argument("--all", action="store_true", help="every ID must fail, not just one")
    m.add_argument("db")
    t = sub.add_parser("states")
    t.add_argument("--expect", required=True)
    t.add_argument("--lacks", default="")
    t.add_argument("db")
    f = sub.add_parser("failed-ids")
    f.add_argument("db")
    sub.add_parser("mutant-coverage")
    k = sub.add_parser("check-catalog")
    k.add_argument("programs", nargs="+")
    args = ap.parse_args()
    return {"summary": cmd_summary, "checklist": cmd_checklist,
            "caught": cmd_caught, "states": cmd_states, "mutant-coverage": cmd_mutant_coverage,
            "failed-ids": cmd_failed_ids,
            "check-catalog": cmd_check_catalog}[args.cmd](args)


if __name__ == "__main__":
    from toolmain import main_guard
    sys.exit(main_guard("rcreport", main))
