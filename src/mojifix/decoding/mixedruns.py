"""UTF-8 mixed with single legacy bytes *within* lines: refused, never read whole in one page.

QA pass 26: a CSV whose names are UTF-8 and whose cities are windows-1252 on the same lines
(two sources joined field by field: ``José,M\\xe1laga``) was read whole as GBK at 100% and
``fix -i`` wrote ``Jos茅,M醠aga``, exit 0 (55 of 60 random such CSVs written in a wrong page:
GBK, mac-latin2, windows-1250, Big5). Sphinx's ``LatinRules.xdy`` mixes UTF-8 letters with raw
single bytes on purpose (``("À" "\\xb6" :string)``); it was read as windows-1256 at 100% and
``fix -i`` turned ``À`` into ``أ€``. Neither is whole lines of one page
(:mod:`mojifix.decoding.mixedlines`), nor UTF-8 with a few stray bytes (``_mostly_utf8`` wants
twice as many valid characters as invalid bytes): legacy detection then named a page that reads
every byte, the UTF-8 letters as pairs of Chinese or Arabic characters.

**Refused, not read run by run** (valid sequences as UTF-8, the other bytes in a page), a choice
measured on the QA's 60 CSVs: legacy detection on the bytes that are not UTF-8 (the file with its
UTF-8 runs taken out) names the wrong page at high confidence, iso8859-16 for cp1252's ``Århus``
and ``Brønnøysund`` (read ``Ćrhus``, ``Brűnnűysund``), windows-1250 for others. Reading in the
page named, and only where every page within a cost margin of it that reads the bytes as
letters reads them alike, was still wrong on 21 (margin 2), 12 (4) and 3 (8) files of 60, and
at a margin of 12 it read none. The page of a few words is not knowable from them; the user
knows it, and ``--encoding cp1252`` reads such a CSV whole, the mojibake fixer then repairing
its UTF-8 names exactly (the remedy the message names).

Refused only where the file is clearly such a mix (do no harm: anything else is read as
before). Asked by :func:`mojifix.decoding.mixedlines.utf8_with_legacy_lines` where a line
holding a valid multi-byte sequence is not UTF-8 (every file this refuses is such a file), with
the shapes that function searched: 225 of char-dataset's 475 files, each ended at its first
sequence, 0.3 us a file. The rules:

* every run of non-ASCII bytes is one or the other: valid UTF-8 as a whole, or holding no
  valid multi-byte sequence (a legacy page's chance UTF-8 pair sits inside a run of its letters,
  a GBK, Shift_JIS or cp1251 word: the first sequence glued to an invalid byte ends the look);
* the UTF-8 runs are Latin letters (:func:`_latin`) or marks text uses (``utf8runs._MARKS``),
  :data:`MIN_LETTERS` letters at least: a legacy page's chance pairs read as other scripts
  (Czech in mac-latin2: ``ří`` is ``DE 92``, Thaana ``ޒ``; cp852's read as Arabic);
* its UTF-8 characters are a fair share of the rest: one at least per :data:`STRAY_PER_CHAR`
  invalid bytes (a Russian page in ISO 8859-5 holds three chance ``ƿ`` beside 1,944 bytes),
  and fewer than two per invalid byte (more is the mostly-UTF-8 rule's, asked after this: it
  keeps the bytes as they are or refuses with its own message, as before).

Measured on the manpages in their legacy pages (detect_legacy's 1,726 documents, and 1,654 more
in other pages of their languages: mac-latin2, cp852, mac-roman, cp850, cp437, cp737, cp855,
cp857, cp866, mac-cyrillic, mac-greek, ISO 8859-5, KOI8-U, GB18030, EUC-JIS-2004...), whole and
in 64-, 32- and 16-byte windows: none of the 23,660 inputs is refused (111 of a first 14,415
pass the first rule, the Czech ones above most). Files up to
``HOLD_BYTES`` only, as mixedlines (a bigger one is decided on counts, without lines).
"""

from __future__ import annotations

from ..errors import DecodeError
from .utf8runs import _MARKS, _next_sequence

MIN_LETTERS = 3  # Latin letters in the UTF-8 runs (as the mostly-UTF-8 rule's 3 characters)
STRAY_PER_CHAR = 4  # invalid bytes per UTF-8 character, at most
_LENGTH = {ord("a"): 2, ord("b"): 3, ord("c"): 4}  # a sequence's bytes by its lead's shape
_HIGH = bytes(range(0x80, 0x100))


def _latin(ch: str) -> bool:
    """A letter of the Latin script beyond ASCII: Latin-1's, Extended-A and -B, Additional."""
    return ("\u00c0" <= ch <= "\u024f" and ch not in "\u00d7\u00f7") or "\u1e00" <= ch <= "\u1eff"


def refuse_utf8_within_lines(data: bytes, shape: bytes, first: int) -> None:
    """Raise :class:`DecodeError` where ``data`` mixes runs of UTF-8 Latin letters with runs of
    bytes that are not UTF-8 (see the module docstring); return otherwise. ``shape`` is its
    ``utf8runs._SHAPES`` reading, ``first`` where its first valid sequence is: asked by
    :func:`mojifix.decoding.mixedlines.utf8_with_legacy_lines` where a line holding one is not
    UTF-8 (any file this refuses), which found both; the look ends at the first sequence glued
    to an invalid byte, mostly the first one met (a legacy page's chance pair inside a word)."""
    counts = _sequences(data, shape, first)
    if counts is None:
        return
    first_utf8, chars, letters, utf8_bytes = counts
    stray = len(data) - len(data.translate(None, _HIGH)) - utf8_bytes
    # (2 * stray <= chars: the mostly-UTF-8 rule's, asked after this, which keeps such bytes or
    # refuses with its own message: on these counts it says None exactly where 2 * stray > chars)
    if letters < MIN_LETTERS or 2 * stray <= chars or stray > STRAY_PER_CHAR * chars:
        return
    try:
        data.decode("utf-8")
        return
    except UnicodeDecodeError as exc:  # (the first byte that is not UTF-8, for the message)
        offset = exc.start
    raise DecodeError(
        f"UTF-8 mixed with another encoding within lines: {letters} UTF-8 letters (first on "
        f"line {_line(data, first_utf8)}) beside {stray} bytes that are not UTF-8 "
        f"(first 0x{data[offset]:02X} on line {_line(data, offset)}); no one "
        "encoding reads both",
        "pass --encoding NAME, the page of the bytes that are not UTF-8: the UTF-8 letters are "
        "then repaired as mojibake",
    )


def _sequences(data: bytes, shape: bytes, at: int) -> tuple[int, int, int, int] | None:
    """(where the first is, UTF-8 characters, Latin letters, their bytes) of the valid sequences
    of ``data`` (its ``utf8runs._SHAPES`` reading ``shape``; the first at ``at``); None where one is
    glued to an invalid byte or is no Latin letter or mark. Each must have an ASCII byte or
    another valid sequence on either side: then every run of non-ASCII bytes is UTF-8 as a
    whole or holds no valid sequence (the shapes' search finds every one)."""
    first, end = at, -1
    chars = letters = utf8_bytes = 0
    while at >= 0:
        if at > 0 and at != end and data[at - 1] >= 0x80:
            return None  # a run holding both: a legacy page's chance pair, or UTF-8 with a stray byte
        end = at + _LENGTH[shape[at]]
        try:
            ch = data[at:end].decode("utf-8")
        except UnicodeDecodeError:
            return None  # (an overlong or a surrogate: the shapes let them by)
        if _latin(ch):
            letters += 1
        elif ch not in _MARKS:
            return None
        chars += 1
        utf8_bytes += end - at
        at = _next_sequence(shape, end)
        if end < len(data) and data[end] >= 0x80 and at != end:
            return None  # the same, the invalid byte after it
    return first, chars, letters, utf8_bytes


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
