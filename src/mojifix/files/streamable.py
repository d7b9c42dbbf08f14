"""Which inputs are streamed instead of held whole: a file with a very long line, a big file.

Why a module of its own: the stream (:mod:`mojifix.files.stream`) repairs chunks; whether a
given file goes there is a question every command asks first (``fix FILE``, and the batch
commands through :mod:`mojifix.files.longline`), answered on the bytes alone (a scan for
newlines, a size, the head's declaration) before any decoding. The bounds themselves stay in
stream.py (``STREAM_THRESHOLD``, ``LONG_LINE``: the environment may lower them), read here at
each call.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable

from . import stream


def has_long_line(path: str, bound: int | None = None, limit: int | None = None) -> bool:
    """Whether the regular file ``path`` (at most ``limit`` bytes) holds a line longer than
    ``bound`` bytes: then ``mojifix fix FILE`` streams it with ``hold=limit`` (every decision on
    the whole file) instead of holding it whole.

    Why: held whole, one line is repaired in one piece, and each stage (the chain screen's
    re-encodings, the fixers' edits and joins, the writer's parts) holds a few copies of it: a
    38 MB line peaked at 370 MB. Streamed, the line is cut at the safe places the stream cuts
    any long line at (:func:`iter_chunks`) and memory is bounded by the chunk. With every page
    decision made on the whole file (the reading by decode() itself, the file's kind and its
    declaration on the whole text, the chain and gloss evidence summed), and a file where the
    chain search gains anything refused (:class:`CutRefused`: held whole), the output is the
    held-whole repair byte for byte (``tests/test_long_line_stream.py``, on long lines of each
    kind of damage, and the stream-equivalence property). A scan of the bytes for newlines, at
    C speed: no decoding. (A UTF-16/32 file's newline holds a 0x0A byte too; at worst such a
    file is streamed, with the same result.) ``bound``/``limit``: LONG_LINE/STREAM_THRESHOLD."""
    bound = stream.LONG_LINE if bound is None else bound
    limit = stream.STREAM_THRESHOLD if limit is None else limit
    try:
        st = os.stat(path)  # before opening: a FIFO or device is not opened (nor read) here
        if not stat.S_ISREG(st.st_mode) or not (bound < st.st_size <= limit):
            return False
        with open(path, "rb") as fh:
            return _line_over(stream._read_blocks(fh), bound)
    except OSError:
        return False  # the held-whole road reports the error


def _line_over(blocks: Iterable[bytes], bound: int) -> bool:
    """Whether the bytes of ``blocks`` hold a line longer than ``bound`` bytes."""
    run = 0  # bytes since the last newline
    for block in blocks:
        lines = block.split(b"\n")
        if len(lines) > 1:
            if run + len(lines[0]) > bound or max(map(len, lines[1:-1]), default=0) > bound:
                return True
            run = 0
        run += len(lines[-1])
        if run > bound:
            return True
    return False


def is_big(path: str) -> bool:
    """Whether ``path`` is a regular file bigger than ``STREAM_THRESHOLD``: every command
    streams it as ``mojifix fix FILE`` does (held whole, its repair peaks at several times its
    size: a 94 MB file under ``check`` at 574 MB, one 94 MB line at 700-790 MB, where issue
    20's budget is 100 MB + 3x the file)."""
    try:
        st = os.stat(path)
    except OSError:
        return False  # the held-whole road reports the error
    return stat.S_ISREG(st.st_mode) and st.st_size > stream.STREAM_THRESHOLD


def declares_legacy(path: str) -> bool:
    """Whether the file ``path`` declares a legacy encoding where a declaration can stand (its
    head, its last lines: ``declared.find_in_bytes``). Streamed, a file bigger than
    ``HOLD_BYTES`` keeps its declaration (see :mod:`mojifix.files.stream`): a batch holds such a
    file whole instead, so that ``fix -i`` never leaves UTF-8 that declares another encoding."""
    from ..decoding.declared import HTML_HEAD

    try:
        with open(path, "rb") as fh:
            head = fh.read(HTML_HEAD)
            fh.seek(max(len(head), os.fstat(fh.fileno()).st_size - 1024))
            tail = fh.read(1024)
    except OSError:
        return False  # the held-whole road reports the error
    # (the head and the last KiB side by side: find_in_bytes reads such a short text whole,
    # the head's declarations at its start and the tail's Vim modelines in its last lines)
    return declares_legacy_bytes(head + b"\n" + tail)


def declares_legacy_bytes(data: bytes) -> bool:
    """:func:`declares_legacy` for bytes held (stdin read whole)."""
    from ..decoding.declared import find_in_bytes, is_utf8

    return any(not is_utf8(d.label) for d in find_in_bytes(data))


def held_has_long_line(data: bytes, bound: int | None = None) -> bool:
    """:func:`has_long_line` for input already read (stdin): ``data`` held as bytes is a
    fraction of its held repair (a line of 38 MB: 38 MB, against several hundred)."""
    bound = stream.LONG_LINE if bound is None else bound
    if not bound < len(data) <= stream.STREAM_THRESHOLD:
        return False
    view = memoryview(data)
    step = stream.READ_BYTES
    return _line_over((view[i:i + step].tobytes() for i in range(0, len(data), step)), bound)
