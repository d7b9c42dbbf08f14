"""Central European and Turkish pages read as Latin-1 (fixers/latinpages.py, LATIN1_CHAINS).

Latin-1 is a Linux tool's default reading. Read so, cp1250's ``Š š Ž ž`` and both pages' quotes
and dashes (bytes 80-9F) are C1 controls, which no cp1252 encode undoes, so the cp1252 rule
refused the document; and ISO 8859-2's ``ą ś ź`` are ``± ¶ ¼``, which cp1250 leaves. Measured
on the corpus before: Turkish in cp1254 read as Latin-1 7 of 60 pages exact (the quotes
repaired by the cp1252-read-as-Latin-1 layer, ``ı ğ ş`` left ``ý ð þ``); Polish and Czech in
cp1250 read as Latin-1 0 of 43; in ISO 8859-2, 0 of 32 (six "repaired" as cp1250 with ``±``
left inside words).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from conftest import run_cli, shared_path
from mojifix.fixers import latinpages

WAYS = [("tr", "cp1254", 60), ("pl", "cp1250", 27), ("cs", "cp1250", 16),
        ("pl", "iso8859-2", 24), ("cs", "iso8859-2", 8)]


@pytest.mark.parametrize(("lang", "page", "count"), WAYS, ids=[f"{w[0]}-{w[1]}" for w in WAYS])
def test_corpus_pages_read_as_latin1_come_back(lang: str, page: str, count: int) -> None:
    wrong, n = [], 0
    for path in sorted(shared_path("corpus", "manpages", lang).glob("*.txt")):
        text = path.read_text("utf-8")
        try:
            garbled = text.encode(page).decode("latin-1")
        except UnicodeEncodeError:
            continue
        if garbled == text:
            continue
        n += 1
        if mojifix.fix_text(garbled) != text:
            wrong.append(path.name)
    assert n == count
    assert not wrong


def test_the_finding_names_the_page_and_check_fails(tmp_path) -> None:
    text = (shared_path("corpus", "manpages", "tr") / "chattr.1.txt").read_text("utf-8")
    garbled = text.encode("cp1254").decode("latin-1")
    assert "\x92" in garbled or "\x93" in garbled  # (C1 controls: a cp1252 encode fails)
    path = tmp_path / "tr.txt"
    path.write_text(garbled, encoding="utf-8")
    check = run_cli("check", str(path), "-q")
    assert check.returncode == 1
    assert b"windows-1254 read as Latin-1" in check.stdout
    assert run_cli("fix", str(path), "-q").stdout.decode("utf-8") == text


@pytest.mark.parametrize("text", [
    "Þetta er íslenska. Ég heiti Jón og bý í Reykjavík.\nÞað er gott veður í dag, sagði hún.\n"
    "Hvað ertu að gera? Ég er að læra íslensku.\nÞjóðin ýtti bátnum út á sjó.\n",
    "Det er en smuk dag i København, sagde han.\nFærøerne og Grønland hører til riget.\n"
    "Bjørn går på æblejagt i skoven.\n",
])
def test_clean_latin1_languages_with_c1_controls_keep_their_letters(text: str) -> None:
    # Icelandic and Danish with a stray C1 quote: the quote is cp1252's, the letters stay.
    garbled = text + "Pris\x92 liste\x85\n"
    assert mojifix.fix_text(garbled) == text + "Pris’ liste…\n"


_OLD = re.compile("(?<=[^\\W\\d_])[" + re.escape("".join(sorted(latinpages._ALL_SYMBOLS))) + "](?=[^\\W\\d_])")


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list("ab_9 \n") + sorted(latinpages._ALL_SYMBOLS)[:12] + list("é²ŁИ٣")),
               max_size=30))
def test_symbol_in_word_is_the_lookbehind_search(text: str) -> None:
    # latinpages looks for a symbol between two letters from each symbol (C speed) where a
    # lookbehind regex tried every position: the same answer.
    found = latinpages._symbol_in_word(text, latinpages._SYMBOL_AT)
    assert found == (_OLD.search(text) is not None)
