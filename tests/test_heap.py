"""The CLI fixes glibc's mmap threshold before it holds a big document whole (files/heap.py:
issue 20's memory; the effect on peak RSS is measured by bench/memory.py, not here)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mojifix.cli import main
from mojifix.files import heap


class _Libc:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def mallopt(self, option: int, value: int) -> int:
        self.calls.append((option, value))
        return 1


def test_only_a_big_input_fixes_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    libc = _Libc()
    monkeypatch.setattr(heap, "_glibc", lambda: libc)
    heap.before_big_input(heap.BIG - 1)
    assert libc.calls == []
    heap.before_big_input(heap.BIG)
    assert libc.calls == [(-3, 128 * 1024)]  # M_MMAP_THRESHOLD, glibc's default held fixed


@pytest.mark.parametrize("args", [["fix", "{f}", "-o", "{o}"], ["check", "-q", "-j", "1", "{f}"]])
def test_fix_and_check_ask_before_holding_a_big_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      args: list[str]) -> None:
    libc = _Libc()
    monkeypatch.setattr(heap, "_glibc", lambda: libc)
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_bytes(b"caf\xc3\x83\xc2\xa9 au lait\n" * (heap.BIG // 16 + 1))
    small.write_bytes(b"caf\xc3\x83\xc2\xa9\n")
    for f, want in ((small, []), (big, [(-3, 128 * 1024)])):
        libc.calls.clear()
        argv = [a.format(f=f, o=tmp_path / "out.txt") for a in args]
        result = CliRunner().invoke(main, argv)
        assert result.exit_code in (0, 1), result.output
        assert libc.calls == want


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_on_this_machine_the_call_is_harmless() -> None:
    heap._glibc.cache_clear()
    libc = heap._glibc()
    if libc is None:
        pytest.skip("not glibc")
    heap.before_big_input(heap.BIG)  # must not raise; the process goes on as before
    assert "x" * 10 + "y" == "xxxxxxxxxxy"
