"""The one writer of ``bench/RESULTS.md``: each bench script owns a section between markers.

``write_section("quality", markdown)`` replaces what lies between ``<!-- quality:begin -->``
and ``<!-- quality:end -->`` and keeps every other script's section, so the file always holds
the latest run of each script, and the README's numbers are copied from it.
"""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(name: str, section: str, path: Path = RESULTS) -> None:
    """Replace section ``name`` of ``path`` (between its markers), keeping the rest."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    block = f"{begin}\n{section.rstrip()}\n{end}\n"
    old = path.read_text("utf-8") if path.exists() else "# Benchmark results\n\n"
    if begin in old and end in old:
        before, rest = old.split(begin, 1)
        new = before + block + rest.split(end, 1)[1].lstrip("\n")
        if not new.endswith("\n"):
            new += "\n"
    else:
        new = old.rstrip("\n") + "\n\n" + block
    path.write_text(new, "utf-8")
