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
  the folder being walked (``*.txt`` anywhere, ``docs/*.md`` anchored, ``build/`` a folder).
* Symbolic links met in a walk are skipped (reported) unless ``follow_symlinks``; a named
  symlink is taken. Sockets, FIFOs and devices are skipped: reading a FIFO would hang.
* mojifix's own temp files (``.mojifix-*.tmp``, left behind only if a run is killed between
  creating one and renaming it) are never taken as input.

Binary files are not detected here but by the decoder (a NUL byte or no plausible encoding),
which the batch runner reports as skipped.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pathspec


@dataclass(frozen=True)
class Entry:
    """A file to process, or (``skip`` set) one that was found and deliberately left alone."""

    path: str  # as the user would write it (joined onto the argument they gave)
    rel: str  # relative to the walked root (its base name for a named file); used by --out-dir
    size: int = 0
    skip: str = ""  # reason, e.g. "symlink", "not a regular file"


@dataclass(frozen=True)
class Rules:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    gitignore: bool = True
    follow_symlinks: bool = False
    prune: tuple[str, ...] = ()  # absolute folders never entered (e.g. the --out-dir)


def _spec(patterns: Iterable[str]) -> pathspec.GitIgnoreSpec | None:
    lines = [p for p in patterns if p.strip()]
    return pathspec.GitIgnoreSpec.from_lines(lines) if lines else None


def _read_ignore(path: str) -> pathspec.GitIgnoreSpec | None:
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as fh:
            return _spec(fh.read().splitlines())
    except OSError:
        return None


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
    ignores = _Ignores(root) if rules.gitignore else None
    pruned = {os.path.abspath(p) for p in rules.prune}
    seen: set[tuple[int, int]] = set()

    def visit(folder: str, rel_folder: str) -> Iterator[Entry]:
        try:
            st = os.stat(folder)
            key = (st.st_dev, st.st_ino)
            if key in seen:  # a symlink loop when following links
                return
            seen.add(key)
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc_:
            yield Entry(folder, rel_folder or ".", skip=f"cannot list folder: {exc_.strerror}")
            return
        pushed = False
        if ignores is not None:
            spec = _read_ignore(os.path.join(folder, ".gitignore"))
            if spec:
                ignores.layers.append((os.path.abspath(folder), spec))
                pushed = True
        try:
            for e in entries:
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
                    if exc is not None and exc.match_file(rel + "/"):
                        continue
                    if ignores is not None and ignores.ignored(os.path.abspath(path), True):
                        continue
                    yield from visit(path, rel)
                    continue
                if e.name.startswith(".mojifix-") and e.name.endswith(".tmp"):
                    continue  # our own temp file, left by a run killed mid-write
                if exc is not None and exc.match_file(rel):
                    continue
                if inc is not None and not inc.match_file(rel):
                    continue
                if ignores is not None and ignores.ignored(os.path.abspath(path), False):
                    continue
                try:
                    st = os.stat(path) if rules.follow_symlinks else e.stat(follow_symlinks=False)
                except OSError as exc_:
                    yield Entry(path, rel, skip=f"cannot stat: {exc_.strerror}")
                    continue
                if not stat.S_ISREG(st.st_mode):
                    yield Entry(path, rel, skip="not a regular file")
                    continue
                yield Entry(path, rel, st.st_size)
        finally:
            if pushed and ignores is not None:
                ignores.layers.pop()

    yield from visit(root, "")


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
        if exc is not None and (exc.match_file(raw.replace(os.sep, "/")) or exc.match_file(name)):
            continue
        if not stat.S_ISREG(st.st_mode):
            yield Entry(raw, name, skip="not a regular file")
            continue
        yield Entry(raw, name, st.st_size)
