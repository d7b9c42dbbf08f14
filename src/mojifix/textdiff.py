"""Turning "old text -> new text" into the smallest located edits, for fixers that work by
rewriting a whole line (ftfy, the normalising fixes) rather than by proposing spans."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .model import Edit

_AFTER_NEWLINE = re.compile(r"(?<=\n)")


def split_lines(text: str) -> list[str]:
    r"""Split after each ``\n`` only, keeping the ends.

    ``str.splitlines`` also breaks at U+0085, U+2028, form feed and other separators. U+0085 is
    what a 0x85 byte becomes when UTF-8 is read as latin-1 (``녕`` is ``EB 85 95``), so splitting
    there cuts mojibake in half; and a diff must not invent line ends the file does not have.

    >>> split_lines("a\x85b\nc\r\n\n")
    ['a\x85b\n', 'c\r\n', '\n']
    """
    return [line for line in _AFTER_NEWLINE.split(text) if line]


# Character-level alignment is quadratic in the worst case; beyond this a line is one edit.
MAX_ALIGN = 4000


def diff_edits(old: str, new: str, offset: int, kind: str, note: str = "") -> list[Edit]:
    """Edits (positions relative to ``offset``) that turn ``old`` into ``new``.

    >>> [(e.start, e.end, e.replacement) for e in diff_edits("cafÃ© & thÃ©", "café & thé", 0, "x")]
    [(3, 5, 'é'), (10, 12, 'é')]
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
