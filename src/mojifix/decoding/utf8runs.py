"""Where valid multi-byte UTF-8 sequences are in bytes, found at C speed, and the marks a text
in a code page writes beside its letters: shared by :mod:`.mixedlines` (whole lines of UTF-8
beside lines of a page) and :mod:`.mixedruns` (UTF-8 letters beside single bytes within lines),
a module of their own so that the second needs nothing of the first, which asks it.
"""

from __future__ import annotations

# Each byte's part in a valid multi-byte sequence, one letter each: a 2-, 3- or 4-byte lead, a
# continuation byte, anything else. mixedlines' _UTF8_SEQ matches are where the reading holds
# ``ax``, ``bxx`` or ``cxxx``: ``bytes.find`` at C speed finds them, where the regex ran at
# 60 MB/s (issue 20).
_SHAPES = bytes(
    ord("x") if 0x80 <= b <= 0xBF else ord("a") if 0xC2 <= b <= 0xDF else
    ord("b") if 0xE0 <= b <= 0xEF else ord("c") if 0xF0 <= b <= 0xF4 else ord(".")
    for b in range(256))
# Marks a Latin, Cyrillic or Greek text in a code page writes that are no letters.
_MARKS = frozenset("«»‹›“”‘’„‚–—…•°§©®™€£¥¢±×÷¡¿·¶ªº¹²³¼½¾\u00a0")


def _next_sequence(shape: bytes, start: int) -> int:
    """Where the first valid sequence (mixedlines' ``_UTF8_SEQ``) at or after ``start`` begins in the data whose
    :data:`_SHAPES` reading is ``shape`` (-1: none): three C-speed ``find`` calls."""
    best = shape.find(b"ax", start)  # (each later search only up to the best so far)
    for pattern in (b"bxx", b"cxxx"):
        at = shape.find(pattern, start) if best < 0 else shape.find(pattern, start, best)
        if at >= 0:
            best = at
    return best
