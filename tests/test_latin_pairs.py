"""UTF-8's accented Latin letter read as cp1253, cp1251 or KOI8-R inside a Latin word
(scoring/latinpairs.py): a short document is repaired on that word alone, and clean Greek,
Cyrillic, Greek/Latin math and homoglyph words stay as they are."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from mojifix.scoring import latinpairs, plausibility, quiet

# One-line documents with one or two accented letters (the shape of a translation catalog's
# strings), each garbled through the three pages.
SHORT = [
    "Aquest fitxer no té cap propietari",
    "No hay ningún archivo abierto",
    "Die Datei gehört zum Ordner",
    "Mappen er tilhørende brugeren",
    "Dewch yn ôl yfory",
    "Nos vemos mañana por la mañana",
    "Failo klasės vardas",
    "Il file è pronto",  # a pair alone between Latin words: a word of its own
    "O arquivo é novo",
    "Kraków",
]


@pytest.mark.parametrize("page", ["cp1253", "cp1251", "koi8-r"])
@pytest.mark.parametrize("text", SHORT)
def test_a_short_latin_document_read_through_a_greek_or_cyrillic_page_is_repaired(text, page):
    bad = text.encode().decode(page)
    assert bad != text
    assert mojifix.fix_text(bad) == text


def test_the_garbled_words_as_they_read() -> None:
    # The exact shapes (cp1253, cp1251, KOI8-R) and their exact repairs.
    assert mojifix.fix_text("contingut no tΓ© un model associat") == "contingut no té un model associat"
    assert mojifix.fix_text("hat kein zugehΓ¶riges Modell") == "hat kein zugehöriges Modell"
    assert mojifix.fix_text("El objeto no tiene ningΓΊn modelo") == "El objeto no tiene ningún modelo"
    assert mojifix.fix_text("El objeto no tiene ningГєn modelo") == "El objeto no tiene ningún modelo"
    assert mojifix.fix_text("No hay ningц╨n archivo") == "No hay ningún archivo"
    assert mojifix.fix_text("Γ©tat de la question") == "état de la question"  # the pair first
    assert mojifix.fix_text("Si Γ¨ verificato un errore") == "Si è verificato un errore"


@pytest.mark.parametrize("page", ["cp1251", "koi8-r"])
def test_letters_cp1253_cannot_carry(page) -> None:
    # ``ê`` (C3 AA) and ``Ü`` (C3 9C) hit holes of cp1253; cp1251 and KOI8-R read them.
    for text in ("Une fenêtre ouverte", "Überall Straße"):
        assert mojifix.fix_text(text.encode().decode(page)) == text


def test_cp1253_holes_read_as_c1_controls() -> None:
    # Windows and browsers read cp1253's undefined AA as U+00AA: ``fenΓªtre``.
    assert mojifix.fix_text("Une fenΓªtre ouverte") == "Une fenêtre ouverte"


@pytest.mark.parametrize("page", ["cp1253", "cp1251"])
def test_a_line_of_an_ordinal_indicator_takes_the_documents_chain(page) -> None:
    # ``º`` alone on a line (``ΒΊ``, ``Вє``) among repaired lines: the model prices the ordinal
    # at 1 and its mojibake at nothing; UTF-8's own trace decides (plan.admits).
    text = "Ajustes\nº\nº\nNingún cambio guardado\nEl archivo está en la carpeta\n"
    assert mojifix.fix_text(text.encode().decode(page)) == text


# Clean text of the scripts the pages write, Greek/Latin math and code, homoglyphs: unchanged.
CLEAN = [
    "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
    "ΓΙΑ ΤΗΝ ΕΛΛΑΔΑ",
    "ΓΆΜΟΣ ΚΑΙ ΔΙΑΖΥΓΙΟ",
    "Ένα API της Google",
    "Τμήμα ΓΈ",
    "α-β",
    "Γ(x) = (x-1)!",
    "Γ(n+1) = nΓ(n)",
    "x = Γ·y",
    "ΔΕ = 5 cm",
    "Δ²u = f in Ω",
    "Θ° = 90°",
    "Ε² + Ζ²",
    "A rise of Δ°F and Δ°C overnight",
    "div(Δ·v) = 0 and the Ε·x product, Δ±5%",
    "Hamiltonian Η† operator",
    "Москва — столица России.",
    "Привет, мир! Ёжик ёлка.",
    "Её зовут Анна, и её брат тоже.",
    "Київ — столиця України, її історія.",
    "Москвa и тeкст",  # Cyrillic words with a Latin letter
    "Mосква",
    "NЕІL",  # a Latin word spelt with Cyrillic capitals that look like Latin ones
    "pаypаl ЅЕІЅМІС",
    "Model В© 2024, all rights reserved.",
    "Пункт В… и пункт Г — см.",
    "Photo: ГЁ 2",
    "Sección Γ©",
    "Ф.И.О.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_greek_cyrillic_math_and_homoglyphs_are_left_alone(text: str) -> None:
    assert mojifix.fix_text(text) == text


_GREEK = ["Αθήνα", "είναι", "ΓΙΑ", "Γη", "Δήμος", "ΕΛΛΑΔΑ", "Ήρθε", "Ζωή", "Θέμα", "ιστορία", "Γ(x)", "α-β"]
_CYRILLIC = ["Москва", "ГЁТЕ", "Дом", "её", "Ещё", "Жизнь", "Зал", "ИМЯ", "Йод", "Гіпотеза", "їжак", "№1"]
_LATIN = ["model", "file", "ok", "API", "x", "Γ(t)", "2024", "©", "°C", "·", "±", "—"]


@given(st.lists(st.sampled_from(_GREEK + _CYRILLIC + _LATIN), min_size=1, max_size=8),
       st.sampled_from([" ", ", ", " - ", "\n"]))
@settings(max_examples=300, deadline=None)
def test_clean_words_of_three_scripts_are_left_alone(words: list[str], sep: str) -> None:
    # Real Greek and Cyrillic words (their capitals are the pages' leads), Latin words and
    # symbols, in any order: no pair sits inside a Latin word, nothing changes.
    text = sep.join(words)
    assert latinpairs.count(text) == 0
    assert mojifix.fix_text(text) == text


def test_count_reads_the_word_around_the_pair() -> None:
    count = latinpairs.count
    assert count("tΓ©") == count("ningΓΊn") == count("ningГєn") == count("tц╘") == 1
    assert count("maΓ±ana y maΓ±ana") == 2
    assert count("Γ†rΓΈskΓΈbing") == 3  # pairs side by side in one word
    assert count("xΓ©ю") == 0  # the word goes on in Cyrillic
    assert count("Γ©тест") == 0
    assert count("Γ©") == count("Si Γ¨") == count("a Γ¨ b") == 0  # alone, and no word beside
    assert count("Si Γ¨ verificato") == 1
    assert count("Δ²u") == 0  # Ĳ: no letter a language writes
    assert count("Δ°C") == count("Δ·v") == 0  # an operator after a Greek capital
    assert count("kapΔ±") == count("Straц÷e") == 1  # the same second characters after a letter
    assert count("bЕѕt") == 0  # Е and ѕ both look Latin: a homoglyph pair


def test_every_priced_pair_is_found_by_the_scans_and_stops_the_walker(monkeypatch) -> None:
    # plausibility.sites must land on every line whose cost is above 0 (the chain search looks
    # at no other line), and the combined walker must clear none of them: every pair of the
    # table, where a word can hold it.
    monkeypatch.setattr(quiet, "WALKER_MIN", 0)
    for pair in latinpairs.table():
        for shape in ("{}tat de la question", "de {}t la", "x {}", "мир {}tat", "{}{}tat",
                      "Si {} verificato", "мир {} verificato"):
            line = shape.format(pair, pair)
            if plausibility.cost(line) == 0:
                continue
            assert next(plausibility.sites(line), None) is not None, line
            text = "Clean line here.\n" * 3 + line + "\n" + "Clean line here.\n" * 3
            at = text.index(line)
            assert any(a <= at < b for a, b in quiet.regions(text)), line
