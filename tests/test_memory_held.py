"""A file held whole costs its bytes only until it is decoded, and its UTF-8 reading is never
built just to be counted (issue 20: every command on a 20 MB file held whole peaks at <= 100 MB
+ 3x the file; they peaked at 161-181 MB). Measured in-process with tracemalloc, on a GBK file
of real Chinese (a legacy encoding: the road through every decoding step)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import shared_path
from mojifix.cli import main
from mojifix.decoding.decode import _mostly_utf8

SIZE = 3 << 20


def _gbk_file(tmp_path: Path) -> Path:
    folder = shared_path("corpus", "manpages", "zh_CN")
    text = "".join(p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))[:40])
    data = text.encode("gbk", "ignore")
    path = tmp_path / "held.txt"
    path.write_bytes(data * (SIZE // len(data) + 1))
    return path


def _peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_mostly_utf8_test_counts_without_building_the_reading(tmp_path: Path) -> None:
    data = _gbk_file(tmp_path).read_bytes()
    assert _mostly_utf8(data) is None
    assert _peak(lambda: _mostly_utf8(data)) < 6 << 20  # blocks, not the file (before: 8x it)


@pytest.mark.parametrize("args", [["fix", "{f}", "-o", "{o}"], ["fix", "-q", "-j", "1", "-i", "{f}"],
                                  ["check", "-q", "-j", "1", "{f}"], ["detect", "{f}"]])
def test_a_file_held_whole_peaks_within_its_budget(tmp_path: Path, args: list[str]) -> None:
    path = _gbk_file(tmp_path)
    size = path.stat().st_size
    argv = [a.format(f=path, o=tmp_path / "out.txt") for a in args]
    runner = CliRunner()
    small = tmp_path / "small.txt"
    small.write_bytes(path.read_bytes()[:100_000])
    runner.invoke(main, [a.format(f=small, o=tmp_path / "o2.txt") for a in args])  # imports, tables
    peak = _peak(lambda: runner.invoke(main, argv, catch_exceptions=False))
    # The bytes, the text (2 bytes a character here), the repair's working copies: within 5x
    # the file (before: the bytes held through the repair and the UTF-8 reading built to count
    # its invalid bytes, 9x and more).
    assert peak < 5 * size, f"{peak / size:.1f}x the file"
