"""Every command streams a big file (over ``stream.STREAM_THRESHOLD``), as ``fix FILE`` does,
and writes what ``fix FILE -o`` writes (issue 20: held whole, a 94 MB file peaked at 574 MB
under ``check`` and a 94 MB line at 700-790 MB under ``check``, ``detect``, ``fix -i``,
``--out-dir`` and ``fix -``; the budget is 100 MB + 3x the file).

The threshold is lowered to a few tens of KB and the stream cut into small chunks, so that
files of the test's size take the big-file road; a spy counts the stream's runs and another
fails the test if anything repairs the file held whole.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import mojifix.api
from mojifix.cli import main
from mojifix.files import stream
from test_long_line_stream import _cases

THRESHOLD = 40_000
# (names of test_long_line_stream._cases) cut into lines, or kept as one line
NAMES = ["utf-8 read as cp1252", "clean Latin", "legacy file (cp1251 bytes)", "glossed", "mixed"]


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    out = {}
    for name, data in _cases().items():
        if name in NAMES:
            out[name] = data
            # the same text in lines of about 300 bytes (cut at spaces)
            text = data.decode("cp1251" if "cp1251" in name else "utf-8")
            words, lines, line = text.split(" "), [], []
            for w in words:
                line.append(w)
                if sum(map(len, line)) > 300:
                    lines.append(" ".join(line))
                    line = []
            lines.append(" ".join(line))
            out[name + " (lines)"] = "\n".join(lines).encode("cp1251" if "cp1251" in name else "utf-8")
    return out


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The threshold lowered, small chunks, the stream's runs counted; holding a file whole fails."""
    monkeypatch.setattr(stream, "STREAM_THRESHOLD", THRESHOLD)
    monkeypatch.setattr(stream, "LONG_LINE", 1 << 40)  # (the long-line road stays out of it)
    runs: list[int] = []
    real = stream.repair_stream

    def spy(*args, **kwargs):
        kwargs.update(chunk_chars=3000, lookback=1000)
        result = real(*args, **kwargs)
        runs.append(result.chunks)
        return result

    def held(*args, **kwargs):
        raise AssertionError("a big file was repaired held whole")

    monkeypatch.setattr(stream, "repair_stream", spy)
    monkeypatch.setattr(mojifix.api, "repair_detected", held)
    return runs


def _invoke(args: list[str], data: bytes | None = None) -> tuple[int, bytes]:
    result = CliRunner().invoke(main, args, input=data, catch_exceptions=False)
    return result.exit_code, result.stdout_bytes


@pytest.mark.parametrize("name", [n for n in NAMES] + [n + " (lines)" for n in NAMES])
def test_every_command_streams_a_big_file_and_writes_what_fix_file_writes(
        files: dict[str, bytes], name: str, tmp_path: Path, big: list[int]) -> None:
    data = files[name]
    assert len(data) > THRESHOLD
    src = tmp_path / "in.txt"
    src.write_bytes(data)
    code, _ = _invoke(["fix", str(src), "-o", str(tmp_path / "o.txt")])
    assert code == 0 and big
    want = (tmp_path / "o.txt").read_bytes()
    changed = want != data

    big.clear()
    code, out = _invoke(["fix", "-"], data)
    assert code == 0 and big and out == want  # stdin

    big.clear()
    code, _ = _invoke(["fix", "-q", "-j", "1", "--out-dir", str(tmp_path / "od"), str(src)])
    assert code == 0 and big and (tmp_path / "od" / "in.txt").read_bytes() == want

    big.clear()
    code, out = _invoke(["check", "-q", "-j", "1", str(src)])
    assert big and code == (1 if changed or name.startswith("mixed") else 0), out

    big.clear()
    code, out = _invoke(["detect", str(src)])
    assert code == 0 and big and b"in.txt" in out

    big.clear()
    code, _ = _invoke(["fix", "-q", "-j", "1", "-i", str(src)])
    assert code == 0 and big and src.read_bytes() == want
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "o.txt", "od"]  # no temporary file


def test_a_big_file_over_max_size_is_still_refused_by_a_batch(
        files: dict[str, bytes], tmp_path: Path, big: list[int]) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(files["utf-8 read as cp1252 (lines)"])
    code, _ = _invoke(["fix", "-q", "-j", "1", "-i", "--max-size", "1000", str(src)])
    assert code == 2 and not big and src.read_bytes() == files["utf-8 read as cp1252 (lines)"]
