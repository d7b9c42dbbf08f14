"""A failed write to stdout ends every command the same way: one line (or none), no traceback.

Why a module of its own: a full disk or quota behind a redirect (``mojifix fix page.txt >
out.txt``, ``> /dev/full``) and a reader that closed the pipe (``mojifix check . --diff | head``)
surface wherever output is written: in ``fix``'s text, ``check``'s findings, ``detect``'s
table, ``config``'s listing. Each printed a Python traceback (and ``check`` called it an internal
error; ``fix --jsonl`` said its *input* "cannot read"), a new user's QA found (pass 26). The
console script, the click group and the lean pipe (:mod:`mojifix.cli.pipe`, which must not import
click) all end here, as they end in :mod:`mojifix.cli.interrupt` on Ctrl-C.

Standard error is not standard output: a message that cannot be written there (``2>/dev/full``,
``2>&-``) is dropped and the command ends as it would have (:func:`tolerant_stderr`), as GNU
tools check only stdout at exit. Before, ``fix -i`` with a full stderr fixed the file and exited
2, and with a closed one (Python's ``sys.stderr`` is None then) stopped before any work, exit 1.

Which errors: those only a write gives (no space, over quota, file too big, a closed pipe) that
carry no file name. A file mojifix opens itself (an input, ``-o OUT``, a report) fails with its
name and is reported by the command with that name; any other error is a bug and keeps its
traceback.
"""

from __future__ import annotations

import errno
import io
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


class _TolerantText(io.TextIOWrapper):
    """A text stream whose failed writes are dropped (see :func:`tolerant_stderr`)."""

    def write(self, s: str) -> int:
        try:
            return super().write(s)
        except OSError:
            return len(s)

    def flush(self) -> None:
        try:
            super().flush()
        except OSError:
            pass


def tolerant_stderr() -> None:
    """Point ``sys.stderr`` at a stream that drops what it cannot write (a closed stderr: at
    ``/dev/null``), so that diagnostics never change a command's work or exit code. The stream
    writes to the same file descriptor, line-buffered, in the same encoding; the original
    object is left as it is (``sys.__stderr__``)."""
    err = sys.stderr
    if err is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # (lives to the exit)
        return
    try:
        fd = err.fileno()
        encoding = err.encoding
    except (AttributeError, OSError, ValueError):  # not a real file (a test runner's): leave it
        return
    raw = open(fd, "wb", buffering=0, closefd=False)  # (lives to the exit)
    sys.stderr = _TolerantText(io.BufferedWriter(raw), encoding=encoding,
                               errors="backslashreplace", line_buffering=True)
