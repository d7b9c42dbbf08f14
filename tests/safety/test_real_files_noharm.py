"""Do no harm on real files: what ``bench/noharm.py`` found mojifix changing in clean files.

Run over this machine's Python library, site-packages and /usr/share (the locale directory
aside), mojifix rewrote clean text that ftfy left alone or got wrong the same way. Each test
below is one such file's case, cut down; each failed before its mend. The clean excerpts whose
whole text must come back byte for byte are fixtures (``fixtures/guards``, checked by
tests/test_clean.py); the cases here assert more than "unchanged": a finding, an exit code, or
that the neighbouring real damage is still repaired.
"""

from __future__ import annotations

import mojifix
from conftest import run_cli

FFFD = "\ufffd"


def test_replacement_runs_in_clean_text_are_told_not_merged(tmp_path):
    # orjson's README quotes what a replacing decoder gives; ftfy's docstring prints "��".
    # They were "UTF-8 read as GBK/Big5" and the marks merged into one ('�').
    text = (
        '>>> orjson.loads(b\'"\\xed\\xa0\\x80"\'.decode("utf-8", "replace"))\n'
        f"'{FFFD * 3}'\n"
        f"        {FFFD * 2}\n"
    )
    repair = mojifix.repair_text(text)
    assert repair.text == text
    assert repair.changes == ()
    assert [(f.kind, f.count, f.fixed, f.line) for f in repair.findings] == [("mojibake-lost", 2, False, 2)]
    assert "5 U+FFFD" in repair.findings[0].summary
    path = tmp_path / "readme.txt"
    path.write_text(text, encoding="utf-8")
    check = run_cli("check", str(path))
    assert check.returncode == 1  # characters were lost: not clean
    assert b"mojibake-lost" in check.stdout
    fixed = run_cli("fix", str(path))
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout == path.read_bytes()


def test_a_lone_replacement_character_is_not_told():
    text = f"U+FFFD ({FFFD}) stands for a character that could not be decoded.\n"
    repair = mojifix.repair_text(text)
    assert (repair.text, repair.findings) == (text, ())


def test_replacement_runs_in_a_garbled_page_are_still_read_back():
    # The document proves the chain (UTF-8 read as Big5, bytes replaced): its marks-only line is
    # read back with the rest (three lost bytes, one character), as before.
    page = "中文字符测试，你好世界。\n这是一个测试。\n".encode().decode("big5", "replace")
    repair = mojifix.repair_text(page + f"'{FFFD * 3}'\n")
    assert repair.text.endswith(f"'{FFFD}'\n")
    assert {f.kind for f in repair.findings} >= {"mojibake", "mojibake-lossy"}


def test_replacement_character_mojibake_keeps_every_mark():
    # CPython's email tests hold U+FFFD read as Latin-1 (``ï¿½``): undone, it is one U+FFFD per
    # ``ï¿½``; a lossy page searched under it merged them (13 marks became 6).
    text = "ï¿½ï¿½ï¿½ï¿½ï¿½ ï¿½ï¿½ï¿½ï¿½ï¿½ï¿½ï¿½ï¿½\n"
    assert mojifix.fix_text(text) == f"{FFFD * 5} {FFFD * 8}\n"
