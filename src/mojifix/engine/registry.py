"""The fixers, as records, in their order: what :func:`mojifix.engine.pipeline.run_fixers` walks.

(Subpackage: ``engine/``, beside the pipeline.)

A fixer is a function ``(text, config) -> (edits, findings)``: it looks at its input, says what
it believes happened (findings), and proposes sorted, non-overlapping edits against that input;
``([], [])`` when it has nothing to do. A :class:`Fixer` record says everything else the
pipeline needs to know about it, so nothing is read off the function:

* ``module`` + ``function``: imported on first use. Clean text skips most fixers (their
  ``prefilter`` says no), and start-up matters for small pipes (``echo x | mojifix fix -``).
* ``prefilter``: a cheap screen ``(text, config) -> bool``, False only when the fixer
  certainly has nothing to do (the screens live in :mod:`mojifix.scoring.screen`); None: always run.
* ``applies_to``: the file kinds (:data:`mojifix.config.KINDS`) it may run on at all. On the
  others it does not run, and a ``file-kind`` finding says what it would have changed.
* ``needs_findings``: it is also given the findings of the fixers before it (keyword
  ``findings``): ``restore`` decides on that evidence.
* ``shortcut``: the name of a function ``(text, config) -> (text, findings) | None`` in the same
  module, used when the caller wants only the text (``locate=False``: ``fix_text``, streaming).
  It gives the very text and findings the fixer would, without building one edit per change,
  or None to decline (then the fixer runs); ``tests/test_fastpath.py`` checks both roads agree.
  Its findings may come as a :data:`~mojifix.model.Later` (made when read): ``fix_text``
  never reads them unless a ``needs_findings`` fixer runs.
  Why the shortcuts (entities, c1-quotes, chains, mojibake, zero-width, glosses) are kept: on a document
  damaged one way, building an :class:`~mojifix.model.Edit` per change and applying them is
  most of the cost. ``fix_text`` MB/s with shortcuts / without (300k characters of each damage
  of ``bench/corpus.py``, best of 5): zero-width spam 16.4 / 2.1, gloss pages 5.8 / 3.2,
  entity spam 11.1 / 8.7, Latin-1 mojibake 2.9 / 2.1. On ``bench/throughput.py``'s sets the
  difference is small (clean 103 / 99, its mixed garbled set 2.7 / 2.6: in a document mixing
  every damage and script the shortcuts mostly decline), so it is one-kind documents, the
  common case of a damaged file, that they are kept for.
  The chains' shortcut skips difflib's alignment of lines whose ASCII a chain changes: UTF-8
  read as Shift_JIS or cp932, ``fix_text`` 0.31 -> 0.96 MB/s (``bench/throughput.py``'s set).

The order (:data:`FIXERS`), and why:

1. ``entities``   -- ``&Atilde;&copy;`` must become ``Ã©`` before the mojibake fixers see it.
   ``c1-quotes`` -- windows-1252 read as Latin-1 and nothing else (``don\x92t``), decided for the
   whole document at once, before the chain search weighs each such line (fixers/c1quotes.py).
2. ``chains``     -- legacy-page chains (several layers, or GBK/Big5 pages) decided per page.
3. ``mixed-words`` -- the mojibake words of a line that also holds clean text, which no line
   repair can undo whole (``Город: РњРѕСЃРєРІР°``: fixers/mixedwords.py). Before ``mojibake``: the
   document's wholly garbled lines are its evidence, and ftfy repairs some of a mixed line's
   words (the runs it calls bad), whose evidence was gone after it.
   ``mojibake``   -- decoding errors, while the bytes-level structure is intact.
   ``half-marks``  -- told only (no edit), where neither mojibake fixer told of anything: half
   a punctuation mark a CJK page left in an English page (``鈥``), or of a Latin-1 letter
   (``ﾃ``: fixers/halfmark.py).
4. ``zero-width`` -- invisible characters would hide glosses from the gloss matcher.
5. ``bare-entities`` -- ``#xff1a;`` (an entity whose ``&`` was stripped) in CJK context.
6. ``realign``    -- GBK byte misalignment left by a gloss converter, before the glosses are
   removed (a re-aligned run ends in a normal gloss, ``或者說(shuō)``).
7. ``glosses``    -- injected pinyin, checked in a dictionary.
8. ``restore``    -- opt-in (``restore_original``): Traditional -> Simplified and full-width
   punctuation, only when the findings so far show a converter ran.
9. ``normalize``  -- ftfy's optional normalising fixes, off by default.

A :class:`Registry` is immutable: ``insert_before``, ``insert_after``, ``disable`` and
``replace`` return a new one, so adding a fixer for one call changes nothing for the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from ..config import Config
from ..model import Edit, Finding, Later
from .filekind import KINDS
from .prefilters import SCREENS

FixerFunction = Callable[..., tuple[Sequence[Edit], list[Finding]]]
Shortcut = Callable[[str, Config], "tuple[str, list[Finding] | Later] | None"]
Prefilter = Callable[[str, Config], bool]

EVERY_KIND: frozenset[str] = frozenset(KINDS)


@cache
def _load(module: str, name: str) -> Any:
    # Keyed by names, not by record: records that differ only in their prefilter share it.
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class Fixer:
    """One fixer and what the pipeline needs to know about it (see the module docstring)."""

    name: str
    module: str  # absolute ("mojifix.fixers.entities"), imported on first use
    function: str
    prefilter: Prefilter | None = None
    applies_to: frozenset[str] = EVERY_KIND
    needs_findings: bool = False
    shortcut: str | None = None

    @property
    def fix(self) -> FixerFunction:
        """The fixer function (imported on first use)."""
        return _load(self.module, self.function)  # type: ignore[no-any-return]

    @property
    def text_only(self) -> Shortcut | None:
        """The ``shortcut`` function, or None when the fixer has none."""
        return None if self.shortcut is None else _load(self.module, self.shortcut)  # type: ignore[no-any-return]

    def may_apply(self, text: str, config: Config) -> bool:
        """False only when the prefilter says the fixer certainly has nothing to do."""
        return self.prefilter is None or self.prefilter(text, config)

    def __call__(self, text: str, config: Config, findings: tuple[Finding, ...] = ()) -> tuple[Sequence[Edit], list[Finding]]:
        """Run the fixer on ``text`` (``findings``: those before it, for ``needs_findings``)."""
        if self.needs_findings:
            return self.fix(text, config, findings=findings)
        return self.fix(text, config)


class Registry:
    """Fixers in the order they run (an immutable sequence of :class:`Fixer` records)."""

    __slots__ = ("_disabled", "_enabled", "_fixers")

    def __init__(self, fixers: tuple[Fixer, ...] | list[Fixer], disabled: frozenset[str] = frozenset()) -> None:
        names = [f.name for f in fixers]
        if len(set(names)) != len(names):
            raise ValueError(f"two fixers share a name: {names}")
        self._fixers = tuple(fixers)
        self._disabled = frozenset(disabled)
        self._enabled = tuple(f for f in self._fixers if f.name not in self._disabled)

    def __iter__(self) -> Iterator[Fixer]:
        """The enabled fixers, in order."""
        return iter(self._enabled)

    def __len__(self) -> int:
        return len(self._enabled)

    def __repr__(self) -> str:
        return f"Registry({', '.join(self.names())})"

    def names(self) -> list[str]:
        """The names of the enabled fixers, in order."""
        return [f.name for f in self]

    def get(self, name: str) -> Fixer:
        """The record of fixer ``name`` (KeyError when there is none)."""
        for f in self._fixers:
            if f.name == name:
                return f
        raise KeyError(f"no fixer named {name!r}; fixers: {', '.join(f.name for f in self._fixers)}")

    def _index(self, name: str) -> int:
        return self._fixers.index(self.get(name))

    def insert_before(self, name: str, fixer: Fixer) -> Registry:
        """A registry with ``fixer`` run just before fixer ``name``."""
        i = self._index(name)
        return Registry((*self._fixers[:i], fixer, *self._fixers[i:]), self._disabled)

    def insert_after(self, name: str, fixer: Fixer) -> Registry:
        """A registry with ``fixer`` run just after fixer ``name``."""
        i = self._index(name) + 1
        return Registry((*self._fixers[:i], fixer, *self._fixers[i:]), self._disabled)

    def disable(self, *names: str) -> Registry:
        """A registry where the fixers ``names`` do not run."""
        for name in names:
            self.get(name)
        return Registry(self._fixers, self._disabled | set(names))

    def replace(self, name: str, **fields: Any) -> Registry:
        """A registry where fixer ``name``'s record has ``fields`` changed."""
        i = self._index(name)
        return Registry((*self._fixers[:i], replace(self._fixers[i], **fields), *self._fixers[i + 1:]),
                        self._disabled)

    def upto(self, name: str) -> Registry:
        """The fixers up to and including ``name`` (streaming gathers evidence with them)."""
        return Registry(self._fixers[: self._index(name) + 1], self._disabled)


def _builtin(name: str, module: str, function: str, **fields: Any) -> Fixer:
    return Fixer(name, f"mojifix.fixers.{module}", function, prefilter=SCREENS.get(name), **fields)


# Entities and zero-width characters are content in source code and data files (a JSON value's
# ZWSP is what the program gets); glosses, bare entities and the GBK re-aligner only in code (a
# source file is no gloss converter's page: its ``?;`` is code; see the table in
# mojifix.engine.filekind).
_NOT_CODE = EVERY_KIND - {"code"}
_NOT_CODE_OR_DATA = _NOT_CODE - {"data"}

FIXERS = Registry((
    _builtin("entities", "entities", "fix_entities", applies_to=_NOT_CODE_OR_DATA, shortcut="text_only"),
    _builtin("c1-quotes", "c1quotes", "fix_c1_quotes", shortcut="text_only"),
    _builtin("chains", "chains", "fix_chains", shortcut="text_only"),
    _builtin("mixed-words", "mixedwords", "fix_mixed_words"),
    _builtin("mojibake", "mojibake", "fix_mojibake", shortcut="text_only"),
    _builtin("half-marks", "halfmark", "fix_half_marks", needs_findings=True),
    _builtin("zero-width", "zerowidth", "fix_zero_width", applies_to=_NOT_CODE_OR_DATA, shortcut="text_only"),
    _builtin("bare-entities", "bare_entities", "fix_bare_entities", applies_to=_NOT_CODE),
    _builtin("realign", "realign", "fix_realign", applies_to=_NOT_CODE),
    _builtin("glosses", "glosses", "fix_glosses", applies_to=_NOT_CODE, shortcut="text_only"),
    _builtin("restore", "restore", "fix_restore", needs_findings=True),
    _builtin("normalize", "normalize", "fix_normalize"),
))
