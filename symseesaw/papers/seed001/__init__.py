"""Seed 001: Barry, Rodejohann, Zhang, A4 x U(1)_FN seesaw with keV/eV sterile neutrinos."""
