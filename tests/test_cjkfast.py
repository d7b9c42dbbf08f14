"""Clean Chinese and Japanese text faster (issue 20), byte-identical: the chain screen's
shortcuts give what the slow road gives (random mixes of clean corpus lines, garbled lines and
characters of many blocks), and do less work on clean CJK lines (counted, never timed)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mojifix.fixers import chains, lossy, vanished
from test_docscreen import MANY_BLOCKS, _lines, mix

MIXES = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])
_CHARS = st.one_of(MANY_BLOCKS, st.just("\ufffd"))
_SINGLE = ("windows-1251", "koi8-r", "latin-1", "windows-1252", "windows-1253")


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return _lines()


def _slow_one_layer(line: str) -> list[tuple[tuple[str, str], str]]:
    """Every layer undone the plain way (chains.undo: encode exactly, decode strictly)."""
    return [(ly, t) for ly in chains.LAYERS if (t := chains.undo(line, *ly)) is not None and t != line]


def _slow_may_apply(text: str) -> bool:
    """chains.may_apply as it was: every layer, then lossy_utf8 on every page, each line (and
    the document's page survey, where it shows UTF-8 that lost most of its bytes: vanished.soup)."""
    if any(junk in text for junk in chains._UNDECODABLE_RUNS):
        return True
    flagged = chains._flag(text)
    pages = vanished.shown(flagged.values())
    if vanished.pages_of(flagged.values()).soup:
        return True
    for body in flagged.values():
        if not body.isascii() and _slow_one_layer(body):
            return True
        if (not body.isascii() and any(lossy.lossy_utf8(body, w) is not None for w in lossy.LOSSY_PAGES)) \
                or vanished.may_hold(body, pages):
            return True
    return bool(chains.latinpages.repairs(text))


def _doc(lines: list[str], data: st.DataObject) -> str:
    return mix(lines, data, extra=st.text(_CHARS, min_size=1, max_size=12),
               most=data.draw(st.sampled_from([4, 12])))


# --- item 1: a line no single-byte page writes skips their encodes; the rest shares encodes ---

@MIXES
@given(data=st.data())
def test_one_layer_with_shared_encodes_equals_every_layer_undone(lines: list[str],
                                                                 data: st.DataObject) -> None:
    """Each line's layers are those chains.undo gives layer by layer, and the encodes it hands
    back are the line's own strict encodes (what lossy_utf8 would make)."""
    for line in _doc(lines, data).splitlines():
        encoded: dict[str, bytes | None] = {}
        assert list(chains._one_layer(line, encoded)) == _slow_one_layer(line)
        for codec, got in encoded.items():
            try:
                want: bytes | None = line.encode(codec)
            except UnicodeEncodeError:
                want = None
            assert got == want, codec
        for page in lossy.LOSSY_PAGES:
            assert chains._lossy(line, page, encoded) == (lossy.lossy_utf8(line, page) is not None)


@MIXES
@given(data=st.data())
def test_chain_screen_equals_the_slow_screen_on_mixes(lines: list[str], data: st.DataObject) -> None:
    """may_apply gives what every layer and every lossy page asked line by line give."""
    text = _doc(lines, data)
    assert chains.may_apply(text) == _slow_may_apply(text)


def test_single_byte_class_is_exactly_what_no_single_byte_page_writes() -> None:
    """The regex that skips the five single-byte encodes matches a character iff none of them
    can encode it (the whole BMP but surrogates)."""
    out = chains._single_out()
    for i in range(0x10000):
        if 0xD800 <= i < 0xE000:
            continue
        c = chr(i)
        writable = False
        for codec in _SINGLE:
            try:
                c.encode(codec)
            except UnicodeEncodeError:
                continue
            writable = True
            break
        assert (out.search(c) is None) == writable, hex(i)


# --- item 2: the work on clean CJK lines (counted) ---

@pytest.mark.parametrize("line", [
    "名称 bash - GNU Bourne-Again SHell（Bourne 再来一遍 shell）",
    "說明 這個命令會把檔案複製到指定的目錄中。",
    "名前 apm - 問い合わせる 書式 オプションを指定します",
])
def test_clean_cjk_line_encodes_only_multibyte_pages_once(line: str) -> None:
    """A clean hanzi/kana line is encoded with no single-byte page (each would fail), and the
    screen's lossy question reuses the layer search's encodes: no lossy_utf8 call of its own."""
    encoded: dict[str, bytes | None] = {}
    assert list(chains._one_layer(line, encoded)) == []
    assert not set(encoded) & set(_SINGLE)
    assert set(lossy.LOSSY_PAGES) <= set(encoded)
    calls = []
    real = chains.lossy_utf8
    try:
        chains.lossy_utf8 = lambda *a: calls.append(a) or real(*a)  # type: ignore[assignment]
        assert chains.may_apply(line + "\n") is False
    finally:
        chains.lossy_utf8 = real
    assert calls == []


def test_lossy_read_counts_triples_before_decoding() -> None:
    """Bytes with fewer than four E3-ED lead + two continuation triples are refused before
    the decode (counted: no decode of a subclass that records it)."""
    decoded = []

    class Counted(bytes):
        def decode(self, *a: object, **k: object) -> str:  # type: ignore[override]
            decoded.append(a)
            return super().decode(*a, **k)  # type: ignore[arg-type]

    clean = "說明 這個命令會把檔案複製到指定的目錄中。"
    assert lossy.lossy_read(clean, Counted(clean.encode("big5"))) is None
    assert decoded == []
    garbled = "鍚嶅墠 apm 銇鍟忋亜鍚堛倧銇涖倠 鏇稿紡"
    data = b"\xff".join(p.encode("gbk") for p in garbled.split("\ufffd"))
    assert lossy.lossy_read(garbled, Counted(data)) == lossy.lossy_utf8(garbled)
    assert lossy.lossy_read(garbled, Counted(data))[1] == 1  # type: ignore[index]


# --- item 3: GB18030's encode is GBK's where GBK writes the line ---

def test_gb18030_writes_every_gbk_character_with_gbk_bytes() -> None:
    """The fact the shortcut rests on, for every character (astral ones GBK never writes)."""
    for i in range(0x10000):
        if 0xD800 <= i < 0xE000:
            continue
        c = chr(i)
        try:
            data = c.encode("gbk")
        except UnicodeEncodeError:
            continue
        assert c.encode("gb18030") == data, hex(i)


def test_gbk_line_is_not_encoded_again_for_gb18030() -> None:
    """A line GBK writes is encoded once for both pages (the same bytes object: no second
    encode), and a line only GB18030 writes is still encoded for it."""
    encoded: dict[str, bytes | None] = {}
    assert list(chains._one_layer("名称 复制文件和目录", encoded)) == []
    assert encoded["gbk"] is not None and encoded["gb18030"] is encoded["gbk"]
    encoded = {}
    list(chains._one_layer("한국어 文書", encoded))
    assert encoded["gbk"] is None and encoded["gb18030"] == "한국어 文書".encode("gb18030")
