"""One trace decides an English page: a CJK page's dash between words, or one of its letters.

Why a module of its own: :func:`mojifix.fixers.plan.shapeless` takes a legacy page for a document
none of whose lines shows it alone, on three lines of curly quotes or on one quote pair around a
word. An English page often holds less: one em dash in its title (``Sequence Types ¡ª "list"``,
``—`` saved as GBK read as Latin-1; Big5's is ``¡X``). One character is below every bar, and the
lone-mark rule of the plan refuses it. What makes it evidence is the document and the place:

* the place: the repair puts an em or en dash *between two words*, a space on each side, a word
  of two letters or more (or a quoted one: ``"dict"``) on each side (:data:`_DASHED`). ``1 ¡X 2``,
  ``¡Xavier`` (Spanish) are no such place;
* the document (:func:`all_traces`): every non-ASCII line of the whole document is a line the
  chain turns into Western punctuation and nothing else (``plan._only_marks``), at no higher
  cost. A page that uses ``¡`` (Spanish), ``ª`` (an ordinal) or any letter outside ASCII holds a
  line that is no such trace: refused.

The same holds for one letter that a CJK page's Latin rows give back (EUC-KR's ``ß`` is ``©¬``
through Latin-1, in ``the German letter '©¬'``): two Latin-1 *symbols* in the line, one Latin
*letter* in the repair, inside a word or alone between quotes (:func:`letter_trace`).

Not cp1251's em dash read as KOI8-R, ``≈`` (its en dash ``√``): that one is a real symbol, and
real clean text writes it between words (of the three `` ≈ `` between words in the text the
installed packages ship, ``USS ≈ RSS``, ``stays ≈ batch_bytes``, ``handle ≈ num_partitions``,
none is a dash; as a one-line document, two would have been changed). Such a line is repaired
only when the document took the chain on other evidence (an apostrophe ``don▓t``, a quote pair):
then it is one of the plan's quiet lines.

A clean document that passes would be an all-ASCII English page whose only non-ASCII characters
are ``¡ª`` or ``¡X`` between two words, or ``©¬`` inside a word: no text of the corpus, of
Python's library and docs, or of the installed packages writes that (see the tests).
"""

from __future__ import annotations

import re

Chain = tuple[str, ...]

# An em or en dash with a space on each side, a word of two letters or more on each side (or a
# quoted word: ``Types — "dict"``, ``"pdb" — The``).
_DASHED = re.compile("(?:[A-Za-z]{2}|[A-Za-z]{2}[\"')]) [\u2013\u2014] (?=[\"'(]?[A-Za-z]{2})")
# The marks a CJK page leaves for an em dash (GBK's, Big5's): the only lines worth testing.
_MARKS = re.compile("¡ª|¡X")


def may_dash(line: str) -> bool:
    """Whether ``line`` holds a legacy page's dash (cheap: before any repair is costed)."""
    return _MARKS.search(line) is not None


def dash_between_words(line: str, cand: str) -> bool:
    """Whether the repair ``cand`` of ``line`` brings a dash between two words
    (:data:`_DASHED`) that the line did not have."""
    return len(_DASHED.findall(cand)) > len(_DASHED.findall(line))


# The lead bytes of EUC-KR's rows of Latin letters (A8, A9), as Latin-1 reads them.
_LETTER_ROWS = re.compile("[\u00a8\u00a9][\u00a1-\u00fe]")


def may_letter(line: str) -> bool:
    """Whether ``line`` holds a pair that a CJK page's Latin rows may read as one letter."""
    return _LETTER_ROWS.search(line) is not None


def letter_trace(line: str, cand: str) -> bool:
    """Whether every non-ASCII character of ``line`` is a symbol, every one of ``cand`` a Latin
    letter standing between two ASCII letters or alone between quotes (``'ß'``)."""
    import unicodedata

    if any(c.isalpha() for c in line if not c.isascii()):
        return False
    found = [i for i, c in enumerate(cand) if not c.isascii()]
    return bool(found) and all(
        unicodedata.name(cand[i], "").startswith("LATIN") and cand[i].isalpha() and (
            (0 < i < len(cand) - 1 and cand[i - 1].isascii() and cand[i - 1].isalpha()
             and cand[i + 1].isascii() and cand[i + 1].isalpha())
            or (0 < i < len(cand) - 1 and cand[i - 1] == cand[i + 1] and cand[i - 1] in "'\""))
        for i in found)


def all_traces(text: str, traces: set[str]) -> bool:
    """Whether every non-ASCII line of ``text`` is in ``traces`` (the lines a chain turns into
    Western punctuation alone, at no higher cost)."""
    if not text or not traces:
        return False
    return all(line.rstrip("\r") in traces for line in text.split("\n") if not line.isascii())
