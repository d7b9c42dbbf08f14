"""A long ASCII token (a separator line, a URL, base64) in a short legacy-encoded file.

QA: GBK, Big5 or Shift_JIS with one line of 250+ ASCII characters without a space was refused as
"no text encoding decodes this input plausibly": the document-shape rule ("no spaces or line
breaks": EBCDIC or UTF-16 read as ASCII, or no text) counted the token as spaceless text and its
cost (half a point per byte) buried every reading. The token is now left out of that count
(:func:`mojifix.scoring.detectscore.no_spaces`); text that really has no spaces keeps the cost.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from conftest import run_cli, shared_path
from mojifix import detect_bytes
from mojifix.decoding.decode import low_confidence
from mojifix.scoring.detectscore import no_spaces

LINES = {
    "gbk": "统计在一个列表中元素的个数\n",
    "big5": "統計在一個列表中元素的個數\n",
    "shift_jis": "リストの要素の数を数えます\n",
    "euc_kr": "목록에 있는 요소의 수를 셉니다\n",
}
# Deterministic base64 (600 bytes of digests): no spaces, no line breaks.
_B64 = base64.b64encode(b"".join(hashlib.sha256(bytes([i])).digest() for i in range(19))).decode()
TOKENS = {
    "separator": "=" * 300,
    "long-separator": "-" * 2000,
    "url": "https://example.com/" + "a1b2c3/" * 60,
    "base64": _B64,
}
_GB = ("gb2312", "gbk", "gb18030")


@pytest.mark.parametrize("token", sorted(TOKENS))
@pytest.mark.parametrize("codec", sorted(LINES))
@pytest.mark.parametrize("newline", ["\n", ""])
def test_a_long_ascii_token_does_not_hide_the_encoding(token: str, codec: str, newline: str) -> None:
    text = TOKENS[token] + newline + LINES[codec]
    d = detect_bytes(text.encode(codec))
    if (token, codec, newline) == ("long-separator", "euc_kr", ""):
        # 2,000 dashes glued to 30 bytes of Korean: chardet's vote (on the first 16 KiB, mostly
        # dashes) says Big5 and the costs tie. Read wrongly, but as a coin toss: -i leaves it.
        assert low_confidence(d.encoding, d.confidence)
        return
    assert d.text == text
    assert d.encoding in (_GB if codec == "gbk" else (codec,))
    assert d.confidence > 0.6


def test_the_qa_case_through_the_cli(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    src = tmp_path / "in" / "sep.txt"
    text = "=" * 300 + "\n" + LINES["gbk"]
    src.write_bytes(text.encode("gbk"))
    fixed = run_cli("fix", str(src))
    assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, text.encode(), b"")
    checked = run_cli("check", "-q", str(src))
    assert checked.returncode == 1
    assert checked.stdout.decode().startswith(f"{src}:1:1: encoding: decoded from gb2312 (confidence ")
    out = tmp_path / "out"
    batch = run_cli("fix", str(tmp_path / "in"), "--out-dir", str(out), "-q")
    assert (batch.returncode, batch.stderr) == (0, b"")
    assert (out / "sep.txt").read_bytes() == text.encode()


@pytest.mark.parametrize(("lang", "codec"), [("zh_CN", "gbk"), ("zh_TW", "big5")])
@pytest.mark.parametrize("name", ["llength.3tcl.txt", "time.3tcl.txt", "tk_dialog.3tk.txt"])
def test_corpus_pages_with_a_long_separator_line(lang: str, codec: str, name: str) -> None:
    """The real cases: these pages hold a line of 3,000 characters without a space."""
    text = shared_path("corpus", "manpages", lang, name).read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) >= 250 and " " not in max(text.splitlines(), key=len)
    d = detect_bytes(text.encode(codec))
    assert d.text == text and d.confidence == 1.0
    assert d.encoding in (_GB if codec == "gbk" else ("big5",))


def test_shapeless_text_keeps_its_cost() -> None:
    """What the rule is for is unchanged: spaceless, mostly-ASCII bytes with no long token."""
    junk = b"0123456789abcdef" * 6 + bytes(range(0xA1, 0xB1))  # printable, then high
    mixed = b"".join(bytes([0x41 + i % 26, 0xB0 + i % 16, 0x61 + i % 26]) for i in range(200))
    assert no_spaces(len(mixed), 0, mixed[:4096], mixed) is True
    # A 96-character run is a token: what is left (16 high bytes) is too short to judge.
    assert no_spaces(len(junk), 0, junk[:4096], junk) is False
    assert no_spaces(len(junk), 0, junk[:4096]) is True  # (without the sample: counts alone)
    # cp424 (EBCDIC Hebrew) is all ASCII bytes, "@" its space: no token, still shapeless.
    hebrew = "שלום עולם זהו טקסט בעברית לבדיקה של קידוד ".encode("cp424") * 4
    assert hebrew.isascii() and b" " not in hebrew
    assert no_spaces(len(hebrew), 0, hebrew[:4096], hebrew) is True
    sep = ("=" * 300 + "\n" + LINES["gbk"]).encode("gbk")
    assert no_spaces(len(sep), 2, sep[:4096], sep) is False
    text = sep.decode("gbk")
    assert no_spaces(len(text), 2, text[:4096], text) is False


def test_bom_less_utf16_cjk_is_still_utf16() -> None:
    """BOM-less UTF-16 Chinese without spaces: read as bytes it is shapeless (no long token)."""
    text = "统计在一个列表中元素的个数。这是一段用来测试编码检测的中文文本，包含常见的汉字和标点符号。" * 3
    for codec in ("utf-16-le", "utf-16-be"):
        d = detect_bytes(text.encode(codec))
        assert (d.encoding, d.text) == (codec, text)
