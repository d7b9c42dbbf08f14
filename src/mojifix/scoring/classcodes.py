"""Each character's pair-class number for a whole text at once, a block of code points at a time.

Why a module of its own: detection's context cost (:func:`mojifix.scoring.detectscore.context_cost`)
turns every character of a reading into its pair-class number
(:data:`mojifix.scoring.detectscore._CLASS_CHARS`). ``str.translate`` does that one character at
a time (an integer made and a dictionary probed for each): on a CJK reading of 600 characters it
took 30 us, two fifths of the context cost (issue 20). Here the text's UTF-16 code units are
split into high bytes (the block of 256 code points) and low bytes. In a block whose code points
all have one class (:data:`UNIFORM_BLOCKS`: CJK ideographs and hangul syllables, most of a CJK
reading) the high byte says the number, for all of them in one ``bytes.translate``; each other
block the text holds (ASCII and Latin-1, punctuation, kana, full-width forms: a few) has a table
of its 256 code points' numbers, read by the low bytes and merged in where the high byte is that
block (big-integer masks). The same numbers (``tests/test_detect_pagetables.py``), in 40% of
the time. Text beyond U+FFFF (surrogate pairs in UTF-16) is left to ``str.translate``.

And the cost of a text's adjacent pairs from those numbers (:func:`pair_sum`): only the class
pairs that cost anything are counted in them, with ``bytes.count``.

The tables are detectscore's (``_CLASS_CHARS``, ``_CLASS_PAIRS``), handed in by the caller: this
module imports no scorer (no import cycle); what it derives from them (a block's numbers, the
costly pairs of a set of classes) is kept on those tables, properties of Unicode's classes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Protocol

# Blocks (a code point's high byte, below U+10000) whose 256 code points all have one pair class
# (tests/test_detect_shortcuts.py checks it): CJK Unified Ideographs Extension A (U+3400-U+4CFF)
# and CJK Unified Ideographs (U+4E00-U+9FFF), Hangul syllables (U+AC00-U+D6FF).
UNIFORM_BLOCKS = bytes([*range(0x34, 0x4D), *range(0x4E, 0xA0), *range(0xAC, 0xD7)])
_SURROGATES = frozenset(range(0xD8, 0xE0))
_ONLY = tuple(bytes(255 if b == block else 0 for b in range(256)) for block in range(256))
_LITTLE = sys.byteorder == "little"
# The most sets of classes whose costly pairs a pair table keeps (a few dozen are met).
_MOST_SETS = 1 << 10


class ClassChars(Protocol):
    """Code point -> its class number as one character (detectscore._CLASS_CHARS), with room
    for what this module derives from it: each block's numbers, by high byte."""

    blocks: dict[int, bytes | None]

    def __getitem__(self, cp: int, /) -> str: ...


class ClassPairs(Protocol):
    """Two class numbers, keyed as ``memoryview.cast("H")`` reads them -> the pair's cost
    (detectscore._CLASS_PAIRS), with room for each set of classes' costly pairs, and what three
    classes in a row cost beyond their two pairs (``triple``: a guillemet between letters)."""

    costly: dict[bytes, tuple[tuple[tuple[bytes, float], ...],
                              tuple[tuple[bytes, float, tuple[bytes, ...]], ...]]]
    triples: dict[bytes, tuple[tuple[re.Pattern[bytes], float], ...]]
    middle_codes: bytes  # the numbers of the classes :meth:`middle` is true of


    def __getitem__(self, key: int, /) -> float: ...

    def triple(self, first: int, second: int, third: int, /) -> float: ...

    def middle(self, number: int, /) -> bool:
        """Whether a class may be the middle of a triple that costs anything."""


def class_codes(joined: str, classes: ClassChars) -> bytes | None:
    """``joined.translate(classes).encode("latin-1")``: each character's pair-class number,
    one byte each; None for text beyond U+FFFF (or a number over 255: never met), for the
    caller to translate character by character."""
    raw = joined.encode("utf-16-le", "surrogatepass")
    high = raw[1::2]
    uniform = _table(classes, -1)  # (other blocks' places: 255, each overwritten below)
    if uniform is None:  # pragma: no cover - a class numbered over 255
        return None
    codes = high.translate(uniform)
    others = high.translate(None, UNIFORM_BLOCKS)
    if not others:
        return codes
    blocks = set(others)
    if not _SURROGATES.isdisjoint(blocks):
        return None
    low = raw[::2]
    merged = int.from_bytes(codes, "little")
    for block in blocks:
        table = _table(classes, block)
        if table is None:  # pragma: no cover - a class numbered over 255
            return None
        mask = int.from_bytes(high.translate(_ONLY[block]), "little")  # 0xFF where in the block
        merged ^= (merged ^ int.from_bytes(low.translate(table), "little")) & mask
    return merged.to_bytes(len(high), "little")


def _table(classes: ClassChars, block: int) -> bytes | None:
    """Low byte -> the class number of code point ``block * 256 + low``; for ``block`` -1,
    high byte -> the number of a uniform block's code points (255 elsewhere). Made on first
    sight and kept on ``classes`` (256 characters classed: a property of Unicode)."""
    table = classes.blocks.get(block, b"")
    if table == b"":
        if block < 0:
            numbers = [255] * 256
            for b in UNIFORM_BLOCKS:
                numbers[b] = ord(classes[b << 8])
        else:
            numbers = [ord(classes[(block << 8) | low]) for low in range(256)]
        table = classes.blocks[block] = bytes(numbers) if max(numbers) <= 255 else None
    return table


def pair_sum(codes: bytes, pairs: ClassPairs, present: bytes | None = None) -> float:
    """The cost of every adjacent pair in ``codes`` (pair-class numbers, one byte each), as
    ``pairs`` costs them; ``present``: bytes holding every number in ``codes`` (else they are
    looked for). Only the class pairs that cost anything are counted, with ``bytes.count`` (C
    speed): two different classes side by side cannot overlap, and a class beside itself
    (rarely costly) is its count less its runs, each begun at the start or after another
    class. Pair costs are multiples of 0.5 and the counts integers: the sum is exact, the very
    float of summing pair by pair in any order (issue 20: a Counter of the pairs as 16-bit
    numbers made and hashed an integer for each of ~1,000)."""
    if not codes:
        return 0.0
    classes = bytes(sorted(set(codes if present is None else present)))
    found = pairs.costly.get(classes)
    if found is None:
        if len(pairs.costly) >= _MOST_SETS:
            pairs.costly.clear()
        found = pairs.costly[classes] = _costly_pairs(classes, pairs.__getitem__)
    costly, alike = found
    count = codes.count
    cost = sum([w * count(pair) for pair, w in costly])
    for one, w, entries in alike:
        runs = sum(map(count, entries)) + (codes[0] == one[0])
        cost += w * (count(one) - runs)
    return cost + triple_sum(codes, pairs, classes)


def triple_sum(codes: bytes, pairs: ClassPairs, classes: bytes | None = None) -> float:
    """What the three-in-a-row classes of ``codes`` cost beyond their pairs (``pairs.triple``),
    counted overlapping (``a»b»c`` is two), each weight's triples in one C-speed regex scan
    (``classes``: the sorted numbers ``codes`` holds, when the caller has them). Only sets of
    classes holding a middle class (a guillemet) have any, so most texts stop at a lookup."""
    if len(codes) < 3 or not any(map(codes.__contains__, pairs.middle_codes)):
        return 0.0
    if classes is None:
        classes = bytes(sorted(set(codes)))
    found = pairs.triples.get(classes)
    if found is None:
        if len(pairs.triples) >= _MOST_SETS:
            pairs.triples.clear()
        found = pairs.triples[classes] = _costly_triples(classes, pairs)
    return sum([w * len(scan.findall(codes)) for scan, w in found])


def _costly_triples(classes: bytes, pairs: ClassPairs) -> tuple[tuple[re.Pattern[bytes], float], ...]:
    """For these class numbers: per weight, one pattern that finds (overlapping: a lookahead)
    every three-in-a-row that costs it."""
    by_weight: dict[float, list[bytes]] = {}
    for y in classes:
        if pairs.middle(y):
            for x in classes:
                for z in classes:
                    w = pairs.triple(x, y, z)
                    if w:
                        by_weight.setdefault(w, []).append(re.escape(bytes((x, y, z))))
    return tuple((re.compile(b"(?=" + b"|".join(found) + b")"), w) for w, found in by_weight.items())


def _costly_pairs(classes: bytes, cost_of: Callable[[int], float],
                  ) -> tuple[tuple[tuple[bytes, float], ...],
                             tuple[tuple[bytes, float, tuple[bytes, ...]], ...]]:
    """For these class numbers: each pair of two different ones that costs anything, as two
    bytes, with its cost; and each one that costs anything beside itself, as one byte, with
    its cost and the pairs that begin a run of it (any other class, then it)."""
    costly = []
    alike = []
    for x in classes:
        for y in classes:
            w = cost_of(x | (y << 8) if _LITTLE else (x << 8) | y)  # (as cast("H") reads them)
            if not w:
                continue
            if x != y:
                costly.append((bytes((x, y)), w))
            else:
                alike.append((bytes((x,)), w, tuple(bytes((z, x)) for z in classes if z != x)))
    return tuple(costly), tuple(alike)
