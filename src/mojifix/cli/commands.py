"""The ``mojifix`` command line: the commands ``fix``, ``check``, ``detect``, ``explain`` and
``config``, their arguments and exit codes. The options they share live in
:mod:`mojifix.cli.common`, the work of ``fix`` and ``check`` in :mod:`mojifix.cli.run`.

Only moves files and options in and out of the core; nothing about encodings lives here.
Exit codes follow ruff/black: 0 success, 2 usage or input error (one line on stderr naming the
file and the remedy, never a traceback).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from .. import __version__
from ..errors import MojifixError
from .common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    _batch_options,
    _build_config,
    _check_jsonl,
    _check_report_path,
    _config_options,
    _fail,
    _max_size_option,
    _settings_folder,
    _stdin_filename_option,
    _usage,
    _walk_options,
)
from .interrupt import interrupted
from .outputerror import is_output_error, output_failed
from .pipe import tolerant_stdout
from .run import _fix_jsonl_one, _fix_one, _run_batch


class _Group(click.Group):
    """The command group, except that Ctrl-C while the command line is read or a command runs
    exits 130 with one line (:mod:`mojifix.cli.interrupt`), not click's "Aborted!" and exit 1,
    which ``check`` uses for "needs fixing"."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _ended_cleanly():  # (``--help > /dev/full`` ends here)
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _ended_cleanly():
            return super().invoke(ctx)


@contextmanager
def _ended_cleanly() -> Iterator[None]:
    """Ctrl-C: exit 130 with one line; stdout full or closed: one line, no traceback
    (:mod:`mojifix.cli.outputerror`); any other error goes on."""
    try:
        yield
    except KeyboardInterrupt:
        interrupted()
    except OSError as exc:
        if is_output_error(exc):
            output_failed(exc)
        raise


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="mojifix")
def main() -> None:
    """Repair garbled text: wrong encodings, mojibake, pinyin glosses, entities, zero-width.

    Clean text comes out byte-for-byte the same. Run `mojifix COMMAND --help` for details.
    """
    tolerant_stdout()


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH... | -]")
@click.option("-o", "--output", metavar="OUT", help="Write the repaired text of a single input here (atomically) instead of stdout.")
@click.option("-i", "--in-place", is_flag=True, help="Rewrite the files in place (atomically; files needing no change are not touched).")
@click.option("--out-dir", metavar="DIR", help="Write the text files under DIR, repaired or as they are, mirroring the input tree; inputs are never touched. Skipped files (binary, too big, excluded) are not copied: the summary counts them.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the changes. Replaces the text on stdout; with -o, --in-place or --out-dir the files are written and the diff printed.")
@click.option("--report", "report_path", metavar="PATH", help="Write a report: .json, .jsonl (one record per file) or .html (a page for people); '-' prints JSON to stderr.")
@click.option("--force", is_flag=True, help="With --in-place (or -o naming the input), also rewrite files whose legacy encoding was detected with low confidence (otherwise they are reported and left as they are; exit code 1).")
@_stdin_filename_option
@_batch_options
@_max_size_option
@_config_options
def fix(paths: tuple[str, ...], output: str | None, in_place: bool, out_dir: str | None,
        show_diff: bool, report_path: str | None, stdin_filename: str | None,
        **options: Any) -> None:
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
            _fix_jsonl_one(paths[0], output, show_diff, report_path, report_kind, options,
                           stdin_filename)
        else:
            _fix_one(paths[0], output, show_diff, report_path, report_kind, options,
                     stdin_filename)
        return
    if several and len(paths) == 1 and not (in_place or out_dir or show_diff):
        _usage(f"{paths[0]}: is a directory; pass --in-place or --out-dir DIR to fix the files "
               "in it (or --diff to only show changes)")
    if several and not (in_place or out_dir or show_diff):
        _usage("several inputs need --in-place or --out-dir DIR (or --diff to only show changes; "
               "`mojifix check` only looks)")
    write = "in-place" if in_place else "out-dir" if out_dir else "none"
    outcomes = _run_batch("fix", paths, write, out_dir, show_diff, report_path, report_kind,
                          stdin_filename, options)
    if any(o.status == "error" for o in outcomes):
        sys.exit(EXIT_ERROR)
    # -i left files as they are (encoding guessed with low confidence, damage it cannot undo).
    left = in_place and any(o.status == "needs-fix" for o in outcomes)
    sys.exit(EXIT_FINDINGS if left else EXIT_OK)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH... | -")
@click.option("--diff", "show_diff", is_flag=True, help="Print unified diffs of what fix would change (instead of the findings).")
@click.option("--output-format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default="text", show_default=True, help="How to print findings: text, one JSON object, GitHub workflow annotations, or SARIF 2.1.0.")
@_stdin_filename_option
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
    except Exception as exc:  # a bug must not pass for "findings" (exit 1) in CI
        if is_output_error(exc):  # stdout full or closed (``check . --diff | head``): not a bug
            raise
        import traceback

        traceback.print_exc()
        _fail("internal error (please report it with the traceback above)")
        sys.exit(EXIT_ERROR)
    if any(o.status == "error" for o in outcomes):
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if any(o.needs_fix for o in outcomes) else EXIT_OK)


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
    from ..files.discover import Rules
    from ..output.detecttable import detect_files, print_table

    config = _build_config(options)
    rules = Rules(tuple(options["include"]), tuple(options["exclude"]), options["gitignore"],
                  options["follow_symlinks"], include_base=_settings_folder("include"),
                  exclude_base=_settings_folder("exclude"))
    try:
        rows, summary = detect_files(paths, rules, config, options["max_size"], _fail)
    except MojifixError as exc:  # a bad --include/--exclude glob
        _usage(str(exc))
    if as_json or fmt == "json":
        from ..output.report import envelope

        click.echo(envelope("detect", summary.to_dict(), rows), nl=False)
    else:
        print_table(rows)
    sys.exit(EXIT_ERROR if summary.failed else EXIT_OK)


@main.command()
@click.argument("path", metavar="FILE | -")
@_stdin_filename_option
@_config_options
def explain(path: str, stdin_filename: str | None, **options: Any) -> None:
    """Show, step by step, how FILE would be repaired: how its bytes were read, what each fixer
    found and on what evidence, the first changes, and what `fix` would write. Changes nothing."""
    from ..api import repair_bytes
    from ..files.bounded import read_input
    from ..files.names import display_path
    from ..output.explain import explain as explain_repair

    hint = (stdin_filename or None) if path == "-" else path  # the name fix decides the kind by
    name = display_path(hint) if hint else "<stdin>"
    try:
        config = _build_config(options)
        data = read_input(path, sniff=config.encoding is None)
        repair = repair_bytes(data, config, path=hint)
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
