"""``python -m symseesaw.cli``."""

import sys

from symseesaw.cli import main

sys.exit(main())
