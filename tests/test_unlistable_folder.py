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
