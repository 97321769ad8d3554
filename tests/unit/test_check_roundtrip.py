"""``check --model`` agrees with what ``derive --model`` prints, and catches a changed term.

The masses a full-mode model derives are written back as claims at the model's
own orders; the checker must count relative orders exactly as the engine keeps
them (a leading part of several terms counts from each term).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from symseesaw import derive_model
from symseesaw.cli import main
from symseesaw.modelfile import load_model

MODELS = Path(__file__).resolve().parents[2] / "docs" / "models"
FULL_MODELS = ["toy-2x2.toml", "type1plus2.toml", "inverse-seesaw-1gen.toml"]


def _claim(tmp_path: Path, spec, k: int, formula: sp.Expr) -> Path:
    order = ", ".join(f"{s}={o}" for s, o in spec.small.items())
    path = tmp_path / f"m{k}.txt"
    path.write_text(f"syntax: sympy\nquantity: m[{k}]\norder: {order}\n{sp.sstr(formula)}\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("model", FULL_MODELS)
def test_every_derived_mass_checks_as_agreeing_and_a_changed_term_as_differing(model, tmp_path):
    spec = load_model(MODELS / model)
    result = derive_model(spec)
    for k, mass in enumerate(result.masses, start=1):
        right = _claim(tmp_path, spec, k, mass)
        assert main(["check", str(right), "--model", str(MODELS / model), "-q"]) == 0
        last_term = sp.Add.make_args(sp.expand(mass))[-1]
        wrong = _claim(tmp_path, spec, k, sp.expand(mass + last_term))
        assert main(["check", str(wrong), "--model", str(MODELS / model), "-q"]) == 1
