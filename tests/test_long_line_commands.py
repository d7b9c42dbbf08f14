"""Every command streams a file with a very long line, and says and writes what the held
repair says and writes (issue 20: ``fix -i``, ``--out-dir``, ``check`` and ``detect`` held a
38 MB line whole, about 400 MB; the budget is 100 MB + 3x the file).

Each test runs a command twice on the same file: held whole (the long-line bound above the
file's size) and with the bound lowered below its line, with the stream cut into 2,000-character
chunks (each line is cut tens of times). Outputs, exit codes and files on disk must be the same,
and the streamed run must really have streamed (a spy counts the stream's runs). Files whose
chain search gains are refused by the stream and held whole: the same result by the held road.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from mojifix.cli import main
from mojifix.files import stream
from test_long_line_stream import _cases, _line

# (names of test_long_line_stream._cases) streamed by every command; and refused (held whole)
STREAMED = ["utf-8 read as cp1252", "glossed", "entities", "zero-width", "clean Latin",
            "legacy file (GBK bytes)", "legacy file (cp1251 bytes)", "JSON (minified)"]
# (the chain search gains; Markdown-like HTML; a chunk of "mixed" holds bytes lost for good,
# which the whole line does not show: see longline._Places)
REFUSED = ["utf-8 read as gbk", "HTML declaring cp1252", "mixed"]


@pytest.fixture(scope="module")
def cases() -> dict[str, bytes]:
    return _cases()


def count_stream_runs(monkeypatch: pytest.MonkeyPatch, chunk_chars: int = 2000) -> list[int]:
    """Cut the stream into small chunks and count its complete runs (the write of a refused
    one never starts): the chunks of each run, appended as it ends."""
    runs: list[int] = []
    real = stream.repair_stream

    def spy(*args, **kwargs):
        kwargs.update(chunk_chars=chunk_chars, lookback=1000)
        result = real(*args, **kwargs)
        runs.append(result.chunks)
        return result

    monkeypatch.setattr(stream, "repair_stream", spy)
    return runs


@pytest.fixture
def streamed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Lower the long-line bound and cut small chunks; count the stream's complete runs."""
    return count_stream_runs(monkeypatch)


def _run(args: list[str], bound: int | None, monkeypatch: pytest.MonkeyPatch) -> tuple[int, bytes]:
    if bound is not None:
        monkeypatch.setattr(stream, "LONG_LINE", bound)
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _both(tmp_path: Path, data: bytes, args: list[str], monkeypatch: pytest.MonkeyPatch,
          streamed: list[int], name: str = "line.txt") -> tuple[tuple, tuple]:
    """(exit code, stdout, files on disk) held, then streamed, each run in a folder of its own."""
    out = []
    for road, bound in (("held", 1 << 40), ("strm", 10_000)):
        folder = tmp_path / road
        (folder / "in").mkdir(parents=True)
        src = folder / "in" / name
        src.write_bytes(data)
        before = len(streamed)
        monkeypatch.chdir(folder)  # names relative to it: the same in both runs
        code, stdout = _run([a.replace("{in}", "in").replace("{out}", "out") for a in args], bound, monkeypatch)
        if road == "held":
            assert len(streamed) == before  # the held road did not stream
        out.append((code, stdout, _tree(folder)))
    return out[0], out[1]


@pytest.mark.parametrize("name", STREAMED + REFUSED)
def test_fix_in_place_streams_a_long_line_and_writes_the_held_bytes(
        cases: dict[str, bytes], name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        streamed: list[int]) -> None:
    held, stream_ = _both(tmp_path, cases[name], ["fix", "-q", "-j", "1", "-i", "{in}"], monkeypatch, streamed)
    assert stream_ == held
    assert bool(streamed) is (name not in REFUSED)
    assert not streamed or max(streamed) > 10  # cut into many chunks


def test_fix_in_place_leaves_a_clean_long_line_untouched(
        cases: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: list[int]) -> None:
    src = tmp_path / "clean.txt"
    src.write_bytes(cases["clean Latin"])
    os.utime(src, (1_000_000, 1_000_000))
    code, _ = _run(["fix", "-q", "-j", "1", "-i", str(src)], 10_000, monkeypatch)
    assert code == 0 and streamed
    assert src.stat().st_mtime == 1_000_000  # not rewritten
    assert [p.name for p in tmp_path.iterdir()] == ["clean.txt"]  # no temporary file left
    # Bigger than --max-size: refused as held (exit 2, untouched), not streamed.
    streamed.clear()
    src.write_bytes(cases["utf-8 read as cp1252"])
    code, _ = _run(["fix", "-q", "-j", "1", "-i", "--max-size", "1000", str(src)], 10_000, monkeypatch)
    assert code == 2 and not streamed and src.read_bytes() == cases["utf-8 read as cp1252"]


@pytest.mark.parametrize("name", STREAMED + REFUSED)
def test_fix_out_dir_streams_a_long_line_and_writes_the_held_copy(
        cases: dict[str, bytes], name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        streamed: list[int]) -> None:
    held, stream_ = _both(tmp_path, cases[name], ["fix", "-q", "-j", "1", "--out-dir", "{out}", "{in}"],
                          monkeypatch, streamed)
    assert stream_ == held
    assert held[0] == 0 and "out/line.txt" in held[2]
    assert bool(streamed) is (name not in REFUSED)


@pytest.mark.parametrize("fmt", ["text", "github", "sarif"])
@pytest.mark.parametrize("name", STREAMED + REFUSED)
def test_check_streams_a_long_line_and_reports_as_held(
        cases: dict[str, bytes], name: str, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        streamed: list[int]) -> None:
    held, stream_ = _both(tmp_path, cases[name], ["check", "-q", "-j", "1", "--output-format", fmt, "{in}"],
                          monkeypatch, streamed)
    assert stream_ == held
    assert held[0] in (0, 1)
    assert bool(streamed) is (name not in REFUSED)


def test_check_locates_the_first_changes_on_later_lines_as_held(
        cases: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: list[int]) -> None:
    """The places of a chunk are the whole text's: lines before it counted, and the columns of
    a line that started in an earlier chunk counted from that line's start."""
    data = b"short line\n" * 3 + cases["clean Latin"] + b"\n" + cases["zero-width"] + b"\n" + cases["utf-8 read as cp1252"]
    held, stream_ = _both(tmp_path, data, ["check", "-q", "-j", "1", "{in}"], monkeypatch, streamed)
    assert stream_ == held and held[0] == 1
    assert b"line.txt:5:" in held[1] and b"line.txt:6:" in held[1]
    assert streamed
    # A JSON report lists every change with its note and every finding's evidence, which a
    # chunk sees otherwise than the whole line (ftfy's "in part of a line", a chunk's top
    # examples): held whole, not streamed.
    streamed.clear()
    for args in (["check", "--output-format", "json"], ["fix", "-i", "--report", str(tmp_path / "r.json")]):
        held, stream_ = _both(tmp_path / args[0], data, [args[0], "-q", "-j", "1", *args[1:], "{in}"],
                              monkeypatch, streamed)
        assert not streamed and held[0] == stream_[0]


def test_out_dir_of_a_folder_with_long_lines_and_short_files(
        cases: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: list[int]) -> None:
    folder = tmp_path / "tree"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(cases["utf-8 read as cp1252"])
    (folder / "sub" / "b.txt").write_bytes(cases["legacy file (GBK bytes)"])
    (folder / "c.txt").write_bytes("cafÃ© au lait\n".encode())
    trees = []
    for road, bound in (("held", 1 << 40), ("strm", 10_000)):
        code, _ = _run(["fix", "-q", "-j", "1", "--out-dir", str(tmp_path / road), str(folder)], bound, monkeypatch)
        assert code == 0
        trees.append(_tree(tmp_path / road))
        shutil.rmtree(tmp_path / road)
    assert len(streamed) == 2
    assert trees[1] == trees[0] and len(trees[0]) == 3


@pytest.mark.parametrize("name", STREAMED + REFUSED)
def test_detect_streams_a_long_line_and_shows_what_held_shows(
        cases: dict[str, bytes], name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        streamed: list[int]) -> None:
    """The table and the JSON record: encoding, confidence, runner-up, evidence, findings with
    their counts summed over the chunks, the number of changes. (A gloss finding's examples
    are a chunk's most common few, added up: the file's most common where they stand out; its
    confidence is the first chunk's: both left out of the comparison for glosses.)"""
    held, stream_ = _both(tmp_path, cases[name], ["detect", "{in}/line.txt"], monkeypatch, streamed)
    assert stream_ == held
    assert bool(streamed) is (name not in REFUSED)
    streamed.clear()
    held, stream_ = _both(tmp_path / "json", cases[name], ["detect", "--json", "{in}/line.txt"], monkeypatch,
                          streamed)
    records = [json.loads(road[1])["files"] for road in (held, stream_)]
    if name == "glossed":
        for files in records:
            for f in files[0]["findings"]:
                f.pop("evidence") if f["kind"] == "pinyin-glosses" else None
                f.pop("confidence") if f["kind"] == "pinyin-glosses" else None
    assert records[1] == records[0] and held[0] == stream_[0] == 0
    assert bool(streamed) is (name not in REFUSED)


@pytest.mark.parametrize("name", ["utf-8 read as cp1252", "legacy file (GBK bytes)", "zero-width", "utf-8 read as gbk"])
def test_fix_from_stdin_streams_a_long_line_and_writes_the_held_bytes(
        cases: dict[str, bytes], name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        streamed: list[int]) -> None:
    """``fix -`` holds stdin's bytes (it cannot be read twice) but repairs a long line by the
    stream, not in one piece; a refused one (the chain search gains) is repaired held."""
    outs = []
    for bound in (1 << 40, 10_000):
        monkeypatch.setattr(stream, "LONG_LINE", bound)
        result = CliRunner().invoke(main, ["fix", "-"], input=cases[name], catch_exceptions=False)
        written = tmp_path / f"{bound}.txt"
        code = CliRunner().invoke(main, ["fix", "-", "-o", str(written)], input=cases[name],
                                  catch_exceptions=False).exit_code
        outs.append((result.exit_code, result.stdout_bytes, code, written.read_bytes()))
        if bound > 10_000:
            assert not streamed
    assert outs[1] == outs[0] and outs[0][0] == 0 and outs[0][1] == outs[0][3]
    assert len(streamed) == (0 if name == "utf-8 read as gbk" else 2)


def test_a_refused_long_line_is_refused_at_the_first_chunk_that_gains(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: list[int]) -> None:
    """The stream refuses a line where the chain search gains as soon as one chunk gains, not
    after the evidence of every chunk (a 5.2 MB GBK line took 8.6 s against 4.5 s held whole:
    two passes, then the held repair)."""
    calls = []
    real = stream.run_fixers

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(stream, "run_fixers", counting)
    garbled = _line("zh_CN", 1500).encode("utf-8").decode("gbk", "replace")  # where the line starts
    data = (garbled + " " + _line("zh_CN")).encode()
    src = tmp_path / "line.txt"
    src.write_bytes(data)
    monkeypatch.setattr(stream, "LONG_LINE", 10_000)
    out = tmp_path / "out.txt"
    assert CliRunner().invoke(main, ["fix", str(src), "-o", str(out)], catch_exceptions=False).exit_code == 0
    assert not streamed  # refused, repaired held whole
    chunks = len(list(stream.iter_chunks([data.decode()], 2000, 1000)))
    assert chunks > 20 and len(calls) <= 3, (chunks, len(calls))


def test_the_plain_pipe_streams_a_long_line_too(
        cases: dict[str, bytes], monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes],
        streamed: list[int]) -> None:
    """``mojifix fix -`` without options runs without click (cli/pipe.py): the same road."""
    import io
    import types

    from mojifix.cli import pipe

    data = cases["utf-8 read as cp1252"]
    outs = []
    for bound in (1 << 40, 10_000):
        monkeypatch.setattr(stream, "LONG_LINE", bound)
        monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=io.BytesIO(data)))
        assert pipe._fix_stdin() == 0
        outs.append(capsysbinary.readouterr().out)
    assert outs[1] == outs[0] and len(streamed) == 1
