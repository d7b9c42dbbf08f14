"""Turning "old text -> new text" into the smallest located edits, for fixers that work by
rewriting a whole line (ftfy, the normalising fixes) rather than by proposing spans."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .model import Edit

# Character-level alignment is quadratic in the worst case; beyond this a line is one edit.
MAX_ALIGN = 4000


def diff_edits(old: str, new: str, offset: int, kind: str, note: str = "") -> list[Edit]:
    """Edits (positions relative to ``offset``) that turn ``old`` into ``new``.

    >>> [(e.start, e.end, e.replacement) for e in diff_edits("cafÃ© & thÃ©", "café & thé", 0, "x")]
    [(3, 5, 'é'), (9, 11, 'é')]
    """
    if old == new:
        return []
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_a, end_b = len(old), len(new)
    while end_a > start and end_b > start and old[end_a - 1] == new[end_b - 1]:
        end_a -= 1
        end_b -= 1
    a, b = old[start:end_a], new[start:end_b]
    base = offset + start
    anchored = _ascii_anchored(a, b, base, kind, note)
    if anchored is not None:
        return anchored
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


_RUNS = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


def _ascii_anchored(a: str, b: str, base: int, kind: str, note: str) -> list[Edit] | None:
    """Linear alignment for the common case of mojibake repair: decoding UTF-8 correctly never
    changes ASCII, so when both sides have the same ASCII runs in the same order, the non-ASCII
    runs between them pair up one to one. None when that does not hold (then difflib aligns).

    >>> [(e.start, e.end, e.replacement) for e in _ascii_anchored("cafÃ© & thÃ©", "café & thé", 0, "x", "")]
    [(3, 5, 'é'), (9, 11, 'é')]
    """
    ra, rb = _RUNS.findall(a), _RUNS.findall(b)
    if len(ra) != len(rb):
        return None
    edits: list[Edit] = []
    pos = base
    for x, y in zip(ra, rb, strict=True):
        if x.isascii() != y.isascii() or (x.isascii() and x != y):
            return None
        if x != y:
            if edits and pos - edits[-1].end <= 1:  # one repaired run, as diff_edits merges
                prev = edits.pop()
                gap = a[prev.end - base : pos - base]
                edits.append(Edit(prev.start, pos + len(x), prev.replacement + gap + y, kind, note))
            else:
                edits.append(Edit(pos, pos + len(x), y, kind, note))
        pos += len(x)
    return edits


def line_edits(old: str, new: str, kind: str, note: str = "") -> list[Edit]:
    """Per-line edits when the line count is kept, else edits over the whole text."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    if len(a) != len(b):
        return diff_edits(old, new, 0, kind, note)
    edits: list[Edit] = []
    pos = 0
    for x, y in zip(a, b, strict=True):
        if x != y:
            edits.extend(diff_edits(x, y, pos, kind, note))
        pos += len(x)
    return edits
