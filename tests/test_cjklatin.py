"""A Latin document read through a CJK page is decided at once (fixers/cjklatin.py, issue 18):
repaired where the bytes survived, its lost bytes marked and reported (``check`` exits 1), and
never taken on clean text."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest
from click.testing import CliRunner

import mojifix
from conftest import shared_path
from mojifix.cli import main
from mojifix.fixers import cjklatin
from mojifix.kinds import FindingKind

ITALIAN = """NOME
ram - dispositivo disco RAM
DESCRIZIONE
Ram è un dispositivo a blocchi per l'accesso a basso livello al ram disk.
Di solito, /dev/ram0 è usato come disco iniziale.
VEDERE ANCHE
chown(1), mknod(1)
La traduzione è stata creata da volontari.
"""


def test_an_italian_page_through_big5_comes_back_exactly() -> None:
    # ``è`` (C3 A8) is a Big5 pair, ``癡``: nothing is lost, and one ``癡`` a line is below the
    # line search's bar (a gain of 1); the document shows it three times.
    garbled = ITALIAN.encode("utf-8").decode("big5")
    assert garbled.count("癡") == 3
    repair = mojifix.repair_text(garbled)
    assert repair.text == ITALIAN
    assert [f.chain for f in repair.findings if f.kind == FindingKind.MOJIBAKE] == [("utf-8", "big5")]
    assert mojifix.fix_text(garbled) == ITALIAN


def _corpus(lang: str, name: str) -> str:
    return shared_path("corpus", "manpages", lang, name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "name", "page"), [
    ("vi", "cp.1.txt", "euc-kr"), ("vi", "chown.1.txt", "big5"), ("it", "charsets.7.txt", "gbk"),
    ("it", "bash-builtins.7.txt", "big5"), ("fr", "chattr.1.txt", "shift_jis")])
def test_a_latin_page_that_lost_bytes_is_read_back_and_reported(lang: str, name: str, page: str,
                                                                tmp_path: Path, monkeypatch) -> None:
    """Real documents read with ``errors="ignore"``: the chain is named, no character of the
    page is left, each break where bytes vanished is one U+FFFD and counted as lost, more
    of the text is right than came in, and ``check`` exits 1. (A character whose every byte vanished
    leaves no trace, ``verrà`` through Big5 is ``verr``: no tool can tell, nothing is marked.)"""
    original = _corpus(lang, name)
    garbled = original.encode("utf-8").decode(page, errors="ignore")
    assert garbled != original
    repair = mojifix.repair_text(garbled)
    assert [f.chain for f in repair.findings if f.kind == FindingKind.MOJIBAKE] == [("utf-8", page)]
    assert re.search("[\u3000-\ufffc]", repair.text) is None  # (U+FFFD apart)
    lost = [f.count for f in repair.findings if f.kind == FindingKind.MOJIBAKE_LOSSY]
    assert sum(lost) == repair.text.count("\ufffd")
    out, want, came = repair.text.split("\n"), original.split("\n"), garbled.split("\n")
    assert len(out) == len(want) == len(came)
    assert SequenceMatcher(None, repair.text, original, autojunk=False).ratio() \
        > SequenceMatcher(None, garbled, original, autojunk=False).ratio()
    (tmp_path / "doc.txt").write_text(garbled, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-q", "doc.txt"], catch_exceptions=False)
    assert result.exit_code == 1


@pytest.mark.parametrize("text", [
    "The word 矛盾 means contradiction; 你好 means hello.\n" * 3,  # CJK words quoted in English
    "A lone 癡 in an English line, nothing else of the kind.\n",  # one reading as ``è``: too little
    "中文文档 with some English words, 命令 and options: --help, --version.\n" * 4,
    "한국어 문서와 English text, mixed in one line.\n",
    "Half-width ｶﾀｶﾅ and full-width ＡＢＣ in an English document.\n",
    "Vietnamese written right: Tiếng Việt có dấu, BIỂU THỨC.\n",
    "Compare 猫 (cat) and 茅 (thatch).\n",  # a learner's words: both read as letters (è, é)
    "hello 世界 text\n" * 10,  # one lone word repeated, which reads as a mark and a break
])
def test_clean_text_is_not_taken(text: str) -> None:
    assert cjklatin.reading(text) is None
    assert mojifix.fix_text(text) == text


def test_no_clean_document_of_the_corpus_is_taken() -> None:
    root = shared_path("corpus", "manpages")
    taken = [p.name for p in sorted(root.glob("*/*.txt"))
             if cjklatin.reading(p.read_text(encoding="utf-8")) is not None]
    assert taken == []
