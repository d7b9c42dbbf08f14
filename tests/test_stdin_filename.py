"""The kind of file comes from the file name wherever one is known: ``--stdin-filename`` for
stdin (``fix``, ``check``, ``explain``), exactly as for a file of that name (``--file-kind-for``
rules and settings included), and ``explain FILE`` decides as ``fix FILE`` does (a QA pass:
``git show HEAD:src/app.js | mojifix check - --stdin-filename src/app.js`` flagged the
``&nbsp;`` that ``mojifix check src/app.js`` rightly left alone).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from mojifix.cli import main

CODE = b'x = "&amp;"\n'
JS = b'const space = "&nbsp;";\n'


def _run(*args: str, input: bytes | None = None, cwd: Path | None = None):
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args), input=input)
    finally:
        os.chdir(old)


@pytest.mark.parametrize(("name", "data"), [("a.py", CODE), ("src/app.js", JS)])
def test_fix_stdin_takes_the_kind_from_stdin_filename(tmp_path, name, data):
    res = _run("fix", "-", "--stdin-filename", name, input=data, cwd=tmp_path)
    assert res.exit_code == 0 and res.stdout_bytes == data


def test_check_stdin_agrees_with_check_of_the_file(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "app.js").write_bytes(JS)
    on_disk = _run("check", "-q", "src/app.js", cwd=tmp_path)
    piped = _run("check", "-q", "-", "--stdin-filename", "src/app.js", input=JS, cwd=tmp_path)
    assert on_disk.exit_code == piped.exit_code == 0
    assert on_disk.stdout == piped.stdout == ""


def test_a_name_that_says_nothing_leaves_the_content_to_decide(tmp_path):
    # .txt says nothing about the kind: the content decides, as for a file named a.txt.
    res = _run("fix", "-", "--stdin-filename", "a.txt", input=CODE, cwd=tmp_path)
    assert res.exit_code == 0 and res.stdout_bytes == b'x = "&"\n'
    res = _run("check", "-", "--stdin-filename", "a.txt", input=CODE, cwd=tmp_path)
    assert res.exit_code == 1
    assert res.stdout.startswith("a.txt:1:6: html-entities: ")
    # Without a name, stdin is sniffed as before (a plain assignment shows no sign of code).
    res = _run("fix", "-", input=CODE, cwd=tmp_path)
    assert res.exit_code == 0 and res.stdout_bytes == b'x = "&"\n'


def test_file_kind_for_rules_apply_to_the_stdin_name(tmp_path):
    rule = ("--file-kind-for", "legacy/*.txt=code")
    for command in ("fix", "check"):
        res = _run(command, "-q", "-", "--stdin-filename", "legacy/a.txt", *rule, input=CODE,
                   cwd=tmp_path)
        assert res.exit_code == 0, (command, res.output)
        assert res.stdout_bytes == (CODE if command == "fix" else b"")
    res = _run("check", "-q", "-", "--stdin-filename", "other/a.txt", *rule, input=CODE, cwd=tmp_path)
    assert res.exit_code == 1


def test_settings_rules_apply_to_the_stdin_name(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.mojifix]\nfile-kind-for = ["*.txt=code"]\n')
    for command in ("fix", "check"):
        res = _run(command, "-q", "-", "--stdin-filename", "b.txt", input=CODE, cwd=tmp_path)
        assert res.exit_code == 0, (command, res.output)
        assert res.stdout_bytes == (CODE if command == "fix" else b"")
    res = _run("explain", "-", "--stdin-filename", "b.txt", input=CODE, cwd=tmp_path)
    assert res.exit_code == 0 and res.stdout.splitlines()[-1].startswith("result: clean")


def test_fix_stdin_errors_name_the_stdin_filename(tmp_path):
    res = _run("fix", "-", "--stdin-filename", "a.py", "--encoding", "ascii", input=b"caf\xe9\n",
               cwd=tmp_path)
    assert res.exit_code == 2
    assert res.stderr.startswith("mojifix: error: a.py: ") and res.stderr.count("\n") == 1


def test_explain_file_decides_the_kind_as_fix_does(tmp_path):
    (tmp_path / "fk.py").write_bytes(CODE)
    res = _run("explain", "fk.py", cwd=tmp_path)
    assert res.exit_code == 0
    assert res.stdout.splitlines() == [
        "fk.py: 12 bytes",
        "1. bytes -> text: decoded as ascii",
        "2. file-kind: entities left alone: source code (decided from the file name) (confidence 100%)",
        "   evidence: code",
        "result: clean; 'mojifix fix' leaves the file byte for byte as it is",
    ]
    fixed = _run("fix", "fk.py", cwd=tmp_path)
    assert fixed.exit_code == 0 and fixed.stdout_bytes == CODE


def test_explain_stdin_with_and_without_a_name(tmp_path):
    named = _run("explain", "-", "--stdin-filename", "q.js", input=CODE, cwd=tmp_path)
    assert named.exit_code == 0 and named.stdout.startswith("q.js: 12 bytes\n")
    assert named.stdout.splitlines()[-1].startswith("result: clean")
    bare = _run("explain", "-", input=CODE, cwd=tmp_path)
    assert bare.exit_code == 0 and bare.stdout.startswith("<stdin>: 12 bytes\n")
    assert bare.stdout.splitlines()[-1].startswith("result: the text changes")
