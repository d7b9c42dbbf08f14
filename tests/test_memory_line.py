"""ONE long line held whole costs a few copies of its text, not a list of its characters
(issue 20: a 47 MB file that is one line peaked at about 1 GB; target 100 MB + 3x the file).
Measured in-process with tracemalloc on a line of real Chinese (the manpage corpus, its lines
joined by spaces), the shape where every character is a letter inside a "word" (no spaces
between hanzi)."""

from __future__ import annotations

import sys
import tracemalloc

import pytest

from conftest import shared_path
from mojifix.fixers import latinpages

SIZE = 2_000_000  # characters


@pytest.fixture(scope="module")
def line() -> str:
    folder = shared_path("corpus", "manpages", "zh_CN")
    text = " ".join(p.read_text("utf-8").replace("\n", " ") for p in sorted(folder.glob("*.txt"))[:40])
    # A pound sign: one of the symbols cp1250 letters read through cp1252 become, so the
    # alphabet test looks for such a symbol inside a word (the scan that built the list).
    return (text * (SIZE // len(text) + 1))[:SIZE] + " 5 £ "


def _peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_alphabet_test_of_a_long_line_builds_no_list_of_its_characters(line: str) -> None:
    assert latinpages.repairs(line) == []
    size = sys.getsizeof(line)
    # Its set of characters and its scans only (before: findall of every non-ASCII letter inside
    # a word, one string object per hanzi, 40x the line).
    peak = _peak(lambda: latinpages.repairs(line))
    assert peak < size, f"{peak / size:.1f}x the line"
