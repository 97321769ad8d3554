"""Registry of paper reproductions, discovered as plug-ins.

A reproduction is a module with ``NAME``, ``EQUATIONS``, ``SUMMARY``,
``derive(orders=None)`` and ``prove(result, dps=50)``. It registers itself
through the ``symseesaw.derivations`` entry-point group (see
``pyproject.toml``), so the library never imports a paper: the built-in
reproductions live in :mod:`symseesaw.papers` and third-party packages can add
their own the same way.
"""

from __future__ import annotations

from types import ModuleType

ENTRY_POINT_GROUP = "symseesaw.derivations"

_REQUIRED = ("NAME", "EQUATIONS", "SUMMARY", "derive", "prove")
_loaded: dict[str, ModuleType] | None = None


def entry_points(group: str) -> list:
    """The entry points of ``group`` (:func:`importlib.metadata.entry_points`).

    Lazy import: importlib.metadata (with email, csv, zipfile) is loaded on the first
    registry look-up, not by ``import symseesaw`` (issue 11).
    """
    from importlib.metadata import entry_points as installed_entry_points

    return list(installed_entry_points(group=group))


class RegistryError(LookupError):
    """A derivation is unknown or its plug-in is broken."""


def load_registry() -> dict[str, ModuleType]:
    """Every registered derivation, by name, in registration order.

    Returns
    -------
    dict[str, ModuleType]

    Raises
    ------
    RegistryError
        A plug-in cannot be imported, lacks a required attribute, or its
        ``NAME`` differs from the name it is registered under.
    """
    global _loaded
    if _loaded is None:
        found: dict[str, ModuleType] = {}
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            try:
                module = ep.load()
            except Exception as exc:  # a broken plug-in must not hide the others' names
                raise RegistryError(f"derivation {ep.name!r} ({ep.value}) fails to import: "
                                    f"{exc}") from exc
            missing = [a for a in _REQUIRED if not hasattr(module, a)]
            if missing or module.NAME != ep.name:
                raise RegistryError(f"derivation {ep.name!r} ({ep.value}) is not a valid plug-in"
                                    f" (missing {missing}, NAME={getattr(module, 'NAME', None)!r})")
            found[ep.name] = module
        _loaded = found
    return _loaded


def get_derivation(name: str) -> ModuleType:
    """The derivation module registered as ``name``.

    Raises
    ------
    RegistryError
        ``name`` is not registered (the message lists the known names).
    """
    registry = load_registry()
    if name not in registry:
        known = ", ".join(registry) or "none"
        raise RegistryError(f"unknown derivation {name!r} (known: {known}; see 'symseesaw list')")
    return registry[name]
