"""A short line of a legacy CJK document read as Latin-1: the document's, unless it is a Latin word.

(Subpackage ``fixers/``: point 4 of :mod:`mojifix.fixers.wholelegacy`, a line the document's
reading changes that holds no run of three non-ASCII characters; and the plan of the line
search, :mod:`mojifix.fixers.plan`: such a line is admitted inside its chain's span, does not
contradict the chain beside it, and is not left to ftfy's UTF-8 road.)

Why a module of its own: the plausibility cost charges a lone ideograph or Hangul syllable
among ASCII (``IPv4 或 IPv6``: 1.0; UTF-8's ``é`` read as GBK is ``caf茅``) more than the two
Latin-1 characters its bytes make (``IPv4 »ò IPv6``: 0.4), so both roads, which ask a short line
to cost no more read than as it is, refused such a line: the whole-document road sent the
document to the line search, whose plan left the line garbled too. Translation catalogs are
full of them (Django's, read through GBK, Big5 or EUC-KR as Latin-1 or cp1252: ``%(num)d년``
left ``%(num)d³â``, ``%(delta)s前`` made ``%(delta)sǰ`` (``Ç°`` is UTF-8's ``ǰ``), ``IPv4 或
IPv6`` left ``IPv4 ©Î IPv6``: all 14 partial repairs of a Chinese, Japanese or Korean catalog
on these chains in the catalog probe, bench/catalogs.py).

The document decides (:func:`documents_line`): a line whose reading is one or two letters of
the page's own script beside its ASCII (:data:`_SCRIPTS`), or nothing but such letters, is the
document's, unless the line carries its own evidence of being Latin text:

* a Latin-1 letter whose trail byte is ASCII (Big5, GBK and Shift_JIS take 40-7E as a second
  byte: ``Ça`` reads as ``ド`` through Big5). The bytes of a real character there lead with
  A1-BF mostly, which Latin-1 reads as symbols (``«n«D»y`` is ``南非語`` through Big5);
* two Latin-1 letters inside a word of ASCII letters: an ASCII letter on both sides
  (``créée``), or two on one side (``agréé``). A CJK character stands after a placeholder's
  one letter (``%(num)d³â``) or between spaces, and its first byte is mostly a symbol
  (``³ » · × °``).
"""

from __future__ import annotations

import codecs
import unicodedata

from .sloppy import is_utf8, write_back

# The letters each original page is read for (a character name's first word, as
# fixers/shapes.script_of names a script: not imported, shapes imports the plan): hanzi, kanji
# and kana, Hangul. Punctuation is not: ``：`` and ``…`` cost less read, which both roads take
# anyway. (Hanja in a Korean document, kana through GBK: left to the costs.)
_SCRIPTS = {"gbk": frozenset({"CJK"}), "big5": frozenset({"CJK"}),
            "shift_jis": frozenset({"CJK", "HIRAGANA", "KATAKANA"}), "euc-kr": frozenset({"HANGUL"})}
_WRONG = ("latin-1", "windows-1252")
_MOST = 2  # the reading's letters on a line that keeps ASCII letters, at most
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def documents_line(line: str, chain: tuple[str, ...], whole: bool = False) -> bool:
    """Whether ``chain`` (a CJK page read as Latin-1 or cp1252) undone on ``line`` is the
    document's reading to take though it costs more: see the module docstring. (The line is
    read here again, a character at a time: the caller's reading tells nothing of which
    characters of the line made each of its own.) ``whole``: the document is read whole
    through the chain (wholelegacy), so a line of UTF-8's bytes is its too. Not so in the line
    search: a Russian document read as cp1252 had five lines ``(Ð² ut_tv)`` made ``(胁 ut_tv)``
    (GBK's D0 B2 is UTF-8's ``в``), taking the CJK chain among themselves; a document read whole
    through the CJK page keeps such a line (GBK's ``前`` is C7 B0, UTF-8's ``ǰ``)."""
    scripts = _SCRIPTS.get(chain[0])
    if scripts is None or len(chain) != 2 or chain[1] not in _WRONG or line.isascii():
        return False
    try:
        data = write_back(line, chain[1])
    except UnicodeEncodeError:
        return False
    if len(data) != len(line):
        return False  # (one byte a character: these pages)
    if not whole and is_utf8(data):
        return False  # UTF-8's own bytes read as Latin-1 (``Ð²`` is ``в``)
    decoder = codecs.getincrementaldecoder(chain[0])()
    read = 0  # letters read
    ascii_letters = False  # ASCII letters the reading keeps
    start = 0
    for at in range(len(data)):
        try:
            got = decoder.decode(data[at:at + 1])
        except UnicodeDecodeError:
            return False
        if not got:
            continue  # (a lead byte: its character ends at the next)
        if got.isascii():
            ascii_letters = ascii_letters or got in _LETTERS
        elif not (got.isalpha() and unicodedata.name(got, "?").split()[0] in scripts) \
                or _latin(line, start, at):
            return False
        else:
            read += 1
        if read > _MOST and ascii_letters:
            return False  # (asked of every line the costs refuse: a long one stops here)
        start = at + 1
    return 0 < read and decoder.decode(b"", final=True) == "" and (read <= _MOST or not ascii_letters)


def _latin(line: str, start: int, end: int) -> bool:
    """Whether the characters ``line[start:end + 1]`` that one CJK character was read from
    look like Latin text (the module docstring's two cases)."""
    lead, trail = line[start], line[end]
    if end == start:
        return False  # (Shift_JIS's half-width katakana: one byte, not in _SCRIPTS anyway)
    if trail.isascii():
        return lead.isalpha()
    if not (lead.isalpha() and trail.isalpha()):
        return False
    before = _letters_at(line[max(0, start - 2):start][::-1])
    after = _letters_at(line[end + 1:end + 3])
    return (before > 0 and after > 0) or before == 2 or after == 2


def _letters_at(near: str) -> int:
    """How many ASCII letters ``near`` starts with (0, 1 or 2: it is two characters at most)."""
    n = 0
    for c in near:
        if c not in _LETTERS:
            break
        n += 1
    return n
