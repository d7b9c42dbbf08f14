"""The end-of-run summary on stderr: one headline, then a small table (stdout stays for data).

Why a headline and a table: the headline is the one line mojifix has always printed
(``12 files scanned in 0.31s (...), 7 fixed, 5 clean, 3 skipped (1 binary, ...)``), so CI logs,
scripts and the tests that grep it keep every fact in the same words; the table beneath says
the same for a person, broken out: files fixed (or "would be fixed" / "need fixing"), unchanged,
re-encoded only (text unchanged, bytes rewritten), not rewritten (low confidence), skipped by
reason, failed, then what was found, per finding kind and chain ("UTF-8 read as GBK"), with
files, places, characters changed and lost.

Drawn with rich (imported only here, when a summary is printed); no colour and no styling when
stderr is not a terminal or ``NO_COLOR`` is set (rich honours both).
"""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from ..runs.summary import Summary


def file_rows(s: Summary, verb_done: str = "fixed") -> list[tuple[str, int]]:
    """(label, files) rows of the table, in the order a person reads them; rows that would
    say 0 of something rare (re-encoded, not rewritten, skipped, failed) are left out."""
    rows: list[tuple[str, int]] = []
    if s.fixed or not s.needs_fix:
        rows.append((verb_done, s.fixed))
    if s.needs_fix:
        rows.append(("need fixing", s.needs_fix))
    if s.reencoded:
        rows.append(("  re-encoded only (text unchanged, bytes rewritten)", s.reencoded))
    if s.not_rewritten:
        rows.append(("  not rewritten (low confidence; --force writes them)", s.not_rewritten))
    rows.append(("unchanged", s.clean))
    for reason, n in sorted(s.skip_reasons.items()):
        rows.append((f"skipped: {reason}", n))
    if s.failed:
        rows.append(("failed", s.failed))
    return rows


def print_summary(s: Summary, verb_done: str = "fixed", file: IO[str] | None = None) -> None:
    """Print the headline and the table to ``file`` (stderr)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    out = file if file is not None else sys.stderr
    console = Console(file=out, highlight=False, soft_wrap=False)
    headline, *_ = s.lines(verb_done)
    console.print(headline, markup=False, crop=False, soft_wrap=True)
    files = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    files.add_column("")
    files.add_column("files", justify="right")
    for label, n in file_rows(s, verb_done):
        files.add_row(label, str(n))
    console.print()
    console.print(files)
    if s.chains:
        found = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
        for name, justify in (("finding", "left"), ("chain", "left"), ("files", "right"),
                              ("places", "right"), ("changed", "right"), ("lost", "right")):
            found.add_column(name, justify=justify)  # type: ignore[arg-type]
        # Most files first: what happened to most of the corpus is the headline of the table.
        for (kind, chain), (nfiles, count, changed, lost) in sorted(
                s.chains.items(), key=lambda kv: (-kv[1][0], kv[0])):
            found.add_row(kind, chain or "-", str(nfiles), str(count),
                          str(changed) if changed else "-", str(lost) if lost else "-")
        console.print()
        console.print(found)


__all__ = ["file_rows", "print_summary"]
