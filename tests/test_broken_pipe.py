"""A reader that closes stdout early (``mojifix fix --jsonl FILE | head``) ends the run quietly.

A new user's QA: the JSONL road said "mojifix: error: FILE: cannot read: Broken pipe" and
exited 2, where ``fix FILE | head`` ends as click ends a closed pipe (exit 1, nothing said).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("jsonl", [True, False])
def test_a_closed_stdout_ends_quietly(tmp_path: Path, jsonl: bool) -> None:
    src = tmp_path / "corpus.jsonl"
    with src.open("w") as fh:
        for i in range(40000):
            fh.write(json.dumps({"id": i, "text": f"cafÃ© {i}"}) + "\n")
    args = ["fix", "--jsonl", str(src)] if jsonl else ["fix", str(src)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "mojifix", *args, "-q"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 1
    assert first.startswith(b'{"id": 0')
    assert b"cannot read" not in err and b"Traceback" not in err
