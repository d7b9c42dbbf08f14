"""The ``mojifix`` command line: ``fix`` and ``detect``.

Only moves files and options in and out of the core; nothing about encodings lives here.
Exit codes follow ruff/black: 0 success, 2 usage or input error (one line on stderr naming the
file and the remedy, never a traceback).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from . import __version__
from .config import Config
from .errors import MojifixError

EXIT_OK = 0
EXIT_ERROR = 2


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
        click.option("--uncurl-quotes", is_flag=True, help="Also straighten curly quotes (ftfy's normalising fix; off by default)."),
        click.option("--fix-width", "fix_character_width", is_flag=True, help="Also turn full-width Latin letters half-width (off by default)."),
        click.option("--fix-ligatures", "fix_latin_ligatures", is_flag=True, help="Also expand Latin ligatures such as ﬁ (off by default)."),
        click.option("--fix-line-breaks", is_flag=True, help="Also convert all line breaks to \\n (off by default)."),
        click.option("--normalization", type=click.Choice(["NFC", "NFD", "NFKC", "NFKD"]), default=None, help="Also apply this Unicode normal form (off by default)."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _build_config(options: dict[str, Any]) -> Config:
    keys = {
        "encoding", "fix_mojibake", "unescape_html", "remove_zero_width", "remove_glosses",
        "uncurl_quotes", "fix_character_width", "fix_latin_ligatures", "fix_line_breaks",
        "normalization",
    }
    return Config.build(None, **{k: v for k, v in options.items() if k in keys})


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="mojifix")
def main() -> None:
    """Repair garbled text: wrong encodings, mojibake, pinyin glosses, entities, zero-width.

    Clean text comes out byte-for-byte the same. Run `mojifix COMMAND --help` for details.
    """


@main.command()
@click.argument("path", default="-", metavar="[FILE | -]")
@click.option("-o", "--output", metavar="OUT", help="Write the repaired text here (atomically) instead of stdout.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of the changes. Replaces the text on stdout; with -o, the file is written and the diff printed.")
@click.option("--report", "report_path", metavar="PATH", help="Write a JSON report (encoding, findings, changes with line/column); '-' prints it to stderr.")
@_config_options
def fix(path: str, output: str | None, show_diff: bool, report_path: str | None, **options: Any) -> None:
    """Repair FILE (or stdin) and write clean UTF-8 to stdout or -o OUT."""
    from .api import repair_bytes
    from .fileio import read_input, write_output
    from .report import file_record, json_report, unified_diff

    name = "-" if path == "-" else path
    try:
        config = _build_config(options)
        data = read_input(path)
        try:
            repair = repair_bytes(data, config)
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
            doc = json_report([file_record(name, repair)])
            if report_path == "-":
                click.echo(doc, err=True, nl=False)
            else:
                from .fileio import atomic_write

                atomic_write(report_path, doc.encode("utf-8"))
    except MojifixError as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)


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
            repair = repair_bytes(read_input(path), config)
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
