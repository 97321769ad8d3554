"""Plain result records shared by the engine, the numerics, the output layer and the papers.

The records hold sympy objects, except :class:`DerivationResult`, which holds
the expansion it wraps and reads its mixing matrix, masses and split by order
through the expansion's read interface (``to_sympy``, ``by_order``): the
engine's expansion object or a :class:`StoredExpansion`. Nothing here imports
the series algebra, so printing, JSON export and lambdification never need to
know about it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import sympy as sp

Verdict = Literal["agrees", "differs", "ambiguous"]
#: The three verdicts: ``agrees`` (the print is right to the order it claims),
#: ``differs`` (the print is wrong at or below that order), ``ambiguous``
#: (readings of the print disagree and the print does not decide).
VERDICTS: tuple[str, ...] = ("agrees", "differs", "ambiguous")

#: Names of the two supported Majorana conventions.
#: ``"UT_M_U"``: ``U^T M U = diag(m_i)``;
#: ``"Udag_M_Ustar"``: ``U^dagger M U^* = diag(m_i)`` (seed 001, below Eq. 21).
CONVENTIONS = ("UT_M_U", "Udag_M_Ustar")


@dataclass
class Comparison:
    """Verdict on one printed entry against the engine's derivation.

    Attributes
    ----------
    equation : str
        Printed equation label, e.g. ``"24"`` or ``"A-16"``.
    entry : list[int]
        1-based ``[row, column]`` of a printed matrix, or ``[k]`` for the k-th
        printed formula of the equation.
    printed, derived : sympy.Expr
        The transcription (as printed) and the engine's result, both written in
        the derivation's symbols and truncated to ``order``.
    verdict : {"agrees", "differs", "ambiguous"}
    lowest_differing_order : dict or None
        Exponents (small parameter name -> power) of the lowest-order monomial
        in which printed and derived differ, or ``None`` when they agree.
    difference : sympy.Expr
        ``printed - derived`` within the compared order (zero when they agree).
    reading : str or None
        Which reading of a garbled transcription (or which case of a general
        claim) was compared.  When an entry is judged under several readings,
        exactly one of its rows has ``reading=None``: the *summary row*
        carrying the verdict the evidence supports (see :meth:`is_summary`).
    note : str
        Human-readable explanation (cause of a difference, ambiguity, ...).
    claimed_order : dict or None
        The order the print claims: small parameter name -> highest exponent
        claimed, plus optionally ``"total"`` (highest total degree).  ``None``
        when the claim is not a truncated series (numbers, exact identities
        judged at the order derived).  A ``differs`` verdict whose
        ``lowest_differing_order`` lies beyond this order is rejected: what the
        engine derives beyond the printed order is an extension, never an
        erratum.

    Raises
    ------
    ValueError
        On an unknown verdict, or a ``differs`` verdict beyond ``claimed_order``.
    """

    equation: str
    entry: list[int]
    printed: sp.Expr
    derived: sp.Expr
    verdict: Verdict
    lowest_differing_order: dict[str, int] | None = None
    difference: sp.Expr = sp.S.Zero
    reading: str | None = None
    note: str = ""
    claimed_order: dict[str, int] | None = None

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"Eq. ({self.equation}) {self.entry}: unknown verdict "
                             f"{self.verdict!r}; use one of {', '.join(VERDICTS)}")
        beyond = self.beyond_claimed_order()
        if self.verdict == "differs" and beyond:
            raise ValueError(
                f"Eq. ({self.equation}) {self.entry}: 'differs' at {self.lowest_differing_order}, "
                f"beyond the claimed order {self.claimed_order} ({beyond}); report a difference "
                "beyond the printed order as an extension of an 'agrees' verdict, "
                "not as an erratum")

    def beyond_claimed_order(self) -> str:
        """Why ``lowest_differing_order`` lies beyond ``claimed_order`` ("" if it does not)."""
        low, claimed = self.lowest_differing_order, self.claimed_order
        if not low or not claimed:
            return ""
        for name, power in low.items():
            if name in claimed and power > claimed[name]:
                return f"{name}^{power} > {name}^{claimed[name]}"
        if "total" in claimed and sum(low.values()) > claimed["total"]:
            return f"total degree {sum(low.values())} > {claimed['total']}"
        return ""

    @property
    def is_summary(self) -> bool:
        """True for a row without a reading (a summary row, or an entry's only row)."""
        return self.reading is None

    def to_sympy(self) -> tuple[sp.Expr, sp.Expr]:
        """``(printed, derived)`` as sympy expressions."""
        return self.printed, self.derived

    def latex(self, latex_names: Mapping[sp.Symbol, str] | None = None) -> str:
        """LaTeX ``aligned`` block: printed and derived formula, verdict as a tag line."""
        names = dict(latex_names or {})
        entry = ",".join(str(i) for i in self.entry)
        head = f"\\text{{Eq. {_tex_text(self.equation)} ({entry}): {self.verdict}}}"
        rows = [
            f"{head} \\\\",
            f"\\text{{printed}} &= {sp.latex(self.printed, symbol_names=names)} \\\\",
            f"\\text{{derived}} &= {sp.latex(self.derived, symbol_names=names)}",
        ]
        return "\\begin{aligned}" + "\n".join(rows) + "\\end{aligned}"

    def _repr_latex_(self) -> str:
        return "$$" + self.latex() + "$$"


def _tex_text(text: object) -> str:
    """Escape text for ``\\text{}``."""
    out = str(text)
    for ch, rep in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("$", r"\$"),
                    ("#", r"\#"), ("_", r"\_"), ("{", r"\{"), ("}", r"\}")):
        out = out.replace(ch, rep)
    return out


@dataclass
class SlopeMeasurement:
    """One fitted convergence slope of an order proof.

    Attributes
    ----------
    quantity : str
        ``"mixing"`` or ``"masses"`` (derivations may prefix it).
    predicted : float
        Slope the truncation predicts for the error of the quantity: absolute
        error for the mixing matrix (its orders are absolute), relative error
        for the masses (relative orders).
    measured : float
        Least-squares slope of ``log(residual)`` against ``log(t)`` over the
        points above the precision floor, plus ``leading_power`` for an entry
        of the mixing matrix (so it compares with ``predicted``).  ``inf`` only for an entry whose
        residual stays below a floor that was checked, before the scan, to
        resolve an error one order below the prediction (``status ==
        "below floor"``); a whole quantity is never passed that way.
    residuals : list[float]
        Residual at every scan point: relative to the entry's own leading
        magnitude ``|c| t**leading_power`` (absolute for an entry predicted
        to vanish).
    t_values : list[float]
    entry : str
        The entry judged, e.g. ``"U[2,3]"``, ``"m_1"``, ``"P{4,5}[1,2]"``
        (projector onto a quasi-degenerate group) or ``"group {4,5} mass 1"``
        (1-based); empty for a measurement that is not per entry.
    leading_power : float or None
        Power of ``t`` of the entry's leading term along the scan ray.
    floors : list[float]
        Precision floor of ``residuals`` at every scan point.
    status : str
        ``"measured"``, ``"below floor"`` (see ``measured``) or ``"zero mode"``
        (a predicted zero confirmed at every point).
    """

    quantity: str
    predicted: float
    measured: float
    residuals: list[float]
    t_values: list[float]
    entry: str = ""
    leading_power: float | None = None
    floors: list[float] = field(default_factory=list)
    status: str = "measured"

    @property
    def passed(self) -> bool:
        """True when the measured slope reaches the predicted one (0.25 slack)."""
        return self.measured >= self.predicted - 0.25

    @property
    def label(self) -> str:
        """``quantity`` and, when known, the entry: ``"mixing U[2,3]"``."""
        return f"{self.quantity} {self.entry}" if self.entry else self.quantity


@dataclass
class ProofReport:
    """Numeric order proof: residuals against exact mpmath diagonalization.

    Attributes
    ----------
    direction : dict[str, float]
        Point ``p(t) = base + t * direction`` scanned as ``t -> 0`` (small
        parameters scale with ``t``; other symbols are held at ``base``).
    dps : int
        mpmath working precision (decimal digits).
    slopes : list[SlopeMeasurement]
        One per quantity: its worst entry (smallest ``measured - predicted``).
    entries : list[SlopeMeasurement]
        Every entry judged (empty for reports not built per entry).
    notes : list[str]
        Remarks of the proof (e.g. entries below the precision floor).
    """

    direction: dict[str, float]
    base_point: dict[str, float]
    dps: int
    slopes: list[SlopeMeasurement] = field(default_factory=list)
    entries: list[SlopeMeasurement] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when every quantity and every entry reaches its predicted slope."""
        return (bool(self.slopes) and all(s.passed for s in self.slopes)
                and all(e.passed for e in self.entries))

    @property
    def failed_entries(self) -> list[SlopeMeasurement]:
        """Entries whose measured slope falls short of the prediction."""
        return [e for e in self.entries if not e.passed]


@dataclass
class StoredExpansion:
    """The read interface of an expansion object, held as stored sympy (no series).

    A :class:`DerivationResult` reads its mixing matrix, masses and split by
    order from the expansion it wraps. Usually that is the engine's own
    :class:`symseesaw.expansion.Expansion` (series kept, sympy built lazily
    and cached); a result that has no series -- read back from JSON, an exact
    kernel basis, a numerical rebuild, a block of a paper's own algebra --
    holds this record instead. It answers the same questions from what was
    stored, and nothing more: :meth:`by_order` returns the split that was
    stored (empty when none was), and it has no ``by_monomial``.

    Attributes
    ----------
    mixing : sympy.Matrix
        ``U`` (or what stands for it; see the result's notes).
    masses : list[sympy.Expr]
        In the order of the columns of ``mixing``.
    mixing_by_order : dict[int, sympy.Matrix]
        ``mixing`` split by total order in the small parameters; empty when the
        result was stored without a split.
    """

    mixing: sp.Matrix
    masses: list[sp.Expr]
    mixing_by_order: dict[int, sp.Matrix] = field(default_factory=dict)

    @property
    def quantities(self) -> list[str]:
        """Names of the stored quantities (as :meth:`to_sympy` reads them)."""
        return ["mixing", "masses"]

    def to_sympy(self, name: str) -> Any:
        """Quantity ``name``: ``"mixing"`` (Matrix) or ``"masses"`` (list)."""
        if name == "mixing":
            return self.mixing
        if name == "masses":
            return self.masses
        raise KeyError(f"unknown quantity {name!r}; this stored expansion holds "
                       f"{', '.join(self.quantities)}")

    def by_order(self, name: str) -> dict[int, Any]:
        """The stored split by order of ``"mixing"`` (empty when none was stored)."""
        if name != "mixing":
            raise KeyError(f"no split by order of {name!r} is stored; only of 'mixing'")
        return self.mixing_by_order


@dataclass
class DerivationResult:
    """Everything one derivation produces: the expansion, and the paper's verdicts on it.

    The record holds the expansion once (:attr:`expansion`); the mixing
    matrix, the masses and the split by order are read from it (the engine's
    lazily built, cached sympy), never copied. To record other values, wrap
    them in a :class:`StoredExpansion`.

    Attributes
    ----------
    name : str
        Registry name, e.g. ``"seed001-no"``.
    equations : list[str]
        Printed equations the derivation reproduces.
    symbols : list[sympy.Symbol]
        Every symbol occurring in the results (small parameters included).
    small : dict[sympy.Symbol, int]
        Small parameter -> maximum (relative) order kept.
    convention : str
        One of :data:`CONVENTIONS`: the convention the record states its
        mixing matrix in.
    mass_matrix : sympy.Matrix
        The input matrix written in ``symbols``.
    expansion : Expansion or StoredExpansion
        The one object holding the derived quantities: the engine's
        :class:`symseesaw.expansion.SeesawExpansion`, or a
        :class:`StoredExpansion` for a result without series. Read through
        ``to_sympy("mixing")``, ``to_sympy("masses")`` and ``by_order("mixing")``.
    comparisons : list[Comparison]
    proof : ProofReport or None
    definitions : dict[sympy.Symbol, sympy.Expr]
        Derived symbols (e.g. ``epsilon_1``, ``m_2^(0)``) in terms of the
        paper's model symbols.
    notes : list[str]
    causes : list[str]
        Causes shared by a family of differences (named in audit reports).
    """

    name: str
    equations: list[str]
    symbols: list[sp.Symbol]
    small: dict[sp.Symbol, int]
    convention: str
    mass_matrix: sp.Matrix
    expansion: Any
    comparisons: list[Comparison] = field(default_factory=list)
    proof: ProofReport | None = None
    definitions: dict[sp.Symbol, sp.Expr] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)

    # ------------------------------------------------------------ read from the expansion
    @property
    def mixing_matrix(self) -> sp.Matrix:
        """``U`` in :attr:`convention`; columns ordered like :attr:`masses`."""
        return self.expansion.to_sympy("mixing")

    @property
    def masses(self) -> list[sp.Expr]:
        """The masses, in the order of the columns of :attr:`mixing_matrix`."""
        return self.expansion.to_sympy("masses")

    @property
    def mixing_by_order(self) -> dict[int, sp.Matrix]:
        """``U = sum(mixing_by_order.values())`` split by total order in the small parameters.

        As papers print ``U = U_0 + dU^(1) + dU^(2)``; empty for a
        :class:`StoredExpansion` stored without a split.
        """
        return self.expansion.by_order("mixing")

    # ------------------------------------------------------------------ conveniences
    @classmethod
    def from_expansion(
        cls,
        expansion: Any,
        name: str = "custom",
        equations: Sequence[str] = (),
        definitions: Mapping[sp.Symbol, sp.Expr] | None = None,
        notes: Sequence[str] = (),
    ) -> DerivationResult:
        """Wrap an expansion as a result (no comparisons); its symbols are collected.

        Parameters
        ----------
        expansion : SeesawExpansion
            Output of :func:`symseesaw.api.seesaw_expansion`; the record takes
            its ``mass_matrix``, ``small`` and ``convention``.
        name, equations, definitions, notes
            Stored as they are.
        """
        return cls(name=name, equations=list(equations), symbols=expansion.free_symbols(),
                   small=dict(expansion.small), convention=expansion.convention,
                   mass_matrix=sp.Matrix(expansion.mass_matrix), expansion=expansion,
                   definitions=dict(definitions or {}), notes=list(notes))

    def headline_comparisons(self) -> list[Comparison]:
        """One verdict per printed entry: see :func:`headline_comparisons`."""
        return headline_comparisons(self.comparisons)

    def headline_counts(self) -> dict[str, int]:
        """Verdict -> number of printed entries (summary rows only, not every reading)."""
        return headline_counts(self.comparisons)

    def errata(self) -> list[Comparison]:
        """The printed entries that are wrong at or below the order they claim."""
        return [c for c in self.headline_comparisons() if c.verdict == "differs"]

    def to_sympy(self) -> tuple[sp.Matrix, list[sp.Expr]]:
        """``(U, masses)``: the mixing matrix (in ``convention``) and the masses."""
        return sp.Matrix(self.mixing_matrix), list(self.masses)

    def _repr_latex_(self) -> str:
        names: dict[sp.Symbol, str] = {}
        pm: dict[str, Any] = {"mat_str": "pmatrix", "mat_delim": "", "symbol_names": names}
        rows = []
        if self.mixing_by_order:
            parts = []
            for k, term in sorted(self.mixing_by_order.items()):
                label = "U_0" if k == 0 else f"\\delta U^{{({k})}}"
                parts.append(label)
                rows.append(f"{label} &= {sp.latex(sp.Matrix(term), **pm)}")
            rows.insert(0, "U &= " + " + ".join(parts))
        else:
            rows.append(f"U &= {sp.latex(sp.Matrix(self.mixing_matrix), **pm)}")
        rows += [f"m_{{{i}}} &= {sp.latex(m, symbol_names=names)}"
                 for i, m in enumerate(self.masses, 1)]
        return "$$\\begin{aligned}" + " \\\\\n".join(rows) + "\\end{aligned}$$"


def headline_comparisons(comparisons: Sequence[Comparison], *,
                         strict: bool = True) -> list[Comparison]:
    """One verdict per printed entry ``(equation, entry)``, in order of appearance.

    An entry judged once is its own headline; an entry judged under several
    readings is represented by its summary row (``reading=None``).

    Parameters
    ----------
    comparisons : sequence of Comparison
    strict : bool
        If False, an entry with several rows but no summary row (e.g. a claim
        checked twice) keeps every row instead of raising.

    Raises
    ------
    ValueError
        ``strict`` and an entry has several readings but not exactly one
        summary row.
    """
    groups: dict[tuple[str, tuple[int, ...]], list[Comparison]] = {}
    for c in comparisons:
        groups.setdefault((str(c.equation), tuple(c.entry)), []).append(c)
    out = []
    for (equation, entry), rows in groups.items():
        if len(rows) == 1:
            out.append(rows[0])
            continue
        summary = [c for c in rows if c.reading is None]
        if len(summary) != 1 and not strict:
            out.extend(rows)
            continue
        if len(summary) != 1:
            raise ValueError(f"Eq. ({equation}) {list(entry)} is judged under {len(rows)} "
                             f"readings with {len(summary)} summary rows (reading None); "
                             "give it exactly one summary row")
        out.append(summary[0])
    return out


def headline_counts(comparisons: Sequence[Comparison], *,
                    strict: bool = True) -> dict[str, int]:
    """Verdict -> number of printed entries (:func:`headline_comparisons`)."""
    heads = headline_comparisons(comparisons, strict=strict)
    return {v: sum(1 for c in heads if c.verdict == v) for v in VERDICTS}
