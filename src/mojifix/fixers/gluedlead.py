"""A clean word's last letter glued by a space to the mojibake after it: ftfy's run cut there.

ftfy's partial decoding (``decode_inconsistent_utf8``) takes a run of characters that look like
UTF-8 lead and continuation bytes read through one of its pages, and a space counts as a
continuation in it (a no-break space A0 that became a space). A clean word ending in a letter
that is a lead byte of one of those pages (every Cyrillic capital is one in windows-1251,
``À``-``ß`` in Latin-1, ``Ο`` in windows-1253), then a space, then mojibake, is one run, and
ftfy either keeps it whole, the mojibake after the space with it (the run reads as no UTF-8:
``ИМЯ Ð¿Ñ€Ð¾Ð³Ñ€Ð°Ð¼Ð¼Ð°``, Czech ``POUŽITÍ â€œtest”``), or reads the letter and the space as
one character (``ОПИСАНИЕ РїСЂРѕРіСЂР°РјРјР°`` came back ``ОПИСАНИŠпрограмма``: ``Е`` is C5 in
windows-1251, and C5 A0 is ``Š``). Appending ``программа`` read as windows-1252 or as
windows-1251 to every non-ASCII line of the development corpus left 704 lines wrong each
(Russian headings in capitals, and Ukrainian, Czech, Greek, Turkish, French, Polish ones);
through windows-1251 the chain search then took ``ИМЯ`` for mojibake too (``хлъ п©я─…``).

Where a space inside one of ftfy's runs follows a word of two letters or more that ftfy calls
clean and comes before a part of the run that it calls mojibake, ftfy is asked again with a tab
for that space (:func:`mojifix.fixers.ftfyguard.tab_masked`), and the space is written back.
Not where the word's last letter and the space read, through a page, as a character that may end
the word: a no-break space (``namedÂ â€ž``: ``Â`` is C2, and C2 A0 is the no-break space: ftfy's
own conformance case) or a common letter of the word's script (``Ã`` and the space are ``à``);
a letter of another script (``Š`` after Cyrillic), a rare one (``ɠ``, ``Ѡ``, ``Ϡ``) or no
letter is no such reading (:func:`_reads_on`). Not where the word is mojibake itself
(``ÐŸÐ ÐžÐ¡`` is ``ПРОС``: ``Ð`` and a lost no-break space make ``Р``), where a letter stands
alone before the space (``Е KODA`` is ``ŠKODA`` through windows-1251), or where what follows
is no mojibake (Vietnamese ``CHáº Y``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from ..scoring.charfreq import script_and_logp
from ..scoring.plausibility import class_of
from ..scoring.screen import PAGES, page_table
from .droppedsingle import common_letter
from .ftfyguard import tab_masked


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a space a run may glue: after a lead of two bytes, a lead of three and a continuation,
    or a lead of four and two, and before a run's first two characters; the runs of what may
    be UTF-8 read through one of ftfy's pages, as its partial decoding finds them: lead and
    continuation characters of any of the pages, a space a continuation). Built from the
    pages' tables (ftfy's own character classes are its internals,
    ``tests/test_no_global_state.py``). The first is a cheap gate: most lines ftfy is asked
    about have no such space."""
    def chars(byts: range) -> str:
        found = {ch for page in PAGES for ch, b in page_table(page).items() if b in byts}
        return class_of(found - {"\ufffd"})

    lead2, lead3, lead4 = chars(range(0xC2, 0xE0)), chars(range(0xE0, 0xF0)), chars(range(0xF0, 0xF5))
    cont = chars(range(0x80, 0xC0)) + " "
    gate = re.compile(f"(?:[{lead2}]|[{lead3}][{cont}]|[{lead4}][{cont}]{{2}}) "
                      f"(?=[{lead2}{lead3}{lead4}][{cont}])")
    runs = re.compile(f"(?:[{lead2}][{cont}]|[{lead3}][{cont}]{{2}}|[{lead4}][{cont}]{{3}})+")
    return gate, runs


def glued_cuts(line: str) -> list[int]:
    """The spaces of ``line`` where ftfy's runs glue a clean word to the mojibake after it: a
    space inside a run, after a word of two letters or more that ftfy calls clean, before a
    part of the run it calls mojibake."""
    gate, runs = _patterns()
    if " " not in line or gate.search(line) is None:
        return []
    from ftfy.badness import is_bad

    cuts = []
    for run in runs.finditer(line):
        text = run.group()
        if " " not in text.rstrip(" "):
            continue
        # (each space's word and the part after it up to the next space: every character of
        # the line looked at a bounded number of times, however many spaces a run holds)
        for k, ch in enumerate(text):
            space = run.start() + k
            if ch != " " or not line[space - 1:space].isalpha():
                continue
            start = space
            while start > 0 and line[start - 1].isalpha():
                start -= 1
            if space - start < 2:
                continue
            end = text.find(" ", k + 1)
            rest = text[k + 1:] if end < 0 else text[k + 1:end]
            if rest and not is_bad(line[start:space]) and is_bad(rest) \
                    and not _reads_on(line[start:space - 1], line[max(start, space - 2):space]):
                cuts.append(space)
    return cuts


# The letters of the alphabets themselves (Latin's accented ones and Vietnamese's, basic Greek
# and Cyrillic): an archaic or extended letter (``Ϡ`` U+03E0, ``Ѡ`` U+0460) ends no word here.
_ALPHABETS = re.compile("[\u00c0-\u017f\u1e00-\u1eff\u0386-\u03ce\u0400-\u045f\u0490\u0491]")


def _reads_on(head: str, tail: str) -> bool:
    """Whether the word's end ``tail`` (its last one or two letters) and a lost no-break space
    read, through a page that makes them a lead and its continuations, as a character that may
    end the word ``head`` + it (``head``: the word less its last letter): a no-break space
    (``namedÂ â€ž``: ``Â`` is C2, C2 A0 the space itself), or a common letter of the word's own
    script (``ÃÃ``: ``Ã`` and the space are ``à``). Then ftfy's reading of the run stands. A
    letter of another script (``ОПИСАНИЕ``: C5 A0 is ``Š``), a rare one (``DISPONIBILITÉ``:
    C9 A0 is ``ɠ``, ``ОПИС``: D1 A0 ``Ѡ``) or no letter (``ИМЯ``: DF A0 is NKo) does not."""
    for page in PAGES:
        try:
            data = tail.encode(page.codec)
        except UnicodeEncodeError:
            continue
        for lead in range(len(data)):  # (the last two letters a lead and its continuation, or the last)
            try:
                c = (data[lead:] + b"\xa0").decode("utf-8")
            except UnicodeDecodeError:
                continue
            if len(c) != 1 or c == tail[-1]:
                continue  # (an ASCII letter and a character of its own; ``Р `` is windows-1251's
                # D0 A0, ``Р`` again: the letter stays either way, only the space is in doubt)
            rest = head[:-1] if lead == 0 and len(tail) == 2 else head
            if c == "\xa0" or (_ALPHABETS.match(c) and common_letter(c, frozenset({_script(rest)}))):
                return True
    return False


def _script(letters: str) -> str:
    """The script of a word's letters, by the last one that has one (ASCII letters: Latin)."""
    for c in reversed(letters):
        if c.isascii():
            return "latin"
        found = script_and_logp(c)[0]
        if found:
            return found
    return ""



def glued_masked(line: str, fixed: str, fix: Callable[[str], tuple[str, Any]]
                 ) -> tuple[str, list[tuple[str, str]]] | None:
    """ftfy's answer (``fix``) for ``line`` with the spaces of :func:`glued_cuts` asked as
    tabs and written back, where it differs from ``fixed`` (ftfy's answer for the line as it
    stands); else None."""
    got = tab_masked(line, glued_cuts(line), fix)
    return got if got is not None and got[0] != fixed else None
