"""Turning "old text -> new text" into the smallest located edits, for fixers that work by
rewriting a whole line (ftfy, the normalising fixes) rather than by proposing spans, and into
the characters it changed and lost (:func:`changed_and_lost`, every finding's counts)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from difflib import SequenceMatcher
from itertools import compress, repeat, zip_longest
from operator import and_, le, ne, sub

from .model import Edit


def split_lines(text: str) -> list[str]:
    r"""Split after each ``\n`` only, keeping the ends.

    ``str.splitlines`` also breaks at U+0085, U+2028, form feed and other separators. U+0085 is
    what a 0x85 byte becomes when UTF-8 is read as latin-1 (``녕`` is ``EB 85 95``), so splitting
    there cuts mojibake in half; and a diff must not invent line ends the file does not have.

    >>> split_lines("a\x85b\nc\r\n\n")
    ['a\x85b\n', 'c\r\n', '\n']
    """
    lines = [line + "\n" for line in text.split("\n")]
    last = lines.pop()
    if len(last) > 1:  # the text does not end with a line end
        lines.append(last[:-1])
    return lines


def split_at(text: str) -> Iterator[tuple[int, str]]:
    r"""(start, line) for each line of ``text.split("\n")``, one at a time: the list of every
    line is a copy of the whole text (issue 20: the biggest block of a garbled
    document's peak, in the document plan's repairs).

    >>> list(split_at("a\nb\n"))
    [(0, 'a'), (2, 'b'), (4, '')]
    """
    pos = 0
    while (end := text.find("\n", pos)) >= 0:
        yield pos, text[pos:end]
        pos = end + 1
    yield pos, text[pos:]


# Character-level alignment is quadratic in the worst case; beyond this a line is one edit.
MAX_ALIGN = 4000


def diff_edits(old: str, new: str, offset: int, kind: str, note: str = "") -> list[Edit]:
    """Edits (positions relative to ``offset``) that turn ``old`` into ``new``.

    >>> [(e.start, e.end, e.replacement) for e in diff_edits("cafÃ© & thÃ©", "café & thé", 0, "x")]
    [(3, 5, 'é'), (10, 12, 'é')]
    """
    if old == new:
        return []
    start, end_a, end_b, wide_start, wide_a, wide_b = _bounds(old, new)
    anchored = _ascii_anchored(old[wide_start:wide_a], new[wide_start:wide_b], offset + wide_start,
                               kind, note, start - wide_start, wide_a - end_a)
    if anchored is not None:
        return anchored
    a, b = old[start:end_a], new[start:end_b]
    base = offset + start
    if len(a) + len(b) > MAX_ALIGN:
        return [Edit(base, base + len(a), b, kind, note)]
    edits: list[Edit] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        # Merge edits separated by a single unchanged character: one repaired run, not two.
        if edits and base + i1 - edits[-1].end <= 1 and tag != "equal":
            prev = edits.pop()
            gap = a[prev.end - base:i1]
            edits.append(Edit(prev.start, base + i2, prev.replacement + gap + b[j1:j2], kind, note))
        else:
            edits.append(Edit(base + i1, base + i2, b[j1:j2], kind, note))
    return edits


def count_edits(old: str, new: str) -> int:
    """``len(diff_edits(old, new, ...))``, without building the edits when the ASCII anchors
    align the runs (the common case; :func:`_ascii_anchored`'s merging rule, counted).

    >>> count_edits("cafÃ© & thÃ©", "café & thé"), count_edits("Ð¼Ð¸Ñ€ Ð´Ð°", "мир да")
    (2, 1)
    """
    if old == new:
        return 0
    _start, _end_a, _end_b, wide_start, wide_a, wide_b = _bounds(old, new)
    got = _anchored(_RUNS.findall(old, wide_start, wide_a), _RUNS.findall(new, wide_start, wide_b))
    return len(diff_edits(old, new, 0, "")) if got is None else got


def _anchored(ra: list[str], rb: list[str], apart: str | None = None) -> int | None:
    """The places :func:`count_edits` counts from the two sides' runs (``_RUNS``), or None
    where the ASCII anchors do not align them. Runs alternate ASCII / non-ASCII: when the first
    ones are alike, all pairs are. Then an edit per differing non-ASCII pair, less one per two
    such pairs one ASCII character apart (merged), unless that character is ``apart`` (a line
    end, for lines counted joined). Counted with map over builtins, in C: a Russian line has a
    hundred runs."""
    if ra and len(ra) == len(rb) and ra[0].isascii() == rb[0].isascii():
        first = 1 if ra[0].isascii() else 0  # index of the first non-ASCII run
        if ra[1 - first :: 2] == rb[1 - first :: 2]:  # the ASCII runs are the same
            differ = list(map(ne, ra[first::2], rb[first::2]))
            seps = ra[first + 1 :: 2]  # the ASCII run after each
            close = map(and_, map(le, map(len, seps), repeat(1)), map(ne, seps, repeat(apart)))
            return sum(differ) - sum(map(and_, map(and_, differ, differ[1:]), close))
    return None


def count_edits_lines(olds: list[str], news: list[str]) -> int:
    """``sum(map(count_edits, olds, news))`` for pairs of lines (no ``"\\n"`` inside), counted on
    each side's lines joined, in a few C passes: the ASCII-anchored rule of :func:`count_edits`
    over the whole, with a line end never merging two places (each line is counted alone).
    Where the anchors do not align, line by line. Why: a French document read whole through
    one page was half its repair's time in counting its places a line at a time (issue 20).

    >>> count_edits_lines(["cafÃ© Ã©tÃ©", "Ã©"], ["café été", "é"])  # (one place each line)
    2
    >>> count_edits_lines(["x Ã©", "Ã© x"], ["x é", "é x"])  # (a line end does not merge)
    2
    """
    a, b = "\n".join(olds), "\n".join(news)
    got = _anchored(_RUNS.findall(a), _RUNS.findall(b), "\n")
    if got is not None:
        return got
    return 0 if a == b else sum(map(count_edits, olds, news))


def _common_prefix(a: str, b: str) -> int:
    """The length of the common prefix, by halving (slice comparisons run in C)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_ends(a: str, b: str) -> tuple[int, int]:
    """(head, tail): the lengths of the common prefix and of the common suffix of what is left,
    so that ``a[head:len(a) - tail]`` and ``b[head:len(b) - tail]`` are the parts that differ.

    >>> common_ends("cafÃ© noir", "café noir")
    (3, 5)
    """
    head = _common_prefix(a, b)
    return head, _common_prefix(a[head:][::-1], b[head:][::-1])


def _bounds(old: str, new: str) -> tuple[int, int, int, int, int, int]:
    """Where ``old`` and ``new`` differ: ``start`` and the ends ``end_a``/``end_b`` after the
    common prefix and suffix, and the same widened to whole runs of non-ASCII characters (the
    ASCII-anchored alignment pairs whole runs; ``â€�`` -> ``�`` shares its last character)."""
    start, tail = common_ends(old, new)
    end_a, end_b = len(old) - tail, len(new) - tail
    wide_start, wide_a, wide_b = start, end_a, end_b
    while wide_start and not old[wide_start - 1].isascii():
        wide_start -= 1
    while wide_a < len(old) and not old[wide_a].isascii():
        wide_a += 1
        wide_b += 1
    return start, end_a, end_b, wide_start, wide_a, wide_b


_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def _ascii_anchored(
    a: str, b: str, base: int, kind: str, note: str, head: int = 0, tail: int = 0
) -> list[Edit] | None:
    """Linear alignment for the common case of mojibake repair: decoding UTF-8 correctly never
    changes ASCII, so when both sides have the same ASCII runs in the same order, the non-ASCII
    runs between them pair up one to one. None when that does not hold (then difflib aligns).
    ``a`` and ``b`` begin with the same ``head`` characters and end with the same ``tail``
    ones, all non-ASCII: they belong to the first and last runs, and stay out of the edits.

    >>> [(e.start, e.end, e.replacement) for e in _ascii_anchored("cafÃ© & thÃ©", "café & thé", 0, "x", "")]
    [(3, 5, 'é'), (10, 12, 'é')]
    """
    # The runs are walked in step, not listed: two lists of every run of a line of tens of MB
    # held a string object per word, several times the line (issue 20).
    # Each edit is kept as (start, end) in ``a`` and (start, end) in ``b``, and its replacement
    # sliced from ``b`` once at the end: what lies between two merged runs is ASCII, the same
    # on both sides, so the merged replacement is one piece of ``b``. (Concatenating the growing
    # replacement at every run was quadratic on one long line of runs one space apart; a list
    # of its pieces, two entries per run, was the biggest block of such a line's repair and
    # its pages were what grew faster than the line: ``Ã© `` repeated, issue 20.)
    spans: list[tuple[int, int, int, int]] = []
    pos = base
    for i, (ma, mb) in enumerate(zip_longest(_RUNS.finditer(a), _RUNS.finditer(b))):
        if ma is None or mb is None:
            return None  # not the same number of runs
        x, y = ma.group(), mb.group()
        if x.isascii() != y.isascii() or (x.isascii() and x != y):
            return None
        if x != y:
            lo, hi, b_lo, b_hi = pos, pos + len(x), mb.start(), mb.end()
            if i == 0 and head:
                lo, b_lo = lo + head, b_lo + head
            if tail and ma.end() == len(a):  # the last run
                hi, b_hi = hi - tail, b_hi - tail
            if spans and lo - spans[-1][1] <= 1:  # one repaired run, as diff_edits merges
                spans[-1] = (spans[-1][0], hi, spans[-1][2], b_hi)
            else:
                spans.append((lo, hi, b_lo, b_hi))
        pos += len(x)
    return [Edit(lo, hi, b[b_lo:b_hi], kind, note) for lo, hi, b_lo, b_hi in spans]


def line_edits(old: str, new: str, kind: str, note: str = "") -> list[Edit]:
    """Per-line edits when the line count is kept, else edits over the whole text."""
    a, b = split_lines(old), split_lines(new)
    if len(a) != len(b):
        return diff_edits(old, new, 0, kind, note)
    edits: list[Edit] = []
    pos = 0
    for x, y in zip(a, b, strict=True):
        if x != y:
            edits.extend(diff_edits(x, y, pos, kind, note))
        pos += len(x)
    return edits


# Line alignment with difflib is quadratic when many lines differ (a repaired file changes
# almost every line): beyond this many line pairs, the differing middle is one replaced block.
MAX_LINE_ALIGN = 1_000_000

Opcode = tuple[str, int, int, int, int]


def line_opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """difflib-style opcodes between two lists of lines, in linear time for repairs.

    Common leading and trailing lines are matched first. When the differing middles have the
    same number of lines (every fixer but a decoded ``&#10;`` keeps the line count), line *i*
    is paired with line *i*; otherwise difflib aligns them if that is cheap, and the middle is
    one replaced block if not. Every result is a correct diff; only the last one may not be the
    smallest.
    """
    lo = 0
    while lo < len(a) and lo < len(b) and a[lo] == b[lo]:
        lo += 1
    hi_a, hi_b = len(a), len(b)
    while hi_a > lo and hi_b > lo and a[hi_a - 1] == b[hi_b - 1]:
        hi_a -= 1
        hi_b -= 1
    codes: list[Opcode] = []
    if lo:
        codes.append(("equal", 0, lo, 0, lo))
    if hi_a - lo == hi_b - lo:
        i = lo
        while i < hi_a:
            j = i
            same = a[i] == b[i]
            while j < hi_a and (a[j] == b[j]) == same:
                j += 1
            codes.append(("equal" if same else "replace", i, j, i, j))
            i = j
    elif (hi_a - lo) * (hi_b - lo) <= MAX_LINE_ALIGN:
        matcher = SequenceMatcher(None, a[lo:hi_a], b[lo:hi_b])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            codes.append((tag, lo + i1, lo + i2, lo + j1, lo + j2))
    else:
        tag = "delete" if hi_b == lo else "insert" if hi_a == lo else "replace"
        codes.append((tag, lo, hi_a, lo, hi_b))
    if hi_a < len(a):
        codes.append(("equal", hi_a, len(a), hi_b, len(b)))
    return codes


class _KnownOpcodes(SequenceMatcher):
    """A SequenceMatcher that reuses opcodes computed elsewhere (for ``get_grouped_opcodes``)."""

    def __init__(self, codes: list[Opcode]) -> None:
        super().__init__(None, "", "")
        self._codes = codes

    def get_opcodes(self) -> list[Opcode]:  # type: ignore[override]
        return list(self._codes)


def _range(start: int, stop: int) -> str:
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start if not length else start + 1},{length}"


def unified_diff_lines(
    a: list[str], b: list[str], fromfile: str, tofile: str, n: int = 3
) -> Iterator[str]:
    """``difflib.unified_diff`` over :func:`line_opcodes` (same output format)."""
    if a == b:
        return
    yield f"--- {fromfile}\n"
    yield f"+++ {tofile}\n"
    for group in _KnownOpcodes(line_opcodes(a, b)).get_grouped_opcodes(n):
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from ("-" + line for line in a[i1:i2])
            if tag in ("replace", "insert"):
                yield from ("+" + line for line in b[j1:j2])


def changed_and_lost(before: str, after: str) -> tuple[int, int]:
    """(characters changed, characters lost) by repairing ``before`` into ``after``: the characters
    ``after`` has that ``before`` had not (as multisets; on the two strings alone, so every road
    gives the same numbers), U+FFFD apart: each one there is a character the garbling destroyed.
    Counted in C (a loop over a CJK line's hundred distinct characters was 9% of its repair).
    Two texts of one length (a single-byte page's repair) are counted on the places they
    differ: a character both have at one place adds to both multisets alike."""
    lost = after.count("\ufffd")
    new_lost = max(lost - before.count("\ufffd"), 0)
    if len(before) == len(after):
        differ = list(map(ne, before, after))
        before, after = "".join(compress(before, differ)), "".join(compress(after, differ))
        if not lost and set(before).isdisjoint(after):
            # (the common case, a page's letters for others: no character both multisets hold,
            # so every differing place is a character changed; two Counters were most of the
            # report of a Turkish page read as Latin-1, issue 20)
            return len(after), 0
    has, had = Counter(after), Counter(before)
    more = sum(map(max, map(sub, has.values(), map(had.get, has, repeat(0))), repeat(0)))
    changed = more - new_lost
    if not changed and not lost and before != after:
        # Only characters taken out (``Â§`` -> ``§``: the ``Â`` of a no-break space's lead byte):
        # those are the change, not "0 characters changed" (a new user's QA).
        changed = sum(map(max, map(sub, had.values(), map(has.get, had, repeat(0))), repeat(0)))
    return changed, lost
