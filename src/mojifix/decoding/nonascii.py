"""The bytes that tell ASCII-compatible code pages apart: the runs of non-ASCII bytes.

Why a module of its own: ASCII reads the same in every ASCII-compatible page, so detection
(:mod:`mojifix.decoding.detect`) decodes and scores only these runs, collected once from the
bytes; what counts as evidence (a run with one ASCII neighbour each side, a word at most
:data:`REPEATS` times, :data:`EVIDENCE_BYTES` at most) is one decision, made here.
"""

from __future__ import annotations

import re
from itertools import filterfalse

from ..scoring import atomic

# Evidence: at most this many bytes of non-ASCII runs are decoded and scored.
EVIDENCE_BYTES = 1000
# A word counts as evidence at most this many times.
REPEATS = 4
# A run of non-ASCII bytes with one printable ASCII neighbour each side. An ASCII digit between
# non-ASCII bytes stays in the run: GB18030's four-byte characters hold two. (Written as repeats
# of one byte class, not an alternation with a lookahead tried at every byte: the same runs,
# found in two thirds of the time -- issue 20.) Where ``re`` has possessive repeats
# (:data:`mojifix.scoring.atomic.NATIVE`) they are used: the classes side by side are disjoint or
# optional, so nothing a greedy repeat could give back would make another match, the runs are
# the same (``tests/test_detect_pagetables.py``: random bytes and the corpus), found in 40% of the time (no backtracking state
# kept at every byte).
_BYTE_RUN_GREEDY = rb"[\x20-\x7e]?[\x80-\xff]+(?:[\x30-\x39][\x80-\xff]+)*[\x20-\x7e]?"
_BYTE_RUN_POSSESSIVE = rb"[\x20-\x7e]?+[\x80-\xff]++(?:[\x30-\x39][\x80-\xff]++)*+[\x20-\x7e]?+"
_BYTE_RUN = re.compile(_BYTE_RUN_POSSESSIVE if atomic.NATIVE else _BYTE_RUN_GREEDY)


def evidence(data: bytes, limit: int = EVIDENCE_BYTES) -> tuple[bytes, bool]:
    """The runs of non-ASCII bytes of ``data`` (with one ASCII neighbour each side), joined by
    NUL, up to ``limit`` bytes: all that tells ASCII-compatible code pages apart. The flag says
    whether the last run was cut (a multi-byte character may be cut with it).

    >>> evidence("a café, très bien".encode("cp1252"))
    (b'f\\xe9,\\x00r\\xe8s', False)
    """
    # Whitespace-separated words first (C speed; no multi-byte character holds a space or a
    # line break), then the runs inside the words that hold non-ASCII bytes. Each word at most
    # REPEATS times: a banner of box-drawing bytes is a few pieces of evidence, not 1,000.
    # The words of the first 8 x limit bytes, or of 64 x limit where those hold too few (and so
    # on); each round goes on from the word the last one ended in (its end may have cut it:
    # taken back, and read again whole), as if all of ``data[:end]`` were split again: the very
    # same words, without splitting a sparse file's head once a round (issue 20).
    end, start = 8 * limit, 0
    words: list[bytes] = []
    total = 0
    seen: dict[bytes, int] = {}
    get, append = seen.get, words.append  # ~250 words a file: bound once
    # Words are read up to a quarter past ``limit`` first: there, the runs found so far mostly
    # fill ``limit`` already (Cyrillic, Greek, Hebrew words are nearly all runs), and then the
    # answer is theirs (see _settled); else reading goes on, from the very word it stopped at,
    # up to 2 x limit (issue 20: a fifth of the words read and searched on char-dataset).
    goal, enough = limit + limit // 4, 2 * limit
    while True:
        words_of_round = filterfalse(bytes.isascii, data[start:end].split())
        while True:
            for word in words_of_round:
                n = seen[word] = get(word, 0) + 1
                if n > REPEATS:
                    continue
                append(word)
                total += len(word)
                if total >= goal:
                    break
            if total < goal or goal == enough:
                break  # the round's words are read, or all the words needed are
            settled = _settled(words, limit)
            if settled is not None:
                return settled
            goal = enough
            if total >= goal:
                break
        if end >= len(data) or total >= goal:
            break
        start = _resume(data, start, end, seen, words)
        total = sum(map(len, words))  # (the word taken back, if it was taken)
        end *= 8  # sparse non-ASCII: look further
    return _upto(b"\x00".join(_BYTE_RUN.findall(b" ".join(words))), limit)


def _upto(joined: bytes, limit: int) -> tuple[bytes, bool]:
    """:func:`evidence`'s answer from all the runs joined: up to ``limit`` bytes, whole runs if
    one ends there. (It reads ``joined[:limit + 1]`` and whether there is more.)"""
    if len(joined) <= limit:
        return joined, False
    cut = joined.rfind(b"\x00", 0, limit + 1)
    return (joined[:cut], False) if cut > 0 else (joined[:limit], True)


def _settled(words: list[bytes], limit: int) -> tuple[bytes, bool] | None:
    """:func:`evidence`'s answer when the words read so far settle it, whatever words follow;
    else None. The words read later only lengthen the text the runs are found in: every run of
    a prefix of it is found the same in the whole (a match stops at a byte the prefix holds),
    but the last, which the whole may lengthen (a trailing neighbour). To be safe the last word
    (a round's end may have cut it: _resume reads it again whole) and the last run are left
    out. The runs before them settle the answer when they are longer than ``limit``
    (:func:`_upto` reads no further)."""
    runs = _BYTE_RUN.findall(b" ".join(words[:-1]))
    del runs[-1:]
    joined = b"\x00".join(runs)
    return _upto(joined, limit) if len(joined) > limit else None


_SPACES = tuple(bytes([c]) for c in b" \t\n\x0b\x0c\r")  # what bytes.split() splits at


def _resume(data: bytes, start: int, end: int, seen: dict[bytes, int], words: list[bytes]) -> int:
    """Where the next round of :func:`evidence` goes on after reading ``data[start:end]``
    whole: ``end``, or the start of the word ``end`` may have cut, which is taken back (from
    ``seen`` and, if it was taken, ``words``: it was the last word read)."""
    if start >= end or data[end - 1:end].isspace():
        return max(start, end)
    cut = max(start, *(data.rfind(c, start, end) + 1 for c in _SPACES))
    word = data[cut:end]
    if not word.isascii():  # it was read last: taken back
        n = seen[word]
        seen[word] = n - 1
        if n <= REPEATS:
            words.pop()
    return cut
