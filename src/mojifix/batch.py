"""Running the repair over many files: one file's work, the parallel map, and the summary.

Why a module of its own: the core repairs one text; a corpus adds its own questions (what to do
with a file that cannot be read, how to write without ever leaving a half-written file, how to
use every core) that have nothing to do with encodings.

* :func:`process` does one file and never raises: a file that cannot be read or written becomes
  an ``error`` outcome, a binary one a ``skipped`` outcome, and the run goes on.
* Writes go through :mod:`mojifix.fileio` (temp file in the same folder, fsync, ``os.replace``):
  killing the run at any instant leaves each file either original or fully repaired. A file that
  needs no change is not written at all, so its mtime stays. ``--out-dir`` copies are new files
  (no original at stake), so they skip the per-file fsync and the run syncs once at the end.
* :func:`run` maps :func:`process` over the files in worker processes (``jobs`` > 1) or in this
  process (``jobs`` == 1), yielding outcomes in input order as they complete.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .api import repair_bytes
from .config import Config
from .discover import Entry
from .errors import BinaryInputError, MojifixError
from .fileio import AtomicFile, atomic_write
from .filekind import kind_for

if TYPE_CHECKING:
    from .jsonl import JsonlResult
    from .model import Change

CLEAN, FIXED, NEEDS_FIX, SKIPPED, ERROR = "clean", "fixed", "needs-fix", "skipped", "error"


@dataclass(frozen=True)
class Job:
    """What to do with each file. ``write`` is ``"none"`` (check / dry run), ``"in-place"`` or
    ``"out-dir"`` (then ``out_dir`` is set)."""

    config: Config
    write: str = "none"
    out_dir: str | None = None
    jsonl_field: str | None = None
    keep_changes: bool = False  # per-change records (JSON report, check output)
    first_changes_only: bool = False  # only the first change of each kind (enough for check)
    keep_text: bool = False  # original and repaired text of changed files (--diff, HTML)


@dataclass
class Outcome:
    """One file's result: plain, picklable data (it crosses process boundaries)."""

    path: str
    status: str
    size: int = 0
    reason: str = ""  # why skipped / the error message
    encoding: str | None = None
    confidence: float | None = None
    bom: str | None = None
    changed: bool = False  # the text changed (not just its encoding)
    findings: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    before: str | None = None
    after: str | None = None
    jsonl: dict[str, Any] | None = None  # records, changed_records, missing_field, invalid_lines
    pairs: list[tuple[int, str, str]] | None = None  # JSONL: (line, before, after)

    @property
    def needs_fix(self) -> bool:
        return self.status in (FIXED, NEEDS_FIX)

    def record(self) -> dict[str, Any]:
        """The report record (schema in :mod:`mojifix.report`)."""
        rec: dict[str, Any] = {
            "path": self.path,
            "status": self.status,
            "encoding": self.encoding,
            "confidence": self.confidence,
            "bom": self.bom,
            "changed": self.changed,
            "needs_fix": self.needs_fix,
            "findings": self.findings,
            "changes": self.changes,
            "notes": self.notes,
        }
        if self.reason:
            rec["reason"] = self.reason
        if self.jsonl is not None:
            rec["jsonl"] = self.jsonl
        return rec


def _read(path: str) -> bytes:
    """Read a whole file (a seam: tests replace it to simulate an unreadable file)."""
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        return fh.read()


def _os_error(exc: OSError, verb: str) -> str:
    return f"cannot {verb}: {exc.strerror or exc}"


def _destination(entry: Entry, job: Job) -> str | None:
    if job.write == "in-place":
        return entry.path
    if job.write == "out-dir" and job.out_dir:
        return os.path.join(job.out_dir, entry.rel)
    return None


_MADE: set[str] = set()


def _makedirs(folder: str) -> None:
    """``os.makedirs`` once per folder and process (a tree has far fewer folders than files)."""
    if folder not in _MADE:
        os.makedirs(folder or ".", exist_ok=True)
        _MADE.add(folder)


def _mode_of(path: str) -> int | None:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None


def process(entry: Entry, job: Job) -> Outcome:
    """Repair one file as ``job`` says. Never raises for a per-file problem."""
    if entry.skip:
        return Outcome(entry.path, SKIPPED, reason=entry.skip)
    if entry.size < 0:
        return Outcome(entry.path, ERROR, reason="no such file (check the path)")
    try:
        if job.jsonl_field:
            return _process_jsonl(entry, job)
        return _process_text(entry, job)
    except MojifixError as exc:
        return Outcome(entry.path, ERROR, entry.size, reason=exc.message + (f" ({exc.remedy})" if exc.remedy else ""))
    except OSError as exc:
        return Outcome(entry.path, ERROR, entry.size, reason=_os_error(exc, "read"))
    except Exception as exc:  # a bug on one file must not end a run over thousands
        return Outcome(entry.path, ERROR, entry.size,
                       reason=f"internal error: {type(exc).__name__}: {exc} (please report it)")


def _kept_changes(changes: tuple[Change, ...], job: Job) -> list[dict[str, Any]]:
    if not job.keep_changes:
        return []
    if not job.first_changes_only:
        return [c.to_dict() for c in changes]
    seen: set[str] = set()
    first = []
    for c in changes:
        if c.kind not in seen:
            seen.add(c.kind)
            first.append(c.to_dict())
    return first


def _process_text(entry: Entry, job: Job) -> Outcome:
    data = _read(entry.path)
    try:
        repair = repair_bytes(data, kind_for(job.config, entry.path))
    except BinaryInputError as exc:
        return Outcome(entry.path, SKIPPED, len(data), reason=f"binary: {exc.message}")
    needs = repair.rewrites_bytes
    out = Outcome(
        entry.path,
        NEEDS_FIX if needs else CLEAN,
        len(data),
        encoding=repair.encoding,
        confidence=repair.confidence,
        bom=repair.bom,
        changed=repair.changed,
        findings=[f.to_dict() for f in repair.findings],
        changes=_kept_changes(repair.changes, job),
        notes=list(repair.notes),
    )
    if needs and job.keep_text:
        out.before, out.after = repair.original, repair.text
    dest = _destination(entry, job)
    if dest is None:
        return out
    encoded = repair.text.encode("utf-8", errors="surrogateescape")
    if job.write == "in-place":
        if needs:
            atomic_write(dest, encoded)
            out.status = FIXED
        return out
    _makedirs(os.path.dirname(dest))
    atomic_write(dest, encoded, _mode_of(entry.path), durable=False)  # synced once at the end
    if needs:
        out.status = FIXED
    return out


def _process_jsonl(entry: Entry, job: Job) -> Outcome:
    from .jsonl import repair_jsonl

    assert job.jsonl_field
    dest = _destination(entry, job)
    writer: AtomicFile | None = None
    try:
        if dest is not None:
            if job.write == "out-dir":
                _makedirs(os.path.dirname(dest))
                writer = AtomicFile(dest, _mode_of(entry.path), durable=False)
            else:
                writer = AtomicFile(dest)
        src = sys.stdin.buffer if entry.path == "-" else open(entry.path, "rb")
        try:
            res = repair_jsonl(
                src, job.jsonl_field, job.config,
                writer.write if writer is not None else None,
                keep_changes=job.keep_changes, keep_pairs=job.keep_text,
            )
        finally:
            if src is not sys.stdin.buffer:
                src.close()
        status = NEEDS_FIX if res.changed else CLEAN
        if writer is not None and (res.changed or job.write == "out-dir"):
            writer.commit()  # in place, an unchanged corpus is not rewritten
            status = FIXED if res.changed else CLEAN
    finally:
        if writer is not None:
            writer.discard()
    return jsonl_outcome(entry.path, status, entry.size, job.jsonl_field, res, job.keep_text)


def jsonl_outcome(path: str, status: str, size: int, field_path: str, res: JsonlResult,
                  keep_text: bool) -> Outcome:
    """The :class:`Outcome` of one JSONL corpus."""
    return Outcome(
        path,
        status,
        size,
        encoding="utf-8",
        confidence=1.0,
        changed=res.changed,
        findings=[f.to_dict() for f in res.findings],
        changes=res.changes,
        jsonl={
            "field": field_path,
            "records": res.records,
            "changed_records": res.changed_records,
            "missing_field": res.missing_field,
            "invalid_lines": [{"line": n, "reason": r} for n, r in res.invalid],
        },
        pairs=res.pairs if keep_text and res.changed else None,
    )


# ---------------------------------------------------------------------------------------------
# The parallel map

_JOB: Job | None = None


def _init_worker(job: Job) -> None:
    global _JOB
    _JOB = job
    # The parent owns Ctrl-C: it stops handing out work and the pool winds down.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(entry: Entry) -> Outcome:
    assert _JOB is not None
    return process(entry, _JOB)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run(entries: Sequence[Entry], job: Job, jobs: int) -> Iterator[Outcome]:
    """Yield one :class:`Outcome` per entry, in order. ``jobs`` > 1 uses worker processes."""
    work = list(entries)
    _MADE.clear()  # folders may have been removed since an earlier run in this process
    if jobs <= 1 or len(work) < 2 or any(e.path == "-" for e in work):
        for e in work:
            yield process(e, job)
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from .api import repair_text

    # Load the lazily built tables (pypinyin's segmenter, ftfy's, the chain search's scans, the
    # legacy-encoding detector's) once, before forking, so the workers share them instead of
    # each building its own.
    repair_text("強(qiáng)調 cafÃ© &amp; a\u200bb 浣犲ソ 上?;鶎狱h #xff1a;", job.config)
    from .decode import decode
    from .errors import MojifixError

    try:
        decode("中文的文字".encode("gbk"))
    except MojifixError:
        pass

    # fork shares the already-imported repair modules with the workers (no re-import per
    # worker); the pool is started before any progress-bar thread exists.
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    jobs = min(jobs, len(work))
    # Small chunks: the last chunk of the run decides how long one worker idles while the
    # other finishes, and a file costs far more than the hand-off.
    chunk = max(1, min(8, len(work) // (jobs * 32)))
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(job,))
    try:
        yield from pool.map(_work, work, chunksize=chunk)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------------------------------------
# The summary


@dataclass
class Summary:
    """Counts for the end-of-run summary and the reports."""

    scanned: int = 0
    clean: int = 0
    fixed: int = 0  # written repaired (fix) ...
    needs_fix: int = 0  # ... or found needing a fix and not written (check, --diff)
    skipped: int = 0
    failed: int = 0
    bytes: int = 0
    seconds: float = 0.0
    skip_reasons: Counter[str] = field(default_factory=Counter)
    finding_files: Counter[str] = field(default_factory=Counter)
    finding_counts: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.perf_counter)

    def add(self, o: Outcome) -> None:
        if o.status == SKIPPED:
            self.skipped += 1
            self.skip_reasons[o.reason.split(":")[0].split(" (")[0]] += 1
            return
        self.scanned += 1
        self.bytes += o.size
        if o.status == ERROR:
            self.failed += 1
            return
        if o.status == FIXED:
            self.fixed += 1
        elif o.status == NEEDS_FIX:
            self.needs_fix += 1
        else:
            self.clean += 1
        for f in o.findings:
            self.finding_files[f["kind"]] += 1
            self.finding_counts[f["kind"]] += f["count"]

    def finish(self) -> Summary:
        self.seconds = time.perf_counter() - self.started
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "scanned": self.scanned,
            "clean": self.clean,
            "fixed": self.fixed,
            "needs_fix": self.needs_fix,
            "skipped": self.skipped,
            "failed": self.failed,
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "skipped_by_reason": dict(sorted(self.skip_reasons.items())),
            "findings": {
                k: {"files": self.finding_files[k], "count": self.finding_counts[k]}
                for k in sorted(self.finding_files)
            },
        }

    def lines(self, verb_done: str = "fixed") -> list[str]:
        """Human summary, one fact a line."""
        rate = ""
        if self.seconds > 0:
            rate = (
                f" in {self.seconds:.2f}s ({self.scanned / self.seconds:.0f} files/s, "
                f"{self.bytes / self.seconds / 1e6:.1f} MB/s)"
            )
        parts = [f"{self.scanned} file{'s' * (self.scanned != 1)} scanned{rate}"]
        if self.fixed:
            parts.append(f"{self.fixed} {verb_done}")
        if self.needs_fix:
            parts.append(f"{self.needs_fix} need{'s' * (self.needs_fix == 1)} fixing")
        parts.append(f"{self.clean} clean")
        if self.skipped:
            why = ", ".join(f"{n} {r}" for r, n in sorted(self.skip_reasons.items()))
            parts.append(f"{self.skipped} skipped ({why})")
        if self.failed:
            parts.append(f"{self.failed} failed")
        out = [", ".join(parts)]
        for kind in sorted(self.finding_files):
            out.append(
                f"  {kind}: {self.finding_files[kind]} file{'s' * (self.finding_files[kind] != 1)}"
                f", {self.finding_counts[kind]} in all"
            )
        return out


Runner = Callable[[Sequence[Entry], Job, int], Iterator[Outcome]]


def progress_run(
    entries: Sequence[Entry],
    job: Job,
    jobs: int,
    show: bool,
    on_outcome: Callable[[Outcome], None],
    runner: Runner | None = None,
) -> Summary:
    """:func:`run` (or another engine's ``runner`` with the same contract, such as
    :func:`mojifix.rayrun.run_batch`) with a rich progress bar on stderr (when ``show``) and a
    :class:`Summary`."""
    summary = Summary()
    outcomes = (runner or run)(entries, job, jobs)
    if not show:
        for o in outcomes:
            summary.add(o)
            on_outcome(o)
        return summary.finish()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # Start the workers before rich starts its refresh thread (fork and threads do not mix).
    first = next(outcomes, None)
    console = Console(stderr=True)
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("mojifix", total=len(entries), rate="")
        pending = [first] if first is not None else []
        for o in _chain(pending, outcomes):
            summary.add(o)
            on_outcome(o)
            elapsed = max(1e-6, time.perf_counter() - summary.started)
            rate = f"{summary.scanned / elapsed:.0f} files/s {summary.bytes / elapsed / 1e6:.1f} MB/s"
            bar.update(task, advance=1, rate=rate)
    return summary.finish()


def _chain(first: list[Outcome], rest: Iterator[Outcome]) -> Iterator[Outcome]:
    yield from first
    yield from rest
