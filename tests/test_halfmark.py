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
