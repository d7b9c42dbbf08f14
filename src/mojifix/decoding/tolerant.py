"""A strict decode that forgives one character cut by the end of the input.

Why a module of its own: detection (:mod:`mojifix.decoding.detect`) decodes the evidence and the
whole input with every candidate through it, and inputs get cut (a window, a truncated
download), so a multi-byte character cut at the very end must not disqualify its code page;
every other invalid byte must. It is the one home of that rule, and of which codecs can cut a
character at all.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from .gbkeuro import strict_errors

_MULTIBYTE = frozenset({
    "utf-8", "gb2312", "gbk", "gb18030", "big5", "cp950", "big5hkscs", "shift_jis", "cp932",
    "euc_jp", "euc_kr", "cp949", "johab", "euc_jis_2004", "shift_jis_2004",
})
# The multi-byte legacy (CJK) pages, by Python's names: one set for every module that asks.
CJK_PAGES = _MULTIBYTE - {"utf-8"}
# Python's shift_jis_2004 reads the ASCII bytes 0x5C and 0x7E as ``¥`` and ``‾`` (JIS X 0201
# Roman): every backslash of a path or an escape would change. Its reading is no candidate where
# it holds either (where each such byte was the second of a double-byte character it is the
# reading shift_jis gives, but for 0x815F: ``\`` for ``＼``).
_NOT_ASCII_READINGS = {"shift_jis_2004": ("\u00a5", "\u203e")}
_STATEFUL = frozenset({"utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "iso2022_jp", "iso2022_kr"})


def _decode_tolerant(data: bytes, codec: str) -> str | None:
    """Strict decode that forgives one truncated character at the very end (as U+FFFD).

    One C-speed strict decode first: it settles every input but one cut at its end (its first
    error is where the incremental decoder stops too), without making a decoder (issue 20:
    most candidates fail or succeed here). A single-byte page cannot cut a character.
    """
    text = _decode_tolerant_any(data, codec)
    odd = _NOT_ASCII_READINGS.get(codec)
    if text is not None and odd is not None and any(c in text for c in odd):
        return None
    return text


def _decode_tolerant_any(data: bytes, codec: str) -> str | None:
    errors = "strict"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if data[exc.start] == 0x80 and strict_errors(codec) != "strict":
            # (gbk: a lone 0x80 is Windows' euro, see cjkpages; the handler only where it may
            # be wanted: a Python one on every failed decode cost 3% of detection's files/s)
            errors = strict_errors(codec)
            try:
                return data.decode(codec, errors)
            except UnicodeDecodeError as again:
                exc = again
        if (codec not in _MULTIBYTE and codec not in _STATEFUL) or exc.end < len(data):
            return None
    decoder = codecs.getincrementaldecoder(codec)(errors)
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


# The JIS X 0213 standards are candidates only where the JIS X 0208 ones they extend fail and
# their reading holds kana (a tenth of its ideographs at least, two at least): elsewhere they
# read Chinese and Korean bytes the narrower ones refuse, and took 10 manpage windows that were
# right or nearly so (bench/detect_legacy.py, 32- and 16-byte: gb2312 and cp866 as them).
_JIS2004 = {"euc_jis_2004": ("euc_jp",), "shift_jis_2004": ("shift_jis", "cp932")}
_KANA = re.compile("[\u3041-\u30fa]")
_IDEOGRAPHS = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def admitted(codec: str, text: str, reads: Callable[[str], bool]) -> bool:
    """Whether ``codec``'s reading ``text`` of the evidence is a candidate: always, but for a
    JIS X 0213 standard (see above); ``reads(k)``: whether codec ``k`` reads the evidence."""
    narrower = _JIS2004.get(codec)
    if narrower is None:
        return True
    if any(reads(k) for k in narrower):
        return False
    kana = len(_KANA.findall(text))
    return kana >= 2 and kana >= 0.1 * len(_IDEOGRAPHS.findall(text))
