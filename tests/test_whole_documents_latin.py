"""Whole real documents through the Latin and legacy-CJK chains come back exact (issue 18).

One test per cause found among ``bench/quality.py``'s failing lossless and mixed documents:

* UTF-8 read as GBK / GB18030 on the character tables of ISO 8859 (one ideograph per entry,
  ``241 161 A1 隆 INVERTED EXCLAMATION MARK``): the repair holds ``ª µ ¹ ¼``, the soft hyphen
  and Latin-2's spacing accents ``˘ ˛ ˇ``, which the lone-ideograph shape test refused;
* UTF-8 read as ISO-8859-2 in Spanish (``MĂłdulos``): ftfy re-decodes one line of the document
  (``Ă\\x93``), too little for the plan, and leaves the rest;
* English saved in a legacy CJK page and read as Latin-1 / cp1252 whose only non-ASCII text is
  a pair of quotes around a phrase or an operator (``¡°the numeric ... type¡±``, ``¡®"-"¡¯``);
* two parts of a Czech document garbled by windows-1250 and ISO-8859-2: the lines where the
  parts meet were read through the wrong part's page (``ozn÷mí pouŵitou``, ``speciålní``).

Manual pages come from the shared corpus (``conftest.shared_path``: skipped when absent);
English from Python's own help topics, as the bench's English rows.
"""

from __future__ import annotations

import pytest

import mojifix
from conftest import shared_path


def _manpage(lang: str, name: str) -> str:
    text = shared_path("corpus", "manpages", lang, name).read_text("utf-8")
    # The Italian ISO 8859-1 page ships with one real mojibake (bench/quality.py's ERRATA).
    return text.replace("altresÃ¬", "altresì")


def _garble(text: str, original: str, wrong: str) -> str:
    bad = text.encode(original).decode(wrong)
    assert bad != text
    return bad


@pytest.mark.parametrize("wrong", ["gbk", "gb18030"])
@pytest.mark.parametrize(("lang", "name"), [
    ("it", "iso-8859-1.7.txt"), ("it", "iso-8859-2.7.txt"), ("de", "iso_8859_4.7.txt"),
    ("de", "latin3.7.txt"), ("es", "iso-8859-1.7.txt"), ("pl", "iso-8859-1.7.txt"),
])
def test_character_table_read_as_gbk(lang: str, name: str, wrong: str) -> None:
    text = _manpage(lang, name)
    assert mojifix.fix_text(text) == text  # the clean table stays as it is
    assert mojifix.fix_text(_garble(text, "utf-8", wrong)) == text


@pytest.mark.parametrize(("lang", "name"), [
    ("es", "PAM.7.txt"), ("es", "boot.7.txt"), ("es", "hier.7.txt"), ("es", "last.1.txt"),
    ("es", "route.8.txt"), ("fr", "ipv6.7.txt"),
])
def test_spanish_read_as_iso_8859_2(lang: str, name: str) -> None:
    text = _manpage(lang, name)
    assert mojifix.fix_text(_garble(text, "utf-8", "iso-8859-2")) == text


@pytest.mark.parametrize("wrong", ["latin-1", "cp1252"])
@pytest.mark.parametrize("page", ["gbk", "big5", "euc-kr"])
@pytest.mark.parametrize("topic", ["conversions", "numbers"])
def test_english_quotes_in_a_cjk_page(topic: str, page: str, wrong: str) -> None:
    text = pytest.importorskip("pydoc_data.topics").topics[topic]
    assert mojifix.fix_text(text) == text
    assert mojifix.fix_text(_garble(text, page, wrong)) == text


def _c1(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return chr(err.object[err.start]), err.start + 1


@pytest.mark.parametrize("name", ["cksum.1.txt", "[.1.txt", "logname.1.txt", "hostid.1.txt",
                                  "dd.1.txt", "ftpusers.5.txt", "install.1.txt"])
def test_czech_two_chains(name: str) -> None:
    """The first half through windows-1250 (its undefined bytes read as C1 controls, as
    browsers do: ``PĹ\\x98EKLAD``), the second through ISO-8859-2, as the bench's mixed row."""
    import codecs

    codecs.register_error("test-latin-c1", _c1)
    text = _manpage("cs", name)
    lines = text.splitlines(keepends=True)
    head, tail = "".join(lines[:len(lines) // 2]), "".join(lines[len(lines) // 2:])
    bad = head.encode("utf-8").decode("cp1250", errors="test-latin-c1") + \
        tail.encode("utf-8").decode("iso-8859-2")
    assert mojifix.fix_text(bad) == text


@pytest.mark.parametrize("wrong", ["gbk", "gb18030"])
def test_russian_read_as_gbk_short_lines(wrong: str) -> None:
    """Russian read as GBK, its C comments' short lines: a lone ideograph (``(胁 ut_tv) */`` is
    ``(в ut_tv) */``) and a run that costs nothing either way (``懈谢懈`` is ``или``)."""
    text = _manpage("ru", "wtmp.5.txt")
    assert mojifix.fix_text(_garble(text, "utf-8", wrong)) == text


@pytest.mark.parametrize("name", ["base64.1.txt", "rec2csv.1.txt"])
def test_vietnamese_read_as_iso_8859_2_keeps_its_page(name: str) -> None:
    """A guard for the alphabet rule of the two-chain case: ftfy reads ``Cáť\\x98T`` through
    windows-1250 as an unassigned code point (U+1758); the document's proven ISO-8859-2 gives
    ``CỘT``, which no Latin alphabet of the rule lists: the rule must not weigh it."""
    text = _manpage("vi", name)
    assert mojifix.fix_text(_garble(text, "utf-8", "iso-8859-2")) == text
