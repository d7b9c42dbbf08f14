"""The end-of-run summary of a batch: counts, the human lines, the progress bar's rate.

Split from :mod:`mojifix.runs.batch` (which does the files' work) because the summary is what the
reports and the CLI read, and it has no part in the work itself.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..files.discover import Entry
from .batch import ERROR, FIXED, NEEDS_FIX, SKIPPED, Job, Outcome, run


def rate_text(files: int, size: int, seconds: float, sep: str = " ") -> str:
    """``12 files/s, 3.4 MB/s``: files/s with one decimal under 10 a second (``0.4 files/s``,
    not ``0 files/s``), whole above."""
    return f"{files / seconds:.{(files < 10 * seconds):d}f} files/s{sep}{size / seconds / 1e6:.1f} MB/s"


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
    not_rewritten: int = 0  # of needs_fix: left alone by -i (encoding guessed, no --force)
    seconds: float = 0.0
    skip_reasons: Counter[str] = field(default_factory=Counter)
    finding_files: Counter[str] = field(default_factory=Counter)
    finding_counts: Counter[str] = field(default_factory=Counter)
    reencoded: int = 0  # of fixed/needs_fix: text unchanged, only the bytes rewritten
    # per (finding kind, chain as a person says it): [files, count, changed, lost]
    chains: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    phases: dict[str, float] = field(default_factory=dict)  # seconds per phase, for -v
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
            self.not_rewritten += o.reason.startswith("not rewritten")
        else:
            self.clean += 1
        # Re-encoded only: the text is the same, the bytes are rewritten (a legacy encoding, a
        # BOM, a declaration). Not a file held back for damage alone (lost bytes, 锟斤拷).
        self.reencoded += (not o.changed and o.needs_fix
                           and (o.encoding not in (None, "utf-8", "ascii") or bool(o.bom)))
        from ..model import describe_chain

        kinds: set[str] = set()  # each file counted once per kind and per row (two notes of
        rows: set[tuple[str, str]] = set()  # one file were "2 files": QA 26)
        for f in o.findings:
            if f["kind"] not in kinds:
                kinds.add(f["kind"])
                self.finding_files[f["kind"]] += 1
            self.finding_counts[f["kind"]] += f["count"]
            key = (f["kind"], describe_chain(f["kind"], f.get("chain") or ()))
            row = self.chains.setdefault(key, [0, 0, 0, 0])
            if key not in rows:
                rows.add(key)
                row[0] += 1
            row[1] += f["count"]
            row[2] += f.get("changed", 0)
            row[3] += f.get("lost", 0)

    def finish(self) -> Summary:
        self.seconds = time.perf_counter() - self.started
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "scanned": self.scanned,
            "clean": self.clean,
            "fixed": self.fixed,
            "needs_fix": self.needs_fix,
            "not_rewritten": self.not_rewritten,
            "skipped": self.skipped,
            "failed": self.failed,
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "skipped_by_reason": dict(sorted(self.skip_reasons.items())),
            "findings": {
                k: {"files": self.finding_files[k], "count": self.finding_counts[k]}
                for k in sorted(self.finding_files)
            },
            "reencoded_only": self.reencoded,
            # What happened, per finding kind and chain (the chain as a person says it, "" when
            # the kind has none): the same grouping as the text table and the HTML report.
            "chains": [
                {"kind": k, "chain": c, "files": r[0], "count": r[1], "changed": r[2], "lost": r[3]}
                for (k, c), r in sorted(self.chains.items())
            ],
        }

    def lines(self, verb_done: str = "fixed") -> list[str]:
        """Human summary, one fact a line."""
        rate = ""
        if self.seconds > 0:
            rate = f" in {self.seconds:.2f}s ({rate_text(self.scanned, self.bytes, self.seconds, ', ')})"
        parts = [f"{self.scanned} file{'s' * (self.scanned != 1)} scanned{rate}"]
        if self.fixed:
            parts.append(f"{self.fixed} {verb_done}")
        if self.needs_fix:
            parts.append(f"{self.needs_fix} need{'s' * (self.needs_fix == 1)} fixing")
            if self.not_rewritten:
                parts[-1] += (f" ({self.not_rewritten} not rewritten: encoding detected with low "
                              "confidence; --force writes them)")
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
    :func:`mojifix.runs.rayrun.run_batch`) with a rich progress bar on stderr (when ``show``) and a
    :class:`Summary`."""
    summary = Summary()
    outcomes = (runner or run)(entries, job, jobs)  # local workers are started by now
    if not show:
        for o in outcomes:
            summary.add(o)
            on_outcome(o)
        return summary.finish()
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    # Shown at once, before the first file is done (a big first file must not look like a
    # hang): files done of all, bytes done of all, MB/s and the time left, by bytes.
    total = sum(max(e.size, 0) for e in entries if not e.skip)
    files = len(entries)
    columns = (
        TextColumn("[bold]mojifix"),
        BarColumn(),
        TextColumn("{task.fields[done]}/{task.fields[files]} files"),
        DownloadColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("mojifix", total=total or None, done=0, files=files, rate="")
        for n, o in enumerate(outcomes, 1):
            summary.add(o)
            on_outcome(o)
            elapsed = max(1e-6, time.perf_counter() - summary.started)
            rate = rate_text(n, summary.bytes, elapsed)
            # (a file skipped as binary was read and is in the total: it advances the bar, or a
            # run over a tree of images ended at "12.7/28.7 MB"; one skipped before reading,
            # an excluded entry, is in neither: its outcome's size is 0)
            bar.update(task, advance=o.size, done=n, rate=rate)
    return summary.finish()
