"""The put-back search's bound (fixers/breakfill.py ``least_put_back``): never above the fewest
bytes that make a break whole UTF-8, so a break it refuses has no filling, and the search with
the bound answers as the search without it; ``explained_enough`` counts as ``explain`` does."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mojifix.fixers import breakfill
from mojifix.fixers.lossy import LOSSY_PAGES
from mojifix.fixers.vanished import BREAK

# One byte of each kind that matters to UTF-8's validity: continuation bytes for every second-
# byte range (after E0: A0-BF, ED: 80-9F, F0: 90-BF, F4: 80-8F), and unconstrained leads.
_KINDS = (0x80, 0x90, 0xA0, 0xC2, 0xE1, 0xF1)
BYTES = st.sampled_from([*range(0x80, 0xC0, 7), 0xC2, 0xC3, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0,
                         0xF1, 0xF4, 0x41])


def _valid(b: bytes) -> bool:
    try:
        b.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _fewest(piece: bytes, most: int = 3) -> int:
    """The fewest bytes put back anywhere that make ``piece`` whole UTF-8 (most + 1: more)."""
    for k in range(most + 1):
        for places in itertools.combinations_with_replacement(range(len(piece) + 1), k):
            for added in itertools.product(_KINDS, repeat=k):
                out = bytearray(piece)
                for at, b in sorted(zip(places, added, strict=True), reverse=True):
                    out.insert(at, b)
                if _valid(bytes(out)):
                    return k
    return most + 1


@settings(max_examples=400, deadline=None)
@given(st.lists(BYTES, min_size=1, max_size=5).map(bytes))
def test_the_bound_is_never_above_the_fewest_put_back(piece: bytes) -> None:
    assert min(breakfill.least_put_back(piece), 4) <= _fewest(piece)  # (4: more than three)


@settings(max_examples=300, deadline=None)
@given(st.lists(BYTES, min_size=1, max_size=6).map(bytes), st.sampled_from(LOSSY_PAGES),
       st.integers(0, 0xFF), st.data())
def test_the_search_answers_as_without_the_bound(piece: bytes, codec: str, end: int, data: st.DataObject) -> None:
    spots = tuple(sorted({0, len(piece), *data.draw(st.lists(st.integers(0, len(piece)), max_size=4))}))
    got = breakfill._fill(piece, spots, end, codec)
    real = breakfill.least_put_back
    try:
        breakfill.least_put_back = lambda _piece: 0  # (the search alone)
        assert breakfill._fill(piece, spots, end, codec) == got
    finally:
        breakfill.least_put_back = real


@pytest.mark.parametrize("text", [
    "作者 Richard M. Stallman および David MacKenzie。", "中文 man 手冊頁計劃：https://github.com/x",
    "altres矛 e Ram 癡 un", "BI沼U HI沼N", "鈥渟tarred鈥 and 鈥渓isted鈥", "Compare 猫 (cat) and 茅.",
])
def test_explained_enough_counts_as_explain(text: str) -> None:
    for page in LOSSY_PAGES:
        try:
            data = text.encode(page)
        except UnicodeEncodeError:
            continue
        reading = data.decode("utf-8", errors="surrogateescape")
        breaks = list(BREAK.finditer(reading))
        if not breaks:
            continue
        missing = breakfill.explain(text, page, data, reading, breaks).count(None)
        for most in (0, 0.5, 1, 2, len(breaks)):
            assert breakfill.explained_enough(text, page, data, reading, breaks, most) == (missing <= most)


def test_a_break_two_bytes_cannot_explain() -> None:
    assert breakfill.least_put_back(bytes.fromhex("d7f7d5df")) == 6  # 作者 through GBK
    assert breakfill.least_put_back(b"\xe4\xb8") == 1 and breakfill.least_put_back(b"\x80" * 4) == 2
    assert breakfill.least_put_back(b"") == 0 and breakfill.least_put_back(b"\xc3\xa9") == 0
