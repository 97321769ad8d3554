"""Seed 001: Barry, Rodejohann, Zhang, A4 x U(1)_FN seesaw with keV/eV sterile neutrinos."""

#: The seed text (under ../shared/seeds/) and its citation, for audit reports.
SOURCE = {
    "file": "001_6200b3fc7d1f06f2.txt",
    "citation": "J. Barry, W. Rodejohann, H. Zhang, Sterile neutrinos for warm dark matter "
                "and the reactor anomaly in flavor symmetry models",
}
