"""Bytes that vanished: UTF-8 read as a CJK page with ``errors="ignore"`` (issue 18).

Why a module of its own: :mod:`mojifix.fixers.lossy` works on the U+FFFD an
``errors="replace"`` decode leaves, one per lost byte; with ``errors="ignore"`` the refused
bytes leave no mark at all, and the one question here is *where* bytes vanished, found from the
shape of what survived. No chain can undo such a line (its bytes are no UTF-8), so without this
module a document that lost bytes was called clean.

What survives (CPython's multibyte decoders, as :mod:`mojifix.fixers.lossy` describes): at a
character boundary the decoder refuses a byte that is no character alone and no lead of a valid
pair with the byte after it, drops it and goes on at the next byte. So the text encoded back
with the page is the UTF-8 bytes less the refused ones, and read as UTF-8 it breaks only where
bytes vanished: each break (a maximal run of bytes that are no UTF-8) is a character cut short
or missing its lead. A break is *explained* (:func:`_fillable`) when up to three bytes put back
at the garbled text's character boundaries (where the decoder stood) make it whole UTF-8, each
put-back byte refused by the page before the byte that follows it (the page's refusal rules
bound what can vanish: through GBK only 80, or a continuation byte before ASCII punctuation).

Clean text seldom looks like this: clean CJK text encoded with its page is mostly no UTF-8, and
its breaks are seldom explained (a lead byte ``x`` put back before a continuation byte is, in
GBK, Big5 and EUC-KR, almost always a valid pair with it: not refused, so it could not have
vanished). The document decides (:func:`find`), over its lines that read badly as they are
(plausibility cost 1 or more: a line that reads as text is never called lossy): at least half of
the breaks explained, and the lines read with one filling of each break cost at most half of
what they cost garbled. Each explained break is at least one character lost; the finding says
"at least N". A loss that leaves no break (nothing non-ASCII survived, or only whole characters
vanished) leaves no trace to find: bench/quality.py skips such documents. The lost bytes are not put back: with
``errors="ignore"`` even their number per break is not known, and a wrong character is worse
than a missed one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import combinations_with_replacement

from ..kinds import FindingKind
from ..model import Finding, describe_chain
from ..scoring.plausibility import cost
from .lossy import LOSSY_PAGES, _refusals

# A maximal run of bytes that are no UTF-8 (read with surrogateescape: one lone surrogate each).
_BREAK = re.compile("[\udc80-\udcff]+")
_LINE_END = 0x0A
# The document's share of breaks that must be explained, and how much better (cost) its
# surviving characters must read than the garbled text.
_EXPLAINED = 0.5
_BETTER = 0.5
# A break longer than this (bytes) is left unexplained (two characters cut), and one that
# needs more bytes put back than _MOST: a kana through Big5 often loses two bytes and leaves
# its third to pair with the next character's lead, which then loses its second byte.
_LONGEST = 6
_MOST = 3
# A line that costs less than this (scoring.plausibility) reads as text: never called lossy.
_LINE_COST = 1.0


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


def _fillable(data: bytes, s: int, e: int, bounds: set[int], codec: str) -> str | None:
    """The break ``data[s:e]`` made whole UTF-8 by the fewest bytes (up to :data:`_MOST`) put
    back at character boundaries ``bounds``, each refused by ``codec`` before the byte after it,
    decoded (the first such filling found: a witness that the break is explained, not a guess
    at what was lost); None when no such filling exists."""
    if e - s > _LONGEST:
        return None
    end = data[e] if e < len(data) else _LINE_END
    spots = [p for p in range(s, e + 1) if p in bounds]

    def put(combo: tuple[int, ...], j: int, right: bytes) -> str | None:
        # ``right``: the bytes from spot combo[j] to the break's end, later put-backs in place;
        # the byte put back at combo[j] must be refused before right's first byte.
        for x in _refused_before(codec, right[0] if right else end):
            if j == 0:
                got = _whole(data[s:combo[0]] + bytes((x,)) + right)
            else:
                got = put(combo, j - 1, data[combo[j - 1]:combo[j]] + bytes((x,)) + right)
            if got is not None:
                return got
        return None

    for k in range(1, _MOST + 1):
        for combo in combinations_with_replacement(spots, k):
            if (got := put(combo, k - 1, data[combo[-1]:e])) is not None:
                return got
    return None
    size = len(data)
    spots = [p for p in range(s, e + 1) if p in bounds]

    def after(p: int) -> int:
        return data[p] if p < size else _LINE_END

    for p in spots:
        for x in _refused_before(codec, after(p)):
            if (got := _whole(data[s:p] + bytes((x,)) + data[p:e])) is not None:
                return got
    for i, p in enumerate(spots):
        for q in spots[i:]:
            for x2 in _refused_before(codec, after(q)):
                firsts = _refused_before(codec, x2) if p == q else _refused_before(codec, after(p))
                for x1 in firsts:
                    piece = data[s:p] + bytes((x1,)) + data[p:q] + bytes((x2,)) + data[q:e]
                    if (got := _whole(piece)) is not None:
                        return got
    return None


class _Tally:
    """One page's counts over a document's lines."""

    __slots__ = ("breaks", "example", "explained", "first", "garbled", "kept")

    def __init__(self) -> None:
        self.breaks = self.explained = 0
        self.garbled = self.kept = 0.0
        self.first: int | None = None
        self.example = ""


def _read(body: str, codec: str) -> tuple[bytes, str] | None:
    """(the line's bytes through ``codec``, read as UTF-8 with surrogateescape), or None when
    the page cannot write the line exactly."""
    try:
        data = body.encode(codec)
    except UnicodeEncodeError:
        return None
    if data.decode(codec, errors="replace") != body:
        return None
    return data, data.decode("utf-8", errors="surrogateescape")


def _tally(lines: dict[int, str], codec: str) -> _Tally:
    """The counts of ``codec`` over ``lines`` (their costs: :func:`find`'s)."""
    t = _Tally()
    for pos, (body, garbled) in lines.items():
        got = _read(body, codec)
        if got is None:
            continue
        data, reading = got
        breaks = list(_BREAK.finditer(reading))
        if not breaks:
            continue
        # Byte offsets of the garbled line's character boundaries (where the decoder stood).
        bounds, at = {0}, 0
        for c in body:
            at += 1 if c < "\x80" else len(c.encode(codec))
            bounds.add(at)
        # The reading's offsets are the bytes' up to the first multi-byte character: map them.
        offsets = _byte_offsets(reading)
        explained, pieces, last = 0, [], 0
        for m in breaks:
            filled = _fillable(data, offsets[m.start()], offsets[m.end()], bounds, codec)
            explained += filled is not None
            pieces += [reading[last:m.start()], filled or ""]
            last = m.end()
        t.breaks += len(breaks)
        t.explained += explained
        t.garbled += garbled
        # (the line as one filling of its breaks reads: clean text read this way is nonsense)
        t.kept += cost("".join(pieces) + reading[last:])
        if explained and t.first is None:
            t.first = pos + next(i for i, c in enumerate(body) if c > "\x7f")
            t.example = t.example or f"{body[:30]!r}"
    return t


def _byte_offsets(reading: str) -> list[int]:
    """For each character offset of ``reading`` (and its end), the byte offset in UTF-8 (a lone
    surrogate of surrogateescape is one byte)."""
    out, at = [0], 0
    for c in reading:
        at += 1 if c < "\x80" or "\udc80" <= c <= "\udcff" else len(c.encode("utf-8"))
        out.append(at)
    return out


def find(lines: dict[int, str]) -> Finding | None:
    """A finding when ``lines`` ({offset: line} of the document's non-ASCII lines no chain
    repaired) are UTF-8 read as a CJK page with bytes dropped (see the module docstring);
    None otherwise. The page whose breaks are best explained is named."""
    # Only lines that read badly as they are (a line that reads as text is left alone: do no harm)
    costs = {pos: (body, c) for pos, body in lines.items()
             if not body.isascii() and "\ufffd" not in body and (c := cost(body)) >= _LINE_COST}
    if not costs:
        return None
    best: tuple[str, _Tally] | None = None
    for codec in LOSSY_PAGES:
        t = _tally(costs, codec)
        if not t.explained or t.explained < _EXPLAINED * t.breaks or t.kept > _BETTER * t.garbled:
            continue
        if best is None or t.explained > best[1].explained:
            best = (codec, t)
    if best is None:
        return None
    codec, t = best
    chain = ("utf-8", codec)
    lost = t.explained
    return Finding(
        FindingKind.MOJIBAKE_LOSSY,
        f"{describe_chain('mojibake', chain)} with bytes dropped: at least {lost} "
        f"character{'s' * (lost != 1)} could not be recovered; the text is left as it is",
        count=lost, confidence=0.8, chain=chain, evidence=(t.example,), fixed=False,
        lost=lost, offset=t.first,
    )


def may_hold(line: str) -> bool:
    """Whether ``line`` could count in :func:`find` (the chain fixer's per-line screen): it reads
    badly and, through some page, has a break that lost bytes explain."""
    if line.isascii() or "\ufffd" in line or cost(line) < _LINE_COST:
        return False
    for codec in LOSSY_PAGES:
        got = _read(line, codec)
        if got is None:
            continue
        data, reading = got
        breaks = list(_BREAK.finditer(reading))
        if not breaks:
            continue
        bounds, at = {0}, 0
        for c in line:
            at += 1 if c < "\x80" else len(c.encode(codec))
            bounds.add(at)
        offsets = _byte_offsets(reading)
        if any(_fillable(data, offsets[m.start()], offsets[m.end()], bounds, codec) is not None
               for m in breaks):
            return True
    return False
