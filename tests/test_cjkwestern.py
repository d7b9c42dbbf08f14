"""A Latin-script document saved in GBK or EUC-KR and read as Latin-1 or cp1252 is decided at
once (fixers/cjkwestern.py): GBK writes ``í`` as A8AA, ``¨ª`` through Latin-1. The base made
``l¨Şnea`` of such a Spanish page (cp1250's reading, fixers/latinpages.py) and left Italian,
French and Asturian ones garbled. Catalog-shaped documents of our own words."""

from __future__ import annotations

import pytest

import mojifix
from mojifix.fixers import cjkwestern, latinpages

SPANISH = ("Punto\nCadena de línea\nPolígono\nPunto múltiple\nCadena de línea múltiple\n"
           "Polígono múltiple\nColección de geometrías\nNingún valor de geometría.\n"
           "Valor de geometría inválido.\nTipo de geometría inválido.\n")
ITALIAN = ("Amministrazione\nTutti\nSì\nNo\nSconosciuto\nLa password è stata modificata.\n"
           "Si è verificato un errore durante il salvataggio.\nModello di città\n")
IRISH = ("Cineál Inneachair\npíotón samhail ainm ranga\ncineál inneachair\ncineálacha inneachair\n"
         "píotón\n")
FRENCH = "la classe python du modèle\ntype de contenu\ntypes de contenu\nmodèle associé\n"
HUNGARIAN = "Tartalom típusok\npython modell osztály neve\ntartalom típus\nhiányzó adat\n"
# Two pairs only, and EUC-KR reads A8AA too (``Ø``: ``contenØu`` fits Danish's letters): the
# costs choose GBK's ``í``.
ASTURIAN = "triba de conteníu\ntribes de conteníu\nnome de la clas python del modelu\n"
# Two letters, a dash and a quote: every non-ASCII character a pair (the base repaired the
# dash and the quote alone).
ITALIAN_PO = ('msgid "An error occurred."\nmsgstr "Si è verificato un errore — riprova."\n\n'
              'msgid "The slug %r is not registered."\nmsgstr "Lo slug %r non è registrato."\n\n'
              'msgid "Do not"\nmsgstr "Non farlo’"\n')
DANISH = ("Indholdstype\nindholdstyper\n%(ct_id)s-objekt har ingen tilhørende model\n"
          "øjeblikkelig størrelse\n")


@pytest.mark.parametrize(("text", "page"), [
    (SPANISH, "gbk"), (ITALIAN, "gbk"), (IRISH, "gbk"), (FRENCH, "gbk"), (HUNGARIAN, "gbk"),
    (ASTURIAN, "gbk"), (ITALIAN_PO, "gbk"), (DANISH, "euc-kr")])
@pytest.mark.parametrize("wrong", ["latin-1", "cp1252"])
def test_a_latin_catalog_saved_in_a_cjk_page_comes_back(text: str, page: str, wrong: str) -> None:
    garbled = text.encode(page).decode(wrong)
    assert mojifix.fix_text(garbled) == text
    # (named Latin-1 either way: these pairs are bytes A1-FE, which both pages read alike, and a
    # text both write is named Latin-1, as the line search names it)
    assert cjkwestern.reading(garbled) == ((page, "latin-1"), text)
    assert mojifix.fix_text(text) == text


def test_what_the_spanish_page_looks_like_and_what_cp1250_made_of_it(monkeypatch: pytest.MonkeyPatch) -> None:
    garbled = SPANISH.encode("gbk").decode("latin-1")
    assert garbled.split("\n")[1:3] == ["Cadena de l¨ªnea", "Pol¨ªgono"]
    # The cp1250 road no longer reads it (``ª`` is cp1250's ``Ş``: ``l¨Şnea``, a wrong repair);
    # with this module's road switched off, the line search repairs it.
    assert latinpages.repairs(garbled) == []
    monkeypatch.setattr(cjkwestern, "reading", lambda text: None)
    assert mojifix.fix_text(garbled) == SPANISH


@pytest.mark.parametrize("text", [
    # Latin-1's symbols listed: GBK reads them as CJK punctuation, not Western letters.
    "Latin-1 symbols: ¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ and letters ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ\nEnglish.\n",
    # A pair that does not decode with the rest (``é`` before an ASCII letter is a hanzi).
    "Spacing diaeresis ¨¬ in a table.\nUne île déserte.\n",
    # One pair alone is too little evidence: left as it came.
    "Lo slug %r non ¨¨ registrato.\nNessun altro carattere qui.\n",
    "Copyright ©ª 2020.\nPlain text line.\n",
])
def test_clean_or_doubtful_text_is_left(text: str) -> None:
    assert cjkwestern.reading(text) is None
    assert mojifix.fix_text(text) == text
