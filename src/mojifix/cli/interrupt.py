"""Ctrl-C ends every command the same way, whenever it comes: one line on stderr and exit 130
(128 + SIGINT, what a shell reports for an interrupted program); SIGTERM and SIGHUP too (143, 129).

Why a module of its own: click's standalone mode turns a KeyboardInterrupt into "Aborted!" and
exit 1, and 1 is what ``mojifix check`` answers for "needs fixing": an interrupt in the first
fraction of a second (imports, settings, reading) passed a CI step for a finding, while later
ones (in the batch run) gave 130. The console script (:mod:`mojifix.cli`), the click group
(:mod:`mojifix.cli.commands`), the batch run (:mod:`mojifix.cli.run`) and the lean pipe
(:mod:`mojifix.cli.pipe`, which must not import click) all end here.

Out of reach: an interrupt before mojifix's code runs, in the first few hundredths of a second.
While Python starts (``site`` and its ``.pth`` files) Python prints a traceback and exits 1,
as ``python -c pass`` does; while ``import mojifix`` runs it prints a traceback and ends by
SIGINT, which a shell reports as 130.
"""

from __future__ import annotations

import sys
from typing import NoReturn

from ..runs.signals import Terminated

__all__ = ["interrupted"]

EXIT_INTERRUPTED = 130
MESSAGE = "mojifix: error: interrupted; every file is either untouched or completely fixed"


def interrupted() -> NoReturn:
    """Say so on stderr and exit 130 (after SIGTERM or SIGHUP: 143, 129). Every write is atomic
    (temporary file, then rename), so the message is true at any moment; a second Ctrl-C while
    it is written does not stop it."""
    exc = sys.exc_info()[1]
    signum = exc.signum if isinstance(exc, Terminated) else None
    message = MESSAGE
    if signum is not None:
        import signal

        message = MESSAGE.replace("interrupted", f"terminated by {signal.Signals(signum).name}")
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except (KeyboardInterrupt, OSError, ValueError):  # a second Ctrl-C, a closed stderr
        pass
    sys.exit(EXIT_INTERRUPTED if signum is None else 128 + signum)
