"""textdiff: the located edits a line-rewriting fixer reports (ftfy's mojibake repair)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from mojifix import textdiff
from mojifix.engine.pipeline import apply_edits

PIECES = ["a", " ", "word", "Ã©", "é", "â€œ", "“", "â€\ufffd", "\ufffd", "Ð¸", "и", "«", "»", "\n",
          "中", "Ã", "\xa0", "1"]


def spans(old: str, new: str) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.replacement) for e in textdiff.diff_edits(old, new, 0, "t")]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.lists(st.sampled_from(PIECES), max_size=14),
       st.integers(0, 5))
def test_edits_turn_old_into_new(a, b, offset):
    old, new = "".join(a), "".join(b)
    edits = textdiff.diff_edits(old, new, offset, "t")
    assert apply_edits("#" * offset + old, edits) == "#" * offset + new
    assert all(x.end <= y.start for x, y in pairwise(edits))


@contextmanager
def difflib_refused() -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("difflib was asked to align a line the ASCII anchors align")

    saved = textdiff.SequenceMatcher
    textdiff.SequenceMatcher = refuse  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        textdiff.SequenceMatcher = saved  # type: ignore[misc]


# Mojibake and its repair, each with the same ASCII around it.
PAIRS = [("cafÃ©", "café"), ("â€œ", "“"), ("â€\ufffd", "\ufffd"), ("Ð¸Ñ\ufffd", "и\ufffd"),
         ("Ã", "à"), ("ÃƒÂ©", "é")]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PAIRS), st.sampled_from([" ", "x", ". ", "“", "\ufffd"])
                          .map(lambda s: (s, s))), max_size=12))
def test_repaired_runs_are_aligned_without_difflib(parts):
    old, new = "".join(p[0] for p in parts), "".join(p[1] for p in parts)
    with difflib_refused():
        edits = textdiff.diff_edits(old, new, 0, "t")
    assert apply_edits(old, edits) == new


def test_a_lossy_sequence_is_aligned_by_its_ascii_anchors():
    # The repaired text and the mojibake share their last character (U+FFFD): the common end
    # must not cut the run in two, or the runs no longer pair up (difflib was asked, before).
    old = "She said â€œencouragingâ€\ufffd"
    with difflib_refused():
        assert spans(old, "She said “encouraging\ufffd") == [(9, 12, "“"), (23, 25, "")]


def test_edits_leave_the_shared_ends_out():
    assert spans("cafÃ© & thÃ©", "café & thé") == [(3, 5, "é"), (10, 12, "é")]
    assert spans("«Ð¸»", "«и»") == [(1, 3, "и")]
    assert spans("a Ã© Ã© b", "a é é b") == [(2, 7, "é é")]  # one character apart: one span


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.lists(st.sampled_from(PIECES), max_size=14))
def test_count_edits_counts_what_diff_edits_builds(a, b):
    old, new = "".join(a), "".join(b)
    assert textdiff.count_edits(old, new) == len(textdiff.diff_edits(old, new, 0, "t"))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PAIRS), st.sampled_from([" ", "x", ". ", "“", "\ufffd", "  "])
                          .map(lambda s: (s, s))), max_size=12))
def test_count_edits_on_repairs(parts):
    old, new = "".join(p[0] for p in parts), "".join(p[1] for p in parts)
    assert textdiff.count_edits(old, new) == len(textdiff.diff_edits(old, new, 0, "t"))


# Lines of ASCII and a few non-ASCII characters, garbled through Latin-1 or cp1252 or left as
# they are: what fixers/wholepage.py counts the places of (a line end never inside a line).
_LINE = st.text(st.sampled_from("ab é€ßж中\t.-"), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_LINE, st.sampled_from(["latin-1", "windows-1252", None])), max_size=6))
def test_places_of_many_lines_are_the_sum_of_each_line_s(pairs: list[tuple[str, str | None]]) -> None:
    """``count_edits_lines`` counts in C on the lines joined what ``count_edits`` counts a line
    at a time: the same number, a line end merging no two places."""
    news = [line for line, _ in pairs]
    olds = [line.encode("utf-8").decode(page, errors="replace") if page else line
            for line, page in pairs]
    assert textdiff.count_edits_lines(olds, news) == sum(map(textdiff.count_edits, olds, news))
