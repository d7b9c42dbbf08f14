"""Files mixing UTF-8 lines with lines in legacy pages are never read whole in one page
(decoding/mixedlines.py): read line by line with confidence, or refused with ``--encoding`` the
remedy. A QA pass found three such files read whole as one page with high confidence and
rewritten in place by ``fix -i`` (exit 0), every UTF-8 character turned into mojibake.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import run_cli, shared_path
from mojifix import DecodeError, detect_bytes, fix_bytes

HEAD = ("id,name,city,note\n1,José García,São Paulo,café\n2,Zoë Müller,Zürich,naïve\n"
        "3,Łukasz Żak,Kraków,żółć\n")
TAIL = "8,François Lefèvre,Besançon,crème brûlée\n9,Søren Ærø,Århus,smørrebrød\n"


def test_a_utf8_csv_with_two_cp1252_rows_is_read_line_by_line(tmp_path: Path) -> None:
    # QA: read whole as mac-latin2 at 87% ("Zo√ę M√ľller"), written by fix -i. The two rows
    # are named windows-1252 at 0.30, under mixedlines' old floor of 0.5.
    src = tmp_path / "contacts.csv"
    src.write_bytes(HEAD.encode() + TAIL.encode("cp1252"))
    d = detect_bytes(src.read_bytes())
    assert (d.encoding, d.mixed, d.text) == ("utf-8", ("windows-1252", 2, 5), HEAD + TAIL)
    res = run_cli("check", "-q", str(src))
    assert res.returncode == 1
    assert res.stdout.startswith(f"{src}:5:1: encoding: UTF-8 with 2 lines in windows-1252".encode())
    assert run_cli("fix", "-i", "-q", str(src)).returncode == 0
    assert src.read_text("utf-8") == HEAD + TAIL


def _zh_with_gbk_lines() -> bytes:
    base = shared_path("corpus", "manpages") / "zh_CN"
    head = (base / "create_constraint_trigger.7.txt").read_text("utf-8")[:1500]
    head = head if head.endswith("\n") else head + "\n"
    tail = [line for line in (base / "machine-info.5.txt").read_text("utf-8").splitlines()
            if not line.isascii()][:5]
    return head.encode() + ("\n".join(tail) + "\n").encode("gbk")


def _mbox() -> bytes:
    base = shared_path("corpus", "manpages")
    fr = (base / "fr" / "environ.7.txt").read_text("utf-8")[:700]
    de = (base / "de" / sorted(os.listdir(base / "de"))[3]).read_text("utf-8")[:700]
    ru = (base / "ru" / "boot.7.txt").read_text("utf-8")[:700]
    return (f"From a@example.com\nContent-Type: text/plain; charset=UTF-8\n\n{fr}\n\n".encode()
            + f"From b@example.de\nContent-Type: text/plain; charset=ISO-8859-1\n\n"
              f"Die anfängliche Zählung ist fehlgeschlagen. Grüße, Bob\n{de}\n\n".encode("latin-1", "replace")
            + f"From i@example.ru\nContent-Type: text/plain; charset=KOI8-R\n\n{ru}\n\n".encode("koi8-r", "replace"))


@pytest.mark.parametrize(("make", "why"), [
    # UTF-8 Chinese with 5 GBK lines: read whole as windows-1256 at 100%.
    (_zh_with_gbk_lines, "15 line(s) are UTF-8 (135 non-ASCII letters), line 28 is not; the other lines are gb2312"),
    # UTF-8, Latin-1 and KOI8-R messages: read whole as KOI8-R at 100% ("anfДngliche").
    (_mbox, "1 line(s) are UTF-8 (8 non-ASCII letters), line 15 is not; its other lines read as words"),
], ids=["utf8-chinese-gbk-lines", "mbox-three-charsets"])
def test_utf8_lines_no_one_page_reads_are_refused(make, why: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = make()
    with pytest.raises(DecodeError, match="UTF-8 mixed with another encoding"):
        detect_bytes(data)
    src = tmp_path / "mixed.txt"
    src.write_bytes(data)
    for args in (("check", "-q"), ("fix", "-i", "-q"), ("fix", "-o", str(tmp_path / "out.txt")), ("detect",)):
        res = run_cli(*args, str(src))
        assert res.returncode == 2, args
        assert f"mojifix: error: {src}: UTF-8 mixed with another encoding: {why}".encode() in res.stderr
        assert b"pass --encoding NAME" in res.stderr
    assert src.read_bytes() == data and not (tmp_path / "out.txt").exists()


def test_a_gbk_line_after_utf8_lines_is_refused() -> None:
    # (tests/test_mixed_lines.py: not read line by line; it was read whole as Mac Roman at 98%)
    utf8 = "Première ligne en UTF-8 : café, naïve, 東京.\nDeuxième ligne aussi — très bien.\n"
    with pytest.raises(DecodeError, match="UTF-8 mixed with another encoding"):
        detect_bytes(utf8.encode() * 3 + "这是一行用GBK编码的中文文本，不是UTF-8。\n".encode("gbk"))


@pytest.mark.parametrize(("lang", "name", "page", "was"), [
    ("ja", "cron.8.txt", "shift_jis", "mac-cyrillic"),
    ("uk", "choom.1.txt", "cp1251", "mac-cyrillic"),
])
def test_a_legacy_page_with_a_utf8_line_read_whole_in_a_wrong_page_is_refused(
        lang: str, name: str, page: str, was: str) -> None:
    # Real manpages in their legacy page with one of their lines in UTF-8 (pasted): legacy
    # detection read them whole in a page of another script (``was``) at 0.99-1.0; refused now
    # (the Shift_JIS lines alone are Shift_JIS's; the cp1251 ones read whole glue two scripts).
    text = (shared_path("corpus", "manpages") / lang / name).read_text("utf-8")
    lines = text.splitlines(keepends=True)
    mid = len(lines) // 2
    quoted = [line for line in lines if not line.isascii()]
    data = ("".join(lines[:mid]).encode(page, "replace") + quoted[len(quoted) // 2].encode()
            + "".join(lines[mid:]).encode(page, "replace"))
    with pytest.raises(DecodeError, match="UTF-8 mixed with another encoding"):
        detect_bytes(data)


@pytest.mark.parametrize(("lang", "name", "page"), [
    ("ru", "boot.7.txt", "koi8-r"), ("ru", "boot.7.txt", "cp1251"), ("de", "btrfs.8.txt", "cp1252"),
    ("zh_CN", "chattr.1.txt", "gbk"), ("el", "bison.1.txt", "iso8859-7"),
])
def test_a_legacy_page_quoting_one_line_of_mojibake_reads_as_before(lang: str, name: str, page: str) -> None:
    # Do no harm: a legacy file holding one line that is valid UTF-8 (mojibake quoted: cp1252
    # "dÃ©jÃ  vu" is the bytes of UTF-8 "déjà vu") is no UTF-8 evidence: read as before.
    # (Passes before the change too: it holds the new refusals to two UTF-8 lines and more.)
    text = (shared_path("corpus", "manpages") / lang / name).read_text("utf-8")
    mid = len(text) // 2
    mid = text.index("\n", mid) + 1
    quote = "Ecrit: dÃ©jÃ  vu, Ã©tÃ©, naÃ¯ve\n"
    data = text[:mid].encode(page, "replace") + quote.encode() + text[mid:].encode(page, "replace")
    out = fix_bytes(data)
    assert text[:mid].encode(page, "replace").decode(page) in out


def test_utf8_lines_in_a_shift_jis_page_are_no_damage_to_read_past() -> None:
    # A Shift_JIS page with two of its lines pasted in UTF-8: decoding/cjkpages.py reads a CJK
    # file with a few undecodable spans in its page, and these lines were such spans (read as
    # ``蜷榊燕`` and U+FFFD); they are UTF-8's evidence, so the file is refused, as before it.
    text = (shared_path("corpus", "manpages") / "ja" / "bzcat.1.txt").read_text("utf-8")
    lines = text.splitlines(keepends=True)
    mid = len(lines) // 2
    pasted = [line for line in lines if not line.isascii()][:2]
    data = ("".join(lines[:mid]).encode("shift_jis") + "".join(pasted).encode()
            + "".join(lines[mid:]).encode("shift_jis"))
    with pytest.raises(DecodeError, match="the other lines are shift_jis"):
        detect_bytes(data)
