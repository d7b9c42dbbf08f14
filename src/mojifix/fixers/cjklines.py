"""The chain screen's first test of a document's CJK lines, all of them at once (issue 20).

(Subpackage ``fixers/``, under :mod:`mojifix.fixers.chains`, its only user: its per-line screen,
``chains.may_apply``, asks it before its own tests.)

Why a module of its own: on clean Chinese and Japanese text most lines hold a character the
plausibility scans flag, and the per-line screen tried on each of them every multi-byte page
(a strict encode, a strict UTF-8 decode, the line's lost bytes through four pages): about
20 us a line, 40% of ``fix_text`` on the corpus' clean Japanese, nearly all of it Python's
steps around calls that fail at once. A line holding a character no single-byte page writes
(a hanzi, a kana, Hangul) has only the layers ``("utf-8", page)`` of a multi-byte page to try
(``chains._one_layer``), and each needs its bytes in that page to be all UTF-8: read from
their start, the first bytes already say no on nearly every clean line. So :func:`quiet`
encodes, once per page, the first :data:`HEAD` characters of each line from its first
non-ASCII one (the bytes before it are ASCII, whole UTF-8 characters each, so the UTF-8
decoder starts there at a character's start), and one regex finds the heads whose bytes could
begin a UTF-8 text (:data:`_MAYBE_UTF8`). Where a head's bytes cannot, the line's cannot.

Each page encodes character by character with no state between characters and never writes
byte 0A inside a character, so the heads joined by newlines encode as their own bytes split
at 0A. A character the page cannot write becomes ``?`` (``errors="replace"``), which no head
holds otherwise (its own ``?`` are written as another ASCII letter first, the same to UTF-8):
a head showing ``?`` belongs to a line the page cannot write, which has no candidate through
it at all (``_one_layer``'s strict encode fails).

The lost-bytes test of those lines (``lossy.lossy_read``: four "Tcc" in the line's bytes
through a page first) is counted by the page survey the screen makes anyway
(``vanished.pages_of``); the per-line screen puts both together. This only clears, never
decides: a line not cleared is tested as before. ``tests/test_cjklines.py`` checks that no
line it clears has a candidate (``chains._one_layer``) on corpus lines and on garbled ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Characters of a line read from its first non-ASCII one: with 4 the heads clear 96% of the
# corpus' clean Japanese lines through every page (1 character: 66%, 8: 98% at twice the
# bytes).
HEAD = 4
_NON_ASCII = re.compile("[^\\x00-\\x7f]")
# A head's bytes that could begin a UTF-8 text: whole sequences (lead C2-F4 and its count of
# continuation bytes 80-BF; a superset of strict UTF-8, which also refuses overlong forms and
# surrogates), then at most one cut short by the head's end; ASCII but "?" (a character the
# page cannot write, see the module docstring). Every branch starts with a byte no other one
# starts with: linear time.
_MAYBE_UTF8 = re.compile(
    b"(?m)^(?:[\\x00-\\x09\\x0b-\\x3e\\x40-\\x7f]|[\\xc2-\\xdf][\\x80-\\xbf]"
    b"|[\\xe0-\\xef][\\x80-\\xbf]{2}|[\\xf0-\\xf4][\\x80-\\xbf]{3})*"
    b"(?:[\\xc2-\\xf4]|[\\xe0-\\xf4][\\x80-\\xbf]|[\\xf0-\\xf4][\\x80-\\xbf]{2})?$")


def head(line: str) -> str:
    """What :func:`quiet` reads of ``line`` (non-ASCII, no newline): its first :data:`HEAD`
    characters from its first non-ASCII one, its ``?`` written as another ASCII letter."""
    m = _NON_ASCII.search(line)
    at = 0 if m is None else m.start()
    return line[at:at + HEAD].replace("?", "a")


def quiet(heads: Sequence[str], pages: Sequence[str]) -> bytes:
    """For each of ``heads`` (:func:`head` of a line): 1 when the line's bytes through each of
    ``pages`` (multi-byte pages) are certainly not all UTF-8, or the page cannot write it: no
    layer ``("utf-8", page)`` undoes on it. 0: not proven."""
    out = bytearray(b"\x01") * len(heads)
    if not heads:
        return bytes(out)
    joined = "\n".join(heads)
    for page in pages:
        data = joined.encode(page, errors="replace")
        at = number = 0
        for m in _MAYBE_UTF8.finditer(data):
            number += data.count(b"\n", at, m.start())
            at = m.start()
            out[number] = 0
    return bytes(out)
