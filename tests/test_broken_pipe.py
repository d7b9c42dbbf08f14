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


def _mojifix(args: list[str], cwd: Path, stdout: object, data: bytes | None = None,
             ) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen([sys.executable, "-m", "mojifix", *args], stdin=subprocess.PIPE,
                            stdout=stdout, stderr=subprocess.PIPE, cwd=cwd, env=env)


def test_a_closed_stdout_under_check_diff_is_no_internal_error(tmp_path: Path) -> None:
    """QA 26: ``check DIR --diff | head -1`` printed a BrokenPipeError traceback and "internal
    error" (exit 2): it ends as ``fix FILE | head`` does, exit 1 and nothing on stderr."""
    for i in range(300):
        (tmp_path / f"f{i}.txt").write_text("cafÃ© crÃ¨me\n", encoding="utf-8")
    proc = _mojifix(["check", ".", "--diff", "-q"], tmp_path, subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdin.close()  # type: ignore[union-attr]
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=300) == 1
    assert first.startswith(b"--- ")
    assert err == b""


FULL = Path("/dev/full")


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [
    ["fix", "moji.txt"], ["fix", "moji.txt", "--diff"], ["check", "moji.txt"],
    ["check", "moji.txt", "--output-format", "json"], ["detect", "moji.txt"],
    ["explain", "moji.txt"], ["config"], ["fix", "--jsonl", "c.jsonl"], ["fix", "-"],
    ["fix", "--help"],
])
def test_a_full_stdout_is_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    """QA 26: each command printed a traceback when stdout's device was full (``> /dev/full``,
    a full disk behind a redirect); ``check`` called it an internal error, ``fix --jsonl``
    said its input "cannot read". Now one line naming stdout and the remedy, exit 2."""
    (tmp_path / "moji.txt").write_text("cafÃ© crÃ¨me\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "cafÃ©"}\n', encoding="utf-8")
    with FULL.open("wb") as full:
        proc = _mojifix(args, tmp_path, full)
        _, err = proc.communicate(b"caf\xc3\x83\xc2\xa9\n", timeout=120)
    assert proc.returncode == 2
    assert err.decode() == ("mojifix: error: cannot write to stdout: No space left on device "
                            "(free some space, or redirect the output elsewhere)\n")


def _stderr_to(target: str) -> dict[str, object]:
    """Popen arguments sending stderr to /dev/full, or closing it (``2>&-``)."""
    if target == "full":
        return {"stderr": FULL.open("wb")}
    return {"stderr": subprocess.DEVNULL, "preexec_fn": lambda: os.close(2)}


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("target", ["full", "closed"])
def test_an_unwritable_stderr_changes_neither_the_work_nor_the_exit_code(
        tmp_path: Path, target: str) -> None:
    """QA 26: ``fix -i`` with stderr on a full device fixed the file and exited 2; with stderr
    closed (``2>&-``: Python's sys.stderr is None) it stopped before any work and exited 1,
    which ``check`` uses for "needs fixing". Messages that cannot be written are dropped now."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    moji = tmp_path / "moji.txt"

    def run(*args: str, data: bytes = b"") -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "mojifix", *args], input=data,
                              stdout=subprocess.PIPE, cwd=tmp_path, env=env, timeout=120,
                              **_stderr_to(target))  # type: ignore[call-overload]

    moji.write_text("cafÃ© crÃ¨me\n", encoding="utf-8")
    assert run("check", "moji.txt").returncode == 1
    assert run("fix", "-i", "moji.txt").returncode == 0
    assert moji.read_text(encoding="utf-8") == "café crème\n"
    assert run("check", "moji.txt").returncode == 0
    piped = run("fix", "-", data="cafÃ©\n".encode())
    assert (piped.returncode, piped.stdout) == (0, "café\n".encode())
    assert run("fix", "missing.txt").returncode == 2
