#!/usr/bin/python3
"""targets -- what a target argument of rumpcheck, nightly and bench/run means.

  targets.py resolve [--form pre2020|2020] SPEC...
      one line per SPEC: LABEL, the target for kyua (-v
      test_suites.rumpcheck.target=), what runs (a library, or a ktap-run),
      and the declared form ('-' if none), tab-separated
  targets.py list
      the names known here

A SPEC is a name of targets/forms.tsv, the name of a broken hypervisor
(hypercall-mocks/mutants/NAME), or a path to a librumpuser.so (anything with
a '/' or ending in .so); --form declares a path's form (in-tree targets take
forms.tsv's). LABEL names the results (results/run/LABEL.db, the checklist,
history): a name is itself; a path is its directory's name (plus the
library's suffix: .../posix/librumpuser-2020.so is posix-2020), unless it is
an in-tree target's library. Exit 2 for an unknown name or a missing file.
"""

import argparse
import os
import re
import sys

import rcreport
from toolmain import InputError, main_guard

PROG = "targets"
ROOT = rcreport.ROOT
MUTANTS = os.path.join(ROOT, "hypercall-mocks", "mutants")


def forms_names():
    """[(name, file under targets/, form)] of targets/forms.tsv, in order."""
    rows = []
    with open(os.path.join(ROOT, "targets", "forms.tsv")) as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 3 and not line.startswith("#"):
                rows.append(tuple(cols))
    return rows


def mutant_names():
    if not os.path.isdir(MUTANTS):
        return []
    return sorted(n for n in os.listdir(MUTANTS)
                  if os.path.isfile(os.path.join(MUTANTS, n, "mutant.conf")))


def is_path(spec):
    return "/" in spec or spec.endswith(".so")


def path_label(path):
    """<directory>[-<suffix of librumpuser-SUFFIX.so>], file-name safe."""
    stem = re.sub(r"\.so(\.\d+)*$", "", os.path.basename(path))
    suffix = re.sub(r"^(lib)?rumpuser-?", "", stem)
    label = os.path.basename(os.path.dirname(path)) or "lib"
    return re.sub(r"[^A-Za-z0-9._-]", "_", label + ("-" + suffix if suffix else ""))


def label_of(spec):
    if not is_path(spec):
        return re.sub(r"[^A-Za-z0-9._-]", "_", spec)
    real = os.path.realpath(spec)
    for name, lib, _form in forms_names():
        if os.path.realpath(os.path.join(ROOT, "targets", lib)) == real:
            return name
    label = path_label(real)
    known = {n for n, _, _ in forms_names()} | set(mutant_names())
    return "path-" + label if label in known else label


def resolve(spec, form=None):
    """(label, kyua target, what runs, form or '-')."""
    if is_path(spec):
        if not os.path.isfile(spec):
            raise InputError("no library %s (a path target must be a librumpuser.so)" % spec)
        real = os.path.realpath(spec)
        declared = [f for n, lib, f in forms_names()
                    if os.path.realpath(os.path.join(ROOT, "targets", lib)) == real]
        return label_of(spec), real, real, form or (declared + ["-"])[0]
    for name, lib, declared in forms_names():
        if name == spec:
            return name, name, os.path.join(ROOT, "targets", lib), declared
    if spec in mutant_names():
        return spec, spec, os.path.join(MUTANTS, spec, "librumpuser.so"), form or "-"
    raise InputError("unknown target '%s'; known targets: %s (or a broken hypervisor of "
                     "hypercall-mocks/mutants/, or a path to a librumpuser.so)"
                     % (spec, " ".join(n for n, _, _ in forms_names())))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("resolve")
    r.add_argument("--form", choices=sorted(rcreport.FORM_HOSTS))
    r.add_argument("spec", nargs="+")
    sub.add_parser("list")
    args = ap.parse_args()
    if args.cmd == "list":
        print("\n".join(n for n, _, _ in forms_names()))
        return 0
    rows = [resolve(s, args.form) for s in args.spec]
    for row in rows:
        print("\t".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main_guard(PROG, main))
