"""The order of fixers, and turning their edits into a :class:`~mojifix.model.Repair`.

Each fixer is a function ``(text, config) -> (edits, findings)``: it looks at its input, says
what it believes happened, and proposes non-overlapping edits against that input. It must return
``([], [])`` cheaply when it has nothing to do. The pipeline applies the edits, then hands the
new text to the next fixer. Every edit is mapped back to the decoded original, so the reported
line and column point into the text the user has, whatever ran before.

The fixers, their order and why, and what each record says (prefilter, the file kinds it
applies to, whether it needs the findings before it, its text-only shortcut) are in
:mod:`mojifix.engine.registry`; :func:`run_fixers` walks a :class:`~mojifix.engine.registry.Registry`
(:data:`~mojifix.engine.registry.FIXERS` unless the caller passes its own, e.g. with a fixer added).

Before any fixer runs, the kind of file is decided once (:mod:`mojifix.engine.filekind`, from
``config.file_kind``, the ``path`` hint or the content): it turns some fixers off (no entity
decoding in source code or data) and hides protected spans (Markdown code) from others. When
that kept a fixer from a change, a ``file-kind`` finding (``fixed=False``) says so.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Sequence
from dataclasses import replace

from .. import memo
from ..config import Config
from ..kinds import UNRECOVERABLE
from ..memo import document
from ..model import Change, Edit, Edits, Finding, Later
from . import onechain
from .filekind import Policy, decide
from .registry import FIXERS, Fixer, Registry

__all__ = ["FIXERS", "Fixer", "OffsetMap", "Registry", "apply_edits", "run_fixers"]


class OffsetMap:
    """Maps a position in the current text back to the original, through every applied layer.

    Each layer is four arrays of machine integers (each edit's start and end in the new text
    and in the old): 32 bytes an edit, where a tuple of four ints in a list took about 200
    (issue 20: a 20 MB file of French read as cp1252 has 450,000 edits, and their map was
    60 MB of the peak). A layer is kept as the edits' own starts and ends (shared with a
    :class:`~mojifix.model.Edits`, not copied) and their replacements' lengths until a
    position is first mapped through it: the last fixer that edits a document is most often
    the last asked about (a garbled document's one repair), and its new starts and ends, 16
    bytes an edit more, were built at the peak for nothing (17 MB of ``check``'s on 20 MB of
    French read whole)."""

    def __init__(self) -> None:
        # Each layer: new_starts (sorted), new_ends, old_starts, old_ends; or, until it is
        # first read, (None, sizes, old_starts, old_ends) (sizes: each replacement's length).
        self._layers: list[tuple[array[int] | None, array[int], array[int], array[int]]] = []

    def push(self, edits: Sequence[Edit]) -> None:
        if isinstance(edits, Edits):
            old_starts, old_ends = edits.positions()
        else:
            old_starts, old_ends = array("q", (e.start for e in edits)), array("q", (e.end for e in edits))
        try:
            sizes = array("i", (len(e.replacement) for e in edits))
        except OverflowError:  # (a replacement of 2**31 characters or more)
            sizes = array("q", (len(e.replacement) for e in edits))
        self._layers.append((None, sizes, old_starts, old_ends))

    def _layer(self, k: int) -> tuple[array[int], array[int], array[int], array[int]]:
        """Layer ``k``, its new starts and ends built on its first read."""
        starts, sizes, old_starts, old_ends = self._layers[k]
        if starts is not None:
            return starts, sizes, old_starts, old_ends
        new_starts, new_ends = array("q"), array("q")
        shift = 0
        for start, end, size in zip(old_starts, old_ends, sizes, strict=True):
            new_starts.append(start + shift)
            new_ends.append(start + shift + size)
            shift += size - (end - start)
        self._layers[k] = (new_starts, new_ends, old_starts, old_ends)
        return new_starts, new_ends, old_starts, old_ends

    def to_original(self, pos: int) -> int:
        for k in range(len(self._layers) - 1, -1, -1):
            starts, new_ends, old_starts, old_ends = self._layer(k)
            i = bisect.bisect_right(starts, pos) - 1
            if i < 0:
                continue
            new_end = new_ends[i]
            pos = old_starts[i] if pos < new_end else pos - new_end + old_ends[i]
        return pos


_NEWLINE = re.compile("\n")


def _line_starts(text: str) -> Sequence[int]:
    """The offset each line of ``text`` starts at, found by C-speed searches (a Python test of
    every character took ~50 ms a megabyte of every garbled document). Held as machine
    integers, 8 bytes a line: a list of int objects took 36 (12 MB of ``check``'s peak on 20 MB
    of French read as cp1252, alive while the text was repaired: issue 20)."""
    starts = array("q", (0,))
    starts.extend(m.end() for m in _NEWLINE.finditer(text))
    return starts


def _located(f: Finding, offsets: OffsetMap, line_starts: Sequence[int]) -> Finding:
    """``f`` with its ``offset`` (in the text its fixer saw) mapped to the original, and the
    line and column there."""
    if f.offset is None:
        return f
    where = offsets.to_original(f.offset)
    line = bisect.bisect_right(line_starts, where)
    return replace(f, offset=where, line=line, column=where - line_starts[line - 1] + 1)


# Pieces joined at a time by apply_edits (see there).
_JOIN_EVERY = 4096


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply sorted, non-overlapping edits to ``text``.

    The pieces are joined a few thousand at a time: a list of every piece of a document with
    hundreds of thousands of edits held two string objects an edit (about 100 bytes each) on
    top of the text being built (issue 20). Each joined block is added to the text built so
    far with ``+=``, which CPython does in place (the string's only reference is this
    function's: it is resized, not copied): a list of the blocks, joined at the end, held the
    repaired document twice at its peak (the blocks and their join; 36 MB of ``check``'s on
    20 MB of French read as cp1252). The last block, the tail after the last edit with it, is
    added by the same ``+=`` as the others: Python 3.12 and 3.13 resize in place only at an
    addition they have run before and specialised, and a separate one after the loop, run
    once, copied the whole text built (twice the repaired document at the end of the first
    call: tracemalloc's peak of 36.8 MB against 18.6 on an 18 MB repair).
    """
    out = ""
    chunk: list[str] = []
    add = chunk.append
    pos = 0
    todo = iter(edits)
    while pos >= 0:
        for start, end, replacement, _kind, _note in todo:
            add(text[pos:start])
            add(replacement)
            pos = end
            if len(chunk) >= _JOIN_EVERY:
                break
        else:  # the edits are done: the tail, and the last block
            add(text[pos:])
            pos = -1
        out += "".join(chunk)
        chunk.clear()
    return out


def _check(edits: Sequence[Edit], name: str, length: int) -> Sequence[Edit]:
    # Fixers propose their edits in order, so the common case is one pass with no sort
    # (a spam page can carry tens of thousands of edits).
    prev = 0
    for e in edits:
        if e.start < prev or e.end < e.start:
            break
        prev = e.end
    else:
        if prev <= length:
            return edits
    edits = sorted(edits, key=lambda e: (e.start, e.end))
    prev = 0
    for e in edits:
        if e.start < prev or e.end < e.start or e.end > length:
            raise AssertionError(f"fixer {name} proposed overlapping or out-of-range edits")
        prev = e.end
    return edits


def _held_back(fixer: Fixer, text: str, seen: str | None, config: Config, policy: Policy) -> Finding | None:
    """The note saying ``policy`` kept ``fixer`` from changes it would make to ``text`` (it
    was off: ``seen`` None; or it saw ``seen``, the text with protected spans masked); None
    when it kept none. (It runs the fixer once more: only on files that are not plain text
    and hold what the fixer acts on, so the cost of the common case does not change.)"""
    would = len(fixer(text, config.replace(file_kind="text"))[0])
    did = 0 if seen is None else len(fixer(seen, config)[0])
    if would <= did:
        return None
    return Finding("file-kind", policy.note(fixer.name), count=would - did, evidence=(policy.kind,), fixed=False)


def _lossy_examples(fixer: Fixer, text: str, config: Config, policy: Policy,
                    found: list[Finding]) -> list[Finding]:
    """``found`` with its unrecoverable findings (:data:`~mojifix.kinds.UNRECOVERABLE`: lost
    bytes, ``锟斤拷``, runs of U+FFFD) made one ``file-kind`` note when only the document's code
    holds them: a FAQ that shows ``锟斤拷`` in inline code, a decoder's ``'��'`` in a fenced
    block, are examples, as mojibake there is (:meth:`Policy.examples`), and ``check``
    does not fail on them forever while ``fix`` has nothing to do (QA pass 24: mojifix's own
    README was flagged). Whether the prose shows the damage too is the fixer's own answer on
    the text with its code blanked (:meth:`Policy.prose`), asked only when some is found and
    the first place found lies in code: the document decides, as for mojibake."""
    lossy = [f for f in found if f.kind in UNRECOVERABLE]
    if not lossy or any(f.offset is not None and not policy.in_code(text, f.offset) for f in lossy):
        return found
    prose = policy.prose(text)
    if prose is text or any(f.kind in UNRECOVERABLE for f in fixer(prose, config)[1]):
        return found
    note = Finding("file-kind", policy.note("lossy"), count=sum(f.count for f in lossy),
                   evidence=(policy.kind,), fixed=False)
    return [f for f in found if f.kind not in UNRECOVERABLE] + [note]


def _tables(fixer: Fixer, text: str, config: Config, policy: Policy, findings: list[Finding],
            edits: Sequence[Edit], found: list[Finding], seen: str,
            ) -> tuple[Sequence[Edit], list[Finding], str, bool]:
    """A confined fixer's ``edits`` on source code less those in character tables: data, no
    evidence and never repaired (:mod:`mojifix.engine.chartables`). Returns the edits, findings
    and text seen, and whether the edits left are examples (:meth:`Policy.examples`, asked on
    the edits that are not data; with none, they are). When some are data and the others
    damage, the fixer runs again on ``text`` with the tables' characters masked (the length
    kept, so its edits apply to the real text), and a ``file-kind`` note counts the places
    left; if an edit of that run still reaches into a table, nothing of it is applied."""
    from .chartables import data_edits, data_masked, may_hold_tables
    from .filekind import MASK

    if not may_hold_tables(text):
        return edits, found, seen, policy.examples(text, edits)
    ordered, data = data_edits(text, edits)
    if not any(data):
        return edits, found, seen, policy.examples(text, edits)
    evidence = [e for e, flag in zip(ordered, data, strict=True) if not flag]
    if not evidence or policy.examples(text, evidence):
        return edits, found, seen, True
    masked = data_masked(text, ordered, data, MASK)
    again, found = fixer(masked, config, tuple(findings))
    note = Finding("file-kind", policy.note(fixer.name), count=sum(data), evidence=(policy.kind,), fixed=False)
    if any(MASK in masked[e.start:e.end] for e in again):
        return [], [replace(note, count=len(edits))], masked, False
    return again, [*found, note], masked, False


def run_fixers(
    text: str, config: Config, fixers: Registry = FIXERS, *, locate: bool = True,
    path: str | None = None, first_only: bool = False, findings: bool = True,
) -> tuple[str, list[Finding], list[Change]]:
    """Run every fixer of ``fixers`` in order; return the repaired text, findings and located
    changes (``locate=False`` skips locating changes, for callers that only want the text).
    ``path`` is a hint (the file name) for deciding the kind of file (see
    :mod:`mojifix.engine.filekind`).

    ``first_only``: of the located changes, only the first of each kind (the one that comes
    first in the list of all of them), for callers that show where each finding starts and
    no more (``mojifix check``'s text, GitHub and SARIF output). Why not build them all and
    keep the first: a garbled document has a change per accented letter, and their
    :class:`~mojifix.model.Change` objects were the biggest part of its peak (issue 20: 100 MB
    of a 20 MB French file read as cp1252).

    ``findings=False``: the caller drops the findings (``fix_text``). Those a shortcut gives
    as a :data:`~mojifix.model.Later` are then made only if a ``needs_findings`` fixer runs;
    the list returned may lack them.

    The answers the fixers and prefilters share while they work on this text live in a memo
    made for this call and dropped at its end (:mod:`mojifix.memo`): nothing of one call
    changes the path or the result of the next."""
    with document():
        return _run(text, config, fixers, locate, path, first_only, findings)


def _run(
    text: str, config: Config, fixers: Registry, locate: bool, path: str | None, first_only: bool,
    wanted: bool = True,
) -> tuple[str, list[Finding], list[Change]]:
    original = text
    line_starts: Sequence[int] | None = None
    offsets = OffsetMap()
    findings: list[Finding] = []
    later: list[Later] = []  # (wanted=False: shortcuts' findings nobody has read yet)
    changes: list[Change] = []
    firsts: dict[tuple[str, str], int] = {}  # first_only: _key -> original offset of its first change so far
    policy = Policy(*decide(config.file_kind, path, text, config.file_kinds, config.file_kind_from,
                            config.file_kinds_base))
    if policy.kind != "text" and config.file_kind != policy.kind:
        config = config.replace(file_kind=policy.kind)  # the fixers see the decided kind
    kept = memo.current()
    # The edits of the last fixer that changed the text, when it told mojibake (None: it told
    # none, or made no edits to compare): a later fixer's finding of the same chain is summed
    # into the earlier one when its places are apart from them (engine/onechain.py).
    wrote: Sequence[Edit] | None = None
    for fixer in fixers:
        # Only the current text stays alive between fixers (and the original, for locating):
        # the text the previous fixer saw and the memo's answers about it are let go (issue 20:
        # one line of tens of MB held five stale versions of itself by the last fixer).
        seen = None
        if kept is not None:
            kept.keep_only(text)
        name = fixer.name
        if not fixer.may_apply(text, config):  # fast path: see prefilters.py
            continue
        memo.note(f"fixer:{name}")
        if policy.kind not in fixer.applies_to:
            if (note := _held_back(fixer, text, None, config, policy)) is not None:
                findings.append(note)
            continue
        seen = policy.masked(name, text)
        if seen is not text and (note := _held_back(fixer, text, seen, config, policy)):
            findings.append(note)
        confined = policy.confines(name)
        if seen is text and not locate and not confined and (shortcut := fixer.text_only) is not None:
            done = shortcut(text, config)
            if done is not None:  # same text and findings, no edits to build and apply
                wrote = None  # (no edits: places not comparable)
                text, found = done
                if callable(found) and not wanted:
                    later.append(found)
                    continue
                findings.extend(_unplaced(found() if callable(found) else found))
                continue
        if fixer.needs_findings and later:  # it decides on them: made now
            findings.extend(f for made in later for f in _unplaced(made()))
            later.clear()
        # The masked text has the length of the real one: its edits apply to the real text.
        edits, found = fixer(seen, config, tuple(findings))
        if confined and policy.kind == "code" and edits:  # (character tables: data)
            edits, found, seen, examples = _tables(fixer, text, config, policy, findings, edits, found, seen)
        else:
            examples = confined and policy.examples(text, edits)
        if examples:
            findings.append(Finding("file-kind", policy.note(name), count=len(edits),
                                    evidence=(policy.kind,), fixed=False))
            continue
        if confined:
            found = _lossy_examples(fixer, text, config, policy, found)
        if any(f.offset is not None for f in found):
            if not locate:  # no places asked for: an offset into an intermediate text means nothing
                found = [replace(f, offset=None) for f in found]
            else:
                if line_starts is None:
                    line_starts = _line_starts(original)
                found = [_located(f, offsets, line_starts) for f in found]
        if not edits:
            findings.extend(found)
            continue
        edits = _check(edits, name, len(text))
        findings.extend(onechain.merge(findings, found, wrote, edits))
        wrote = edits if onechain.told(found) else None
        # The repaired text, when the fixer holds it whole (model.Edits.made: edits of the text
        # itself, not of a masked copy); else the edits are applied below.
        made = getattr(edits, "made", None) if seen is text else None
        if not locate:
            text = apply_edits(text, edits) if made is None else made
            continue
        if line_starts is None:
            line_starts = _line_starts(original)
        for e in _firsts(edits, offsets, firsts) if first_only else edits:
            where = offsets.to_original(e.start)
            line = bisect.bisect_right(line_starts, where)
            column = where - line_starts[line - 1] + 1
            changes.append(
                Change(e.kind, line, column, text[e.start:e.end], e.replacement, where, e.note)
            )
        offsets.push(edits)
        text = apply_edits(text, edits) if made is None else made
    changes.sort(key=lambda c: (c.offset, c.line, c.column))
    if first_only:
        changes = first_of_each_kind(changes)
    return text, findings, changes


def _unplaced(found: list[Finding]) -> list[Finding]:
    """``found`` without offsets (a shortcut's findings: an offset into an intermediate text
    means nothing to a caller that asked for no places)."""
    return [f if f.offset is None else replace(f, offset=None) for f in found]


def _key(kind: str, note: str | None) -> tuple[str, str]:
    """What "the first change of its kind" is counted by: the kind, and for mojibake the chain
    (its note, ``UTF-8 read as GBK``), so each chain of a document with two is located at its
    own first change: they were all shown at the document's first (a GBK line as the example of
    "windows-1251 read as windows-1252", a new user's QA). Other fixers' notes are per change
    (a gloss's ``強(qiáng)``): a key of theirs would keep every change, the memory this saves."""
    return (kind, note or "") if kind == "mojibake" else (kind, "")


def _firsts(edits: Sequence[Edit], offsets: OffsetMap, firsts: dict[tuple[str, str], int]) -> list[Edit]:
    """The edits of one fixer (sorted) that may be the first change of their kind (:func:`_key`)
    in the original: the first of each kind in ``edits`` (mapping to the original keeps the
    order, so no later one of its kind comes before it), unless an earlier fixer's change of
    that kind is at or before it (``firsts``: key -> the original offset of the first found so
    far; a tie goes to the change made first, as the stable sort of all the changes has it)."""
    out: list[Edit] = []
    seen: set[tuple[str, str]] = set()
    for e in edits:
        key = _key(e.kind, e.note)
        if key in seen:
            continue
        seen.add(key)
        where = offsets.to_original(e.start)
        if where < firsts.get(key, where + 1):
            firsts[key] = where
            out.append(e)
    return out


def first_of_each_kind(changes: list[Change]) -> list[Change]:
    """The first change of each kind (:func:`_key`) in ``changes`` (sorted), in their order."""
    seen: set[tuple[str, str]] = set()
    out = []
    for c in changes:
        key = _key(c.kind, c.note)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
