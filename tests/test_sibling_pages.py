"""UTF-8 read as ISO-8859-2 or windows-1250 in short, catalog-shaped documents: the document
decides which of the two sibling pages it was read through, not ftfy's first guess for a line.

ftfy tries windows-1250 before ISO-8859-2 and takes the first that decodes a line; most lines
of Western text read through ISO-8859-2 decode through both, differently (``ĂŠ`` is ``é``
through ISO-8859-2, ``Ê`` through windows-1250). A probe on Django's translation catalogs
found Catalan ``és`` repaired as ``Ês``, Danish ``i går`` as ``i gür``, Bosnian ``šest`` left
as ``ĹĄest`` beside a repaired ``četiri``, and short files of two lines left whole. The
documents here are written for these tests (a few catalog-like lines each); each is garbled
by the test itself. A clean first line with ``©`` (which neither page writes) keeps a
document off the whole-document road, so the line road (ftfy, then the document's plan) is
the one tested there.
"""

from __future__ import annotations

import pytest

import mojifix
from mojifix.fixers import pagechoice, pagewords, wholepage
from mojifix.scoring.letters import outside_alphabet

# A clean line neither sibling page can write: the document goes line by line.
HEADER = "# Übersetzung © die Mitwirkenden\n"


def garble(text: str, page: str) -> str:
    return text.encode("utf-8").decode(page)


def repaired(text: str) -> tuple[str, list[str]]:
    """The repair's text (both roads give the same) and its findings' summaries."""
    repair = mojifix.repair_text(text)
    assert mojifix.fix_text(text) == repair.text
    return repair.text, [f.summary for f in repair.findings]


CATALAN = ("Col·lecció de punts\nLa contrasenya és massa curta.\nEl camp no és vàlid.\n"
           "Hi ha hagut un error inesperat, torneu-ho a provar més tard.\n")
DANISH = ("Gør tallene menneskelige for brugeren\nen\nto\ni dag\ni går\nfor %(n)d år siden\n"
          "om %(n)d måneder\n")


@pytest.mark.parametrize("head", ["", HEADER])
def test_a_catalan_list_through_iso_8859_2_is_not_read_through_windows_1250(head: str) -> None:
    """``és`` through ISO-8859-2 is ``ĂŠs``, which windows-1250 reads as ``Ês``; ``l·l`` is
    ``lÂˇl``, ``l¡l`` through windows-1250. Was: ``Col¡lecció``, ``no Ês``, ``mÊs``."""
    text, findings = repaired(head + garble(CATALAN, "iso-8859-2"))
    assert text == head + CATALAN
    assert findings == ["UTF-8 read as iso-8859-2: 6 places, 6 characters changed"]


@pytest.mark.parametrize("head", ["", HEADER])
def test_a_danish_list_takes_the_document_s_page_on_its_short_lines(head: str) -> None:
    """ftfy repairs the one long line, which both pages read alike (``ø``), and names
    windows-1250; the short lines are the plan's, and the document's letters (``ø å``, no
    language writes ``ø ü``) give ISO-8859-2. Was: ``i gür``, ``for %(n)d ür siden``."""
    text, findings = repaired(head + garble(DANISH, "iso-8859-2"))
    assert text == head + DANISH
    assert findings == ["UTF-8 read as iso-8859-2: 4 places, 4 characters changed"]


def test_the_same_danish_list_through_windows_1250_stays_windows_1250() -> None:
    """The other way round: ``å`` through windows-1250 is ``ĂĄ``, which ISO-8859-2 reads as
    ``á`` (Faroese writes ``ø`` and ``á``: the letters cannot tell); ``æ`` is ``Ă¦``, which only
    windows-1250 reads (``¦`` is no ISO-8859-2 character), and that line decides."""
    words = DANISH.replace("for brugeren", "for brugeren at læse")
    text, findings = repaired(HEADER + garble(words, "windows-1250"))
    assert text == HEADER + words
    assert findings == ["UTF-8 read as windows-1250: 5 places, 5 characters changed"]


def test_a_line_only_iso_8859_2_reads_takes_it_beside_lines_named_latin_1() -> None:
    """``Ä\\x8d`` (``č``) reads the same through Latin-1 and ISO-8859-2, and ftfy names Latin-1;
    ``ĹĄest`` (``šest``) only ISO-8859-2 reads. The short line is repaired by the page the
    document's lines all share. Was: ``ĹĄest`` left beside a repaired ``četiri``."""
    numbers = "%(n)d hiljada\njedan\ndva\ntri\nčetiri\npet\nšest\nsedam\nosam\njučer\n"
    text, findings = repaired(HEADER + garble(numbers, "iso-8859-2"))
    assert text == HEADER + numbers
    assert findings == ["UTF-8 read as Latin-1: 2 places, 2 characters changed",
                        "UTF-8 read as iso-8859-2: 1 place, 1 character changed"]


def test_a_word_both_siblings_read_alike_is_repaired_beside_no_break_spaces() -> None:
    """Afrikaans ``môre`` through windows-1250 is ``mĂ´re`` (``ô`` through either sibling);
    the lines ftfy repaired are no-break spaces (``Â\\xa0``), which Latin-1 reads too and which
    ftfy names so. Was: ``mĂ´re`` left."""
    words = "vandag\nmôre\ngister\n%(n)s\u00a0uur gelede\n%(n)s\u00a0minute gelede\noor %(n)s\u00a0ure\n"
    text, findings = repaired(HEADER + garble(words, "windows-1250"))
    assert text == HEADER + words
    assert findings == ["UTF-8 read as Latin-1: 3 places, 3 characters changed",
                        "UTF-8 read as windows-1250: 1 place, 1 character changed"]


def test_letters_the_document_cannot_tell_apart_are_left_as_they_came() -> None:
    """Estonian ``üks`` through ISO-8859-2 is ``Ăźks``: ``üks`` through ISO-8859-2, ``ßks``
    through windows-1250, and the document's other letter (``ä``) is German and Estonian
    alike. Those lines stay as they came (a missed repair, not a wrong one); the rest is
    repaired. Was: ``ßks``, ``ßheksa``."""
    words = "Inimloetavaks muutmine\nüks\nkaks\nüheksa\ntäna\n%(n)d nädalat\n%(n)s\u00a0sekundit tagasi\n"
    garbled = HEADER + garble(words, "iso-8859-2")
    text, _ = repaired(garbled)
    assert text == HEADER + words.replace("üks", "Ăźks").replace("üheksa", "Ăźheksa")


def test_welsh_letters_through_iso_8859_2_are_read_whole() -> None:
    """Welsh ``ë`` and ``ŵ`` through ISO-8859-2 (``ĂŤ``, ``Ĺľ``) read as ``Í`` and ``ž``
    through windows-1250: a capital inside a word (``DilÍwyd``) decides. Was: ``gržp``."""
    words = ("Dilëwyd %(count)d eitem yn llwyddiannus.\nGrŵp newydd\nDilëwyd y grŵp\n"
             "Dewiswch grŵp i'w newid\n")
    garbled = garble(words, "iso-8859-2")
    assert wholepage.reading(garbled) == (("utf-8", "iso-8859-2"), words)
    assert repaired(garbled)[0] == words


@pytest.mark.parametrize("page", wholepage.SIBLINGS)
@pytest.mark.parametrize("lists", [True, False], ids=["word-lists", "no-word-lists"])
def test_a_two_line_catalog_is_read_whole_on_its_split_words(page: str, lists: bool,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Two short lines, two letters: fewer than a whole reading needs, but each garbled letter
    is a capital inside a word (``sadrĹžaja``), which no word holds. Was: left as it came."""
    if lists:
        pytest.importorskip("wordfreq")
    else:
        monkeypatch.setattr(pagewords, "_installed", lambda: False)
    words = "vrsta sadržaja\nvrste sadržaja\n"
    garbled = garble(words, page)
    assert wholepage.inside_words(garbled, words)
    if page == "iso-8859-2":
        assert repaired(garbled) == (words, ["UTF-8 read as iso-8859-2: 2 places, 2 characters changed"])
    elif lists:  # (``ž`` through windows-1250 is ``Ĺľ``: ``ŵ`` through ISO-8859-2, Welsh; the
        # shapes cannot tell, the word lists can: ``sadržaja`` is a Croatian word, fixers/pagewords.py)
        assert repaired(garbled) == (words, ["UTF-8 read as windows-1250: 2 places, 2 characters changed"])
    else:  # (without them nothing decides)
        assert repaired(garbled) == (garbled, [])


def test_a_short_spanish_catalog_is_read_whole() -> None:
    """Five letters, one at a word's start (``ĂŠxito``), the others inside words."""
    words = ("Información personal\nContraseña cambiada con éxito.\nEl campo no es válido.\n"
             "Nombre de usuario\nCorreo electrónico\n")
    assert repaired(garble(words, "iso-8859-2"))[0] == words


@pytest.mark.parametrize("clean", [
    "PĂŞUNI\nMĂŞTI\n",  # Romanian in capitals (a legacy cedilla): UTF-8 through ISO-8859-2
    "yn Ă´l\nyn Ă´l eto\n",  # letters at words' starts only
    "triba de contenĂ\u00adu\n",  # one run inside a word: too little
])
def test_a_short_text_without_split_words_is_not_read_whole(clean: str) -> None:
    reading = clean.encode("iso-8859-2").decode("utf-8")  # (each of them is UTF-8 through the page)
    assert not wholepage.inside_words(clean, reading)
    assert wholepage.reading(clean) is None
    assert mojifix.fix_text(clean) == clean


def test_the_document_page_from_its_lines() -> None:
    """A line only one page explains decides; else the letters of the readings; else nothing."""
    iso = [garble(line, "iso-8859-2") for line in ("četiri", "i går", "kort")]
    assert pagechoice.document_page(iso) == pagechoice.ISO  # (``Ä\x8d``: a C1 control, no cp1250)
    win = [garble(line, "windows-1250") for line in ("tržiště", "i går")]
    assert pagechoice.document_page(win) == pagechoice.WIN  # (``ĹˇtÄ›``: ``ě`` is 9B, a C1 in ISO-8859-2)
    assert pagechoice.document_page([garble("i går, mørkt", "iso-8859-2")]) == pagechoice.ISO
    # ``fünf`` or ``fånf``: both an alphabet's letters; the word lists tell (fixers/pagewords.py)
    assert pagechoice.document_page([garble("fünf", "windows-1250")]) == (
        pagechoice.WIN if pagewords._installed() else pagechoice.UNDECIDED)
    assert pagechoice.document_page([garble("fünx", "windows-1250")]) == pagechoice.UNDECIDED
    assert pagechoice.document_page([garble("môre", "windows-1250")]) == pagechoice.UNDECIDED
    assert pagechoice.document_page(["clean text", "déjà vu"]) is None
    assert pagechoice.document_page(iso + win) is None  # two parts: the regions' question


def test_a_reading_with_a_capital_or_a_symbol_inside_a_word_reads_worse() -> None:
    assert pagechoice.reading_prefers("més tard", "mÊs tard")
    assert pagechoice.reading_prefers("Col·lecció", "Col¡lecció")
    assert pagechoice.reading_prefers("inválido", "inv÷lido")
    assert pagechoice.reading_prefers("één", "ÊÊn")  # (Dutch, through ISO-8859-2 and windows-1250)
    assert not pagechoice.reading_prefers("fünf", "fånf")
    assert not pagechoice.reading_prefers("fånf", "fünf")


def test_letters_outside_one_alphabet_are_counted() -> None:
    assert outside_alphabet("i går, mørk") == 0
    assert outside_alphabet("i gür, mørk") == 1
    assert outside_alphabet("año º") == 0
