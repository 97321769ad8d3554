"""Re-check symseesaw derivation JSON files WITHOUT symseesaw (sympy + mpmath only).

Usage: ``python recheck.py FILE.json [FILE.json ...]`` prints one JSON report per
line: ``{"file", "ok", "problems", "slopes"}``.

What is checked, from the document alone:

1. *Self-contained*: every symbol of ``masses`` and ``mixing_matrix`` is a free
   symbol of ``mass_matrix`` or is defined in ``definitions`` by an expression
   in free symbols of ``mass_matrix`` (definitions may chain); every symbol of
   the ``symbols`` table says whether it is complex, consistently with its
   assumptions.
2. *Masses*: ``mass_matrix`` is evaluated at a point, its exact Takagi values
   (= singular values) computed with mpmath, and compared with ``|masses|``
   evaluated at the same point.  Without small parameters they must agree to
   working precision; with small parameters (all scaled by ``t``) the relative
   residual must fall at least like ``t^(min order + 1)`` (the truncation error
   of ``"small"``), measured between ``t0/2`` and ``t0/4``.

This file is test code: JSON strings are parsed with ``sympy.sympify`` and the
symbol table; it never imports symseesaw (asserted at the end of a run).
"""

from __future__ import annotations

import json
import math
import random
import sys

import mpmath
import sympy

DPS = 60
SLACK = 0.5


def _symbols(doc):
    table = {}
    for ident, spec in doc["symbols"].items():
        given = {k: v for k, v in spec.get("assumptions", {}).items() if v is not None}
        table[ident] = sympy.Symbol(ident, **given)
    return table


def _parse(text, table):
    return sympy.sympify(text, locals=dict(table))


def _matrix(rows, table):
    return sympy.Matrix([[_parse(x, table) for x in row] for row in rows])


def _resolve(definitions, free):
    """Defined symbol -> expression in ``free`` (chains resolved); problems."""
    problems, resolved = [], {}
    pending = {s: e for s, e in definitions.items() if s not in free}
    for _ in range(len(pending) + 1):
        progress = False
        for sym, expr in list(pending.items()):
            expr = expr.xreplace(resolved)
            if expr.free_symbols <= free:
                resolved[sym] = expr
                del pending[sym]
                progress = True
        if not progress:
            break
    for sym, expr in pending.items():
        missing = sorted(str(s) for s in expr.free_symbols - free - set(resolved))
        problems.append(f"definition of {sym} uses {missing}, not free symbols of mass_matrix")
    return resolved, problems


def _point(free, small, table_complex, rng):
    """Exact rational values (sympy would carry a float's 15 digits through N())."""
    base = {}
    for sym in sorted(free, key=str):
        if sym in small:
            continue
        value = sympy.Rational(rng.randint(60, 160), 100)
        if table_complex.get(sym) and not sym.is_real:
            value += sympy.I * sympy.Rational(rng.randint(-50, 50), 100)
        base[sym] = value
    direction = {sym: sympy.Rational(rng.randint(50, 100), 100) for sym in sorted(small, key=str)}
    return base, direction


def _num(expr):
    value = sympy.N(expr, DPS)
    re, im = value.as_real_imag()
    return mpmath.mpc(mpmath.mpf(str(sympy.Float(re, DPS))), mpmath.mpf(str(sympy.Float(im, DPS))))


def _residuals(M, masses, values):
    """Relative residual of each ``|mass|`` against the nearest unused exact Takagi value.

    ``None`` marks a mass equal to its exact value to working precision.
    """
    n = M.rows
    Mn = mpmath.matrix(n, n)
    for i in range(n):
        for j in range(n):
            Mn[i, j] = _num(M[i, j].xreplace(values))
    exact = list(mpmath.svd_c(Mn, compute_uv=False))
    noise = max(exact) * mpmath.mpf(10) ** (-(DPS - 15))
    out = []
    for m in masses:
        s = abs(_num(m.xreplace(values)))
        k = min(range(len(exact)), key=lambda i: abs(exact[i] - s))
        e = exact.pop(k)
        out.append(None if abs(s - e) <= noise else abs(s - e) / max(e, noise))
    return out


def recheck(path, seed=1):
    doc = json.load(open(path, encoding="utf-8"))
    problems = []
    table = _symbols(doc)
    complex_flag = {}
    for ident, spec in doc["symbols"].items():
        if "complex" not in spec:
            problems.append(f"symbol {ident} does not say whether it is complex")
            continue
        complex_flag[table[ident]] = bool(spec["complex"])
        if spec["complex"] and spec["assumptions"].get("real"):
            problems.append(f"symbol {ident} is marked complex but assumed real")
    M = _matrix(doc["mass_matrix"], table)
    free = set(M.free_symbols)
    # a matrix-valued definition is a list of rows of strings, like mass_matrix
    definitions = {table[k] if k in table else sympy.Symbol(k):
                   _matrix(v, table) if isinstance(v, list) else _parse(v, table)
                   for k, v in doc.get("definitions", {}).items()}
    resolved, def_problems = _resolve(definitions, free)
    problems += def_problems
    masses = [_parse(m, table) for m in doc["masses"]]
    U = _matrix(doc["mixing_matrix"], table)
    used = set(U.free_symbols).union(*(m.free_symbols for m in masses))
    for sym in sorted(used - free - set(resolved), key=str):
        problems.append(f"symbol {sym} of the results is neither a free symbol of mass_matrix "
                        "nor defined in 'definitions'")
    if problems:
        return {"file": str(path), "ok": False, "problems": problems, "slopes": []}
    masses = [m.xreplace(resolved) for m in masses]
    small = {table[k]: int(v) for k, v in doc.get("small", {}).items() if table.get(k) in free}
    rng = random.Random(seed)
    base, direction = _point(free, small, complex_flag, rng)
    slopes = []
    with mpmath.workdps(DPS):
        if not small:
            res = [r for r in _residuals(M, masses, base) if r is not None]
            if res:
                problems.append(f"masses differ from the exact Takagi values by "
                                f"{float(max(res)):.3g} (relative)")
            return {"file": str(path), "ok": not problems, "problems": problems, "slopes": []}
        predicted = min(small.values()) + 1
        t0 = sympy.Rational(1, 1000)
        scans = []
        for t in (t0 / 2, t0 / 4):
            values = dict(base)
            values.update({s: t * d for s, d in direction.items()})
            scans.append(_residuals(M, masses, values))
        for k, (r1, r2) in enumerate(zip(*scans)):
            if r2 is None:
                slopes.append(math.inf)
                continue
            if r1 is None:
                problems.append(f"mass {k + 1}: exact at t0/2 but not at t0/4")
                continue
            slope = float(mpmath.log(r1 / r2) / mpmath.log(2))
            slopes.append(slope)
            if slope < predicted - SLACK:
                problems.append(f"mass {k + 1}: relative residual falls like t^{slope:.2f}, "
                                f"the truncation predicts t^{predicted}")
    return {"file": str(path), "ok": not problems, "problems": problems, "slopes": slopes}


def main(paths):
    reports = [recheck(p) for p in paths]
    for report in reports:
        print(json.dumps(report))
    imported = sorted(m for m in sys.modules if m.split(".")[0] == "symseesaw")
    print(json.dumps({"symseesaw_imported": imported}))
    return 0 if all(r["ok"] for r in reports) and not imported else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
