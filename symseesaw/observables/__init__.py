"""Observables: mixing angles and phases (PDG parametrization), |U|^2, Delta m^2, <m_ee>, J."""

from symseesaw.observables.effective import (
    DEFAULT_SCALE_EV,
    abs2,
    delta_m2,
    ee_amplitude,
    effective_majorana_mass,
    jarlskog,
    mixing_strengths,
    truncate,
)
from symseesaw.observables.mixing import (
    MixingParameters,
    default_order,
    dirac_phase_pairs,
    extract_parameters,
    mixing_matrix,
    rotation,
    sin2_angles,
)

__all__ = [
    "DEFAULT_SCALE_EV",
    "MixingParameters",
    "abs2",
    "default_order",
    "delta_m2",
    "dirac_phase_pairs",
    "ee_amplitude",
    "effective_majorana_mass",
    "extract_parameters",
    "jarlskog",
    "mixing_matrix",
    "mixing_strengths",
    "rotation",
    "sin2_angles",
    "truncate",
]
