"""What counts as evidence of a Central European or Turkish page (fixers/latinpages.py).

A probe on short translation catalogs (UI strings one a line, or the .po file itself) found the
latin pages writing wrong letters where the document held few non-ASCII ones:

* the C1 controls of a page read as Latin-1 (``\\x92`` ``\\x93`` ``\\x85``) are the same quotes and
  dots in cp1250, cp1252 and cp1254: counted as the page's letters, they chose cp1250 for an
  English catalog whose only letter was ``å`` (``Bokmål`` came out ``Bokmĺl``) and an Italian one
  (``è`` came out ``č``);
* UTF-8 read as Latin-1 (``sadrÅ¾aja``, ``JesÃºs``) was re-read as cp1250 (``sadrĹľaja``,
  ``JesĂşs``) instead of undone.

The documents below are written for these tests, in the catalogs' shape.
"""

from __future__ import annotations

import pytest

import mojifix
from mojifix.fixers import latinpages, sloppy

ENGLISH_PO = (
    'msgid ""\nmsgstr ""\n"Language-Team: English\\n"\n\n'
    'msgid "Norwegian Bokmål"\nmsgstr ""\n\n'
    'msgid "Don’t close the window…"\nmsgstr ""\n\n'
    'msgid "The “%(name)s” field is required."\nmsgstr ""\n\n'
    'msgid "This user’s e-mail address – if any"\nmsgstr ""\n\n'
    'msgid "You can’t undo this."\nmsgstr ""\n'
)
ITALIAN_STRINGS = (
    "La password è stata cambiata.\nL’utente non è attivo.\nCampo “%(name)s” obbligatorio\n"
    "Non è possibile salvare l’oggetto.\nCosì è, se vi pare\nUn’altra volta più tardi\n"
)
CROATIAN_STRINGS = (
    "Vrste sadržaja\nime klase modela\nvrsta sadržaja\nNema sadržaja za prikaz\n"
    "Sadržaj %(id)s ne postoji\n"
)
SPANISH_PO = (
    '# Translators:\n# Jesús Ruiz <jruiz@example.org>, 2019\nmsgid ""\nmsgstr ""\n'
    '"Last-Translator: Jesús Ruiz\\n"\n\nmsgid "content type"\nmsgstr "tipo de contenido"\n\n'
    'msgid "%(name)s objects don’t have a URL"\nmsgstr "Los objetos %(name)s no tienen una URL"\n\n'
    'msgid "Object %(id)s doesn’t exist"\nmsgstr "El objeto %(id)s no existe"\n'
)
CZECH_STRINGS = (
    "Typy obsahu\nnázev třídy modelu v Pythonu\ntyp obsahu\ntypy obsahu\n"
    "Objekt typu %(ct)s nemá přidružený model.\nObjekt %(id)s typu %(ct)s neexistuje.\n"
    "Objektům typu “%(name)s” chybí metoda get_url().\nŘádek číslo %(n)s – změněno\n"
)
SLOVENE_STRINGS = "Afrikanščina\nArabščina\nBeloruščina\nBolgarščina\nČeščina\nprazen niz\nŠe nekaj\n"


@pytest.mark.parametrize("page", ["cp1254", "cp1252"])
def test_a_western_catalog_with_c1_quotes_keeps_its_letters(page: str) -> None:
    # cp1254 and cp1252 write this catalog with the same bytes: its quotes are C1 controls read
    # as Latin-1, and its one letter ``å`` (E5) reads the same in both; cp1250 reads E5 as ``ĺ``.
    for text in (ENGLISH_PO, ITALIAN_STRINGS):
        garbled = text.encode(page).decode("latin-1")
        assert "\x92" in garbled
        assert mojifix.fix_text(garbled) == text
    garbled = ENGLISH_PO.encode(page).decode("latin-1")
    assert 'msgid "Norwegian Bokmål"' in garbled  # (the letter was never garbled)
    assert latinpages.repairs(garbled) == []


def test_c1_punctuation_is_no_evidence_of_the_page() -> None:
    cp1250 = next(page for page in latinpages._PAGES if page.chain == ("windows-1250", "latin-1"))
    assert {"\x85", "\x91", "\x92", "\x93", "\x94", "\x96", "\x97"} <= cp1250.neutral
    assert cp1250.read_as == {"\x8a": "Š", "\x8e": "Ž", "\x9a": "š", "\x9e": "ž"}
    assert {"\x8c", "\x9c", "\x9f"} <= cp1250.symbols  # (``Ś ś ź``: cp1250's own)
    assert not cp1250.neutral & cp1250.symbols


@pytest.mark.parametrize("wrong", ["latin-1", "windows-1252"])
@pytest.mark.parametrize("text", [CROATIAN_STRINGS, SPANISH_PO], ids=["hr", "es"])
def test_utf8_read_as_a_western_page_is_undone_not_reread_as_cp1250(text: str, wrong: str) -> None:
    garbled = text.encode("utf-8").decode(wrong)
    assert mojifix.fix_text(garbled) == text
    assert latinpages.repairs(garbled) == []


def test_the_utf8_line_is_left_to_the_chain_fixer() -> None:
    assert mojifix.fix_text("sadrÅ¾aja\nsadrÅ¾aja\nsadrÅ¾aja\nsadrÅ¾aja\n") == "sadržaja\n" * 4
    assert sloppy.is_utf8("sadrÅ¾aja".encode("latin-1"))
    assert not sloppy.is_utf8("přidružený".encode("cp1250"))  # (Czech in cp1250: ø, then ASCII)


@pytest.mark.parametrize(("text", "page"), [(CZECH_STRINGS, "cp1250"), (SLOVENE_STRINGS, "cp1250")],
                         ids=["cs", "sl"])
def test_a_central_european_catalog_read_as_latin1_still_comes_back(text: str, page: str) -> None:
    # Its own letters are the evidence (``ř ů ě``; Slovene ``č`` with ``š``, which cp1250 and
    # cp1252 both write at 9A, asked as the letter ``š``), its quotes and dash repaired with them.
    garbled = text.encode(page).decode("latin-1")
    assert mojifix.fix_text(garbled) == text


# Turkmen saved as cp1250: ``ş`` is BA (cp1252's ``º``), ``ý`` FD in both pages. Its ``ý`` lines
# alone look Turkish read as cp1252 (``ý`` is cp1254's ``ı``), and the Turkish page took them.
TURKMEN = ("Düşnüklileşdir\n"
           "Düýn ýagyn ýagdy.\n"
           "Ýedi ýyl geçdi.\n"
           "Bu ýer gözel.\n"
           "Ýüz ýyl ozal.\n"
           "Şu gün howa gowy.\n")


@pytest.mark.parametrize("wrong", ["cp1252", "latin-1"])
def test_a_page_that_leaves_another_pages_letter_inside_a_word_is_not_the_documents(wrong: str) -> None:
    """Before: ``Düýn ýagyn`` became ``Düın ıagyn`` (and ``Ýedi`` ``İedi``) while every ``º``
    of ``Düºnüklileºdir`` (cp1250's ``ş``) stayed: a wrong repair. A ``º`` between two letters
    is another page's letter; the Turkish page, which reads it as it is, is refused (Django's
    Turkmen catalogs): left as it came, missed rather than wrong."""
    garbled = TURKMEN.encode("cp1250").decode(wrong)
    assert latinpages.repairs(garbled) == []
    assert mojifix.fix_text(garbled) == garbled
    # The Turkish page still takes Turkish, whose ``ş`` is its own (cp1254's FE, cp1252's ``þ``).
    turkish = "Açılış işlemleri başarısız oldu.\nDosya bulunamadı: ayarları değiştirin.\n" * 3
    assert mojifix.fix_text(turkish.encode("cp1254").decode(wrong)) == turkish


LOWER_SORBIAN = ("Wopśimjeśowe typy\nNěkotare dypki\nPśeśiwne formulary\nZměnjone objekty\n"
                 "Wšykne datowe typy\nŽedne změny\n")
TURKMEN_PAGE = ("Mazmunyň görnüşleri\nUlanyjy maglumaty\nSoňky giriş\nTäze paroly giriziň\n"
                "Ulanyjynyň ady\nGörnüşi üýtgedildi\n")


@pytest.mark.parametrize("way", [("cp1250", "cp1252"), ("cp1250", "latin-1"), ("iso-8859-2", "latin-1")],
                         ids="->".join)
@pytest.mark.parametrize("text", [LOWER_SORBIAN, TURKMEN_PAGE], ids=["dsb", "tk"])
def test_sorbian_and_turkmen_pages_come_back(text: str, way: tuple[str, str]) -> None:
    """Their letters fit no alphabet of CENTRAL_ALPHABETS (Sorbian writes Polish ``ś`` beside
    Czech ``ě``; Turkmen ``ň ş ý`` beside ``ä``): left as they came (Django's dsb, hsb and tk
    catalogs). The pages take them now (latinpages.PAGE_ALPHABETS)."""
    assert mojifix.fix_text(text.encode(way[0]).decode(way[1])) == text
