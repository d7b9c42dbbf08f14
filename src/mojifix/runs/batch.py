"""Running the repair over many files: one file's work and the parallel map (the summary and
the progress bar are :mod:`mojifix.runs.summary`).

Why a module of its own: the core repairs one text; a corpus adds its own questions (what to do
with a file that cannot be read, how to write without ever leaving a half-written file, how to
use every core) that have nothing to do with encodings.

* :func:`process` does one file and never raises: a file that cannot be read or written becomes
  an ``error`` outcome, a binary one a ``skipped`` outcome, and the run goes on. Bytes that
  look like text but that no encoding decodes (:class:`~mojifix.errors.UndecodableInputError`)
  are an ``error``, not a binary: ``check`` must not pass them.
* Writes go through :mod:`mojifix.files.fileio` (temp file in the same folder, fsync, ``os.replace``):
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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..api import Located, repair_bytes
from ..config import Config
from ..decoding.decode import low_confidence
from ..engine.filekind import kind_for
from ..errors import BinaryInputError, MojifixError, UndecodableInputError
from ..files.bounded import DEFAULT_MAX_SIZE, read_bounded
from ..files.discover import Entry
from ..files.fileio import AtomicFile, atomic_write
from ..files.heap import before_big_input
from ..kinds import UNRECOVERABLE, lost_in_decoding

if TYPE_CHECKING:
    from ..files.jsonl import JsonlResult
    from ..model import Change

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
    max_size: int = DEFAULT_MAX_SIZE  # bytes read whole at most (0: no limit), see bounded.py
    force: bool = False  # -i also writes files whose encoding was detected with low confidence


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
        """The report record (schema in :mod:`mojifix.output.report`)."""
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


def _read(path: str, max_size: int = DEFAULT_MAX_SIZE, sniff: bool = True) -> bytes:
    """Read a whole file or stdin within ``max_size`` (--max-size); a stream (a named FIFO,
    /dev/zero) whose first block is binary is refused at once when ``sniff`` (see
    :mod:`mojifix.files.bounded`). The bound comes with each call, from the job (it used to be a
    module-level list that process() overwrote: state shared by every job of the process).
    A seam: tests replace it to simulate an unreadable file."""
    return read_bounded(path, max_size, sniff)


def _os_error(exc: OSError, verb: str) -> str:
    """An ``OSError`` that reached :func:`process` unwrapped: reading the input (every write
    goes through :mod:`mojifix.files.fileio`, which says "cannot write")."""
    return f"cannot {verb}: {exc.strerror or exc} (check that the file exists and is readable)"


def _destination(entry: Entry, job: Job) -> str | None:
    if job.write == "in-place":
        return entry.path
    if job.write == "out-dir" and job.out_dir:
        return os.path.join(job.out_dir, entry.rel)
    return None


def _mode_of(path: str) -> int | None:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None


def process(entry: Entry, job: Job) -> Outcome:
    """Repair one file as ``job`` says. Never raises for a per-file problem."""
    if entry.skip:
        return Outcome(entry.path, ERROR if entry.failed else SKIPPED, reason=entry.skip)
    if entry.size < 0:
        return Outcome(entry.path, ERROR, reason="no such file (check the path)")
    try:
        if job.jsonl_field:
            return _process_jsonl(entry, job)
        return _process_text(entry, job)
    except UndecodableInputError as exc:  # text-like bytes no encoding reads: an error
        return Outcome(entry.path, ERROR, entry.size, reason=_reason(exc, entry))
    except BinaryInputError as exc:  # a stream refused on its first block, like a binary file
        return Outcome(entry.path, SKIPPED, entry.size, reason=f"binary: {exc.message}")
    except MojifixError as exc:
        return Outcome(entry.path, ERROR, entry.size, reason=_reason(exc, entry))
    except OSError as exc:
        return Outcome(entry.path, ERROR, entry.size, reason=_os_error(exc, "read"))
    except Exception as exc:  # a bug on one file must not end a run over thousands
        return Outcome(entry.path, ERROR, entry.size,
                       reason=f"internal error: {type(exc).__name__}: {exc} (please report it)")


def _reason(exc: MojifixError, entry: Entry) -> str:
    """The error's one line for the outcome of ``entry`` (whose path the message is printed
    after). A write to another file (the ``--out-dir`` copy) names that file: "cannot write"
    alone would leave the user looking at the input."""
    message = exc.message
    head = "cannot write: "
    if exc.path and exc.path != entry.path and message.startswith(head):
        message = f"cannot write {exc.path}: {message[len(head):]}"
    return message + (f" ({exc.remedy})" if exc.remedy else "")


def _kept_changes(changes: tuple[Change, ...], job: Job) -> list[dict[str, Any]]:
    if not job.keep_changes:
        return []
    if not job.first_changes_only:
        return [c.to_dict() for c in changes]
    from ..engine.pipeline import first_of_each_kind  # (one rule of "first": each chain its own)

    return [c.to_dict() for c in first_of_each_kind(list(changes))]


def _located(job: Job) -> Located:
    """Which changes the repair locates: only those the outcome keeps (:func:`_kept_changes`;
    a garbled file has a change per garbled letter, and building them all to keep none or the
    first few held several times the file: issue 20)."""
    if not job.keep_changes:
        return "none"
    return "first" if job.first_changes_only else "all"


def _process_text(entry: Entry, job: Job) -> Outcome:
    # Stat before reading: a write by another program after this point shows at commit time.
    seen = os.stat(entry.path) if job.write == "in-place" else None
    if seen is not None and not stat.S_ISREG(seen.st_mode):
        raise MojifixError("not a regular file, so it cannot be fixed in place",
                           "use -o FILE or a pipe")
    repair: Any = None if job.keep_text or entry.stream else _streamed(entry, job, seen)
    size = entry.size
    if repair is None:  # held whole
        data = _read(entry.path, job.max_size, job.config.encoding is None)
        size = len(data)
        before_big_input(size)
        held = [data]
        del data
        try:
            # Handed over, not kept here: repair_bytes frees the bytes once decoded (else a big
            # file is held twice, as bytes and as text, through the whole repair).
            repair = repair_bytes(held.pop(), kind_for(job.config, entry.path), changes=_located(job))
        except UndecodableInputError:
            raise  # an error, not a binary (process() reports it)
        except BinaryInputError as exc:
            return Outcome(entry.path, SKIPPED, size, reason=f"binary: {exc.message}")
    needs = repair.rewrites_bytes
    # Damage that cannot be undone (bytes lost before mojifix saw the text) is never "clean",
    # though nothing is rewritten for it.
    damaged = any(f.kind in UNRECOVERABLE for f in repair.findings)
    out = Outcome(
        entry.path,
        NEEDS_FIX if needs or damaged else CLEAN,
        size,
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
    # Written as UTF-8 in pieces (fileio.encoded_pieces), not one copy; None: streamed, written
    # (or called off) already.
    encoded = getattr(repair, "text", None)
    if job.write == "in-place":
        if needs and not job.force and low_confidence(repair.encoding, repair.confidence):
            # A guessed code page written back in place turns niña into niņa for good: the
            # file is reported (needs-fix, with the reason) and left as it is.
            out.reason = (f"not rewritten: {repair.encoding} detected with low confidence "
                          f"({repair.confidence:.0%}); pass --encoding NAME, or --force to write it")
            return out
        lost = lost_in_decoding(repair.findings)
        if needs and not job.force and lost:
            out.reason = f"not rewritten: {lost}; pass --force to write it"
            return out
        if needs:
            if encoded is not None:
                atomic_write(dest, encoded, expect=seen)
            out.status = FIXED
        return out
    # Synced once at the end of the run; written beneath the out-dir, never through a link.
    if encoded is not None:
        atomic_write(dest, encoded, _mode_of(entry.path), durable=False, beneath=job.out_dir)
    if needs:
        out.status = FIXED
    return out


def _streamed(entry: Entry, job: Job, seen: os.stat_result | None) -> Any:
    """A file with a very long line, by the long-line stream (:mod:`mojifix.files.longline`),
    written as the held road below writes it; None when not streamed (then held whole)."""
    from ..files.longline import stream_repair

    in_place = job.write == "in-place"  # -i leaves a clean file, and a guessed page, as it is
    keep = lambda r: not in_place or (r.rewrites_bytes and (job.force or not low_confidence(r.encoding, r.confidence)))  # noqa: E731
    return stream_repair(entry.path, kind_for(job.config, entry.path), _destination(entry, job), keep=keep,
                         changes="first" if job.first_changes_only else "all" if job.keep_changes else "none",
                         max_size=job.max_size, mode=None if in_place else _mode_of(entry.path),
                         durable=in_place, expect=seen, beneath=job.out_dir)


def _process_jsonl(entry: Entry, job: Job) -> Outcome:
    from ..files.jsonl import repair_jsonl

    assert job.jsonl_field
    dest = _destination(entry, job)
    writer: AtomicFile | None = None
    try:
        if dest is not None:
            if job.write == "out-dir":
                writer = AtomicFile(dest, _mode_of(entry.path), durable=False, beneath=job.out_dir)
            else:
                writer = AtomicFile(dest, expect=os.stat(entry.path))
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
        status = NEEDS_FIX if res.changed or res.not_decoded else CLEAN
        # In place, an unchanged corpus is not rewritten; a failed one (no record holds the
        # field) gets no copy in the out-dir either. Lines it could not decode leave it needing
        # a fix (--encoding NAME reads them).
        if writer is not None and not res.unfielded and (res.changed or job.write == "out-dir"):
            writer.commit()
            status = FIXED if res.changed else NEEDS_FIX if res.not_decoded else CLEAN
    finally:
        if writer is not None:
            writer.discard()
    return jsonl_outcome(entry.path, status, entry.size, job.jsonl_field, res, job.keep_text)


def jsonl_outcome(path: str, status: str, size: int, field_path: str, res: JsonlResult,
                  keep_text: bool) -> Outcome:
    """The :class:`Outcome` of one JSONL corpus (an error where no record holds the field)."""
    unfielded = res.unfielded  # (a misspelt --field)
    return Outcome(
        path,
        ERROR if unfielded else status,
        size,
        reason=res.unfielded_reason(field_path) if unfielded else "",
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
    # SIGTERM to the whole group (a cancelled CI job): the file in hand is left whole, its
    # temporary file removed, as in the parent (cli.interrupt; fork gives the parent's handler,
    # a spawned worker asks for it here).
    from .signals import end_on_termination

    end_on_termination()
    _die_with_parent()


def _die_with_parent() -> None:
    """End this worker when the run that started it ends, however it ends.

    A parent killed with SIGKILL runs no clean-up, and its workers would wait forever for work
    (each one holding memory and, under ``--in-place``, possibly a file half way). On Linux the
    kernel sends the worker SIGKILL when its parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere
    (and should ``prctl`` be unavailable) a daemon thread notices within a second that the worker
    was re-parented. A write in progress is atomic (temp file + rename), so killing the worker
    leaves each file whole, at worst with a ``.mojifix-*.tmp`` beside it.
    """
    import multiprocessing
    import signal
    import threading

    parent = multiprocessing.parent_process()
    parent_pid = parent.pid if parent is not None and parent.pid else os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="mojifix-parent-watch", daemon=True).start()


def _work(entry: Entry) -> Outcome:
    assert _JOB is not None
    return process(entry, _JOB)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run(entries: Sequence[Entry], job: Job, jobs: int) -> Iterator[Outcome]:
    """An iterator of one :class:`Outcome` per entry, in order. ``jobs`` > 1 uses worker
    processes, which exist when this returns (so a caller may start threads, such as a progress
    bar's, without forking them)."""
    work = list(entries)
    # Stdin and named FIFOs (`<(cmd)`, /dev/stdin) are read here: a worker has no stdin.
    if jobs <= 1 or len(work) < 2 or any(e.path == "-" or e.stream for e in work):
        return (process(e, job) for e in work)
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from ..api import repair_text

    # Load the lazily built tables (pypinyin's segmenter, ftfy's, the chain search's scans, the
    # legacy-encoding detector's) once, before forking, so the workers share them instead of
    # each building its own.
    repair_text("強(qiáng)調 cafÃ© &amp; a\u200bb 浣犲ソ 上?;鶎狱h #xff1a;", job.config)
    from ..decoding.decode import decode
    from ..errors import MojifixError

    try:
        decode("中文的文字".encode("gbk"))
    except MojifixError:
        pass

    # fork shares the already-imported repair modules with the workers (no re-import per
    # worker); with fork, the pool starts every worker at the first submit, which map() does.
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    jobs = min(jobs, len(work))
    # Small chunks: the last chunk of the run decides how long one worker idles while the
    # other finishes, and a file costs far more than the hand-off.
    chunk = max(1, min(8, len(work) // (jobs * 32)))
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(job,))
    try:
        results = pool.map(_work, work, chunksize=chunk)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    return _drain(pool, results)


def _drain(pool: Any, results: Iterator[Outcome]) -> Iterator[Outcome]:
    try:
        yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------------------------------------
# The summary
