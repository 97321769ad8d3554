"""An independent re-checker of derivation JSON (sympy + mpmath; never imports symseesaw)."""
