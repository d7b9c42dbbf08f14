"""UTF-8 with whole lines in one single-byte legacy page: a log or files from two systems joined.

A new user's QA: two UTF-8 lines (``café, naïve, 東京``) and one line appended in Latin-1
(``été, où, garçon``) were decoded as Mac Roman (41%), every UTF-8 character turned into
mojibake, and ``fix -i`` wrote it; with ten UTF-8 lines the file was refused ("mostly UTF-8
... pass --encoding"), where no one encoding reads it. Such a file is read line by line: its
UTF-8 lines as UTF-8, the others in the page that legacy detection names for all of them
together, and the finding says how many lines were read so.

Only where each line is clearly one or the other (do no harm; anything else goes on to the
mostly-UTF-8 rule and legacy detection, as before):

* the UTF-8 lines hold UTF-8's evidence: :data:`MIN_UTF8` multi-byte characters at least;
* no other line holds a valid multi-byte UTF-8 sequence (a line with both is UTF-8 with a stray
  byte, which ``_mostly_utf8`` keeps as it came: reading it in a page would turn its UTF-8 into
  mojibake);
* the page is a common single-byte one (:data:`PAGES`: a multi-byte page's lines are valid
  UTF-8 by accident often enough, GBK's ``C4 A3``, for a line of it to pass as UTF-8), named
  with at least :data:`MIN_CONFIDENCE`, and reads every such line;
* its reading is text: each non-ASCII character is a letter or a mark such text uses
  (:data:`_MARKS`), the letters mostly inside words; a stray ``\\xff`` between spaces is no ``ÿ``.

Files up to ``HOLD_BYTES`` only: a bigger one is decided on counts over its blocks, without
lines (:func:`mojifix.decoding.decode.stream_reading`), and keeps the rules it had.
"""

from __future__ import annotations

import codecs
import re

MIN_UTF8 = 2  # multi-byte UTF-8 characters in the UTF-8 lines, at least
MIN_CONFIDENCE = 0.5  # legacy detection's, on the other lines together
# The pages such lines come in (Windows' and the ISO pages they extend, KOI8). A rarer page
# named for them is more often legacy detection's slip than the truth (a German page in
# windows-1252 with »...« is named ISO 8859-3 at 0.998, its guillemets read as ğ...Ğ): such a
# file goes on to the rules it had.
# (Python's names: codecs.lookup(name).name)
PAGES = frozenset({f"cp{n}" for n in range(1250, 1259)} | {
    "iso8859-1", "iso8859-2", "iso8859-5", "iso8859-7", "iso8859-9", "iso8859-15", "koi8-r", "koi8-u"})
# A valid multi-byte UTF-8 sequence (overlongs and surrogates aside: enough to tell a line).
_UTF8_SEQ = re.compile(b"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Each byte's part in such a sequence, one letter each: a 2-, 3- or 4-byte lead, a continuation
# byte, anything else. _UTF8_SEQ's matches are where the reading holds ``ax``, ``bxx`` or
# ``cxxx``: ``bytes.find`` at C speed finds them, where the regex ran at 60 MB/s (issue 20).
_SHAPES = bytes(
    ord("x") if 0x80 <= b <= 0xBF else ord("a") if 0xC2 <= b <= 0xDF else
    ord("b") if 0xE0 <= b <= 0xEF else ord("c") if 0xF0 <= b <= 0xF4 else ord(".")
    for b in range(256))
# Marks a Latin, Cyrillic or Greek text in a code page writes that are no letters.
_MARKS = frozenset("«»‹›“”‘’„‚–—…•°§©®™€£¥¢±×÷¡¿·¶ªº¹²³¼½¾\u00a0")


def utf8_with_legacy_lines(data: bytes) -> tuple[str, str, int, int, float] | None:
    """(text, page, lines read in the page, the first of them (1-based), confidence) where ``data`` is UTF-8 lines and lines
    of one single-byte page (see the module docstring); None where it is not clearly so."""
    shape = data.translate(_SHAPES)
    if _next_sequence(shape, 0) < 0:
        return None  # (most legacy files: no UTF-8 line at all, told at C speed)
    if _utf8_in_a_page_line(data, shape):
        return None  # (the loop below would find it; a legacy file's chance pair, found first)
    lines = data.splitlines(keepends=True)
    utf8 = 0
    other: list[int] = []
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            utf8 += len(line.decode("utf-8")) - len(line.decode("ascii", "ignore"))
        except UnicodeDecodeError:
            if _UTF8_SEQ.search(line):
                return None  # UTF-8 with a stray byte: not a line of a page
            other.append(i)
    if not other or utf8 < MIN_UTF8:
        return None
    from .detect import detect

    found = detect(b"".join(lines[i] for i in other))
    if found is None or found.confidence < MIN_CONFIDENCE or codecs.lookup(found.encoding).name not in PAGES:
        return None
    read = list(lines)
    for i in other:
        try:
            text = lines[i].decode(found.encoding)
        except (UnicodeDecodeError, LookupError):
            return None
        if not _reads_as_text(text):
            return None
        read[i] = text.encode("utf-8")
    return (b"".join(read).decode("utf-8"), found.encoding, len(other), other[0] + 1,
            round(min(0.99, found.confidence), 3))


def _next_sequence(shape: bytes, start: int) -> int:
    """Where the first :data:`_UTF8_SEQ` match at or after ``start`` begins in the data whose
    :data:`_SHAPES` reading is ``shape`` (-1: none): three C-speed ``find`` calls."""
    found = [i for i in (shape.find(b"ax", start), shape.find(b"bxx", start),
                         shape.find(b"cxxx", start)) if i >= 0]
    return min(found) if found else -1


def _utf8_in_a_page_line(data: bytes, shape: bytes | None = None) -> bool:
    """Whether a line holding a valid multi-byte UTF-8 sequence is not UTF-8: the first thing
    :func:`utf8_with_legacy_lines` gives up on, asked where such sequences are (a search from
    each such line's end, on ``data``'s :data:`_SHAPES` reading ``shape``) and not line by
    line. Why: a legacy file holds such a pair by chance (``D0 BE`` in ISO 8859-5, ``C4 A3``
    in GBK), and splitting and trying every line to reach it, after a regex search of the whole
    file at 60 MB/s, cost a fifth of detection's time on char-dataset (issue 20)."""
    if shape is None:
        shape = data.translate(_SHAPES)
    n = len(data)
    at = _next_sequence(shape, 0)
    while at >= 0:
        start = max(data.rfind(b"\n", 0, at), data.rfind(b"\r", 0, at)) + 1
        ends = [e for e in (data.find(b"\n", at), data.find(b"\r", at)) if e >= 0]
        end = min(ends) if ends else n
        try:
            data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            return True
        at = _next_sequence(shape, end)
    return False


def _reads_as_text(line: str) -> bool:
    """Whether the non-ASCII characters of ``line`` read as text: marks (:data:`_MARKS`) or
    letters, most of them inside words (a letter beside them); a lone one is a word of one
    letter (Russian ``в``, French ``à``) only beside twice as many in words."""
    inside = alone = 0
    for i, ch in enumerate(line):
        if ch.isascii() or ch in _MARKS:
            continue
        if not ch.isalpha():
            return False
        if (i > 0 and line[i - 1].isalpha()) or (i + 1 < len(line) and line[i + 1].isalpha()):
            inside += 1
        else:
            alone += 1
    return 2 * alone <= inside
