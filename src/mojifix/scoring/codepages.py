"""The characters that rows of a legacy double-byte code page hold.

Legacy standards list characters by frequency (GB2312 level 1 before level 2, Big5's frequent
tier, JIS X 0208 level 1, KS X 1001's 2,350 hangul), so their byte layout doubles as a frequency
table. The tiers are defined here once: detection (:mod:`mojifix.scoring.detectscore`) and the
chain search's plausibility (:mod:`mojifix.scoring.plausibility`) read the same sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache


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


@lru_cache(maxsize=1)
def cjk_tiers() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(common hanzi/kanji, less common ones, common hangul) from the legacy standards' layout."""
    common: set[str] = set()
    rare: set[str] = set()
    hangul: set[str] = set()

    def rows(codec: str, leads: range, trails: range | list[int], into: set[str]) -> None:
        into |= row_chars(codec, leads, trails)

    euc_trail = range(0xA1, 0xFF)
    rows("gb2312", range(0xB0, 0xD8), euc_trail, common)  # GB2312 level 1
    rows("gb2312", range(0xD8, 0xF8), euc_trail, rare)  # level 2
    rows("euc_jp", range(0xB0, 0xD0), euc_trail, common)  # JIS X 0208 level 1
    rows("euc_jp", range(0xD0, 0xF5), euc_trail, rare)  # level 2
    big5_trail = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    for lead in range(0xA4, 0xFA):
        for trail in big5_trail:
            code = (lead << 8) | trail
            if 0xA440 <= code <= 0xC67E:
                target = common
            elif 0xC940 <= code <= 0xF9D5:
                target = rare
            else:
                continue
            try:
                target.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                pass
    rows("euc_kr", range(0xB0, 0xC9), euc_trail, hangul)  # KS X 1001's 2,350 hangul
    return frozenset(common), frozenset(rare - common), frozenset(hangul)


@lru_cache(maxsize=1)
def standard_tiers() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Per standard, (level 1, level 2): what a GB, Big5 or JIS reading makes common or rare."""
    euc_trail = range(0xA1, 0xFF)

    def rows(codec: str, leads: range, trails: range | list[int]) -> frozenset[str]:
        return frozenset(row_chars(codec, leads, trails))

    big5_trail = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    return {
        "gb": (rows("gb2312", range(0xB0, 0xD8), euc_trail), rows("gb2312", range(0xD8, 0xF8), euc_trail)),
        "big5": (rows("big5", range(0xA4, 0xC6), big5_trail), rows("big5", range(0xC9, 0xFA), big5_trail)),
        "ja": (rows("euc_jp", range(0xB0, 0xD0), euc_trail), rows("euc_jp", range(0xD0, 0xF5), euc_trail)),
    }
