"""The chain search's lines of a document, held as offsets into its text and sliced on use.

(Subpackage: ``fixers/``, under :mod:`mojifix.fixers.chains`, its only user.)

Why a module of its own: the chain screen and the chain fixer ask about "the lines holding a
non-ASCII character that may cost above 0" (:func:`mojifix.fixers.chains._flagged_lines`), and
on accented Latin text that is most of the document. Held as ``{offset: line}`` each such line
was its own copy of the text (plus a dict entry and an int: about 100 bytes a line more), kept
for the whole repair: on a 5 MB French file 7 MB, and the lines the plan's shapeless rule keeps
with their refused candidates (Cyrillic readings of every accented line: 2 bytes a character,
several per line) held 30 MB more (issue 20: a 20 MB clean French file peaked at 260 MB, the
target is 160). Here the lines are two arrays of offsets (16 bytes a line); a line's text is
sliced when it is worked on and dropped after, and the shapeless rule's candidates are made
again when it asks (:class:`Recomputed`), one line at a time.

Both classes are read-only :class:`~collections.abc.Mapping` views (``{offset: line}``), so
their users read them as they read the dicts they replace.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar

from ..scoring.plausibility import sites
from ..scoring.quiet import regions

V = TypeVar("V")


def flagged_lines(text: str) -> Flagged:
    """The lines of ``text`` holding a non-ASCII character where the plausibility cost may be
    above 0 (:func:`mojifix.fixers.chains._flagged_lines`, which keeps the answer), computed."""
    # Line bounds are looked up around each site (C-speed find), not by splitting the text.
    size = len(text)
    starts, ends = array("q"), array("q")  # (the sites come in order: checked, not assumed)
    ordered = True
    for first, stop in regions(text):  # the combined walk clears the other lines
        for at in sites(text, first, stop, non_ascii=True):
            start = text.rfind("\n", 0, at) + 1
            if starts and start <= starts[-1]:
                if start == starts[-1]:
                    continue
                ordered = False
            end = text.find("\n", at)
            end = size if end < 0 else end
            while end > start and text[end - 1] == "\r":
                end -= 1  # (the line's rstrip("\r"))
            if not text[start:end].isascii():
                starts.append(start)
                ends.append(end)
    return Flagged(text, starts, ends) if ordered else Flagged.of(text, zip(starts, ends, strict=True))


class Flagged(Mapping[int, str]):
    """``{line start: line}`` of ``text``, the lines given as sorted (start, end) offsets."""

    __slots__ = ("_ends", "_starts", "_text")

    def __init__(self, text: str, starts: array, ends: array) -> None:
        self._text, self._starts, self._ends = text, starts, ends

    @classmethod
    def of(cls, text: str, spans: Iterable[tuple[int, int]]) -> Flagged:
        """From (start, end) spans in any order (a start seen twice is kept once)."""
        pairs = sorted(set(spans))
        starts, ends = array("q"), array("q")
        for start, end in pairs:
            if starts and starts[-1] == start:
                continue
            starts.append(start)
            ends.append(end)
        return cls(text, starts, ends)

    def __getitem__(self, start: int) -> str:
        i = bisect_left(self._starts, start)
        if i == len(self._starts) or self._starts[i] != start:
            raise KeyError(start)
        return self._text[start:self._ends[i]]

    def __contains__(self, start: object) -> bool:
        if not isinstance(start, int):
            return False
        i = bisect_left(self._starts, start)
        return i < len(self._starts) and self._starts[i] == start

    def __iter__(self) -> Iterator[int]:
        return iter(self._starts)

    def __len__(self) -> int:
        return len(self._starts)

    def items(self) -> _Items:  # type: ignore[override]
        return _Items(self)

    def values(self) -> _Values:  # type: ignore[override]
        return _Values(self)

    def pairs(self) -> Iterator[tuple[int, str]]:
        """(start, line) in order, each line sliced as it is reached."""
        text = self._text
        for start, end in zip(self._starts, self._ends, strict=True):
            yield start, text[start:end]

    def without(self, skip: set[int]) -> Flagged:
        """The same view less the lines starting at ``skip`` (offsets copied, not lines)."""
        if not skip:
            return self
        starts, ends = array("q"), array("q")
        for start, end in zip(self._starts, self._ends, strict=True):
            if start not in skip:
                starts.append(start)
                ends.append(end)
        return Flagged(self._text, starts, ends)

    def __repr__(self) -> str:
        return f"Flagged({dict(self.pairs())!r})"


class _Items:
    """``Flagged.items()``: re-iterable, sliced on use (a Mapping's own view looks each line up)."""

    __slots__ = ("_of",)

    def __init__(self, of: Flagged) -> None:
        self._of = of

    def __iter__(self) -> Iterator[tuple[int, str]]:
        return self._of.pairs()

    def __len__(self) -> int:
        return len(self._of)


class _Values:
    """``Flagged.values()``: re-iterable, sliced on use."""

    __slots__ = ("_of",)

    def __init__(self, of: Flagged) -> None:
        self._of = of

    def __iter__(self) -> Iterator[str]:
        return (line for _, line in self._of.pairs())

    def __len__(self) -> int:
        return len(self._of)


class Tagged:
    """Line starts, each with a small tag (a tuple, kept once in a table: a few distinct ones
    per document), in the order they are added: 10 bytes a line."""

    __slots__ = ("_index", "starts", "table", "tags")

    def __init__(self) -> None:
        self.starts, self.tags = array("q"), array("H")
        self.table: list[tuple] = []
        self._index: dict[tuple, int] = {}

    def add(self, start: int, tag: tuple) -> None:
        if tag not in self._index:
            self._index[tag] = len(self.table)
            self.table.append(tag)
        self.starts.append(start)
        self.tags.append(self._index[tag])

    def clear(self) -> None:
        del self.starts[:], self.tags[:]


class Recomputed(Mapping[int, tuple[str, V]]):
    """``{start: (line, make(line, tag))}`` for the lines of ``flagged`` that ``tagged`` holds:
    what a search found on a line, made again from its tag on each read instead of kept for
    every line (``make`` must give the same answer each time it is asked)."""

    __slots__ = ("_flagged", "_make", "_tagged")

    def __init__(self, flagged: Mapping[int, str], tagged: Tagged, make: Callable[[str, tuple], V]) -> None:
        self._flagged, self._tagged, self._make = flagged, tagged, make

    def __getitem__(self, start: int) -> tuple[str, V]:
        for at, tag in zip(self._tagged.starts, self._tagged.tags, strict=True):
            if at == start:
                line = self._flagged[start]
                return line, self._make(line, self._tagged.table[tag])
        raise KeyError(start)

    def __iter__(self) -> Iterator[int]:
        return iter(self._tagged.starts)

    def __len__(self) -> int:
        return len(self._tagged.starts)

    def items(self) -> Iterator[tuple[int, tuple[str, V]]]:  # type: ignore[override]
        table = self._tagged.table
        for start, tag in zip(self._tagged.starts, self._tagged.tags, strict=True):
            line = self._flagged[start]
            yield start, (line, self._make(line, table[tag]))

    def values(self) -> Iterator[tuple[str, V]]:  # type: ignore[override]
        return (value for _, value in self.items())
