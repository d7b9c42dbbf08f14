"""A JSONL corpus saved in a legacy encoding (QA 26).

Every line was "not UTF-8; passed through": ``check --jsonl`` called the corpus clean (exit 0),
``fix --jsonl -i`` changed nothing, and ``--encoding cp1252`` was silently ignored in JSONL
mode (the same file without ``--jsonl`` is detected at once).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mojifix.cli import main

RECORDS = [{"id": 1, "text": "café crème brûlée"}, {"id": 2, "text": "plain"},
           {"id": 3, "text": "Zürich, déjà vu"}]


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b"".join(json.dumps(r, ensure_ascii=False).encode("cp1252") + b"\n"
                              for r in RECORDS))
    monkeypatch.chdir(tmp_path)
    return path


def test_encoding_reads_a_legacy_corpus(corpus: Path) -> None:
    res = CliRunner().invoke(main, ["fix", "--jsonl", "--encoding", "cp1252", "corpus.jsonl"])
    assert res.exit_code == 0
    assert res.stdout == "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS)
    res = CliRunner().invoke(main, ["check", "--jsonl", "--encoding", "cp1252", "corpus.jsonl", "-q"])
    assert (res.exit_code, res.stdout) == (1, "corpus.jsonl: encoding: 2 records decoded from "
                                              "windows-1252\n")
    before = corpus.read_bytes()
    assert CliRunner().invoke(main, ["fix", "-i", "--jsonl", "--encoding", "cp1252", "corpus.jsonl",
                                     "-q"]).exit_code == 0
    assert corpus.read_bytes() == before.decode("cp1252").encode("utf-8")


def test_a_legacy_corpus_without_encoding_needs_a_fix(corpus: Path) -> None:
    before = corpus.read_bytes()
    res = CliRunner().invoke(main, ["check", "--jsonl", "corpus.jsonl", "-q"])
    assert res.exit_code == 1
    hint = "pass --encoding NAME if the corpus is saved in another encoding"
    assert res.stdout == (f"corpus.jsonl:1: invalid JSONL line, passed through: not UTF-8 (byte 22); {hint}\n"
                          f"corpus.jsonl:3: invalid JSONL line, passed through: not UTF-8 (byte 20); {hint}\n")
    res = CliRunner().invoke(main, ["fix", "-i", "--jsonl", "corpus.jsonl", "-q"])
    assert res.exit_code == 1 and corpus.read_bytes() == before  # left, as a low-confidence file is


def test_invalid_json_stays_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "c.jsonl").write_text('{"text": "ok"}\n{"text": broken\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["check", "--jsonl", "c.jsonl", "-q"])
    assert res.exit_code == 0 and "invalid JSON" in res.stdout
