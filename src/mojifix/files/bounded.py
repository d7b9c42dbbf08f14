"""Reading one input whole, with bounds: ``/dev/zero`` or an endless stdin must not eat memory.

Why a module of its own: every whole-file read (``fix FILE``, ``detect``, each file of a batch)
must stop at the same limits, and the limits have to be explained the same way everywhere.

* **A size cap** (``--max-size``, default :data:`DEFAULT_MAX_SIZE`): a regular file bigger than
  the cap is refused before it is opened; a stream (stdin, a FIFO, a device) is read until the
  cap and then refused. Either way the error names the input and the remedy, exit code 2, and
  nothing is written. (``fix``, ``check`` and ``detect`` stream regular files bigger than 64 MB
  with bounded memory instead, at any size, see :mod:`mojifix.files.stream` and
  :mod:`mojifix.files.longline`, and ``fix FILE`` any file over the cap; the cap concerns whole
  reads only. Still read whole, and so refused over the cap: a run that lists every change
  (``--diff``, ``--report``, JSON output), stdin, and a big file that declares a legacy encoding.)
* **Binary detection on the first block** of a stream: NUL bytes that are not UTF-16/UTF-32
  text (the decoder's own test) end the read at once, so ``/dev/zero`` and ``/dev/urandom`` are
  refused as binary after 64 KiB instead of never. A regular file below the cap is read whole
  and the decoder decides, exactly as before. With ``--encoding`` forced the check is skipped,
  as the decoder skips it.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO

from ..errors import BinaryInputError, MojifixError

DEFAULT_MAX_SIZE = 256 << 20  # bytes; a text file this big is a corpus for `fix FILE` streaming
FIRST_BLOCK = 1 << 16
_UNITS = {"": 1, "B": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def parse_size(text: str) -> int:
    """``"256M"`` -> bytes (K, M, G, T are powers of 1024; ``KB``/``KiB`` alike); ``0`` means
    no limit. Raises ValueError on anything else."""
    s = text.strip().upper().removesuffix("IB").removesuffix("B")
    number, unit = (s[:-1], s[-1]) if s and s[-1] in _UNITS else (s, "")
    value = float(number)
    if value < 0 or value != value:
        raise ValueError(text)
    return int(value * _UNITS[unit])


def human_size(n: int) -> str:
    for unit in ("T", "G", "M", "K"):
        if n >= _UNITS[unit] and n % _UNITS[unit] == 0:
            return f"{n // _UNITS[unit]}{unit}"
    return f"{n} bytes"


def too_big(max_size: int, path: str | None = None, stream: bool = False,
            alone: bool = True) -> MojifixError:
    """The error for an input past the cap; ``alone`` adds the remedy of a batch (one file
    given alone to ``fix`` is streamed, with bounded memory, at any size)."""
    what = "the input goes on past" if stream else "larger than"
    return MojifixError(
        f"{what} the --max-size limit of {human_size(max_size)}",
        "nothing was written; raise --max-size (0 = no limit) if it really is one text"
        + (", or fix it alone with `mojifix fix FILE -o OUT`, which streams big files"
           if alone and not stream else ""),
        path,
    )


def _looks_binary(block: bytes) -> bool:
    """The decoder's test on the first block: NUL bytes and no BOM, not UTF-16/32 text."""
    if b"\x00" not in block:
        return False
    from ..decoding.decode import (  # lazily: only streams with NULs get here
        _utf16_without_bom,
        sniff_bom,
    )

    if sniff_bom(block)[0] is not None:
        return False
    return _utf16_without_bom(block) is None


def read_stream(fh: BinaryIO, max_size: int, sniff: bool = True, path: str | None = None) -> bytes:
    """Read a stream to its end, at most ``max_size`` bytes (0: no limit); raise
    :class:`BinaryInputError` when the first block looks binary (``sniff``), a
    :class:`MojifixError` (too big) past the cap. OS errors propagate."""
    parts: list[bytes] = []
    total = 0
    checked = not sniff
    while True:
        want = FIRST_BLOCK - total if not checked else 1 << 20
        if max_size:
            want = min(want, max_size + 1 - total)
        chunk = fh.read(want)
        if chunk:
            parts.append(chunk)
            total += len(chunk)
        if not checked and (total >= FIRST_BLOCK or not chunk):
            # A stream that ended within the first block is left to the decoder, which runs
            # the same test on all of it; on a full block the test can only call binary what
            # the decoder would call binary too (same sample, and both byte orders tried).
            checked = True
            if chunk and _looks_binary(b"".join(parts)):
                raise BinaryInputError(
                    "looks like binary data, not text (it contains NUL bytes)",
                    "pass --encoding if it really is text in an unusual encoding", path,
                )
        if max_size and total > max_size:
            raise too_big(max_size, path, stream=True)
        if not chunk:
            return b"".join(parts)


def read_bounded(path: str, max_size: int = DEFAULT_MAX_SIZE, sniff: bool = True) -> bytes:
    """The bytes of ``path`` (``-``: stdin) within the bounds above. OS errors propagate (the
    callers word them); :class:`MojifixError` for too big, :class:`BinaryInputError` for a
    binary stream."""
    if path == "-":
        return read_stream(sys.stdin.buffer, max_size, sniff, "<stdin>")
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        if stat.S_ISREG(st.st_mode):
            if max_size and st.st_size > max_size:
                raise too_big(max_size, path, alone=not _keeps_declaration(path, st.st_size))
            return read_stream(fh, max_size, sniff=False, path=path)  # the decoder decides
        return read_stream(fh, max_size, sniff, path)


def _keeps_declaration(path: str, size: int) -> bool:
    """Whether ``fix FILE`` would stream ``path`` and keep a legacy encoding declaration in its
    UTF-8 output (a file over 4 MB that declares one: files/streamable.declares_legacy); then
    the refusal does not send the user there."""
    from ..decoding.decode import HOLD_BYTES
    from .streamable import declares_legacy

    return size > HOLD_BYTES and declares_legacy(path)


def read_input(path: str, max_size: int = DEFAULT_MAX_SIZE, sniff: bool = True) -> bytes:
    """:func:`mojifix.files.fileio.read_input` (its one-line errors) within the bounds above."""
    from .fileio import read_input as read_whole

    if path != "-":
        try:
            st = os.stat(path)
        except OSError:
            return read_whole(path)  # its error
        if stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode):
            if max_size and st.st_size > max_size and stat.S_ISREG(st.st_mode):
                raise too_big(max_size, path, alone=False)  # fix FILE streams it unless --diff

            return read_whole(path)
    try:
        return read_bounded(path, max_size, sniff)
    except OSError as exc:
        raise MojifixError(f"cannot read: {exc.strerror or exc}", "check the file", path) from None
