"""Two parts garbled two ways in one file: French UTF-8 read as cp1252, then Russian cp1251 read
as cp1252 (a new user's QA pass).

The Russian part makes cp1251-read-as-cp1252 the document's plan (``fixers/plan.py``), and the
plan took French lines ftfy had not claimed yet: ``rÃ©solution`` through cp1251 is
``rГ©solution``, which the model prices a little below the line. A line ftfy re-decodes into
text cheaper than the plan's reading is now ftfy's (``plan.search_repairs``' ``defer``): both
parts come back.
"""

from __future__ import annotations

import pytest

import mojifix
from conftest import shared_path

FR = ("hostname - Description de la résolution de noms\n"
      "Si le nom n'est constitué que d'un seul composant, c'est-à-dire qu'il ne contient pas de point.\n")
RU = ("hostname - описание процедуры разрешения имён узлов\n"
      "Имена узлов являются доменами, где домен - это иерархический список.\n")


def _mixed(fr: str, ru: str) -> str:
    return fr.encode("utf-8").decode("cp1252") + ru.encode("cp1251").decode("cp1252")


def test_french_utf8_then_russian_cp1251_both_come_back() -> None:
    repair = mojifix.repair_text(_mixed(FR, RU))
    assert repair.text == FR + RU
    assert "Г©" not in repair.text


def test_each_part_alone_still_comes_back() -> None:
    assert mojifix.fix_text(FR.encode("utf-8").decode("cp1252")) == FR
    assert mojifix.fix_text(RU.encode("cp1251").decode("cp1252")) == RU


@pytest.mark.parametrize("name", ["hostname.7", "ipv6.7", "sd.4", "shm_overview.7", "sigevent.7",
                                  "sprof.1", "iso_8859_15.7", "zdump.8"])
def test_corpus_french_and_russian_pages_pasted_together(name: str) -> None:
    # As the QA pass built them: the first 2,500 characters of the French page (UTF-8 read as
    # cp1252, characters cp1252 cannot show dropped) and of the Russian one (cp1251 read as
    # cp1252). Before: 3 of the 18 pages both languages hold came back; now all 18.
    fr = shared_path("corpus", "manpages", "fr", f"{name}.txt").read_text("utf-8")[:2500]
    ru = shared_path("corpus", "manpages", "ru", f"{name}.txt").read_text("utf-8")[:2500]
    ru = "".join(c for c in ru if c.encode("cp1251", "ignore"))
    fr = "".join(c for c in fr if c.encode().decode("cp1252", "ignore") == c.encode().decode("cp1252", "replace"))
    garbled = fr.encode().decode("cp1252") + "\n" + ru.encode("cp1251").decode("cp1252")
    assert mojifix.fix_text(garbled) == fr + "\n" + ru
