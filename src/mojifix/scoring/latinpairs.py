"""A Greek or Cyrillic pair inside a Latin word: UTF-8's accented letter read as cp1253/cp1251/KOI8-R.

UTF-8 writes a Western accented letter as two bytes, a lead C3-C9 and a continuation 80-BF.
Read through the Greek page (cp1253) the lead is a Greek capital ``Γ``-``Ι`` and the
continuation mostly a symbol or a capital with tonos: ``té`` becomes ``tΓ©``, ``ningún``
``ningΓΊn``, ``dazugehöriges`` ``dazugehΓ¶riges``. Through cp1251 the lead is a Cyrillic capital
``Г``-``Й`` (``tГ©``, ``ningГєn``), through KOI8-R a small Cyrillic letter and a box-drawing
character (``tц╘``). The plausibility cost saw little there: one script clash (``t`` then ``Γ``)
and, for cp1251, a lone capital before a symbol; a symbol or a capital with tonos costs nothing.
A line with one such word gained 0.6 to 2.1 when repaired, under the 2.5 a line needs alone
(chains._decide), so a short document (a translation catalog's string, a one-line message) stayed
garbled: Django's catalogs through cp1253 were 92.2% restored, the misses all of this shape.

The shape is precise and no language writes it: the exact pair UTF-8 gives for a Latin letter
through one of these pages, in a word whose other letters are all Latin (or more such pairs), so
the repair is a plain Latin word. Real Greek and Russian words are all Greek or Cyrillic (a
Cyrillic word with one Latin letter is still refused: its other letters are Cyrillic); Greek
math is ``Γ(x)``, ``α-β`` (no continuation symbol after the capital, or no Latin letter in the
word); ``В© 2024`` is a pair between words, no word. A pair alone between two Latin words
counts only when its letter is a word by itself (``Si Γ¨ verificato``: Italian ``è``, see
:data:`_LONE_WORDS`). Three refusals more:

* a pair whose two characters both look like Latin letters (Cyrillic ``Е`` and ``ѕ``, ``і``,
  ``ј``) is a homoglyph, not mojibake: ``NЕІL`` does not count (its repair, ``NŲL``, would be a
  Latin word too);
* a pair at a word's start whose second character is an operator or a degree sign is math
  (``Δ·v``, ``Δ±5``, ``Δ°C``), not Latvian ``ķv`` or Turkish ``İC``: such a letter counts only
  after a Latin one (``maΓ±ana``, ``kapΔ±``; no word starts with ``ß``, KOI8-R's ``ц÷``);
* the repair must be a letter Latin-script languages write: Latin-1's, Extended-A's (not the
  ``Ĳ``/``ĳ`` ligatures, ``ĸ``, ``ŉ``, ``ſ``), Romanian ``ș ț``, pinyin's ``ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ``,
  Vietnamese ``ơ ư``, Azerbaijani ``ə``. Greek ``Δ²u`` (the biharmonic operator) would read as
  ``Ĳu``: not counted.

:func:`count` is the number of such pairs in a text; plausibility prices each at the evidence a
lone line needs for a UTF-8 chain (2.5, as the three-byte shape ``β€”`` is priced there).
"""

from __future__ import annotations

import re
from functools import lru_cache

PAGES = ("cp1253", "cp1251", "koi8-r")
# The accented letters that are words by themselves (Italian and Catalan ``è``, Portuguese ``é``,
# French and Italian ``à``, Norwegian ``å``, Danish ``ø``, Swedish ``ö``, Spanish ``ó``...): a
# pair alone between two Latin words counts when it is one of them (``Si Γ¨ verificato``).
_LONE_WORDS = "àáâãäåèéêëìíîïòóôõöøùúûüý"

# The second characters that are operators (or a degree sign) in math: ``Δ·v`` (see count).
_OPERATORS = "·±¬°÷∙√≈≤≥⌠⌡"
# The Latin letters whose UTF-8 pair counts (see the module notes): by code point ranges, the
# letters among them (× and ÷ are no letters).
_EXTENDED_B = "ǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜƠơƯưȘșȚțƏə"
_ODD = "ĲĳĸŉſĿŀ"
# Cyrillic and Greek letters drawn like a Latin one (the pairs both of whose halves are among
# them are homoglyphs: ``Еѕ`` is ``Es``).
_LOOKALIKE = "АВЕЅІЈКМНОРСТХЁЇаеіјорсухёїѕΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικν"


def _letters() -> list[str]:
    """The Latin letters of the module notes, in code point order."""
    out = [chr(o) for o in range(0xC0, 0x180) if chr(o).isalpha() and chr(o) not in _ODD]
    return out + sorted(_EXTENDED_B)


def _read(data: bytes, page: str) -> str:
    """``data`` read through ``page``, a byte the page leaves undefined as the C1 control of the
    same number (how Windows and browsers read cp1253's and cp1251's holes: ``Ê`` is
    ``Γ\\x8a``)."""
    return "".join(bytes([b]).decode(page, errors="replace").replace("\ufffd", chr(b)) for b in data)


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """{the pair a page reads: the Latin letter} for every page of :data:`PAGES` (a constant
    table, built once: about 600 pairs), homoglyph pairs left out."""
    out: dict[str, str] = {}
    for letter in _letters():
        data = letter.encode()
        for page in PAGES:
            pair = _read(data, page)
            if not (pair[0] in _LOOKALIKE and pair[1] in _LOOKALIKE):
                out[pair] = letter
    return out


@lru_cache(maxsize=1)
def finder() -> re.Pattern[str]:
    """A lead of :func:`table`'s pairs followed by a second character of the same page's
    pairs (a superset of the pairs: :func:`count` looks each one up; one class per page, or
    UTF-8 hanzi read as cp1251, ``ж`` then ``ё``, would take KOI8-R's leads for its own)."""
    pairs = table()
    alternatives = []
    for page in PAGES:
        mine = [p for p in pairs if p in _page_pairs(page)]
        leads = "".join(sorted({p[0] for p in mine}))
        trails = "".join(sorted({p[1] for p in mine}))
        alternatives.append(f"[{re.escape(leads)}][{re.escape(trails)}]")
    return re.compile("|".join(alternatives))


def _page_pairs(page: str) -> set[str]:
    """The pairs ``page`` reads for the letters (homoglyph pairs too)."""
    return {_read(letter.encode(), page) for letter in _letters()}


@lru_cache(maxsize=1)
def symbol_trails() -> str:
    """The second characters of the pairs that are no letters (``©``, ``¶``, ``╘``): where the
    cost's scan must look for a pair whose Latin letters follow it (plausibility.scans)."""
    return "".join(sorted({p[1] for p in table() if not p[1].isalpha()}))


@lru_cache(maxsize=1)
def lone_trails() -> str:
    """The second characters of the pairs whose letter is a word by itself (``Γ¨``, ``ГЁ``):
    where the scans must look for a pair alone between Latin words."""
    return "".join(sorted({p[1] for p, letter in table().items() if letter in _LONE_WORDS}))


@lru_cache(maxsize=1)
def leads() -> str:
    """The first characters of the pairs."""
    return "".join(sorted({p[0] for p in table()}))


def _latin(c: str) -> bool:
    """A Latin letter (ASCII, Latin-1 to Extended-B, Extended Additional): a word's own."""
    o = ord(c)
    return (o < 0x250 or 0x1E00 <= o < 0x1F00) and c.isalpha() and (o < 0x80 or o >= 0xC0)


def count(text: str) -> int:
    """How many of :func:`table`'s pairs ``text`` holds inside Latin words (see the module
    notes): the word around a pair, its Latin letters and pairs, holds a Latin letter and ends
    at no other letter (nor a combining mark). Each word is read once, from its first pair."""
    pairs = table()
    search = finder().search
    n = 0
    pos = 0
    size = len(text)
    while (m := search(text, pos)) is not None:
        i = m.start()
        if text[i:i + 2] not in pairs:
            pos = i + 1
            continue
        found, latin = 1, 0
        j = i  # the word's start
        while j > 0:
            if _latin(text[j - 1]):
                latin, j = latin + 1, j - 1
            elif j >= 2 and text[j - 2:j] in pairs:
                found, j = found + 1, j - 2
            else:
                break
        k = i + 2  # its end
        while k < size:
            if _latin(text[k]):
                latin, k = latin + 1, k + 1
            elif text[k:k + 2] in pairs:
                found, k = found + 1, k + 2
            else:
                break
        if _wordish(text, j - 1) or _wordish(text, k):
            pass  # a word of another script holds it
        elif j == i and text[i + 1] in _OPERATORS:
            pass  # an operator after a Greek capital, before a variable: ``Δ·v``, ``Δ°C``
        elif latin or (found == 1 and pairs[text[i:i + 2]] in _LONE_WORDS
                       and _latin_word_at(text, j - 2, -1) and _latin_word_at(text, k + 1, 1)
                       and text[j - 1] == " " and text[k] == " "):
            n += found
        pos = k
    return n


def _latin_word_at(text: str, at: int, step: int) -> bool:
    """Whether ``text[at]`` is the end (``step`` -1: the last letter, 1: the first) of a word
    of two Latin letters or more."""
    second = at + step
    return 0 <= min(at, second) and max(at, second) < len(text) \
        and _latin(text[at]) and _latin(text[second])


def _wordish(text: str, at: int) -> bool:
    """Whether ``text[at]`` (if any) is a letter or a combining mark: the word goes on there
    with a letter that is not Latin."""
    if not 0 <= at < len(text):
        return False
    c = text[at]
    return c.isalpha() or "\u0300" <= c < "\u0370"
