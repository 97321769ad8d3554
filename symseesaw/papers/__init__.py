"""Reproductions of the seed papers: plug-ins on the public API.

Each module registered under the ``symseesaw.derivations`` entry-point group
(``pyproject.toml``) defines ``NAME``, ``EQUATIONS``, ``SUMMARY``,
``derive(orders=None)`` and ``prove(result, dps=50)``. The library never
imports this package; :mod:`symseesaw.registry` finds its modules.
"""
