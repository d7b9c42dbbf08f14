"""Plain data that flows through mojifix: edits, findings, changes and the repair result.

Everything here is immutable and serialisable (``to_dict``), so a report can be rendered from it
without re-running anything, and so worker processes can send it back to the parent.

Offsets: a fixer proposes :class:`Edit` objects against *its own* input text; the pipeline maps
them back to the decoded original and records them as :class:`Change` objects whose ``line`` and
``column`` (both 1-based, columns counted in code points) point into the text the user has.
"""

from __future__ import annotations

import codecs
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice, pairwise
from typing import Any, NamedTuple, overload

from .kinds import belongs as belongs  # the one rule; kinds live in mojifix.kinds


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement``; proposed by one fixer.

    A named tuple, not a frozen dataclass: spam pages give tens of thousands of edits (one per
    zero-width character or gloss) and a tuple is built about three times faster."""

    start: int
    end: int
    replacement: str
    kind: str
    note: str = ""


class Edits(Sequence[Edit]):
    """Many edits held column-wise, for a fixer that makes one per place on a whole document
    (the mojibake fixer: one per accented letter). A sequence of :class:`Edit`, built on
    demand: the positions sit in two arrays of machine integers (4 bytes each while they fit,
    else 8), each edit's kind and note in one more (an index into this list's few distinct
    pairs), and the replacement strings are each held once. 20 bytes an edit, where an
    :class:`Edit` with its two integers took about 140 (issue 20: a 20 MB file of French read
    as cp1252 has 450,000 edits; a list of the strings of every kind and note took 16 bytes
    an edit more).

    >>> es = Edits()
    >>> es.extend([Edit(5, 7, "é", "mojibake"), Edit(1, 3, "è", "mojibake")])
    >>> es.sort_by_start()
    >>> list(es) == [Edit(1, 3, "è", "mojibake"), Edit(5, 7, "é", "mojibake")], len(es), es[-1].start
    (True, 2, 5)

    ``made``: the text the edits make of the text they were proposed for, when the fixer holds
    it whole anyway (a whole-document reading, :mod:`mojifix.fixers.wholepage`); the pipeline
    then takes it instead of applying the edits: applying them built a second copy of the
    repaired document, joined from a third (issue 20: the peak of ``check`` on a document read
    whole). None (the default): the pipeline applies them. Set last, once every edit is in.
    """

    __slots__ = ("_blocks", "_ends", "_replacements", "_starts", "_strings", "_tag_of", "_tagged", "_tags", "made")

    def __init__(self) -> None:
        self._starts: array[int] = array("i")  # (widened to "q" by the first that does not fit)
        self._ends: array[int] = array("i")
        self._replacements: list[str] = []
        self._tags: array[int] = array("I")  # each edit's (kind, note): an index into _tagged
        self._tagged: list[tuple[str, str]] = []
        self._tag_of: dict[tuple[str, str], int] = {}
        self._strings: dict[str, str] = {}  # this list's distinct replacements, each held once
        self._blocks: array[int] = array("q")  # where each extend() began (a fixer's line)
        self.made: str | None = None

    def append(self, e: Edit) -> None:
        """Add ``e`` at the end."""
        try:
            self._ends.append(e.end)  # (first: an end that fits means its start fits too)
        except OverflowError:
            self._starts, self._ends = array("q", self._starts), array("q", self._ends)
            self._ends.append(e.end)
        self._starts.append(e.start)
        self._replacements.append(self._strings.setdefault(e.replacement, e.replacement))
        pair = (e.kind, e.note)
        tag = self._tag_of.setdefault(pair, len(self._tagged))
        if tag == len(self._tagged):
            self._tagged.append(pair)
        self._tags.append(tag)

    def extend(self, edits: Iterable[Edit]) -> None:
        """Add ``edits`` at the end, in order, as one block (a line's edits: see
        :meth:`sort_by_start`)."""
        self._blocks.append(len(self._starts))
        for e in edits:
            self.append(e)

    def positions(self) -> tuple[array[int], array[int]]:
        """The starts and the ends of the edits, in their order (the arrays themselves: read,
        never changed; the pipeline's offset map keeps them, engine/pipeline.OffsetMap)."""
        return self._starts, self._ends

    def sort_by_start(self) -> None:
        """Order the edits by start, keeping the order of edits that start at the same place
        (as ``list.sort(key=lambda e: e.start)`` does).

        By blocks when that gives the same order (each block sorted, and each block starting
        after the one before it ends): a fixer adds a line's edits at a time, and its lines
        come in two or three sorted runs. Sorting the blocks costs a row per line; sorting the
        edits a list of their indices and one of their starts, 70 bytes an edit at once."""
        starts = self._starts
        if _ordered(starts):
            return
        bounds = sorted({0, *self._blocks, len(starts)})
        blocks = sorted((starts[a], a, b) for a, b in pairwise(bounds) if a < b)
        joined = array(starts.typecode)
        for _, a, b in blocks:
            joined.extend(starts[a:b])
        order: Iterable[int]
        if _ordered(joined) and all(starts[b - 1] < starts[c] for (_, _, b), (_, c, _) in pairwise(blocks)):
            order = [range(a, b) for _, a, b in blocks]
        else:  # blocks that overlap: edit by edit
            order = [sorted(range(len(starts)), key=starts.__getitem__)]  # type: ignore[list-item]
        del joined
        self._blocks = array("q")
        for name in ("_starts", "_ends", "_tags"):
            held = getattr(self, name)
            get = held.__getitem__
            setattr(self, name, array(held.typecode, (get(i) for r in order for i in r)))
        get = self._replacements.__getitem__
        self._replacements = [get(i) for r in order for i in r]

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> Edit: ...

    @overload
    def __getitem__(self, i: slice) -> list[Edit]: ...

    def __getitem__(self, i: int | slice) -> Edit | list[Edit]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return Edit(self._starts[i], self._ends[i], self._replacements[i], *self._tagged[self._tags[i]])

    def __iter__(self) -> Iterator[Edit]:
        kinds, notes = [k for k, _ in self._tagged], [n for _, n in self._tagged]
        return map(Edit, self._starts, self._ends, self._replacements, map(kinds.__getitem__, self._tags),
                   map(notes.__getitem__, self._tags))


def _ordered(values: array[int]) -> bool:
    return all(a <= b for a, b in zip(values, islice(values, 1, None), strict=False))


@dataclass(frozen=True)
class Finding:
    """What mojifix believes happened to the text, with the evidence for it.

    ``kind`` is a stable machine name (``mojibake``, ``pinyin-glosses``, ``html-entities``,
    ``zero-width``, ``bom``, ``encoding``, ...). ``summary`` is the human sentence shown by
    ``mojifix detect``; ``chain`` is the estimated encode/decode chain where one applies, e.g.
    ``("utf-8", "windows-1252")`` for UTF-8 bytes decoded as windows-1252.

    ``changed`` and ``lost`` (mojibake findings; 0 for other kinds): characters the repair
    brought back, and characters the garbling destroyed (left as U+FFFD), so that a report can
    say what happened ("UTF-8 read as GBK: 720 characters lost") and not only how often.

    ``offset`` (set by a fixer: where in the text it was given the finding first applies) is
    turned by the pipeline into ``line`` and ``column`` in the original, 1-based, so that a
    finding no change belongs to (unrecoverable garbage, lost bytes left alone) is still shown
    where it is. None when the finding has no place (an encoding, a BOM) or was not located.
    """

    kind: str
    summary: str
    count: int = 1
    confidence: float = 1.0
    chain: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    fixed: bool = True
    changed: int = 0
    lost: int = 0
    offset: int | None = None
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("offset", "line", "column"):  # present only when the finding has a place
            if d[key] is None:
                del d[key]
        d["chain"] = list(self.chain)
        d["evidence"] = list(self.evidence)
        return d


# Encoding names as people write them.
_NAMES = {
    "utf-8": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE",
    "ascii": "ASCII", "gbk": "GBK", "gb2312": "GB2312", "gb18030": "GB18030", "big5": "Big5",
    "big5hkscs": "Big5-HKSCS", "shift_jis": "Shift_JIS", "cp932": "Shift_JIS (cp932)",
    "euc-jp": "EUC-JP", "euc-kr": "EUC-KR", "cp949": "EUC-KR (cp949)", "latin-1": "Latin-1",
    "iso-8859-1": "Latin-1", "koi8-r": "KOI8-R", "koi8-u": "KOI8-U", "mac-roman": "Mac Roman",
}


def encoding_name(enc: str) -> str:
    """An encoding's name as people write it (``gbk`` -> ``GBK``, ``cp1251`` -> ``windows-1251``)."""
    low = enc.lower()
    if low in _NAMES:
        return _NAMES[low]
    if re.fullmatch(r"cp12\d\d", low):
        return "windows-" + low[2:]
    return enc


def _is_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def describe_chain(kind: str, chain: Iterable[str]) -> str:
    """A finding's chain as a person would say it (``''`` when it has none).

    The one describer: the finding summaries (mojibake.py, chains.py), ``mojifix explain`` and
    the HTML report all name chains with it, so a chain reads the same everywhere.

    >>> describe_chain("mojibake", ["utf-8", "gbk"])
    'UTF-8 read as GBK'
    >>> describe_chain("mojibake", ["utf-8", "windows-1252", "windows-1252"])
    'UTF-8 read as windows-1252, 2 layers'
    >>> describe_chain("mojibake", ["utf-8", "latin-1", "windows-1252"])
    'UTF-8 read as Latin-1, then as windows-1252 (2 layers)'
    >>> describe_chain("encoding", ["gb2312"])
    'stored as GB2312'
    """
    steps = list(chain)
    if not steps:
        return ""
    if kind == "encoding" or len(steps) == 1:
        return f"stored as {encoding_name(steps[0])}"
    if not all(_is_codec(s) for s in steps):  # a recipe such as "gbk → byte-pair glossing"
        return " → ".join(steps)
    first, readers = steps[0], steps[1:]
    if len(set(readers)) == 1:
        text = f"{encoding_name(first)} read as {encoding_name(readers[0])}"
        return text + (f", {len(readers)} layers" if len(readers) > 1 else "")
    return (f"{encoding_name(first)} read as " + ", then as ".join(encoding_name(r) for r in readers)
            + f" ({len(readers)} layers)")


def mojibake_summary(chain: tuple[str, ...], places: int, changed: int, lost: int,
                     fallback: str = "", unit: str = "place") -> str:
    """A mojibake finding's sentence: the chain as a person says it, then what it did
    (``UTF-8 read as windows-1252: 4 places, 9 characters changed``)."""
    return (describe_chain("mojibake", chain) or fallback) + _counts(places, changed, lost, unit)


def _counts(places: int, changed: int, lost: int, unit: str) -> str:
    text = f": {places} {unit}{'s' * (places != 1)}, {changed} character{'s' * (changed != 1)} changed"
    return text + (f", {lost} lost (marked U+FFFD)" if lost else "")


def lost_summary(marked: int, left: int | None = None) -> str:
    """What a lossy finding says is lost (``fixers/lossy.unrecovered``): ``marked`` characters
    a repair left U+FFFD, and ``left`` on lines left as they are (None: no such line). One
    home: :func:`summed` says it again for a streamed file's chunks, which may tell it in either
    form."""
    if left is None:
        return f"{marked} character{'s' * (marked != 1)} could not be recovered (marked U+FFFD)"
    return (f"{marked + left} characters could not be recovered ({marked} marked U+FFFD, "
            f"{left} on lines left as they are)")


_LOST = re.compile(r"(\d+) characters? could not be recovered \((?:(\d+) marked U\+FFFD, (\d+) on lines "
                   r"left as they are|marked U\+FFFD)\)$")


def _lost_counts(m: re.Match[str]) -> tuple[int, int | None]:
    """(marked, left or None) of a :func:`lost_summary` sentence."""
    return (int(m.group(2)), int(m.group(3))) if m.group(2) else (int(m.group(1)), None)


# A count in a sentence: not part of a name (UTF-8, windows-1252, GB2312, U+2002) or a decimal.
_NUMBER = re.compile(r"(?<![\w+.\-])\d+(?![\w.%\-])")
_COUNTS = re.compile(r": \d+ (place|line)s?, \d+ characters? changed(, \d+ lost \(marked U\+FFFD\))?$")


def summed(old: Finding, new: Finding) -> Finding:
    """One finding for two of the same kind and chain (the chunks of a streamed file): counts
    added, and a :func:`mojibake_summary` sentence re-counted, so that it never states one
    chunk's numbers for the whole file."""
    count, changed, lost = old.count + new.count, old.changed + new.changed, old.lost + new.lost
    summary = new.summary
    m = _COUNTS.search(summary)
    lost_old, lost_new = _LOST.search(old.summary), _LOST.search(summary)
    if m is not None:
        summary = summary[:m.start()] + _counts(count, changed, lost, m.group(1))
    elif lost_old is not None and lost_new is not None:
        # What could not be recovered, told in either form by each chunk (lines left as they
        # are, or none): the forms' counts added, told again.
        (a, b), (c, d) = _lost_counts(lost_old), _lost_counts(lost_new)
        summary = summary[:lost_new.start()] + lost_summary(
            a + c, None if b is None and d is None else (b or 0) + (d or 0))
    elif _NUMBER.sub("#", old.summary) == _NUMBER.sub("#", summary):
        # Any other sentence of the same words: its counts added, place by place ("zero-width
        # characters, 4 removed" twice is "8 removed"; a chunk's numbers are never the file's).
        olds = iter(_NUMBER.findall(old.summary))
        summary = _NUMBER.sub(lambda n: str(int(n.group()) + int(next(olds))), summary)
    elif not _NUMBER.search(summary) or not _NUMBER.search(old.summary):
        # One chunk's sentence counts nothing ("none chosen back"): the other's counts are the
        # file's.
        summary = summary if _NUMBER.search(summary) else old.summary
    return Finding(new.kind, summary, count, new.confidence, new.chain, _summed_evidence(old.evidence, new.evidence),
                   new.fixed, changed, lost, old.offset, old.line, old.column)


_TALLY = re.compile(r"(.+) x(\d+)")


def _summed_evidence(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[str, ...]:
    """Evidence tallies (``"U+200B ZERO WIDTH SPACE x5"``) of two chunks, added: in name order
    when both list theirs so (every kind), else the most common first, as many as either
    listed (a chunk's top few: the file's top few where they stand out). Other evidence: the
    first chunk's, as before."""
    tallies = [_TALLY.fullmatch(e) for e in old + new]
    if not old or not new or not all(tallies):
        return old
    counts: dict[str, int] = {}
    for m in tallies:
        counts[m.group(1)] = counts.get(m.group(1), 0) + int(m.group(2))  # type: ignore[union-attr]
    if list(old) == sorted(old) and list(new) == sorted(new):
        names = sorted(counts)
    else:
        names = sorted(counts, key=lambda k: -counts[k])[:max(len(old), len(new))]
    return tuple(f"{k} x{counts[k]}" for k in names)


# A fixer's findings made only when read: a text-only shortcut (engine/registry.py) may give
# these instead of a list, so that ``fix_text``, which drops every finding, does not pay for
# counting them (issue 20: the count of places a whole garbled document changed was 40% of it).
Later = Callable[[], "list[Finding]"]


def rewrites_bytes(changed: bool, bom: str | None, encoding: str | None,
                   findings: Sequence[Finding]) -> bool:
    """The rule of :attr:`Repair.rewrites_bytes`, for it and the long-line stream's repair
    (:mod:`mojifix.files.longline`)."""
    return (changed or bool(bom) or encoding not in (None, "utf-8", "ascii")
            or any(f.kind == "encoding" for f in findings))


@dataclass(frozen=True)
class Change:
    """One change made to the text, located in the decoded original (1-based line/column)."""

    kind: str
    line: int
    column: int
    before: str
    after: str
    offset: int = 0
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Repair:
    """The result of :func:`mojifix.repair_text` / :func:`mojifix.repair_bytes`.

    ``original`` is the decoded input (after BOM removal), ``text`` the repaired text. For bytes
    input, ``encoding`` and ``confidence`` describe the detected source encoding; for text input
    they are ``None``.
    """

    text: str
    original: str
    findings: tuple[Finding, ...] = ()
    changes: tuple[Change, ...] = ()
    encoding: str | None = None
    confidence: float | None = None
    bom: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def changed(self) -> bool:
        """True when the repaired text differs from the decoded input."""
        return self.text != self.original

    @property
    def rewrites_bytes(self) -> bool:
        """True when writing the result as UTF-8 would change the input's bytes: the text
        changed, or the input was in another encoding (or held lines of one: a UTF-8 file with
        lines in a legacy page, which an ``encoding`` finding tells), or had a byte-order mark."""
        return rewrites_bytes(self.changed, self.bom, self.encoding, self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "encoding": self.encoding,
            "confidence": self.confidence,
            "bom": self.bom,
            "changed": self.changed,
            "findings": [f.to_dict() for f in self.findings],
            "changes": [c.to_dict() for c in self.changes],
            "notes": list(self.notes),
        }
