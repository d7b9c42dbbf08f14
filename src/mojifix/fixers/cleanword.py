"""Whether a line that holds mojibake words also holds clean text: the test that makes a line
"mixed" for :mod:`mojifix.fixers.mixedwords`, which repairs such a line word by word.

A word is clean when it holds a non-ASCII letter that no page's UTF-8 explains: not part of a
lead-and-continuation pair of one of ftfy's ten pages, not a two-byte lead whose second byte
could have been dropped, not a lead whose no-break space became a space. The hard part is
telling clean letters from the fragments a lossy decoder leaves (bytes a page leaves undefined
dropped, ``á»c`` for ``ọc``; an A0 made a space, ``â €`` for ``⠀``): a fragment must complete
into plausible text (:func:`_plausible`), else the letter is clean (Czech ``Vypíše``, ``VÝRAZ1``,
``paměť``, Turkish ``Sonuç —``, Ukrainian ``пристрій``). A word with no such letter is clean too
when it holds punctuation or a symbol that no page's sequence can hold where it stands
(:func:`_clean_symbol`: ``Copyright ©``, ``1989’da``). Left: Ukrainian capitals beside ``І``
(``АВТОРСЬКІ``: ``КІ`` is CA B2 through windows-1251, a whole sequence, U+02B2), which only a
word list could tell from ``РІ``, the preposition ``в`` garbled.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import product

from ..scoring.screen import PAGES, page_table
from .shapes import script_of

# Words end at ASCII white space: a no-break space is a continuation byte's character on most
# pages (``Ã\xa0`` is ``à`` through windows-1252), part of a garbled word.
SPLIT = re.compile(r"[ \t\n\r\f\v]+")


@lru_cache(maxsize=1)
def page_tables() -> tuple[tuple[str, dict[str, int]], ...]:
    """(codec, character -> byte) of each of ftfy's pages, built once (here and for mixedwords' classes)."""
    return tuple((page.codec, page_table(page)) for page in PAGES)


def page_class(tables: Iterable[dict[str, int]], lo: int, hi: int) -> str:
    """A regex class of the characters any of ``tables`` reads from the bytes ``lo``-``hi``
    (U+FFFD, a page's undefined byte as a sloppy decoder writes it, left out; a range the
    pages leave undefined matches nothing)."""
    chars = {c for table in tables for c, b in table.items() if lo <= b <= hi and c != "\ufffd"}
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]" if chars else "(?!)"


def holds_clean_word(line: str) -> bool:
    """Whether ``line`` holds a word of clean text (the module's rule): a word with no U+FFFD,
    no part of one of ftfy's pages' UTF-8 sequences (:func:`_any_pair`, :func:`_garbled_part`),
    and a non-ASCII letter that no page's two-byte lead explains (:func:`_dropped_after`) nor a
    lead whose no-break space became a space (:func:`_spaced_symbol`); or punctuation or a
    symbol no page's sequence can hold where it stands (:func:`_clean_symbol`)."""
    two, conts = _leads()
    pair = _any_pair().search
    words = SPLIT.split(line)
    for before, word, after in zip(["", *words[:-1]], words, [*words[1:], ""], strict=True):
        if word.isascii() or "\ufffd" in word:
            continue
        scripts = _scripts(word)
        if pair(word) is not None and _garbled_part(word, scripts, after):
            continue
        spaced = after[:1] in conts  # (the space after it may have been a no-break space, A0)
        if any(c >= "\x80" and c.isalpha()
               and (c not in two or (i < len(word) - 1 and not _dropped_after(i, word, scripts)))
               and (i < len(word) - 1 or not spaced or not _spaced_symbol(c, after))
               for i, c in enumerate(word)) or _clean_symbol(word, before):
            return True
    return False


def _scripts(word: str) -> set[str]:
    """The scripts of ``word``'s non-ASCII letters."""
    return {script_of(c) for c in word if c >= "\x80" and c.isalpha()}


def _dropped_after(i: int, word: str, scripts: set[str]) -> bool:
    """Whether ``word[i]``, a two-byte lead's character inside the word (before no
    continuation's: that is :func:`_garbled_part`'s), may be what is left of a character whose
    second byte, one its page leaves undefined, a decoder dropped (:func:`_plausible`: ``Ã`` and
    0x81 are ``Á``; Czech ``VÝRAZ``'s ``Ý``, DD, makes a Syriac letter: clean). ``scripts``:
    the word's (:func:`_scripts`)."""
    for table, _, holes in _page_runs():
        lead = table.get(word[i])
        if lead is None or not 0xC2 <= lead <= 0xDF:
            continue
        for hole in holes:
            x = bytes((lead, hole)).decode("utf-8")  # (a lead C2-DF and a byte 80-9F: one character)
            if _plausible(x, scripts, i > 0 and word[i - 1].isalpha()):
                return True
    return False


def _spaced_symbol(c: str, after: str) -> bool:
    """Whether a lead's character ``c`` of one of ftfy's pages, a no-break space (A0, made a
    space) and the continuations ``after`` starts with are one UTF-8 character, not a letter
    (``â €``: ``⠀``, E2 A0 80)."""
    for _, table in page_tables():
        lead = table.get(c)
        if lead is None or not 0xE0 <= lead <= 0xF4:
            continue
        need = 1 if lead < 0xF0 else 2  # (continuations after the A0)
        tail = [table.get(x, 0) for x in after[:need]]
        if len(tail) < need or not all(0x80 <= b <= 0xBF for b in tail):
            continue
        try:
            if not bytes([lead, 0xA0, *tail]).decode("utf-8").isalpha():
                return True
        except UnicodeDecodeError:
            continue
    return False


@lru_cache(maxsize=1)
def _leads() -> tuple[frozenset[str], frozenset[str]]:
    """The characters some page of ftfy's reads from a two-byte lead (C2-DF), and from a
    continuation (80-BF)."""
    tables = [t for _, t in page_tables()]
    return (frozenset(c for t in tables for c, b in t.items() if 0xC2 <= b <= 0xDF),
            frozenset(c for t in tables for c, b in t.items() if 0x80 <= b <= 0xBF))


def _clean_symbol(word: str, before: str) -> bool:
    """Whether ``word`` holds punctuation or a symbol that no page's UTF-8 put there: a
    non-ASCII one that each of ftfy's pages reads from no byte, from a continuation right after
    an ASCII character (a continuation's character follows a lead's or another continuation's;
    first in the word, after a word that ends in an ASCII character or none: the white space
    between them was then no no-break space, A0, inside a sequence), or from a lead before a
    character that is no continuation of that page (not last in the word: its no-break space
    may have been made a space). Czech ``Copyright © 2022 … novÄ›jĹˇĂ­``; Turkish ``1989’da``
    (``’`` is a continuation of windows-1252, a lead of Mac Roman)."""
    for i, c in enumerate(word):
        if c < "\x80" or unicodedata.category(c)[0] not in "PS":
            continue
        after_ascii = word[i - 1] < "\x80" if i else before[-1:] < "\x80"
        nxt = word[i + 1:i + 2]
        for _, table in page_tables():
            b = table.get(c)
            if b is not None and ((0x80 <= b <= 0xBF and not after_ascii) or (
                    0xC2 <= b <= 0xF4 and (not nxt or 0x80 <= table.get(nxt, 0) <= 0xBF))):
                break
        else:
            return True
    return False


@lru_cache(maxsize=1)
def _page_runs() -> tuple[tuple[dict[str, int], re.Pattern[str], bytes], ...]:
    """(character -> byte, regex of a lead's character and the continuations' after it, the
    bytes 80-9F the page leaves undefined) for each of ftfy's pages."""
    out = []
    for codec, table in page_tables():
        holes = []
        for b in range(0x80, 0xA0):
            try:
                bytes((b,)).decode(codec)
            except UnicodeDecodeError:
                holes.append(b)
        run = f"{page_class((table,), 0xC2, 0xF4)}{page_class((table,), 0x80, 0xBF)}+"
        out.append((table, re.compile(run), bytes(holes)))
    return tuple(out)


def _garbled_part(word: str, scripts: set[str], after: str = "") -> bool:
    """Whether ``word`` holds a whole UTF-8 sequence of one of ftfy's pages, or a part of one
    that the bytes it lacks complete into plausible text beside the word's ``scripts``
    (:func:`_plausible`): bytes the page leaves undefined, dropped by a decoder (``á»c``: ``á»``
    and 0x8D are ``ọ``), and at the word's end a no-break space made a space, then the
    continuations ``after`` (the next word) starts with (``â€ `` is ``†`` less A0). Czech
    ``paměť`` ends in ``ěť``, EC 9D through windows-1250, which either makes a Hangul syllable;
    Ukrainian ``пристрій`` holds ``рі``, F0 B3 through windows-1251, which two bytes would make
    a code point of plane 3 no text uses: clean."""
    for table, run, holes in _page_runs():
        for m in run.finditer(word):
            data = bytes(table[c] for c in m.group())
            need = 2 if data[0] < 0xE0 else 3 if data[0] < 0xF0 else 4
            if len(data) >= need:
                return True
            after_letter = m.start() > 0 and word[m.start() - 1].isalpha()
            for fill in _fills(need - len(data), holes, table, after if m.end() == len(word) else None):
                try:
                    c = (data + fill).decode("utf-8")
                except UnicodeDecodeError:
                    continue
                if _plausible(c, scripts, after_letter):
                    return True
    return False


def _fills(missing: int, holes: bytes, table: dict[str, int], after: str | None) -> Iterator[bytes]:
    """The bytes a part ``missing`` bytes short may have lost: bytes the page leaves undefined;
    at a word's end (``after``: the next word) some of those, then a no-break space made a
    space, then the continuations the next word starts with."""
    yield from map(bytes, product(holes, repeat=missing))
    if after is None:
        return
    nxt = bytes(table.get(c, 0) for c in after[:missing])
    for lost in range(missing):
        tail = nxt[:missing - lost - 1]
        if len(tail) == missing - lost - 1 and all(0x80 <= b <= 0xBF for b in tail):
            for head in product(holes, repeat=lost):
                yield bytes(head) + b"\xa0" + tail


def _plausible(c: str, scripts: set[str], after_letter: bool) -> bool:
    """Whether ``c``, what a dropped byte would have completed, is plausible text beside a word
    of ``scripts``' letters: a letter of one of them, a combining diacritic after a letter (UTF-8
    of decomposed accents, ``e`` and U+0301), or, from General Punctuation (U+2000) on,
    punctuation, a symbol, a space or a format character (U+200D); not a Hangul syllable in a Czech word (``íš``
    and a byte windows-1250 leaves undefined), a C1 control, or an Arabic sign."""
    cat = unicodedata.category(c)
    if cat[0] == "L":
        return script_of(c) in scripts
    if cat == "Mn":  # (the general diacritics only: a Syriac or Arabic mark is no Latin word's)
        return after_letter and "\u0300" <= c <= "\u036f"
    # (punctuation, symbols and spaces from General Punctuation on: what a three-byte sequence
    # cut by a dropped byte was, ``”`` of E2 80 9D; a two-byte one's, beside a Latin word, would
    # be an Arabic sign, U+0608 of D8 88)
    return c >= "\u2000" and (cat[0] in "PSZ" or (cat == "Cf" and c <= "\u206f"))


@lru_cache(maxsize=1)
def _any_pair() -> re.Pattern[str]:
    """A lead's character (C2-F4) of one of ftfy's ten pages before a continuation's (80-BF) of
    the same page: any of :func:`_page_runs`' runs (asked of a candidate line's words only)."""
    return re.compile("|".join(run.pattern for _, run, _ in _page_runs()))
