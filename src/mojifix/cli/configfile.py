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


def _toml(path: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise MojifixError(f"cannot read: {exc.strerror or exc}", "check the --config path",
                           path) from None
    except tomllib.TOMLDecodeError as exc:
        raise MojifixError(f"not valid TOML: {exc}", "fix the file", path) from None


def _table(path: str) -> dict[str, Any] | None:
    data = _toml(path)
    if os.path.basename(path) == "pyproject.toml":
        table = data.get("tool", {}).get("mojifix")
        return table if isinstance(table, dict) else None
    return data


# Every way TOML can open a ``tool`` table or a ``tool.mojifix`` key: a ``[tool]`` or
# ``[tool.mojifix...]`` header, a dotted ``tool.mojifix`` key or an inline ``tool = {...}``
# (quotes and spaces allowed where TOML allows them). A pyproject.toml none of these match
# cannot hold mojifix settings, so it is skipped without parsing: the TOML parser (tomllib and
# the datetime module it imports) is about a tenth of a short ``mojifix fix -`` pipe, and most
# projects' pyproject.toml has only other tools' tables. A false match only costs the parse.
def _may_hold_table(path: str) -> bool:
    import re

    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return True  # let the parse report it
    return re.search(rb"""(?m)^[ \t]*\[[ \t]*["']?tool["']?[ \t]*(?:\]|\.[ \t]*["']?mojifix)"""
                     rb"""|\btool["']?[ \t]*(?:=|\.[ \t]*["']?mojifix)""", data) is not None


def find(start: str | None = None) -> str | None:
    """The nearest ``pyproject.toml`` with a ``[tool.mojifix]`` table, from ``start`` up.

    A broken ``pyproject.toml`` that may hold the table is returned (its error is reported, not
    skipped); one with no ``tool`` table and no ``tool.mojifix`` key is skipped unparsed.
    """
    cur = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(cur, "pyproject.toml")
        if os.path.isfile(candidate) and _may_hold_table(candidate):
            try:
                if _table(candidate) is not None:
                    return candidate
            except MojifixError:
                return candidate  # a broken pyproject.toml is reported, not skipped
        parent = os.path.dirname(cur)
        if os.path.exists(os.path.join(cur, ".git")) or parent == cur:
            return None
        cur = parent


def _names(command: click.Command) -> dict[str, tuple[str, bool | None]]:
    """Setting key -> (parameter name, the flag value a bare key means for on/off pairs)."""
    import click

    keys: dict[str, tuple[str, bool | None]] = {}
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in (None, "help", "config"):
            continue
        for opt in param.opts:
            if opt.startswith("--"):
                keys[opt[2:]] = (param.name, None)
        for opt in param.secondary_opts:  # --no-entities: 'no-entities = true' means entities off
            if opt.startswith("--"):
                keys[opt[2:]] = (param.name, False)
    return keys


def load(command: click.Command, name: str, path: str | None) -> Loaded:
    """The settings of ``path`` (or of the discovered file) for ``command`` called ``name``."""
    path = path or find()
    if path is None:
        return Loaded()
    table = _table(path)
    if table is None:
        if os.path.basename(path) == "pyproject.toml":
            raise MojifixError("has no [tool.mojifix] table", "add one, or name another file",
                               path)
        return Loaded(path)
    keys = _names(command)
    known_anywhere = set(COMMANDS)
    for other in _siblings(command):
        known_anywhere |= set(_names(other))
    values: dict[str, Any] = {}
    scoped = table.get(name, {}) if isinstance(table.get(name), dict) else {}
    for source in (table, scoped):
        for raw, value in source.items():
            if raw in COMMANDS and isinstance(value, dict):
                continue
            key = raw.replace("_", "-")
            if key not in known_anywhere:
                raise MojifixError(f"unknown setting '{raw}' in [tool.mojifix]",
                                   "see 'mojifix config' for the settings", path)
            if key not in keys:
                continue  # an option of another command
            param, meaning = keys[key]
            if meaning is False:
                value = not value
            values[param] = value
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
