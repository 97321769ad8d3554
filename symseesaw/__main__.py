"""``python -m symseesaw``: the command line interface."""

import sys

from symseesaw.cli import main

if __name__ == "__main__":
    sys.exit(main())
