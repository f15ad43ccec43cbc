#!/usr/bin/python3
"""mutagen -- the mutants of C sources, one token-level edit each.

  scripts/mutagen.py [--ops OP,...] FILE...        one mutant a line (key, function, detail)
  scripts/mutagen.py --apply KEY FILE              the mutated source on stdout
  scripts/mutagen.py --diff KEY FILE               a unified diff of that mutant

Works on tokens: comments, string and character literals and preprocessor
lines are never mutated.  Operators (classic ones, as in PIT, mull, Stryker):
  ROR   relational: each of < <= > >= gets its boundary and its negation, == and != swap
  AOR   arithmetic: binary + - and * / swap, % becomes *, += -= and ++ -- swap
  LCR   logical: && and || swap
  NOT   a unary ! is removed; IFNEG: an if condition is negated
  CRP   integer constants become 0, 1, -1, N+1, N-1 (also in file-scope initializers)
  SDL   an expression statement (a call, an assignment) is deleted
  RVR   a returned expression becomes 0, -1 or EINVAL
  ARG   two adjacent arguments of a call are swapped (not calloc's: they commute)
A mutant's key is FILE|LINE|COL|OP|ORIGINAL|REPLACEMENT (whitespace folded):
stable while the file does not change, so runs can be compared and
equivalent mutants listed by key.  Whether a mutant compiles is the
runner's business (scripts/campaign): one that does not is stillborn.
"""

import argparse
import difflib
import re
import sys
from collections import namedtuple

Token = namedtuple("Token", "kind text start end line col")
Mutant = namedtuple("Mutant", "key file line col op orig repl start end func detail")

PUNCT = sorted("""<<= >>= ... -> ++ -- << >> <= >= == != && || *= /= %= += -= &= ^= |= ##
               [ ] ( ) { } . & * + - ~ ! / % < > ^ | ? : ; = , #""".split(), key=len, reverse=True)
KEYWORDS = set("""auto break case char const continue default do double else enum extern
    float for goto if inline int long register restrict return short signed sizeof static
    struct switch typedef union unsigned void volatile while _Bool _Atomic _Static_assert
    __attribute__ __typeof__ typeof bool""".split())
TYPE_WORDS = KEYWORDS - {"return", "sizeof", "case", "goto", "break", "continue", "do",
                         "else", "if", "for", "while", "switch", "default"}
ROR = {"<": ["<=", ">="], "<=": ["<", ">"], ">": [">=", "<="], ">=": [">", "<"],
       "==": ["!="], "!=": ["=="]}
AOR = {"+": ["-"], "-": ["+"], "*": ["/"], "/": ["*"], "%": ["*"],
       "+=": ["-="], "-=": ["+="], "++": ["--"], "--": ["++"]}
ASSIGN = {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="}
# Calls whose arguments commute: swapping them makes no mutant.
COMMUTATIVE = {"calloc"}
OPERATORS = ["ROR", "AOR", "LCR", "NOT", "IFNEG", "CRP", "SDL", "RVR", "ARG"]
INT_RE = re.compile(r"^(0[xX][0-9a-fA-F]+|[0-9]+)([uUlL]*)$")
# What a deleted call usually was, for the reports (first match wins).
CALL_CLASSES = [("upcall", r"unsched|sched|upcall|hyp_"), ("wakeup", r"wake|signal|broadcast"),
                ("errno", r"errtrans|errno|seterr"), ("flush", r"flush|fsync|sync"),
                ("unlock", r"unlock|_exit$|release|_done$"), ("lock", r"lock|_enter"),
                ("free", r"free|unmap|close|destroy"), ("atomic", r"__atomic|atomic")]


def tokenize(src):
    """The tokens of C source src, without comments, whitespace and preprocessor lines."""
    toks, i, n, line, bol = [], 0, len(src), 1, 0
    at_line_start = True
    while i < n:
        c = src[i]
        if c == "\n":
            line, bol, at_line_start, i = line + 1, i + 1, True, i + 1
            continue
        if c in " \t\r\f\v":
            i += 1
            continue
        if c == "#" and at_line_start:          # a preprocessor line, with continuations
            while i < n and src[i] != "\n":
                if src[i] == "\\" and i + 1 < n and src[i + 1] == "\n":
                    line, i = line + 1, i + 2
                    bol = i
                    continue
                if src.startswith("/*", i):     # a comment may run past the line
                    j = src.find("*/", i + 2)
                    j = n if j < 0 else j + 2
                    line += src.count("\n", i, j)
                    if "\n" in src[i:j]:
                        bol = src.rfind("\n", i, j) + 1
                    i = j
                    continue
                i += 1
            continue
        at_line_start = False
        if src.startswith("//", i):
            i = src.find("\n", i)
            i = n if i < 0 else i
            continue
        if src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            nl = src.count("\n", i, j)
            if nl:
                line, bol = line + nl, src.rfind("\n", i, j) + 1
            i = j
            continue
        start, col = i, i - bol + 1
        if c.isalpha() or c == "_":
            while i < n and (src[i].isalnum() or src[i] == "_"):
                i += 1
            kind = "id"
        elif c.isdigit() or (c == "." and i + 1 < n and src[i + 1].isdigit()):
            while i < n and (src[i].isalnum() or src[i] in "._" or
                             (src[i] in "+-" and src[i - 1] in "eEpP")):
                i += 1
            kind = "num"
        elif c in "\"'":
            i += 1
            while i < n and src[i] != c:
                i += 2 if src[i] == "\\" else 1
            i += 1
            kind = "str" if c == '"' else "chr"
        else:
            p = next((p for p in PUNCT if src.startswith(p, i)), c)
            i += len(p)
            kind = "punct"
        toks.append(Token(kind, src[start:i], start, i, line, col))
    return toks


def match_brackets(toks):
    """index of each ( [ { -> index of its closing partner, and back."""
    pair, stack = {}, []
    for k, t in enumerate(toks):
        if t.kind != "punct":
            continue
        if t.text in "([{":
            stack.append(k)
        elif t.text in ")]}" and stack:
            o = stack.pop()
            pair[o], pair[k] = k, o
    return pair


def regions(toks, pair):
    """(function bodies [(open, close, name)], file-scope initializer token indices)."""
    funcs, inits, k = [], set(), 0
    while k < len(toks):
        t = toks[k]
        if t.text == "{" and k > 0 and toks[k - 1].text == ")" and k in pair:
            o = pair.get(k - 1)
            name = toks[o - 1].text if o and toks[o - 1].kind == "id" else "?"
            funcs.append((k, pair[k], name))
            k = pair[k] + 1
            continue
        if t.text == "=":                       # file-scope initializer up to its ';'
            k += 1
            while k < len(toks) and toks[k].text != ";":
                inits.add(k)
                k += 1
            continue
        elif t.text in "([{" and k in pair:
            k = pair[k] + 1
            continue
        k += 1
    return funcs, inits


def is_operand_end(toks, k):
    """Does token k end an operand (so the operator after it is binary)?"""
    t = toks[k]
    if t.kind in ("num", "str", "chr") or t.text in (")", "]"):
        return True
    return t.kind == "id" and t.text not in KEYWORDS and not (
        t.text.endswith("_t") or (k > 0 and toks[k - 1].text in ("struct", "union", "enum")))


def fold(s):
    return " ".join(s.split())


def int_replacements(text):
    m = INT_RE.match(text)
    if not m:
        return []
    digits, suffix = m.groups()
    low = digits.lower()
    base = 16 if low.startswith("0x") else 8 if len(digits) > 1 and digits[0] == "0" else 10
    v = int(digits, base)
    fmt = {16: hex, 8: lambda r: "0%o" % r, 10: str}[base]
    # 0 and 1 flip and go negative; others go to 0 and one off either way.
    cands = {0: (1, -1), 1: (0, 2, -1)}.get(v, (0, v + 1, v - 1))
    return ["(-1)" if r < 0 else fmt(r) + suffix for r in cands]


def call_class(text):
    name = re.match(r"[(\s]*(?:void\s*\)\s*)?([A-Za-z_]\w*)", text)
    name = name.group(1) if name else ""
    for cls, rx in CALL_CLASSES:
        if re.search(rx, name):
            return "%s %s" % (cls, name)
    return ("call " + name) if "(" in text else "assignment"


class Generator:
    def __init__(self, path, src, relpath=None):
        self.path, self.src = path, src
        self.rel = relpath or path
        self.toks = tokenize(src)
        self.pair = match_brackets(self.toks)
        self.out = []

    def after(self, k):
        """The token after k, or after the bracket group k opens."""
        return self.pair[k] + 1 if self.toks[k].text in "([{" and k in self.pair else k + 1

    def add(self, op, a, b, repl, func, detail=""):
        """Mutant replacing tokens a..b (inclusive) by repl."""
        t0, t1 = self.toks[a], self.toks[b]
        orig = self.src[t0.start:t1.end]
        if repl == orig:
            return
        key = "|".join([self.rel, str(t0.line), str(t0.col), op, fold(orig), fold(repl)])
        self.out.append(Mutant(key, self.rel, t0.line, t0.col, op, orig, repl,
                               t0.start, t1.end, func, detail))

    def generate(self, ops=OPERATORS):
        funcs, inits = regions(self.toks, self.pair)
        if "CRP" in ops:
            for k in sorted(inits):
                for r in int_replacements(self.toks[k].text):
                    self.add("CRP", k, k, r, "(file scope)", "initializer")
        for o, c, name in funcs:
            self.function(o, c, name, ops)
        seen, uniq = set(), []
        for m in sorted(self.out, key=lambda m: (m.start, m.op, m.repl)):
            if m.key not in seen:
                seen.add(m.key)
                uniq.append(m)
        return uniq

    def function(self, o, c, name, ops):
        toks, depth, case_pending = self.toks, 0, False
        label_colons = set()
        for k in range(o + 1, c):
            t, prev = toks[k], toks[k - 1]
            if t.text in ("case", "default"):
                case_pending = True
            elif t.text == ":" and case_pending:
                label_colons.add(k)
                case_pending = False
            if t.text == "(":
                depth += 1
            elif t.text == ")":
                depth -= 1
            if t.kind == "punct":
                self.punct(k, t, name, ops)
            elif t.kind == "num" and "CRP" in ops and not (
                    prev.text == "return" and toks[k + 1].text == ";"):     # RVR's
                for r in int_replacements(t.text):
                    self.add("CRP", k, k, r, name)
            elif t.text == "return" and "RVR" in ops:
                self.ret(k, name)
            elif t.kind == "id" and toks[k + 1].text == "(" and t.text not in KEYWORDS:
                if "ARG" in ops:
                    self.swap_args(k + 1, name)
            if t.text == "if" and "IFNEG" in ops and toks[k + 1].text == "(":
                e = self.pair.get(k + 1)
                if e:
                    self.add("IFNEG", k + 1, e, "(!" + self.src[toks[k + 1].start:toks[e].end] + ")",
                             name)
            if "SDL" in ops and depth == 0 and self.statement_start(k, label_colons):
                self.delete_statement(k, c, name)

    def punct(self, k, t, name, ops):
        binary = is_operand_end(self.toks, k - 1)
        if t.text in ROR and "ROR" in ops:
            for r in ROR[t.text]:
                self.add("ROR", k, k, r, name)
        elif t.text in ("&&", "||") and "LCR" in ops:
            self.add("LCR", k, k, "||" if t.text == "&&" else "&&", name)
        elif t.text == "!" and "NOT" in ops:
            self.add("NOT", k, k + 1, self.toks[k + 1].text, name)
        elif t.text in AOR and "AOR" in ops:
            if t.text in "+-*/%" and not binary:
                return
            if t.text == "*" and self.toks[k + 1].text in (")", ",", "*"):
                return
            for r in AOR[t.text]:
                self.add("AOR", k, k, r, name)

    def statement_start(self, k, label_colons):
        toks = self.toks
        prev = toks[k - 1]
        if prev.text == ")":
            o = self.pair.get(k - 1)
            if not (o and toks[o - 1].text in ("if", "while", "for")):
                return False
        elif not (prev.text in (";", "{", "}", "else") or (k - 1) in label_colons):
            return False
        t, nxt = toks[k], toks[k + 1]
        if t.kind == "id" and t.text not in KEYWORDS:
            return nxt.text in ("(", "->", ".", "[", "++", "--") or nxt.text in ASSIGN
        return t.text in ("*", "++", "--") or (t.text == "(" and nxt.text == "void")

    def delete_statement(self, k, c, name):
        j, toks = k, self.toks
        while j < c and toks[j].text != ";":
            j = self.after(j)
        if j >= c:
            return
        text = self.src[toks[k].start:toks[j].end]
        # '{}' keeps an if/else body a statement; newlines keep the line numbers.
        self.add("SDL", k, j, "{}" + "\n" * text.count("\n"), name, call_class(text))

    def ret(self, k, name):
        j, toks = k + 1, self.toks
        if toks[j].text == ";":
            return
        e = j
        while toks[e].text != ";":
            e = self.after(e)
        orig = fold(self.src[toks[j].start:toks[e - 1].end])
        for r in ("0", "-1", "EINVAL"):
            if orig not in (r, "(" + r + ")"):
                self.add("RVR", j, e - 1, r, name)

    def swap_args(self, o, name):
        e = self.pair.get(o)
        if not e or e == o + 1 or self.toks[o - 1].text in COMMUTATIVE:
            return
        args, a, toks = [], o + 1, self.toks
        j = a
        while j < e:
            if toks[j].text == ",":
                args.append((a, j - 1))
                a = j + 1
            j = self.after(j)
        args.append((a, e - 1))
        for (a1, b1), (a2, b2) in zip(args, args[1:]):
            s1 = self.src[toks[a1].start:toks[b1].end]
            s2 = self.src[toks[a2].start:toks[b2].end]
            if fold(s1) == fold(s2) or toks[a1].kind == "str" or toks[a2].kind == "str":
                continue
            between = self.src[toks[b1].end:toks[a2].start]
            self.add("ARG", a1, b2, s2 + between + s1, name, "%s(%s, %s)" % (
                toks[o - 1].text, fold(s1), fold(s2)))


def mutants_of(path, relpath=None, ops=OPERATORS):
    with open(path) as f:
        src = f.read()
    return src, Generator(path, src, relpath).generate(ops)


def apply(src, m):
    return src[:m.start] + m.repl + src[m.end:]


def unified(src, m):
    new = apply(src, m)
    return "".join(difflib.unified_diff(src.splitlines(True), new.splitlines(True),
                                        "a/" + m.file, "b/" + m.file, n=2))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ops", default=",".join(OPERATORS))
    ap.add_argument("--apply", metavar="KEY")
    ap.add_argument("--diff", metavar="KEY")
    ap.add_argument("--rel", help="the file name used in keys (default: as given)")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    ops = args.ops.split(",")
    for path in args.files:
        src, ms = mutants_of(path, args.rel or path, ops)
        want = args.apply or args.diff
        if want:
            m = next((m for m in ms if m.key == want), None)
            if m:
                sys.stdout.write(apply(src, m) if args.apply else unified(src, m))
                return 0
            continue
        for m in ms:
            print("%s\t%s\t%s" % (m.key, m.func, m.detail))
    if args.apply or args.diff:
        sys.stderr.write("mutagen: no mutant %s\n" % (args.apply or args.diff))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
