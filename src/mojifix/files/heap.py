"""Where the C allocator puts big strings, for a process about to repair a big document held whole.

Why a module of its own: it is about the process, not the text. CPython builds a repaired
document by growing one string in place (``out += block``: :func:`mojifix.engine.pipeline.apply_edits`,
:meth:`mojifix.fixers.repairedlines.RepairedLines.joined`), which is a ``realloc``. glibc serves a
block above its mmap threshold with ``mmap`` and then grows it with ``mremap``, copying nothing;
but it raises that threshold (up to 32 MiB) each time such a block is freed, and from then on a
string of tens of MB lives on the heap, where growing it past a neighbour is malloc, copy and
free: the whole document twice at that moment. Fixing the threshold at glibc's own initial value
(128 KiB) turns that adjustment off. Measured on 20 MB of French UTF-8 read as cp1252 with U+FFFD
holes (peak RSS, ``bench/memory.py``'s file): ``check`` 177 -> 141 MB, ``fix -o`` 155 -> 132 MB,
and both faster (issue 20: every command within 100 MB + 3x the file).

Only the command line calls it, and only before a big input: the CLI owns its process, while a
library call must not change its host's allocator. Elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import Any

BIG = 1 << 20  # bytes: smaller inputs never grow a string past the threshold's range
_M_MMAP_THRESHOLD = -3  # glibc's malloc.h
_THRESHOLD = 128 * 1024  # glibc's default, held fixed


def before_big_input(size: int) -> None:
    """Fix glibc's mmap threshold before a document of ``size`` bytes is held whole (see the
    module docstring); nothing for a small one, or off glibc."""
    if size >= BIG and (libc := _glibc()) is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, _THRESHOLD)


@cache
def _glibc() -> Any:
    """The process's C library when it is glibc (which has this ``mallopt`` setting), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # noqa: B018 - glibc only (musl's mallopt ignores it)
    except (OSError, AttributeError):
        return None
    return libc
