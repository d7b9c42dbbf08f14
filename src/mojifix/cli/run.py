"""The work behind ``fix`` and ``check``: one file or stdin, one JSONL corpus, or a batch run
(discovery, the parallel map, diffs and errors as they come, the summary and the report).

Only moves files and options in and out of the core; nothing about encodings lives here.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from ..errors import MojifixError
from .common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    JSONL_GLOBS,
    _build_config,
    _engine_runner,
    _fail,
    _settings_folder,
    _shown,
    _usage,
)
from .outputerror import is_output_error


def _fix_one(path: str, output: str | None, show_diff: bool, report_path: str | None,
             report_kind: str | None, options: dict[str, Any], stdin_name: str | None = None) -> None:
    """One file or stdin, to stdout or -o: the original single-file behaviour. ``stdin_name``
    (``--stdin-filename``) stands for stdin's file name: in messages, and for its kind."""
    from ..api import repair_bytes
    from ..decoding.decode import low_confidence
    from ..files.bounded import read_input
    from ..files.fileio import write_output
    from ..files.guards import check_report
    from ..files.heap import before_big_input
    from ..kinds import lost_in_decoding

    # The file name: in messages and as the hint the kind of file is decided by (stdin's from
    # --stdin-filename, exactly as a file of that name; "-" says nothing, the content decides).
    name = (stdin_name or "-") if path == "-" else path
    try:
        check_report(report_path, [path], output)
        config = _build_config(options)
        if _should_stream(path, show_diff, report_path, options["max_size"]):
            from ..engine.filekind import kind_for
            from ..files.stream import fix_file

            fix_file(path, output, kind_for(config, path))
            return
        if path != "-" and not (show_diff or report_path) and _long_line_streamed(path, output, config):
            return
        seen = _stat_if_same(path, output)
        data = read_input(path, options["max_size"], sniff=config.encoding is None)
        before_big_input(len(data))
        if path == "-" and not (show_diff or report_path) and len(data) > 1024:
            from ..engine.filekind import kind_for
            from ..files.longline import stream_held

            if stream_held(data, output, kind_for(config, name)):  # a very long line: streamed from the bytes
                return
        size = len(data)
        held = [data]
        del data
        try:
            # Handed over, not kept here: repair_bytes frees the bytes once decoded (else a big
            # file is held twice, as bytes and as text, through the whole repair).
            # Only a report lists the changes: without one, none is located (the same text; a
            # garbled file has a change per garbled letter, several times its size held: issue 20).
            repair = repair_bytes(held.pop(), config, path=name, changes="all" if report_path else "none")
        except MojifixError as exc:
            raise exc.with_path("<stdin>" if name == "-" else name) from None
        out = repair.text  # written as UTF-8 in pieces (fileio.encoded_pieces), not one copy
        if seen is not None and not options.get("force") and repair.rewrites_bytes \
                and low_confidence(repair.encoding, repair.confidence):
            # -o naming the input is -i: a guessed code page is not written over the original
            click.echo(f"mojifix: {_shown(path)}: not rewritten: {repair.encoding} detected with low "
                       f"confidence ({repair.confidence:.0%}); pass --encoding NAME, or --force to "
                       "write it", err=True)
            sys.exit(EXIT_FINDINGS)
        lost = lost_in_decoding(repair.findings)
        if seen is not None and not options.get("force") and repair.rewrites_bytes and lost:
            click.echo(f"mojifix: {_shown(path)}: not rewritten: {lost}; pass --force to write it",
                       err=True)
            sys.exit(EXIT_FINDINGS)
        if lost and not options.get("quiet"):  # (written to stdout or -o: the input stays)
            click.echo(f"mojifix: {_shown(path)}: {lost.replace('would be written', 'written')}", err=True)
        if show_diff:
            # As bytes: file names and kept raw bytes that are not UTF-8 go out as they came in
            # (a strict UTF-8 stdout would raise on them).
            from ..output.report import unified_diff

            diff = _coloured(unified_diff(name, repair.original, repair.text))
            click.echo(diff.encode("utf-8", errors="surrogateescape"), nl=False)
            if not diff and repair.rewrites_bytes:
                _reencode_note(name, repair.encoding, repair.bom)
            if output:
                write_output(output, out, expect=seen)
        else:
            write_output(output, out, expect=seen)
        if report_path:  # the one envelope, as for a batch (report.envelope)
            _write_batch_report(report_path, report_kind, [_outcome_of(name, repair, size)])
    except MojifixError as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)


def _coloured(diff: str) -> str:
    """The diff with colours when stdout is a terminal (and NO_COLOR is unset)."""
    from ..output.terminal import colour_diff, use_colour

    return colour_diff(diff) if diff and use_colour(sys.stdout) else diff


def _reencode_note(name: str, encoding: str | None, bom: str | None) -> None:
    """What --diff cannot show: the text is unchanged, the bytes are not."""
    if encoding in (None, "utf-8", "ascii"):
        what = "byte-order mark removed (text unchanged; --keep-bom keeps it)"
    else:
        what = f"re-encoded from {encoding} to UTF-8 (text unchanged)"
    click.echo(f"mojifix: {name}: {what}", err=True)


def _stat_if_same(path: str, output: str | None) -> Any:
    """The input's stat when ``-o`` names the input itself (an in-place rewrite), else None."""
    import os

    if path == "-" or output in (None, "-"):
        return None
    try:
        return os.stat(path) if os.path.samefile(path, output) else None
    except OSError:
        return None


def _outcome_of(name: str, repair: Any, size: int) -> Any:
    from ..runs.batch import CLEAN, FIXED, Outcome

    return Outcome(
        name, FIXED if repair.rewrites_bytes else CLEAN, size, encoding=repair.encoding,
        confidence=repair.confidence, bom=repair.bom, changed=repair.changed,
        findings=[f.to_dict() for f in repair.findings],
        changes=[c.to_dict() for c in repair.changes], notes=list(repair.notes),
        before=repair.original, after=repair.text,
    )


def _fix_jsonl_one(path: str, output: str | None, show_diff: bool, report_path: str | None,
                   report_kind: str | None, options: dict[str, Any], stdin_name: str | None = None) -> None:
    """One JSONL corpus (or stdin, named ``stdin_name`` in messages), streamed to stdout or -o."""
    import os

    from ..files.fileio import open_output
    from ..files.guards import check_report
    from ..files.jsonl import repair_jsonl
    from ..runs.batch import jsonl_outcome

    config = _build_config(options)
    if path != "-" and not os.path.exists(path):  # a FIFO or device is read as a stream
        _usage(f"{path}: no such file (check the path)")
    try:
        check_report(report_path, [path], output)
    except MojifixError as exc:
        _usage(str(exc))
    size = 0 if path == "-" else os.path.getsize(path)
    field = options["jsonl_field"]
    keep_changes, keep_text = bool(report_path), show_diff or report_kind == "html"

    name = (stdin_name or "<stdin>") if path == "-" else path
    writer = None
    src = None
    try:
        writer = (open_output(output, expect=_stat_if_same(path, output))
                  if output and output != "-" else None)
        sink = writer.write if writer is not None else (None if show_diff else sys.stdout.buffer.write)
        src = sys.stdin.buffer if path == "-" else open(path, "rb")
        # (stdout cannot be taken back: held until a record has the field, see files/jsonl)
        res = repair_jsonl(src, field, config, sink, keep_changes=keep_changes,
                           keep_pairs=keep_text, hold=writer is None)
        if writer is not None and not res.unfielded:  # (a failed corpus leaves -o as it was)
            writer.commit()
    except MojifixError as exc:
        _usage(str(exc if exc.path else exc.with_path(name)))
    except OSError as exc:
        if is_output_error(exc):
            # stdout closed by its reader (``fix --jsonl FILE | head``: quietly, exit 1, not
            # "FILE: cannot read: Broken pipe", exit 2, QA 25) or full (QA 26): cli.outputerror
            raise
        _usage(f"{name}: cannot read: {exc.strerror or exc}")
    finally:
        if src is not None and src is not sys.stdin.buffer:
            src.close()
        if writer is not None:
            writer.discard()
    sys.stdout.flush()
    for number, reason in res.invalid:
        click.echo(f"mojifix: warning: {_shown(name)}:{number}: {reason}; line passed through unchanged", err=True)
    outcome = jsonl_outcome(name, "fixed" if res.changed else "clean", size, field, res, keep_text)
    if outcome.status == "error":  # (no record holds the field: a misspelt --field)
        _fail(f"{name}: {outcome.reason}")
        sys.exit(EXIT_ERROR)
    if show_diff:
        from ..output.report import outcome_diff

        click.echo(outcome_diff(outcome).encode("utf-8", "surrogateescape"), nl=False)
    if report_path:
        _write_batch_report(report_path, report_kind, [outcome])


def _write_batch_report(report_path: str, kind: str | None, outcomes: list[Any], summary: Any = None,
                        command: str = "fix", spool: Any = None) -> None:
    from ..files.fileio import atomic_write
    from ..output.report import batch_report
    from ..runs.summary import Summary

    if summary is None:
        summary = Summary()
        for o in outcomes:
            summary.add(o)
        summary.finish()
    text = batch_report(kind or "json", outcomes, summary, command=command, spool=spool)
    if report_path == "-":
        click.echo(text, err=True, nl=False)
        return
    try:
        atomic_write(report_path, text.encode("utf-8"))
    except MojifixError as exc:
        # (the repairs are written by now: only the report is missing, whatever the write said)
        _fail(str(exc).replace("nothing was changed; ", "") + " -- the report was not written")
        sys.exit(EXIT_ERROR)


def _run_batch(command: str, paths: tuple[str, ...], write: str, out_dir: str | None,
               show_diff: bool, report_path: str | None, report_kind: str | None,
               stdin_name: str | None, options: dict[str, Any], fmt: str = "text") -> list[Any]:
    """Discover, process in parallel, print diffs/errors as they come, summary and report."""
    import os

    from ..files import guards
    from ..files.discover import Rules, discover
    from ..output.report import outcome_diff
    from ..runs.batch import ERROR, NEEDS_FIX, SKIPPED, Job, default_jobs
    from ..runs.summary import progress_run

    config = _build_config(options)
    if stdin_name and "-" in paths:  # (then the only input) its kind as a file of that name's
        from ..engine.filekind import kind_for

        config = kind_for(config, stdin_name)
    prune: tuple[str, ...] = ()
    if out_dir:
        try:
            guards.check_out_dir(out_dir, paths)
        except MojifixError as exc:
            _usage(str(exc))
        prune = (out_dir,)
    include = tuple(options["include"])
    if options["jsonl"] and not include:
        include = JSONL_GLOBS  # a folder of corpora also holds READMEs and scripts
    rules = Rules(include, tuple(options["exclude"]), options["gitignore"],
                  options["follow_symlinks"], prune, named_streams=write != "in-place",
                  include_base=_settings_folder("include"), exclude_base=_settings_folder("exclude"))
    import time

    discovering = time.perf_counter()
    try:
        entries = guards.unique(list(discover(paths, rules)))
        guards.check_report(report_path, (e.path for e in entries if not e.skip))
    except MojifixError as exc:  # a bad --include/--exclude glob, a report naming an input
        _usage(str(exc))
    if out_dir:
        seen: dict[str, str] = {}
        for e in entries:
            if e.skip or e.size < 0:
                continue
            dest = os.path.normpath(os.path.join(out_dir, e.rel))
            if dest in seen:
                _usage(f"--out-dir: {e.path} and {seen[dest]} would both be written to {dest}; "
                       "run them separately")
            seen[dest] = e.path
    job = Job(config, write, out_dir, options["jsonl_field"] if options["jsonl"] else None,
              keep_changes=command == "check" or bool(report_path),
              # text, github and sarif locate the first change only; JSON lists them all
              first_changes_only=not report_path and fmt != "json",
              keep_text=show_diff or report_kind == "html", max_size=options["max_size"],
              force=options.get("force", False))
    jobs = options["jobs"] or default_jobs()
    runner = _engine_runner(options)
    quiet = options["quiet"]
    show = not quiet and sys.stderr.isatty()
    outcomes: list[Any] = []
    # HTML: each diff is rendered as it comes into a temporary file, texts dropped (bounded memory).
    spool = None
    if report_kind == "html":
        from ..output.htmldiff import DiffSpool

        spool = DiffSpool()

    def on_outcome(o: Any) -> None:
        if o.path == "-":
            o.path = stdin_name or "<stdin>"
        if o.status == ERROR:
            _fail(f"{o.path}: {o.reason}")
        elif o.reason and o.status == NEEDS_FIX:
            click.echo(f"mojifix: {_shown(o.path)}: {o.reason}", err=True)
        elif o.status == SKIPPED and options["verbose"]:
            click.echo(f"mojifix: skipped {_shown(o.path)}: {_shown(o.reason)}", err=True)
        for bad in (o.jsonl or {}).get("invalid_lines", ()):
            click.echo(f"mojifix: warning: {_shown(o.path)}:{bad['line']}: {bad['reason']}; "
                       "line passed through unchanged", err=True)
        if show_diff and o.needs_fix:
            diff = _coloured(outcome_diff(o))
            if diff:  # as bytes: a name's raw bytes go out as they are on disk
                click.echo(diff.encode("utf-8", "surrogateescape"), nl=False)
            elif o.encoding or o.bom:
                _reencode_note(_shown(o.path), o.encoding, o.bom)
        if spool is not None:
            spool.add(o)
        elif o.before is not None or o.pairs:
            o.before = o.after = None  # keep memory bounded on big corpora
            o.pairs = None
        outcomes.append(o)

    discovered = time.perf_counter() - discovering
    try:
        summary = progress_run(entries, job, jobs, show, on_outcome, runner)
    except MojifixError as exc:  # the engine itself failed (no cluster at --address, ...)
        _usage(str(exc))
    except KeyboardInterrupt:
        from .interrupt import interrupted

        interrupted()
    if write == "out-dir" and hasattr(os, "sync"):
        os.sync()  # the copies skipped their per-file fsync
    if command == "check" and not show_diff:
        from ..output.formats import render

        click.echo(render(fmt, outcomes, summary, notes=options["verbose"]), nl=False)
        sys.stdout.flush()
    summary.phases = {"discover": discovered, "repair": summary.seconds}
    if not quiet:
        from ..output.summarytable import print_summary

        print_summary(summary, "fixed" if write != "none" else "would be fixed")
    reporting = time.perf_counter()
    if report_path:
        _write_batch_report(report_path, report_kind, outcomes, summary, command=command,
                            spool=spool)
    if spool is not None:
        spool.close()
    if options["verbose"] and not quiet:  # the time per phase, as ruff's -v shows it
        summary.phases["report"] = time.perf_counter() - reporting
        click.echo("mojifix: timing: " + ", ".join(f"{k} {v:.2f}s" for k, v in summary.phases.items()),
                   err=True)
    return outcomes


def _long_line_streamed(path: str, output: str | None, config: Any) -> bool:
    """A file with a line over ``stream.LONG_LINE`` bytes is streamed with the whole file's
    decisions (the same bytes as held whole, a fraction of the memory: see
    ``streamable.has_long_line``); False when it is not, or when the stream refuses (the chain
    search gains in it: nothing was written), and the caller holds it whole."""
    import os

    from ..files.stream import STREAM_THRESHOLD, CutRefused, fix_file
    from ..files.streamable import has_long_line

    if output not in (None, "-") and os.path.exists(output) and not os.path.isfile(output):
        return False  # a FIFO or device -o: opened once only
    if not has_long_line(path):
        return False
    from ..engine.filekind import kind_for

    try:
        fix_file(path, output, kind_for(config, path), hold=STREAM_THRESHOLD, whole_or_refuse=True)
    except CutRefused:
        return False
    return True


def _should_stream(path: str, show_diff: bool, report_path: str | None, max_size: int = 0) -> bool:
    """Hook for big inputs: a file above ``stream.STREAM_THRESHOLD`` bytes (or above
    ``--max-size``, which bounds whole reads) is repaired in chunks with bounded memory (see
    mojifix.files.stream), unless a diff or a per-change report is asked for, which needs the whole
    text."""
    if path == "-" or show_diff or report_path:
        return False
    import os

    from ..files.stream import STREAM_THRESHOLD

    try:
        size = os.path.getsize(path)
        return size > STREAM_THRESHOLD or (max_size > 0 and size > max_size and os.path.isfile(path))
    except OSError:
        return False  # the normal path reports the error
