"""A file with a very long line, or a big file, streamed for every command (``fix -i``,
``--out-dir``, ``check``, ``detect``, ``fix -``), not only for ``fix FILE``: what the held
repair tells the caller, told by the stream.

Why a module of its own: held whole, one line of tens of MB is repaired in one piece and each
stage holds a few copies of it (a 38 MB line peaked near 400 MB under ``fix -i``, ``check`` and
``--out-dir``; issue 20's budget is 100 MB + 3x the file).
:func:`mojifix.files.stream.repair_stream` already writes the held repair's bytes for such a
file with bounded memory (``hold``: every decision made on the whole file,
``whole_or_refuse``: refused, nothing written, where cutting may change the result). A batch
command needs more than the bytes: the encoding, the findings (with the place of each), the
first change of each kind, whether the bytes would be rewritten, and a write it may still call
off (``fix -i`` leaves a clean file, or a guessed page, as it is). This module turns the
stream's result into that (:class:`StreamedRepair`, read like a :class:`mojifix.model.Repair`),
locates changes chunk by chunk in the whole text (:class:`_Places`), and commits the atomic
write only when the caller's ``keep`` says so: the original is never lost and never
half-written (:class:`mojifix.files.fileio.AtomicFile`).

What it does not stream (held whole, as before): a run that lists every change (a JSON report,
``check --output-format json``: ftfy explains a piece of a line otherwise than the whole line),
and a file where a chunk finds bytes lost for good (they decide ``check``'s exit code, and the
chain search finds them per line).

A big file (over ``stream.STREAM_THRESHOLD``, 64 MB, :func:`mojifix.files.streamable.is_big`) is
streamed as ``mojifix fix FILE`` streams it, whatever its lines: the decisions on its first
``HOLD_BYTES``, nothing refused (there is no held road to fall back on within the memory budget:
held whole, a 94 MB file peaked at 574 MB under ``check``, a 94 MB line at 700-790 MB under
``check``, ``detect``, ``fix -i``, ``--out-dir`` and ``fix -``, against issue 20's 100 MB + 3x
the file). So these commands say and write of a big file what ``fix FILE`` writes, with the
stream's documented exceptions (:mod:`mojifix.files.stream`); bytes lost for good are reported
as the chunks find them, their counts summed (``model.summed``). Held whole still: a run listing
every change (a JSON report, ``--report``, ``--diff``), ``explain``, ``check -`` and ``detect -``
(stdin), and a big file that declares a legacy encoding
(:func:`mojifix.files.streamable.declares_legacy`: streamed, it would keep the declaration, and
``fix -i`` would leave UTF-8 that says it is another encoding).
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ..config import Config
from ..kinds import UNRECOVERABLE
from ..model import Change, Finding, rewrites_bytes
from .stream import CutRefused


@dataclass(frozen=True)
class StreamedRepair:
    """What :func:`mojifix.api.repair_bytes` would say of the file, without its texts: the
    fields a batch outcome is made of (``changes``: as many as were asked for)."""

    encoding: str
    confidence: float
    bom: str | None
    changed: bool
    findings: tuple[Finding, ...]
    changes: tuple[Change, ...]
    notes: tuple[str, ...] = ()
    change_count: int = 0  # every change made, kept or not (``mojifix detect`` shows the number)
    decoded: Any = None  # the reading (decoding.decode.Decoded; its text: the last character)

    def to_dict(self) -> dict[str, Any]:
        """As :meth:`mojifix.model.Repair.to_dict` (``changes``: those kept)."""
        return {"encoding": self.encoding, "confidence": self.confidence, "bom": self.bom,
                "changed": self.changed, "findings": [f.to_dict() for f in self.findings],
                "changes": [c.to_dict() for c in self.changes], "notes": list(self.notes)}

    @property
    def rewrites_bytes(self) -> bool:
        """As :attr:`mojifix.model.Repair.rewrites_bytes`."""
        return rewrites_bytes(self.changed, self.bom, self.encoding, self.findings)


class _Places:
    """Turns the places a chunk's repair gives (its own offsets, lines and columns) into the
    whole text's, chunk after chunk, and keeps the changes asked for (``first``: the first of
    each kind, as ``check`` shows them; ``all``; ``none``)."""

    def __init__(self, keep: str, refuse_lost: bool = True) -> None:
        self.keep = keep
        self.refuse_lost = refuse_lost  # (a big file: no held road to refuse to)
        self.offset, self.line, self.column = 0, 1, 0  # where the next chunk starts (column: 0-based)
        self.changes: list[Change] = []
        self.kinds: set[str] = set()
        self.count = 0
        self.last = ""  # the text's last character (decode()'s evidence looks at it)

    def _moved(self, item: Any) -> Any:
        column = item.column + self.column if item.line == 1 else item.column
        return replace(item, offset=item.offset + self.offset, line=item.line + self.line - 1, column=column)

    def place(self, chunk: str, findings: list[Finding], changes: list[Change]) -> list[Finding]:
        if self.refuse_lost and any(f.kind in UNRECOVERABLE for f in findings):
            # Bytes lost for good make ``check`` exit 1 though nothing is rewritten, and the
            # chain search finds them per line: a chunk of a line may see them where the whole
            # line does not (or the reverse). Held whole, the answer is the held one.
            raise CutRefused()
        placed = [self._moved(f) if f.line is not None else f for f in findings]
        self.count += len(changes)
        self.last = chunk[-1:] or self.last
        if self.keep != "none":
            for c in changes:
                if c.kind not in self.kinds:
                    self.kinds.add(c.kind)
                    self.changes.append(self._moved(c))
        self.offset += len(chunk)
        newlines = chunk.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(chunk) - chunk.rfind("\n") - 1
        else:
            self.column += len(chunk)
        return placed


class _Later:
    """The writer, opened at its first write (or commit): a file the stream finds binary, or
    refuses, leaves nothing behind (no ``--out-dir`` folder made for it)."""

    def __init__(self, opener: Callable[[], Any]) -> None:
        self._opener: Callable[[], Any] = opener
        self._out: Any = None

    def _opened(self) -> Any:
        if self._out is None:
            self._out = self._opener()
        return self._out

    def write(self, data: bytes) -> None:
        self._opened().write(data)

    def commit(self) -> None:
        self._opened().commit()

    def discard(self) -> None:
        if self._out is not None:
            self._out.discard()


class _Nowhere:
    """The writer of a command that writes nothing (``check``)."""

    def write(self, data: bytes) -> None:
        pass

    def commit(self) -> None:
        pass

    def discard(self) -> None:
        pass


def stream_repair(
    path: str, config: Config, dest: str | None = None, *,
    keep: Callable[[StreamedRepair], bool] | None = None, changes: str = "none",
    max_size: int = 0, mode: int | None = None, durable: bool = True,
    expect: os.stat_result | None = None, beneath: str | None = None,
) -> StreamedRepair | None:
    """Repair the regular file ``path`` by the stream when it has a line over
    ``stream.LONG_LINE`` bytes (the long-line stream: the held repair's bytes, or refused) or
    is bigger than ``stream.STREAM_THRESHOLD`` (streamed as ``fix FILE`` streams it, at any
    size: see the module docstring); a file with a long line, only when it is at most
    ``max_size`` bytes (0: any size: it may be held whole after all), writing ``dest``
    (``None``: nothing) atomically; the write is committed only when ``keep(result)`` is true
    (``None``: always). None when the file is not streamed (no long line and not big, or the
    stream refused it: nothing written); the caller holds it whole. ``changes``: which changes
    to keep (see :class:`_Places`; ``all`` is not streamed). Raises what reading, decoding and
    writing raise (:class:`mojifix.errors.MojifixError`, ``OSError``)."""
    from . import stream, streamable

    if changes == "all":
        # Every change with its note, and every finding's evidence and confidence (a JSON
        # report): ftfy explains a piece of a line otherwise than the whole line ("in part of
        # a line"), and a finding's evidence lists a chunk's top examples; only the counts and
        # sentences are summed exactly (model.summed). Held whole, the report is the held one.
        return None
    big = streamable.is_big(path)
    if not (big or streamable.has_long_line(path)):
        return None
    if big and streamable.declares_legacy(path):
        return None  # (held whole, its declaration rewritten: see streamable.declares_legacy)
    if not big and max_size > 0 and os.path.getsize(path) > max_size:
        # (the long-line stream may refuse, and the held road then reads the file whole: a
        # file over the cap is refused there; a big file is never read whole, so the cap on
        # whole reads does not stop it, as it does not stop ``fix FILE``)
        return None
    from .fileio import open_output

    places = _Places(changes, refuse_lost=not big)
    with open(path, "rb") as src:
        out: Any = _Nowhere() if dest is None else _Later(
            lambda: open_output(dest, mode, durable, expect=expect, beneath=beneath))
        try:
            try:
                if big:  # (as fix FILE streams it: decisions on its first HOLD_BYTES)
                    result = stream.repair_stream(src, out, config, placer=places)
                else:
                    result = stream.repair_stream(src, out, config, hold=stream.STREAM_THRESHOLD,
                                                  whole_or_refuse=True, placer=places)
            except stream.CutRefused:
                return None
            repair = _repair_of(result, config, places)
            if keep is None or keep(repair):
                out.commit()
            return repair
        finally:
            out.discard()


def _repair_of(result: Any, config: Config, places: _Places) -> StreamedRepair:
    """The stream's result as the held repair reports it: the findings about the bytes first
    (the one home: ``api._reading_findings``), a kept BOM counted in the places as held."""
    from ..api import _reading_findings

    decoded = result.decoded
    changes = places.changes
    keep_bom = bool(decoded.bom) and config.keep_bom
    if keep_bom:  # as repair_detected: the BOM is part of the text, line 1 moves right by one
        changes = [replace(c, offset=c.offset + 1, column=c.column + (c.line == 1)) for c in changes]
    return StreamedRepair(
        decoded.encoding, decoded.confidence, None if keep_bom else decoded.bom, result.changed,
        tuple(_reading_findings(decoded, config)) + tuple(result.findings.values()), tuple(changes),
        ("byte-order mark kept (--keep-bom)",) if keep_bom else (), places.count,
        replace(decoded, text=places.last),
    )


def stream_held(data: bytes, output: str | None, config: Config) -> bool:
    """Stdin read whole (``fix -``, through click or the plain pipe), with a line over
    ``stream.LONG_LINE`` bytes: repaired by the long-line stream from the bytes, held once as
    bytes and not repaired in one piece (a 38 MB line: 155 MB, against 360 held whole), to
    ``output`` (None or ``-``: stdout). Over ``stream.STREAM_THRESHOLD`` bytes, whatever its
    lines: streamed from the bytes as ``fix FILE`` streams a big file (held whole, a 94 MB line
    peaked at 788 MB). False when not, or refused (nothing was written): the caller repairs it
    held whole."""
    from ..engine.filekind import kind_for
    from . import stream, streamable

    if len(data) > stream.STREAM_THRESHOLD:
        if streamable.declares_legacy_bytes(data):
            return False  # (held whole, its declaration rewritten: see streamable.declares_legacy)
        stream.fix_file("-", output, kind_for(config, "-"), data=data)
        return True
    if not streamable.held_has_long_line(data):
        return False
    try:
        stream.fix_file("-", output, kind_for(config, "-"), hold=stream.STREAM_THRESHOLD,
                        whole_or_refuse=True, data=data)
    except stream.CutRefused:
        return False
    return True
