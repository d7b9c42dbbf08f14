"""Half a punctuation mark left by GBK or Shift_JIS with its last byte dropped (fixers/halfmark.py):
an English page that held nothing else is told lossy, never called clean, and left as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import mojifix
from conftest import shared_path
from mojifix.cli import main
from mojifix.kinds import FindingKind

PAGE = (
    "The pass statement\n"
    "\n"
    "pass is a null operation \u2014 when it is executed, nothing happens.\n"
    "It is useful as a placeholder when a statement is required syntactically.\n"
)


@pytest.mark.parametrize(("page", "half"), [("gbk", "鈥"), ("shift_jis", "窶"), ("gb18030", "鈥")])
def test_an_english_page_with_a_dropped_dash_is_told_and_left(page: str, half: str) -> None:
    garbled = PAGE.encode("utf-8").decode(page, errors="ignore")
    assert f"operation {half} when" in garbled
    repair = mojifix.repair_text(garbled)
    assert repair.text == garbled == mojifix.fix_text(garbled)
    (lossy,) = repair.findings
    assert lossy.kind == FindingKind.MOJIBAKE_LOSSY and not lossy.fixed
    assert lossy.count == lossy.lost == 1 and lossy.chain == ("utf-8", "gbk" if page == "gb18030" else page)
    assert "punctuation mark lost" in lossy.summary


def test_check_exits_1(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "page.txt").write_text(PAGE.encode().decode("gbk", errors="ignore"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-q", "page.txt"], catch_exceptions=False)
    assert result.exit_code == 1
    assert ": mojibake-lossy: " in result.output


@pytest.mark.parametrize("text", [
    "中文鈥 text\n",  # other non-ASCII: a page of another script (the character itself)
    "a 鈥x b\n",  # before a trail byte: it would have made a pair, so not a dropped byte
    "鈥 and 窶\n",  # two pages at once: no one reading
    "don鈥檛 do it\n",  # a whole mark: the chain search repairs it (told there, not here)
])
def test_what_is_not_half_a_mark(text: str) -> None:
    found = [f for f in mojifix.repair_text(text).findings if f.kind == FindingKind.MOJIBAKE_LOSSY]
    assert not found


def test_no_clean_document_of_the_corpus_is_told() -> None:
    from mojifix.config import Config
    from mojifix.fixers.halfmark import fix_half_marks

    docs = sorted(shared_path("corpus", "manpages").glob("*/*.txt"))
    assert len(docs) > 700
    for path in docs:
        assert fix_half_marks(path.read_text(encoding="utf-8"), Config()) == ([], []), path


@pytest.mark.parametrize(("original", "half"), [
    ("the German lowercase letter 'ß' is equivalent to \"ss\".\n", "ﾃ"),  # C3 9F before a quote
    ("Voilà tout.\n", "ﾃ"),  # C3 A0: A0 is refused before any byte
    ("100\u00a0km\n", "ﾂ"),  # a no-break space, C2 A0
])
def test_half_a_latin1_character_through_shift_jis_is_told_and_left(original: str, half: str) -> None:
    garbled = original.encode("utf-8").decode("shift_jis", errors="ignore")
    assert half in garbled and garbled.replace(half, "").isascii()
    repair = mojifix.repair_text(garbled)
    assert repair.text == garbled == mojifix.fix_text(garbled)
    (lossy,) = repair.findings
    assert lossy.kind == FindingKind.MOJIBAKE_LOSSY and not lossy.fixed
    assert lossy.count == lossy.lost == 1 and lossy.chain == ("utf-8", "shift_jis")
    assert "1 Latin-1 character lost" in lossy.summary


def test_an_english_reference_page_that_lost_half_its_only_letter(tmp_path: Path, monkeypatch) -> None:
    """bench/quality.py's one English page called clean through Shift_JIS: Python's help on
    string methods, whose only non-ASCII letters are two ``ß`` before a quote."""
    from test_whole_documents_english import _topic  # (cut as bench/realtext.py cuts it)

    garbled = _topic("string-methods").encode("utf-8").decode("shift_jis", errors="ignore")
    assert garbled.count("ﾃ") == 2 and garbled.replace("ﾃ", "").isascii()
    (tmp_path / "page.txt").write_text(garbled, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-q", "page.txt"], catch_exceptions=False)
    assert result.exit_code == 1
    assert ": mojibake-lossy: UTF-8 read as Shift_JIS with bytes dropped: 2 Latin-1 characters lost" \
        in result.output


@pytest.mark.parametrize("text", [
    "ｺﾝﾋﾟｭｰﾀ ﾃｽﾄ\n",  # half-width katakana words: other characters than halves
    "cafﾃｩ\n",  # a whole letter (C3 A9): the chain search repairs it
    "a ﾃ and 鈥 b\n",  # halves of two pages
])
def test_what_is_not_half_a_latin1_character(text: str) -> None:
    found = [f for f in mojifix.repair_text(text).findings if f.kind == FindingKind.MOJIBAKE_LOSSY]
    assert not found
