"""A break in a line's UTF-8 reading, explained by bytes put back (issue 18, bytes that vanished).

Why a module of its own: :mod:`mojifix.fixers.vanished` asks one narrow question of each break
(a maximal run of bytes that are no UTF-8, in a line encoded back with the page that read it
with ``errors="ignore"``): could one or two bytes the page refuses, put back at the garbled
line's character boundaries, have made it whole UTF-8? The search over put-back bytes and its
tables (the page's refusals by UTF-8 byte class) are this one idea; the document and line
decisions that use its answers stay in vanished.py.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, combinations_with_replacement

from ..memo import current
from .lossy import LOSSY_PAGES
from .lossyclean import NEVER_UTF8
from .lostbytes import _refusals

_LINE_END = 0x0A
# A break longer than this (bytes) is left unexplained (two characters cut), and one that
# needs more bytes put back than _MOST (three would also explain kana through Big5, which often
# lose two bytes and leave the third to pair with the next lead: 10x the search, on clean text).
_LONGEST = 6
# The same bytes in a surrogateescape reading.
_NEVER_READ = re.compile("[\udcc0\udcc1\udcf5-\udcff]")
_MOST = 2


# UTF-8's byte classes: whether bytes make whole UTF-8 depends on their classes alone (but
# for the second byte after E0, ED, F0 and F4, which stand for themselves).
_CLASSES = (range(0x80, 0xC0), range(0xC2, 0xE0), (0xE0,), (*range(0xE1, 0xED), 0xEE, 0xEF),
            (0xED,))


def _refused_before(codec: str, after: int) -> tuple[int, ...]:
    """Of each UTF-8 byte class, one byte ``codec`` refuses at a character boundary before the
    byte ``after`` (:func:`_refused_table`)."""
    return _refused_table(LOSSY_PAGES.index(codec), after)


@lru_cache(maxsize=1024)
def _refused_table(page: int, after: int) -> tuple[int, ...]:
    """:func:`_refused_before` for ``LOSSY_PAGES[page]`` (keyed on numbers: never on text)."""
    table = _refusals(LOSSY_PAGES[page])
    out = []
    for cls in _CLASSES:
        x = next((x for x in cls if table[x * 256 + after]), None)
        if x is not None:
            out.append(x)
    return tuple(out)


def _whole(piece: bytes) -> str | None:
    try:
        return piece.decode("utf-8")
    except UnicodeDecodeError:
        return None


def fillable(data: bytes, s: int, e: int, bounds: set[int], codec: str) -> str | None:
    """The break ``data[s:e]`` made whole UTF-8 by the fewest bytes (up to :data:`_MOST`) put
    back at character boundaries ``bounds``, each refused by ``codec`` before the byte after it,
    decoded (the first such filling found: a witness that the break is explained, not a guess
    at what was lost); None when no such filling exists.

    The answer depends on the break's bytes, where its boundaries fall in it, the byte after it
    and the page alone (:func:`_fill`): it is kept in the document's memo for the breaks that
    come again (a lost letter's break recurs with its word: 396 breaks of an Arabic page read as
    Shift_JIS with bytes dropped were 18 distinct, and a failed search tries every put-back)."""
    if e - s > _LONGEST or not NEVER_UTF8.isdisjoint(data[s:e]):
        return None  # (a byte that is never UTF-8 stays so whatever is put back around it)
    end = data[e] if e < len(data) else _LINE_END
    key = (data[s:e], tuple(p - s for p in range(s, e + 1) if p in bounds), end, codec)
    memo = current()
    if memo is None:
        return _fill(*key)
    if key in memo.fills:
        return memo.fills[key]
    got = _fill(*key)
    if len(memo.fills) < _FILLS_KEPT:
        memo.fills[key] = got
    return got


_FILLS_KEPT = 1 << 14  # breaks a document's memo keeps the answer of, at most (each a few bytes)


def _fill(piece: bytes, spots: tuple[int, ...], end: int, codec: str) -> str | None:
    """:func:`fillable` of the break ``piece`` with its character boundaries at ``spots``
    (offsets in it, its end included) and ``end`` the byte after it."""
    if least_put_back(piece) > _MOST:
        return None  # (no filling anywhere: the search below would try every put-back first)

    def put(combo: tuple[int, ...], j: int, right: bytes) -> str | None:
        # ``right``: the bytes from spot combo[j] to the break's end, later put-backs in place;
        # the byte put back at combo[j] must be refused before right's first byte.
        for x in _refused_before(codec, right[0] if right else end):
            if j == 0:
                got = _whole(piece[:combo[0]] + bytes((x,)) + right)
            else:
                got = put(combo, j - 1, piece[combo[j - 1]:combo[j]] + bytes((x,)) + right)
            if got is not None:
                return got
        return None

    for k in range(1, _MOST + 1):
        for combo in combinations_with_replacement(spots, k):
            if (got := put(combo, k - 1, piece[combo[-1]:])) is not None:
                return got
    return None


def least_put_back(piece: bytes) -> int:
    """The fewest bytes that, put back anywhere in ``piece`` (any byte, any place), make it whole
    UTF-8: a lower bound of what :func:`_fill` needs, asked first. Why: a break that no two
    bytes can explain (``作者`` through GBK is D7 F7 D5 DF: a lead before a lead, three times)
    made the search try every put-back at every boundary (a short record of Japanese with a
    Latin name paid it through each of four pages, bench/records.py). Counted in one walk:
    each lead owes its continuation bytes until the next lead; a run of continuation bytes no
    lead owns needs a lead put back for every three of them. (The second-byte limits after
    E0, ED, F0 and F4 are left out: that only makes the bound lower, never wrong.)"""
    put = owed = orphans = 0
    for b in piece:
        if 0x80 <= b < 0xC0:
            if owed:
                owed -= 1
            else:
                orphans += 1
            continue
        put += owed + (orphans + 2) // 3
        owed = orphans = 0
        if b >= 0xC0:
            owed = 1 if b < 0xE0 else 2 if b < 0xF0 else 3
    return put + owed + (orphans + 2) // 3


def hopeful(m: re.Match[str]) -> bool:
    """Whether :func:`fillable` may explain a break (seen on the reading alone: cheap; a clean
    CJK line's breaks are mostly long runs)."""
    return len(m.group()) <= _LONGEST and _NEVER_READ.search(m.group()) is None


def explain(body: str, codec: str, data: bytes, reading: str,
             breaks: list[re.Match[str]]) -> list[str | None]:
    """For each break, its filling (:func:`fillable`) or None."""
    if not any(hopeful(m) for m in breaks):
        return [None] * len(breaks)
    bounds, offsets = _places(body, codec, reading, breaks)
    return [fillable(data, offsets[m.start()], offsets[m.end()], bounds, codec) if hopeful(m)
            else None for m in breaks]


def explained_enough(body: str, codec: str, data: bytes, reading: str,
                     breaks: list[re.Match[str]], unexplained_most: float) -> bool:
    """Whether at most ``unexplained_most`` of ``breaks`` have no filling (``explain(...)
    .count(None) <= unexplained_most``), known at the first one too many: the breaks no
    filling can explain (:func:`hopeful`, :func:`least_put_back`) are counted first, on their
    bytes alone, and a failed search,
    which tries every put-back, is not repeated on the breaks after it (a short record of
    Chinese with a URL, read through four pages by fixers/cjklatin.py, paid each in full)."""
    asked = [m for m in breaks if hopeful(m) and least_put_back(_escaped(m.group())) <= _MOST]
    missing = len(breaks) - len(asked)
    if missing > unexplained_most:
        return False
    if not asked:
        return True
    bounds, offsets = _places(body, codec, reading, asked)
    for m in asked:
        if fillable(data, offsets[m.start()], offsets[m.end()], bounds, codec) is None:
            missing += 1
            if missing > unexplained_most:
                return False
    return True


def _escaped(run: str) -> bytes:
    """A break's bytes, from its surrogateescape characters."""
    return run.encode("utf-8", "surrogateescape")


def explain_every(body: str, codec: str, data: bytes, reading: str,
                  breaks: list[re.Match[str]]) -> list[str] | None:
    """:func:`explain` when every break has a filling, else None, known at the first that has
    none (a short line's test, :func:`mojifix.fixers.vanished.short_lines`: a failed filling is the longest search, as
    it tries every put-back, and a line with one needs no more of them)."""
    if not all(hopeful(m) for m in breaks):
        return None
    bounds, offsets = _places(body, codec, reading, breaks)
    fills: list[str] = []
    for m in breaks:
        if (filled := fillable(data, offsets[m.start()], offsets[m.end()], bounds, codec)) is None:
            return None
        fills.append(filled)
    return fills


def _places(body: str, codec: str, reading: str, breaks: list[re.Match[str]]
            ) -> tuple[set[int], list[int]]:
    """(:func:`_bounds`, :func:`_byte_offsets`) as far as ``breaks`` (the line's first few)
    reach: a long line's characters after its last break asked about are not walked."""
    reach = breaks[-1].end()
    offsets = _byte_offsets(reading[:reach])
    return _bounds(body, codec, offsets[reach]), offsets


def _bounds(body: str, codec: str, stop: int) -> set[int]:
    """Byte offsets of the garbled line's character boundaries (where the decoder stood), at
    least up to ``stop`` (its first ``stop`` characters: each is a byte or more). Each distinct
    character is encoded once, the sums are taken at C speed."""
    head = body[:stop]
    sizes = {c: len(c.encode(codec)) for c in set(head)}
    return {0, *accumulate(map(sizes.__getitem__, head))}


def _byte_offsets(reading: str) -> list[int]:
    """For each character offset of ``reading`` (and its end), the byte offset in UTF-8 (a lone
    surrogate of surrogateescape is one byte)."""
    sizes = {c: 1 if "\udc80" <= c <= "\udcff" else len(c.encode("utf-8")) for c in set(reading)}
    return [0, *accumulate(map(sizes.__getitem__, reading))]
