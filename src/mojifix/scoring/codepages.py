"""The characters that rows of a legacy double-byte code page hold.

Legacy standards list characters by frequency (GB2312 level 1 before level 2, Big5's frequent
tier, JIS X 0208 level 1, KS X 1001's 2,350 hangul), so their byte layout doubles as a frequency
table; :mod:`mojifix.decoding.detect` and :mod:`mojifix.scoring.plausibility` both read it.
"""

from __future__ import annotations

from collections.abc import Iterable


def row_chars(codec: str, leads: Iterable[int], trails: Iterable[int]) -> set[str]:
    """Every character that a lead byte in ``leads`` and a trail byte in ``trails`` decode to.

    >>> sorted(row_chars("gb2312", [0xC4], [0xE3]))
    ['你']
    """
    trails = list(trails)
    out: set[str] = set()
    for lead in leads:
        for trail in trails:
            try:
                out.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                pass
    return out
