"""Guillemets point either way (scoring/pairrules.py, ``_quote_cost`` and ``_triple_cost``).

German and Danish quote »so«, French and Russian «so». Detection charged a closing quote before
a letter 3.0, so a German windows-1252 page quoting »so« read best as ISO 8859-3, its
guillemets ``ğ…Ğ``: ``mojifix fix`` wrote ``ğLennart's LaptopĞ`` at 99.8%, and `detect` said
so. Now a guillemet beside a letter on one side costs 1.0, and one between two letters (a
misread letter: ISO 8859-2's ``ť`` read as Latin-1, ``š»astný``) still 3.0.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_cli, shared_path
from mojifix.decoding.decode import decode
from mojifix.scoring import detectscore as ds

PAGES = {"de": "cp1252", "fr": "cp1252", "es": "cp1252", "it": "cp1252", "pl": "cp1250",
         "cs": "cp1250", "tr": "cp1254", "ru": "cp1251", "uk": "cp1251", "el": "cp1253"}
STYLES = ("»\\1«", "«\\1»", "« \\1 »")


def _quoted_pages() -> list[tuple[str, str, str]]:
    """(name, page, text): every document of the corpus in PAGES's languages whose ASCII
    quotations are turned into each style of guillemets, where its page can write it."""
    base = shared_path("corpus", "manpages")
    out = []
    for lang, page in PAGES.items():
        for path in sorted((base / lang).glob("*.txt")):
            text = path.read_text("utf-8")
            for style in STYLES:
                quoted = re.sub(r'"([^"\n]{1,40})"', style, text)
                if quoted != text:
                    try:
                        quoted.encode(page)
                    except UnicodeEncodeError:
                        continue
                    out.append((f"{lang}/{path.name} {style}", page, quoted))
    return out


def test_pages_quoting_with_guillemets_are_read_in_their_page() -> None:
    # Before: 6 of 321 wrong (German machine-info.5 as ISO 8859-3 in each style; Spanish and
    # Italian pages quoting »so« as ISO 8859-2).
    cases = _quoted_pages()
    assert len(cases) > 300
    wrong = []
    for name, page, text in cases:
        got = decode(text.encode(page))
        if got.text != text:
            wrong.append((name, got.encoding))
    assert not wrong


def test_fix_writes_a_german_page_quoting_so(tmp_path: Path) -> None:
    text = (shared_path("corpus", "manpages") / "de" / "machine-info.5.txt").read_text("utf-8")
    assert "»Lennart's Laptop«" in text
    src = tmp_path / "machine-info.txt"
    src.write_bytes(text.encode("cp1252"))
    res = run_cli("fix", str(src), "-o", str(tmp_path / "out.txt"))
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out.txt").read_text("utf-8") == text
    assert b"windows-1252" in run_cli("detect", str(src)).stdout


@pytest.mark.parametrize(("text", "cost"), [
    (" »Wort« ", 2.0),      # German: beside a letter on one side each, 1.0 a side
    (" «mot» ", 0.0),       # French and Swiss German: as before
    ("šťastný".replace("ť", "»"), 3.0),  # a letter misread as a guillemet: as before
    ("Ť".replace("Ť", "«") + "ukání", 0.0),
    ("a«b«c", 6.0),         # counted overlapping, each between two letters
    (" ”Word ", 3.0),       # curly quotes keep their direction
])
def test_guillemet_costs(text: str, cost: float) -> None:
    from collections import Counter

    letters = ds._EU_LETTERS.findall(text)
    penalty = ds._alphabet_penalty(Counter(letters), "") if letters else 0.0
    assert ds.context_cost(text) - penalty == cost
    long = text + " " + "x" * 120  # the long road (classcodes.pair_sum) agrees
    assert ds.context_cost(long) - penalty == cost


def test_ukrainian_windows_1251_is_not_mac_cyrillic() -> None:
    # Read as Mac Cyrillic, ``і`` is ``≥`` and ``я`` ``€`` inside words: a symbol glued to
    # letters costs there as a Latin-1 one does (scoring.pairrules._GLUED_SYMBOLS). nanorc.5 was a
    # coin toss (0.2 apart) that the guillemet change turned to Mac Cyrillic.
    text = (shared_path("corpus", "manpages") / "uk" / "nanorc.5.txt").read_text("utf-8")
    got = decode(text.encode("cp1251"))
    assert (got.encoding, got.text) == ("windows-1251", text)
