"""Which chunks of a stream are pieces of a longer line (files/stream.py cuts a line longer than
its chunks): a road that decides on a whole document's proportions is not asked on a piece
(:func:`mojifix.memo.piece_of_line`), since a piece can show what its line does not.

Why a module of its own: the stream is at its size limit, and this is one idea (the chunks'
place in their lines), told to the fixers through the memo module.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator

from ..memo import piece_of_line


def marked_pieces(chunks: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each chunk with whether it is a piece of a longer line (it starts or ends inside one:
    the chunk before it ends without a newline, or it does and another chunk follows).

    >>> list(marked_pieces(["ab\\n", "cd", "e\\n", "f"]))
    [('ab\\n', False), ('cd', True), ('e\\n', True), ('f', False)]
    """
    held: str | None = None
    inside = False  # the chunk held starts inside a line
    for chunk in chunks:
        if held is not None:
            yield held, inside or not held.endswith("\n")
            inside = not held.endswith("\n")
        held = chunk
    if held is not None:
        yield held, inside


def as_piece(piece: bool) -> contextlib.AbstractContextManager[None]:
    """memo.piece_of_line() for a piece of a line, else nothing."""
    return piece_of_line() if piece else contextlib.nullcontext()
