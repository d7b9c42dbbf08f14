"""The command line: click commands only, no text logic.

``commands`` holds the commands (fix, check, detect, explain, config), ``common`` the options,
messages and exit codes they share, ``run`` the work of ``fix`` and ``check`` (one file, stdin,
JSONL, a batch), ``configfile`` the ``[tool.mojifix]`` settings. ``mojifix.cli:main`` is the
console script.
"""

from .commands import main

__all__ = ["main"]
