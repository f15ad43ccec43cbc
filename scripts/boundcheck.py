#!/usr/bin/python3
"""boundcheck -- the boundary-value table (atf/bounds/bounds.def) is complete.

  boundcheck.py [--list] PROGRAM...

Every numeric parameter of every hypercall (atf/harness/hypercalls.def,
plus rumpuser_exit's value and rumpuser_dprintf's output length) has at
least one row, and every row names a case that one of the conformance
PROGRAMs has, or the case none with a why that starts "not testable:".
--list prints the table; RUMPCHECK_BOUNDS names another table file. Exit 0 when complete, 1 with the problems.
"""

import os
import re
import subprocess
import sys

from rcroot import ROOT

TABLE = os.environ.get("RUMPCHECK_BOUNDS", os.path.join(ROOT, "atf", "bounds", "bounds.def"))
CALLS = os.path.join(ROOT, "atf", "harness", "hypercalls.def")
NUMERIC = {"int", "long", "size_t", "int64_t", "uint64_t", "unsigned", "pid_t"}
# Written by hand in the shim, not in hypercalls.def.
HAND_WRITTEN = {("exit", "value"), ("dprintf", "length")}
ROW_RE = re.compile(r'^RC_BOUND\((\w+),\s*(\w+),\s*([A-Z]+),\s*([^,]+),\s*(\w+),\s*"(.*)"\)\s*$')
HC_RE = re.compile(r'^RC_HC(V?)\(')
KINDS = {"NS", "SEC", "SECMAX", "ABS", "PAST", "TOP", "VAL", "PAGE", "PAGES", "NCPU", "BIT", "END"}


def c_value(expr):
    """The value of a C integer constant expression of the table."""
    py = re.sub(r"(?<=[0-9a-fA-F])[uU]?[lL]{1,2}\b", "", expr.strip())
    if not re.fullmatch(r"[0-9a-fA-FxX+\-*<>() ]+", py):
        raise ValueError("not an integer constant: %s" % expr)
    return eval(py, {"__builtins__": {}})


def parameter_list(line, start):
    """The text inside the parenthesis opening at line[start]."""
    depth = 0
    for i in range(start, len(line)):
        depth += {"(": 1, ")": -1}.get(line[i], 0)
        if depth == 0:
            return line[start + 1:i]
    raise ValueError("unbalanced: " + line)


def interface():
    """Every hypercall name, and (call, parameter) for each numeric one."""
    calls, found = {c for c, _ in HAND_WRITTEN}, set(HAND_WRITTEN)
    with open(CALLS) as f:
        for line in f:
            m = HC_RE.match(line)
            if not m:
                continue
            fields = line[m.end():].split(",", 2 if not m.group(1) else 1)
            name = fields[-2].strip()
            calls.add(name)
            params = parameter_list(fields[-1], fields[-1].index("("))
            depth, cur, parts = 0, "", []
            for ch in params:
                depth += {"(": 1, ")": -1}.get(ch, 0)
                if ch == "," and depth == 0:
                    parts.append(cur)
                    cur = ""
                else:
                    cur += ch
            parts.append(cur)
            for p in parts:
                words = p.replace("*", " * ").split()
                if len(words) > 1 and "*" not in words and "(" not in p and \
                        set(words[:-1]) & NUMERIC:
                    found.add((name, words[-1]))
    return calls, found


def read_table():
    rows, bad = [], []
    with open(TABLE) as f:
        for n, line in enumerate(f, 1):
            if not line.startswith("RC_BOUND("):
                continue
            m = ROW_RE.match(line)
            if not m:
                bad.append("%s:%d: not a RC_BOUND row of 6 fields" % (TABLE, n))
                continue
            call, param, kind, value, case, why = m.groups()
            try:
                value = c_value(value)
            except (ValueError, SyntaxError) as e:
                bad.append("%s:%d: %s" % (TABLE, n, e))
                continue
            if kind not in KINDS:
                bad.append("%s:%d: unknown kind %s" % (TABLE, n, kind))
            rows.append(dict(line=n, call=call, param=param, kind=kind, value=value,
                             case=case, why=why))
    return rows, bad


def program_cases(programs):
    cases = set()
    for prog in programs:
        out = subprocess.run([prog, "-l"], capture_output=True, text=True,
                             timeout=60).stdout
        cases.update(l[7:] for l in out.splitlines() if l.startswith("ident: "))
    return cases


def main(argv):
    listing = "--list" in argv
    programs = [a for a in argv if a != "--list"]
    rows, bad = read_table()
    calls, params = interface()
    cases = program_cases(programs)
    for r in rows:
        where = "%s:%d: %s(%s=%d)" % (os.path.basename(TABLE), r["line"], r["call"],
                                      r["param"], r["value"])
        if r["call"] not in calls:
            bad.append("%s: no such hypercall" % where)
        if r["case"] == "none":
            if not r["why"].startswith("not testable: "):
                bad.append('%s: case none needs a why starting "not testable: "' % where)
        elif r["case"] not in cases:
            bad.append("%s: names case %s, which no program has" % (where, r["case"]))
        if listing:
            print("%-16s %-10s %-6s %22d  %-30s %s" % (r["call"], r["param"], r["kind"],
                  r["value"], r["case"], r["why"]))
    covered = {(r["call"], r["param"]) for r in rows}
    for call, param in sorted(params - covered):
        bad.append("rumpuser_%s: numeric parameter %s has no boundary values in %s"
                   % (call, param, os.path.basename(TABLE)))
    for b in bad:
        print(b)
    tested = [r for r in rows if r["case"] != "none"]
    print("bounds: %d parameters, %d values (%d tested by %d cases, %d not testable), "
          "%d problems" % (len(covered), len(rows), len(tested),
                           len({r["case"] for r in tested}), len(rows) - len(tested),
                           len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
