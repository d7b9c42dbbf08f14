"""Page-level decisions that a streamed file must make once, for the whole file.

Some fixers decide from the whole text they are given: the gloss fixer accepts toneless readings
(``当(dang)``) only when the page as a whole shows the gloss pattern. When a big file is repaired
in chunks (:mod:`mojifix.engine.stream`), each chunk would otherwise decide on its own share of the
evidence. So such a fixer reports its local decision through :func:`page_decision`, with the
counts behind it; the streamer first *records* the counts of every chunk (first pass), adds them
up into the decision the whole file would get, and then *forces* that decision while repairing
(second pass). Outside streaming, :func:`page_decision` just returns the local decision.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_forced: ContextVar[dict[str, bool] | None] = ContextVar("mojifix_forced", default=None)
_recorded: ContextVar[dict[str, dict[str, float]] | None] = ContextVar("mojifix_recorded", default=None)
_forced_totals: ContextVar[dict[str, dict[str, float]] | None] = ContextVar("mojifix_totals", default=None)


def _record(kind: str, amounts: dict[str, float] | dict[str, int]) -> None:
    """Add ``amounts`` to the streamer's first-pass sums for ``kind`` (when it is recording)."""
    rec = _recorded.get()
    if rec is not None:
        totals = rec.setdefault(kind, {})
        for k, v in amounts.items():
            totals[k] = totals.get(k, 0) + v


def page_totals(kind: str, local: dict[str, float]) -> dict[str, float]:
    """Per-key amounts summed over the page (the chain search's evidence per chain): recorded
    in the streamer's first pass, and the whole file's sums returned while it repairs."""
    _record(kind, local)
    forced = _forced_totals.get()
    if forced is not None and kind in forced:
        return dict(forced[kind])
    return local


def page_decision(kind: str, local: bool, **counts: int) -> bool:
    """The decision for ``kind``: forced by the streamer when one is set, else ``local``."""
    _record(kind, counts)
    forced = _forced.get()
    if forced is not None and kind in forced:
        return forced[kind]
    return local


def is_recording() -> bool:
    """Whether a streamer's first pass is collecting counts (a fixer may count more then)."""
    return _recorded.get() is not None


@contextmanager
def recording() -> Iterator[dict[str, dict[str, float]]]:
    """Collect the counts every :func:`page_decision` / :func:`page_totals` call reports,
    summed per kind."""
    totals: dict[str, dict[str, float]] = {}
    token = _recorded.set(totals)
    try:
        yield totals
    finally:
        _recorded.reset(token)


@contextmanager
def forcing(decisions: dict[str, bool], totals: dict[str, dict[str, float]] | None = None) -> Iterator[None]:
    """Make :func:`page_decision` return these decisions (and :func:`page_totals` these sums)."""
    token = _forced.set(dict(decisions))
    token2 = _forced_totals.set(dict(totals or {}))
    try:
        yield
    finally:
        _forced_totals.reset(token2)
        _forced.reset(token)
