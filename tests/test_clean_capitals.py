"""A clean accented capital on a line that also holds mojibake stays itself (fixers/droppedsingle.py
``_clean_capital``).

Through windows-1252 a UTF-8 lead byte C2-DF is a capital letter (``Ä``, ``É``, ``Ç``); the road
that reads lines whose page dropped bytes (``errors="ignore"``) took a clean one before an ASCII
letter for a character that lost its second byte, and wrote U+FFFD: ``GERÄT [NEU] naÃ¯ve cafÃ©``
came back ``GER�T [NEU] naïve café``, ``État`` ``�tat``, ``l'en-tête`` ``l'en-t�te``, where ftfy
keeps the letter. Found by
appending a mojibake word to every line of the development corpus. (A capital whose lost byte
makes a common capital, ``Ã Ä Å``, in a word of capitals stays a hole: see the test below.)
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from conftest import shared_path

SUFFIX, FIXED = " naÃ¯ve cafÃ©", " naïve café"


@pytest.mark.parametrize("clean", [
    "État et", "ÉTAT et", "Ça va", "PARAMÈTRES", "AÇIKLAMA", "VÉASE TAMBIÉN", "TÊN", "Émile",
    "l'en-tête du", "ESPAÑA y", "ÜBER", "Ökonomie", "Ísland"[1:],
])
def test_a_clean_capital_beside_mojibake_stays(clean: str) -> None:
    assert mojifix.fix_text(clean + SUFFIX) == clean + FIXED


@pytest.mark.parametrize("clean", ["DESCRIPCIÓN", "--fonts=PHÔNG", "basenc [OPCIÓN]... [ARCHIVO]"])
def test_a_clean_capital_beside_cyrillic_mojibake_stays(clean: str) -> None:
    """Beside Cyrillic mojibake the line's letters are Cyrillic too: ``Ó`` (D3) and ``Ô`` (D4)
    with a lost byte make only rare Cyrillic letters (``Ӂ``, ``ԁ``), so they stay letters."""
    garbled = " привет мир".encode().decode("cp1252", "ignore")
    assert mojifix.fix_text(clean + garbled) == clean + " привет мир"


@pytest.mark.parametrize("original,garbled,repaired", [
    # a byte really dropped: the lead among mojibake, or a capital inside a word of small letters
    ("Спасибо за помощь, Анна", None, "Спасибо за помощь, Анна"),
    ("počet položek je velký", None, "po\ufffdet položek je velký"),
])
def test_bytes_really_dropped_are_still_read(original: str, garbled: str | None, repaired: str) -> None:
    garbled = garbled or original.encode("utf-8").decode("cp1252", "ignore")
    assert mojifix.fix_text(garbled) == repaired


def test_a_lead_whose_lost_byte_makes_a_common_letter_stays_a_hole() -> None:
    """``Ã`` ``Ä`` ``Å`` may be ``Í``, ``č``, ``Ł`` that lost a byte (``DÃA``, Czech ``Äas``,
    ``SKÅADNIA``): read as before, so a clean ``GERÄT`` or ``Ärger`` beside mojibake is the case
    left (a known limit: only the word lists could tell ``Ärger`` from Czech ``čas``)."""
    dropped = "TÁC GIẢ và THÔNG BÁO LỖI".encode().decode("cp1252", "ignore")
    assert mojifix.fix_text(dropped) == "T\ufffdC GIẢ và THÔNG B\ufffdO LỖI"
    assert mojifix.fix_text("GERÄT [NEU]" + SUFFIX) == "GER\ufffdT [NEU]" + FIXED
    assert mojifix.fix_text("Ärger und" + SUFFIX) == "\ufffdrger und" + FIXED
    czech = "poslány programu cmp či diff. Návratová hodnota programu cmp či diff je zachována."
    assert mojifix.fix_text(czech.encode().decode("cp1252", "ignore")) == czech.replace("č", "\ufffd")


WORDS = ["État", "Ça", "Über", "ÖL", "PARAMÈTRES", "AÇIKLAMA", "Émile", "ÉCOLE",
         "Ñandú", "ÜBER", "Çok", "ÇA", "İstanbul"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5), st.sampled_from([SUFFIX, " â€œtestâ€\x9d x"]))
def test_clean_words_with_capitals_stay_beside_mojibake(words: list[str], suffix: str) -> None:
    clean = " ".join(words)
    got = mojifix.fix_text(clean + suffix)
    assert got.startswith(clean + " ")
    assert "\ufffd" not in got


def test_corpus_lines_with_a_mojibake_word_appended() -> None:
    """Every non-ASCII line of the first ten documents of each language, with a mojibake word
    appended: the line comes back as it was, the word repaired (but for the known limit above:
    a German ``GERÄT`` or ``Ärger``)."""
    wrong = []
    root = shared_path("corpus", "manpages")
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.txt"))[:10]:
            for line in path.read_text("utf-8").split("\n"):
                if line.isascii() or len(line) > 300 or "Ã" in line:  # (it: the corpus' own damage)
                    continue
                if re.search("[ÃÄÅ][A-Za-z]", line):
                    continue  # (the known limit: see the test above)
                if mojifix.fix_text(line + SUFFIX) != line + FIXED:
                    wrong.append((folder.name, line[:50]))
    assert wrong == []
