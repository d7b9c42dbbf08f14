"""The progress bar on a terminal is shown at once, before the first file is done (a big first
file must not look like a hang), with files and bytes done, the speed and the time left."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

SLOW_FIRST_FILE = """
import time, mojifix.runs.batch as b
real = b.process
def slow(entry, job):
    time.sleep(4)
    return real(entry, job)
b.process = slow
import sys
from mojifix.cli import main
sys.argv[0] = "mojifix"
main()
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_progress_is_shown_before_the_first_file_is_done(tmp_path: Path, jobs: str) -> None:
    pty = pytest.importorskip("pty")
    for i in range(3):
        (tmp_path / f"f{i}.txt").write_bytes("cafÃ© {i}\n".encode())
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", SLOW_FIRST_FILE, "check", "-j", jobs, "."],
                            cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=slave)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 3.5  # every file takes 4 s: nothing is done before then
    try:
        while time.monotonic() < deadline and b"0/3 files" not in seen:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                seen += os.read(master, 65536)
    finally:
        proc.kill()
        proc.wait()
        os.close(master)
    assert b"0/3 files" in seen
    assert b"0/36 bytes" in seen  # bytes done of all (3 files of 12 bytes)
