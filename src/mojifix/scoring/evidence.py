"""Page-level decisions: document evidence (counts) turned into the plan, by one rule per kind.

Some fixers decide from the whole text they are given: the gloss fixer accepts toneless readings
(``当(dang)``) only when the page as a whole shows the gloss pattern. Each such decision has ONE
rule, registered here by the fixer that owns it (:func:`page_rule`), from the counts of a
document to a yes/no; the same rule serves both roads, so they cannot drift:

* whole text: the fixer calls :func:`page_decision` with its counts, which applies the rule;
* a big file repaired in chunks (:mod:`mojifix.files.stream`): each chunk would otherwise decide on its
  own share of the evidence, so the streamer first *records* the counts of every chunk (first
  pass), turns the sums into the whole file's decisions with :func:`plan` (the same rules), and
  then *forces* those decisions while repairing (second pass).

(Subpackage: ``engine/``, with the plan.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

_forced: ContextVar[dict[str, bool] | None] = ContextVar("mojifix_forced", default=None)
_recorded: ContextVar[Totals | None] = ContextVar("mojifix_recorded", default=None)
_forced_totals: ContextVar[dict[str, dict[str, float]] | None] = ContextVar("mojifix_totals", default=None)


def record(kind: str, amounts: Mapping[str, float]) -> None:
    """Add ``amounts`` to the streamer's first-pass sums for ``kind`` (when it is recording):
    evidence a rule gathers from every chunk (see ``gather`` in :func:`page_rule`)."""
    _record(kind, amounts)


def _record(kind: str, amounts: Mapping[str, float]) -> None:
    """Add ``amounts`` to the streamer's first-pass sums for ``kind`` (when it is recording)."""
    rec = _recorded.get()
    if rec is not None:
        totals = rec.setdefault(kind, {})
        for k, v in amounts.items():
            totals[k] = totals.get(k, 0) + v


class Totals(dict[str, dict[str, float]]):
    """A first pass's sums per kind (:func:`recording`), and which kinds :func:`page_totals`
    served (``summed``: what :func:`page_sums` forwards)."""

    def __init__(self) -> None:
        super().__init__()
        self.summed: set[str] = set()


def page_totals(kind: str, local: dict[str, float]) -> dict[str, float]:
    """Per-key amounts summed over the page (the chain search's evidence per chain): recorded
    in the streamer's first pass, and the whole file's sums returned while it repairs (the
    streamer forwards every such kind: :func:`page_sums`, no list of them to keep)."""
    rec = _recorded.get()
    if rec is not None:
        rec.summed.add(kind)
    _record(kind, local)
    forced = _forced_totals.get()
    if forced is not None and kind in forced:
        return dict(forced[kind])
    return local


def page_sums(totals: Totals) -> dict[str, dict[str, float]]:
    """The kinds of ``totals`` that :func:`page_totals` served: the sums a streamed file forces
    on its second pass with :func:`forcing` (a kind left out there lets each chunk decide on
    its own lines, which the whole text would not)."""
    return {kind: amounts for kind, amounts in totals.items() if kind in totals.summed}


Rule = Callable[[Mapping[str, float]], bool]
Gather = Callable[[Mapping[str, Mapping[str, float]]], Mapping[str, float]]
_RULES: dict[str, Rule] = {}
_GATHER: dict[str, Gather] = {}


def page_rule(kind: str, gather: Gather | None = None) -> Callable[[Rule], Rule]:
    """Register ``rule`` as THE decision for ``kind`` from a document's counts (a decorator).

    ``gather`` (optional) builds those counts from a streamed file's sums of every kind, for a
    rule whose counts are not plain sums of the chunks' (distinct characters, say): the fixer
    then records additive evidence with :func:`record` (per-character counts) and ``gather`` reduces it."""

    def register(rule: Rule) -> Rule:
        _RULES[kind] = rule
        if gather is not None:
            _GATHER[kind] = gather
        return rule

    return register


def decide(kind: str, counts: Mapping[str, float]) -> bool:
    """The decision for ``kind`` on these counts (a page's, or a streamed file's sums)."""
    return _RULES[kind](counts)


def plan(totals: Mapping[str, Mapping[str, float]]) -> dict[str, bool]:
    """Every decision the counts of a document call for, each by its one rule: what a streamed
    file forces on its chunks (the whole text reaches the same decisions through
    :func:`page_decision`)."""
    return {
        kind: decide(kind, _GATHER[kind](totals) if kind in _GATHER else counts)
        for kind, counts in totals.items()
        if kind in _RULES
    }


def page_decision(kind: str, local: bool | None = None, **counts: int) -> bool:
    """The decision for ``kind``: forced by the streamer when one is set, else the registered
    rule on ``counts`` (``local``, the caller's own verdict, only for a kind with no rule)."""
    _record(kind, counts)
    forced = _forced.get()
    if forced is not None and kind in forced:
        return forced[kind]
    if kind in _RULES:
        return decide(kind, counts)
    return bool(local)


def is_recording() -> bool:
    """Whether a streamer's first pass is collecting counts (a fixer may count more then)."""
    return _recorded.get() is not None


@contextmanager
def recording() -> Iterator[Totals]:
    """Collect the counts every :func:`page_decision` / :func:`page_totals` call reports,
    summed per kind."""
    totals = Totals()
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
