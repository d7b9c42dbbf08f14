"""The chain search's prefilters (repertoire.py): a codec that cannot write a character of a
line is not tried on it, and UTF-8 is never tried through GB18030 on a line holding a character
GB18030 writes in four bytes. The classes are checked against the codecs, and the search's
answers are the same with and without them."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mojifix.fixers import chains
from mojifix.scoring import repertoire

BMP = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]
WRONG = sorted({wrong for _, wrong in chains.LAYERS} - {"gb18030"})


def writes(ch: str, codec: str) -> bool:
    try:
        return ch.encode(codec).decode(codec) == ch
    except UnicodeError:
        return False


@pytest.mark.parametrize("codec", WRONG)
def test_no_character_a_codec_writes_is_outside_it(codec):
    outside = repertoire.outside(codec)
    assert [c for c in BMP if writes(c, codec) and outside.match(c)] == []
    # ... and the class is worth having: most characters are outside.
    assert sum(outside.match(c) is not None for c in BMP[::17]) > 0.5 * len(BMP[::17])


def wide_by_encoding(ch: str) -> bool:
    if ch == "\ufffd":
        return False
    try:
        return len(ch.encode("gb18030")) == 4
    except UnicodeEncodeError:
        return True


def test_the_gb18030_class_holds_exactly_the_four_byte_characters():
    wide = repertoire.gb18030_wide()
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
          "縺薙ｓ", "ÄãºÃ", "Ïðèâåò", "чЕЮЕТ", "hello ", "，", "€", "ö", "\x80", "😀", "한국어",
          "ÇÑ±¹¾î", "Ã¤Â½Â ", "¤³¤ó", "¦n"]


def search(line: str, on: bool) -> tuple[list, str | None, list]:
    # (issue 17: the count of characters tried is the document's, not a process-wide
    # ``_tried``; outside a document, BUILD_AFTER 0 turns the classes on, a huge one off)
    saved = repertoire.BUILD_AFTER
    repertoire.BUILD_AFTER = 0 if on else 10**18
    try:
        return (list(chains._one_layer(line)), chains.undo(line, "utf-8", "gb18030"),
                chains._candidates(line))
    finally:
        repertoire.BUILD_AFTER = saved


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), ANY), max_size=16))
def test_the_search_finds_the_same_layers_with_the_prefilters(parts):
    line = "".join(parts)
    assert search(line, on=True) == search(line, on=False)


@pytest.mark.parametrize(("text", "chain"), [
    ("中文文本的编码问题很常见", ("utf-8", "gb18030")), ("你好世界", ("utf-8", "gbk")),
    ("東京大学", ("utf-8", "shift_jis")), ("한국어 텍스트입니다", ("euc-kr", "latin-1")),
    ("大学", ("utf-8", "big5")), ("Привет мир", ("utf-8", "windows-1251")),
    ("Привет, мир!", ("windows-1251", "windows-1252")), ("你好，我们", ("gbk", "latin-1")),
])
def test_every_layer_is_still_found_with_the_prefilters(text, chain):
    bad = text.encode(chain[0]).decode(chain[1])
    layers, _, _ = search(bad, on=True)
    assert chain in dict(layers)
    lost = bad[:2] + "\ufffd" + bad[3:]  # a lost byte: undo's road
    assert search(lost, on=True) == search(lost, on=False)


def test_the_lenient_bound_is_the_one_undo_applies(monkeypatch):
    """Lost bytes and four-byte characters in a row: the shortcut gives up exactly where undo
    would (two lost bytes and three ``Ð`` still decode: ``Ð`` costs two U+FFFD, not four)."""
    bad = "中文文本的编码问题很常见".encode().decode("gb18030")
    decoded = 0
    for lost in range(1, 4):
        for k in range(4 * lost + 2):
            line = bad + "\ufffd" * lost + "Ð" * k
            monkeypatch.setattr(repertoire, "BUILD_AFTER", 10**18)
            slow = chains.undo(line, "utf-8", "gb18030")
            monkeypatch.setattr(repertoire, "BUILD_AFTER", 0)
            assert chains.undo(line, "utf-8", "gb18030") == slow, (lost, k)
            decoded += slow is not None and k > lost
    assert decoded  # the bound is reached, not only the easy cases


def test_the_classes_are_built_only_after_enough_text(monkeypatch):
    from mojifix import memo

    repertoire.outside.cache_clear()
    monkeypatch.setattr(repertoire, "BUILD_AFTER", 1500)
    with memo.document():  # the count is the document's own
        list(chains._one_layer("Ð" * 1000))
        assert repertoire.outside.cache_info().currsize == 0
        list(chains._one_layer("Ð" * 1000))  # 2000 tried now: the next line uses the classes
        assert repertoire.outside.cache_info().currsize == 0
        list(chains._one_layer("Ð" * 1000))
    # one class per wrong codec, GB18030's four-byte one among them
    assert repertoire.outside.cache_info().currsize == len({w for _, w in chains.LAYERS})
