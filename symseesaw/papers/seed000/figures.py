"""Figures: ``<m_ee>`` against the lightest neutrino mass (seed 000, Fig. 3).

Usage::

    python -m symseesaw.papers.seed000.figures mee --out mee.png [--samples 20000] [--seed 0]

The three-neutrino band (``theta14 = 0``) and the 3+1 band are sampled
randomly (fixed seed) with every oscillation parameter uniform in its printed
3 sigma range of Tables I and II of seed 000 (``symseesaw/papers/seed000/data/
seed000_tables.json``), the lightest mass log-uniform in ``[1e-4, 0.3]`` eV
and the three phases of the first row uniform in ``[0, 2 pi)``.  Unlike the
paper (which takes the correlated ``dm2_41``-``theta14`` region of its Ref. [6],
Fig. 1), ``dm2_41`` and ``theta14`` are sampled independently over the box of
Table II.

Masses: NH ``m1 = m0``, ``m2^2 = m0^2 + dm2_21``, ``m3^2 = m0^2 + |dm2_31|``;
IH ``m3 = m0``, ``m1^2 = m0^2 + |dm2_31|``, ``m2^2 = m1^2 + dm2_21``; both
``m4^2 = m1^2 + dm2_41``.  ``<m_ee>`` from :func:`symseesaw.papers.seed000.model.mee_3p1`.

matplotlib is an optional dependency, imported only when a figure is drawn.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from importlib import resources

import numpy as np

from symseesaw.cli._common import EXIT_TOOL
from symseesaw.papers.seed000.model import mee_3p1

__all__ = ["load_ranges", "sample_mee", "plot_mee", "main"]

#: Lightest-mass range of the scan (eV).
M0_RANGE = (1e-4, 0.3)


def load_ranges() -> dict[str, dict[str, tuple[float, float]]]:
    """3 sigma ranges per ordering from the shipped Tables I, II (eV^2, radians)."""
    text = resources.files("symseesaw.papers.seed000.data").joinpath("seed000_tables.json").read_text("utf-8")
    tables = json.loads(text)
    scale = {"dm2_21": 1e-5, "abs_dm2_31": 1e-3, "dm2_41": 1.0}
    out: dict[str, dict[str, tuple[float, float]]] = {"NH": {}, "IH": {}}
    for table in ("table_I", "table_II"):
        for row in tables[table]["rows"]:
            lo, hi = row["range_3sigma"]
            factor = scale.get(row["parameter"], np.pi / 180)
            for hier in row["hierarchy"].split("/"):
                out[hier][row["parameter"]] = (lo * factor, hi * factor)
    return out


def sample_mee(ordering: str, n: int = 20000, seed: int = 0, *,
               sterile: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Random ``(m_lightest, <m_ee>)`` samples over the 3 sigma ranges.

    Parameters
    ----------
    ordering : {"NH", "IH"}
    n : int
        Number of samples.
    seed : int
        Seed of ``numpy.random.default_rng`` (reproducible figures).
    sterile : bool
        3+1 (``True``) or the three-neutrino band (``theta14 = 0``).

    Returns
    -------
    m_lightest, mee : ndarray
    """
    if ordering not in ("NH", "IH"):
        raise ValueError(f"ordering must be 'NH' or 'IH', got {ordering!r}")
    r = load_ranges()[ordering]
    rng = np.random.default_rng(seed)

    def uni(key: str) -> np.ndarray:
        return rng.uniform(*r[key], size=n)

    m0 = np.exp(rng.uniform(np.log(M0_RANGE[0]), np.log(M0_RANGE[1]), size=n))
    d21, d31, d41 = uni("dm2_21"), uni("abs_dm2_31"), uni("dm2_41")
    t12, t13 = uni("theta12"), uni("theta13")
    t14 = uni("theta14") if sterile else np.zeros(n)
    phases = rng.uniform(0, 2 * np.pi, size=(n, 3))
    if ordering == "NH":
        m1, m2, m3 = m0, np.sqrt(m0**2 + d21), np.sqrt(m0**2 + d31)
    else:
        m3 = m0
        m1 = np.sqrt(m0**2 + d31)
        m2 = np.sqrt(m1**2 + d21)
    m4 = np.sqrt(m1**2 + d41)
    masses = np.stack([m1, m2, m3, m4], axis=-1)
    return m0, mee_3p1(masses, t12, t13, t14, phases)


#: Exit code of a missing external tool or optional dependency (the CLI's table).
EXIT_MISSING_TOOL = EXIT_TOOL


class MissingPlotDependency(RuntimeError):
    """matplotlib, the optional ``plot`` extra, is not installed."""


def _pyplot():  # noqa: ANN202 - returns the pyplot module
    try:
        import matplotlib
    except ImportError as exc:
        raise MissingPlotDependency(
            "symseesaw.papers.seed000.figures needs matplotlib, an optional dependency: "
            'pip install "symseesaw[plot]" (from a checkout: pip install ".[plot]")') from exc
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_mee(out: str, n: int = 20000, seed: int = 0) -> None:
    """Draw ``<m_ee>`` vs the lightest mass, NH and IH panels, 3nu vs 3+1 bands."""
    plt = _pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharey=True)
    for ax, hier in zip(axes, ("NH", "IH"), strict=True):
        for sterile, color, label in ((True, "tab:red", "3+1"), (False, "0.3", "3 nu")):
            x, y = sample_mee(hier, n, seed + (0 if sterile else 1), sterile=sterile)
            ax.scatter(x, y, s=1, color=color, alpha=0.3, rasterized=True, label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(*M0_RANGE)
        ax.set_ylim(1e-4, 1)
        ax.set_xlabel(r"$m_{\rm lightest}$ [eV]")
        ax.set_title(f"{hier}: " + ("$m_1$ lightest" if hier == "NH" else "$m_3$ lightest"))
        ax.legend(loc="upper left", markerscale=8)
    axes[0].set_ylabel(r"$\langle m_{ee}\rangle$ [eV]")
    fig.suptitle("seed 000 Fig. 3 style: 3 sigma ranges of Tables I, II; phases in [0, 2pi)")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point: ``python -m symseesaw.papers.seed000.figures mee --out FILE.png``."""
    parser = argparse.ArgumentParser(prog="python -m symseesaw.papers.seed000.figures",
                                     description="Figures of the seed papers.")
    sub = parser.add_subparsers(dest="figure", required=True)
    p = sub.add_parser("mee", help="<m_ee> vs the lightest mass (seed 000, Fig. 3)")
    p.add_argument("--out", required=True, help="output file (.png, .pdf, ...)")
    p.add_argument("--samples", type=int, default=20000, help="samples per band (20000)")
    p.add_argument("--seed", type=int, default=0, help="random seed (0)")
    args = parser.parse_args(argv)
    try:
        plot_mee(args.out, args.samples, args.seed)
    except MissingPlotDependency as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_MISSING_TOOL
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
