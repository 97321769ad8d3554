"""docs/tutorial.py (mirrored by docs/tutorial.md) runs end to end."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_tutorial_script_runs():
    namespace = runpy.run_path(str(DOCS / "tutorial.py"), run_name="tutorial")
    assert namespace["report"].passed
    assert namespace["comparisons"][1].verdict == "differs"


def test_markdown_code_blocks_mirror_the_script():
    script = (DOCS / "tutorial.py").read_text()
    blocks = re.findall(r"```python\n(.*?)```", (DOCS / "tutorial.md").read_text(), re.S)
    assert len(blocks) >= 5
    for block in blocks:
        for line in block.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                assert line.rstrip() in script, f"tutorial.md line not in tutorial.py: {line!r}"
