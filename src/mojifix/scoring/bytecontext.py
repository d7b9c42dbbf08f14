"""A single-byte page's context cost, from the evidence's byte pairs counted once per input.

Why a module of its own: the context part of :func:`mojifix.scoring.detectscore.evidence_cost`
(adjacent pairs, one language at a time) is what detection spends most on per single-byte page
(issue 20). A single-byte page maps each byte to one character, so a reading's adjacent pairs
are the bytes' adjacent pairs decoded, and its letters the bytes' histogram decoded: the pairs
are counted once per input (:class:`ByteEvidence`), and per page only the *distinct* pairs and
bytes are looked up, in a table of that page built once per process (:func:`_page`).

The page table: a pair's cost depends only on the two characters' classes
(:func:`mojifix.scoring.detectscore._pair_class`; ``tests/test_detect_speed.py`` checks it on
the corpus), so each byte of the page gets its class's number and a pair of bytes becomes one
16-bit key by one ``bytes.translate`` (C speed) -- no decoding of the pairs to text, no 64-bit
key hashed in a table of every pair met (a third of the page's time); each byte's letter class
(what one-language-at-a-time asks) is in the table too, so a reading's letters are never
decoded nor classified one by one (another third). The pair sums run over the
same pairs in the same order with the same costs: the results are the very floats the decoding
way gave, and the letter sums are integers (``tests/test_detect_pagetables.py``).
"""

from __future__ import annotations

import operator
import sys
from array import array
from collections import Counter
from functools import cache

from .detectscore import (
    _CYRILLIC_ALPHABETS,
    _EU_RANGE,
    _LATIN_ALPHABETS,
    ALPHABET_WEIGHT,
    _letter_class,
    _pair_class,
    _pair_cost,
)

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


_Letter = tuple[int, tuple[int, ...]]


@cache
def _page(codec: str) -> tuple[bytes, _ClassPairCosts, tuple[_Letter | None, ...]]:
    """For the single-byte page ``codec``: the table that turns each byte into its character's
    class number (bytes it leaves undefined: 255, never met in a reading it decodes), the
    class pairs' costs, and for each byte 0x80 + i what the one-language-at-a-time rule asks of
    its character (kind 1 or 2 and the alphabets holding it; None: a character it skips)."""
    numbers: dict[tuple[object, ...], int] = {}
    chars: list[str] = []
    table = bytearray(256)
    letters: list[_Letter | None] = []
    lo, hi, lo2, hi2 = _EU_RANGE
    for b in range(256):
        try:
            ch = bytes((b,)).decode(codec)
        except UnicodeDecodeError:
            table[b] = 255
            letters.append(None)
            continue
        cls = _pair_class(ch)
        if cls not in numbers:
            numbers[cls] = len(chars)
            chars.append(ch)
        table[b] = numbers[cls]
        kind, _, members = _letter_class(ch)
        eu = ch >= "\x80" and (lo <= ch <= hi or lo2 <= ch <= hi2)
        letters.append((kind, members) if eu and kind in (1, 2) else None)
    if len(chars) > 255:  # pragma: no cover - a page has a few dozen classes
        raise ValueError(f"{codec}: too many character classes")
    return bytes(table), _ClassPairCosts(chars), tuple(letters[128:])


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
        table, costs, letters = _page(codec)
        keys = memoryview(self.pair_bytes.translate(table)).cast("H")
        cost = sum(map(operator.mul, self.pair_counts, map(costs.__getitem__, keys)))
        return cost + self._alphabet_penalty(letters)

    def _alphabet_penalty(self, letters: tuple[_Letter | None, ...]) -> float:
        """``detectscore._alphabet_penalty`` of the reading's letters, from the page's table of
        what each byte's character is (no decoding, no per-character lookups): the bytes'
        counts summed per (kind, alphabets), then into each alphabet. Integer sums: the same
        float in any order."""
        groups: dict[_Letter, int] = {}
        for b, n in zip(self.high, self.high_counts, strict=True):
            letter = letters[b - 128]
            if letter is not None:
                groups[letter] = groups.get(letter, 0) + n
        cost = 0.0
        if not groups:
            return cost
        totals = [0, 0, 0]
        fits = ([0] * len(_LATIN_ALPHABETS), [0] * len(_CYRILLIC_ALPHABETS))
        for (kind, members), n in groups.items():
            totals[kind] += n
            acc = fits[kind - 1]
            for i in members:
                acc[i] += n
        for kind in (1, 2):
            if totals[kind]:
                cost += ALPHABET_WEIGHT * (totals[kind] - max(fits[kind - 1]))
        return cost
