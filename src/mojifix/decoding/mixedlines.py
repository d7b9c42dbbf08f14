"""UTF-8 with whole lines in one single-byte legacy page: a log or files from two systems joined.

A new user's QA: two UTF-8 lines (``café, naïve, 東京``) and one line appended in Latin-1
(``été, où, garçon``) were decoded as Mac Roman (41%), every UTF-8 character turned into
mojibake, and ``fix -i`` wrote it; with ten UTF-8 lines the file was refused ("mostly UTF-8
... pass --encoding"), where no one encoding reads it. Such a file is read line by line: its
UTF-8 lines as UTF-8, the others in the page that legacy detection names for all of them
together, and the finding says how many lines were read so.

Only where each line is clearly one or the other (do no harm; anything else goes on to the
mostly-UTF-8 rule and legacy detection, as before; UTF-8 letters beside single legacy bytes
*within* lines, a CSV of UTF-8 names and cp1252 cities, are refused: :mod:`.mixedruns`):

* the UTF-8 lines hold UTF-8's evidence: :data:`MIN_UTF8` multi-byte characters at least;
* no other line holds a valid multi-byte UTF-8 sequence (a line with both is UTF-8 with a stray
  byte, which ``_mostly_utf8`` keeps as it came: reading it in a page would turn its UTF-8 into
  mojibake);
* the page is a common single-byte one (:data:`PAGES`: a multi-byte page's lines are valid
  UTF-8 by accident often enough, GBK's ``C4 A3``, for a line of it to pass as UTF-8), named
  with at least :data:`MIN_CONFIDENCE`, and reads every such line;
* its reading is text: each non-ASCII character is a letter or a mark such text uses
  (:data:`_MARKS`), the letters mostly inside words; a stray ``\\xff`` between spaces is no ``ÿ``.

Where these rules give up, legacy detection chose a single-byte page (or read a CJK page as
damaged), and the UTF-8 lines hold UTF-8's evidence all the same (lines valid UTF-8 as a whole
with :data:`EVIDENCE_CHARS` letters), the file is refused, ``--encoding`` the remedy, where the
other lines alone are a multi-byte page's (:func:`refuse_a_page_reading`) or read whole as words
of two scripts (:func:`refuse_a_glued_reading`): no one page reads it, and legacy detection's
reading of the whole file turned every UTF-8 character into mojibake (a QA pass: a UTF-8 CSV with two cp1252 rows read as mac-latin2 at
87%, UTF-8 Chinese with five GBK lines as windows-1256 at 100%, an mbox of UTF-8, Latin-1 and
KOI8-R messages as KOI8-R at 100%: each written by ``fix -i``).

Files up to ``HOLD_BYTES`` only: a bigger one is decided on counts over its blocks, without
lines (:func:`mojifix.decoding.decode.stream_reading`), and keeps the rules it had.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import DecodeError
from .tolerant import CJK_PAGES
from .utf8runs import _MARKS, _SHAPES, _next_sequence

NO_SEQUENCE = False  # utf8_with_legacy_lines' answer where no UTF-8 sequence is there
MIN_UTF8 = 2  # multi-byte UTF-8 characters in the UTF-8 lines, at least
# Legacy detection's, on the other lines together: decode.LOW_CONFIDENCE, the floor of a
# whole-file reading that ``fix -i`` writes. It was 0.5: two cp1252 rows of French and Danish
# names (``François Lefèvre``, ``Søren Ærø``) are named windows-1252 at 0.30 (windows-1257 the
# runner-up), and the file went on to be read whole as mac-latin2 (QA). Below the floor such a
# file is refused now (refuse_a_page_reading), not read whole.
MIN_CONFIDENCE = 0.25
# UTF-8's evidence that no page reading may turn into mojibake (refuse_a_page_reading): lines
# valid UTF-8 as a whole, with this many letters in them. A legacy file rarely holds such a line
# by chance: over the corpus's manpages in their legacy pages (detect_legacy's 3,452 files that
# are not UTF-8), 9 hold one, none two; the most characters in one is 2 (GBK ``C4 A3``, cp866,
# EUC-JP). A legacy file in a single-byte page quoting lines of mojibake (``cafÃ©`` in cp1252)
# reads as before, whole in its page, the fixers repairing the quoted lines: refusing every file
# with two such lines refused 409 of 716 manpages quoting two UTF-8 lines that were read right.
EVIDENCE_CHARS = 4
# One UTF-8 line is no such evidence (a legacy file quoting one line of mojibake, which the
# fixers repair); with this many characters in it, a whole-file reading is refused where it
# glues two scripts inside words (refuse_a_glued_reading) in GLUED_WORDS places. Over the same
# 716 manpages with one UTF-8 line pasted in: 16 refused (each had been read whole in a page of
# another script: Mac Roman or cp737 for Japanese and Chinese, windows-1256 for Italian, Mac
# Cyrillic for cp1251), 12 French read line by line (10 the same text), the rest as before.
EVIDENCE_ONE_LINE = 6
GLUED_WORDS = 3
_LETTERS = frozenset({"Lu", "Ll", "Lt", "Lo"})  # (Lm aside: Johab's box drawing reads as U+06E5, U+06E6)
# A Latin letter beside a Cyrillic or Greek one (either order): German ``ä`` read in KOI8-R.
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_OTHER = "\u0370-\u03ff\u0400-\u04ff"
_GLUED = re.compile(f"[{_LATIN}][{_OTHER}]|[{_OTHER}][{_LATIN}]")
# The pages such lines come in (Windows' and the ISO pages they extend, KOI8). A rarer page
# named for them is more often legacy detection's slip than the truth (a German page in
# windows-1252 with »...« is named ISO 8859-3 at 0.998, its guillemets read as ğ...Ğ): such a
# file goes on to the rules it had.
# (Python's names: codecs.lookup(name).name)
PAGES = frozenset({f"cp{n}" for n in range(1250, 1259)} | {
    "iso8859-1", "iso8859-2", "iso8859-5", "iso8859-7", "iso8859-9", "iso8859-15", "koi8-r", "koi8-u"})
# A valid multi-byte UTF-8 sequence (overlongs and surrogates aside: enough to tell a line).
_UTF8_SEQ = re.compile(b"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
def utf8_with_legacy_lines(data: bytes) -> tuple[str, str, int, int, float] | bool | None:
    """(text, page, lines read in the page, the first of them (1-based), confidence) where ``data`` is UTF-8 lines and lines
    of one single-byte page (see the module docstring); None where it is not clearly so, and
    :data:`NO_SEQUENCE` where no valid multi-byte sequence is there (no :func:`utf8_evidence`
    to ask: the file read whole in a page, as before)."""
    shape = data.translate(_SHAPES)
    first = _next_sequence(shape, 0)
    if first < 0:
        return NO_SEQUENCE  # (most legacy files: no UTF-8 line at all, told at C speed)
    if _utf8_in_a_page_line(data, shape, first):
        # (the loop below would find it; a legacy file's chance pair, found first.) UTF-8
        # letters beside stray bytes within lines are refused (decoding/mixedruns.py): asked
        # here, where the shapes are at hand, of the only files it can refuse.
        from .mixedruns import refuse_utf8_within_lines

        refuse_utf8_within_lines(data, shape, first)
        return None
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


def utf8_evidence(data: bytes) -> tuple[int, int, int, frozenset[int]] | None:
    """(lines valid UTF-8 as a whole holding multi-byte letters, those letters, the
    first line that is not UTF-8, the indexes of the UTF-8 lines) of bytes that are not UTF-8;
    None where there is no such line. Asked only where :func:`utf8_with_legacy_lines` found a
    valid multi-byte sequence (most legacy files hold none); lines end at ``\\n`` (those of any
    ASCII-compatible page, as :func:`refuse_a_glued_reading` splits its reading)."""
    # (No valid sequence: told by utf8_with_legacy_lines, which gives up on such bytes first.)
    # One decode and one split at C speed, the lines asked in one comprehension (a search of
    # the bytes' shapes with three replaces ran at a third of that speed).
    split = data.decode("utf-8", "replace").split("\n")
    utf8 = [i for i, line in enumerate(split) if not line.isascii() and "\ufffd" not in line]
    if not utf8:
        return None
    first = next((i + 1 for i, line in enumerate(split) if "\ufffd" in line), 0)
    lines = chars = 0
    for index in utf8:
        # Letters only, half the line's non-ASCII characters at least: Johab's box drawing
        # (``D9 A1``...) is valid UTF-8 as whole lines of Arabic marks (U+06E1...), 102 lines
        # of char-dataset's johab/mdir-doc.txt, which was refused on them.
        high = [ch for ch in split[index] if ch > "\x7f"]
        letters = sum(1 for ch in high if unicodedata.category(ch) in _LETTERS)
        if 2 * letters >= len(high):
            lines += 1
            chars += letters
    return lines, chars, first, frozenset(utf8)


def refuse_a_page_reading(evidence: tuple[int, int, int, frozenset[int]] | None, data: bytes) -> None:
    """Raise :class:`DecodeError` where the UTF-8 lines (:func:`utf8_evidence`) of bytes read
    whole in a single-byte page hold UTF-8's evidence (:data:`EVIDENCE_CHARS` letters) and the
    other lines alone are a multi-byte page's (legacy detection names one): no one encoding reads
    the file, and the page chosen for it turned both parts into mojibake (QA: UTF-8 Chinese with
    five GBK lines read as windows-1256 at 100%; a Shift_JIS page with one UTF-8 line as Mac
    Roman). Where the other lines are a single-byte page's, the file is read whole in it, as
    before: the fixers repair the UTF-8 lines read through it (a cp1251 page quoting two lines
    of UTF-8; refusing those refused 409 of 716 such manpages that were read right)."""
    if evidence is None or evidence[1] < EVIDENCE_CHARS:
        return
    from .detect import detect

    split = data.split(b"\n")
    found = detect(b"\n".join(line for i, line in enumerate(split) if i not in evidence[3]))
    if found is not None and found.encoding in CJK_PAGES and found.confidence >= MIN_CONFIDENCE:
        _refuse(evidence, f"the other lines are {found.encoding}, which no one encoding reads beside UTF-8")



def refuse_a_glued_reading(evidence: tuple[int, int, int, frozenset[int]] | None, text: str) -> None:
    """Raise :class:`DecodeError` where a file holding a UTF-8 line of :data:`EVIDENCE_ONE_LINE`
    characters was read whole in a page (``text``) that glues two scripts inside words in
    :data:`GLUED_WORDS` places of the other lines: those lines are in two pages. (QA: an mbox of
    a UTF-8, a Latin-1 and a KOI8-R message was read as KOI8-R at 100%, ``anfängliche`` read
    ``anfДngliche``: the fixers repaired its UTF-8 line back, not the German.) Where the other
    lines read without such words (one line of mojibake quoted in a legacy file), as before."""
    if evidence is None or evidence[1] < EVIDENCE_ONE_LINE:
        return
    glued = 0
    for index, line in enumerate(text.split("\n")):
        if index not in evidence[3] and not line.isascii():
            glued += len(_GLUED.findall(line))
            if glued >= GLUED_WORDS:
                _refuse(evidence, "its other lines read as words of two scripts in any one page")


def _refuse(evidence: tuple[int, int, int, frozenset[int]], why: str) -> None:
    lines, chars, first, _ = evidence
    raise DecodeError(
        f"UTF-8 mixed with another encoding: {lines} line(s) are UTF-8 ({chars} non-ASCII "
        f"letters), line {first} is not; {why}",
        "pass --encoding NAME to read it all in one encoding, or convert the lines that are "
        "not UTF-8 first",
    )


def _utf8_in_a_page_line(data: bytes, shape: bytes | None = None, first: int | None = None) -> bool:
    """Whether a line holding a valid multi-byte UTF-8 sequence is not UTF-8: the first thing
    :func:`utf8_with_legacy_lines` gives up on, asked where such sequences are (a search from
    each such line's end, on ``data``'s :data:`_SHAPES` reading ``shape``) and not line by
    line. Why: a legacy file holds such a pair by chance (``D0 BE`` in ISO 8859-5, ``C4 A3``
    in GBK), and splitting and trying every line to reach it, after a regex search of the whole
    file at 60 MB/s, cost a fifth of detection's time on char-dataset (issue 20). ``first``:
    where the first sequence is, when the caller found it."""
    if shape is None:
        shape = data.translate(_SHAPES)
    n = len(data)
    at = _next_sequence(shape, 0) if first is None else first
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
    letter (Russian ``в``, French ``à``) only beside twice as many in words, less one: a French
    line ``découvrez ... à`` is text (it was not, and a cp1252 page with two UTF-8 lines in it
    went on to be refused), ``end \\xff end`` is not."""
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
    return 2 * alone <= inside + 1
