"""What mojifix remembers while it repairs one document, and nothing beyond it.

(Belongs to the ``engine/`` subpackage: the caches that live for one call.)

The pipeline asks about the same text several times in a row: the chain screen and the chain
fixer want the same flagged lines, the mojibake and zero-width screens the same survey, the chain
search and the mojibake fixer ftfy's answer for the same line. Those answers are kept in a
:class:`Memo` that :func:`mojifix.engine.pipeline.run_fixers` creates for each document and drops when
the document is done (:func:`document`). Nothing survives from one call to the next, so:

* the same input always takes the same path and gives the same result, whatever ran before it
  (the path depends on the document alone: its size decides whether the combined walker of
  :mod:`mojifix.scoring.quiet` and the codec classes of :mod:`mojifix.scoring.repertoire` are used);
* a repair never keeps a user's text alive after it returns.

The memo is found through a :class:`contextvars.ContextVar`, not handed down as an argument:
the fixers keep their ``(text, config)`` signature, and each thread (and each asyncio task)
sees only its own document. Outside :func:`document` (a fixer called on its own, in a test),
:func:`current` is None and every answer is computed afresh.

:func:`tracing` records the path each document took (for tests and benchmarks, which must be
able to see the path without timing it).

Caches that remain at module level, and why they may (none is keyed on a user's text, none
changes a result or a path; each builds a constant table or regex once per process):

* ``screen.mojibake_screen``, ``screen.suspicious_line``, ``prefilters._gloss_start``,
  ``quiet.walker`` / ``quiet.build``, ``plausibility.scans`` / ``_scans`` / ``lone_cjk`` /
  ``_free_chars``, ``repertoire._sequences`` / ``outside`` (one per codec name),
  ``mojibake._ftfy_config``: compiled regexes and tables with no text argument.
* ``plausibility._char_class``: keyed on ONE character, a pure property of that character
  (bounded by the alphabet, never by the documents seen); ``codepages.cjk_tiers`` /
  ``standard_tiers``: the frequency tiers, built once.
* The other caches (detection's character and pair costs, glosses, realign, entities, the
  fixer registry's loader) are listed with their reasons in ``tests/test_no_global_state.py``'s
  allow-list, which fails on any cache keyed on text that it does not name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

# ftfy's answer is kept for lines up to this many characters (longer ones are rare and costly
# to hash), and for at most this many lines per document (the memory a page of distinct lines
# may hold on top of its text).
FTFY_LINE_MAX = 4096
FTFY_LINES_MAX = 1 << 16


class Memo:
    """The answers kept while one document is repaired (see the module docstring).

    The ``last_*`` slots hold the answer for ONE text object (compared with ``is``): the
    pipeline asks about the same object for several fixers in a row, and only a fixer that
    edits makes a new one. One slot each, so at most one earlier version of the text is kept.
    """

    __slots__ = ("fills", "ftfy", "kept_for", "kept_sets", "last_flagged", "last_latin",
                 "last_regions", "last_shown", "last_survey", "last_whole", "marked", "path",
                 "recovered", "sets", "settled", "single", "tried")

    def __init__(self) -> None:
        self.last_regions: tuple[str, list[tuple[int, int]]] | None = None
        self.last_survey: tuple[str, Any] | None = None
        self.last_flagged: tuple[str, Mapping[int, str]] | None = None  # (fixers/flagged.Flagged)
        # latinpages.repairs: asked by the document screen, the chain screen and the chain fixer
        self.last_latin: tuple[str, list[tuple[int, str, str]]] | None = None
        # vanished.pages_of over the flagged lines: asked by the chain screen and the chain fixer
        self.last_shown: tuple[str, Any] | None = None
        # chains.whole_document: asked by the chain prefilter and the chain fixer
        self.last_whole: tuple[str, Any] | None = None
        self.ftfy: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {}
        # (line, page) -> (lostbytes.recover's reading, the characters it left open): the chain
        # search reads a lossy line back, then fixers/lostcjk.py chooses among what it left open
        # (the same search twice was half the time of a Chinese page read as GBK, issue 20); at
        # most lostbytes._KEPT_MAX, dropped once lostcjk has read them (lostbytes.forget)
        self.recovered: dict[tuple[str, str], tuple[str, tuple[tuple[int, str], ...]]] = {}
        # (a break's bytes, its boundaries, the byte after it, the page) -> breakfill._fill's
        # answer: the same breaks come again with their words (at most breakfill._FILLS_KEPT)
        self.fills: dict[tuple[bytes, tuple[int, ...], int, str], str | None] = {}
        # (line, page) -> fixers/lostsingle._recovered's reading: the mojibake fixer repairs a
        # line on its text-only road and again on its own (at most lostsingle._KEPT_MAX)
        self.single: dict[tuple[str, str], Any] = {}
        # (line, page, strict, spaced) -> fixers/droppedsingle.marked_open's answer: a line is
        # asked by its repair, the document's proof and the context choice (at most _KEPT_MAX)
        self.marked: dict[tuple[str, str, bool, str], Any] = {}
        # a run of open characters, its known neighbours and the word list -> fixers/lostcjk
        # settle's choice: a document's words come again (at most lostcjk._SETTLED_KEPT)
        self.settled: dict[tuple[Any, ...], tuple[str, ...] | None] = {}
        self.tried = 0  # characters the chain search tried on (repertoire.ready)
        self.path: list[str] = []
        self.sets = 0  # answers put in a ``last_*`` slot (last_answer)
        # The text and the count of answers at the last keep_only: while neither changed, every
        # answer held is about that text, and keep_only has nothing to drop.
        self.kept_for: str | None = None
        self.kept_sets = -1

    def keep_only(self, text: str) -> None:
        """Drop the ``last_*`` answers kept for any text but ``text``: once a fixer's edits made
        a new text, no one asks about the older one again, and each slot pinned its own older
        version (on one line of tens of MB, three stale copies of the text, issue 20).

        Asked before every fixer; where the text and the answers are those of the last call
        (most fixers' prefilters compute nothing new), nothing is read: six slots read eleven
        times were a tenth of the cost of a short record (bench/records.py)."""
        if text is self.kept_for and self.sets == self.kept_sets:
            return
        for slot in _LAST_SLOTS:  # (the names picked once)
            kept = getattr(self, slot)
            if kept is not None and kept[0] is not text:
                setattr(self, slot, None)
        self.kept_for, self.kept_sets = text, self.sets

    def note(self, event: str) -> None:
        """Record a step of the path this document took (read by :func:`tracing`)."""
        self.path.append(event)


_LAST_SLOTS = tuple(slot for slot in Memo.__slots__ if slot.startswith("last_"))  # (a constant)
_current: ContextVar[Memo | None] = ContextVar("mojifix_memo", default=None)
_traces: ContextVar[list[list[str]] | None] = ContextVar("mojifix_traces", default=None)
_piece: ContextVar[bool] = ContextVar("mojifix_piece", default=False)


@contextmanager
def piece_of_line() -> Iterator[None]:
    """While the text repaired is a piece of a longer line (a stream cuts a line longer than
    its chunks): a road that decides on a whole document's proportions is not asked there, since
    a piece can show what its line does not (``、lengthが`` cut out of a Japanese line reads as
    Latin through Big5, fixers/cjklatin.py; tests/test_stream_equivalence.py found it)."""
    token = _piece.set(True)
    try:
        yield
    finally:
        _piece.reset(token)


def in_piece() -> bool:
    """Whether the text being repaired is a piece of a longer line (:func:`piece_of_line`)."""
    return _piece.get()


def current() -> Memo | None:
    """The memo of the document being repaired, or None outside :func:`document`."""
    return _current.get()


def last_answer(slot: str, text: str, compute: Callable[[str], T]) -> T:
    """``compute(text)``, kept in the current memo's ``slot`` (a ``last_*`` slot) for that very
    string object: the screens and the fixers ask about the same text in a row, and one slot
    keeps one answer (see :class:`Memo`). Outside :func:`document`, computed every time."""
    memo = _current.get()
    if memo is None:
        return compute(text)
    kept = getattr(memo, slot)
    if kept is not None and kept[0] is text:
        return kept[1]
    out = compute(text)
    setattr(memo, slot, (text, out))
    memo.sets += 1
    return out


def kept_answer(slot: str, text: str) -> tuple[bool, object]:
    """(True, the answer) when the current memo's ``slot`` holds one for that very ``text``
    (:func:`last_answer`'s), else (False, None): asked by a screen that needs it only if some
    earlier one computed it."""
    memo = _current.get()
    kept = None if memo is None else getattr(memo, slot)
    return (True, kept[1]) if kept is not None and kept[0] is text else (False, None)


def note(event: str) -> None:
    """Record ``event`` on the current document's path (nothing outside :func:`document`)."""
    memo = _current.get()
    if memo is not None:
        memo.path.append(event)


@contextmanager
def aside() -> Iterator[None]:
    """No memo while a fixer asks a question about another text than the document (the chain
    fixer's whole-document road asks whether its reading is left clean): nothing is kept for
    that text, and the document's own answers stay in their slots."""
    token = _current.set(None)
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def document() -> Iterator[Memo]:
    """A fresh memo for one document, dropped (with everything it holds) on leaving."""
    memo = Memo()
    token = _current.set(memo)
    try:
        yield memo
    finally:
        _current.reset(token)
        traces = _traces.get()
        if traces is not None:
            traces.append(memo.path)


@contextmanager
def tracing() -> Iterator[list[list[str]]]:
    """Collect the path of every document repaired inside the block, one list per document."""
    traces: list[list[str]] = []
    token = _traces.set(traces)
    try:
        yield traces
    finally:
        _traces.reset(token)
