"""UTF-8 files with whole lines in one legacy page are read line by line (decoding/mixedlines.py).

A new user's QA: two UTF-8 lines and a Latin-1 line appended were decoded as Mac Roman (41%)
and written by ``fix -i``, every UTF-8 character turned into mojibake; with ten UTF-8 lines the
file was refused ("mostly UTF-8 ... pass --encoding NAME"), though no one encoding reads it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli, shared_path
from mojifix import DecodeError, detect_bytes, fix_bytes

UTF8 = "Première ligne en UTF-8 : café, naïve, 東京.\nDeuxième ligne aussi — très bien.\n"
LATIN = "Troisième ligne en Latin-1 : été, où, garçon.\n"


@pytest.mark.parametrize("copies", [1, 5, 40])
def test_a_latin1_line_after_utf8_lines_is_read_in_its_page(copies: int, tmp_path: Path) -> None:
    data = UTF8.encode() * copies + LATIN.encode("latin-1")
    d = detect_bytes(data)
    assert (d.encoding, d.mixed[:2], d.text) == ("utf-8", ("windows-1252", 1), UTF8 * copies + LATIN)
    assert d.evidence == ("UTF-8, with 1 line in windows-1252 (read as windows-1252)",)
    src = tmp_path / "log.txt"
    src.write_bytes(data)
    res = run_cli("check", str(src))
    assert res.returncode == 1
    assert f"log.txt:{2 * copies + 1}:1: encoding: UTF-8 with 1 line in windows-1252".encode() in res.stdout
    assert run_cli("fix", "-i", str(src)).returncode == 0
    assert src.read_text("utf-8") == UTF8 * copies + LATIN


def test_lines_of_a_russian_page_between_utf8_ones() -> None:
    ru = "Привет, мир: это строка в кодировке windows-1251.\nЕщё одна строка.\n"
    data = UTF8.encode() + ru.encode("cp1251") + UTF8.encode()
    assert fix_bytes(data) == UTF8 + ru + UTF8


@pytest.mark.parametrize("data", [
    UTF8.encode() * 5 + b"end \xff end\n",  # a stray byte, no word: kept as it came
    UTF8.encode() * 5 + "café ".encode() + "été".encode("latin-1") + b"\n",  # both in one line
], ids=["stray-byte", "one-line-both"])
def test_what_is_no_line_of_a_page_keeps_the_old_rules(data: bytes) -> None:
    d = detect_bytes(data)
    assert d.mixed is None and d.encoding == "utf-8"
    assert d.text.encode("utf-8", "surrogateescape") == data  # the stray bytes kept as they are


def test_a_gbk_line_is_not_read_line_by_line() -> None:
    # (a multi-byte page's lines are valid UTF-8 by accident often enough: not this road; it
    # was read whole as Mac Roman, now refused: tests/test_mixed_files.py)
    data = UTF8.encode() * 3 + "这是一行用GBK编码的中文文本，不是UTF-8。\n".encode("gbk")
    with pytest.raises(DecodeError, match="UTF-8 mixed with another encoding"):
        detect_bytes(data)


def test_real_pages_joined() -> None:
    # Real pages: a Chinese one in UTF-8, then the French one saved by an old system in cp1252.
    base = shared_path("corpus", "manpages")
    zh = (base / "zh_CN" / "chattr.1.txt").read_text("utf-8")
    fr = (base / "fr" / "chattr.1.txt").read_text("utf-8")
    data = zh.encode() + fr.encode("cp1252")
    d = detect_bytes(data)
    assert d.mixed is not None and d.text == zh + fr


def test_german_lines_quoting_with_guillemets_are_read_in_their_page() -> None:
    # A German page in windows-1252 quotes »so«. Legacy detection named it ISO 8859-3 (its
    # guillemets read as ğ...Ğ), not a page such lines come in, so the file was refused; the
    # guillemets may now point either way (scoring.detectscore._quote_cost).
    base = shared_path("corpus", "manpages")
    zh = (base / "zh_CN" / "machine-info.5.txt").read_text("utf-8")
    de = (base / "de" / "machine-info.5.txt").read_text("utf-8")
    assert "»" in de
    d = detect_bytes(zh.encode() + de.encode("cp1252"))
    assert d.mixed is not None and d.mixed[0] == "windows-1252" and d.text == zh + de


def test_a_rare_page_named_for_the_lines_keeps_the_old_rules() -> None:
    # Lines that legacy detection names a page such lines do not come in (here ISO 8859-3,
    # Maltese: ħ ċ ġ ż) are not read line by line: the file is refused, --encoding the remedy.
    zh = (shared_path("corpus", "manpages") / "zh_CN" / "machine-info.5.txt").read_text("utf-8")
    mt = "Il-ħajja ta' kuljum ġewwa l-belt, iċ-ċentru u ż-żona ta' madwarha.\n" * 10
    with pytest.raises(DecodeError, match="mostly UTF-8"):
        detect_bytes(zh.encode() + mt.encode("iso8859-3"))


def test_explain_says_which_lines_were_read_in_the_page(tmp_path: Path) -> None:
    src = tmp_path / "log.txt"
    src.write_bytes(UTF8.encode() + LATIN.encode("latin-1"))
    out = run_cli("explain", str(src)).stdout.decode()
    assert "1. bytes -> text: UTF-8 with 1 line in windows-1252, decoded from windows-1252" in out


_LINES = st.sampled_from([
    b"plain ASCII", "café, 東京".encode(), "été, où".encode("cp1252"),
    "Привет".encode("cp1251"), "Привет".encode("iso8859-5"), "中文字".encode("gbk"),
    b"stray \xff byte", "ok é".encode() + b"\xe9", b"overlong \xe0\x80\x80", b"cut \xe6\x9d",
    b"\xd0\xbe\xd1", b""])


@settings(max_examples=500, deadline=None)
@given(st.lists(_LINES, max_size=8), st.sampled_from([b"\n", b"\r\n", b"\r"]))
def test_the_shortcuts_give_up_where_the_line_by_line_rules_do(lines: list[bytes], end: bytes) -> None:
    # Issue 20: the line loop ran on every legacy file holding a lead and a continuation byte
    # by chance (a fifth of detection's time on char-dataset); it is asked first where such
    # pairs are (_utf8_in_a_page_line) and, before that, whether any valid sequence is there.
    from mojifix.decoding import mixedlines as M

    data = end.join(lines)

    def not_utf8(line: bytes) -> bool:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return True
        return False

    split = data.splitlines()
    assert M._utf8_in_a_page_line(data) == any(
        not_utf8(line) and M._UTF8_SEQ.search(line) is not None for line in split)
    if data.decode("utf-8", "ignore").isascii():  # no line holds a multi-byte character
        assert not any(not not_utf8(line) and not line.isascii() for line in split)
