"""What check lists: ``file-kind`` notes on files that need nothing else, and where a finding points.

QA 26: ``check``'s summary counted them ("file-kind: 2 files" for a run that scanned one file,
one row per note) but listed them nowhere, not with ``-v``, not in the JSON output's files: a user
could not find which files the row was about.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mojifix.cli import main

APP = 'AMP = "&amp;"\nZW = "a\u200bb"\n'


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "app.py"


def test_a_file_with_two_notes_is_one_file_of_the_row(app: Path) -> None:
    res = CliRunner().invoke(main, ["check", "app.py", "--output-format", "json"])
    assert res.exit_code == 0
    summary = json.loads(res.stdout)["summary"]
    assert summary["findings"] == {"file-kind": {"files": 1, "count": 2}}


def test_the_notes_are_listed_with_v_and_in_json(app: Path) -> None:
    res = CliRunner().invoke(main, ["check", "app.py", "-v"])
    assert res.exit_code == 0
    assert res.stdout == ("app.py:1:1: file-kind: entities left alone: source code (decided from "
                          "the file name)\napp.py:1:1: file-kind: zero-width characters left alone: "
                          "source code (decided from the file name)\n")
    assert CliRunner().invoke(main, ["check", "app.py"]).stdout == ""  # (without -v: quiet)
    files = json.loads(CliRunner().invoke(main, ["check", "app.py", "--output-format", "json"]).stdout)["files"]
    assert [(f["path"], f["status"], [n["kind"] for n in f["findings"]]) for f in files] == [
        ("app.py", "clean", ["file-kind", "file-kind"])]
    assert app.read_text(encoding="utf-8") == APP


def test_a_finding_points_at_its_first_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """QA 26: line 1 repaired as Latin-1 and line 3 as windows-1252 make one finding of 3
    places; check (text and GitHub) pointed at line 3, explain and the JSON at line 1."""
    (tmp_path / "f.txt").write_text("Why does my text show Ã©?\n\nWhen UTF-8 is decoded as "
                                    "Latin-1, é becomes Ã© and ’ becomes â€™.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "f.txt", "-q"])
    assert res.stdout == ("f.txt:1:23: mojibake: UTF-8 read as windows-1252: 3 places, 3 characters "
                          "changed (first: 'Ã©' → 'é')\n")
    res = CliRunner().invoke(main, ["check", "f.txt", "-q", "--output-format", "github"])
    assert res.stdout.startswith("::error file=f.txt,line=1,col=23,")
