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
from collections.abc import Callable

# Letters of U+0700-U+08FF (Syriac, Arabic Supplement, Thaana, NKo, Samaritan, Mandaic, Arabic
# Extended): UTF-8's lead bytes DC-DF and E0 A0-A3, which cp1252 writes ``Ü Ý Þ ß``, and cp1254
# ``Ü İ Ş ß``. A letter of these scripts standing alone (no letter of the same range, or Arabic, beside it)
# is no word of them: it is a clean ``ß»`` or ``İº`` that ftfy read as UTF-8 (``(ªəƏþÞıİºſ)``, an
# alphabet in an X keyboard map, became ``ıݺſ``). Words of these scripts are runs of letters.
_RARE = "\u0700-\u08ff"
# ... and a Hebrew point or accent with no Hebrew letter before it (``÷©`` in a table of
# grapheme breaks, read through MacRoman, is U+05A9 on a quotation mark).
# (Arabic letters count as neighbours: the supplement's letters stand in Arabic-script words.)
# ... and a Hebrew letter standing alone glued to an accented Latin one (``Ö×ØÙ``, Latin-1's
# capitals in a test string of pyparsing's, became ``ÖרÙ``: a QA pass). A Hebrew word read
# back is Hebrew letters; one read back among Latin letters left as they were is not.
_HEBREW_GLUED = ("(?<=[\u00c0-\u024f])[\u05d0-\u05f2](?![\u0591-\u05f4])"
                 "|(?<![\u0591-\u05f4])[\u05d0-\u05f2](?=[\u00c0-\u024f])")
_LONE_RARE = re.compile(f"(?<![\u0600-\u08ff])[{_RARE}](?![\u0600-\u08ff])|(?<![\u0591-\u05f4])[\u0591-\u05c7]"
                        f"|{_HEBREW_GLUED}")
# Angstrom squared and cubed (``eV/Å³``, ``in Å².``): a unit, not the mojibake of Lithuanian
# ``ų`` and ``Ų``, which stand in words (``metÅ³``). ftfy reads both alike.
_UNIT = re.compile("(?<![^\\W\\d_])Å[²³](?![^\\W\\d_])")
# What ftfy makes of one: ``ų`` or ``Ų`` with no letter beside it (Lithuanian ``mišų``, whose
# ``š`` was ``Å¡`` before it, has one).
_UNIT_UNDONE = re.compile("(?<![^\\W\\d_])[ųŲ](?![^\\W\\d_])")


def refused_words(body: str, fixed: str | None, redo: Callable[[str], str | None]) -> str | None:
    """``fixed``, a repair of ``body`` (ftfy's, or a chain the document planned, which ``redo``
    makes of any piece of text: None where it cannot), less the words whose repair makes a lone
    letter of :data:`_RARE` or undoes a :data:`_UNIT` (None stays None).

    How: each such word, repaired alone, is found; the line is repaired again piece by piece
    between them, those words kept as they are (no pairing of old and new words, which a space
    ftfy takes, ``Ã `` read as ``à``, made drop or repeat text). A word is judged alone, so a
    long line streamed in pieces gets the same answer as the whole line. Where the pieces'
    repair still makes one (a context the word alone did not show), the line is left whole."""
    if fixed is None or fixed == body or (_LONE_RARE.search(fixed) is None and _UNIT.search(body) is None):
        return fixed
    words = body.split(" ")
    made = {w: redo(w) or w for w in set(words) if not w.isascii()}
    kept = {w for w, m in made.items() if _refused(w, m)}
    if any(m != w for w, m in made.items() if w not in kept):
        # Other words of the line are mojibake too: a lone ``Å²`` there is ``Ų`` (a character
        # table of ISO 8859-4 read as cp1252: ``D9 Å² LETRA MAYÃšSCULA U``). Only the rare
        # letters are refused then.
        kept = {w for w in kept if _refused(w, made[w], units=False)}
    if not kept:
        return body if _refused(body, fixed, units=False) else fixed
    out: list[str] = []
    piece: list[str] = []
    for w in [*words, None]:
        if w is not None and w not in kept:
            piece.append(w)
            continue
        if piece:
            text = " ".join(piece)
            out.append((redo(text) or text) if not text.isascii() else text)
            piece = []
        if w is not None:
            out.append(w)
    got = " ".join(out)
    return body if _refused(body, got, units=False) else got


def _refused(old: str, new: str, units: bool = True) -> bool:
    """Whether ``new`` (a repair of ``old``) holds more lone letters of :data:`_RARE` than
    ``old``, or (``units``) undoes one of its :data:`_UNIT`."""
    if _LONE_RARE.search(new) is not None and len(_LONE_RARE.findall(new)) > len(_LONE_RARE.findall(old)):
        return True
    return (units and _UNIT.search(old) is not None and len(_UNIT.findall(new)) < len(_UNIT.findall(old))
            and len(_UNIT_UNDONE.findall(new)) > len(_UNIT_UNDONE.findall(old)))
