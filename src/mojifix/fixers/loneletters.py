"""Lone ``Ã``/``Â`` letters: the weakest evidence of UTF-8 read as Latin-1 or windows-1252.

ftfy reads ``Ã `` as ``à`` whose UTF-8 second byte, A0 (a no-break space), became a plain space,
and ``Â `` as a no-break space. Alone (no letter or digit before, one space after) the letter is
far more often itself: Portuguese ``A letra Ã``, ``Ã é uma letra``, or a character table. A line
whose only repair is of such letters is *weak*: :mod:`mojifix.fixers.mojibake` repairs it only in
a document that shows other mojibake, and only when the line itself does not show it was written
in the page's letters (:func:`written_in_page`).
"""

from __future__ import annotations

import re

from ..scoring import screen as _screen

# ``Ã`` or ``Â`` alone (no letter or digit before it) before one space. ftfy reads ``Ã `` as
# ``à`` whose U+00A0 became a space, which takes ``à`` glued to nothing before and one space
# after (``àla``?); ``à la`` keeps two spaces (``Ã  la``), ``voilÃ `` its word's letters. A lone
# ``Ã`` and one space is far more often the letter: Portuguese ``A letra Ã``, ``Ã é uma letra``.
LONE = re.compile(r"(?<!\w)[ÃÂ] (?! )")

# What a Latin-1 or windows-1252 reading of bytes 80-FF puts on a page (made as
# fixers/latinpages.py makes its page's characters, from the codec).
_PAGE_LETTER = re.compile("[\x80-\xff" + re.escape(
    bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")) + "]")


def masked(line: str) -> str:
    """``line`` with its lone letters written as ``A``."""
    return LONE.sub("A ", line)


def lone_letters_only(line: str) -> bool:
    """Whether ftfy's only possible repair of ``line`` is of its lone letters, proven without
    ftfy (False: not proven, ask ftfy): the line with them written as ``A`` is one the exact
    screen clears.

    Why it is sound: the fixer's weak test is ``LONE`` finding something in ``line`` and
    ftfy leaving the masked body as it is. :func:`mojifix.scoring.screen.might_be_mojibake` is
    False only when ftfy changes no line of its text: the screen saying False proves ftfy says
    nothing, as the fixer's own gate before asking ftfy already relies on. Such a line is then
    weak (ftfy repairs it) or untouched (ftfy leaves it): either way it adds no edit unless the
    document has other mojibake, so ftfy is asked about it only then. Why: a character table
    (``303 195 C3 Ã LATIN CAPITAL LETTER A WITH TILDE``, 2,500 characters on one line) took
    ftfy twice, on the line and on it masked, 12 ms of a 4 KB clean page (issue 20)."""
    return not _screen.might_be_mojibake(masked(line).rstrip("\r\n"))


def written_in_page(line: str) -> bool:
    """Whether a weak line shows its own evidence of being clean: beside its lone letters it
    holds characters of the page (``¡``, ``é``, ``€``) that ftfy left as they are.

    In a document garbled whole, every character of the page on a line is part of a UTF-8
    sequence ftfy reads back, so a line holding one it did not read was written in the page's
    letters: its lone ``Â `` is a letter too, whatever the rest of the document shows. The case:
    an Italian character table (``302 194 C2 Â LATIN CAPITAL LETTER A WITH CIRCUMFLEX``) in a
    file whose other page had one garbled word (``altresÃ¬``); the table's ``Â `` became a
    no-break space and its ``Ã `` an ``à``. (Only weak lines are asked, so the masked line is
    one ftfy leaves alone: any page character on it stands as itself.)"""
    return _PAGE_LETTER.search(masked(line)) is not None
