"""Seed 000: mirror asymmetric dark matter model with a 3+1 neutrino spectrum."""
