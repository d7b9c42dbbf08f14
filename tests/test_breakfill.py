"""A break's filling (fixers/breakfill.py): the same answer kept in a document's memo or not,
and the short-line test that stops at the first break it cannot explain (issue 20: the break
search was half of an Arabic page read as Shift_JIS with bytes dropped)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from mojifix import memo
from mojifix.fixers import breakfill, vanished
from mojifix.fixers.lossy import LOSSY_PAGES

# Real words of several scripts, dropped through each page: their breaks are the ones the
# search meets (Cyrillic, Greek, Arabic, Hebrew, kana and hanzi lose bytes differently).
_WORDS = ("программа", "файлы", "Πρόγραμμα", "الذي جمع مالا", "וקורין מביאין", "ひらがなとカタカナ",
          "中文的文本", "한국어 문장", "café crème")


def _lines() -> list[tuple[str, str]]:
    rng = random.Random(20)
    out = []
    for page in LOSSY_PAGES:
        for _ in range(40):
            line = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 6)))
            body = line.encode("utf-8").decode(page, errors="ignore")
            if body and not body.isascii():
                out.append((body, page))
    return out


def _explained(body: str, page: str, every: bool) -> list | None:
    got = vanished._breaks(body, page)
    if got is None:
        return None
    data, reading, breaks = got
    if every:
        return breakfill.explain_every(body, page, data, reading, breaks)
    return breakfill.explain(body, page, data, reading, breaks)


def test_the_memo_gives_the_answers_worked_out_afresh() -> None:
    lines = _lines()
    afresh = [_explained(b, p, False) for b, p in lines]
    assert any(f is not None and any(x is not None for x in f) for f in afresh)  # (some explained)
    with memo.document() as kept:
        twice = [[_explained(b, p, False) for b, p in lines] for _ in range(2)]
        assert kept.fills  # (the answers were kept)
        assert len(kept.fills) < sum(len(f or ()) for f in afresh)  # (breaks come again)
    assert twice[0] == afresh and twice[1] == afresh


def test_every_break_or_none() -> None:
    for body, page in _lines():
        some = _explained(body, page, False)
        every = _explained(body, page, True)
        if some is None:
            assert every is None
        else:
            assert every == (some if all(f is not None for f in some) else None)


def test_the_memo_keeps_at_most_its_bound(monkeypatch) -> None:
    monkeypatch.setattr(breakfill, "_FILLS_KEPT", 3)
    with memo.document() as kept:
        for body, page in _lines():
            _explained(body, page, False)
        assert len(kept.fills) == 3


# Breaks that the pages explain or refuse depending on where the garbled line's characters
# start (drawn from a few, so that a document meets them again). The byte after a break is in
# the memo's key for exactness; on these four pages it never changes a filling (the byte put
# back at the end is a continuation byte, and 0x80 is refused before every byte), so this test
# checks the boundaries' part of the key, not that one.
_PIECES = (b"\xd1", b"\x80", b"\xe3\x81", b"\xe4\xb8", b"\xd0\xbf\xd1", b"\x81\x82", b"\xe3")
_AFTER = (0x20, 0x41, 0x80, 0x82, 0xA1, 0xD0, 0xE3)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_AFTER), st.booleans()),
                min_size=1, max_size=12), st.sampled_from(LOSSY_PAGES))
def test_a_break_is_filled_alike_in_a_document_and_alone(breaks: list, page: str) -> None:
    def fill(piece: bytes, after: int, inner: bool) -> str | None:
        data = piece + bytes([after])
        # (boundaries at every byte, or at the break's ends only)
        bounds = set(range(len(piece) + 1)) if inner else {0, len(piece)}
        return breakfill.fillable(data, 0, len(piece), bounds, page)

    alone = [fill(*b) for b in breaks]
    assert all(f is None or f.encode("utf-8") for f in alone)  # (a filling is whole UTF-8)
    with memo.document():
        assert [fill(*b) for b in breaks] == alone
        assert [fill(*b) for b in breaks] == alone
