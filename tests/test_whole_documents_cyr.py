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


@pytest.mark.parametrize("doc", ["ru/hpsa.4", "ru/locale.1", "uk/last.1", "uk/scriptreplay.1",
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


@pytest.mark.parametrize("topic", ["pass", "typesmapping", "typesseq"])
@pytest.mark.parametrize("wrong", ["cp1253", "cp1253+c1"])
def test_utf8_read_as_cp1253_a_lone_dash_in_english_prose(topic: str, wrong: str) -> None:
    """English whose only non-ASCII character is an em dash: ``β€”`` through cp1253 (a lone
    small Greek letter, then two of the page's symbols: UTF-8's three-byte shape). Python's own
    help topics (pydoc_data, the bench's English documents)."""
    from pydoc_data.topics import topics

    text = topics[topic][:4000]  # (whole topics hold bytes strict cp1253 cannot read)
    text = text[:text.rfind("\n") + 1]
    garbled = _garble(text, "utf-8", wrong)
    assert "β€”" in garbled
    assert mojifix.fix_text(garbled) == text


def test_greek_ordinals_and_clean_greek_stay() -> None:
    """Greek's own ``α’`` (first) and a Greek letter beside symbols stay: one symbol, or a
    Greek letter before, is Greek."""
    for line in ("Α’ ΜΕΡΟΣ και β’ τάξη", "τιμή α€ ανά μονάδα", "Το εβ€” τέλος"):
        assert mojifix.fix_text(line + "\n") == line + "\n"
    text = _doc("el", sorted(p.stem for p in shared_path("corpus", "manpages", "el").glob("*.txt"))[0])
    assert mojifix.fix_text(text) == text


def test_cp1251_read_as_cp1252_a_one_letter_word_takes_the_documents_chain() -> None:
    """``(â ut_tv) */``: Russian ``в`` alone on a short line of a manual garbled as a whole."""
    text = _doc("ru", "wtmp.5")
    assert mojifix.fix_text(_garble(text, "cp1251", "cp1252")) == text


def test_a_lone_accented_word_of_a_western_language_stays() -> None:
    """French ``à``, Italian ``è`` stay, as does a lone ``â`` with no garbled document around."""
    for line in ("Voir à la page 3.", "Il file è vuoto.", "Le (â) signe"):
        assert mojifix.fix_text(line + "\n") == line + "\n"


@pytest.mark.parametrize("chunk_chars", [1500, 2000])
def test_document_words_are_the_whole_files_when_streamed(chunk_chars: int) -> None:
    """The words that decide ``ТЮИК`` are summed over the whole file: a file repaired in chunks
    comes out as the whole-text repair (mojifix.files.stream)."""
    import io

    from mojifix.files import stream

    text = _doc("uk", "last.1")
    data = _garble(text, "cp1251", "koi8-r").encode("utf-8")
    out = io.BytesIO()
    stream.repair_stream(io.BytesIO(data), out, mojifix.Config(), chunk_chars=chunk_chars,
                         read_bytes=256, hold=0)
    assert out.getvalue().decode("utf-8") == mojifix.fix_text(data.decode("utf-8")) == text


@pytest.mark.parametrize("topic", ["conversions", "numbers"])
def test_english_through_cp1251_read_as_koi8r_quote_pairs_are_the_documents_evidence(topic: str) -> None:
    """English saved as cp1251 and read as KOI8-R: its only non-ASCII characters are quote
    pairs read as pseudo-graphics (``⌠the … type■``, ``▒"-"▓``), one or two lines."""
    from pydoc_data.topics import topics

    text = topics[topic][:4000]
    text = text[:text.rfind("\n") + 1]
    garbled = _garble(text, "cp1251", "koi8-r")
    assert "▒" in garbled or "⌠" in garbled
    assert mojifix.fix_text(garbled) == text


def test_pseudo_graphics_that_enclose_nothing_stay() -> None:
    for text in ("Shades: ▒▒▓▓ and ░░\nA box ■ here\n", "⌠ x ■ is a drawing\n"):
        assert mojifix.fix_text(text) == text
