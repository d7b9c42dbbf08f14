"""A table of a code page, saved in that page and read as Latin-1, comes back whole: the Unicode
names beside its characters decide the page (fixers/charnames.py, asked by fixers/latinpages.py).

Before: the ``iso_8859-2(7)`` manual page (Italian, four copies in the corpus) read as Latin-1
was left as it came (every letter of the page fits no one alphabet), the weakest lossless row
of bench/quality.py (0% for Italian, ``iso-8859-2 → latin-1`` and ``cp1250 → latin-1``).
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from conftest import shared_path
from mojifix.fixers import charnames

INTRO = ("NOME\niso_8859-2 - il set di caratteri ISO 8859-2 codificato in ottale, decimale ed "
         "esadecimale\nDESCRIZIONE\nLa tabella seguente mostra i caratteri in ISO 8859-2.\n")


def table(page: str, codes: range = range(0x80, 0x100), one_line: bool = True) -> str:
    """A manual page's table of ``page``'s printable characters with their names, as the
    iso_8859-2(7) page sets it (one long line: the corpus' rows are joined)."""
    rows = []
    for code in codes:
        ch = bytes([code]).decode(page, errors="ignore")
        if ch and not ch.isspace() and unicodedata.name(ch, ""):
            rows.append(f"{code:o} {code} {code:X} {ch} {unicodedata.name(ch)}")
    return INTRO + ("l l l c lp-1. Oct Dec Hex Char Descrizione _ " + " ".join(rows) if one_line
                    else "\n".join(rows)) + "\n"


@pytest.mark.parametrize("page, wrong, said", [
    ("iso8859-2", "latin-1", "iso8859-2 read as Latin-1"),
    ("windows-1250", "latin-1", "windows-1250 read as Latin-1"),
    ("windows-1250", "windows-1252", "windows-1250 read as windows-1252"),
    ("windows-1254", "latin-1", "windows-1254 read as Latin-1"),
])
@pytest.mark.parametrize("one_line", [True, False])
def test_a_code_page_table_read_as_latin1_comes_back(page: str, wrong: str, said: str, one_line: bool) -> None:
    # (windows-1252 cannot read cp1250's 8D 8F 9D: that table is its characters from A1)
    original = table(page, range(0xA1 if wrong == "windows-1252" else 0x80, 0x100), one_line)
    garbled = original.encode(page).decode(wrong)
    assert garbled != original
    report = mojifix.repair_text(garbled)
    assert report.text == original
    assert [f.summary.split(":")[0] for f in report.findings] == [said]
    assert mojifix.fix_text(garbled) == original


@pytest.mark.parametrize("page", ["iso8859-2", "windows-1250", "latin-1", "windows-1254", "iso8859-15"])
def test_a_clean_table_is_left_as_it_is(page: str) -> None:
    for one_line in (True, False):
        clean = table(page, one_line=one_line)
        assert mojifix.fix_text(clean) == clean
        assert not mojifix.repair_text(clean).findings


def test_names_that_disagree_with_their_characters_under_every_page_decide_nothing() -> None:
    # A table whose characters were replaced (a font's glyph list, a quiz): no page makes them
    # agree with their names, so the names decide no page.
    rows = " ".join(f"{c} LATIN SMALL LETTER {n} WITH ACUTE" for c, n in zip("åæøðþßñçäö", "ZCSNRLEUIO", strict=True))
    text = INTRO + rows + "\n"
    assert charnames.table_page(text, [("iso8859-2", "latin-1"), ("windows-1250", "latin-1")]) is None
    assert mojifix.fix_text(text) == text


def test_too_few_names_decide_nothing() -> None:
    few = table("iso8859-2", range(0xA1, 0xA9))  # (fewer than MIN_AGREE letters change)
    garbled = few.encode("iso8859-2").decode("latin-1")
    assert charnames.table_page(garbled, [("iso8859-2", "latin-1")]) is None


def test_a_name_is_looked_up_to_its_longest_known_prefix_and_stops_at_a_number() -> None:
    assert charnames.named_pairs("x ¡ LATIN CAPITAL LETTER A WITH OGONEK 242 162 A2 ¢ BREVE\n") \
        == [("¡", "Ą"), ("¢", "˘")]
    assert charnames.named_pairs("¡ LATIN CAPITAL LETTER A WITH OGONEK AND MORE WORDS\n") == [("¡", "Ą")]
    assert charnames.named_pairs("caf\u00e9 LATIN LETTER\n") == []  # (not a lone character)
    assert charnames.named_pairs("¡ NOT A NAME AT ALL LETTER\n") == []


_PAGE_CHARS = [c for c in bytes(range(0xA1, 0x100)).decode("iso8859-2")
               if not c.isspace() and unicodedata.name(c, "")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PAGE_CHARS), min_size=1, max_size=40, unique=True),
       st.sampled_from(["\n", " "]))
def test_any_table_of_iso_8859_2_characters_comes_back_or_stays(chars: list[str], sep: str) -> None:
    """Clean, any such table stays as it is; read as Latin-1, it comes back whole whenever the
    names decide the page, and otherwise is never made into anything but the original."""
    clean = INTRO + sep.join(f"{c} {unicodedata.name(c)}" for c in chars) + "\n"
    assert mojifix.fix_text(clean) == clean
    garbled = clean.encode("iso8859-2").decode("latin-1")
    got = mojifix.fix_text(garbled)
    changed = sum(c.encode("iso8859-2") != c.encode("latin-1", errors="replace") for c in chars)
    if changed >= charnames.MIN_AGREE:
        assert got == clean
    else:
        assert got in (clean, garbled)


@pytest.mark.parametrize("chain", [("iso8859-2", "latin-1"), ("windows-1250", "latin-1")])
def test_the_corpus_iso_8859_2_page_read_as_latin1(chain: tuple[str, str]) -> None:
    text = shared_path("corpus", "manpages", "it", "latin2.7.txt").read_text("utf-8")
    garbled = text.encode(chain[0]).decode(chain[1])
    assert mojifix.fix_text(garbled) == text
    assert mojifix.fix_text(text) == text
