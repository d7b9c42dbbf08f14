"""The chain search's shortcut for its costliest layer (UTF-8 read as GB18030): a line holding a
character GB18030 writes in four bytes is never tried. Its proof, and the search unchanged."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mojifix import chains


def wide_by_encoding(ch: str) -> bool:
    if ch == "\ufffd":
        return False
    try:
        return len(ch.encode("gb18030")) == 4
    except UnicodeEncodeError:
        return True


def test_the_class_holds_exactly_the_four_byte_characters():
    wide = chains._gb18030_wide()
    rng = random.Random(5)
    points = [*range(0x10000), *rng.sample(range(0x10000, 0x110000), 3000)]
    assert [cp for cp in points if (wide.match(chr(cp)) is not None) != wide_by_encoding(chr(cp))] == []


FOUR_BYTE = st.sampled_from(["\u200b", "Ð", "Ã", "ñ", "ß", "😀", "\U00020000", "Ā", "ﬁ", "\u0590"])
ANY = st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFFF)


@settings(max_examples=500, deadline=None)
@given(st.lists(ANY, max_size=12), FOUR_BYTE, st.lists(ANY, max_size=12))
def test_a_four_byte_character_is_never_utf8(before, wide, after):
    """The proof's claim: its third byte sits between two ASCII digits, so no UTF-8 decoder
    accepts it, and a lenient one gives it a U+FFFD of its own."""
    assert wide_by_encoding(wide)
    line = "".join(before) + wide + "".join(after)
    data = line.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    n_wide = sum(wide_by_encoding(c) for c in line)
    assert data.decode("utf-8", errors="replace").count("\ufffd") >= n_wide


PIECES = ["浣犲ソ", "涓枃", "鏂", "\ufffd", "Ã©", "Ð¸", "\u200b", "強(qiáng)", "é", "ā", "锟斤拷",
          "縺薙ｓ", "ÄãºÃ", "Ïðèâåò", "чЕЮЕТ", "hello ", "，", "€", "ö", "\x80", "😀"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), ANY), max_size=16))
def test_the_search_finds_the_same_layers_with_the_shortcut(monkeypatch_parts):
    line = "".join(monkeypatch_parts)
    saved = chains._gb_tried
    try:
        chains._gb_tried = chains._GB_WIDE_AFTER  # shortcut on
        fast = list(chains._one_layer(line))
        fast_undo = chains.undo(line, "utf-8", "gb18030")
        chains._gb_tried = -10**12  # shortcut off for this example
        slow = list(chains._one_layer(line))
        slow_undo = chains.undo(line, "utf-8", "gb18030")
    finally:
        chains._gb_tried = saved
    assert fast == slow
    assert fast_undo == slow_undo


def test_utf8_read_as_gb18030_is_still_found_once_the_shortcut_is_on(monkeypatch):
    monkeypatch.setattr(chains, "_gb_tried", chains._GB_WIDE_AFTER)
    bad = "中文文本的编码问题很常见".encode().decode("gb18030")
    assert ("utf-8", "gb18030") in dict(chains._one_layer(bad))
    assert chains.undo(bad + "\ufffd", "utf-8", "gb18030") is not None


def test_the_class_is_built_only_after_enough_text(monkeypatch):
    monkeypatch.setattr(chains, "_gb_tried", 0)
    chains._gb18030_wide.cache_clear()
    chains._not_via_gb18030("Ð" * 1000)
    assert chains._gb18030_wide.cache_info().currsize == 0
    monkeypatch.setattr(chains, "_gb_tried", chains._GB_WIDE_AFTER)
    assert chains._not_via_gb18030("Ð" * 1000)
    assert chains._gb18030_wide.cache_info().currsize == 1


def test_the_lenient_bound_is_the_one_undo_applies(monkeypatch):
    """Lost bytes and four-byte characters in a row: the shortcut gives up exactly where undo
    would (two lost bytes and three ``Ð`` still decode: ``Ð`` costs two U+FFFD, not four)."""
    bad = "中文文本的编码问题很常见".encode().decode("gb18030")
    decoded = 0
    for lost in range(1, 4):
        for k in range(4 * lost + 2):
            line = bad + "\ufffd" * lost + "Ð" * k
            monkeypatch.setattr(chains, "_gb_tried", -10**12)
            slow = chains.undo(line, "utf-8", "gb18030")
            monkeypatch.setattr(chains, "_gb_tried", chains._GB_WIDE_AFTER)
            assert chains.undo(line, "utf-8", "gb18030") == slow, (lost, k)
            decoded += slow is not None and k > lost
    assert decoded  # the bound is reached, not only the easy cases
