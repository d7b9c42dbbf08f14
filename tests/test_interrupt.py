"""Ctrl-C exits 130 with one line whenever it comes (a QA pass: in the first ~0.3 s, click
printed "Aborted!" and exited 1, which is ``check``'s "needs fixing"; later it was 130).

Deterministic: the child is interrupted while it is known to be blocked reading its input, a
FIFO (opening it for writing returns only once the child has opened it for reading) or stdin
(the child's ``/proc/PID/wchan`` shows it waiting in a pipe read), which is the window click's
standalone mode used to turn into "Aborted!".
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from mojifix.cli import interrupt, main

MESSAGE = (interrupt.MESSAGE + "\n").encode()

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or sys.platform != "linux",
                                reason="needs FIFOs and /proc")


def _sigint_default() -> None:
    # A job a non-interactive shell starts in the background (a CI runner's may be one) ignores
    # SIGINT, and its children inherit that: Python then raises no KeyboardInterrupt at all, as
    # any program that respects an ignored SIGINT. The child stands for a user's foreground run.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _child(args: list[str], cwd: Path, stdin: int | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen([sys.executable, "-m", "mojifix", *args], cwd=cwd, stdin=stdin,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            preexec_fn=_sigint_default)


def _interrupt(proc: subprocess.Popen[bytes]) -> tuple[int, bytes, bytes]:
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


@pytest.mark.parametrize("args", [
    ["check", "in.txt"], ["fix", "in.txt", "-o", "out.txt"], ["explain", "in.txt"],
    ["detect", "in.txt"],
], ids=lambda a: a[0])
def test_ctrl_c_while_reading_a_named_input_exits_130(tmp_path: Path, args: list[str]) -> None:
    os.mkfifo(tmp_path / "in.txt")
    proc = _child(args, tmp_path)
    try:
        fd = os.open(tmp_path / "in.txt", os.O_WRONLY)  # returns once the child opened it
        try:
            os.write(fd, "caf\u00c3\u00a9 ".encode())  # part of the input, never ended
            time.sleep(0.2)
            code, out, err = _interrupt(proc)
        finally:
            os.close(fd)
    finally:
        proc.kill()
        proc.wait()
    assert (code, err) == (130, MESSAGE), err.decode(errors="replace")
    assert out == b"" and not (tmp_path / "out.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt"]  # no temp file left


def _wait_reading_stdin(proc: subprocess.Popen[bytes]) -> None:
    wchan = Path(f"/proc/{proc.pid}/wchan")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if wchan.read_text().endswith("pipe_read"):
                return
        except OSError:
            break
        time.sleep(0.01)
    pytest.skip("could not see the child waiting on stdin")


@pytest.mark.parametrize("args", [["fix"], ["fix", "-", "--stdin-filename", "a.txt"]],
                         ids=["lean-pipe", "click"])
def test_ctrl_c_while_reading_stdin_exits_130(tmp_path: Path, args: list[str]) -> None:
    read, write = os.pipe()
    proc = _child(args, tmp_path, stdin=read)
    os.close(read)
    try:
        os.write(write, b"caf\xc3\x83\xc2\xa9 ")
        _wait_reading_stdin(proc)
        code, out, err = _interrupt(proc)
    finally:
        os.close(write)
        proc.kill()
        proc.wait()
    assert (code, out, err) == (130, b"", MESSAGE), err.decode(errors="replace")


def test_the_group_turns_an_interrupt_into_130_not_aborted(tmp_path: Path, monkeypatch) -> None:
    # In process: whatever a command is doing when Ctrl-C comes.
    from mojifix.cli import commands

    def boom(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "_check_jsonl", boom)
    res = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert res.exit_code == 130 and res.stderr == MESSAGE.decode()
    assert "Aborted" not in res.output


def test_interrupted_says_one_line_and_exits_130(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        interrupt.interrupted()
    assert exc.value.code == 130
    assert capsys.readouterr() == ("", MESSAGE.decode())


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_sigterm_and_sighup_end_the_run_as_ctrl_c_does(tmp_path: Path, sig: signal.Signals) -> None:
    """QA 26: SIGTERM (``kill``, ``timeout``, a cancelled CI job) or SIGHUP ended the run by the
    default action: no message, and a write's temporary file stayed for good. Now one line and
    128 + the signal, nothing left behind."""
    os.mkfifo(tmp_path / "in.txt")
    proc = _child(["fix", "in.txt", "-o", "out.txt"], tmp_path)
    try:
        fd = os.open(tmp_path / "in.txt", os.O_WRONLY)
        try:
            os.write(fd, "caf\u00c3\u00a9 ".encode())
            time.sleep(0.2)
            proc.send_signal(sig)
            out, err = proc.communicate(timeout=60)
        finally:
            os.close(fd)
    finally:
        proc.kill()
        proc.wait()
    word = f"terminated by {sig.name}"
    assert (proc.returncode, err) == (128 + sig, MESSAGE.replace(b"interrupted", word.encode()))
    assert out == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["in.txt"]


def test_sigterm_during_a_write_removes_its_temporary_file(tmp_path: Path) -> None:
    """The signal arrives while an atomic write holds its temporary file (half the text
    written): the file keeps its old text and no ``.mojifix-*.tmp`` is left."""
    target = tmp_path / "page.txt"
    target.write_text("old text\n", encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "from mojifix.runs.signals import Terminated, end_on_termination\n"
        "from mojifix.files.fileio import open_output\n"
        "end_on_termination()\n"
        "out = open_output(sys.argv[1])\n"
        "try:\n"
        "    out.write(b'new text, half of it')\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    out.commit()\n"
        "except Terminated as exc:\n"
        "    print('terminated', exc.signum)\n"
        "finally:\n"
        "    out.discard()\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", script, str(target)], capture_output=True,
                          env=env, timeout=60)
    assert done.stdout.decode() == f"terminated {int(signal.SIGTERM)}\n", done.stderr.decode()
    assert target.read_text(encoding="utf-8") == "old text\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]
