"""``mojifix detect``: what happened to each file, and why the decoder decided as it did.

Why a module of its own: detect walks folders like ``fix`` (:func:`mojifix.files.discover.discover`),
reads each file, and shows more than the other commands (the legacy detector's runner-up, the
evidence for the encoding, lost characters), in a table that must stay readable on an
80-column terminal; none of that belongs in ``cli.py``.

The JSON form is the shared envelope (:func:`mojifix.output.report.envelope`); each record is the
report record without its changes, plus ``changes`` (their number), ``would_change``,
``runner_up``, ``evidence``, ``lossy`` and, for a file that could not be read, ``error``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from ..config import Config
from ..decoding.detection import Detection
from ..errors import BinaryInputError, MojifixError, UndecodableInputError
from ..files.discover import Rules, discover
from ..runs.batch import CLEAN, ERROR, NEEDS_FIX, SKIPPED, Outcome
from ..runs.summary import Summary
from .report import display_path

# Findings that say characters were lost in the input (not recoverable, not repaired): the
# table's "lost" column, so a user sees at once which files cannot come back whole.
LOSSY_KINDS = ("mojibake-lossy", "mojibake-lost", "lost-characters", "lost-spaces", "undecodable-bytes")


def _runner_up(d: Detection) -> dict[str, Any] | None:
    if len(d.ranking) < 2:
        return None
    codec, cost = d.ranking[1]
    return {"encoding": codec, "cost": cost}


def _inspect(path: str, config: Config, max_size: int) -> tuple[Outcome, dict[str, Any]]:
    """One readable file: its outcome (for the summary) and its detect record. Raises
    :class:`MojifixError` (and ``OSError``) as reading and decoding do."""
    from ..api import repair_detected
    from ..decoding.detection import detect_bytes, from_decoded
    from ..files.bounded import read_input

    name = "<stdin>" if path == "-" else path
    # A file with a very long line: its reading and the stream's summed counts, not its text.
    repair: Any = None if path == "-" else _streamed(path, config, max_size)
    if repair is not None:
        decoded, size = from_decoded(repair.decoded, config.encoding is not None), os.path.getsize(path)
    else:
        data = read_input(path, max_size, config.encoding is None)
        size = len(data)
        try:
            # One road: the detection shown is the one repair_bytes repairs from.
            decoded = detect_bytes(data, encoding=config.encoding)
            del data  # not held through the repair (memory: issue 20)
            repair = repair_detected(decoded, config, path=None if path == "-" else path)
        except MojifixError as exc:
            raise (exc if exc.path else exc.with_path(name)) from None
    findings = [f.to_dict() for f in repair.findings]
    status = NEEDS_FIX if repair.rewrites_bytes else CLEAN
    outcome = Outcome(name, status, size, encoding=repair.encoding,
                      confidence=repair.confidence, bom=repair.bom, changed=repair.changed,
                      findings=findings)
    record = {
        "path": display_path(name, controls=False), "status": status,
        **{k: v for k, v in repair.to_dict().items() if k != "changes"},
        "needs_fix": repair.rewrites_bytes, "would_change": repair.rewrites_bytes,
        "changes": repair.change_count if hasattr(repair, "change_count") else len(repair.changes),
        "runner_up": _runner_up(decoded),
        "evidence": list(decoded.evidence),
        "lossy": sorted({f["kind"] for f in findings if f["kind"] in LOSSY_KINDS}),
    }
    return outcome, record


def _streamed(path: str, config: Config, max_size: int) -> Any:
    from ..engine.filekind import kind_for
    from ..files.longline import stream_repair

    try:
        return stream_repair(path, kind_for(config, path), max_size=max_size)
    except MojifixError as exc:
        raise (exc if exc.path else exc.with_path(path)) from None


def detect_files(paths: Iterable[str], rules: Rules, config: Config, max_size: int,
                 fail: Callable[[str], None]) -> tuple[list[dict[str, Any]], Summary]:
    """Every file under ``paths`` (files and folders, walked as ``fix`` walks them): their
    records and the run's summary. A file named on the command line that cannot be read is an
    error (``fail`` prints it, the others go on); one found in a folder that is binary is
    skipped, as ``fix`` and ``check`` skip it, but not one that no encoding decodes (an error
    wherever it is, as in ``fix`` and ``check``)."""
    named = set(paths)
    summary = Summary()
    rows: list[dict[str, Any]] = []
    for entry in discover(paths, rules):
        shown = display_path(entry.path, controls=False)
        if entry.skip and entry.failed:  # (a folder it could not list: an error, as in check)
            outcome, record = _error(entry.path, f"{shown}: {entry.skip}", fail)
        elif entry.skip:
            outcome = Outcome(entry.path, SKIPPED, reason=entry.skip)
            record = {"path": shown, "status": SKIPPED, "reason": entry.skip}
        else:
            try:
                outcome, record = _inspect(entry.path, config, max_size)
            except BinaryInputError as exc:
                err = exc if exc.path else exc.with_path(entry.path)
                if entry.path in named or isinstance(exc, UndecodableInputError):
                    outcome, record = _error(entry.path, err.format(), fail)
                else:
                    reason = f"binary: {exc.message}"
                    outcome = Outcome(entry.path, SKIPPED, entry.size, reason=reason)
                    record = {"path": shown, "status": SKIPPED, "reason": reason}
            except MojifixError as exc:
                err = exc if exc.path else exc.with_path("<stdin>" if entry.path == "-" else entry.path)
                outcome, record = _error(entry.path, err.format(), fail)
        summary.add(outcome)
        rows.append(record)
    return rows, summary.finish()


def _error(path: str, message: str, fail: Callable[[str], None]) -> tuple[Outcome, dict[str, Any]]:
    fail(message)
    name = "<stdin>" if path == "-" else path
    return (Outcome(name, ERROR, reason=message),
            {"path": display_path(name, controls=False), "status": ERROR,
             "error": display_path(message, controls=False)})


# --- the table ---------------------------------------------------------------------------------


def print_table(rows: list[dict[str, Any]]) -> None:
    """One row per file, five columns that fit 80 characters: the file, the encoding (with its
    confidence, the runner-up and the evidence under it), BOM, lossy, and the findings.

    Wrapping rules, so that the table stays readable on an 80-column terminal: rich wraps long
    cells inside their column and never draws the table wider than the terminal; the short
    columns hold short words (``utf-8``, ``yes``); a long path shows its folder on one line and
    the file's own name on the next, so that the name is cut only when it alone is wider than
    its column. (No ``min_width``: rich 15 then draws the table wider than the terminal and
    the terminal crops its right edge.)"""
    import os

    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    names = [display_path(r["path"]) for r in rows]
    table = Table(box=box.SQUARE, show_lines=True)
    for title in ("file", "encoding", "BOM", "lossy", "findings"):
        table.add_column(title, overflow="fold")
    for name, row in zip(names, rows, strict=True):
        folder, base = os.path.split(name)
        if folder and len(name) > 16:
            name = f"{folder}/\n{base}"
        path = escape(name)  # a name is neither markup nor control codes
        if "error" in row:
            table.add_row(path, "-", "-", "-", f"[red]error: {escape(display_path(row['error']))}[/red]")
            continue
        if row.get("status") == SKIPPED:
            table.add_row(path, "-", "-", "-", f"[dim]skipped: {escape(display_path(row['reason']))}[/dim]")
            continue
        enc = f"{row['encoding']} {row['confidence']:.0%}"
        if row["runner_up"]:
            second = row["runner_up"]
            enc += f"\n[dim]2nd: {escape(second['encoding'])} (cost {second['cost']:g})[/dim]"
        if row["evidence"]:
            enc += "\n[dim]" + escape("; ".join(row["evidence"])) + "[/dim]"
        findings = "\n".join(escape(f"{f['kind']}: {f['summary']}") for f in row["findings"])
        findings = findings or "[green]clean[/green]"
        if row["would_change"]:
            findings += f"\n[bold]fix would rewrite it[/bold] ({row['changes']} change{'s' * (row['changes'] != 1)})"
        table.add_row(path, enc, escape(row["bom"] or "-"), "yes" if row["lossy"] else "-", findings)
    Console().print(table)
