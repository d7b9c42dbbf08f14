"""Linear time in the document screen (issue 20), counted, never timed.

* The line numbers of the screen's suspects were each counted from the start of the text: up to
  SUSPECTS_MAX passes over the whole of it, more of them the bigger the text (``_LineOf``).
* Past a fixed count of lines holding two non-ASCII characters in a row, the run search took
  the whole text (four large-class regexes over every character) instead of those lines: every
  big document took the costlier road, whatever its density, and a French file read as cp1252
  cost 12.6x for 10x between 100 KB and 1 MB (``_pair_lines`` now decides by density).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mojifix.engine import docscreen


class _Counting(str):
    """A text that adds up the characters its ``count("\\n", ...)`` calls scan."""

    scanned = 0

    def count(self, sub: str, start: int = 0, end: int | None = None) -> int:  # type: ignore[override]
        self.scanned += (len(self) if end is None else end) - start
        return str.count(self, sub, start, end)


@given(st.text(alphabet="ab\n", max_size=60), st.lists(st.integers(0, 60), max_size=12))
def test_line_of_gives_the_line_number_of_each_offset(text: str, offsets: list[int]) -> None:
    line_of = docscreen._LineOf(text)
    for at in offsets:
        at = min(at, len(text))
        assert line_of(at) == text.count("\n", 0, at)


def test_line_of_increasing_offsets_scans_the_text_once() -> None:
    text = _Counting("a line of the document\n" * 10_000)
    line_of = docscreen._LineOf(text)
    offsets = list(range(0, len(text), len(text) // 30))  # 30 suspects, from start to end
    assert [line_of(at) for at in offsets] == [at // 23 for at in offsets]
    assert text.scanned <= len(text)  # (from the start each: about 15 times the text)


def test_sparse_pair_lines_of_a_big_document_are_searched_line_by_line() -> None:
    """A document of accented Latin text with one pair (``«`` and a no-break space) every ten
    lines takes the line-by-line road at any size (the count alone sent it past 48 lines to
    the whole-text search); dense pairs (every line of Chinese) still take the whole text."""
    block = "\u00ab\u00a0Le caf\u00e9\u00a0\u00bb, dit-il.\n" + "Une ligne sans paire de caract\u00e8res.\n" * 9
    for repeats in (10, 100, 1000):
        pairs = docscreen._pair_lines(block * repeats)
        assert pairs is not None and len(pairs) == repeats
    assert docscreen._pair_lines("\u8bbe\u7f6e\u7f51\u7edc\u63a5\u53e3\u3002\n" * 100) is None
