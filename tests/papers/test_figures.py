"""The <m_ee> figure command (seed 000 Fig. 3 style); plotting needs the optional matplotlib."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from symseesaw.papers.seed000 import figures


def test_samples_are_reproducible_and_cover_both_bands():
    x1, y1 = figures.sample_mee("NH", 500, seed=3)
    x2, y2 = figures.sample_mee("NH", 500, seed=3)
    assert np.array_equal(y1, y2) and np.all(x1 >= 1e-4) and np.all(x1 <= 0.3)


def test_sterile_state_lifts_the_normal_ordering_band_for_small_lightest_mass():
    x, y3 = figures.sample_mee("NH", 4000, seed=0, sterile=False)
    x4, y4 = figures.sample_mee("NH", 4000, seed=0, sterile=True)
    assert y3[x < 1e-3].max() < 0.006
    assert np.median(y4[x4 < 1e-3]) > 0.02


def test_unknown_ordering_is_refused():
    with pytest.raises(ValueError, match="NH"):
        figures.sample_mee("QD")


def test_mee_command_writes_a_png(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "mee.png"
    assert figures.main(["mee", "--out", str(out), "--samples", "300"]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_missing_matplotlib_exits_with_the_missing_tool_code(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    code = figures.main(["mee", "--out", str(tmp_path / "mee.png"), "--samples", "10"])
    assert code == figures.EXIT_MISSING_TOOL == 4
    assert 'pip install "symseesaw[plot]"' in capsys.readouterr().err
    assert not (tmp_path / "mee.png").exists()
