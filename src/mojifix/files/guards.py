"""Where a run may read and write: refusals and de-duplication decided before any file is touched.

Why a module of its own: a repair tool that writes into the wrong place destroys the very data it
was asked to save. Every rule here compares real places (symlinks resolved, or device and inode),
not the strings the user typed, so ``./a``, ``a/`` and a link to ``a`` are one place:

* ``--out-dir`` may not be an input folder, lie inside one, or contain an input (file or folder):
  each of those lets a copy land on an input or the run read its own output.
* ``--report`` may not name an input file or the ``-o`` output.
* A file reached twice in one run (named twice, through a symlink, or as ``DIR`` and
  ``DIR/file``) is processed once: repairing it twice would repair the repair (``&amp;lt;``).
  "The same file" is the same resolved name, not the same inode: two hard links are two names,
  and since an in-place rewrite gives the name written a new file (the other name keeps the old
  content, as with dos2unix), each name must be repaired once, from the original bytes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..errors import MojifixError

if TYPE_CHECKING:  # discover imports pathspec: not needed to check one file or stdin
    from .discover import Entry


def _within(child: str, parent: str) -> bool:
    """``child`` is ``parent`` or below it (both absolute, normalised)."""
    return child == parent or child.startswith(parent.rstrip(os.sep) + os.sep)


def check_out_dir(out_dir: str, inputs: Iterable[str]) -> None:
    """Raise :class:`MojifixError` when ``out_dir`` and an input overlap."""
    out = os.path.realpath(out_dir)
    for path in inputs:
        if path == "-":
            continue
        real = os.path.realpath(path)
        if real == out:
            raise MojifixError(f"--out-dir {out_dir} is an input folder; use --in-place to rewrite "
                               "it", "or choose an --out-dir outside the inputs")
        if _within(real, out) or _within(os.path.abspath(path), out):
            raise MojifixError(f"--out-dir {out_dir} contains the input {path}",
                               "choose an --out-dir outside the inputs")
        if os.path.isdir(real) and _within(out, real):
            raise MojifixError(f"--out-dir {out_dir} is inside the input folder {path}",
                               "choose an --out-dir outside the inputs")


def _key(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _name(path: str) -> str | None:
    try:
        return os.path.realpath(path, strict=True)
    except OSError:
        return None


def check_report(report: str | None, inputs: Iterable[str], output: str | None = None) -> None:
    """Raise :class:`MojifixError` when the report would overwrite an input or the output."""
    if report in (None, "-"):
        return
    assert report is not None
    if output not in (None, "-") and os.path.realpath(report) == os.path.realpath(output):
        raise MojifixError(f"--report {report} is also the -o output", "name another report file")
    # Its folder is asked before any file is written: a report that cannot be written after the
    # repairs were would say "nothing was changed" of files that were (a new user's QA).
    folder = os.path.dirname(os.path.abspath(report))
    if not os.path.isdir(folder):
        raise MojifixError(f"--report {report}: no such folder {folder}", "create it, or name another report file")
    key = _key(report)
    if key is None:
        return  # a new file cannot be an input
    for path in inputs:
        if path != "-" and _key(path) == key:
            raise MojifixError(f"--report {report} is an input file ({path})",
                               "write the report outside the inputs")


def unique(entries: Sequence[Entry]) -> list[Entry]:
    """The entries with each file once (by resolved name); the others become skipped entries.

    Of the names reaching one file, the first that is not a symlink is kept (the file's own
    name is what a person looks for in a report), else the first.
    """
    keys = [None if e.skip or e.size < 0 or e.path == "-" else _name(e.path) for e in entries]
    keep: dict[str, int] = {}
    for i, (e, key) in enumerate(zip(entries, keys, strict=True)):
        if key is None:
            continue
        if key not in keep or (os.path.islink(entries[keep[key]].path) and not os.path.islink(e.path)):
            keep[key] = i
    from .discover import Entry

    out: list[Entry] = []
    for i, (e, key) in enumerate(zip(entries, keys, strict=True)):
        if key is not None and keep[key] != i:
            kept = entries[keep[key]].path
            out.append(Entry(e.path, e.rel, e.size, skip=f"duplicate (same file as {kept})"))
        else:
            out.append(e)
    return out
