"""Reading inputs and writing outputs without ever leaving a half-written file.

Every write goes to a temporary file in the destination's own folder, is flushed and fsync'd,
then moved over the destination with ``os.replace`` (atomic on POSIX). The destination keeps its
permission bits; when it is a symlink, the link's target is replaced and the link stays a link.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys

from .errors import MojifixError


def read_input(path: str) -> bytes:
    """Read a file, or stdin for ``-``; OS errors become one-line :class:`MojifixError`."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise MojifixError("no such file", "check the path", path) from None
    except IsADirectoryError:
        raise MojifixError("is a directory", "pass a file, or use - for stdin", path) from None
    except PermissionError:
        raise MojifixError("permission denied", "check the file's read permission", path) from None
    except OSError as exc:
        raise MojifixError(f"cannot read: {exc.strerror or exc}", "check the file", path) from None


def atomic_write(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, keeping mode and symlinks."""
    target = os.path.realpath(path) if os.path.islink(path) else path
    folder = os.path.dirname(os.path.abspath(target)) or "."
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise MojifixError(f"cannot write: {exc.strerror or exc}", "check the path", path) from None
    import tempfile

    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".mojifix-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise MojifixError(
            f"cannot write: {reason}", "nothing was changed; free space or fix permissions", path
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_output(path: str | None, data: bytes) -> None:
    """Write to stdout (``None`` or ``-``) or atomically to a file."""
    if path in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        atomic_write(path, data)
