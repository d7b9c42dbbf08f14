"""A single-byte page's context cost, from the evidence's byte pairs counted once per input.

Why a module of its own: the context part of :func:`mojifix.scoring.detectscore.evidence_cost`
(adjacent pairs, one language at a time) is what detection spends most on per single-byte page
(issue 20). A single-byte page maps each byte to one character, so a reading's adjacent pairs
are the bytes' adjacent pairs decoded, and its letters the bytes' histogram decoded: the pairs
are counted once per input (:class:`ByteEvidence`), and per page only the *distinct* pairs are
looked up, in a table of that page built once per process (:func:`_page`).

The page table: a pair's cost depends only on the two characters' classes
(:func:`mojifix.scoring.detectscore._pair_class`; ``tests/test_detect_speed.py`` checks it on
the corpus), so each byte of the page gets its class's number and a pair of bytes becomes one
16-bit key by one ``bytes.translate`` (C speed) -- no decoding of the pairs to text, no 64-bit
key hashed in a table of every pair met (a third of the page's time). The sums run over the
same pairs in the same order with the same costs: the results are the very floats the decoding
way gave (``tests/test_detect_pagetables.py``).
"""

from __future__ import annotations

import operator
import sys
from array import array
from collections import Counter
from functools import cache

from .detectscore import _EU_RANGE, _alphabet_penalty, _pair_class, _pair_cost

_ASCII_BYTES = bytes(range(128))
_LITTLE = sys.byteorder == "little"


class _ClassPairCosts(dict):  # type: ignore[type-arg]
    """One page's cost of each pair of its character classes, keyed as ``memoryview.cast("H")``
    reads two class numbers; filled on first sight (a property of the page, never of a text:
    at most 256 x 256 keys)."""

    def __init__(self, chars: list[str]) -> None:
        super().__init__()
        self.chars = chars  # one character of each class, by class number

    def __missing__(self, key: int) -> float:
        first, second = (key & 0xFF, key >> 8) if _LITTLE else (key >> 8, key & 0xFF)
        cost = self[key] = _pair_cost(self.chars[first] + self.chars[second])
        return cost


@cache
def _page(codec: str) -> tuple[bytes, _ClassPairCosts]:
    """For the single-byte page ``codec``: the table that turns each byte into its character's
    class number (bytes it leaves undefined: 255, never met in a reading it decodes), and the
    class pairs' costs."""
    numbers: dict[tuple[object, ...], int] = {}
    chars: list[str] = []
    table = bytearray(256)
    for b in range(256):
        try:
            ch = bytes((b,)).decode(codec)
        except UnicodeDecodeError:
            table[b] = 255
            continue
        cls = _pair_class(ch)
        if cls not in numbers:
            numbers[cls] = len(chars)
            chars.append(ch)
        table[b] = numbers[cls]
    if len(chars) > 255:  # pragma: no cover - a page has a few dozen classes
        raise ValueError(f"{codec}: too many character classes")
    return bytes(table), _ClassPairCosts(chars)


class ByteEvidence:
    """The context part of :func:`mojifix.scoring.detectscore.evidence_cost` for *single-byte*
    pages, counted once on the evidence bytes instead of once per page's reading of them.

    The result equals :func:`mojifix.scoring.detectscore.context_cost` of the page's decoded
    evidence.
    """

    __slots__ = ("high", "high_counts", "pair_bytes", "pair_counts")

    def __init__(self, data: bytes) -> None:
        # Pairs at even offsets, then at odd ones (the order detectscore._pair_counts counts
        # them in), each pair of bytes read as one 16-bit number at C speed.
        n = len(data)
        pairs: Counter[int] = Counter(memoryview(data[: n // 2 * 2]).cast("H"))
        if n > 1:
            pairs.update(memoryview(data[1: 1 + (n - 1) // 2 * 2]).cast("H"))
        self.pair_counts = list(pairs.values())
        self.pair_bytes = array("H", pairs).tobytes()  # the distinct pairs, two bytes each
        hist = Counter(data.translate(None, _ASCII_BYTES))
        self.high = bytes(hist)
        self.high_counts = list(hist.values())

    def context_cost(self, codec: str) -> float:
        """:func:`~mojifix.scoring.detectscore.context_cost` of the evidence as ``codec`` (a
        single-byte page that decodes every byte of it) reads it."""
        table, costs = _page(codec)
        keys = memoryview(self.pair_bytes.translate(table)).cast("H")
        cost = sum(map(operator.mul, self.pair_counts, map(costs.__getitem__, keys)))
        chars = self.high.decode(codec)
        letters = dict(zip(chars, self.high_counts, strict=True))
        if len(letters) < len(chars):  # two bytes read as one character: add them up
            letters = Counter()
            for ch, n in zip(chars, self.high_counts, strict=True):
                letters[ch] += n
        return cost + _alphabet_penalty(letters, codec, _EU_RANGE)
