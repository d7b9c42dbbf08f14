"""The whole-document road's probe asks a head's first character before writing the head back
(fixers/wholepage.py ``_may_start``): the same answer as writing it back, on every page."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mojifix.fixers import wholepage
from mojifix.fixers.sloppy import write_back

PAGES = wholepage.PAGES + wholepage.OTHER_PAGES + wholepage.SIBLINGS
SAMPLES = ["привет мир", "Καλημέρα", "שלום", "مرحبا", "สวัสดี", "Xin chào", "Zażółć", "Příliš",
           "café", "中文", "日本語です", "한국어", "¥100", "açılış"]


def _written_back(head: str, page: str) -> bool:
    try:
        return wholepage._maybe_utf8(write_back(head, page))
    except UnicodeEncodeError:
        return False


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SAMPLES), st.integers(1, 10), st.sampled_from(PAGES), st.sampled_from(PAGES),
       st.text(max_size=6))
def test_the_probe_is_the_head_written_back(sample: str, cut: int, through: str, page: str, tail: str) -> None:
    try:
        head = sample[:cut].encode("utf-8").decode(through)
    except UnicodeDecodeError:
        head = sample[:cut]
    head = (head + tail)[:64]
    assert wholepage._probe(head, page) == _written_back(head, page)
    assert wholepage._probe(sample, page) == _written_back(sample, page)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SAMPLES), st.text(max_size=3))
def test_the_pages_a_first_character_may_start_are_those_the_probe_passes(sample: str, tail: str) -> None:
    """``_other`` probes a head of four or more characters only through the pages
    ``_may_start_with`` names for its first character: every page whose probe passes."""
    head = (sample + tail)[:64]
    passed = {page for page in wholepage.OTHER_PAGES if wholepage._probe(head, page)}
    if len(head) >= 4:
        assert passed <= set(wholepage._may_start_with(head[0]))
