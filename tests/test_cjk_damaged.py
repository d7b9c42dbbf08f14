"""CJK legacy files as people have them (QA 25): GBK with Windows' euro byte, and Big5/GBK/
Shift_JIS/EUC-KR files with a few bytes no page decodes (mojifix.decoding.cjkpages).

Real text: translated manpages of the shared corpus (skipped where it is absent) and vim's
Big5 tutor (skipped where vim is not installed).
"""

from __future__ import annotations

import pytest

from conftest import run_cli, shared_path
from mojifix import detect_bytes, repair_bytes

MEMO = ("会议纪要\n时间：2024年3月5日\n地点：北京总部三楼会议室\n"
        "内容：讨论欧洲市场的报价，单价定为€25，运费另计。\n请各部门于下周五前提交预算。\n")


def _gbk_with_euro(text: str) -> bytes:
    """``text`` as Windows' code page 936 writes it: GBK, with ``€`` as the byte 0x80."""
    return text.replace("€", "\x00").encode("gbk").replace(b"\x00", b"\x80")


def _manpage(lang: str, name: str) -> str:
    return shared_path("corpus", "manpages", lang, f"{name}.txt").read_text("utf-8")


def test_gbk_euro_memo_is_gbk_and_fix_in_place_writes_the_chinese(tmp_path):
    # Was ISO 8859-5 at 98%, and fix -i wrote "ЛсвщМЭвЊ" over the memo.
    data = _gbk_with_euro(MEMO)
    d = detect_bytes(data)
    assert (d.encoding, d.text, d.lossy) == ("gbk", MEMO, 0)
    f = tmp_path / "memo.txt"
    f.write_bytes(data)
    r = run_cli("fix", "-i", "-q", str(f))
    assert r.returncode == 0, r.stderr
    assert f.read_text("utf-8") == MEMO


@pytest.mark.parametrize("name", ["chattr.1", "cron.8", "free.1", "vmstat.8"])
def test_gbk_manpage_with_a_euro_price_reads_exactly(name):
    # Four of the 31 zh_CN manpages (of 49 GBK-encodable) read as ISO 8859-5 with a price added.
    text = _manpage("zh_CN", name)
    cut = text.find("\n", len(text) // 3) + 1
    text = text[:cut] + "单价定为€25，运费另计。\n" + text[cut:]
    d = detect_bytes(_gbk_with_euro(text))
    assert (d.encoding, d.text == text, d.confidence >= 0.25) == ("gbk", True, True)


def test_forced_gbk_and_cp936_read_the_euro_byte():
    data = _gbk_with_euro(MEMO)
    for name in ("gbk", "cp936"):
        assert repair_bytes(data, encoding=name).text == MEMO


def test_gbk_trail_byte_0x80_stays_a_gbk_character():
    # 0x80 is a GBK trail byte too (81 80 is 亐): only a byte GBK rejects reads as the euro.
    text = "亐€"
    data = "亐".encode("gbk") + b"\x80"
    assert data[:2] == b"\x81\x80"
    assert repair_bytes(data, encoding="gbk").text == text
