"""Floors under every single-byte page's cost of some bytes, all 45 pages in one integer sum.

Why a module of its own: the declaration check (:mod:`mojifix.decoding.overrule`) bounds each
single-byte page by its cost of the evidence's most frequent bytes, then of all of them (a
``sum`` over the byte counts per page), mostly to learn that the page is far behind the
declared reading and can only matter as the nearest rival, for the confidence (issue 20: on a
declared file about 28 sums of the most frequent bytes and, on a single-byte one, 15 of all of
them). Here each page's cost of a byte is scaled, rounded down to an integer and packed in one
32-bit field of one integer per byte value: the byte counts times those integers, summed, hold
every page's floor at once -- a dozen (or a hundred) big-integer products instead of 45 sums.

A floor is at most the page's exact sum (each rounded-down cost is at most the cost, and a
margin far above a float sum's rounding error is taken off): a page whose floor is past a line
has its exact sum past it too. The caller uses floors only to leave sums unmade where they
cannot change its answer (``tests/data/detect_answers.json``, ``tests/test_declared_first.py``).
"""

from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Callable, Sequence
from functools import cache

from .detect import _single_byte_pages

# A page's cost of one byte in units of 1/SCALE, rounded down, at most _CAP (a bigger cost, or a
# byte the page leaves undefined, gets _CAP: still a floor; such a page is never asked anyway).
SCALE = 4096
_CAP = (1 << 20) - 1
# Counts summing to under 2**12 (the evidence is 1,000 bytes) times costs up to _CAP stay under
# 2**32: a field never carries into the next one.
_MOST_COUNTS = 1 << 12
_BIG = sys.byteorder == "big"
_FIELD_BYTES = array("I").itemsize  # (4 wherever this runs; else no floors, exact sums only)
# Relative slack for a float sum's rounding (far above it: a few dozen terms err by ~1e-15).
_SLACK = 1e-9


@cache
def _packed() -> tuple[int, ...]:
    """For each byte value, its rounded-down cost in every single-byte page, one 32-bit field
    a page, in :func:`mojifix.decoding.detect._single_byte_pages` order."""
    out = []
    for b in range(256):
        word = 0
        for i, (_, _, costs, _) in enumerate(_single_byte_pages()):
            c = costs[b]
            word |= (_CAP if math.isinf(c) else min(_CAP, math.floor(c * SCALE))) << (32 * i)
        out.append(word)
    return tuple(out)


def page_floors(ns: Sequence[int], costs_of: Callable[[Sequence[int]], tuple[int, ...]],
                ) -> array | None:  # type: ignore[type-arg]
    """Each single-byte page's floor of ``sum(n * cost)`` over some bytes (``costs_of`` gathers
    a table's entries at them, ``ns`` are their counts), in units of 1/:data:`SCALE`: compare
    with :func:`units`, read with :func:`floor_of`. None when the counts are too many to pack."""
    if sum(ns) >= _MOST_COUNTS or _FIELD_BYTES != 4:
        return None
    total = sum(map(int.__mul__, ns, costs_of(_packed())))
    fields = array("I", total.to_bytes(4 * len(_single_byte_pages()), "little"))
    if _BIG:  # pragma: no cover - the fields are little-endian, array reads native order
        fields.byteswap()
    return fields


def units(line: float) -> int:
    """The least field at or past which the page's exact float sum is at least ``line`` (>= 0)."""
    return int(line * SCALE * (1 + _SLACK)) + 2


def floor_of(field: int) -> float:
    """A float at most the exact float sum of the page whose field is ``field``."""
    return field / SCALE * (1 - _SLACK)
