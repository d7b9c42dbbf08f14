"""A strict decode that forgives one character cut by the end of the input.

Why a module of its own: detection (:mod:`mojifix.decoding.detect`) decodes the evidence and the
whole input with every candidate through it, and inputs get cut (a window, a truncated
download), so a multi-byte character cut at the very end must not disqualify its code page;
every other invalid byte must. It is the one home of that rule, and of which codecs can cut a
character at all.
"""

from __future__ import annotations

import codecs

_MULTIBYTE = frozenset({
    "utf-8", "gb2312", "gbk", "gb18030", "big5", "cp950", "big5hkscs", "shift_jis", "cp932",
    "euc_jp", "euc_kr", "cp949", "johab",
})
_STATEFUL = frozenset({"utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "iso2022_jp", "iso2022_kr"})


def _decode_tolerant(data: bytes, codec: str) -> str | None:
    """Strict decode that forgives one truncated character at the very end (as U+FFFD).

    One C-speed strict decode first: it settles every input but one cut at its end (its first
    error is where the incremental decoder stops too), without making a decoder (issue 20:
    most candidates fail or succeed here). A single-byte page cannot cut a character.
    """
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if (codec not in _MULTIBYTE and codec not in _STATEFUL) or exc.end < len(data):
            return None
    decoder = codecs.getincrementaldecoder(codec)("strict")
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    try:
        pending = decoder.getstate()[0]
    except (AttributeError, TypeError):  # pragma: no cover - codecs without state
        pending = b""
    if pending:
        if len(pending) > 3:
            return None
        text += "\ufffd"
    return text
