"""The word lists break a tie between the sibling pages (fixers/pagewords.py).

UTF-8 read through windows-1250 or ISO-8859-2: where the two pages read a line differently and
both readings are letters of some alphabet (``fünf`` or ``fßnf``, ``mañana`` or ``maùana``),
the document's page was left undecided and such a line garbled (27 of Django's short catalogs;
a Spanish text was left garbled whole). With the ``words`` extra installed, the reading made of
words wins; without it, the tie stays (missed, never wrong).
"""

from __future__ import annotations

import pytest

import mojifix
from mojifix.fixers import pagechoice, pagewords

pytest.importorskip("wordfreq")

DOCUMENTS = {
    "de": "eins\nzwei\ndrei\nvier\nfünf\nsechs\nvor 5\xa0Sekunden\nin 3\xa0Minuten\n",
    "es": ("Humanización de números: configuración, administración y aplicación.\n"
           "uno\ndos\ntres\nhoy\nmañana\nayer\n"),
    "sv": ("ett\ntvå\ntre\nåtta\nen sekund från nu\nen minut från nu\n"
           "Ändra inställningar för sökvägen här.\n"),
}


@pytest.mark.parametrize("page", ["iso-8859-2", "windows-1250"])
@pytest.mark.parametrize("lang", sorted(DOCUMENTS))
def test_a_document_whose_pages_tie_is_read_through_the_one_that_makes_words(lang: str, page: str) -> None:
    doc = DOCUMENTS[lang]
    assert mojifix.fix_text(doc.encode("utf-8").decode(page)) == doc


def test_the_readings_words_decide_and_a_word_of_each_is_a_tie() -> None:
    assert pagewords.prefers("f\u00fcnf", "f\u00dfnf") == 1
    assert pagewords.prefers("ma\u00f9ana", "ma\u00f1ana") == -1
    # Danish ``går`` is Turkish ``gür`` through windows-1250: both words, a tie.
    assert pagewords.prefers("i g\u00e5r", "i g\u00fcr") == 0
    # A language without a list (Breton) is a tie too.
    assert pagewords.prefers("brema\u00f1", "brema\u00f9") == 0


def test_the_document_page_takes_the_words_only_on_a_tie() -> None:
    garbled = DOCUMENTS["de"].encode("utf-8").decode("iso-8859-2")
    assert pagechoice.document_page(garbled.split("\n")) == pagechoice.ISO
    danish = "i dag\ni går\nfor 2\xa0dage siden\n"
    garbled = danish.encode("utf-8").decode("iso-8859-2")
    assert pagechoice.document_page(garbled.split("\n")) == pagechoice.UNDECIDED
    assert mojifix.fix_text(garbled) == "i dag\ni gĂĽr\nfor 2\xa0dage siden\n"  # (left, not ``gür``)


def test_without_the_word_lists_the_tie_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagewords, "_installed", lambda: False)
    doc = DOCUMENTS["de"]
    garbled = doc.encode("utf-8").decode("iso-8859-2")
    assert mojifix.fix_text(garbled) == doc.replace("fünf", "fĂźnf")  # (the nbsp lines repaired)


# A short Czech catalog (geometry names): one letter the pages read differently.
CZECH = "Bod\nÚsek čáry\nPolygon\nKolekce geometrií\n"
# A short Bosnian list (numbers and a day): three letters.
BOSNIAN = "jedan\ndva\ntri\nčetiri\npet\nšest\njučer\n"


@pytest.mark.parametrize("way", [("cp1250", "latin-1"), ("cp1250", "cp1252"), ("iso-8859-2", "latin-1")],
                         ids="->".join)
def test_a_short_central_european_catalog_is_repaired_on_its_words(way: tuple[str, str]) -> None:
    """Before: left as it came, ``Úsek èáry``: fewer letters than the Central European pages
    need (latinpages.MIN_CHANGED). Its repaired words are Czech words (wordfreq's ``cs``),
    those as they came no language's."""
    garbled = CZECH.encode(way[0]).decode(way[1])
    assert mojifix.fix_text(garbled) == CZECH


def test_a_short_list_whose_only_other_letter_is_a_c1_control_is_repaired() -> None:
    """Read as Latin-1, the Bosnian list's ``š`` is a C1 control (cp1252's ``š`` too), so its
    letters fit no Western alphabet; before, ``četiri`` came out ``èetiri`` beside ``šest``.
    Read as cp1252 (``èetiri``, ``šest``) or ISO 8859-2 as Latin-1 (``¹est``), its changed
    lines are French letters as they stand (``è``): left as they came, missed not wrong."""
    assert mojifix.fix_text(BOSNIAN.encode("cp1250").decode("latin-1")) == BOSNIAN
    garbled = BOSNIAN.encode("cp1250").decode("cp1252")
    assert mojifix.fix_text(garbled) == garbled


@pytest.mark.parametrize("text", [
    "Bjørn går på æblejagt i skoven.\nThérèse Müller\nJosé Peña\n",
    "Authors:\nBjørn Ándres, Søren Kierkegaard, Jørgen Ýr\nÅsa Öberg\n",
    "Le garçon a mangé une crêpe.\nDer Bär schläft.\n",
])
def test_western_names_too_few_for_the_alphabets_stay(text: str) -> None:
    """Names from several Western languages fit no one alphabet and map into Czech (``ø`` is
    cp1250's ``ř``); their words as they are, not as cp1250 reads them, are the known ones."""
    assert mojifix.fix_text(text) == text
    assert mojifix.fix_text(text.replace("\n", " ")) == text.replace("\n", " ")


@pytest.mark.parametrize("text", ["{}.º\nNo tiene permiso para ver esto.\n", "º\nModificar\n",
                                  "Ponto\n{}.º\n%(num)d horas\n"])
def test_an_ordinal_sign_is_no_word(text: str) -> None:
    """Clean Spanish and Portuguese catalogs: ``º`` is cp1250's ``ş`` read as cp1252, and the
    word lists hold single letters (``ş``). A word must have three letters to count (before
    this rule, such a text came out ``{}.ş``)."""
    assert mojifix.fix_text(text) == text
