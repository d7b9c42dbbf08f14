"""Settings from a file: ``[tool.mojifix]`` in ``pyproject.toml``, or ``--config FILE``.

Why a module of its own: ruff and black users expect a tool to read its settings from the
project, so a repository says once how mojifix treats it (which files, which fixers) and every
call, pre-commit hook and CI job agrees. The rules, as ruff has them:

* ``--config FILE`` names the file (a ``pyproject.toml`` whose ``[tool.mojifix]`` table is read,
  or any other TOML file whose top level is the table). Without it, the nearest
  ``pyproject.toml`` holding a ``[tool.mojifix]`` table is used, looked for from the current
  folder up to the repository root (the folder holding ``.git``) or the file system's root.
* Keys are the long option names without dashes (``entities = false``, ``exclude =
  ["vendor/"]``, ``jobs = 2``, ``output-format = "github"``; ``_`` may stand for ``-``). A key
  applies to every command that has that option; ``[tool.mojifix.fix]``, ``.check`` and
  ``.detect`` tables hold settings for one command only and win over the shared ones.
* Flags on the command line win over the file. An unknown key is an error naming the file and
  the key (a typo must not silently do nothing).
* ``file-kind-for``, ``include`` and ``exclude`` globs are relative to the folder holding the
  file, as ruff's and black's are: a project's rules then match the same files whichever folder
  mojifix runs from or walks (``check .``, ``check docs``, ``fix -i docs``: QA 26 found an
  excluded legacy file rewritten by ``fix -i docs``) and by an absolute path. On the command
  line they stay relative to the folder walked (``--file-kind-for``: the working folder), where
  the paths typed are. Outside the file's folder, its globs match from the folder walked.

The settings become click's ``default_map``, so the file changes defaults and nothing else.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from ..errors import MojifixError

if TYPE_CHECKING:  # click is imported where it is used: find() serves the pipe (cli.pipe)
    import click

COMMANDS = ("fix", "check", "detect")


class Loaded:
    """The settings found for one command, and where they came from.

    A plain class, not a dataclass: this module is imported by every ``mojifix fix -`` pipe
    (cli.pipe asks :func:`find`), and building a dataclass at import costs about a millisecond.
    """

    __slots__ = ("path", "values")

    def __init__(self, path: str | None = None, values: dict[str, Any] | None = None) -> None:
        self.path = path
        self.values: dict[str, Any] = {} if values is None else values  # parameter -> value


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise MojifixError(f"cannot read: {exc.strerror or exc}", "check the --config path",
                           path) from None


def _toml(path: str, data: bytes) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(data.decode("utf-8"))  # what tomllib.load does with the bytes
    except UnicodeDecodeError as exc:  # TOML is UTF-8: say so, not a traceback
        raise MojifixError(f"not valid TOML: byte 0x{data[exc.start]:02x} at offset {exc.start} "
                           "is not UTF-8", "save the file as UTF-8", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise MojifixError(f"not valid TOML: {exc}", "fix the file", path) from None


def _table(path: str, data: bytes | None = None) -> dict[str, Any] | None:
    """The mojifix settings of ``path`` (its ``[tool.mojifix]`` table for a pyproject.toml, the
    whole file otherwise); ``data``: its bytes when the caller has read them already."""
    return _settings(path, data)[0]


def _settings(path: str, data: bytes | None = None) -> tuple[dict[str, Any] | None, bool]:
    """:func:`_table` of ``path``, and whether it is the file's ``[tool.mojifix]`` table (the
    messages name the table then), from one parse."""
    parsed = _toml(path, _read(path) if data is None else data)
    tool = parsed.get("tool")
    if os.path.basename(path) == "pyproject.toml" or (isinstance(tool, dict) and "mojifix" in tool):
        # (another file may hold the table as the README shows it, ``[tool.mojifix]``: it was
        # refused with "unknown setting 'tool' in [tool.mojifix]", QA 26)
        table = tool.get("mojifix") if isinstance(tool, dict) else None
        return (table if isinstance(table, dict) else None), True
    return parsed, False


# Every way TOML can open a ``tool`` table or a ``tool.mojifix`` key: a ``[tool]`` or
# ``[tool.mojifix...]`` header, a dotted ``tool.mojifix`` key or an inline ``tool = {...}``
# (quotes and spaces allowed where TOML allows them). A pyproject.toml none of these match
# cannot hold mojifix settings, so it is skipped without parsing: the TOML parser (tomllib and
# the datetime module it imports) is about a tenth of a short ``mojifix fix -`` pipe, and most
# projects' pyproject.toml has only other tools' tables. A false match only costs the parse.
def _may_hold_table(data: bytes) -> bool:
    import re

    return re.search(rb"""(?m)^[ \t]*\[[ \t]*["']?tool["']?[ \t]*(?:\]|\.[ \t]*["']?mojifix)"""
                     rb"""|\btool["']?[ \t]*(?:=|\.[ \t]*["']?mojifix)""", data) is not None


def _discover(start: str | None) -> tuple[str, dict[str, Any] | MojifixError] | None:
    """The nearest ``pyproject.toml`` that holds a ``[tool.mojifix]`` table, from ``start`` up,
    with that table, or with the error that stops it being read (a broken file that may hold the
    table is reported, not skipped). Each file is read once and parsed at most once."""
    cur = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(cur, "pyproject.toml")
        if os.path.isfile(candidate):
            try:
                data = _read(candidate)
                table = _table(candidate, data) if _may_hold_table(data) else None
            except MojifixError as exc:
                return candidate, exc
            if table is not None:
                return candidate, table
        parent = os.path.dirname(cur)
        if os.path.exists(os.path.join(cur, ".git")) or parent == cur:
            return None
        cur = parent


def find(start: str | None = None) -> str | None:
    """The nearest ``pyproject.toml`` with a ``[tool.mojifix]`` table, from ``start`` up.

    A broken ``pyproject.toml`` that may hold the table is returned (its error is reported, not
    skipped); one with no ``tool`` table and no ``tool.mojifix`` key is skipped unparsed.
    """
    found = _discover(start)
    return None if found is None else found[0]


def _names(command: click.Command) -> dict[str, tuple[click.Option, bool | None]]:
    """Setting key -> (the option, the flag value a bare key means for on/off pairs)."""
    import click

    keys: dict[str, tuple[click.Option, bool | None]] = {}
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in (None, "help", "config"):
            continue
        for opt in param.opts:
            if opt.startswith("--"):
                keys[opt[2:]] = (param, None)
        for opt in param.secondary_opts:  # --no-entities: 'no-entities = true' means entities off
            if opt.startswith("--"):
                keys[opt[2:]] = (param, False)
    return keys


def _checked(param: click.Option, raw: str, value: Any, where: str, path: str) -> Any:
    """``value`` if the option takes it, else an error naming the file, the table (``where``)
    and the key: click would blame the command-line option (``Invalid value for '-j' /
    '--jobs'``) for a value the user never typed, or take a TOML value of another type as it
    comes (``output = true`` wrote a file named ``True``; a new user's QA and a review)."""
    import click

    try:
        if param.multiple:
            if not isinstance(value, list):
                raise click.BadParameter(f"expected a list, got {value!r}")
            for item in value:
                _scalar(param, item)
        else:
            _scalar(param, value)
            if param.name == "jsonl_field" and value == "":  # as ``--field ''`` is (cli.common)
                raise click.BadParameter("empty; name the field to repair, a dotted path such as "
                                         "text or meta.body")
    except click.BadParameter as exc:
        raise MojifixError(f"setting '{raw}'{where}: {exc.message.rstrip('.')}",
                           "fix the value in the file", path) from None
    return value


def _scalar(param: click.Option, value: Any) -> None:
    """Raise ``click.BadParameter`` unless ``value`` is one value of ``param``'s type: true or
    false for a flag, a whole number for a count (not a bool, which Python counts as one), a
    string for a name, a choice or a path, a string or a whole number for a size."""
    import click

    kind = param.type
    if param.is_flag or param.secondary_opts or isinstance(kind, click.types.BoolParamType):
        if not isinstance(value, bool):
            raise click.BadParameter(f"expected true or false, got {value!r}")
        return
    expected, fits = _expected(kind)
    if isinstance(value, bool) or not isinstance(value, fits):
        raise click.BadParameter(f"expected {expected}, got {value!r}")
    try:
        kind.convert(value, param, None)
    except click.BadParameter:  # (click's own message: ``0 is not in the range x>=1``)
        raise
    except (TypeError, ValueError):
        raise click.BadParameter(f"expected {expected}, got {value!r}") from None
    judge_setting = getattr(kind, "judge_setting", None)  # (cli.common._Checked: encoding = "base64")
    if judge_setting is not None:
        judge_setting(value)


def _expected(kind: click.ParamType) -> tuple[str, type | tuple[type, ...]]:
    """What a value of ``kind`` is called in an error, and the TOML types that may be one."""
    import click

    if isinstance(kind, click.types.IntParamType):
        return "a whole number", int
    if isinstance(kind, (click.types.StringParamType, click.Choice, click.Path)):
        return "a string", str
    return f"a {kind.name}", (str, int)


# Options that name one run's input or output: meaningless or harmful as a project's default
# (``output = "out.txt"`` sent every ``mojifix fix``, a pipe's too, to that file; ``config`` was
# taken as the ``mojifix config`` command's option and ignored: QA 26). An error, as an unknown key.
_PER_RUN = frozenset({"config", "output", "stdin-filename"})


def load(command: click.Command, name: str, path: str | None) -> Loaded:
    """The settings of ``path`` (or of the discovered file) for ``command`` called ``name``."""
    if path is None:
        found = _discover(None)
        if found is None:
            return Loaded()
        path, got = found
        if isinstance(got, MojifixError):
            raise got
        table: dict[str, Any] | None = got
        in_tool = True  # (found as a pyproject.toml's table)
    else:
        table, in_tool = _settings(path)
    if table is None:
        if os.path.basename(path) == "pyproject.toml":
            raise MojifixError("has no [tool.mojifix] table", "add one, or name another file",
                               path)
        return Loaded(path)
    keys = _names(command)
    known_anywhere = set(COMMANDS)
    for other in _siblings(command):
        if other.name in COMMANDS or other is command:  # (not ``mojifix config``'s own --config)
            known_anywhere |= set(_names(other))
    values: dict[str, Any] = {}
    scoped = table.get(name, {}) if isinstance(table.get(name), dict) else {}
    top = "tool.mojifix" if in_tool else ""
    for source, section in ((table, top), (scoped, f"{top}.{name}" if top else name)):
        where = f" in [{section}]" if section else ""
        for raw, value in source.items():
            if raw in COMMANDS and isinstance(value, dict):
                continue
            key = raw.replace("_", "-")
            if key in _PER_RUN:
                raise MojifixError(f"setting '{raw}'{where} names one run's input or output and "
                                   "cannot be set in a settings file", "pass it on the command line",
                                   path)
            if key not in known_anywhere:
                raise MojifixError(f"unknown setting '{raw}'{where}",
                                   "see 'mojifix config' for the settings", path)
            if key not in keys:
                continue  # an option of another command
            param, meaning = keys[key]
            value = _checked(param, raw, value, where, path)
            if meaning is False:
                value = not value
            assert param.name is not None
            values[param.name] = value
    return Loaded(path, values)


def _siblings(command: click.Command) -> list[click.Command]:
    import click

    ctx = click.get_current_context(silent=True)
    group = ctx.parent.command if ctx is not None and ctx.parent is not None else None
    if isinstance(group, click.Group):
        return list(group.commands.values())
    return [command]


def apply(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """The eager ``--config`` callback: load the settings into the command's ``default_map``,
    before any other option is read, so command-line flags still win."""
    import click

    assert ctx.command.name is not None
    try:
        loaded = load(ctx.command, ctx.command.name, value)
    except MojifixError as exc:
        click.echo(f"mojifix: error: {exc}", err=True)
        ctx.exit(2)
    ctx.default_map = {**(ctx.default_map or {}), **loaded.values}
    ctx.meta["mojifix.config"] = loaded
    return value


def setting_lines(command: click.Command, loaded: Loaded) -> list[str]:
    """``key = value  # source`` for every setting of ``command``, in TOML syntax."""
    import click

    where = loaded.path or "no settings file found"
    out = [f"# mojifix {command.name}: effective settings ({where}; flags on the command line win)"]
    ctx = click.Context(command)
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in (None, "help", "config"):
            continue
        key = next(o[2:] for o in param.opts if o.startswith("--"))
        from_file = param.name in loaded.values
        value = loaded.values[param.name] if from_file else param.get_default(ctx)
        if not isinstance(value, (str, int, float, bool, tuple, list, type(None))):
            value = None  # click's "no default" marker
        if param.multiple and value is None:
            value = []
        if isinstance(value, tuple):
            value = list(value)
        shown = ("none" if value is None else "true" if value is True else "false"
                 if value is False else repr(value).replace("'", '"'))
        out.append(f"{key} = {shown}".ljust(40) + f"  # {loaded.path if from_file else 'default'}")
    return out


def config_option(f: Any) -> Any:
    """The ``--config FILE`` option (eager: it sets the defaults the other options read)."""
    import click

    return click.option(
        "--config", metavar="FILE", is_eager=True, expose_value=False, callback=apply,
        help="Read settings from FILE (default: [tool.mojifix] in the nearest pyproject.toml).",
    )(f)
