"""The ``mojifix`` command line: ``fix`` and ``detect``.

Only moves files and options in and out of the core; nothing about encodings lives here.
Exit codes follow ruff/black: 0 success, 2 usage or input error (one line on stderr naming the
file and the remedy, never a traceback).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from . import __version__
from .config import Config
from .errors import MojifixError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
JSONL_GLOBS = ("*.jsonl", "*.ndjson")


def _fail(message: str) -> None:
    click.echo(f"mojifix: error: {message}", err=True)


def _config_options(f: Any) -> Any:
    """Options shared by the commands that repair."""
    opts = [
        click.option("--encoding", metavar="NAME", help="Force the input byte encoding (e.g. gbk, big5, shift_jis, cp1251) instead of detecting it."),
        click.option("--mojibake/--no-mojibake", "fix_mojibake", default=True, show_default=True, help="Undo text decoded with the wrong codec."),
        click.option("--entities/--no-entities", "unescape_html", default=True, show_default=True, help="Decode HTML entities in plain text (never in text containing markup)."),
        click.option("--zero-width/--no-zero-width", "remove_zero_width", default=True, show_default=True, help="Remove injected zero-width characters."),
        click.option("--glosses/--no-glosses", "remove_glosses", default=True, show_default=True, help="Remove injected pinyin glosses."),
        click.option("--restore", "restore_original", is_flag=True, help="Where a pinyin-gloss converter is proven, undo it: Traditional back to Simplified, , ? ! : ; back to full width."),
        click.option("--uncurl-quotes", is_flag=True, help="Also straighten curly quotes (ftfy's normalising fix; off by default)."),
        click.option("--fix-width", "fix_character_width", is_flag=True, help="Also turn full-width Latin letters half-width (off by default)."),
        click.option("--fix-ligatures", "fix_latin_ligatures", is_flag=True, help="Also expand Latin ligatures such as ﬁ (off by default)."),
        click.option("--fix-line-breaks", is_flag=True, help="Also convert all line breaks to \\n (off by default)."),
        click.option("--normalization", type=click.Choice(["NFC", "NFD", "NFKC", "NFKD"]), default=None, help="Also apply this Unicode normal form (off by default)."),
        click.option("--file-kind", type=click.Choice(["auto", "text", "markdown", "html", "code", "data"]), default="auto", show_default=True, help="What kind of file the input is; auto decides from the name and content. Entities and zero-width characters are left alone in code and data, and in Markdown code."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _build_config(options: dict[str, Any]) -> Config:
    keys = {
        "encoding", "fix_mojibake", "unescape_html", "remove_zero_width", "remove_glosses", "restore_original",
        "uncurl_quotes", "fix_character_width", "fix_latin_ligatures", "fix_line_breaks",
        "normalization", "file_kind",
    }
    chosen = {k: v for k, v in options.items() if k in keys}
    if chosen.get("file_kind") == "auto":
        chosen["file_kind"] = None  # decided per file from its name and content
    return Config.build(None, **chosen)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="mojifix")
def main() -> None:
    """Repair garbled text: wrong encodings, mojibake, pinyin glosses, entities, zero-width.

    Clean text comes out byte-for-byte the same. Run `mojifix COMMAND --help` for details.
    """


def _batch_options(f: Any) -> Any:
    """Options of the commands that walk many files (``fix`` and ``check``)."""
    opts = [
        click.option("--include", "include", multiple=True, metavar="GLOB", help="Only files matching this gitignore-style glob (repeatable), e.g. '*.txt'. Applies to what a folder walk finds."),
        click.option("--exclude", "exclude", multiple=True, metavar="GLOB", help="Leave out files and folders matching this gitignore-style glob (repeatable); also applies to files named on the command line."),
        click.option("--gitignore/--no-gitignore", "gitignore", default=True, show_default=True, help="Honour .gitignore files (and .git/info/exclude) when walking folders."),
        click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links met while walking folders (skipped by default)."),
        click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N", help="Worker processes (default: all cores; 1 runs in this process)."),
        click.option("--jsonl", is_flag=True, help="Inputs are JSONL corpora: repair one string field in every record, leave everything else byte for byte."),
        click.option("--field", "jsonl_field", default=None, metavar="PATH", help="With --jsonl: the field to repair, a dotted path (meta.body, turns.0.text). Default: text."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary."),
        click.option("-v", "--verbose", is_flag=True, help="Also list each skipped file (binary, symlink, ...) on stderr."),
        click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True, help="Where the files are repaired: worker processes on this machine, or tasks on a Ray cluster (pip install 'mojifix[ray]')."),
        click.option("--address", "ray_address", metavar="ADDR", help="With --engine ray: the running cluster to use (host:port of its head, 'auto', or ray://host:10001). Without it, a local Ray cluster with -j CPUs is started for the run."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _usage(message: str) -> None:
    _fail(message)
    sys.exit(EXIT_ERROR)


def _check_jsonl(options: dict[str, Any]) -> None:
    if options["jsonl_field"] and not options["jsonl"]:
        _usage("--field names the field of a JSONL record; add --jsonl")
    options["jsonl_field"] = options["jsonl_field"] or "text"


def _engine_runner(options: dict[str, Any]) -> Any:
    """The batch runner for ``--engine``: ``None`` (the local process pool) or Ray's.

    Checked before any file is touched: a missing Ray is a usage error with the install command.
    """
    engine, address = options.get("engine", "local"), options.get("ray_address")
    if engine != "ray":
        if address:
            _usage("--address is for --engine ray")
        return None
    import functools

    from . import rayrun

    try:
        rayrun.import_ray()
    except MojifixError as exc:
        _usage(str(exc))
    # Called as runner(entries, job, jobs): -j N is the CPUs of the local cluster started for
    # the run; with --address, the running cluster's own CPUs are used.
    return functools.partial(rayrun.run_batch, address=address)


def _check_report_path(report_path: str | None) -> str | None:
    from .report import report_kind

    if report_path is None:
        return None
    kind = report_kind(report_path)
    if kind is None:
        _usage(f"--report {report_path}: unknown report type (name it .json, .jsonl or .html, or - for JSON on stderr)")
    return kind


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH... | -]")
@click.option("-o", "--output", metavar="OUT", help="Write the repaired text of a single input here (atomically) instead of stdout.")
@click.option("-i", "--in-place", is_flag=True, help="Rewrite the files in place (atomically; files needing no change are not touched).")
@click.option("--out-dir", metavar="DIR", help="Write repaired copies under DIR, mirroring the input tree; inputs are never touched.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the changes. Replaces the text on stdout; with -o, --in-place or --out-dir the files are written and the diff printed.")
@click.option("--report", "report_path", metavar="PATH", help="Write a report: .json, .jsonl (one record per file) or .html (a page for people); '-' prints JSON to stderr.")
@_batch_options
@_config_options
def fix(paths: tuple[str, ...], output: str | None, in_place: bool, out_dir: str | None,
        show_diff: bool, report_path: str | None, **options: Any) -> None:
    """Repair files, folders (recursively) or stdin.

    One FILE or stdin: the clean UTF-8 goes to stdout or -o OUT. Several files or a folder:
    pass --in-place or --out-dir DIR (or --diff to only show what would change).
    """
    import os

    paths = paths or ("-",)
    _check_jsonl(options)
    if in_place and out_dir:
        _usage("choose one of --in-place and --out-dir")
    if output and (in_place or out_dir):
        _usage("-o writes one output file; drop it when using --in-place or --out-dir")
    if "-" in paths and len(paths) > 1:
        _usage("'-' (stdin) cannot be combined with other paths")
    if "-" in paths and (in_place or out_dir):
        _usage("stdin cannot be fixed in place or into --out-dir; use -o OUT or a pipe")
    several = len(paths) > 1 or os.path.isdir(paths[0])
    if output and several:
        _usage("-o takes a single input file; for several files or a folder use --out-dir DIR or --in-place")
    report_kind = _check_report_path(report_path)
    if not several and not in_place and not out_dir:
        if options["jsonl"]:
            _fix_jsonl_one(paths[0], output, show_diff, report_path, report_kind, options)
        else:
            _fix_one(paths[0], output, show_diff, report_path, report_kind, options)
        return
    if several and len(paths) == 1 and not (in_place or out_dir or show_diff):
        _usage(f"{paths[0]}: is a directory; pass --in-place or --out-dir DIR to fix the files "
               "in it (or --diff to only show changes)")
    if several and not (in_place or out_dir or show_diff):
        _usage("several inputs need --in-place or --out-dir DIR (or --diff to only show changes; "
               "`mojifix check` only looks)")
    write = "in-place" if in_place else "out-dir" if out_dir else "none"
    outcomes = _run_batch("fix", paths, write, out_dir, show_diff, report_path, report_kind,
                          None, options)
    sys.exit(EXIT_ERROR if any(o.status == "error" for o in outcomes) else EXIT_OK)


def _fix_one(path: str, output: str | None, show_diff: bool, report_path: str | None,
             report_kind: str | None, options: dict[str, Any]) -> None:
    """One file or stdin, to stdout or -o: the original single-file behaviour."""
    from .api import repair_bytes
    from .fileio import read_input, write_output
    from .report import file_record, json_report, unified_diff

    name = "-" if path == "-" else path
    try:
        config = _build_config(options)
        if _should_stream(path, show_diff, report_path):
            from .filekind import kind_for
            from .stream import fix_file

            fix_file(path, output, kind_for(config, path))
            return
        data = read_input(path)
        try:
            repair = repair_bytes(data, config, path=path)
        except MojifixError as exc:
            raise exc.with_path("<stdin>" if path == "-" else path) from None
        out = repair.text.encode("utf-8", errors="surrogateescape")
        if show_diff:
            # As bytes: file names and kept raw bytes that are not UTF-8 go out as they came in
            # (a strict UTF-8 stdout would raise on them).
            diff = unified_diff(name, repair.original, repair.text)
            click.echo(diff.encode("utf-8", errors="surrogateescape"), nl=False)
            if output:
                write_output(output, out)
        else:
            write_output(output, out)
        if report_path:
            if report_kind == "json":
                doc = json_report([file_record(name, repair)])
                if report_path == "-":
                    click.echo(doc, err=True, nl=False)
                    return
                from .fileio import atomic_write

                atomic_write(report_path, doc.encode("utf-8"))
            else:
                _write_batch_report(report_path, report_kind, [_outcome_of(name, repair, len(data))])
    except MojifixError as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)


def _outcome_of(name: str, repair: Any, size: int) -> Any:
    from .batch import CLEAN, FIXED, Outcome

    return Outcome(
        name, FIXED if repair.rewrites_bytes else CLEAN, size, encoding=repair.encoding,
        confidence=repair.confidence, bom=repair.bom, changed=repair.changed,
        findings=[f.to_dict() for f in repair.findings],
        changes=[c.to_dict() for c in repair.changes], notes=list(repair.notes),
        before=repair.original, after=repair.text,
    )


def _fix_jsonl_one(path: str, output: str | None, show_diff: bool, report_path: str | None,
                   report_kind: str | None, options: dict[str, Any]) -> None:
    """One JSONL corpus (or stdin), streamed to stdout or -o."""
    import os

    from .batch import jsonl_outcome
    from .fileio import AtomicFile
    from .jsonl import repair_jsonl

    config = _build_config(options)
    if path != "-" and not os.path.isfile(path):
        _usage(f"{path}: no such file (check the path)")
    size = 0 if path == "-" else os.path.getsize(path)
    field = options["jsonl_field"]
    keep_changes, keep_text = bool(report_path), show_diff or report_kind == "html"

    name = "<stdin>" if path == "-" else path
    writer = None
    src = None
    try:
        writer = AtomicFile(output) if output and output != "-" else None
        sink = writer.write if writer is not None else (None if show_diff else sys.stdout.buffer.write)
        src = sys.stdin.buffer if path == "-" else open(path, "rb")
        res = repair_jsonl(src, field, config, sink, keep_changes=keep_changes,
                           keep_pairs=keep_text)
        if writer is not None:
            writer.commit()
    except MojifixError as exc:
        _usage(str(exc))
    except OSError as exc:
        _usage(f"{name}: cannot read: {exc.strerror or exc}")
    finally:
        if src is not None and src is not sys.stdin.buffer:
            src.close()
        if writer is not None:
            writer.discard()
    sys.stdout.flush()
    for number, reason in res.invalid:
        click.echo(f"mojifix: warning: {name}:{number}: {reason}; line passed through unchanged", err=True)
    outcome = jsonl_outcome(name, "fixed" if res.changed else "clean", size, field, res, keep_text)
    if show_diff:
        from .report import outcome_diff

        click.echo(outcome_diff(outcome), nl=False)
    if report_path:
        _write_batch_report(report_path, report_kind, [outcome])


def _write_batch_report(report_path: str, kind: str | None, outcomes: list[Any], summary: Any = None) -> None:
    from .batch import Summary
    from .fileio import atomic_write
    from .report import batch_report

    if summary is None:
        summary = Summary()
        for o in outcomes:
            summary.add(o)
        summary.finish()
    text = batch_report(kind or "json", outcomes, summary)
    if report_path == "-":
        click.echo(text, err=True, nl=False)
        return
    try:
        atomic_write(report_path, text.encode("utf-8"))
    except MojifixError as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)


def _run_batch(command: str, paths: tuple[str, ...], write: str, out_dir: str | None,
               show_diff: bool, report_path: str | None, report_kind: str | None,
               stdin_name: str | None, options: dict[str, Any], fmt: str = "text") -> list[Any]:
    """Discover, process in parallel, print diffs/errors as they come, summary and report."""
    import os

    from .batch import ERROR, SKIPPED, Job, default_jobs, progress_run
    from .discover import Rules, discover
    from .htmlreport import MAX_DIFF_FILES
    from .report import outcome_diff

    config = _build_config(options)
    prune: tuple[str, ...] = ()
    if out_dir:
        real_out = os.path.realpath(out_dir)
        for p in paths:
            if os.path.isdir(p) and os.path.realpath(p) == real_out:
                _usage(f"--out-dir {out_dir} is an input folder; use --in-place to rewrite it")
        prune = (out_dir,)
    include = tuple(options["include"])
    if options["jsonl"] and not include:
        include = JSONL_GLOBS  # a folder of corpora also holds READMEs and scripts
    rules = Rules(include, tuple(options["exclude"]), options["gitignore"],
                  options["follow_symlinks"], prune)
    entries = list(discover(paths, rules))
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
              first_changes_only=not report_path,  # check's formats locate the first only
              keep_text=show_diff or report_kind == "html")
    jobs = options["jobs"] or default_jobs()
    runner = _engine_runner(options)
    quiet = options["quiet"]
    show = not quiet and sys.stderr.isatty()
    outcomes: list[Any] = []
    kept_text = 0

    def on_outcome(o: Any) -> None:
        nonlocal kept_text
        if o.path == "-":
            o.path = stdin_name or "<stdin>"
        if o.status == ERROR:
            _fail(f"{o.path}: {o.reason}")
        elif o.status == SKIPPED and options["verbose"]:
            click.echo(f"mojifix: skipped {o.path}: {o.reason}", err=True)
        for bad in (o.jsonl or {}).get("invalid_lines", ()):
            click.echo(f"mojifix: warning: {o.path}:{bad['line']}: {bad['reason']}; "
                       "line passed through unchanged", err=True)
        if show_diff and o.needs_fix:
            diff = outcome_diff(o)
            if diff:
                click.echo(diff, nl=False)
            elif o.encoding:
                click.echo(f"mojifix: {o.path}: re-encoded from {o.encoding} to UTF-8 (text unchanged)", err=True)
        if o.before is not None or o.pairs:
            kept_text += 1
            if report_kind != "html" or kept_text > MAX_DIFF_FILES:
                o.before = o.after = None  # keep memory bounded on big corpora
                o.pairs = None
        outcomes.append(o)

    try:
        summary = progress_run(entries, job, jobs, show, on_outcome, runner)
    except MojifixError as exc:  # the engine itself failed (no cluster at --address, ...)
        _usage(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted; every file is either untouched or completely fixed")
        sys.exit(130)
    if write == "out-dir" and hasattr(os, "sync"):
        os.sync()  # the copies skipped their per-file fsync
    if command == "check" and not show_diff:
        from .formats import render

        click.echo(render(fmt, outcomes, summary), nl=False)
        sys.stdout.flush()
    if not quiet:
        verb = "fixed" if write != "none" else "would be fixed"
        for line in summary.lines(verb):
            click.echo(line, err=True)
    if report_path:
        _write_batch_report(report_path, report_kind, outcomes, summary)
    return outcomes


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH... | -")
@click.option("--diff", "show_diff", is_flag=True, help="Print unified diffs of what fix would change (instead of the findings).")
@click.option("--output-format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default="text", show_default=True, help="How to print findings: text, one JSON object, GitHub workflow annotations, or SARIF 2.1.0.")
@click.option("--stdin-filename", metavar="NAME", help="The name to use in messages for input read from stdin ('-').")
@click.option("--report", "report_path", metavar="PATH", help="Also write a report: .json, .jsonl or .html.")
@_batch_options
@_config_options
def check(paths: tuple[str, ...], show_diff: bool, fmt: str, stdin_filename: str | None,
          report_path: str | None, **options: Any) -> None:
    """Check files and folders without changing anything (for CI and pre-commit).

    Exit 0 when nothing needs fixing, 1 when something does, 2 on usage or I/O errors. A file
    that is clean text in a legacy encoding (or has a BOM) counts as needing a fix: `fix` would
    rewrite it as UTF-8.
    """
    _check_jsonl(options)
    if "-" in paths and len(paths) > 1:
        _usage("'-' (stdin) cannot be combined with other paths")
    if show_diff and fmt != "text":
        _usage("--diff prints diffs on stdout; it cannot be combined with --output-format " + fmt)
    report_kind = _check_report_path(report_path)
    try:
        outcomes = _run_batch("check", paths, "none", None, show_diff, report_path, report_kind,
                              stdin_filename, options, fmt)
    except Exception:  # a bug must not pass for "findings" (exit 1) in CI
        import traceback

        traceback.print_exc()
        _fail("internal error (please report it with the traceback above)")
        sys.exit(EXIT_ERROR)
    if any(o.status == "error" for o in outcomes):
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if any(o.needs_fix for o in outcomes) else EXIT_OK)


def _should_stream(path: str, show_diff: bool, report_path: str | None) -> bool:
    """Hook for big inputs: a file above ``stream.STREAM_THRESHOLD`` bytes is repaired in
    chunks with bounded memory (see mojifix.stream), unless a diff or a per-change report is
    asked for, which needs the whole text."""
    if path == "-" or show_diff or report_path:
        return False
    import os

    from .stream import STREAM_THRESHOLD

    try:
        return os.path.getsize(path) > STREAM_THRESHOLD
    except OSError:
        return False  # the normal path reports the error


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE... | -")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@_config_options
def detect(paths: tuple[str, ...], as_json: bool, **options: Any) -> None:
    """Say what happened to each FILE: encoding, findings with their chains, and whether
    fixing would change it. Changes nothing."""
    from .api import repair_bytes
    from .fileio import read_input
    from .report import display_path

    config = _build_config(options)
    rows: list[dict[str, Any]] = []
    errors = 0
    for path in paths:
        try:
            repair = repair_bytes(read_input(path), config, path=path)
        except MojifixError as exc:
            err = exc if exc.path else exc.with_path("<stdin>" if path == "-" else path)
            _fail(str(err))
            errors += 1
            rows.append({"path": display_path(path), "error": display_path(err.format())})
            continue
        record = repair.to_dict()
        record.pop("changes")
        rows.append({"path": display_path(path), **record, "would_change": repair.rewrites_bytes, "changes": len(repair.changes)})
    if as_json:
        import json

        click.echo(json.dumps({"mojifix": __version__, "files": rows}, ensure_ascii=False, indent=2))
    else:
        _print_table(rows)
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


def _print_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=True)
    table.add_column("file", overflow="fold")
    table.add_column("encoding")
    table.add_column("findings", overflow="fold")
    table.add_column("would change")
    for row in rows:
        if "error" in row:
            table.add_row(row["path"], "-", f"[red]error: {row['error']}[/red]", "-")
            continue
        enc = f"{row['encoding']} ({row['confidence']:.0%})"
        if row.get("bom"):
            enc += " + BOM"
        findings = "\n".join(
            f"{f['kind']}: {f['summary']}" + (f"  [dim]confidence {f['confidence']:.0%}[/dim]")
            for f in row["findings"]
        ) or "[green]clean[/green]"
        change = f"yes ({row['changes']} changes)" if row["would_change"] else "no"
        table.add_row(row["path"], enc, findings, change)
    Console(soft_wrap=False).print(table)


if __name__ == "__main__":  # pragma: no cover
    main()
