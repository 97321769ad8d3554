"""Helpers shared by the test files (importable because pytest puts ``tests/`` on the path).

Fixtures live in the ``conftest.py`` files; plain functions, strategies and
constants that tests call or use at collection time (in ``parametrize``) live
here:

- :mod:`testkit.matrices` -- random exact-spectrum matrices for the numerics;
- :mod:`testkit.strategies` -- hypothesis strategies for random textures;
- :mod:`testkit.records` -- fake derivation records (no engine run);
- :mod:`testkit.models` -- model-file texts built from a matrix;
- :mod:`testkit.paper_names` -- the seed-001 symbol table the parsing tests read.
"""
