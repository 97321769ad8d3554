"""What a command works on: a registered derivation (NAME) or a model file (--model FILE)."""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from symseesaw.cli._common import (
    MAX_INPUT_BYTES,
    Progress,
    UsageError,
    check_input_file,
    check_output,
    load_registry,
    lookup,
    one_line,
    parse_orders,
    write_files,
)


@dataclass
class Target:
    """A registered derivation or a model file, with the ``--order`` override.

    It also carries what every command does around it: the status display
    (``progress``) and the ``--force`` rule for the files it writes.
    """

    name: str
    module: ModuleType | None = None
    spec: Any = None  # symseesaw.modelfile.ModelSpec
    orders: dict[str, int] | None = None
    #: Prefix of the status lines, e.g. ``"[seed001-no]"`` or ``"[2/8] seed001-io:"``.
    label: str = ""
    progress: Progress = field(default_factory=Progress)
    force: bool = False

    def __post_init__(self) -> None:
        self.label = self.label or f"[{self.name}]"

    @property
    def inputs(self) -> list[str]:
        """Files the command reads (never overwritten without --force)."""
        return [str(self.spec.path)] if self.spec is not None and self.spec.path else []

    @property
    def source(self) -> Any:
        return getattr(self.module, "SOURCE", None)

    def output(self, path: str | os.PathLike[str] | None, what: str,
               suffix: str | None = None) -> Path | None:
        """``path`` checked as an output file before any work (None when not asked for)."""
        if not path:
            return None
        return check_output(path, what, force=self.force, inputs=self.inputs, suffix=suffix)

    def write(self, paths_to_text: Mapping[Path, str | bytes]) -> None:
        """Write the files together (all or none), never over this target's inputs."""
        write_files(paths_to_text, self.progress, force=self.force, inputs=self.inputs)

    def derive(self) -> Any:
        """The :class:`~symseesaw.result.DerivationResult` (bad orders are usage errors)."""
        with self.progress.step(f"{self.label} deriving"):
            if self.spec is not None:
                from symseesaw.modelfile import ModelFileError, derive_model

                try:
                    return derive_model(self.spec, self.orders)
                except ModelFileError as exc:
                    raise UsageError(str(exc)) from exc
                except (ValueError, NotImplementedError) as exc:
                    raise UsageError(f"{self.name}: {one_line(exc)}") from exc
            assert self.module is not None
            if self.orders is None:
                return self.module.derive()
            try:
                return self.module.derive(orders=self.orders)
            except (ValueError, KeyError) as exc:
                raise UsageError(f"derivation {self.name!r} rejected --order {self.orders}: "
                                 f"{one_line(exc)}") from exc

    def prove(self, result: Any, dps: int | None) -> Any:
        """Run the proof and return its report (:func:`with_proof` attaches it)."""
        label = f"{self.label} proving" + (f" (dps={dps})" if dps else "")
        with self.progress.step(label):
            if self.spec is not None:
                from symseesaw.modelfile import prove_model

                try:
                    return prove_model(self.spec, result, dps=dps or 50)
                except (ValueError, ArithmeticError) as exc:
                    raise UsageError(f"{self.name}: the proof cannot run: {one_line(exc)}"
                                     ) from exc
            assert self.module is not None
            try:
                return _prove_module(self.module, self.name, result, dps, self.progress)
            except _precision_error() as exc:
                raise UsageError(f"{self.name}: {one_line(exc)} (raise --dps)") from exc

    def latex_names(self, result: Any, items: list[str] | None) -> dict:
        """LaTeX names: the module's ``LATEX_NAMES`` or the model's, then ``--name`` items."""
        from symseesaw.texname import check_latex_name

        names: dict[Any, str] = dict(getattr(self.module, "LATEX_NAMES", None) or {})
        if self.spec is not None:
            names.update(self.spec.latex_names)
        if not items:
            return names
        pool: dict[str, Any] = {}
        for sym in list(getattr(result, "symbols", [])) + list(getattr(result, "small", {})):
            pool.setdefault(str(sym), sym)
        for d in getattr(result, "definitions", {}) or {}:
            pool.setdefault(str(d), d)
        for item in items:
            if "=" not in item:
                raise UsageError(f"malformed --name {item[:40]!r}: expected SYMBOL=LATEX")
            key, tex = item.split("=", 1)
            key = key.strip()
            if key not in pool:
                raise UsageError(f"--name {key[:40]!r}: no such symbol in {self.name} "
                                 f"(symbols: {', '.join(sorted(pool)) or 'none'})")
            try:
                names[pool[key]] = check_latex_name(tex)
            except ValueError as exc:
                raise UsageError(f"--name {key}: {exc}") from exc
        return names


def _precision_error() -> type[Exception]:
    """The numerics' PrecisionError (a precision too low for the hierarchy: exit 2)."""
    try:
        from symseesaw.numerics.takagi import PrecisionError
    except ImportError:  # pragma: no cover - moved elsewhere
        return _NoSuchError
    return PrecisionError


class _NoSuchError(Exception):
    """Never raised: stands in for an exception class that does not exist."""


def _accepts_dps(func: Any) -> bool:
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == "dps" or p.kind is inspect.Parameter.VAR_KEYWORD for p in params)


def _prove_module(module: ModuleType, name: str, result: Any, dps: int | None,
                  progress: Progress) -> Any:
    """Run ``module.prove``; ``dps`` is passed if ``prove`` accepts it."""
    if dps is None:
        return module.prove(result)
    if _accepts_dps(module.prove):
        return module.prove(result, dps=dps)
    import mpmath

    with mpmath.workdps(dps):
        report = module.prove(result)
    if getattr(report, "dps", dps) != dps:
        progress(f"warning: {name}: prove() does not take --dps; it ran at dps={report.dps}")
    return report


def with_proof(result: Any, report: Any) -> Any:
    """A copy of ``result`` carrying ``report``."""
    return dataclasses.replace(result, proof=report)


def load_model_spec(path: str) -> Any:
    """Read a model file (size checked first); mistakes become usage errors."""
    from symseesaw.modelfile import MAX_FILE_BYTES, ModelFileError, load_model

    check_input_file(path, "model file", min(MAX_FILE_BYTES, MAX_INPUT_BYTES))
    try:
        return load_model(path)
    except ModelFileError as exc:
        raise UsageError(str(exc)) from exc


def resolve(args: argparse.Namespace, registry: Mapping[str, ModuleType] | None = None
            ) -> Target:
    """NAME or --model FILE (exactly one), with --order parsed and bounded."""
    progress, force = Progress(args.quiet), getattr(args, "force", False)
    orders = parse_orders(getattr(args, "order", None))
    name = getattr(args, "name", None)
    model = getattr(args, "model", None)
    if name and model:
        raise UsageError("give either a derivation NAME or --model FILE, not both")
    if model:
        spec = load_model_spec(model)
        if orders:
            from symseesaw.modelfile import ModelFileError, with_orders

            try:
                with_orders(spec, orders)
            except ModelFileError as exc:
                raise UsageError(str(exc)) from exc
        return Target(spec.name, spec=spec, orders=orders, progress=progress,
                      force=force)
    if not name:
        raise UsageError("give a derivation NAME (see 'symseesaw list') or --model FILE "
                         "(see docs/model-format.md)")
    registry = registry if registry is not None else load_registry()
    return Target(name, module=lookup(registry, name), orders=orders, progress=progress,
                  force=force)
