"""A JSONL corpus that fails (no record holds ``--field``: a misspelt field) writes nothing:
``-o`` keeps the file it held, ``--out-dir`` gets no copy, ``-i`` leaves the corpus as it is.
A field missing from only some records is not a failure (those records pass through, as
docs/usage.md says). ``--field ''`` is a usage error (it meant ``text``, silently).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from mojifix.cli import main

CORPUS = b'{"body": "caf\\u00c3\\u00a9"}\n{"body": "ok"}\n'


def _run(tmp_path: Path, *args: str):
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)


def _one_error(res, needle: str) -> None:
    assert res.exit_code == 2
    assert res.stderr.startswith("mojifix: error: ") and needle in res.stderr
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr


@pytest.mark.parametrize("out", ["f3.out", "f.jsonl"])  # another file, or the input itself
def test_a_misspelt_field_leaves_the_output_file_as_it_was(tmp_path, out):
    (tmp_path / "f.jsonl").write_bytes(CORPUS)
    if out != "f.jsonl":
        (tmp_path / out).write_bytes(b"previous\n")
    before = (tmp_path / out).read_bytes()
    res = _run(tmp_path, "fix", "--jsonl", "--field", "nosuch", "f.jsonl", "-o", out)
    _one_error(res, "f.jsonl: no record has the field 'nosuch' (check --field)")
    assert (tmp_path / out).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"f.jsonl", out})  # no temp file


def test_a_misspelt_field_gets_no_out_dir_copy(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.jsonl").write_bytes(CORPUS)
    (tmp_path / "in" / "good.jsonl").write_bytes(b'{"nosuch": "caf\\u00c3\\u00a9"}\n')
    res = _run(tmp_path, "fix", "-q", "--jsonl", "--field", "nosuch", "in", "--out-dir", "od")
    _one_error(res, "bad.jsonl: no record has the field 'nosuch' (check --field)")
    assert sorted(p.name for p in (tmp_path / "od").rglob("*")) == ["good.jsonl"]
    assert (tmp_path / "od" / "good.jsonl").read_bytes() == b'{"nosuch": "caf\\u00e9"}\n'


def test_a_misspelt_field_leaves_the_corpus_in_place(tmp_path):
    (tmp_path / "f.jsonl").write_bytes(CORPUS)
    res = _run(tmp_path, "fix", "-q", "--jsonl", "--field", "nosuch", "f.jsonl", "-i")
    _one_error(res, "no record has the field 'nosuch'")
    assert (tmp_path / "f.jsonl").read_bytes() == CORPUS


def test_a_field_some_records_lack_is_no_failure(tmp_path):
    (tmp_path / "f.jsonl").write_bytes(CORPUS + b'{"other": 1}\n')
    (tmp_path / "f3.out").write_bytes(b"previous\n")
    res = _run(tmp_path, "fix", "--jsonl", "--field", "body", "f.jsonl", "-o", "f3.out")
    assert res.exit_code == 0 and res.stderr == ""
    assert (tmp_path / "f3.out").read_bytes() == \
        b'{"body": "caf\\u00e9"}\n{"body": "ok"}\n{"other": 1}\n'
    res = _run(tmp_path, "fix", "-q", "--jsonl", "--field", "body", "f.jsonl", "--out-dir", "od")
    assert res.exit_code == 0 and (tmp_path / "od" / "f.jsonl").read_bytes() == \
        (tmp_path / "f3.out").read_bytes()


@pytest.mark.parametrize("command", [("fix", "--jsonl"), ("check", "--jsonl"), ("fix",)])
def test_an_empty_field_is_a_usage_error(tmp_path, command):
    (tmp_path / "f.jsonl").write_bytes(b'{"text": "caf\\u00c3\\u00a9"}\n')
    (tmp_path / "f3.out").write_bytes(b"previous\n")
    res = _run(tmp_path, *command, "--field", "", "f.jsonl", *(["-o", "f3.out"] if command[0] == "fix" else []))
    if command == ("fix",):  # without --jsonl, that is what is said first
        _one_error(res, "--field names the field of a JSONL record; add --jsonl")
    else:
        _one_error(res, "--field is empty; name the field to repair")
    assert (tmp_path / "f3.out").read_bytes() == b"previous\n"


@pytest.mark.parametrize(("corpus", "message"), [
    # (a known defect) every record had the field, as null, and was told it had none
    (b'{"text": null}\n{"text": null}\n',
     "f.jsonl: no record has a string in the field 'text': in 2 of 2 records it is null or "
     "another non-string value (check --field)\n"),
    (b'{"text": {"body": "caf\\u00c3\\u00a9"}}\n{"other": 1}\n{"text": 3}\n',
     "f.jsonl: no record has a string in the field 'text': in 2 of 3 records it is null or "
     "another non-string value (check --field)\n"),
    (b'{"other": null}\n', "f.jsonl: no record has the field 'text' (check --field)\n"),
])
def test_a_field_no_record_holds_as_a_string_is_told_apart_from_an_absent_one(tmp_path, corpus, message):
    (tmp_path / "f.jsonl").write_bytes(corpus)
    for extra in ((), ("-o", "f3.out")):
        res = _run(tmp_path, "fix", "--jsonl", "f.jsonl", *extra)
        assert res.exit_code == 2
        assert res.stderr == f"mojifix: error: {message}"
    assert not (tmp_path / "f3.out").exists()


def test_a_misspelt_field_prints_nothing_on_stdout(tmp_path):
    # (a known defect) to stdout, every line was printed and then the error: a half-written
    # output, where -o and --out-dir write nothing
    (tmp_path / "f.jsonl").write_bytes(b'{"a": "caf\\u00c3\\u00a9"}\n\n{"a": 1}\n')
    res = _run(tmp_path, "fix", "--jsonl", "f.jsonl")
    assert res.exit_code == 2 and res.stdout_bytes == b""
    assert res.stderr == "mojifix: error: f.jsonl: no record has the field 'text' (check --field)\n"


def test_lines_held_back_until_a_record_has_the_field_come_out_in_order(tmp_path):
    corpus = b'{"a": 1}\n\nnot json\n{"text": "caf\\u00c3\\u00a9"}\n{"b": 2}\n{"text": "ok"}\n'
    (tmp_path / "f.jsonl").write_bytes(corpus)
    res = _run(tmp_path, "fix", "--jsonl", "f.jsonl")
    assert res.exit_code == 0
    assert res.stdout_bytes == corpus.replace(b"\\u00c3\\u00a9", b"\\u00e9")
    assert res.stderr == ("mojifix: warning: f.jsonl:3: invalid JSON: Expecting value at column 1; "
                          "line passed through unchanged\n")
    # a corpus of no record (blank and invalid lines only) is no failure: printed as it is
    (tmp_path / "g.jsonl").write_bytes(b"\nnot json\n")
    res = _run(tmp_path, "fix", "--jsonl", "g.jsonl")
    assert res.exit_code == 0 and res.stdout_bytes == b"\nnot json\n"


def test_the_held_lines_are_bounded(monkeypatch):
    import io

    from mojifix.config import Config
    from mojifix.files import jsonl

    corpus = b'{"a": 1}\n{"a": 2}\n{"a": 3}\n'
    written: list[bytes] = []
    res = jsonl.repair_jsonl(io.BytesIO(corpus), "text", Config(), written.append, hold=True)
    assert res.unfielded and written == []  # held, then dropped: the corpus failed
    monkeypatch.setattr(jsonl, "HOLD_LIMIT", 12)  # past it, the lines are written as they come
    res = jsonl.repair_jsonl(io.BytesIO(corpus), "text", Config(), written.append, hold=True)
    assert res.unfielded and written == [b'{"a": 1}\n', b'{"a": 2}\n', b'{"a": 3}\n']
