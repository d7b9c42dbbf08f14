"""The page named for ftfy's repair of runs inside a line (fixers/partialpage.py): each place
the repair changed is undone through ftfy's pages in ftfy's order, and the first page that
reads them all back names the finding (it said windows-1252 for every such repair)."""

from __future__ import annotations

import pytest

import mojifix


def garble(text: str, page: str) -> str:
    return text.encode("utf-8").decode(page)


@pytest.mark.parametrize(("text", "fixed", "chain"), [
    # Ukrainian capitals beside a value read through windows-1251 (no clean word on the line:
    # ``ДІ`` is a whole UTF-8 sequence through windows-1251, so ftfy repairs the run)
    ("chmem [РОЗМІР|ДІАПАЗОН -b " + garble("ДІАПАЗОН-БЛОКІВ", "cp1251") + "]",
     "chmem [РОЗМІР|ДІАПАЗОН -b ДІАПАЗОН-БЛОКІВ]", ("utf-8", "windows-1251")),
    # ftfy's own case: the quotes' UTF-8 read as Latin-1, their C1 controls kept, beside a
    # clean ``…`` (the line reads whole through no page)
    ("Ecuador\u00e2\u0080\u0099s \u00e2\u0080\u0098purely political\u00e2\u0080\u0099 result…",
     "Ecuador’s ‘purely political’ result…", ("utf-8", "latin-1")),
    # and through windows-1252 itself, beside a clean ``ï``
    ("naïve " + garble("café crème", "cp1252"), "naïve café crème", ("utf-8", "windows-1252")),
])
def test_a_repair_in_part_of_a_line_names_its_page(text: str, fixed: str, chain: tuple[str, str]) -> None:
    report = mojifix.repair_text(text)
    assert report.text == fixed
    (finding,) = [f for f in report.findings if f.kind == "mojibake"]
    assert finding.chain == chain
    assert finding.summary.startswith(f"UTF-8 read as {'Latin-1' if chain[1] == 'latin-1' else chain[1]}")
