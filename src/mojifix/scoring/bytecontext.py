"""A single-byte page's context cost, from the evidence's bytes read as the page's classes.

Why a module of its own: the context part of :func:`mojifix.scoring.detectscore.evidence_cost`
(adjacent pairs, one language at a time) is what detection spends most on per single-byte page
(issue 20). A single-byte page maps each byte to one character, so a reading's adjacent pairs
are the bytes' adjacent pairs decoded, and its letters the bytes' histogram decoded: no page's
reading is decoded; the histogram is counted once per input (:class:`ByteEvidence`), and per
page the bytes are looked up in a table of that page built once per process (:func:`_page`).

The page table: a pair's cost depends only on the two characters' classes
(:func:`mojifix.scoring.detectscore._pair_class`; ``tests/test_detect_speed.py`` checks it on
the corpus), so each byte of the page gets its class's number (the one ``context_cost`` gives
it): one ``bytes.translate`` (C speed) reads the evidence as class numbers, in which only the
class pairs that cost anything are counted (``bytes.count``: no pair of bytes made into a
number and hashed, which was half the page's time); each byte's letter class (what
one-language-at-a-time asks) is in the table too, so a reading's letters are never decoded nor
classified one by one. Pair costs are multiples of 0.5 and letter sums integers: the results
are the very floats the decoding way gave (``tests/test_detect_pagetables.py``,
``tests/test_detect_shortcuts.py``).
"""

from __future__ import annotations

import operator
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from typing import TypeVar

from .classcodes import pair_sum
from .detectscore import _CLASS_CHARS, _CLASS_PAIRS, _EU_RANGE, _letter_class
from .letters import CYRILLIC_ALPHABETS, LATIN_ALPHABETS, alphabet_fit_cost

_ASCII_BYTES = bytes(range(128))
_HIGH_BYTES = bytes(range(128, 256))
T = TypeVar("T")


_Letter = tuple[int, tuple[int, ...]]

# The letter counts one-language-at-a-time reads, packed in one integer: a field of _BITS bits
# each for the accented Latin letters (kind 1), the Cyrillic letters beyond Russian (kind 2),
# then one per alphabet of LATIN_ALPHABETS and of CYRILLIC_ALPHABETS. A byte's letter is one
# integer with a 1 in each field it counts in, so a reading's counts are one dot product of the
# byte counts with those integers (C-speed ``map``), read back field by field: integers, the
# same in any order (issue 20: the walk over the bytes grouping them by letter was a third of a
# page's context cost). A field holds counts below 2**_BITS: evidence longer than that (never
# met: detection's evidence is 1,000 bytes) is counted the long way.
_BITS = 16
_FIELDS = 2 + len(LATIN_ALPHABETS) + len(CYRILLIC_ALPHABETS)
_BIG = sys.byteorder == "big"


def _packed(letter: _Letter | None) -> int:
    """The integer that counts one byte of ``letter`` in each of its fields (0 for none)."""
    if letter is None:
        return 0
    kind, members = letter
    first = 2 if kind == 1 else 2 + len(LATIN_ALPHABETS)
    out = 1 << (_BITS * (kind - 1))
    for i in members:
        out |= 1 << (_BITS * (first + i))
    return out


@cache
def _page(codec: str) -> tuple[bytes, tuple[_Letter | None, ...], tuple[int, ...]]:
    """For the single-byte page ``codec``: the table that turns each byte into its character's
    pair-class number (the numbers :func:`mojifix.scoring.detectscore.context_cost` uses, one
    byte each: 218 classes over all of Unicode; bytes the page leaves undefined: 255, never met
    in a reading it decodes), and for each byte 0x80 + i what the one-language-at-a-time rule
    asks of its character (kind 1 or 2 and the alphabets holding it; None: one it skips), and
    that as packed fields (:func:`_packed`), indexed by the byte itself."""
    table = bytearray(b"\xff" * 256)
    letters: list[_Letter | None] = []
    lo, hi, lo2, hi2 = _EU_RANGE
    for b in range(256):
        try:
            ch = bytes((b,)).decode(codec)
        except UnicodeDecodeError:
            letters.append(None)
            continue
        number = ord(_CLASS_CHARS[ord(ch)])
        if number >= 255:  # pragma: no cover - see above
            raise ValueError(f"{codec}: a character class numbered {number}")
        table[b] = number
        kind, _, members = _letter_class(ch)
        eu = ch >= "\x80" and (lo <= ch <= hi or lo2 <= ch <= hi2)
        letters.append((kind, members) if eu and kind in (1, 2) else None)
    return bytes(table), tuple(letters[128:]), tuple(map(_packed, letters))


class ByteEvidence:
    """The context part of :func:`mojifix.scoring.detectscore.evidence_cost` for *single-byte*
    pages, from the evidence bytes instead of each page's decoded reading of them.

    The result equals :func:`mojifix.scoring.detectscore.context_cost` of the page's decoded
    evidence.
    """

    __slots__ = ("data", "gather", "high", "high_counts", "pair_sums", "present")

    def __init__(self, data: bytes, hist: tuple[bytes, list[int]] | None = None) -> None:
        """``hist``: the distinct non-ASCII bytes of ``data`` and their counts, when the caller
        has counted them (detection's ranker has)."""
        n = len(data)
        self.data = data
        if hist is None:
            counts = Counter(data.translate(None, _ASCII_BYTES))
            hist = bytes(counts), list(counts.values())
        self.high, self.high_counts = hist
        # The distinct bytes of the evidence: its non-ASCII ones and the ASCII ones it holds.
        self.present = self.high + bytes(set(data.translate(None, _HIGH_BYTES)))
        self.gather = None if n >> _BITS else gather(self.high)
        self.pair_sums: dict[bytes, float] = {}  # see context_cost

    def context_cost(self, codec: str) -> float:
        """:func:`~mojifix.scoring.detectscore.context_cost` of the evidence as ``codec`` (a
        single-byte page that decodes every byte of it) reads it."""
        table, letters, packed = _page(codec)
        # The pairs' part depends only on the class numbers the page gives the bytes met: the
        # ASCII ones and the evidence's non-ASCII ones. Sibling pages often agree on all of
        # them (windows-1252 and iso8859-1 on text without 80-9F; four in ten of the pages
        # scored on char-dataset's whole files): such a page's sum is the one already made.
        key = table[:128] + self.high.translate(table)
        cost = self.pair_sums.get(key)
        if cost is None:
            cost = self.pair_sums[key] = self._pair_sum(table)
        if self.gather is None:
            return cost + self._alphabet_penalty(letters)
        return cost + self._packed_penalty(packed)

    def _pair_sum(self, table: bytes) -> float:
        """The adjacent pairs' part: the evidence read as class numbers (one translate), its
        costly class pairs counted (:func:`mojifix.scoring.classcodes.pair_sum`; issue 20: the
        1,000 pairs of bytes were counted in a Counter, half the evidence's cost of a page)."""
        return pair_sum(self.data.translate(table), _CLASS_PAIRS, self.present.translate(table))

    def alphabet_cost(self, codec: str) -> float:
        """The one-language-at-a-time part of :meth:`context_cost` alone: a lower bound of it
        (pair costs are never negative) at a fifth of its price. Why: Cyrillic read through a
        Western page (``Ïðèâåò``) costs nearly all its context there, and a check that only
        needs to know the reading cannot win stops at it (:mod:`mojifix.decoding.overrule`)."""
        _, letters, packed = _page(codec)
        if self.gather is None:
            return self._alphabet_penalty(letters)
        return self._packed_penalty(packed)

    def _packed_penalty(self, packed: tuple[int, ...]) -> float:
        """:meth:`_alphabet_penalty` from the packed letter counts (see :data:`_FIELDS`): one
        dot product, then the fields read back at C speed."""
        total = sum(map(operator.mul, self.high_counts, self.gather(packed)))  # type: ignore[misc]
        if not total:
            return 0.0
        fields = array("H", total.to_bytes(2 * _FIELDS, "little"))
        if _BIG:  # pragma: no cover - the fields are little-endian, array reads native order
            fields.byteswap()
        latin = 2 + len(LATIN_ALPHABETS)
        return alphabet_fit_cost([0, fields[0], fields[1]],
                                 (list(fields[2:latin]), list(fields[latin:])))

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
        if not groups:
            return 0.0
        totals = [0, 0, 0]
        fits = ([0] * len(LATIN_ALPHABETS), [0] * len(CYRILLIC_ALPHABETS))
        for (kind, members), n in groups.items():
            totals[kind] += n
            acc = fits[kind - 1]
            for i in members:
                acc[i] += n
        return alphabet_fit_cost(totals, fits)



def gather(keys: bytes) -> Callable[[Sequence[T]], tuple[T, ...]]:
    """The items of a table at ``keys``, in their order, as a tuple, in one C-speed call
    (``itemgetter`` of several keys; a tuple for one key or none as well)."""
    if len(keys) > 1:
        return operator.itemgetter(*keys)  # type: ignore[return-value]
    if keys:
        only = keys[0]
        return lambda table: (table[only],)
    return lambda table: ()
