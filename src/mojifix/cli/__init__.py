"""The command line: click commands only, no text logic.

``commands`` holds the commands (fix, check, detect, explain, config), ``common`` the options,
messages and exit codes they share, ``run`` the work of ``fix`` and ``check`` (one file, stdin,
JSONL, a batch), ``configfile`` the ``[tool.mojifix]`` settings, ``pipe`` the plain
``mojifix fix -`` without click. ``mojifix.cli:main`` is the console script.
"""

from __future__ import annotations

import sys
from typing import Any


class _Main:
    """``mojifix.cli.main``, the console script: the click group ``commands.main``, except that
    a plain ``mojifix fix -`` pipe (see :mod:`mojifix.cli.pipe`) runs without importing click.

    Why not the group itself: defining it imports click and builds every command, about a fifth
    of a short pipe's time (issue 20). Calls with arguments (``main(args=...)``) and every
    attribute (``main.main`` for click's CliRunner, ``main.commands``) go to the group.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            if not args and not kwargs:  # the console script (and ``python -m mojifix``)
                from ..runs.signals import end_on_termination
                from . import pipe
                from .outputerror import tolerant_stderr

                tolerant_stderr()
                end_on_termination()

                if pipe.applies(sys.argv[1:]):
                    sys.exit(pipe.run())
            return _group()(*args, **kwargs)
        except KeyboardInterrupt:  # importing click, building the commands: as at any moment
            from .interrupt import interrupted

            interrupted()

    def __getattr__(self, name: str) -> Any:
        return getattr(_group(), name)


def _group() -> Any:
    from .commands import main as group

    return group


main = _Main()

__all__ = ["main"]
