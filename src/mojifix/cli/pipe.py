"""The plain pipe, ``echo x | mojifix fix -``, without building the click app (issue 20).

Why a module of its own: for a short pipe, start-up is nearly all of the time, and importing
click and building the five commands with their options is about a fifth of it. :func:`applies`
accepts only the argument lists ``fix`` and ``fix -`` with stdin not a terminal, no settings
file (``[tool.mojifix]``) in reach, no folder named ``-`` and no shell-completion request;
:func:`run` then does what click's ``fix`` does with every option at its default: the same
functions (``read_input``, ``repair_bytes``, ``write_output``), the same error line
(``common._fail``), the same exit codes, the same Ctrl-C (:mod:`mojifix.cli.interrupt`) and
click's own handling of a closed pipe.
Any other call goes to click. ``tests/test_pipe.py`` runs both paths over the same inputs and
compares stdout, stderr and the exit code byte for byte, and checks that :data:`CONFIG` and
:data:`MAX_SIZE` are what click parses for ``fix -``.
"""

from __future__ import annotations

import os
import sys

from .defaults import MAX_SIZE, REPAIR

PIPE_ARGS = (["fix"], ["fix", "-"])

# The options click hands ``fix -`` when no flag is given and no settings file is found.
CONFIG = REPAIR


def tolerant_stdout() -> None:
    """On a stdout that cannot encode everything (``PYTHONIOENCODING=ascii``, a Latin-1
    terminal), text output degrades to ``\\u`` escapes instead of a UnicodeEncodeError;
    repaired text itself is written as UTF-8 bytes and is not affected."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):
            pass


def applies(args: list[str]) -> bool:
    """Whether ``mojifix ARGS`` is the plain pipe :func:`run` does exactly as click would."""
    if args not in PIPE_ARGS:
        return False
    try:
        if sys.stdin is None or sys.stdin.isatty():
            return False
        if os.path.isdir("-"):  # click's fix takes it as a folder and says so
            return False
        if any(name.endswith("_COMPLETE") for name in os.environ):  # click's shell completion
            return False
        from .configfile import find

        return find() is None  # a settings file (or a broken one) is click's to read
    except Exception:  # a deleted working folder, ...: click's path says what is wrong
        return False


def run() -> int:
    """Repair stdin to stdout as ``mojifix fix -`` does; the exit code."""
    try:
        tolerant_stdout()  # what the click group's callback does first
        return _fix_stdin()
    except KeyboardInterrupt:  # as the click group (cli.interrupt): one line, 130
        from .interrupt import interrupted

        interrupted()
    except EOFError:  # as click's main: a blank line, "Aborted!", 1
        from gettext import gettext as _

        print(file=sys.stderr)
        print(_("Aborted!"), file=sys.stderr, flush=True)
        return 1
    except OSError as exc:  # as the click group: a closed pipe ends quietly with 1, a full
        from .outputerror import is_output_error, output_failed  # disk with one line and 2

        if not is_output_error(exc):
            raise
        output_failed(exc)


def _fix_stdin() -> int:
    from ..api import repair_bytes
    from ..config import Config
    from ..errors import MojifixError
    from ..files.bounded import parse_size, read_input
    from ..files.fileio import write_output

    try:
        config = Config.build(None, **CONFIG)
        data = read_input("-", parse_size(MAX_SIZE), sniff=config.encoding is None)
        if len(data) > 1024:  # (a short pipe imports nothing more)
            from ..files.longline import stream_held

            if stream_held(data, None, config):  # a very long line: as click's fix - does
                return 0
        held = [data]
        del data
        try:
            repair = repair_bytes(held.pop(), config, path="-")  # frees the bytes once decoded
        except MojifixError as exc:
            raise exc.with_path("<stdin>") from None
        write_output(None, repair.text)
    except MojifixError as exc:
        from .common import EXIT_ERROR, _fail  # click only on this path

        _fail(str(exc))
        return EXIT_ERROR
    return 0
