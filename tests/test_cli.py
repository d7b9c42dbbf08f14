"""The CLI as users run it: real subprocesses, plus in-process CliRunner for the details."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, run_cli
from mojifix.cli import main

DEMO = FIXTURES / "demo" / "garbled.txt"
DEMO_FIXED = FIXTURES / "demo" / "fixed.txt"

ARTICLE = "你好，世界！这是一段用来测试编码检测的中文文本，包含常见的汉字和标点符号。我们希望它能被正确识别。\n"
LEGACY = [
    ("gbk", ARTICLE),
    ("big5", "你好，世界！這是一段用來測試編碼檢測的中文文本，包含常見的漢字和標點符號。我們希望它能被正確識別。\n"),
    ("shift_jis", "こんにちは、世界！これは文字コードの検出をテストするための日本語の文章です。正しく認識されることを願っています。\n"),
    ("cp1251", "Привет, мир! Это русский текст для проверки определения кодировки. Мы надеемся, что он будет распознан правильно.\n"),
    ("euc-kr", "안녕하세요, 세계! 이것은 인코딩 감지를 테스트하기 위한 한국어 문장입니다. 올바르게 인식되기를 바랍니다.\n"),
]


@pytest.mark.parametrize(("encoding", "text"), LEGACY, ids=[e for e, _ in LEGACY])
def test_legacy_bytes_on_stdin_come_out_as_utf8(encoding, text):
    proc = run_cli("fix", "-", input=text.encode(encoding))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == text.encode("utf-8")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_encodings_and_boms_on_stdin(encoding):
    proc = run_cli("fix", input=ARTICLE.encode(encoding))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ARTICLE.encode("utf-8")


def test_fix_file_to_output_and_report(tmp_path):
    out = tmp_path / "clean.txt"
    report = tmp_path / "report.json"
    proc = run_cli("fix", str(DEMO), "-o", str(out), "--report", str(report))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    assert out.read_bytes() == DEMO_FIXED.read_bytes()
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert doc["schema"] == 1
    (rec,) = doc["files"]
    assert rec["path"] == str(DEMO) and rec["encoding"] == "utf-8" and rec["changed"] is True
    kinds = [f["kind"] for f in rec["findings"]]
    assert kinds == ["html-entities", "mojibake", "zero-width", "pinyin-glosses"]
    first = rec["changes"][0]
    assert first == {"kind": "pinyin-gloss", "line": 1, "column": 13, "offset": 12,
                     "before": "(qiáng)", "after": "", "note": "強(qiáng)"}
    assert {"kind", "line", "column", "before", "after"} <= set(rec["changes"][-1])


def test_report_to_stderr_and_text_to_stdout():
    proc = run_cli("fix", str(DEMO), "--report", "-")
    assert proc.returncode == 0
    assert proc.stdout == DEMO_FIXED.read_bytes()
    assert json.loads(proc.stderr)["files"][0]["changed"] is True


def test_diff_replaces_stdout_and_keeps_input():
    before = DEMO.read_bytes()
    proc = run_cli("fix", "--diff", str(DEMO))
    assert proc.returncode == 0
    out = proc.stdout.decode("utf-8")
    assert out.startswith(f"--- {DEMO} (original)\n+++ {DEMO} (fixed)\n")
    assert "-Le cafÃ© de la gare" in out and "+Le café de la gare" in out
    assert DEMO.read_bytes() == before


def test_diff_empty_for_clean_input():
    proc = run_cli("fix", "--diff", "-", input=b"clean text\n")
    assert proc.returncode == 0 and proc.stdout == b""


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (["fix", "/no/such/file.txt"], None, b"/no/such/file.txt: no such file"),
        (["fix", "-"], b"\x00\x01\x02binary\x00\xff\xfe\x00" * 10, b"<stdin>: looks like binary data"),
        (["fix", "--encoding", "ascii", "-"], "café".encode(), b"not valid ascii: byte 3"),
        # (a review: a traceback) codecs that decode no file
        (["fix", "--encoding", "undefined", "-"], b"abc", b"<stdin>: cannot decode as undefined"),
        (["fix", "--encoding", "punycode", "-"], b"x\n", b"punycode"),  # (its error differs by Python)
        (["detect", "/no/such/file.txt"], None, b"/no/such/file.txt: no such file"),
    ],
)
def test_errors_are_one_line_exit_2_no_traceback(args, stdin, needle):
    proc = run_cli(*args, input=stdin if stdin is not None else b"")
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert b"Traceback" not in proc.stderr
    assert proc.stderr.count(b"\n") == 1
    if args[0] == "fix":
        assert proc.stdout == b""


def test_an_unknown_encoding_is_a_usage_error_of_the_option():
    # As click reports any bad option value (--jobs 0): the option named, exit 2, before any input
    # is read (it was blamed on the input: "<stdin>: unknown encoding 'nope'").
    proc = run_cli("fix", "--encoding", "nope", "-", input=b"abc")
    assert proc.returncode == 2 and proc.stdout == b"" and b"Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[-1] == (b"Error: Invalid value for '--encoding': unknown encoding "
                                            b"'nope' (use a Python codec name such as gbk, big5, shift_jis, cp1251)")


def test_error_writes_no_output_file(tmp_path):
    out = tmp_path / "out.txt"
    proc = run_cli("fix", "-", "-o", str(out), input=b"\x00\x00binary\x00" * 20)
    assert proc.returncode == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_output_overwrite_is_atomic_and_keeps_mode(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("old")
    out.chmod(0o640)
    proc = run_cli("fix", str(DEMO), "-o", str(out))
    assert proc.returncode == 0
    assert out.read_bytes() == DEMO_FIXED.read_bytes()
    assert out.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_detect_json_and_table(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(ARTICLE.encode("gbk"))
    proc = run_cli("detect", "--json", str(DEMO), str(gbk), str(FIXTURES / "clean" / "ru.txt"))
    assert proc.returncode == 0, proc.stderr
    files = json.loads(proc.stdout)["files"]
    assert files[0]["would_change"] is True
    assert any(f["chain"] == ["utf-8", "latin-1"] for f in files[0]["findings"])
    assert files[1]["encoding"] in ("gbk", "gb18030", "gb2312") and files[1]["would_change"] is True
    assert files[2]["would_change"] is False and files[2]["findings"] == []
    table = run_cli("detect", str(DEMO))
    assert table.returncode == 0 and b"mojibake" in table.stdout


def test_in_process_runner_and_options():
    runner = CliRunner()
    res = runner.invoke(main, ["fix", "--no-glosses", "-"], input="強(qiáng) cafÃ©".encode())
    assert res.exit_code == 0
    assert res.stdout_bytes == "強(qiáng) café".encode()
    res = runner.invoke(main, ["fix", "--uncurl-quotes", "-"], input="“hi”".encode())
    assert res.stdout_bytes == b'"hi"'
    res = runner.invoke(main, ["--version"])
    assert res.exit_code == 0 and "mojifix" in res.output
    res = runner.invoke(main, ["fix", "--bogus"])
    assert res.exit_code == 2


def test_python_dash_m_and_help():
    proc = run_cli("--help")
    assert proc.returncode == 0 and b"fix" in proc.stdout and b"detect" in proc.stdout
