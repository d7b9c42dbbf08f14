"""Numeric character references whose ``&`` was stripped: ``第一章#xff1a;Open`` for ``第一章：Open``.

Some converters and scrapers drop the ``&`` of ``&#xff1a;``, leaving ``#xff1a;`` in the text,
where :mod:`mojifix.fixers.entities` (which needs the ``&``) cannot see it. ``#`` followed by digits is
common in real text (``issue #12;``, CSS ``#fff;``), so the rule is narrow: the reference must be
hexadecimal with an ``x`` (``#xff0c;``) or decimal, must end with ``;``, must decode to CJK
punctuation, a full-width form or a hanzi, and must sit next to a CJK character -- or the page
must hold at least ``MIN_PAGE`` of them, all decodable this way.
"""

from __future__ import annotations

import re

from ..config import Config
from ..model import Edit, Finding

# Led by the literal "#" (what ``re`` scans for fastest), the character before it looked at after.
BARE = re.compile(r"#(?<![&A-Za-z0-9_]#)(?:[xX]([0-9a-fA-F]{2,5})|([0-9]{4,6}));")
MIN_PAGE = 3


def _cjk(ch: str) -> bool:
    return len(ch) == 1 and (
        "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or "\u3400" <= ch <= "\u9fff"
        or "\u3040" <= ch <= "\u30ff"
        or ch in "“”‘’…—"
    )


def _decode(m: re.Match[str]) -> str | None:
    cp = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    if cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF:
        return None
    ch = chr(cp)
    return ch if _cjk(ch) else None


def fix_bare_entities(text: str, config: Config) -> tuple[list[Edit], list[Finding]]:
    """
    >>> from mojifix.config import DEFAULT
    >>> [e.replacement for e in fix_bare_entities("第一章#xff1a;Open", DEFAULT)[0]]
    ['：']
    """
    if not config.unescape_html or "#" not in text:
        return [], []
    matches = list(BARE.finditer(text))
    if not matches:
        return [], []
    decoded = [_decode(m) for m in matches]
    page = len(matches) >= MIN_PAGE and all(decoded)
    edits: list[Edit] = []
    for m, ch in zip(matches, decoded, strict=True):
        if ch is None:
            continue
        before = text[m.start() - 1:m.start()]
        after = text[m.end():m.end() + 1]
        if page or _cjk(before) or _cjk(after):
            edits.append(Edit(m.start(), m.end(), ch, "bare-entity", m.group()))
    if not edits:
        return [], []
    return edits, [
        Finding(
            "bare-entities",
            f"numeric character references with the '&' stripped, {len(edits)} decoded",
            count=len(edits),
            confidence=0.9,
            evidence=tuple(sorted({e.note for e in edits}))[:5],
        )
    ]
