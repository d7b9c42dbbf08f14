"""A lone letter of a script no Latin word holds, glued to Latin letters, is no repair
(fixers/ftfyguard.py's ``_GLUED_LONE``): ftfy reads a Latin-1 letter, a C1 control and a space
as a three-byte UTF-8 character (``comprimirá\\x94 desde``: ``comprimirᔠdesde``, a Canadian
syllabic and the space gone). Such a line is repaired a word at a time instead; words of
those scripts, runs of their letters, glued to Latin ones or not, and one-letter prefixes glued
to a Latin word (Hebrew ``בGoogle``: no space taken) are repaired as before (a review found
the rule's first form, without the space, left those garbled)."""

from __future__ import annotations

import ftfy  # noqa: F401  (registers sloppy-windows-1252)
import pytest

import mojifix
from mojifix.fixers.ftfyguard import refused_words


@pytest.mark.parametrize("original", [
    "iPhoneรุ่นใหม่ ราคา",  # Thai beside a Latin word, no space (as Thai is written)
    "Խնդրում եմ ok",
    "Georgiaქართული test",
    "ՀայաստանArmenia",
])
def test_words_of_those_scripts_are_repaired(original: str) -> None:
    assert mojifix.fix_text(original.encode("utf-8").decode("latin-1")) == original


def test_a_letter_and_a_quote_read_as_a_syllabic_are_refused() -> None:
    body = "bzip2 comprimir\xe1\x94 desde la entrada"
    made = {"comprimir\xe1\x94": "comprimirá”"}
    got = refused_words(body, "bzip2 comprimir\u1520desde la entrada", lambda t: made.get(t, t))
    assert got == "bzip2 comprimirá” desde la entrada"


def test_the_line_stays_when_its_words_alone_make_one_too() -> None:
    body = "x comprimir\xe1\x94 y"
    assert refused_words(body, "x comprimir\u1520y", lambda t: "comprimir\u1520" if "\x94" in t else t) == body


@pytest.mark.parametrize("text", [
    "Se comprimir\xe1\x94 desde aqu\xed y caf\xc3\xa9.\n",
    "\x93Hola\x94 dijo; se comprimir\xe1\x94 desde.\nCaf\xc3\xa9 y m\xc3\xa1s\n",
])
def test_no_syllabic_comes_out_of_spanish(text: str) -> None:
    out = mojifix.fix_text(text)
    assert "\u1520" not in out and "comprimirá" in out


@pytest.mark.parametrize("original", [
    "זה בGoogle טוב\n", "أنا وGoogle هنا\n", "café\nราคา ณBangkok ดี\n", "café\nIqaluitᒥ ᐅᓪᓗᒥ",
    "פרסום בWindows\xa010 ב-Google\n", "نصب وLinux روی سیستم\n",
])
def test_a_one_letter_prefix_glued_to_a_latin_word_is_repaired(original: str) -> None:
    assert mojifix.fix_text(original.encode("utf-8").decode("sloppy-windows-1252")) == original
