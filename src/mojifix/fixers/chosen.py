"""The lines the chain fixer chose to repair, held as places in the text until it is written.

Why a module of its own: the chain fixer (:mod:`mojifix.fixers.chains`) decides which lines to
repair and hands them to several readers (its findings, :mod:`mojifix.fixers.chainreport`; the
lost letters chosen back, :mod:`mojifix.fixers.lostwords`; the edits or the text it writes), all
through one shape: ``{line start: (line, chain, repair)}``. As a dict, each entry held a fresh
slice of its line beside the text the slice came from, so a document garbled from end to end was
held twice more than needed until it was written: 20 MB of Chinese UTF-8 read as GBK (U+FFFD
holes) kept 22 MB of line copies alive at ``fix -o``'s peak (issue 20's memory: every command
within 100 MB + 3x the file). Here a line is its end offset, sliced again when read, and each
chain one shared tuple; :class:`mojifix.fixers.wholepage.WholeLines` does the same for a
document read whole, :class:`mojifix.fixers.linescores.LineScores` for the search's scores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping

Chain = tuple[str, ...]
Line = tuple[str, Chain, str]  # (line, chain, repair)
Chosen = Mapping[int, Line]  # line start: (line, chain, repair): what every reader takes


class ChosenLines(MutableMapping[int, Line]):
    """``{line start: (line, chain, repair)}`` over ``text``: reads give back exactly what was
    put. A line that is ``text``'s whole line at its start (to its newline, ``\\r`` aside, as
    :mod:`mojifix.fixers.flagged` cuts lines) through the first chain put is held as its repair
    alone (the common case: a document garbled one way); another as ``(end, chain, repair)``; a
    line that is not ``text``'s at its start, which no caller puts, as it came (the chain fixer's
    text-only road declines on it as before).

    >>> chosen = ChosenLines("ab\\ncd\\r\\n")
    >>> chosen[3] = ("cd", ("utf-8", "gbk"), "x")
    >>> chosen[0] = ("a", ("utf-8", "gbk"), "y")
    >>> chosen[3], chosen[0], len(chosen), list(chosen)
    (('cd', ('utf-8', 'gbk'), 'x'), ('a', ('utf-8', 'gbk'), 'y'), 2, [3, 0])
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[int, str | tuple[int | str, Chain, str]] = {}  # start: repair, or (end or line, chain, repair)
        self._chain: Chain | None = None  # (the first chain put: its whole lines are held as repairs)
        self._chains: dict[Chain, Chain] = {}  # one tuple per chain

    def _end(self, start: int) -> int:
        """Where the line at ``start`` ends: its newline, the ``\\r`` before it aside."""
        text = self._text
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        while end > start and text[end - 1] == "\r":
            end -= 1
        return end

    def __setitem__(self, start: int, value: Line) -> None:
        line, chain, repair = value
        chain = self._chains.setdefault(chain, chain)
        if self._chain is None:
            self._chain = chain
        if not self._text.startswith(line, start):
            self._lines[start] = (line, chain, repair)
        elif chain is self._chain and start + len(line) == self._end(start):
            self._lines[start] = repair
        else:
            self._lines[start] = (start + len(line), chain, repair)

    def __getitem__(self, start: int) -> Line:
        kept = self._lines[start]
        if isinstance(kept, str):
            return self._text[start:self._end(start)], self._chain, kept  # type: ignore[return-value]
        end, chain, repair = kept
        return (self._text[start:end] if isinstance(end, int) else end), chain, repair

    def __delitem__(self, start: int) -> None:
        del self._lines[start]

    def __iter__(self) -> Iterator[int]:
        return iter(self._lines)

    def __len__(self) -> int:
        return len(self._lines)

    def __contains__(self, start: object) -> bool:
        return start in self._lines

    def repairs(self) -> Iterator[tuple[Chain, str]]:
        """``(chain, repair)`` of each line, in order, without slicing the lines."""
        return ((self._chain, kept) if isinstance(kept, str) else kept[1:]  # type: ignore[misc]
                for kept in self._lines.values())

    def copy(self) -> ChosenLines:
        """Another view of the same lines (the texts are shared, not copied)."""
        out = ChosenLines(self._text)
        out._lines, out._chain, out._chains = dict(self._lines), self._chain, dict(self._chains)
        return out

    def after(self, earlier: Mapping[int, Line]) -> ChosenLines:
        """``earlier``'s lines, then these, which win where both hold a line: ``earlier | self``
        as a dict union orders and decides it (readers take a document's first lines as its
        sample: :mod:`mojifix.fixers.lostwords`). These themselves when ``earlier`` is empty."""
        if not earlier:
            return self
        out = ChosenLines(self._text)
        out._chain, out._chains = self._chain, dict(self._chains)
        for start, value in earlier.items():
            if start in self._lines:
                out._lines[start] = self._lines[start]
            else:
                out[start] = value
        for start, kept in self._lines.items():
            if start not in out._lines:
                out._lines[start] = kept
        return out


def repairs(chosen: Chosen) -> Iterator[tuple[Chain, str]]:
    """``(chain, repair)`` of each line of any ``chosen``, in order (its lines sliced only where
    it holds them as places and has no way around it)."""
    if isinstance(chosen, ChosenLines):
        return chosen.repairs()
    return ((chain, repair) for _, chain, repair in chosen.values())


def written(text: str, chosen: Chosen, take: Callable[[int], Line]) -> str | None:
    """``text`` with each line of ``chosen`` replaced whole by its repair (each read with
    ``take``: ``chosen.pop`` lets a line go once written), joined a block at a time (a list of
    every piece alive beside the joined text was most of 20 MB of Chinese's peak, issue 20);
    None where a line is not ``text``'s at its start (not the line the chain fixer's own road
    would edit: it decides)."""
    out, block = "", []
    done = 0  # text[:done] is in out and block
    for start in sorted(chosen):
        body, _, cand = take(start)
        if start < done or not text.startswith(body, start):
            return None
        block += (text[done:start], cand)
        done = start + len(body)
        if len(block) >= 4096:
            out += "".join(block)
            block.clear()
    block.append(text[done:])
    return out + "".join(block)
