"""Reading inputs and writing outputs without ever leaving a half-written file.

Every write goes to a temporary file in the destination's own folder, is flushed and fsync'd,
then moved over the destination with ``os.replace`` (atomic on POSIX). The destination keeps its
permission bits (and its owner, where the process may set it); when it is a symlink, the link's
target is replaced and the link stays a link. A hard link is not kept: like dos2unix, the name
written gets a new file and other names keep the old content.
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


def _owner(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_uid, st.st_gid


def _target_and_mode(path: str, mode: int | None) -> tuple[str, int]:
    """The file really written (a symlink's target) and the permission bits it gets."""
    target = os.path.realpath(path) if os.path.islink(path) else path
    if mode is not None:
        return target, mode
    try:
        return target, stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return target, 0o666 & ~umask
    except OSError as exc:
        raise MojifixError(f"cannot write: {exc.strerror or exc}", "check the path", path) from None


class AtomicFile:
    """A binary file written beside ``path`` and moved over it only on :meth:`commit`.

    Used for streaming outputs (JSONL corpora) that are too big to hold in memory::

        with AtomicFile("corpus.jsonl") as out:
            out.write(b"...")
            out.commit()        # without this, the temp file is removed and path is untouched
    """

    def __init__(self, path: str, mode: int | None = None, durable: bool = True) -> None:
        self.path = path
        self.durable = durable
        self.target, self.mode = _target_and_mode(path, mode)
        folder = os.path.dirname(os.path.abspath(self.target)) or "."
        import tempfile  # lazily: start-up matters for pipes

        try:
            fd, self.tmp = tempfile.mkstemp(prefix=".mojifix-", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise MojifixError(
                f"cannot write: {exc.strerror or exc}",
                "nothing was changed; check the folder's permissions", path
            ) from None
        self.fh = os.fdopen(fd, "wb")
        self.committed = False

    def write(self, data: bytes) -> None:
        try:
            self.fh.write(data)
        except OSError as exc:
            raise MojifixError(
                f"cannot write: {exc.strerror or exc}",
                "nothing was changed; free space or fix permissions", self.path,
            ) from None

    def commit(self) -> None:
        try:
            self.fh.flush()
            if self.durable:
                os.fsync(self.fh.fileno())
            self.fh.close()
            os.chmod(self.tmp, self.mode)
            owner = _owner(self.target)
            if owner is not None and owner != _owner(self.tmp):
                # Keep the owner too (as dos2unix does); only root may give a file away.
                with contextlib.suppress(OSError):
                    os.chown(self.tmp, *owner)
            os.replace(self.tmp, self.target)
            self.committed = True
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise MojifixError(
                f"cannot write: {reason}", "nothing was changed; free space or fix permissions",
                self.path,
            ) from None

    def discard(self) -> None:
        if not self.fh.closed:
            with contextlib.suppress(OSError):  # closing flushes, which fails again on a full disk
                self.fh.close()
        if not self.committed:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def atomic_write(path: str, data: bytes, mode: int | None = None, durable: bool = True) -> None:
    """Write ``data`` to ``path`` atomically, keeping mode (or setting ``mode``) and symlinks.

    ``durable=False`` skips the per-file fsync: the rename is still atomic for a process that
    dies (kill -9), but not for a power cut until the caller syncs (``--out-dir`` runs call
    ``os.sync()`` once at the end instead of paying an fsync per new file).
    """
    with AtomicFile(path, mode, durable) as fh:
        fh.write(data)
        fh.commit()


def write_output(path: str | None, data: bytes) -> None:
    """Write to stdout (``None`` or ``-``) or atomically to a file."""
    if path in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        atomic_write(path, data)
