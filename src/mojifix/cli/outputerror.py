"""A failed write to stdout ends every command the same way: one line (or none), no traceback.

Why a module of its own: a full disk or quota behind a redirect (``mojifix fix page.txt >
out.txt``, ``> /dev/full``) and a reader that closed the pipe (``mojifix check . --diff | head``)
surface wherever output is written: in ``fix``'s text, ``check``'s findings, ``detect``'s
table, ``config``'s listing. Each printed a Python traceback (and ``check`` called it an internal
error; ``fix --jsonl`` said its *input* "cannot read"), a new user's QA found (pass 26). The
console script, the click group and the lean pipe (:mod:`mojifix.cli.pipe`, which must not import
click) all end here, as they end in :mod:`mojifix.cli.interrupt` on Ctrl-C.

Which errors: those only a write gives (no space, over quota, file too big, a closed pipe) that
carry no file name. A file mojifix opens itself (an input, ``-o OUT``, a report) fails with its
name and is reported by the command with that name; any other error is a bug and keeps its
traceback.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import NoReturn

EXIT_ERROR = 2
EXIT_CLOSED_PIPE = 1  # as click ends a closed pipe (``fix FILE | head``)
_WRITE_ONLY = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EPIPE})


def is_output_error(exc: BaseException) -> bool:
    """Whether ``exc`` is a write to stdout that failed (see the module docstring)."""
    return (isinstance(exc, OSError) and exc.errno in _WRITE_ONLY
            and exc.filename is None and exc.filename2 is None)


def output_failed(exc: OSError) -> NoReturn:
    """End the command: quietly with 1 for a closed pipe, else with one line and 2. Stdout is
    pointed at ``/dev/null`` first, so that the interpreter's last flush of what is still
    buffered does not fail again ("Exception ignored ..." on stderr)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real stdout (a test runner's): nothing held
        pass
    if exc.errno == errno.EPIPE:
        sys.exit(EXIT_CLOSED_PIPE)
    try:
        sys.stderr.write(f"mojifix: error: cannot write to stdout: {exc.strerror or exc} "
                         "(free some space, or redirect the output elsewhere)\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    sys.exit(EXIT_ERROR)
