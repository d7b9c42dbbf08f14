"""SIGTERM and SIGHUP end a run as Ctrl-C does: through its clean-up, then 128 + the signal.

Why a module of its own: the console script (:mod:`mojifix.cli.interrupt` says what happened)
and the batch's workers (:mod:`mojifix.runs.batch`) both ask for it, and the workers sit below the
command line.
"""

from __future__ import annotations

import signal

# SIGTERM (``kill``, ``timeout``, a cancelled CI job, ``docker stop``) and SIGHUP (the terminal
# closed) ended Python at once, by the default action: no message, and the temporary file of a
# write in progress (a whole copy of the file, ``.mojifix-*.tmp``) stayed in the tree for good
# (QA 26). They now end the run as Ctrl-C does, through the same clean-up, with 128 + the
# signal's number, as a shell reports a program the signal ended.
_TERMINATING = ("SIGTERM", "SIGHUP")


class Terminated(KeyboardInterrupt):
    """A terminating signal, raised where the program is (every ``except KeyboardInterrupt``
    then runs: an atomic write removes its temporary file)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise(signum: int, frame: object) -> None:
    raise Terminated(signum)


def end_on_termination() -> None:
    """Make SIGTERM and SIGHUP end the run as Ctrl-C does (where they still have their default
    action: one a caller chose is left). The console script and the batch's workers ask; a
    program calling ``mojifix.cli.main(args=...)`` keeps its own handlers."""
    for name in _TERMINATING:
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) == signal.SIG_DFL:
            signal.signal(sig, _raise)
