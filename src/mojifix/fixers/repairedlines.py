"""The lines ftfy repaired in one document, held as compactly as the mojibake fixer can.

(Subpackage ``fixers/``: split out of :mod:`mojifix.fixers.mojibake`, whose fixer and
text-only road both gather every line ftfy repaired before deciding on the whole document.)

Why a module of its own: a document garbled on every line has a repaired line per line, and
how they are held sets the fixer's peak memory (issue 20: every command on a file held whole
peaks at <= 100 MB + 3x the file). Each row keeps no slice of the text (the line is sliced
again when read), one (chain, summary) key object for all rows that share it, and ftfy's
repaired body itself, the string the document's memo already holds, not a copy of it with the
line end added.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

Key = tuple[tuple[str, ...], str]  # (chain, summary)


def _first(row: tuple[int, int, str, Key]) -> int:
    return row[0]


def line_end(line: str) -> str:
    """The line end of ``line`` (``\\n``, ``\\r\\n``, or nothing): ftfy is asked about the body."""
    return line[len(line.rstrip("\r\n")):]


class RepairedLines(Collection[tuple[int, str, str, Key]]):
    """The lines ftfy repaired, read as (pos, line, repair, (chain, summary)) in document order,
    as :func:`mojifix.fixers.pagechoice.sibling_pages` reads them; added as (pos, line, repaired
    body, key). The line and the repair with its line end are made when a row is read (issue
    20: in a document garbled on every line, the list of them held the text twice more, as
    lines and as keys, and the repairs once more with their line ends)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._rows: list[tuple[int, int, str, Key]] = []
        self._keys: dict[Key, Key] = {}
        self._unsorted = False

    def add(self, pos: int, line: str, body_fixed: str, key: Key) -> Key:
        """Add the row of ``line`` (at ``pos``) whose body ftfy repaired into ``body_fixed``;
        return its key as held (the one object for all rows of that key)."""
        key = self._keys.setdefault(key, key)
        rows = self._rows
        if rows and pos < rows[-1][0]:
            self._unsorted = True  # (a line the document's plan repaired after ftfy's lines)
        rows.append((pos, len(line), body_fixed, key))
        return key

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, row: object) -> bool:
        return any(row == mine for mine in self)

    def refit(self, repairs: dict[int, str]) -> None:
        """Replace the repairs of the rows at ``repairs``' positions (each given with its line
        end, as rows are read): lostsingle.fill_words' choices."""
        self._rows = [(pos, size, repairs[pos].rstrip("\r\n") if pos in repairs else body, key)
                      for pos, size, body, key in self._rows]

    def _read(self, pos: int, size: int, body_fixed: str, key: Key) -> tuple[int, str, str, Key]:
        line = self._text[pos:pos + size]
        return pos, line, body_fixed + line_end(line), key

    def __iter__(self) -> Iterator[tuple[int, str, str, Key]]:
        rows = sorted(self._rows, key=_first) if self._unsorted else self._rows
        return (self._read(*row) for row in rows)

    def _taken(self) -> Iterator[tuple[int, int, str, Key]]:
        rows, self._rows = self._rows, []
        if self._unsorted:
            rows.sort(key=_first)
            self._unsorted = False
        rows.reverse()
        while rows:
            yield rows.pop()

    def taken(self) -> Iterator[tuple[int, str, str, Key]]:
        """The rows, each let go once read (the last use of them)."""
        return (self._read(*row) for row in self._taken())

    def joined(self) -> str:
        """The text with each row's body replaced by its repair, the rows let go as they are
        joined (the last use of them). Why not a list of the pieces, kept while the lines are
        found: it held every line once more while the document's plan was asked whether the
        text-only road must decline (issue 20). Blocks of pieces are added with ``+=``, which
        CPython does in place (see ``engine.pipeline.apply_edits``)."""
        text, out, block, done = self._text, "", [], 0
        for pos, size, body_fixed, _ in self._taken():
            block += (text[done:pos], body_fixed)
            done = pos + size - len(line_end(text[pos:pos + size]))  # (the end comes next)
            if len(block) >= 4096:
                out += "".join(block)
                block.clear()
        block.append(text[done:])
        out += "".join(block)
        return out
