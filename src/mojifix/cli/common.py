"""What the ``mojifix`` commands share: exit codes, one-line messages, the options, and turning
options into a :class:`~mojifix.config.Config`.

A module of its own so that :mod:`mojifix.cli` (the commands) and :mod:`mojifix.cli.run` (the
work of ``fix`` and ``check``) use one definition of each option and message.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from ..config import Config
from ..errors import MojifixError
from .defaults import MAX_SIZE, REPAIR

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
JSONL_GLOBS = ("*.jsonl", "*.ndjson")


def _fail(message: str) -> None:
    from ..files.names import display_path  # names escaped: no forged lines, no terminal codes

    click.echo(f"mojifix: error: {display_path(message)}", err=True)


def _shown(path: str) -> str:
    from ..files.names import display_path

    return display_path(path)


class _Checked(click.types.StringParamType):
    """A string option whose value is judged when it is read (a click type), so a bad value is
    a usage error of the option, or of the settings file that holds it
    (:func:`mojifix.cli.configfile._scalar` asks the type): not an error blamed on the first
    input file, whose message gives no hint that the value came from a settings file.

    ``in_settings``: a judge of a settings file's value only (:meth:`judge_setting`), for what
    the command line leaves to Config's check: there a non-text codec (``--encoding base64``)
    is one line naming the option (tests/safety/test_hostile_inputs.py), not click's usage
    error; in a settings file it must name the file and the key, as every bad setting does."""

    def __init__(self, name: str, judge: Callable[[str], None],
                 in_settings: Callable[[str], None] | None = None) -> None:
        self.name = name
        self._judge = judge
        self._in_settings = in_settings

    def judge_setting(self, value: str) -> None:
        """Raise ``click.BadParameter`` if a settings file may not hold ``value`` (which
        :meth:`convert` took)."""
        if self._in_settings is not None:
            try:
                self._in_settings(value)
            except MojifixError as exc:
                raise click.BadParameter(exc.format()) from None

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        value = super().convert(value, param, ctx)
        try:
            self._judge(value)
        except MojifixError as exc:
            self.fail(exc.format(), param, ctx)
        return value


def _codec(name: str) -> None:
    # (base64 and such: Config's check_encoding on the command line, _text_codec in a settings file)
    from ..decoding.decode import codec_named

    codec_named(name)


def _text_codec(name: str) -> None:
    from ..config import check_encoding

    check_encoding(name, option=False)


def _kind_rule(rule: str) -> None:
    from ..config import parse_kind_rules

    parse_kind_rules((rule,))


def _config_options(f: Any) -> Any:
    """Options shared by the commands that repair."""
    opts = [
        click.option("--encoding", type=_Checked("encoding", _codec, _text_codec), metavar="NAME", help="Force the input byte encoding (e.g. gbk, big5, shift_jis, cp1251) instead of detecting it."),
        click.option("--mojibake/--no-mojibake", "fix_mojibake", default=REPAIR["fix_mojibake"], show_default=True, help="Undo text decoded with the wrong codec."),
        click.option("--entities/--no-entities", "unescape_html", default=REPAIR["unescape_html"], show_default=True, help="Decode HTML entities in plain text (never in text containing markup)."),
        click.option("--zero-width/--no-zero-width", "remove_zero_width", default=REPAIR["remove_zero_width"], show_default=True, help="Remove injected zero-width characters."),
        click.option("--glosses/--no-glosses", "remove_glosses", default=REPAIR["remove_glosses"], show_default=True, help="Remove injected pinyin glosses."),
        click.option("--restore", "restore_original", is_flag=True, help="Where a pinyin-gloss converter is proven, undo it: Traditional script back to Simplified, and ASCII punctuation (, ? ! : ;) back to full width."),
        click.option("--uncurl-quotes", is_flag=True, help="Also straighten curly quotes (ftfy's normalising fix; off by default)."),
        click.option("--fix-width", "fix_character_width", is_flag=True, help="Also turn full-width Latin letters half-width (off by default)."),
        click.option("--fix-ligatures", "fix_latin_ligatures", is_flag=True, help="Also expand Latin ligatures such as ﬁ (off by default)."),
        click.option("--fix-line-breaks", is_flag=True, help="Also convert all line breaks to \\n (off by default)."),
        click.option("--normalization", type=click.Choice(["NFC", "NFD", "NFKC", "NFKD"]), default=None, help="Also apply this Unicode normal form (off by default)."),
        click.option("--keep-bom", is_flag=True, help="Keep a byte-order mark: the output starts with the UTF-8 BOM (a UTF-16 file with a BOM becomes UTF-8 with the UTF-8 BOM). By default it is removed and reported."),
        click.option("--file-kind", type=click.Choice(["auto", "text", "markdown", "html", "code", "data"]), default="auto", show_default=True, help="What kind of file the input is; auto decides from the name and content. Entities and zero-width characters are left alone in code and data, and in Markdown code."),
        click.option("--file-kind-for", "file_kinds", type=_Checked("rule", _kind_rule), multiple=True, metavar="GLOB=KIND", help="The kind of the files matching GLOB (gitignore-style, repeatable, the last match wins), e.g. 'legacy/*.md=text'; in [tool.mojifix]: file-kind-for = [\"legacy/*.md=text\"]."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    from .configfile import config_option

    return config_option(f)


class _Size(click.ParamType):
    name = "size"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value  # (from a settings file; a negative one is no size, as on the command line)
        from ..files.bounded import parse_size

        try:
            return parse_size(str(value))
        except (ValueError, KeyError):
            self.fail(f"{value!r} is not a size such as 512K, 256M or 2G (0: no limit)", param, ctx)


def _max_size_option(f: Any) -> Any:
    """``--max-size``: the bound on whole-file reads (see :mod:`mojifix.files.bounded`)."""
    return click.option(
        "--max-size", "max_size", type=_Size(), default=MAX_SIZE, show_default=True, metavar="SIZE",
        help="Largest input read whole (K, M, G; 0: no limit). A bigger file, or a stream (stdin, "
             "a FIFO) that goes on past it, is an error (exit 2, nothing written; a batch goes on). "
             "Instead, fix, check and detect stream regular files over 64 MB, at any size (not with "
             "--diff, --report or JSON output, nor a file that declares a legacy encoding), `fix FILE` "
             "any file over this limit, and files with a line over 2 MB. A stream whose first 64 KiB hold "
             "NUL bytes (/dev/zero) is refused as binary at once.",
    )(f)


def _build_config(options: dict[str, Any]) -> Config:
    chosen = {k: v for k, v in options.items() if k in REPAIR}
    if chosen.get("file_kind") == "auto":
        chosen["file_kind"] = None  # decided per file from its name and content
    if chosen.get("file_kinds") and _from_settings("file_kinds"):  # (see cli.configfile)

        chosen["file_kinds_base"] = _settings_folder("file_kinds")
    try:
        return Config.build(None, **chosen)
    except MojifixError as exc:  # --encoding rot13: a usage error before any file is read
        _usage(str(exc))
        raise  # not reached: _usage exits


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
        click.option("-v", "--verbose", is_flag=True, help="Also list each skipped file (binary, symlink, ...) on stderr, and check's notes on clean files (what a file's kind kept a fixer from)."),
        click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True, help="Where the files are repaired: worker processes on this machine, or tasks on a Ray cluster (pip install 'mojifix[ray]')."),
        click.option("--address", "ray_address", metavar="ADDR", help="With --engine ray: the running cluster to use (host:port of its head, 'auto', or ray://host:10001). Without it, a local Ray cluster with -j CPUs is started for the run."),
    ]
    for opt in reversed(opts):
        f = opt(f)
    return f


def _stdin_filename_option(f: Any) -> Any:
    """``--stdin-filename``: the name of stdin's text, for messages and for its kind of file."""
    return click.option(
        "--stdin-filename", metavar="NAME",
        help="The file name of the text read from stdin ('-'): used in messages, and to decide "
             "its kind of file (source code, Markdown, ...) as for a file of that name, "
             "--file-kind-for rules included.",
    )(f)


def _from_settings(name: str) -> bool:
    """Whether option ``name`` took its value from a settings file (click's default map)."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and ctx.get_parameter_source(name) == click.core.ParameterSource.DEFAULT_MAP


def _settings_folder(name: str) -> str | None:
    """The folder of the settings file option ``name`` took its value from (its globs are
    anchored there: ``files.discover._under``), or None for a command-line or default value."""
    if not _from_settings(name):
        return None
    import os

    loaded = click.get_current_context().meta["mojifix.config"]
    return os.path.dirname(os.path.abspath(loaded.path))


def _usage(message: str) -> None:
    _fail(message)
    sys.exit(EXIT_ERROR)


def _check_jsonl(options: dict[str, Any]) -> None:
    if options["jsonl_field"] is not None and not options["jsonl"]:
        if not _from_settings("jsonl_field"):
            _usage("--field names the field of a JSONL record; add --jsonl")
        options["jsonl_field"] = None  # (a settings file's field is for its JSONL runs: a review)
    if options["jsonl_field"] == "":  # (it meant `text`, silently)
        _usage("--field is empty; name the field to repair, a dotted path such as text or meta.body")
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

    from ..runs import rayrun

    try:
        rayrun.import_ray()
    except MojifixError as exc:
        _usage(str(exc))
    # Called as runner(entries, job, jobs): -j N is the CPUs of the local cluster started for
    # the run; with --address, the running cluster's own CPUs are used.
    return functools.partial(rayrun.run_batch, address=address)


def _check_report_path(report_path: str | None) -> str | None:
    if report_path is None:
        return None
    from ..output.report import report_kind

    kind = report_kind(report_path)
    if kind is None:
        _usage(f"--report {report_path}: unknown report type (name it .json, .jsonl or .html, or - for JSON on stderr)")
    return kind
