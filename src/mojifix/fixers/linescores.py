"""The chain search's scores of the lines it may repair, held flat until the document decides.

Why a module of its own: :func:`mojifix.fixers.chains.fix_chains` keeps, for every line some
chain could repair, the line's cost and each chain's cost and repair until the whole document's
gains rank the chains (only then is a line's chain chosen). Kept as a tuple per line (the line,
its cost, a ``(chain, (cost, repair))`` pair per chain, each chain a tuple of its own), that was
about 700 bytes of small objects per line besides the texts: 20 MB of Chinese UTF-8 read as GBK
(two chains a line) peaked at 270 MB for ``fix``, and those long-lived small objects also kept
alive the allocator's arenas the lost-byte search (:mod:`mojifix.fixers.lostbytes`) had opened for
its transient tables (issue 20). Here a line is a few array entries; the line itself is sliced
from the text again when read, chains are shared, and two chains that give the same text share
it. Reading gives back exactly what was added (the search adds an empty text for a repair no
ranking of the chains can choose: only its cost is read).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator

Chain = tuple[str, ...]
Scores = tuple[tuple[Chain, tuple[float, str]], ...]  # (chain, (cost, repair)) pairs


class LineScores:
    """``(start, line, cost, scores)`` of lines of ``text``, in the order added.

    >>> held = LineScores("ab\\ncd")
    >>> held.add(3, "cd", 4.0, [(("utf-8", "gbk"), (1.0, "x")), (("utf-8", "gb18030"), (2.0, "x"))])
    >>> list(held), held.starts()
    ([(3, 'cd', 4.0, ((('utf-8', 'gbk'), (1.0, 'x')), (('utf-8', 'gb18030'), (2.0, 'x'))))], {3})
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = array("q")
        self._ends = array("q")
        self._bases = array("d")
        self._firsts = array("q")  # each line's first entry in the flat lists below
        self._chains: list[Chain] = []
        self._costs = array("d")
        self._repairs: list[str] = []
        self._shared: dict[Chain, Chain] = {}  # one tuple per chain

    def add(self, start: int, line: str, base: float,
            scores: Iterable[tuple[Chain, tuple[float, str]]]) -> None:
        """Keep ``line`` (which must be ``text``'s at ``start``: only its place is kept)."""
        if not self._text.startswith(line, start):
            raise ValueError(f"no such line at {start}")
        self._starts.append(start)
        self._ends.append(start + len(line))
        self._bases.append(base)
        first = len(self._chains)
        self._firsts.append(first)
        for chain, (c, repair) in scores:
            for earlier in self._repairs[first:]:
                if earlier == repair:  # (GBK and GB18030 often read a line alike)
                    repair = earlier
                    break
            self._chains.append(self._shared.setdefault(chain, chain))
            self._costs.append(c)
            self._repairs.append(repair)

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[tuple[int, str, float, Scores]]:
        text, firsts, total = self._text, self._firsts, len(self._chains)
        for i, (start, end, base) in enumerate(zip(self._starts, self._ends, self._bases, strict=True)):
            stop = firsts[i + 1] if i + 1 < len(firsts) else total
            yield start, text[start:end], base, tuple(
                (self._chains[k], (self._costs[k], self._repairs[k])) for k in range(firsts[i], stop))

    def starts(self) -> set[int]:
        """Where the lines start."""
        return set(self._starts)
