"""Greek saved as cp1253 or ISO-8859-7 and opened as cp1252 or Latin-1 (a new user's QA pass).

``ΟΝΟΜΑ`` so garbled is ``ÏÍÏÌÁ``, and cp1251 read it as Cyrillic capitals (``ПНПМБ``, at
95% confidence): all five Greek pages of the corpus were "repaired" into Cyrillic. A whole
document is now read as Greek (``fixers/wholelegacy.py``: both Greek pages are originals there);
where the document is not decided whole (a clean line in it), the chain search refuses cp1251
for a line Greek reads at least as well (``fixers/shapes.greek_reads_better``): the line stays
as it was, never Cyrillic.
"""

from __future__ import annotations

import pytest

import mojifix
from conftest import shared_path

WAYS = [("cp1253", "cp1252"), ("iso-8859-7", "latin-1"), ("cp1253", "latin-1"), ("iso-8859-7", "cp1252")]
GREEK = ("Η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο.\n"
         "Άρα, όλα καλά: σύγκριση τριών αρχείων γραμμή προς γραμμή.\n")


def _cyrillic(text: str) -> int:
    return sum("\u0400" <= c <= "\u04ff" for c in text)


@pytest.mark.parametrize("way", WAYS, ids="->".join)
def test_greek_paragraph_comes_back(way: tuple[str, str]) -> None:
    legacy, wrong = way
    repair = mojifix.repair_text(GREEK.encode(legacy).decode(wrong))
    assert repair.text == GREEK
    assert [f.kind for f in repair.findings] == ["mojibake"]
    # ``Ά`` is A2 in cp1253 and B6 in ISO-8859-7: the page that writes it as a letter is named
    assert repair.findings[0].summary.startswith(
        "windows-1253 read as" if legacy == "cp1253" else "iso-8859-7 read as")


def test_short_greek_is_never_cyrillic() -> None:
    for way in WAYS:
        for text in ("ΟΝΟΜΑ", "ΣΦΑΙΡΙΚΗ ΕΙΚΟΝΑ", "Άρα"):
            garbled = text.encode(way[0]).decode(way[1])
            assert _cyrillic(mojifix.fix_text(garbled)) == 0


@pytest.mark.parametrize("clean", ["Le café est très bon à Paris, déjà.\n", "Привет, как дела? Всё хорошо.\n"])
def test_greek_after_a_clean_line_is_left_not_made_cyrillic(clean: str) -> None:
    # The clean line keeps the document off the whole-document road; the search alone would have
    # read the Greek through cp1251 (``ПНПМБ``, ``уэгксйуз``).
    greek = GREEK * 3
    for legacy, wrong in WAYS[:2]:
        garbled = clean + greek.encode(legacy).decode(wrong)
        assert mojifix.fix_text(garbled) == garbled


def test_russian_read_as_cp1252_is_still_cyrillic() -> None:
    ru = "Вечером мы читали книги и пили чай с вареньем.\nЭто было давно, но помню.\n"
    assert mojifix.fix_text(ru.encode("cp1251").decode("cp1252")) == ru
    assert mojifix.fix_text("Le café est très bon.\n" + ru.encode("cp1251").decode("cp1252")) == (
        "Le café est très bon.\n" + ru)


@pytest.mark.parametrize("way", WAYS, ids="->".join)
@pytest.mark.parametrize("name", ["bison.1", "cmp.1", "diff.1", "diff3.1", "sdiff.1"])
def test_corpus_greek_pages_come_back_whole(name: str, way: tuple[str, str]) -> None:
    # (bison.1's first kilobyte holds only its headings, in capitals: ``ΟΝΟΜΑ`` reads through
    # cp1251 as ``ПНПМБ``, which costs nothing either, and has one vowel in six)
    legacy, wrong = way
    text = shared_path("corpus", "manpages", "el", f"{name}.txt").read_text("utf-8")
    text = "".join(c for c in text if c.encode(legacy, "ignore"))
    garbled = text.encode(legacy).decode(wrong, "replace")
    if "\ufffd" in garbled:
        pytest.skip("a byte the wrong page lacks")
    assert mojifix.fix_text(garbled) == text


def test_greek_line_in_a_russian_parts_span_is_not_made_cyrillic() -> None:
    # Russian read through cp1252 makes cp1251 the document's plan, and the plan took the Greek
    # line below it (``З гсЮгпсз кбцЭ``); a line Greek reads more cheaply is now refused there
    # too. (A Greek line whose Cyrillic reading costs as little, capitals or ``ёопдпт ьлщн``
    # for ``Έξοδος όλων``, is beyond what the cost can tell: left to the plan.)
    ru = "Вечером мы читали книги и пили чай с вареньем.\nЭто было давно, но я помню тот вечер.\n"
    el = "Η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο.\n"
    fr = "Le café est très bon à Paris, déjà.\n"
    garbled = fr + ru.encode("cp1251").decode("cp1252") + el.encode("cp1253").decode("cp1252")
    assert mojifix.fix_text(garbled) == fr + ru + el.encode("cp1253").decode("cp1252")
