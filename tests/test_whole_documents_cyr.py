"""Whole real documents garbled through Cyrillic and Greek chains come back exact (issue 18).

Each case garbles a WHOLE document of the development corpus (shared/corpus/manpages, skipped
when absent) through one chain, strictly, as bench/quality.py does, and asks for the original
back, byte for byte. One test per cause of the documents the bench found broken:

* cp1251 read as KOI8-R turns cp1251's punctuation into KOI8-R's pseudo-graphics (``—`` is
  ``≈``, ``•`` is ``∙``): a line whose only non-ASCII character is one of them, inside the
  document's span, was left alone (a lone character, or a bullet the cost model prices higher);
* short Cyrillic words (``ТЮИК`` for ``файл``, the heading ``тюикш`` for ``ФАЙЛЫ``) whose
  letter statistics are noise: the words the document's own repaired lines use decide;
* UTF-8 read as cp1253: a lone ``β€”`` (``—``) in English prose;
* cp1251 read as cp1252: a lone one-letter Russian word (``â`` for ``в``) inside the span.
"""

from __future__ import annotations

import codecs

import pytest

import mojifix
from conftest import shared_path


def _c1(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return chr(err.object[err.start]), err.start + 1


codecs.register_error("test-cyr-c1", _c1)


def _garble(text: str, original: str, wrong: str) -> str:
    if wrong.endswith("+c1"):
        return text.encode(original).decode(wrong[:-3], errors="test-cyr-c1")
    return text.encode(original).decode(wrong)


def _doc(lang: str, name: str) -> str:
    return shared_path("corpus", "manpages", lang, f"{name}.txt").read_text("utf-8")


@pytest.mark.parametrize("doc", ["ru/epoll.7", "ru/keyrings.7", "ru/vdso.7", "uk/ssh_config.5"])
def test_cp1251_read_as_koi8r_punctuation_lines_take_the_documents_chain(doc: str) -> None:
    text = _doc(*doc.split("/"))
    garbled = _garble(text, "cp1251", "koi8-r")
    assert mojifix.fix_text(garbled) == text


@pytest.mark.parametrize("doc", ["ru/hpsa.4", "ru/locale.1", "uk/last.1",
                                 "uk/rbash.1", "ru/aio.7", "ru/wtmp.5"])
def test_cp1251_read_as_koi8r_short_words_take_the_documents_words(doc: str) -> None:
    text = _doc(*doc.split("/"))
    garbled = _garble(text, "cp1251", "koi8-r")
    assert mojifix.fix_text(garbled) == text


def test_clean_cyrillic_words_next_to_a_garbled_part_stay() -> None:
    """A clean head (``ФАЙЛЫ``, ``файл``) before a part garbled through cp1251 read as KOI8-R:
    the garbled part's words do not turn the clean head's words around."""
    text = _doc("uk", "last.1")
    lines = text.splitlines(keepends=True)
    head, tail = "".join(lines[:40]), "".join(lines[40:])
    assert mojifix.fix_text(head + _garble(tail, "cp1251", "koi8-r")).startswith(head)
    assert mojifix.fix_text(text) == text
