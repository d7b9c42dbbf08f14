"""kill -9 in the middle of `fix --in-place`: every file is either original or fully fixed.

The run is started in its own process group and the whole group (the parent and its worker
processes) is SIGKILLed as soon as the first repaired file appears, while most files are still
to do. No file may be truncated, mixed or lost. A temp file (``.mojifix-*.tmp``) may be left
behind by a write that was cut between creating and renaming it; it is never taken for input.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

FIXED = "Le café de la gare, crème brûlée et déjà vu à Noël — naïve façade.\n" * 80
GARBLED = FIXED.encode("utf-8").decode("cp1252").encode("utf-8")
N = 100


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigkill_mid_run_leaves_each_file_original_or_fixed(tmp_path, jobs):
    root = tmp_path / "tree"
    for i in range(N):
        d = root / f"d{i % 5}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"f{i:03}.txt").write_bytes(GARBLED)
    files = sorted(root.rglob("*.txt"))
    fixed = FIXED.encode("utf-8")

    proc = subprocess.Popen(
        [sys.executable, "-m", "mojifix", "fix", str(root), "--in-place", "-j", jobs, "-q"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            # a repaired file is shorter than a garbled one: a cheap stat tells them apart
            if any(f.stat().st_size == len(fixed) for f in files):
                break
            time.sleep(0.005)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL  # killed, not finished

    contents = [f.read_bytes() for f in files]
    done = sum(c == fixed for c in contents)
    assert all(c in (fixed, GARBLED) for c in contents)  # nothing truncated or mixed
    assert 0 < done < N  # the kill really happened part way
    leftovers = [p.name for p in root.rglob("*") if p.is_file() and p.suffix == ".txt" and p not in files]
    assert leftovers == []  # nothing lost or renamed

    # a later run finishes the job and ignores any temp file the kill left behind
    done_run = subprocess.run(
        [sys.executable, "-m", "mojifix", "fix", str(root), "--in-place", "-j", "2", "-q"],
        capture_output=True, timeout=120,
    )
    assert done_run.returncode == 0, done_run.stderr
    assert all(f.read_bytes() == fixed for f in files)
