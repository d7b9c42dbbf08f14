"""A clean word, a space, then mojibake: the word stays and the mojibake is repaired
(fixers/gluedlead.py).

ftfy's partial decoding reads a space as a no-break space that lost its byte, so a clean word
ending in a letter some page reads as a UTF-8 lead byte (a Cyrillic capital through
windows-1251, ``É`` ``Í`` ``Ò`` through Latin-1, ``Ο`` through windows-1253) runs on into the
mojibake after it: ftfy kept the whole run (``ИМЯ Ð¿Ñ€Ð¾Ð³Ñ€Ð°Ð¼Ð¼Ð°``) or read the letter and the
space as one character (``ОПИСАНИЕ РїСЂРѕ…`` came back ``ОПИСАНИŠпро…``), and the chain search
then took the clean heading for mojibake too (``ИМЯ`` became ``хлъ``). Found by appending a
garbled word to every non-ASCII line of the development corpus.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from conftest import shared_path
from mojifix.fixers.gluedlead import glued_cuts


def garble(text: str, page: str) -> str:
    """``text``'s UTF-8 read through ``page``, a byte it leaves undefined as the C1 control of
    the same number (as browsers and Windows read it)."""
    return "".join(bytes([b]).decode(page, "ignore") or chr(b) for b in text.encode("utf-8"))


HEADINGS = ["ИМЯ", "ОПИСАНИЕ", "КОРОТКИЙ ОПИС", "ПАРАМЕТРЫ", "АВТОР", "пристрої", "POUŽITÍ", "ŘEŠENÍ",
            "ΑΡΧΕΙΟ", "ΣΥΝΟΨΗ", "ÖRNEKLERİ", "SEÇENEKLER", "DISPONIBILITÉ", "POLECEŃ", "VAI_TRÒ"]


@pytest.mark.parametrize("clean", HEADINGS)
@pytest.mark.parametrize("tail,page", [
    ("“test” программа", "cp1252"), ("программа", "cp1252"), ("αρχείο", "cp1252"),
    ("“test” программа", "cp1251"), ("программа", "cp1251"), ("файл", "cp1251"),
])
def test_a_clean_word_a_space_then_mojibake(clean: str, tail: str, page: str) -> None:
    assert mojifix.fix_text(f"{clean} {garble(tail, page)}") == f"{clean} {tail}"


def test_the_cuts_are_the_glued_spaces_only() -> None:
    assert glued_cuts("ИМЯ Ð¿Ñ€Ð¾Ð³Ñ€Ð°Ð¼Ð¼Ð°") == [3]
    assert glued_cuts("пристрої â€œtestâ€\x9d") == [8]  # (the run starts at ``о``: EE, a lead of three)
    assert glued_cuts("ОПИСАНИЕ РїСЂРѕРіСЂР°РјРјР°") == [8]
    assert glued_cuts("plain text") == [] and glued_cuts("ИМЯ ФАЙЛА") == []
    # mojibake before the space (``Ð`` + a lost no-break space is ``Р``), a lone letter, no
    # mojibake after the space: no cut
    assert glued_cuts("ÐŸÐ ÐžÐ¡Ð¢Ðž") == [] and glued_cuts("Е KODA") == []
    assert glued_cuts("CHáº Y") == []
    # the letter and the space read as a character that may end the word: ftfy's reading stands
    assert glued_cuts("It was namedÂ â€žscarsÂ´") == []  # (Â and the space: a no-break space)
    assert glued_cuts("ÃÃ Ã©tÃ©") == []  # (Ã and the space: à, a Latin letter after Ã)


@pytest.mark.parametrize("garbled,repaired", [
    ("ÐŸÐ ÐžÐ¡Ð¢Ðž ÐŸÐ ÐžÐ“Ð Ð\x90ÐœÐœÐ\x90", "ПРОСТО ПРОГРАММА"),  # no-break spaces made spaces
    ("voilÃ  Ã©tÃ©", "voilà été"),
    ("CHáº Y", "CHẠY"),
])
def test_a_space_that_was_a_byte_is_still_read(garbled: str, repaired: str) -> None:
    assert mojifix.fix_text(garbled) == repaired


WORDS = ["ИМЯ", "ФАЙЛ", "ОПИСАНИЕ", "ΑΡΧΕΙΟ", "ÉCOLE", "POUŽITÍ", "ÖRNEKLERİ", "пристрої", "Имя", "ПАРАМЕТРЫ"]
TAILS = ["программа", "файл", "“test”", "описание программы"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), st.sampled_from(TAILS),
       st.sampled_from(["cp1252", "cp1251"]))
def test_garble_then_fix_gives_the_line_back(words: list[str], tail: str, page: str) -> None:
    clean = " ".join(words)
    assert mojifix.fix_text(f"{clean} {garble(tail, page)}") == f"{clean} {tail}"


@pytest.mark.parametrize("page", ["cp1252", "cp1251"])
def test_corpus_lines_with_a_garbled_word_appended(page: str) -> None:
    """Every non-ASCII line of the first ten documents of each language with ``программа``
    garbled through ``page`` appended comes back whole (before: 704 of the corpus' 16,996 such
    lines each way, these documents' share of them)."""
    root = shared_path("corpus", "manpages")
    tail = " программа"
    wrong = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.txt"))[:10]:
            for line in path.read_text("utf-8").split("\n"):
                if line.isascii() or len(line) > 300 or "Ã" in line or "&lt;" in line:
                    continue  # (it, zh: the corpus' own damage, repaired with the word)
                if mojifix.fix_text(line + garble(tail, page)) != line + tail:
                    wrong.append((folder.name, line[:50]))
    assert wrong == []
