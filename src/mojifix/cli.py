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
    from .report import display_path  # names escaped: no forged lines, no terminal codes

    click.echo(f"mojifix: error: {display_path(message)}", err=True)


def _shown(path: str) -> str:
    from .report import display_path

    return display_path(path)


def _tolerant_stdout() -> None:
    """On a stdout that cannot encode everything (``PYTHONIOENCODING=ascii``, a Latin-1
    terminal), text output degrades to ``\\u`` escapes instead of a UnicodeEncodeError;
    repaired text itself is written as UTF-8 bytes and is not affected."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):
            pass


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
        click.option("--keep-bom", is_flag=True, help="Keep a byte-order mark: the output starts with the UTF-8 BOM (a UTF-16 file with a BOM becomes UTF-8 with the UTF-8 BOM). By default it is removed and reported."),
        click.option("--file-kind", type=click.Choice(["auto", "text", "markdown", "html", "code", "data"]), default="auto", show_default=True, help="What kind of file the input is; auto decides from the name and content. Entities and zero-width characters are left alone in code and data, and in Markdown code."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    from .configfile import config_option

    return config_option(f)


class _Size(click.ParamType):
    name = "size"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        from .bounded import parse_size

        try:
            return parse_size(str(value))
        except (ValueError, KeyError):
            self.fail(f"{value!r} is not a size such as 512K, 256M or 2G (0: no limit)", param, ctx)


def _max_size_option(f: Any) -> Any:
    """``--max-size``: the bound on whole-file reads (see :mod:`mojifix.bounded`)."""
    return click.option(
        "--max-size", "max_size", type=_Size(), default="256M", show_default=True, metavar="SIZE",
        help="Largest input read whole (K, M, G; 0: no limit). A bigger file, or a stream (stdin, "
             "a FIFO) that goes on past it, is an error (exit 2, nothing written; a batch goes on). "
             "`fix FILE` streams regular files over 64 MB instead. A stream whose first 64 KiB hold "
             "NUL bytes (/dev/zero) is refused as binary at once.",
    )(f)


def _build_config(options: dict[str, Any]) -> Config:
    keys = {
        "encoding", "fix_mojibake", "unescape_html", "remove_zero_width", "remove_glosses", "restore_original",
        "uncurl_quotes", "fix_character_width", "fix_latin_ligatures", "fix_line_breaks",
        "normalization", "keep_bom", "file_kind",
    }
    chosen = {k: v for k, v in options.items() if k in keys}
    if chosen.get("file_kind") == "auto":
        chosen["file_kind"] = None  # decided per file from its name and content
    try:
        return Config.build(None, **chosen)
    except MojifixError as exc:  # --encoding rot13: a usage error before any file is read
        _usage(str(exc))
        raise  # not reached: _usage exits


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="mojifix")
def main() -> None:
    """Repair garbled text: wrong encodings, mojibake, pinyin glosses, entities, zero-width.

    Clean text comes out byte-for-byte the same. Run `mojifix COMMAND --help` for details.
    """
    _tolerant_stdout()


def _walk_options(f: Any) -> Any:
    """How folders are walked (``fix``, ``check`` and ``detect``)."""
    opts = [
        click.option("--include", "include", multiple=True, metavar="GLOB", help="Only files matching this gitignore-style glob (repeatable), e.g. '*.txt'. Applies to what a folder walk finds."),
        click.option("--exclude", "exclude", multiple=True, metavar="GLOB", help="Leave out files and folders matching this gitignore-style glob (repeatable); also applies to files named on the command line."),
        click.option("--gitignore/--no-gitignore", "gitignore", default=True, show_default=True, help="Honour .gitignore files (and .git/info/exclude) when walking folders."),
        click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links met while walking folders (skipped by default)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _batch_options(f: Any) -> Any:
    """Options of the commands that walk many files (``fix`` and ``check``)."""
    opts = [
        _walk_options,
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
@click.option("--force", is_flag=True, help="With --in-place, also rewrite files whose legacy encoding was detected with low confidence (otherwise they are reported and left as they are; exit code 1).")
@_batch_options
@_max_size_option
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
    if any(o.status == "error" for o in outcomes):
        sys.exit(EXIT_ERROR)
    # -i left files as they are (encoding guessed with low confidence, damage it cannot undo).
    left = in_place and any(o.status == "needs-fix" for o in outcomes)
    sys.exit(EXIT_FINDINGS if left else EXIT_OK)


def _fix_one(path: str, output: str | None, show_diff: bool, report_path: str | None,
             report_kind: str | None, options: dict[str, Any]) -> None:
    """One file or stdin, to stdout or -o: the original single-file behaviour."""
    from .api import repair_bytes
    from .bounded import read_input
    from .fileio import write_output
    from .guards import check_report
    from .report import unified_diff

    name = "-" if path == "-" else path
    try:
        check_report(report_path, [path], output)
        config = _build_config(options)
        if _should_stream(path, show_diff, report_path, options["max_size"]):
            from .filekind import kind_for
            from .stream import fix_file

            fix_file(path, output, kind_for(config, path))
            return
        seen = _stat_if_same(path, output)
        data = read_input(path, options["max_size"], sniff=config.encoding is None)
        try:
            repair = repair_bytes(data, config, path=path)
        except MojifixError as exc:
            raise exc.with_path("<stdin>" if path == "-" else path) from None
        out = repair.text.encode("utf-8", errors="surrogateescape")
        if show_diff:
            # As bytes: file names and kept raw bytes that are not UTF-8 go out as they came in
            # (a strict UTF-8 stdout would raise on them).
            diff = _coloured(unified_diff(name, repair.original, repair.text))
            click.echo(diff.encode("utf-8", errors="surrogateescape"), nl=False)
            if not diff and repair.rewrites_bytes:
                _reencode_note(name, repair.encoding, repair.bom)
            if output:
                write_output(output, out, expect=seen)
        else:
            write_output(output, out, expect=seen)
        if report_path:  # the one envelope, as for a batch (report.envelope)
            _write_batch_report(report_path, report_kind, [_outcome_of(name, repair, len(data))])
    except MojifixError as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)


def _coloured(diff: str) -> str:
    """The diff with colours when stdout is a terminal (and NO_COLOR is unset)."""
    from .terminal import colour_diff, use_colour

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
    from .fileio import open_output
    from .guards import check_report
    from .jsonl import repair_jsonl

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

    name = "<stdin>" if path == "-" else path
    writer = None
    src = None
    try:
        writer = (open_output(output, expect=_stat_if_same(path, output))
                  if output and output != "-" else None)
        sink = writer.write if writer is not None else (None if show_diff else sys.stdout.buffer.write)
        src = sys.stdin.buffer if path == "-" else open(path, "rb")
        res = repair_jsonl(src, field, config, sink, keep_changes=keep_changes,
                           keep_pairs=keep_text)
        if writer is not None:
            writer.commit()
    except MojifixError as exc:
        _usage(str(exc if exc.path else exc.with_path(name)))
    except OSError as exc:
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
    if show_diff:
        from .report import outcome_diff

        click.echo(outcome_diff(outcome).encode("utf-8", "surrogateescape"), nl=False)
    if report_path:
        _write_batch_report(report_path, report_kind, [outcome])


def _write_batch_report(report_path: str, kind: str | None, outcomes: list[Any], summary: Any = None,
                        command: str = "fix", spool: Any = None) -> None:
    from .batch import Summary
    from .fileio import atomic_write
    from .report import batch_report

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
        _fail(str(exc))
        sys.exit(EXIT_ERROR)


def _run_batch(command: str, paths: tuple[str, ...], write: str, out_dir: str | None,
               show_diff: bool, report_path: str | None, report_kind: str | None,
               stdin_name: str | None, options: dict[str, Any], fmt: str = "text") -> list[Any]:
    """Discover, process in parallel, print diffs/errors as they come, summary and report."""
    import os

    from . import guards
    from .batch import ERROR, NEEDS_FIX, SKIPPED, Job, default_jobs, progress_run
    from .discover import Rules, discover
    from .report import outcome_diff

    config = _build_config(options)
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
                  options["follow_symlinks"], prune, named_streams=write != "in-place")
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
        from .htmldiff import DiffSpool

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
        _write_batch_report(report_path, report_kind, outcomes, summary, command=command,
                            spool=spool)
    if spool is not None:
        spool.close()
    return outcomes


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH... | -")
@click.option("--diff", "show_diff", is_flag=True, help="Print unified diffs of what fix would change (instead of the findings).")
@click.option("--output-format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default="text", show_default=True, help="How to print findings: text, one JSON object, GitHub workflow annotations, or SARIF 2.1.0.")
@click.option("--stdin-filename", metavar="NAME", help="The name to use in messages for input read from stdin ('-').")
@click.option("--report", "report_path", metavar="PATH", help="Also write a report: .json, .jsonl or .html.")
@_batch_options
@_max_size_option
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


def _should_stream(path: str, show_diff: bool, report_path: str | None, max_size: int = 0) -> bool:
    """Hook for big inputs: a file above ``stream.STREAM_THRESHOLD`` bytes (or above
    ``--max-size``, which bounds whole reads) is repaired in chunks with bounded memory (see
    mojifix.stream), unless a diff or a per-change report is asked for, which needs the whole
    text."""
    if path == "-" or show_diff or report_path:
        return False
    import os

    from .stream import STREAM_THRESHOLD

    try:
        size = os.path.getsize(path)
        return size > STREAM_THRESHOLD or (max_size > 0 and size > max_size and os.path.isfile(path))
    except OSError:
        return False  # the normal path reports the error


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH... | -")
@click.option("--output-format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="A table, or the JSON envelope shared with fix and check.")
@click.option("--json", "as_json", is_flag=True, help="Same as --output-format json.")
@_walk_options
@_max_size_option
@_config_options
def detect(paths: tuple[str, ...], fmt: str, as_json: bool, **options: Any) -> None:
    """Say what happened to each file (folders are walked as by fix): encoding, how sure and
    why, the runner-up, BOM, lost characters, findings. Changes nothing."""
    from .detecttable import detect_files, print_table
    from .discover import Rules

    config = _build_config(options)
    rules = Rules(tuple(options["include"]), tuple(options["exclude"]), options["gitignore"],
                  options["follow_symlinks"])
    try:
        rows, summary = detect_files(paths, rules, config, options["max_size"], _fail)
    except MojifixError as exc:  # a bad --include/--exclude glob
        _usage(str(exc))
    if as_json or fmt == "json":
        from .report import envelope

        click.echo(envelope("detect", summary.to_dict(), rows), nl=False)
    else:
        print_table(rows)
    sys.exit(EXIT_ERROR if summary.failed else EXIT_OK)


@main.command()
@click.argument("path", metavar="FILE | -")
@_config_options
def explain(path: str, **options: Any) -> None:
    """Show, step by step, how FILE would be repaired: how its bytes were read, what each fixer
    found and on what evidence, the first changes, and what `fix` would write. Changes nothing."""
    from .api import repair_bytes
    from .bounded import read_input
    from .explain import explain as explain_repair
    from .report import display_path

    name = "<stdin>" if path == "-" else display_path(path)
    try:
        config = _build_config(options)
        data = read_input(path, sniff=config.encoding is None)
        repair = repair_bytes(data, config)
    except MojifixError as exc:
        _usage(str(exc if exc.path else exc.with_path(name)))
    for line in explain_repair(name, len(data), repair):
        click.echo(line)


@main.command("config")
@click.argument("command", type=click.Choice(["fix", "check", "detect"]), default="fix")
@click.option("--config", "config_path", metavar="FILE", help="Read this file instead of the nearest pyproject.toml.")
def show_config(command: str, config_path: str | None) -> None:
    """Print the effective settings of COMMAND (default: fix) and where each comes from."""
    from .configfile import load, setting_lines

    cmd = main.commands[command]
    try:
        loaded = load(cmd, command, config_path)
    except MojifixError as exc:
        _usage(str(exc))
    for line in setting_lines(cmd, loaded):
        click.echo(line)


# `mojifix --help` (at most 24 lines) lists each command on one line, said in full: click would
# cut each docstring's first sentence with "...".
for _name, _short in {
    "check": "Check files and folders, change nothing (for CI and pre-commit).",
    "config": "Print the effective settings and where each one comes from.",
    "detect": "Say what happened to each file: encoding and why, findings.",
    "explain": "Show step by step how one file would be repaired.",
    "fix": "Repair files, folders (recursively) or stdin.",
}.items():
    main.commands[_name].short_help = _short

if __name__ == "__main__":  # pragma: no cover
    main()
