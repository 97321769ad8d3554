"""symseesaw."""
