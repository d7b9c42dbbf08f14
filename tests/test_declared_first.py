"""Issue 20: a declared encoding is checked first, and detection runs only when it is in doubt.

:func:`mojifix.decoding.overrule.declared_stands` follows a declaration without the full
detection where no other reading of the evidence is more plausible; otherwise the declaration is
weighed against detection as before. Counted by calls, never by time.

1. A page whose declaration is right is decided without detection (and named as detection
   names it: the label's own ``shift_jis`` over the browser's ``cp932``, gb2312 over GBK).
2. A declaration that lies is still overruled: the check is in doubt and detection decides.
3. On char-dataset, the fast road gives every declared file the encoding the full weighing
   gives, and decides nearly all of them; on declarations made up from it (every candidate
   declared on legacy files) it never follows one that the full weighing overrules.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import shared_path
from mojifix import detect_bytes
from mojifix.decoding import declared as DECL
from mojifix.decoding import detect as D
from mojifix.decoding import overrule as O
from mojifix.decoding.decode import decode

CHINESE = "这是一本汉语课本，我们学习汉语。今天天气很好，我们去公园散步。" * 3
JAPANESE = "今日は〜良い天気ですね。明日も晴れるでしょう。日本語の文章です。" * 3  # 〜: 0x8160
RUSSIAN = "Привет, как дела? Всё хорошо, спасибо. Съешь же ещё этих мягких французских булок. " * 3
CZECH = "Příliš žluťoučký kůň úpěl ďábelské ódy. Šťastný Ťok se válí v šeříku. " * 5


def _page(label: str, body: str, codec: str) -> bytes:
    return (f'<!DOCTYPE html>\n<html><head><meta charset="{label}"><title>t</title></head>'
            f"<body><p>{body}</p></body></html>").encode(codec)


def _no_detection(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Make the full detection count its calls (and still answer)."""
    calls: list[bytes] = []
    original = D.detect

    def counting(data: bytes, **kwargs: object):  # type: ignore[no-untyped-def]
        calls.append(data)
        return original(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(D, "detect", counting)
    return calls


@pytest.mark.parametrize(("label", "body", "codec", "expected"), [
    ("gb2312", CHINESE, "gb2312", "gb2312"),
    ("shift_jis", JAPANESE, "shift_jis", "shift_jis"),  # cp932 reads 0x8160 as U+FF5E
    ("windows-1251", RUSSIAN, "cp1251", "windows-1251"),
    ("iso-8859-2", CZECH, "iso8859-2", "iso8859-2"),
])
def test_a_right_declaration_is_decided_without_detection(
        monkeypatch: pytest.MonkeyPatch, label: str, body: str, codec: str, expected: str) -> None:
    calls = _no_detection(monkeypatch)
    page = _page(label, body, codec)
    found = detect_bytes(page)
    assert calls == []
    assert (found.encoding, found.declared) == (expected, (label, "<meta charset>", True))
    assert found.text == page.decode(codec) and found.confidence >= O.FLOOR


@pytest.mark.parametrize(("label", "body", "codec", "expected"), [
    ("iso-8859-1", RUSSIAN, "cp1251", "windows-1251"),  # Russian read as cp1252: Ïðèâåò
    ("iso-8859-16", CZECH, "iso8859-2", "iso8859-2"),  # a sibling page: close, never the best
    ("windows-1252", CZECH, "iso8859-2", "iso8859-2"),
])
def test_a_wrong_declaration_is_still_overruled(
        monkeypatch: pytest.MonkeyPatch, label: str, body: str, codec: str, expected: str) -> None:
    page = _page(label, body, codec)
    assert O.declared_stands(page, label, DECL.codec_for_label(label) or "") is None
    calls = _no_detection(monkeypatch)
    found = detect_bytes(page)
    assert calls  # in doubt: the full detection decided
    assert (found.encoding, found.declared) == (expected, (label, "<meta charset>", False))


def test_escapes_and_text_without_spaces_are_left_to_detection() -> None:
    """Readings the check does not score (ISO-2022, EBCDIC, UTF-16) put it in doubt."""
    page = _page("windows-1251", RUSSIAN, "cp1251")
    assert O.declared_stands(page, "windows-1251", "cp1251") is not None
    assert O.declared_stands(page + b"\x1b$B", "windows-1251", "cp1251") is None
    squeezed = page.replace(b" ", b"").replace(b"\n", b"")
    assert O.declared_stands(squeezed, "windows-1251", "cp1251") is None


def _corpus() -> list[tuple[str, bytes]]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        import detect as bench
    finally:
        sys.path.pop(0)
    return [(p, d) for _, p, d in bench.load_corpus(shared_path("detection", "char-dataset"))]


def _full_weighing(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """weigh() with the fast road closed: the full detection on every declaration."""
    def weigh(data: bytes, found: tuple[str, DECL.Declaration]):  # type: ignore[no-untyped-def]
        with monkeypatch.context() as m:
            m.setattr(O, "declared_stands", lambda *args: None)
            return DECL.weigh(data, found)
    return weigh


def test_char_dataset_declared_files_keep_their_encodings(monkeypatch: pytest.MonkeyPatch) -> None:
    full = _full_weighing(monkeypatch)
    fast = 0
    declared = 0
    for path, data in _corpus():
        try:
            data.decode("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        found = DECL.declared_codec(data)
        if found is None or b"\x00" in data:
            continue
        declared += 1
        slow = full(data, found)
        quick = DECL.weigh(data, found)
        assert slow is not None and quick is not None, path
        assert (quick[0], decode(data).encoding) == (slow[0], _name(slow[1])), path
        fast += O.declared_stands(data, found[1].label, found[0]) is not None
    assert declared == 305
    assert fast >= 290, fast  # 293: the rest are near-ties the full detection settles


def _own_reading(data: bytes, label: str) -> str | None:
    try:
        return data.decode(label)
    except (LookupError, UnicodeDecodeError):
        return None


def _name(codec: str) -> str:
    from mojifix.decoding.decode import normalize_encoding_name

    return normalize_encoding_name(codec)


def test_made_up_declarations_are_never_followed_where_the_full_weighing_overrules(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every candidate declared on every legacy file of char-dataset, right or wrong:
    wherever the check follows the declaration, the full weighing follows it too. (With a lead
    of 8 instead of LEAD = 0, four were followed that it overrules.)"""
    full = _full_weighing(monkeypatch)
    labels = [c for c, _ in D._ASCII_CANDIDATES if c != "utf-8"]
    legacy = []
    for _, data in _corpus():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            if b"\x00" not in data:
                legacy.append(data)
    followed = 0
    for data in legacy:
        for label in labels:
            codec = DECL.codec_for_label(label) or label
            try:
                data.decode(codec)
            except UnicodeDecodeError:
                continue
            quick = O.declared_stands(data, label, codec)
            if quick is None:
                continue
            followed += 1
            slow = full(data, (codec, DECL.Declaration("html-meta", label, 0, 0)))
            assert slow is not None, (label, quick[1:])
            # The same text, or the label's own codec's where it reads the bytes otherwise than
            # the browser's (Korean declared gb2312: GB2312's ``·`` where GBK reads ``・``).
            assert quick[0] in (slow[0], _own_reading(data, label)), (label, quick[1:])
    assert followed >= 800, followed  # 866


def _first_found(data: bytes) -> tuple[str, DECL.Declaration] | None:
    """declared_codec's answer by the full search of head and tail (no XML shortcut)."""
    for d in DECL.find_in_bytes(data):
        if d.codec and d.codec != "utf-8":
            return d.codec, d
    return None


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0" encoding="windows-1251"?>\n<rss>\xcf\xf0\xe8\xe2\xe5\xf2</rss>',
    b"<?xml version='1.0' encoding='gb2312'?><a>\xc4\xe3\xba\xc3</a>",
    b'<?xml version="1.0" encoding="utf-8"?>\n<html><head><meta charset="gbk"></head></html>',
    # something before the label that could be another declaration: the full search decides
    b'<?xml version="1.0"\n# -*- coding: latin-1 -*- encoding="gbk"?>\n<a>\xe9</a>',
    b'<?xml version="1.0" <meta charset="koi8-r"> encoding="gbk"?><a>\xe9</a>',
    b'<?xml version="1.0" vim: set fenc=cp1251 encoding="gbk"?><a>\xe9</a>',
    b'<?xml version="1.0" encoding="no-such-codec"?><meta charset="cp1251"><a>\xe9</a>',
])
def test_an_xml_declaration_first_is_what_the_full_search_finds(data: bytes) -> None:
    """declared_codec takes a leading XML declaration without searching the rest of the head
    (issue 20) only where the full search would find it first."""
    assert DECL.declared_codec(data) == _first_found(data)


def test_char_dataset_xml_declarations_read_as_the_full_search_reads_them() -> None:
    xml = [(p, d) for p, d in _corpus() if d.startswith(b"<?xml")]
    assert len(xml) > 250
    for path, data in xml:
        assert DECL.declared_codec(data) == _first_found(data), path


def _shapeless_reference(sample: bytes) -> bool:
    """_exotic_or_shapeless with every space and line break of the sample counted."""
    if b"\x1b" in sample and (b"\x1b$" in sample or b"\x1b(" in sample):
        return True
    if b" " not in sample and b"\n" not in sample:
        return True
    if D.ebcdic_spaced(sample):
        return True
    return O.no_spaces(len(sample), sample.count(b" ") + sample.count(b"\n"), sample[:4096])


@pytest.mark.parametrize("spaces_at", [0, 3000, 5000, 20000, 40000, 63000, None])
def test_spaces_are_counted_only_until_they_are_enough(spaces_at: int | None) -> None:
    """The no-spaces shape is decided on as few counted bytes as settle it, the same answer as
    counting the whole sample (a CJK page with few spaces in its head, many further on)."""
    body = bytearray("這是一本漢語課本".encode("big5") * 4096)[:65536]
    if spaces_at is not None:
        for i in range(spaces_at, len(body), 40):
            body[i] = 0x20
    body[100] = 0x0A  # one line break: not "no spaces at all"
    for size in (64, 1000, 4096, 5000, 16384, 65536):
        sample = bytes(body[:size])
        assert O._exotic_or_shapeless(sample) == _shapeless_reference(sample), (spaces_at, size)


def test_char_dataset_samples_have_the_shape_counting_all_gives() -> None:
    for path, data in _corpus():
        sample = data[:65536]
        assert O._exotic_or_shapeless(sample) == _shapeless_reference(sample), path
