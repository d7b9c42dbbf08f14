"""Every command streams a big file (over ``stream.STREAM_THRESHOLD``), as ``fix FILE`` does,
and writes what ``fix FILE -o`` writes (issue 20: held whole, a 94 MB file peaked at 574 MB
under ``check`` and a 94 MB line at 700-790 MB under ``check``, ``detect``, ``fix -i``,
``--out-dir`` and ``fix -``; the budget is 100 MB + 3x the file).

The threshold is lowered to a few tens of KB and the stream cut into small chunks, so that
files of the test's size take the big-file road; a spy counts the stream's runs and another
fails the test if anything repairs the file held whole.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import mojifix.api
from mojifix.cli import main
from mojifix.files import stream
from mojifix.model import Finding, lost_summary, summed
from test_long_line_commands import count_stream_runs
from test_long_line_stream import _cases, _words

_REAL_REPAIR = mojifix.api.repair_detected


def _count(calls: list[int], real):  # -> the function, counting its calls
    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    return counted

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

    def held(*args, **kwargs):
        raise AssertionError("a big file was repaired held whole")

    monkeypatch.setattr(mojifix.api, "repair_detected", held)
    return count_stream_runs(monkeypatch, chunk_chars=3000)


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


def test_a_big_file_over_max_size_is_streamed_by_a_batch_and_a_held_one_refused(
        files: dict[str, bytes], tmp_path: Path, big: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """--max-size bounds whole reads: a big file is never read whole, so a batch streams it at
    any size, as fix FILE does (a repository's 300 MB data file is checked, not an error). One
    the batch would hold (it declares a legacy encoding) is refused over the cap, untouched."""
    data = files["utf-8 read as cp1252 (lines)"]
    src = tmp_path / "in.txt"
    src.write_bytes(data)
    code, _ = _invoke(["fix", str(src), "-o", str(tmp_path / "o.txt")])
    want = (tmp_path / "o.txt").read_bytes()
    assert code == 0 and want != data
    for args, expect in ((["check", "-q", "-j", "1"], 1), (["detect"], 0),
                         (["fix", "-q", "-j", "1", "--out-dir", str(tmp_path / "od")], 0),
                         (["fix", "-q", "-j", "1", "-i"], 0)):
        big.clear()
        code, _ = _invoke([*args, "--max-size", "1000", str(src)])
        assert code == expect and big, args
    assert src.read_bytes() == want == (tmp_path / "od" / "in.txt").read_bytes()
    # (over HOLD_BYTES, 4 MB: fix FILE would stream it too, and keep its declaration)
    page = '<html><head><meta charset="windows-1252"></head><body>\n' + "<p>très bon</p>\n" * 300_000
    src.write_bytes(page.encode("cp1252"))
    held: list[int] = []
    monkeypatch.setattr(mojifix.api, "repair_detected", _count(held, _REAL_REPAIR))
    big.clear()
    result = CliRunner().invoke(main, ["fix", "-j", "1", "-i", "--max-size", "1000", str(src)])
    assert result.exit_code == 2 and not big and not held and src.read_bytes() == page.encode("cp1252")
    # (not sent to fix FILE, which would stream it and keep the declaration: files/bounded.py)
    assert "--max-size" in result.output and "fix FILE" not in result.output, result.output


def _zh_lines(chars: int) -> str:
    text = _words("zh_CN")
    text = (text * (chars // len(text) + 1))[:chars]
    return "\n".join(text[i:i + 80] for i in range(0, len(text), 80)) + "\n"


def test_a_big_lossy_file_is_told_whole(tmp_path: Path, big: list[int]) -> None:
    """Bytes lost for good, found chunk by chunk, are one finding whose sentence tells the
    file's count (each chunk tells it in one of two forms: model.summed adds both)."""
    import json

    garbled = _zh_lines(120_000).encode("utf-8").decode("gbk", errors="ignore")
    src = tmp_path / "lossy.txt"
    src.write_text(garbled, "utf-8")
    code, out = _invoke(["detect", "--output-format", "json", str(src)])
    assert code == 0 and big
    found = [f for f in json.loads(out)["files"][0]["findings"] if f["kind"] == "mojibake-lossy"]
    assert len(found) == 1
    said = re.search(r"(\d+) characters? could not be recovered", found[0]["summary"])
    assert said is not None and int(said.group(1)) == found[0]["count"] > 0
    big.clear()
    code, out = _invoke(["check", "-q", "-j", "1", str(src)])
    assert code == 1 and big and f"{found[0]['count']} characters could not be recovered".encode() in out


def test_the_chunks_counts_are_added_in_either_form() -> None:
    lossy = "UTF-8 read as GBK with bytes lost: "
    one = Finding("mojibake-lossy", lossy + lost_summary(10), count=10, lost=10)
    other = Finding("mojibake-lossy", lossy + lost_summary(5, 3), count=8, lost=8)
    assert summed(one, other).summary == lossy + lost_summary(15, 3) == summed(other, one).summary
    assert summed(one, one).summary == lossy + lost_summary(20)
    none = Finding("lost-letters", "Cyrillic letters that Big5 cannot decode were dropped: none chosen "
                   "back (too few settled by a word)")
    some = Finding("lost-letters", "Cyrillic letters that Big5 cannot decode were dropped: 5 chosen back "
                   "in 3 words by word frequency (ru): guesses", count=5)
    assert summed(none, some).summary == some.summary == summed(some, none).summary


def test_a_big_file_that_declares_a_legacy_encoding_is_held_and_declares_utf8(
        tmp_path: Path, big: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamed, a big file keeps its declaration; rewritten in place as UTF-8 it would then
    say it is another encoding: it is held whole and its declaration rewritten, as before."""
    page = ('<html><head><meta charset="windows-1252"><title>t</title></head><body>\n'
            + "<p>Le café est très bon, déjà vu à côté.</p>\n" * 2000 + "</body></html>\n")
    src = tmp_path / "page.html"
    src.write_bytes(page.encode("cp1252"))
    held: list[int] = []
    monkeypatch.setattr(mojifix.api, "repair_detected", _count(held, _REAL_REPAIR))  # (not failing)
    code, _ = _invoke(["fix", "-q", "-j", "1", "-i", str(src)])
    out = src.read_bytes().decode("utf-8")
    assert code == 0 and held and not big
    assert '<meta charset="utf-8">' in out and "très bon" in out
    held.clear()
    code, piped = _invoke(["fix", "-"], page.encode("cp1252"))  # (stdin: the same rule)
    assert code == 0 and held and not big and piped.decode("utf-8") == out


def test_a_big_binary_file_leaves_no_folder_behind(tmp_path: Path, big: list[int]) -> None:
    src = tmp_path / "in" / "blob.bin"
    src.parent.mkdir()
    src.write_bytes(bytes(range(256)) * 400)
    result = CliRunner().invoke(main, ["fix", "-j", "1", "--out-dir", str(tmp_path / "out"), str(src)])
    assert result.exit_code == 0 and "binary" in result.output, result.output
    assert not (tmp_path / "out").exists()
