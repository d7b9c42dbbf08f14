"""A folder that cannot be listed is an error of the run, not a skip (files/discover.py).

A new user's QA: ``check`` over a tree with a sub-folder it could not list (permission denied)
exited 0, and with ``-q`` printed nothing: a garbled file inside was never checked and CI
passed. An unreadable file was already an error (exit 2); an unreadable folder now is too, in
``check``, ``fix`` and ``detect``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from mojifix.cli import main
from mojifix.files import discover


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "t" / "secret").mkdir(parents=True)
    (tmp_path / "t" / "ok.txt").write_text("hello\n")
    (tmp_path / "t" / "secret" / "bad.txt").write_text("cafÃ© au lait\n")
    secret = str(tmp_path / "t" / "secret")
    real = os.scandir

    def scandir(path):  # as a folder without read permission answers (root reads any)
        if os.path.abspath(path) == secret:
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(discover.os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    return tmp_path / "t"


@pytest.mark.parametrize("args", [["check", "t", "-q"], ["check", "t"], ["fix", "-i", "t", "-q"],
                                  ["detect", "t"]])
def test_an_unlistable_folder_fails_the_run(tree: Path, args: list[str]) -> None:
    res = CliRunner().invoke(main, [*args, "--jobs", "1"] if args[0] != "detect" else args)
    assert res.exit_code == 2, res.output
    assert "cannot list folder: Permission denied (check its permissions)" in res.output
    assert (tree / "ok.txt").read_text() == "hello\n"


def test_a_path_too_long_gets_its_own_remedy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """QA 26: "File name too long (check its permissions)": the remedy did not fit the error."""
    (tmp_path / "t" / "deep").mkdir(parents=True)
    deep = str(tmp_path / "t" / "deep")
    real = os.scandir

    def scandir(path):  # as a path over PATH_MAX answers
        if os.path.abspath(path) == deep:
            raise OSError(36, "File name too long", path)
        return real(path)

    monkeypatch.setattr(discover.os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "t", "--jobs", "1"])
    assert res.exit_code == 2
    assert ("cannot list folder: File name too long (its path is too long to open; run mojifix "
            "from a folder nearer to it)") in res.output


@pytest.mark.parametrize("glob", ["*.[md", "docs/[!a", "x["])
def test_an_unclosed_bracket_in_a_glob_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  glob: str) -> None:
    """QA 26: ``check --include '*.[md'`` (a typo) matched nothing, scanned no file and exited
    0, silent with -q: a CI job passed a garbled file. git reads such a bracket literally;
    on the command line and in settings it is an error naming the glob. ``\\[`` is a literal
    bracket; a closed set still works."""
    (tmp_path / "notes.md").write_text("cafÃ©\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for option in ("--include", "--exclude"):
        res = CliRunner().invoke(main, ["check", ".", option, glob, "-q"])
        assert res.exit_code == 2
        assert res.output == (f"mojifix: error: invalid glob {glob!r}: '[' is not closed "
                              "(close it, or write \\[ for a literal bracket)\n")
    assert CliRunner().invoke(main, ["check", ".", "--include", "*.[m]d", "-q"]).exit_code == 1
    assert CliRunner().invoke(main, ["check", ".", "--include", "\\[x", "-q"]).exit_code == 0
