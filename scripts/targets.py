#!/usr/bin/python3
"""targets -- the one resolver of targets/targets.tsv: what a target means.

  targets.py resolve [--form pre2020|2020] SPEC...
      one line per SPEC, tab-separated: LABEL, the target for kyua (-v
      test_suites.rumpcheck.target=), what runs (the library dlopen'd on the
      host, or the environment's run script), the declared form ('-' if
      none), the hypervisor (a directory, or the library given by path),
      the environment, the limitation files (',' between, '-' if none) and
      the benchmark families ('-' if none)
  targets.py list
      the names of the table, in its order
  targets.py cheader
      the table and the broken hypervisors as C (build/rc_targets.h), for
      the test programs' resolver (atf/harness/rc_target_dl.c)

A SPEC is a name of targets/targets.tsv, the name of a broken hypervisor
(hypercall-mocks/mutants/NAME: environment host, or its mutant.conf's
environment=), or a path to a librumpuser.so (anything with a '/' or
ending in .so: environment host); --form declares a path's form (in-tree
targets take the table's). LABEL names the results (results/run/LABEL.db,
the checklist, history): a name is itself; a path is its directory's name
(plus the library's suffix: .../posix/librumpuser-2020.so is posix-2020),
unless it is an in-tree target's library. Exit 2 for an unknown name, a
missing file or a bad row.

The project root is $RUMPCHECK_ROOT, else the directory above this script.
"""

import argparse
import os
import re
import sys

from toolmain import InputError, main_guard

PROG = "targets"
ROOT = os.environ.get("RUMPCHECK_ROOT") or os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "targets", "targets.tsv")
MUTANTS = os.path.join(ROOT, "hypercall-mocks", "mutants")
ENVS = os.path.join(ROOT, "atf", "env")
FORMS = ("pre2020", "2020")
COLUMNS = ("name", "hypervisor", "environment", "form", "limits", "families")


class Target:
    """One pair: hypervisor (a directory) x environment, and its declarations."""

    def __init__(self, name, hypervisor, environment, form, limits="-", families="-"):
        self.name, self.hypervisor, self.environment = name, hypervisor, environment
        self.form, self.limits, self.families = form, limits, families

    def library(self):
        """The rumpuser library dlopen'd on the host (its name says the form)."""
        base = "librumpuser-2020.so" if self.form == "2020" and \
            self.hypervisor.startswith(os.path.join(ROOT, "targets")) else "librumpuser.so"
        return os.path.join(self.hypervisor, base)

    def runs(self):
        """What runs: the library (host), else the environment's entry point."""
        if self.environment == "host":
            return self.library()
        return os.path.join(ENVS, self.environment, "run")

    def limit_files(self):
        return [] if self.limits == "-" else \
            [os.path.join(ROOT, f) for f in self.limits.split(",")]


def table():
    """[Target] of targets/targets.tsv, in order, each row checked."""
    rows = []
    try:
        with open(TABLE) as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise InputError("cannot read %s: %s" % (TABLE, e.strerror))
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        where = "%s:%d" % (TABLE, n)
        if len(cols) != len(COLUMNS):
            raise InputError("%s: %d columns, want %d (%s)"
                             % (where, len(cols), len(COLUMNS), " ".join(COLUMNS)))
        name, hyp, env, form, limits, families = cols
        if form not in FORMS:
            raise InputError("%s: form '%s' is not pre2020 or 2020" % (where, form))
        if not os.path.isdir(os.path.join(ROOT, "targets", hyp)):
            raise InputError("%s: no hypervisor targets/%s" % (where, hyp))
        if env != "host" and not os.access(os.path.join(ENVS, env, "run"), os.X_OK):
            raise InputError("%s: no environment atf/env/%s/run" % (where, env))
        rows.append(Target(name, os.path.join(ROOT, "targets", hyp), env, form, limits,
                           families))
    return rows


def mutant_conf(name):
    """The KEY="value" pairs of a broken hypervisor's mutant.conf."""
    conf = {}
    with open(os.path.join(MUTANTS, name, "mutant.conf")) as f:
        for line in f:
            m = re.match(r'^([a-z_]+)="(.*)"\s*$', line)
            if m:
                conf[m.group(1)] = m.group(2)
    return conf


def mutants():
    """[Target] of the broken hypervisors (form: undeclared, given to kyua)."""
    if not os.path.isdir(MUTANTS):
        return []
    rows = []
    for n in sorted(os.listdir(MUTANTS)):
        if os.path.isfile(os.path.join(MUTANTS, n, "mutant.conf")):
            env = mutant_conf(n).get("environment", "host")
            rows.append(Target(n, os.path.join(MUTANTS, n), env, "-"))
    return rows


def is_path(spec):
    return "/" in spec or spec.endswith(".so")


def path_label(path):
    """<directory>[-<suffix of librumpuser-SUFFIX.so>], file-name safe."""
    stem = re.sub(r"\.so(\.\d+)*$", "", os.path.basename(path))
    suffix = re.sub(r"^(lib)?rumpuser-?", "", stem)
    label = os.path.basename(os.path.dirname(path)) or "lib"
    return re.sub(r"[^A-Za-z0-9._-]", "_", label + ("-" + suffix if suffix else ""))


def in_tree(real):
    """The host row whose library is the file real, or None."""
    for t in table():
        if t.environment == "host" and os.path.realpath(t.library()) == real:
            return t
    return None


def label_of(spec):
    if not is_path(spec):
        return re.sub(r"[^A-Za-z0-9._-]", "_", spec)
    real = os.path.realpath(spec)
    row = in_tree(real)
    if row:
        return row.name
    label = path_label(real)
    known = {t.name for t in table() + mutants()}
    return "path-" + label if label in known else label


def find(spec, form=None):
    """The Target a SPEC means; a path is a hypervisor on the host."""
    if is_path(spec):
        if not os.path.isfile(spec):
            raise InputError("no library %s (a path target must be a librumpuser.so)" % spec)
        real = os.path.realpath(spec)
        row = in_tree(real)
        t = Target(real, real, "host", form or (row.form if row else "-"))
        if row:
            t.limits, t.families = row.limits, row.families
        t.library = lambda: real
        return t
    for t in table() + mutants():
        if t.name == spec:
            if t.form == "-" and form:
                t.form = form
            return t
    raise InputError("unknown target '%s'; known targets: %s (or a broken hypervisor of "
                     "hypercall-mocks/mutants/, or a path to a librumpuser.so)"
                     % (spec, " ".join(t.name for t in table())))


def resolve(spec, form=None):
    """(label, kyua target, what runs, form or '-', hypervisor, environment,
    limits, families)."""
    t = find(spec, form)
    return (label_of(spec), t.name, t.runs(), t.form, t.hypervisor, t.environment,
            t.limits, t.families)


def limit_files(spec):
    """The limitation files a target (name or path) declares; [] if unknown."""
    try:
        return find(spec).limit_files()
    except InputError:
        return []


def declared_form(spec):
    """The table's form for an in-tree target (name or library), else None."""
    try:
        t = find(spec)
    except InputError:
        return None
    return None if t.form == "-" else t.form


def c_string(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def cheader():
    """Every name the test programs resolve, relative to the project root."""
    out = ["/* rc_targets.h -- generated by scripts/targets.py cheader from",
           " * targets/targets.tsv and the broken hypervisors (mutant.conf). */",
           "#define RC_TARGETS_ROOT %s" % c_string(ROOT),
           "#define RC_TARGET_ROWS \\"]
    for t in table() + mutants():
        rel = lambda p: os.path.relpath(p, ROOT)
        out.append("\tRC_TARGET_ROW(%s, %s, %s, %s, %s) \\" % (
            c_string(t.name), c_string(rel(t.hypervisor)), c_string(t.environment),
            c_string("" if t.form == "-" else t.form), c_string(rel(t.library()))))
    out.append("\t/* end */")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("resolve")
    r.add_argument("--form", choices=FORMS)
    r.add_argument("spec", nargs="+")
    sub.add_parser("list")
    sub.add_parser("cheader")
    args = ap.parse_args()
    if args.cmd == "list":
        print("\n".join(t.name for t in table()))
    elif args.cmd == "cheader":
        sys.stdout.write(cheader())
    else:
        rows = [resolve(s, args.form) for s in args.spec]
        for row in rows:
            print("\t".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main_guard(PROG, main))
