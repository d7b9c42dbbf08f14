"""The Central European and Turkish pages refuse early what they would refuse late
(fixers/latinpages.py, issue 20): the same answers for less work.

Two refusals come before any line is undone: a page whose characters in the document read as
letters no alphabet of the page holds (``_Page.cannot_fit``: a Turkish page read as Latin-1
undone through cp1250 spells ``ţ đ``), and, on a document without a C1 control, a Latin-1 page
whose original page a cp1252 page has weighed already (both encode every line alike), or, on
one with a C1 control, the cp1252 pages (no cp1252 encode writes one). Each is
checked against the pages with the refusal taken away, on made-up and real documents, and the
report a shortcut makes when read is the one the located road makes.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from conftest import shared_path
from mojifix.config import Config
from mojifix.engine import pipeline
from mojifix.fixers import latinpages

TURKISH = ("açılış işlemleri tamamlandı\n“Dosya” açılamadı: erişim engellendi\n"
           "Bu program özgür yazılımdır — GNU\nDeğer öğrenildi\nKULLANIM\n") * 3
CZECH = ("Příliš žlutý kůň úpěl ďábelské ódy.\n„Nastavení“ tiskárny se uloží do souboru.\n"
         "Soubor nelze otevřít: přístup odepřen.\nPOPIS\n") * 3
POLISH = ("Zażółć gęślą jaźń – ćma.\nPlik został zapisany w katalogu domowym.\n"
          "Wiąże się to z błędem.\nOPIS\n") * 3

CHAINS = [latinpages.CHAIN, latinpages.TURKISH_CHAIN, *latinpages.LATIN1_CHAINS]


def _garbled(text: str, chain: tuple[str, str]) -> str | None:
    try:
        return text.encode(chain[0]).decode(chain[1])
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def _without_refusals(monkeypatch: pytest.MonkeyPatch, text: str) -> list:
    """latinpages' answer with both early refusals taken away."""
    with monkeypatch.context() as patch:
        patch.setattr(latinpages._Page, "cannot_fit", lambda self, text, chars, free=None: False)
        patch.setattr(latinpages, "_not_refused", lambda text, pages: pages)
        return latinpages._repairs(text)


def _cases() -> list[str]:
    out = []
    for text in (TURKISH, CZECH, POLISH, TURKISH.replace("“", '"').replace("”", '"').replace("—", "-")):
        for chain in CHAINS:
            if (garbled := _garbled(text, chain)) is not None:
                out.append(garbled)
    return out


@pytest.mark.parametrize("garbled", _cases())
def test_the_early_refusals_give_the_same_answer(monkeypatch: pytest.MonkeyPatch, garbled: str) -> None:
    assert latinpages._repairs(garbled) == _without_refusals(monkeypatch, garbled)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["açýlýþ", "iþlem", "Skonèí", "do³¹czalne", "wi±zaæ", "Müller",
                                 "è", "ø", "þ", "ð", "\x92", "\x9a", "\x93x\x94", "Å¾", "Ã©",
                                 "ÂŁ", "»so«", "©", " ", "\n", "word", "Ýþ"]), max_size=30).map("".join))
def test_the_early_refusals_give_the_same_answer_on_any_mixture(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert latinpages._repairs(text) == _without_refusals(monkeypatch, text)


def test_the_corpus_through_the_latin_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real Turkish, Czech, Polish, German and French documents (the development corpus) through
    the five pages' chains: the same answer with and without the refusals."""
    root = shared_path("corpus", "manpages")
    asked = 0
    for lang in ("tr", "cs", "pl", "de", "fr"):
        for path in sorted((root / lang).glob("*.txt"))[:12]:
            for chain in CHAINS:
                if (garbled := _garbled(path.read_text("utf-8"), chain)) is None:
                    continue
                asked += 1
                assert latinpages._repairs(garbled) == _without_refusals(monkeypatch, garbled), (path.name, chain)
    assert asked >= 100


def test_a_turkish_page_read_as_latin1_undoes_its_lines_through_its_own_page_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Its ``ý þ ð`` read as cp1250 or ISO 8859-2 are ``ý ţ đ``, no alphabet of those pages:
    known from the document's characters, before a line is undone (every line was, through
    each of the three pages); and its C1 controls (its quotes) no cp1252 page writes."""
    garbled = TURKISH.encode("cp1254").decode("latin-1")
    assert "\x93" in garbled  # (its quotes are C1 controls: every Latin-1 page is asked)
    undone: list[tuple[str, str]] = []
    real = latinpages._page_lines

    def counting(text: str, page: latinpages._Page, free=None):  # type: ignore[no-untyped-def]
        undone.append(page.chain)
        return real(text, page, free)

    monkeypatch.setattr(latinpages, "_page_lines", counting)
    assert mojifix.fix_text(garbled) == TURKISH
    assert undone == [("windows-1254", "latin-1")]


@pytest.mark.parametrize("text", [TURKISH, CZECH, POLISH])
@pytest.mark.parametrize("chain", CHAINS)
def test_the_shortcuts_report_made_when_read_is_the_located_roads(text: str, chain: tuple[str, str]) -> None:
    """fix_text's road makes the chain fixer's and the C1 rule's findings only when read; read
    (a stream does), they are the located road's, place aside."""
    if (garbled := _garbled(text, chain)) is None:
        pytest.skip("the chain cannot carry the text")
    fast, fast_findings, _ = pipeline.run_fixers(garbled, Config(), locate=False)
    slow, slow_findings, _ = pipeline.run_fixers(garbled, Config())
    unplaced = [replace(f, offset=None, line=None, column=None) for f in slow_findings]
    assert (fast, fast_findings) == (slow, unplaced)
    assert fast == mojifix.fix_text(garbled)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["açýlýþ", "iþlem", "Skonèí", "do³¹czalne", "wi±zaæ", "Müller", "è",
                                 "ø", "þ", "ð", "\x92", "\x9a", "\x93x\x94", "»so«", "©", "’", "Œ",
                                 " ", "\n", "\r\n", "word", "Ýþ", "\u0100", "\x81"]),
                max_size=40).map("".join), st.sampled_from(range(len(latinpages._PAGES))))
def test_a_page_undoes_a_block_of_lines_as_it_undoes_each_line(text: str, which: int) -> None:
    """A text none of whose lines is UTF-8 is undone a block of lines at a time: the same lines,
    repairs and refusals as a line at a time."""
    page = latinpages._PAGES[which]
    if page.utf8_pair.search(text) is None:
        assert latinpages._page_blocks(text, page) == latinpages._page_each_line(text, page)


def test_a_long_page_is_undone_across_its_blocks() -> None:
    czech = CZECH * 600  # (some 90,000 characters: two blocks)
    garbled = czech.encode("cp1250").decode("cp1252")
    page = latinpages._PAGES[0]
    assert latinpages._page_blocks(garbled, page) == latinpages._page_each_line(garbled, page)
    assert mojifix.fix_text(garbled) == czech
