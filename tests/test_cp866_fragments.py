"""Russian saved as cp866 and opened as cp1251 is left as it came (a new user's QA pass).

Its bytes hold three-byte UTF-8 shapes by chance (``вҐ¬`` is E2 A5 AC), which ftfy's partial
decoding read back inside words that stay garbled: ``бЁбвҐ¬л`` became ``бЁб⥬л``, ``жҐ«®¬``
``楫®¬``, ``зҐ¬`` (Russian ``чем``) ``祬``, on all 41 Russian pages of the corpus cp866 and
cp1251 both write, and the manual recovery ``.encode('cp1251').decode('cp866')`` then failed.
``fixers/ftfyguard.py`` now refuses, on a line holding Cyrillic letters, a repair that glues
such a character to a letter left as it was, or that is a word of one or two characters no
text writes alone; real UTF-8 read as cp1251 (``→Далее``, ``中文``) is still repaired.
"""

from __future__ import annotations

import os

import pytest

import mojifix
from conftest import shared_path

RU = ("boot - процесс запуска системы, основанной на UNIX System V Release 4\n"
      "В целом процесс загрузки системы, в которой нет файла, чем больше текущей.\n")


def test_cp866_read_as_cp1251_is_left_and_recoverable() -> None:
    garbled = RU.encode("cp866").decode("cp1251")
    repair = mojifix.repair_text(garbled)
    assert (repair.text, repair.findings) == (garbled, ())
    assert repair.text.encode("cp1251").decode("cp866") == RU


@pytest.mark.parametrize("fragment", ["бЁбвҐ¬л", "вҐ¬ бЁбвҐ¬ жҐ«®¬", "Ё г¦Ґ Ґбвм", "бҐ¬\xa0д®а®ў", "вҐЄгйҐ©",
                                      "¬Ґбв\xa0, зҐ¬ а\xa0§¬Ґа"])
def test_cp866_fragments_get_no_symbol_or_ideograph(fragment: str) -> None:
    assert mojifix.fix_text(fragment) == fragment


@pytest.mark.parametrize("ok", ["Нажмите →Далее и 中文 тут", "Привет, мир — это тест «кавычек».",
                                "中文中文", "Hello नमस्ते", "This is signiﬁcantly lower"])
def test_utf8_read_as_cp1251_still_comes_back(ok: str) -> None:
    assert mojifix.fix_text(ok.encode().decode("cp1251")) == ok


def test_korean_middle_dot_and_math_brackets_still_come_back() -> None:
    # (what the bench found while these rules were being written: a Latin-1 ``·`` beside a
    # repaired hangul is the mojibake's own, and ``⟨…⟩`` are brackets, no rare symbols)
    for ok in ["신·구조문대비표", "presso ⟨ftp://ftp.gwdg.de/pub/linux/misc/ncpfs⟩."]:
        assert mojifix.fix_text(ok.encode().decode("cp1252")) == ok


def test_corpus_russian_pages_through_cp866_and_cp1251_are_left() -> None:
    folder = shared_path("corpus", "manpages", "ru")
    left = 0
    for name in sorted(os.listdir(folder)):
        text = (folder / name).read_text("utf-8")
        text = "".join(c for c in text if c.encode("cp866", "ignore"))
        try:
            garbled = text.encode("cp866").decode("cp1251")
        except UnicodeDecodeError:
            continue  # (cp866's Ш, Щ ... are 98, a hole of cp1251: 19 pages)
        assert mojifix.fix_text(garbled) == garbled, name
        left += 1
    assert left == 41
