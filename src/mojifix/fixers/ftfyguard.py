"""What ftfy's line repairs may not make: a lone letter of a rare script, an Angstrom unit undone.

Why a module of its own: :mod:`mojifix.fixers.mojibake` takes ftfy's answer for a line (and the
document's plan takes a chain ftfy proved for the lines ftfy left); ftfy judges a pair of
characters by its shape, so two clean ones that look like UTF-8 read through a page are
undone: ``İº`` in an X keymap's alphabet (``ıİºſ``) through cp1254 is ``ݺ``, an Arabic
Supplement letter standing alone among Latin ones; ``Å³`` in ``eV/Å³`` is Lithuanian ``ų``.
Found by ``bench/noharm.py`` on real files (an X keymap, a table of grapheme breaks, the ase
package's units). A word whose repair makes one of these is left as it was; the line's other
words stand (by word, not by line: a long line streamed in pieces gets the same answer).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

# Letters of U+0700-U+08FF (Syriac, Arabic Supplement, Thaana, NKo, Samaritan, Mandaic, Arabic
# Extended): UTF-8's lead bytes DC-DF and E0 A0-A3, which cp1252 writes ``Ü Ý Þ ß``, and cp1254
# ``Ü İ Ş ß``. A letter of these scripts standing alone (no letter of the same range beside it)
# is no word of them: it is a clean ``ß»`` or ``İº`` that ftfy read as UTF-8 (``(ªəƏþÞıİºſ)``, an
# alphabet in an X keyboard map, became ``ıݺſ``). Words of these scripts are runs of letters.
_RARE = "\u0700-\u08ff"
# ... and a Hebrew point or accent with no Hebrew letter before it (``÷©`` in a table of
# grapheme breaks, read through MacRoman, is U+05A9 on a quotation mark).
_LONE_RARE = re.compile(f"(?<![{_RARE}])[{_RARE}](?![{_RARE}])|(?<![\u0591-\u05f4])[\u0591-\u05c7]")
# Angstrom squared and cubed (``eV/Å³``, ``in Å².``): a unit, not the mojibake of Lithuanian
# ``ų`` and ``Ų``, which stand in words (``metÅ³``). ftfy reads both alike.
_UNIT = re.compile("(?<![^\\W\\d_])Å[²³](?![^\\W\\d_])")


def _without_lone_rare(body: str, fixed: str) -> str:
    """ftfy's ``fixed`` line with each space-separated word whose repair made a lone letter of
    :data:`_RARE` (or undid a :data:`_UNIT`) left as it was in ``body`` (a missed fix rather
    than a wrong one; the line's other words stand). By word, not by line: a long line streamed in pieces, cut at spaces
    between quiet words (files/stream.find_cut), gets the same answer as the whole line."""
    old, new = body.split(" "), fixed.split(" ")
    if len(old) == len(new):  # (the common case: ftfy's repairs keep the spaces)
        return " ".join(map(_kept_word, old, new))
    out: list[str] = []  # (a space ftfy took: ``Â `` read as a no-break space)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new).get_opcodes():
        if tag == "equal" or i2 - i1 == j2 - j1:
            out += map(_kept_word, old[i1:i2], new[j1:j2])
        else:
            made = " ".join(new[j1:j2])
            out += old[i1:i2] if _kept_word(" ".join(old[i1:i2]), made) != made else new[j1:j2]
    return " ".join(out)


def _kept_word(old: str, new: str) -> str:
    """``new``, or ``old`` where ``new`` holds more lone letters of :data:`_RARE` than it, or
    fewer :data:`_UNIT`."""
    if new == old:
        return new
    if _LONE_RARE.search(new) is not None and len(_LONE_RARE.findall(new)) > len(_LONE_RARE.findall(old)):
        return old
    return old if _UNIT.search(old) is not None and len(_UNIT.findall(new)) < len(_UNIT.findall(old)) else new


def refused_words(body: str, fixed: str | None) -> str | None:
    """A repair of ``body`` (ftfy's, or a chain the document planned) less the words
    :func:`_without_lone_rare` refuses (None stays None)."""
    if fixed is not None and fixed != body and (
            _LONE_RARE.search(fixed) is not None or _UNIT.search(body) is not None):
        return _without_lone_rare(body, fixed)
    return fixed
