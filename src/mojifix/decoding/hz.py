"""HZ-GB-2312 (RFC 1843), recognised on its own evidence.

Why a module of its own: HZ is 7-bit ASCII, so :func:`mojifix.decoding.decode.decode` must
recognise it before its ASCII and UTF-8 answers, apart from the legacy-page ranking of
:mod:`mojifix.decoding.detect`; what makes bytes HZ (every span decodes, to plausible Chinese)
is one decision, made here.
"""

from __future__ import annotations

import re

from ..scoring.detectscore import evidence_cost

_HZ_SPAN = re.compile(rb"~\{(.*?)~\}", re.S)


def hz(data: bytes) -> str | None:
    """HZ-GB-2312 (RFC 1843): 7-bit ASCII in which ``~{ ... ~}`` holds GB2312 characters with
    the high bit of each byte cleared. The text, or None when ``data`` is not HZ.

    Only on its own evidence: every ``~{`` span decodes, and what it decodes to is plausible
    Chinese (mostly GB2312 level-1 characters) -- ``~{HOME~}`` in a shell script is four bytes
    of rare hanzi, not HZ.

    >>> hz("中文 HZ 编码".encode("hz")), hz(b"echo ~{HOME~} ~{x~}")
    ('中文 HZ 编码', None)
    """
    if b"~{" not in data or not data.isascii():
        return None
    try:
        text = data.decode("hz")
    except UnicodeDecodeError:
        return None
    spans = [s.replace(b"~\n", b"") for s in _HZ_SPAN.findall(data)]
    if not spans or any(len(s) % 2 for s in spans):
        return None
    han = "".join(bytes(b | 0x80 for b in s).decode("gb2312", "replace") for s in spans)
    if not han or "\ufffd" in han:
        return None
    # Level-1 hanzi cost 0.4, level-2 1.2, anything else more: a mean under 1.0 is Chinese.
    return text if evidence_cost(han, "gb2312") < 1.0 * len(han) else None
