"""Which characters a wrong codec can write: a line holding one it cannot is not that codec's
mojibake, and one regex search says so, where encoding the line to find out costs a call, an
exception and, for GB18030, the costliest step of the whole chain search.

The chain search (chains.py) tries every layer on every line whose plausibility cost is above 0.
On garbled pages most such lines are no layer's mojibake at all (zero-width spam, pinyin glosses,
cp1252 mojibake with lost bytes, which is ftfy's), and every layer failed on them the slow way.

* :func:`outside` is, per codec, the class of characters it cannot write and read back. Built
  from the bytes up (every one- and two-byte sequence decoded, a newline after each so a bad
  pair cannot swallow the next), so it holds every character the codec writes exactly (and a few
  more: a prefilter may only ever let too much through). EUC-KR also writes the Hangul
  syllables KS X 1001 lacks, as eight-byte sequences: they are added.
  ``tests/test_repertoire.py`` checks every BMP character against the codec itself.
* :func:`gb18030_wide`: GB18030 writes every character, most of them in four bytes: b1
  (0x81-0xFE), an ASCII digit, b3 (0x81-0xFE), an ASCII digit. Such a b3 is never UTF-8:
  between two ASCII bytes it can neither start a sequence nor continue one. So a line with one of
  these characters is not UTF-8 read as GB18030, and in a lenient decode (a lost byte) each one
  costs a U+FFFD of its own.

The classes take 80-120 ms to build (``re`` compiling classes of thousands of characters), and
save about 5 ms per MB of garbled text, so they are used once the chain search has tried
:data:`BUILD_AFTER` characters of the document being repaired (:func:`ready`, about 12 MB of
such text). The count is the document's own (kept in its memo, :mod:`mojifix.memo`), never the
process's: the same input takes the same path whatever was repaired before it.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from functools import cache, lru_cache

from ..memo import current, note

BUILD_AFTER = 5_000_000

# Characters each codec writes beyond its one- and two-byte sequences.
_MORE = {"euc-kr": "\uac00-\ud7a3"}


def ready(size: int = 0) -> bool:
    """Whether the classes may be used: once ``BUILD_AFTER`` characters of this document were
    tried (``size`` more now). Outside a document (a fixer called on its own), never unless
    ``BUILD_AFTER`` is 0."""
    memo = current()
    tried = 0 if memo is None else memo.tried
    if tried < BUILD_AFTER:
        if memo is not None:
            memo.tried += size
            if memo.tried >= BUILD_AFTER:
                note("repertoire:classes")  # used from the next line on
        return False
    return True


@lru_cache(maxsize=1)
def _sequences() -> bytes:
    """Every byte 0x80-0xFF and every pair (lead 0x81-0xFE, trail 0x40-0xFE), each followed by
    a newline: no trail byte of these codecs is below 0x40, so a bad pair ends at the newline."""
    singles = b"".join(bytes((b, 10)) for b in range(0x80, 0x100))
    return singles + b"".join(bytes((lead, t, 10)) for lead in range(0x81, 0xFF) for t in range(0x40, 0xFF))


@cache
def outside(codec: str) -> re.Pattern[str]:
    """Any character ``codec`` cannot write and read back (U+FFFD aside: undo splits it out)."""
    from .plausibility import class_of as _class

    chars = set(_sequences().decode(codec, errors="replace"))
    chars = {c for c in chars if not c.isascii()} - {"\ufffd"}
    return re.compile(f"[^\\x00-\\x7f\\ufffd{_class(chars)}{_MORE.get(codec, '')}]")


def gb18030_wide() -> re.Pattern[str]:
    """Any character GB18030 does not write in one or two bytes, U+FFFD aside: :func:`outside`
    for GB18030, whose classes are built from one- and two-byte sequences only."""
    return outside("gb18030")


@cache
def encoder(codec: str) -> Callable[[str], tuple[bytes, int]]:
    """``codec``'s encoder (keyed on the codec's name, never on text). Called directly, a
    strict encode skips ``str.encode``'s lookup of the codec by its name: 40% of the cost of
    each of the five encodes the chain screen gives a line of clean CJK text (issue 20). The
    same bytes, the same errors (tests/test_cleancjk.py)."""
    return codecs.lookup(codec).encode


def cannot_write(text: str, codec: str) -> bool:
    """True when ``codec`` cannot write some character of ``text`` (U+FFFD aside)."""
    return outside(codec).search(text) is not None


def not_utf8_via_gb18030(text: str, lost: int = 0) -> bool:
    """True when ``text`` cannot be UTF-8 read as GB18030: in the strict decode (``lost`` = 0)
    it holds a four-byte character; with ``lost`` U+FFFD, it holds more than the ``4 * lost``
    U+FFFD chains.undo allows in the lenient decode."""
    wide = gb18030_wide()
    if not lost:
        return wide.search(text) is not None
    for n, _ in enumerate(wide.finditer(text), 1):
        if n > 4 * lost:
            return True
    return False
