"""Finding the files a batch run should look at, the way ruff and ripgrep do.

Why a module of its own: which files a tool touches is the first thing a user must be able to
predict. The rules, in order:

* A path named on the command line is always taken (a file) or walked (a directory); only
  ``--exclude`` can drop a named file, so a pre-commit hook's ``args: [--exclude ...]`` works.
  Gitignore, hidden-folder and ``--include`` rules apply to what a walk finds.
* Hidden folders (``.git``, ``.venv``, ``.tox``, any name starting with ``.``) are not entered.
* ``.gitignore`` files are honoured (``--no-gitignore`` turns that off): the ones in the walked
  folders and in their parents up to the repository root (the folder holding ``.git``), plus
  ``.git/info/exclude``, with git's rules (later and deeper patterns win, ``!`` re-includes,
  ``dir/`` matches folders only). A folder named on the command line is walked even when it
  is itself ignored; the rules still apply to what is inside it. Matching uses the small, well-kept ``pathspec`` library, which
  black also depends on.
* ``--include`` / ``--exclude`` take gitignore-style globs matched against the path relative to
  the folder being walked (``*.txt`` anywhere, ``docs/*.md`` anchored, ``build/`` a folder);
  from a settings file, relative to that file's folder (:func:`_under`).
* Symbolic links met in a walk are skipped (reported) unless ``follow_symlinks``; a named
  symlink is taken. Sockets, FIFOs and devices met in a walk are skipped: reading a FIFO
  nobody writes to would hang (ignore files too are read only when they are regular files).
  A FIFO or device the user *names* (``check <(cmd)``, ``/dev/stdin``) is read as a stream,
  except under ``--in-place``, which cannot rewrite it.
* mojifix's own temp files (``.mojifix-*.tmp``, left behind only if a run is killed between
  creating one and renaming it) are never taken as input.
* mojifix's own reports met in a walk are skipped ("mojifix report"): a report written inside
  the scanned folder quotes garbled text, and the next run must not flag or "repair" it. See
  :func:`is_report`.

Binary files are not detected here but by the decoder (a NUL byte or no plausible encoding),
which the batch runner reports as skipped.
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pathspec

from ..errors import MojifixError

_log = logging.getLogger("mojifix")
# An ignore file is a few lines; a bigger one is read this far (a mistake, or not one at all).
_MAX_IGNORE_BYTES = 1 << 20


# The marks mojifix puts in the first bytes of its reports (htmlreport.GENERATOR; the JSON
# report's first key; the JSONL report's header line).
_REPORT_SUFFIXES = (".html", ".htm", ".json", ".jsonl")
_HTML_MARK = b'<meta name="generator" content="mojifix'
_JSON_MARK = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"mojifix"\s*:')
REPORT_HEAD = 1024


def is_report(path: str) -> bool:
    """Whether ``path`` is a report mojifix wrote: an ``.html``/``.htm`` file holding the
    generator mark, or a ``.json``/``.jsonl`` file whose first key is ``"mojifix"``, within its
    first 1 KB.

    Why only those suffixes and only 1 KB: reports are only ever written under those names, and
    the mark is in the first few hundred bytes of each (the page's ``<head>`` opens with it); a
    walk must not read more than a glance of every file, and most files are not looked at
    at all. A file that cannot be opened is not a report here (reading it reports the error).
    """
    if not path.lower().endswith(_REPORT_SUFFIXES):
        return False
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        head = os.read(fd, REPORT_HEAD)
    except OSError:
        return False
    finally:
        os.close(fd)
    if path.lower().endswith((".html", ".htm")):
        return _HTML_MARK in head
    return _JSON_MARK.match(head) is not None


@dataclass(frozen=True)
class Entry:
    """A file to process, or (``skip`` set) one that was found and deliberately left alone."""

    path: str  # as the user would write it (joined onto the argument they gave)
    rel: str  # relative to the walked root (its base name for a named file); used by --out-dir
    size: int = 0
    skip: str = ""  # reason, e.g. "symlink", "not a regular file"
    # Skipped because it could not be looked at (a folder that cannot be listed, a file that
    # cannot be stat'ed), not by choice: an error of the run, as an unreadable file is, so that
    # ``check`` does not pass a tree it never read (a new user's QA: exit 0, nothing printed
    # with -q, a garbled file inside never checked).
    failed: bool = False
    stream: bool = False  # a named FIFO or device: read it as a stream, in this process


@dataclass(frozen=True)
class Rules:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    gitignore: bool = True
    follow_symlinks: bool = False
    prune: tuple[str, ...] = ()  # absolute folders never entered (e.g. the --out-dir)
    named_streams: bool = True  # read a named FIFO/device (False: skip it, e.g. for --in-place)
    # The folder ``include``/``exclude`` are anchored at when they come from a settings file
    # (its folder: see :func:`_under`); None: the folder walked, as the command line's are.
    include_base: str | None = None
    exclude_base: str | None = None


def _under(path: str, base: str | None) -> str | None:
    """``path`` relative to ``base`` ("" for ``base`` itself, "/"-separated), or None where
    ``base`` is None or ``path`` is not inside it (its globs then match from the folder walked).

    Why: a project's ``exclude = ["docs/legacy/"]`` matched from each folder walked left the file
    out of ``check .`` but not of ``check docs`` or ``fix -i docs``, which rewrote a file the
    project had excluded on purpose (QA 26). Anchored at the settings file's folder, as ruff's and
    black's globs are (and mojifix's ``file-kind-for``), it names the same files however mojifix
    is called."""
    if base is None:
        return None
    rel = os.path.relpath(os.path.abspath(path), base)
    if rel == ".":
        return ""
    if rel == ".." or rel.startswith(".." + os.sep):
        return None
    return rel.replace(os.sep, "/")


def _spec(patterns: Iterable[str], source: str | None = None) -> pathspec.GitIgnoreSpec | None:
    """The patterns as one spec. A line that is not a valid pattern (``[z-a]``, ``foo\\``, a lone
    ``!``) is dropped with a warning when it comes from an ignore file ``source``, as git drops
    it; the other lines still apply. A bad ``--include``/``--exclude`` glob (``source`` None) is
    the user's own typo: a :class:`MojifixError` (a usage error)."""
    numbered = [(n, p) for n, p in enumerate(patterns, 1) if p.strip()]
    if not numbered:
        return None
    if source is None:
        for _, line in numbered:
            if _unclosed_bracket(line):
                raise MojifixError(f"invalid glob {line!r}: '[' is not closed",
                                   "close it, or write \\[ for a literal bracket")
    try:
        return pathspec.GitIgnoreSpec.from_lines([p for _, p in numbered])
    except Exception:  # pathspec raises its own errors and re.error: find the culprits
        pass
    good = []
    for number, line in numbered:
        try:
            pathspec.GitIgnoreSpec.from_lines([line])
        except Exception:
            if source is None:
                raise MojifixError(f"invalid glob {line!r}", "fix the --include/--exclude pattern") from None
            from .names import display_path

            _log.warning("mojifix: warning: %s:%d: invalid pattern %s ignored (as git does)",
                         display_path(source), number, display_path(repr(line)))
            continue
        good.append(line)
    return pathspec.GitIgnoreSpec.from_lines(good) if good else None


def _remedy(exc: OSError) -> str:
    """What to do about a folder that cannot be listed ("check its permissions" was said for a
    path too long as well: QA 26)."""
    import errno

    if exc.errno in (errno.EACCES, errno.EPERM):
        return "check its permissions"
    if exc.errno == errno.ENAMETOOLONG:
        return "its path is too long to open; run mojifix from a folder nearer to it"
    return "check the path"


def _unclosed_bracket(pattern: str) -> bool:
    """Whether ``pattern`` opens a ``[`` set it never closes (``*.[md``). git and pathspec read
    such a bracket as a literal one, so the glob matched nothing: ``check --include '*.[md'``
    scanned no file and passed (QA 26). On the command line and in settings it is a typo."""
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            j = i + 1
            if j < n and pattern[j] in "!^":
                j += 1
            if j < n and pattern[j] == "]":  # a ']' first in the set is a member
                j += 1
            close = pattern.find("]", j)
            if close < 0:
                return True
            i = close + 1
            continue
        i += 1
    return False


def _read_ignore(path: str) -> pathspec.GitIgnoreSpec | None:
    """The spec of an ignore file, or None. Only a regular file is read: the file is opened
    without blocking and checked with ``fstat``, so a FIFO named ``.gitignore`` (or
    ``.git/info/exclude``) cannot stall the walk waiting for a writer."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            text = fh.read(_MAX_IGNORE_BYTES).decode("utf-8", "surrogateescape")
    except OSError:
        return None
    finally:
        os.close(fd)
    return _spec(text.splitlines(), path)


def _repo_root(folder: str) -> str | None:
    cur = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(cur, ".git")):
            return cur
        parent = os.path.dirname(cur)
        if parent == cur:
            return None
        cur = parent


class _Ignores:
    """The stack of (folder, spec) gitignore layers that apply at a point of the walk."""

    def __init__(self, root: str) -> None:
        self.layers: list[tuple[str, pathspec.GitIgnoreSpec]] = []
        self.neutral: dict[int, int] = {}  # layer -> index of the pattern ignoring the root
        top = _repo_root(root)
        if top is None:
            return
        info = _read_ignore(os.path.join(top, ".git", "info", "exclude"))
        if info:
            self.layers.append((top, info))
        # .gitignore files of the parents of root, from the repository root down.
        chain = []
        cur = os.path.abspath(root)
        while True:
            cur = os.path.dirname(cur)
            if len(cur) < len(top) or not cur.startswith(top):
                break
            chain.append(cur)
            if cur == top:
                break
        for folder in reversed(chain):
            spec = _read_ignore(os.path.join(folder, ".gitignore"))
            if spec:
                self.layers.append((folder, spec))
        # A folder the user names is walked even if it is ignored itself (as ripgrep does):
        # the pattern that ignores the named folder must not ignore everything inside it.
        for i, (folder, spec) in enumerate(self.layers):
            rel = os.path.relpath(os.path.abspath(root), folder).replace(os.sep, "/")
            hit = spec.check_file(rel + "/")
            if hit.include and hit.index is not None:
                self.neutral[i] = hit.index

    def ignored(self, abspath: str, is_dir: bool) -> bool:
        verdict = False
        for i, (folder, spec) in enumerate(self.layers):
            rel = os.path.relpath(abspath, folder).replace(os.sep, "/")
            if rel.startswith("../"):
                continue
            res = spec.check_file(rel + "/" if is_dir else rel)
            if res.include is not None and self.neutral.get(i) != res.index:
                verdict = res.include
        return verdict


def _walk(
    root: str, rules: Rules, inc: pathspec.GitIgnoreSpec | None, exc: pathspec.GitIgnoreSpec | None
) -> Iterator[Entry]:
    """Depth first, each folder's entries in name order. Iterative (an explicit stack of open
    folders, not recursion): a tree thousands of levels deep must not hit Python's recursion
    limit."""
    ignores = _Ignores(root) if rules.gitignore else None
    pruned = {os.path.abspath(p) for p in rules.prune}
    # Each glob set's key for an entry: its path from the walked folder, or from the settings
    # file's folder (the walked folder's place there, then the path from it): see _under.
    inc_at, exc_at = _under(root, rules.include_base), _under(root, rules.exclude_base)
    inc_prefix = "" if not inc_at else inc_at + "/"
    exc_prefix = "" if not exc_at else exc_at + "/"
    seen: set[tuple[int, int]] = set()
    # (the folder's entries still to look at, folder, its path relative to root, gitignore pushed)
    stack: list[tuple[Iterator[os.DirEntry[str]], str, str, bool]] = []

    def enter(folder: str, rel_folder: str) -> Entry | None:
        """Open a folder onto the stack; an Entry to report when it cannot be listed."""
        try:
            st = os.stat(folder)
            key = (st.st_dev, st.st_ino)
            if key in seen:  # a symlink loop when following links
                return None
            seen.add(key)
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc_:
            return Entry(folder, rel_folder or ".", skip=f"cannot list folder: {exc_.strerror} ({_remedy(exc_)})",
                         failed=True)
        pushed = False
        if ignores is not None:
            spec = _read_ignore(os.path.join(folder, ".gitignore"))
            if spec:
                ignores.layers.append((os.path.abspath(folder), spec))
                pushed = True
        stack.append((iter(entries), folder, rel_folder, pushed))
        return None

    failed = enter(root, "")
    if failed is not None:
        yield failed
    while stack:
        it, folder, rel_folder, pushed = stack[-1]
        e = next(it, None)
        if e is None:
            stack.pop()
            if pushed and ignores is not None:
                ignores.layers.pop()
            continue
        path = e.name if folder == "." else os.path.join(folder, e.name)
        rel = f"{rel_folder}/{e.name}" if rel_folder else e.name
        try:
            is_link = e.is_symlink()
            is_dir = e.is_dir(follow_symlinks=rules.follow_symlinks)
        except OSError:
            continue
        if is_link and not rules.follow_symlinks:
            yield Entry(path, rel, skip="symlink (not followed; pass --follow-symlinks)")
            continue
        if is_dir:
            if e.name.startswith(".") or os.path.abspath(path) in pruned:
                continue
            if exc is not None and exc.match_file(exc_prefix + rel + "/"):
                continue
            if ignores is not None and ignores.ignored(os.path.abspath(path), True):
                continue
            failed = enter(path, rel)
            if failed is not None:
                yield failed
            continue
        if e.name.startswith(".mojifix-") and e.name.endswith(".tmp"):
            continue  # our own temp file, left by a run killed mid-write
        if exc is not None and exc.match_file(exc_prefix + rel):
            continue
        if inc is not None and not inc.match_file(inc_prefix + rel):
            continue
        if ignores is not None and ignores.ignored(os.path.abspath(path), False):
            continue
        try:
            st = os.stat(path) if rules.follow_symlinks else e.stat(follow_symlinks=False)
        except OSError as exc_:
            yield Entry(path, rel, skip=f"cannot stat: {exc_.strerror} (check the path)", failed=True)
            continue
        if not stat.S_ISREG(st.st_mode):
            yield Entry(path, rel, skip="not a regular file")
            continue
        if is_report(path):
            yield Entry(path, rel, skip="mojifix report")
            continue
        yield Entry(path, rel, st.st_size)


def discover(paths: Iterable[str], rules: Rules | None = None) -> Iterator[Entry]:
    """Yield every file to process under ``paths`` (files and folders), in a stable order.

    A path that does not exist is yielded as an :class:`Entry` with size -1 so that the runner
    reports it as an error (the run goes on).
    """
    rules = rules or Rules()
    inc = _spec(rules.include)
    exc = _spec(rules.exclude)
    for raw in paths:
        if raw == "-":
            yield Entry("-", "-")
            continue
        try:
            st = os.stat(raw)
        except OSError:
            yield Entry(raw, os.path.basename(raw), -1)
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(raw.rstrip("/") or "/", rules, inc, exc)
            continue
        name = os.path.basename(raw)
        anchored = _under(raw, rules.exclude_base)
        if exc is not None and (exc.match_file(anchored) if anchored is not None else
                                exc.match_file(raw.replace(os.sep, "/")) or exc.match_file(name)):
            continue
        if not stat.S_ISREG(st.st_mode):
            # A FIFO, `<(cmd)`, /dev/stdin or a device the user names is read as a stream (its
            # writer is the user's own command), unless it would be rewritten in place.
            if rules.named_streams:
                yield Entry(raw, name, 0, stream=True)
            else:
                yield Entry(raw, name, skip="not a regular file (it cannot be rewritten in place)")
            continue
        yield Entry(raw, name, st.st_size)
