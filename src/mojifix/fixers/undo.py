"""Undoing one layer of mojibake: encode with the wrong codec, decode strictly with the original.

(Split out of :mod:`mojifix.fixers.chains`, which searches the chains: this is the step each of
its candidates is made by, and the one other modules and tests call directly.)
"""

from __future__ import annotations

import codecs

from ..scoring import repertoire
from .lossy import LOSSY_PAGES
from .lostbytes import recover_line
from .shapes import MULTIBYTE


def encode_exact(text: str, codec: str) -> bytes:
    """``text.encode(codec)``, refused (UnicodeEncodeError) when the codec's encoder is lossy
    for it: Python's shift_jis encodes ``¥`` as the byte 5C it decodes as ``\\``. Bytes that
    do not decode back to ``text`` are not what a wrong decode produced ``text`` from."""
    data = text.encode(codec)
    if not round_trips(text, data, codec):
        raise UnicodeEncodeError(codec, text, 0, len(text), "not a round trip")
    return data


def round_trips(text: str, data: bytes, codec: str) -> bool:
    """Whether ``data`` (``text`` encoded with ``codec``) decodes back to ``text``."""
    if data.isascii() and text.isascii():
        return True
    try:
        return data.decode(codec) == text
    except UnicodeDecodeError:
        return False


# The wrong codecs :func:`undo` can restore a lost byte (U+FFFD) for.
LOSSY_OK = MULTIBYTE | {"windows-1251"}


def _replaced(data: bytes, codec: str, most: int, block: int = 1 << 20) -> str | None:
    """``data.decode(codec, errors="replace")``, or None once it holds more than ``most`` U+FFFD
    (see :func:`undo`). A long line is decoded a block at a time (the incremental decoder gives
    the same text), so junk is given up at its first block: decoded whole, a line of tens of MB
    cost 4x its size in U+FFFD only to be refused (issue 20)."""
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    view, pieces, bad = memoryview(data), [], 0
    for at in range(0, max(len(data), 1), block):
        pieces.append(decoder.decode(view[at:at + block], final=at + block >= len(data)))
        bad += pieces[-1].count("\ufffd")
        if bad > most:
            return None
    return "".join(pieces)


def undo(text: str, original: str, wrong: str) -> str | None:
    """Undo one layer: encode with the wrong codec, decode strictly with the original.

    Returns None when either step fails. U+FFFD in ``text`` is a lost byte: for windows-1251 it
    is byte 0x98 (its only undefined byte); elsewhere the remaining bytes are decoded and the
    lost character is marked with U+FFFD.

    >>> undo("浣犲ソ", "utf-8", "gbk")
    '你好'
    """
    if wrong == "gb18030" and original == "utf-8" and repertoire.ready() \
            and repertoire.not_utf8_via_gb18030(text, text.count("\ufffd")):
        return None
    try:
        if "\ufffd" not in text:
            return encode_exact(text, wrong).decode(original)
        if wrong == "windows-1251":
            data = b"\x98".join(encode_exact(p, wrong) for p in text.split("\ufffd"))
            return data.decode(original)
        if wrong not in MULTIBYTE:
            return None
        parts = text.split("\ufffd")
        # Each U+FFFD was one byte: fixers/lostbytes.py chooses it where the choice is clear.
        # (only the pages whose replace-decoding fixers/lostbytes.py models: GB18030 and cp932 refuse
        # other bytes, and a table of the wrong page makes confident wrong guesses)
        out = None
        if original == "utf-8" and wrong in LOSSY_PAGES:
            # (a part the page cannot write: recover gives up at its encode, and the encode below
            # raises at it too; asked once here, as most lines tried through a wrong page end so)
            for p in parts:
                p.encode(wrong)
            out = recover_line(text, wrong)
        if out is None:
            data = b"\xff".join(encode_exact(p, wrong) for p in parts)
            out = _replaced(data, original, 4 * (len(parts) - 1))
            if out is None:
                return None
        # A lost byte (or two: a CJK decoder drops a bad pair as one U+FFFD) breaks at most the
        # character it belonged to and the one after: up to four U+FFFD in the decoded text
        # (truncated lead, the placeholder, two stray continuation bytes). More means the rest
        # of the bytes are no text in ``original`` either (cp1252 mojibake seen through GB18030).
        if out.count("\ufffd") > 4 * (len(parts) - 1):
            return None
        return out
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
