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


def _with_bad_pair(lang: str, name: str, page: str, bad: bytes) -> tuple[str, bytes]:
    """A manpage in its legacy page, and its bytes with one corrupt pair at a line start a third
    of the way in (the text is what the page encodes of the manpage)."""
    data = _manpage(lang, name).encode(page, errors="ignore")
    at = data.find(b"\n", len(data) // 3) + 1
    return data.decode(page), data[:at] + bad + data[at:]


@pytest.mark.parametrize(("lang", "name", "page", "bad", "family"), [
    # was windows-1256 at 100%, and fix -i wrote Arabic-looking garbage over it
    ("zh_TW", "basenc.1", "big5", b"\x8f\xfe", {"big5", "cp950", "big5hkscs"}),
    ("zh_TW", "MainFrame.3tk", "big5", b"\x8f\xfe", {"big5", "cp950", "big5hkscs"}),
    # were ISO 8859-5 at 100% (cp949 reads them with fewer bad spans than GBK)
    ("zh_CN", "true.1", "gbk", b"\xff\xa1", {"gb2312", "gbk", "gb18030"}),
    ("zh_CN", "alter_operator_class.7", "gbk", b"\xff\xa1", {"gb2312", "gbk", "gb18030"}),
    # was cp850 at 100%; Shift_JIS, not cp932 with a private-use character for FF
    ("ja", "basenc.1", "shift_jis", b"\x81\xff", {"shift_jis"}),
])
def test_one_corrupt_pair_keeps_the_page_and_is_marked(lang, name, page, bad, family):
    text, data = _with_bad_pair(lang, name, page, bad)
    d = detect_bytes(data)
    assert d.encoding in family
    assert d.confidence >= 0.25
    assert 1 <= d.lossy == d.replaced <= 2
    assert d.text.replace("\ufffd", "") == text or lang == "zh_CN"  # (GBK's A1 takes the next byte)
    assert d.text.count("\ufffd") == d.replaced
    assert any("cannot decode, marked U+FFFD" in e for e in d.evidence)


def test_corrupt_pair_fix_in_place_refuses_and_fix_o_writes_it_marked(tmp_path):
    text, data = _with_bad_pair("zh_TW", "basenc.1", "big5", b"\x8f\xfe")
    f = tmp_path / "basenc.1.txt"
    f.write_bytes(data)
    r = run_cli("fix", "-i", "-q", str(f))
    assert r.returncode == 1
    assert f.read_bytes() == data  # the original bytes are not written over with U+FFFD
    assert b"not rewritten: 2 spans of bytes big5 cannot decode would be written as U+FFFD; " \
           b"pass --force to write it" in r.stderr
    out = tmp_path / "out.txt"
    r = run_cli("fix", str(f), "-o", str(out))
    assert r.returncode == 0
    assert b"2 spans of bytes big5 cannot decode written as U+FFFD" in r.stderr
    assert out.read_text("utf-8").replace("\ufffd", "") == text
    r = run_cli("check", str(f))
    assert r.returncode == 1
    assert b"undecodable-bytes: 2 spans of bytes big5 cannot decode, marked U+FFFD" in r.stdout
    r = run_cli("fix", "-i", "-q", "--force", str(f))
    assert r.returncode == 0
    assert f.read_text("utf-8").replace("\ufffd", "") == text


TUTOR = "/usr/share/vim/vim90/tutor/tutor.zh.big5"


def _tutor() -> bytes:
    import os

    if not os.path.exists(TUTOR):
        pytest.skip(f"{TUTOR} not present (vim's tutor)")
    with open(TUTOR, "rb") as fh:
        return fh.read()


def test_damaged_big5_tutor_with_encoding_big5_is_read_with_its_bad_pairs_marked():
    # vim's own Big5 tutor, 45 bad pairs in 10,000 characters: --encoding big5 said "drop
    # --encoding", and detection said "pass --encoding".
    data = _tutor()
    for name in ("big5", "cp950", "big5hkscs"):
        d = detect_bytes(data, encoding=name)
        assert d.replaced == d.lossy and 40 <= d.replaced <= 45  # (big5hkscs reads 4 of them)
        assert "第一講第一節︰移動光標" in d.text
    r = run_cli("fix", "--encoding", "big5", TUTOR)
    assert r.returncode == 0
    assert "第一講第一節︰移動光標".encode() in r.stdout
    assert r.stdout.count("\ufffd".encode()) == 45


def test_damaged_big5_tutor_is_detected_as_big5():
    d = detect_bytes(_tutor())
    assert (d.encoding, d.replaced) == ("big5", 45)


def test_forced_page_that_fails_on_much_is_still_an_error():
    # UTF-8 Chinese named GBK: every other character fails; no lossy reading hides that.
    data = _manpage("zh_CN", "basenc.1").encode("utf-8")
    r = run_cli("fix", "--encoding", "gbk", "-", input=data)
    assert r.returncode == 2
    assert b"not valid gbk" in r.stderr


def test_clean_single_byte_text_is_no_damaged_cjk():
    # Russian cp1251 and KOI8-R read as GBK fail at a third of their pairs: no lossy CJK reading.
    text = _manpage("ru", "boot.7")
    for page in ("cp1251", "koi8_r"):
        d = detect_bytes(text.encode(page, errors="ignore"))
        assert d.replaced == 0 and d.encoding in ("windows-1251", "koi8-r")
