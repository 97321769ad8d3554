"""Seed 000: mirror asymmetric dark matter model with a 3+1 neutrino spectrum."""

#: The seed text (under ../shared/seeds/) and its citation, for audit reports.
SOURCE = {
    "file": "000_0a3c8dd3bbe2272c.txt",
    "citation": "Mirror asymmetric dark matter model with a right-handed neutrino portal "
                "and a 3+1 active-sterile spectrum (seed 000)",
}
