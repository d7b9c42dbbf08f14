"""Reading inputs and writing outputs without ever leaving a half-written file or losing data.

Every write to a regular file goes to a temporary file in the destination's own folder, is
flushed and fsync'd, then moved over the destination with ``os.replace`` (atomic on POSIX). This
is the project's one atomic writer (:class:`AtomicFile`); everything that writes a file uses it.

What it keeps and what it refuses, and why:

* The destination keeps its permission bits, its owner (where the process may set it) and its
  extended attributes (which is also where POSIX ACLs and SELinux labels live), copied where the
  platform allows. When the destination is a symlink the user named, the link's target is
  replaced and the link stays a link. A hard link is not kept: like dos2unix, the name written
  gets a new file and other names keep the old content.
* ``expect``: a file rewritten in place is replaced only if its device, inode, size and mtime are
  still those seen when it was read. Another program that appended to it meanwhile keeps its
  data: the file is left as that program left it and the caller reports it.
* ``beneath``: under ``--out-dir`` the file is written through folder descriptors opened with
  ``O_NOFOLLOW`` from the out-dir down, so a symlink already inside the out-dir (to a file or to
  a folder) can never make mojifix write outside it; a symlink at the destination itself is
  replaced by the new file, its target untouched.
* A file made read-only (no write permission; for root, no write bit) is refused, not replaced,
  when it is rewritten in place or named with ``-o``, as black and ruff refuse it: the folder's
  permission would let ``os.replace`` put a new file there, but the owner said the file should
  not change. (Under ``--out-dir`` the destination is mojifix's own copy, whose bits mirror the
  input's: a later run replaces it.)
* An output that is not a regular file (``-o`` naming a FIFO, a character device such as
  ``/dev/null``, a socket, or ``/dev/stdout``) is written through, never replaced by a regular
  file; a block device or a folder is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import MojifixError

_STD_STREAMS = {"/dev/stdout": 1, "/dev/stderr": 2, "/proc/self/fd/1": 1, "/proc/self/fd/2": 2,
                "/dev/fd/1": 1, "/dev/fd/2": 2}


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


def _write_error(exc: OSError | str, path: str,
                 remedy: str = "nothing was changed; free space or fix permissions") -> MojifixError:
    reason = exc if isinstance(exc, str) else (exc.strerror or str(exc))
    return MojifixError(f"cannot write: {reason}", remedy, path)


def _open_folder(path: str, beneath: str | None) -> tuple[int, str, str]:
    """(descriptor of the folder that will hold the file, the file's name in it, the target)."""
    if beneath is None:
        target = path
        if os.path.islink(path):
            try:
                target = os.path.realpath(path, strict=True)
            except FileNotFoundError:  # a dangling link: its target is created
                target = os.path.realpath(path)
            except OSError as exc:  # a loop
                raise _write_error(exc, path, "nothing was changed; check the link") from None
        folder = os.path.dirname(os.path.abspath(target)) or "."
        try:
            return os.open(folder, os.O_RDONLY | os.O_DIRECTORY), os.path.basename(target), target
        except OSError as exc:
            raise _write_error(exc, path, "nothing was changed; check the folder") from None
    rel = os.path.relpath(path, beneath)
    parts = [p for p in rel.split(os.sep) if p not in ("", ".")]
    if not parts or parts[0] == "..":
        raise _write_error("outside the output folder", path, "this is a bug; please report it")
    try:
        os.makedirs(beneath, exist_ok=True)
        fd = os.open(beneath, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise _write_error(exc, path, "check the --out-dir folder") from None
    walked = beneath
    try:
        for part in parts[:-1]:
            walked = os.path.join(walked, part)
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, 0o777, dir_fd=fd)
            try:
                sub = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                if os.path.islink(walked):
                    raise _write_error(
                        f"{walked} is a symbolic link", path,
                        "mojifix never writes through links inside the output folder; remove the "
                        "link or choose another --out-dir") from None
                raise _write_error(exc, path, "check the output folder") from None
            os.close(fd)
            fd = sub
    except BaseException:
        os.close(fd)
        raise
    return fd, parts[-1], path


def _copy_xattrs(src: str, dst_fd: int) -> None:
    """Copy extended attributes (ACLs and security labels live there too), where allowed."""
    if not hasattr(os, "listxattr"):  # pragma: no cover - not Linux
        return
    try:
        names = os.listxattr(src)
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            os.setxattr(dst_fd, name, os.getxattr(src, name))


def _read_only(st: os.stat_result, name: str, dir_fd: int) -> bool:
    """Whether the regular file ``name`` (stat ``st``) is one its owner made read-only: no write
    permission for this process, or, for root (who may write anything), no write bit at all."""
    if not stat.S_ISREG(st.st_mode):
        return False
    if os.geteuid() == 0:
        return not st.st_mode & 0o222
    # (the effective user's permission, which os.replace and open act with, where the platform
    # can ask for it: a setuid or sudo run's real user is another)
    return not os.access(name, os.W_OK, dir_fd=dir_fd, effective_ids=os.access in os.supports_effective_ids)


def same_version(a: os.stat_result, b: os.stat_result) -> bool:
    """True when two stats show the same file with the same content length and mtime."""
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns) == (
        b.st_dev, b.st_ino, b.st_size, b.st_mtime_ns)


class AtomicFile:
    """A binary file written beside ``path`` and moved over it only on :meth:`commit`.

    Used for whole outputs and for streaming outputs (JSONL corpora) too big to hold::

        with AtomicFile("corpus.jsonl") as out:
            out.write(b"...")
            out.commit()        # without this, the temp file is removed and path is untouched

    ``mode`` sets the permission bits (default: the destination's, or 0o666 less the umask);
    ``durable=False`` skips the fsync; ``expect`` and ``beneath`` are described in the module's
    docstring.
    """

    def __init__(self, path: str, mode: int | None = None, durable: bool = True, *,
                 expect: os.stat_result | None = None, beneath: str | None = None) -> None:
        self.path = path
        self.durable = durable
        self.expect = expect
        self.committed = False
        self.dir_fd, self.name, self.target = _open_folder(path, beneath)
        self.existing: os.stat_result | None
        try:
            self.existing = os.stat(self.name, dir_fd=self.dir_fd, follow_symlinks=False)
        except FileNotFoundError:
            self.existing = None
        except OSError as exc:
            os.close(self.dir_fd)
            raise _write_error(exc, path) from None
        if self.existing is not None and stat.S_ISDIR(self.existing.st_mode):
            os.close(self.dir_fd)
            raise _write_error("it is a folder", path, "name a file")
        if beneath is None and self.existing is not None and _read_only(self.existing, self.name, self.dir_fd):
            os.close(self.dir_fd)
            raise _write_error("it is read-only", path,
                               "nothing was changed; make it writable (chmod u+w) to let mojifix rewrite it")
        if mode is None:
            if self.existing is not None and stat.S_ISREG(self.existing.st_mode):
                mode = stat.S_IMODE(self.existing.st_mode)
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
        self.mode = mode
        self.tmp = f".mojifix-{os.urandom(6).hex()}.tmp"
        try:
            fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600,
                         dir_fd=self.dir_fd)
        except OSError as exc:
            os.close(self.dir_fd)
            raise _write_error(exc, path, "nothing was changed; check the folder's permissions") from None
        self.fh: BinaryIO = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        try:
            self.fh.write(data)
        except OSError as exc:
            raise _write_error(exc, self.path) from None

    def commit(self) -> None:
        try:
            self.fh.flush()
            if self.durable:
                os.fsync(self.fh.fileno())
            fd = self.fh.fileno()
            os.fchmod(fd, self.mode)
            existing = self.existing
            if existing is not None and stat.S_ISREG(existing.st_mode):
                if (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
                    # Keep the owner too (as dos2unix does); only root may give a file away.
                    with contextlib.suppress(OSError):
                        os.fchown(fd, existing.st_uid, existing.st_gid)
                _copy_xattrs(self.target, fd)
            self.fh.close()
            if self.expect is not None:
                try:
                    now = os.stat(self.name, dir_fd=self.dir_fd)
                except OSError:
                    now = None
                if now is None or not same_version(now, self.expect):
                    raise MojifixError(
                        "changed by another program while it was being fixed",
                        "left as that program left it; run mojifix again", self.path)
            os.replace(self.tmp, self.name, src_dir_fd=self.dir_fd, dst_dir_fd=self.dir_fd)
            self.committed = True
        except OSError as exc:
            raise _write_error(exc, self.path) from None
        finally:
            self.discard()

    def discard(self) -> None:
        if not self.fh.closed:
            with contextlib.suppress(OSError):  # closing flushes, which fails again on a full disk
                self.fh.close()
        if self.dir_fd >= 0:
            if not self.committed:
                with contextlib.suppress(OSError):
                    os.unlink(self.tmp, dir_fd=self.dir_fd)
            os.close(self.dir_fd)
            self.dir_fd = -1

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


class _PassThrough:
    """The :class:`AtomicFile` interface over a FIFO, a character device or stdout/stderr."""

    def __init__(self, path: str) -> None:
        self.path = path
        fd = _STD_STREAMS.get(path)
        try:
            if fd is not None:
                self.fh: BinaryIO = os.fdopen(os.dup(fd), "wb")
            else:
                self.fh = open(path, "wb")  # closed by commit/discard
        except OSError as exc:
            raise _write_error(exc, path, "check the output") from None

    def write(self, data: bytes) -> None:
        try:
            self.fh.write(data)
        except OSError as exc:
            raise _write_error(exc, self.path, "check the output") from None

    def commit(self) -> None:
        try:
            self.fh.close()
        except OSError as exc:
            raise _write_error(exc, self.path, "check the output") from None

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.fh.close()

    def __enter__(self) -> _PassThrough:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def open_output(path: str, mode: int | None = None, durable: bool = True, *,
                expect: os.stat_result | None = None,
                beneath: str | None = None) -> AtomicFile | _PassThrough:
    """The writer for ``path``: atomic for regular files (new or existing), through for the
    special files a user names with ``-o`` (FIFOs, character devices, ``/dev/stdout``)."""
    if beneath is None:
        if path in _STD_STREAMS:
            return _PassThrough(path)
        try:
            st = os.stat(path)
        except OSError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            if stat.S_ISDIR(st.st_mode):
                raise _write_error("it is a folder", path, "name a file")
            if stat.S_ISBLK(st.st_mode):
                raise _write_error("it is a block device", path, "name a file")
            return _PassThrough(path)
    return AtomicFile(path, mode, durable, expect=expect, beneath=beneath)


def atomic_write(path: str, data: bytes | str, mode: int | None = None, durable: bool = True, *,
                 expect: os.stat_result | None = None, beneath: str | None = None) -> None:
    """Write ``data`` to ``path`` with :func:`open_output` (atomically for regular files); a
    ``str`` is written as UTF-8 (raw bytes kept as surrogates go back as they came), encoded
    piece by piece (:func:`encoded_pieces`).

    ``durable=False`` skips the per-file fsync: the rename is still atomic for a process that
    dies (kill -9), but not for a power cut until the caller syncs (``--out-dir`` runs call
    ``os.sync()`` once at the end instead of paying an fsync per new file).
    """
    with open_output(path, mode, durable, expect=expect, beneath=beneath) as fh:
        for piece in encoded_pieces(data):
            fh.write(piece)
        fh.commit()


_PIECE_CHARS = 1 << 20


def encoded_pieces(data: bytes | str) -> Iterator[bytes]:
    """``data`` as bytes to write: bytes as they are; a str as UTF-8 (surrogateescape), a
    million characters at a time. WHY in pieces: the whole encoded copy of a big text is up to
    4x its characters more memory at the peak of a run, next to the text itself; a piece is
    a few MB. (A code point is encoded on its own, so any cut between two is safe.)"""
    if isinstance(data, str):
        for start in range(0, len(data), _PIECE_CHARS):
            yield data[start:start + _PIECE_CHARS].encode("utf-8", "surrogateescape")
    else:
        yield data


def write_output(path: str | None, data: bytes | str, *, expect: os.stat_result | None = None) -> None:
    """Write to stdout (``None`` or ``-``) or to a file (atomically) or special file (through);
    a ``str`` as UTF-8, in pieces (:func:`encoded_pieces`)."""
    if path in (None, "-"):
        for piece in encoded_pieces(data):
            sys.stdout.buffer.write(piece)
        sys.stdout.buffer.flush()
    else:
        atomic_write(path, data, expect=expect)
