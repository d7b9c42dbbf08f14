"""Lone ``Ã``/``Â`` letters (``fixers/loneletters.py``): a line whose only repair would be of them
is repaired in a document that shows other mojibake, unless the line shows it was written in
the page's letters. Found by a new user's QA: two Italian man pages put in one file, one with a
garbled word (``altresÃ¬``), the other a character table; the table's ``Â `` became a no-break
space and its ``Ã `` an ``à``."""

from __future__ import annotations

import mojifix
from conftest import run_cli, shared_path

GARBLED = "Lo standard ISO 8859 (altresÃ¬ conosciuto come ISO 646-IRV).\n"
REPAIRED = "Lo standard ISO 8859 (altresì conosciuto come ISO 646-IRV).\n"
TABLE = (  # (a cut of it/latin9.7's table, one line in the file)
    "274 188 BC Œ LATIN CAPITAL LIGATURE OE 275 189 BD œ LATIN SMALL LIGATURE OE "
    "277 191 BF ¿ INVERTED QUESTION MARK 300 192 C0 À LATIN CAPITAL LETTER A WITH GRAVE "
    "302 194 C2 Â LATIN CAPITAL LETTER A WITH CIRCUMFLEX 303 195 C3 Ã LATIN CAPITAL LETTER A WITH TILDE\n"
)

def test_a_character_table_beside_a_garbled_word_is_kept():
    repair = mojifix.repair_text(GARBLED + TABLE)
    assert repair.text == REPAIRED + TABLE
    [finding] = repair.findings
    assert (finding.kind, finding.count, finding.changed) == ("mojibake", 1, 1)


def test_the_table_is_kept_on_disk_by_fix_in_place(tmp_path):
    path = tmp_path / "charsets.7.txt"
    path.write_text(GARBLED + TABLE, encoding="utf-8")
    result = run_cli("fix", "-i", str(path))
    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8") == REPAIRED + TABLE


def test_a_lone_letter_line_of_a_garbled_document_is_still_repaired():
    # Nothing else of the page on the line: its lone letters are one more case of the
    # document's mojibake (a no-break space and an ``à`` whose A0 byte became a space).
    page = "cafÃ© au lait\nrÃ©sumÃ© du jour\nÂ Note: Ã la carte\n"
    assert mojifix.fix_text(page) == "café au lait\nrésumé du jour\n\xa0Note: à la carte\n"


def test_a_lone_letter_line_with_other_page_letters_is_kept():
    page = "cafÃ© au lait\nrÃ©sumÃ© du jour\nÂ Note: Ã la carte, ¡olé!\n"
    assert mojifix.fix_text(page) == "café au lait\nrésumé du jour\nÂ Note: Ã la carte, ¡olé!\n"


def test_real_character_tables_with_one_garbled_line_change_only_that_line():
    # Every Italian man page of the development corpus (the character tables among them), with
    # a line garbled through Latin-1 and one through windows-1252 put first.
    folder = shared_path("corpus", "manpages", "it")
    garbled = {"altresÃ¬ conosciuto come\n": "altresì conosciuto come\n",
               "the userâ€™s own manual\n": "the user’s own manual\n"}
    wrong = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text("utf-8").replace("altresÃ¬", "altresì")  # (the corpus's own erratum)
        for bad, good in garbled.items():
            if mojifix.fix_text(bad + text) != good + text:
                wrong.append(f"{path.name}: {bad.strip()}")
    assert not wrong


def test_one_garbled_line_is_not_enough_for_a_line_naming_the_letters():
    # (a review) Nothing else of the page on the line, but only one other line of mojibake:
    # the plan asks two lines of evidence, and so do lone letters.
    line = "Le lettere Ã e Â sono rare.\n"
    assert mojifix.fix_text(GARBLED + line) == REPAIRED + line
    assert mojifix.repair_text(GARBLED + line).text == REPAIRED + line


def test_one_heavily_garbled_line_counts_as_two():
    # As the plan counts it (mojibake.STRONG_LINE places on one line: two units of evidence)
    line = ("La qualitÃ  Ã¨ alta, perchÃ© la cittÃ  Ã¨ grande e lÃ¬ si puÃ² restare piÃ¹ a lungo; "
            "cosÃ¬ Ã¨ giÃ  deciso, perciÃ² nessuno Ã¨ partito.\n")
    fixed = ("La qualità è alta, perché la città è grande e lì si può restare più a lungo; "
             "così è già deciso, perciò nessuno è partito.\n")
    assert mojifix.fix_text(line + "Ã la carte\n") == fixed + "à la carte\n"
