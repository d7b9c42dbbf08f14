"""Hostile but ordinary inputs (issue 19, "Crashes and hangs"): none may crash, hang or mislead.

One test (or parametrized group) per item of the list: odd codecs, JSONL lines Python's json
cannot hold, broken .gitignore lines, very deep trees, file names that are not UTF-8 or hold
control characters, an ASCII stdout, endless inputs (/dev/zero, stdin), FIFOs inside a tree and
named on the command line, workers of a killed run, and write errors worded as write errors.

Every CLI call runs the real ``mojifix`` in a subprocess with a timeout, so a hang fails the test
instead of stalling the suite.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

GARBLED = "cafÃ© and dÃ©cor\n".encode()
FIXED = "café and décor\n".encode()


def cli(*args: str | bytes, input: bytes | None = None, timeout: float = 60,
        env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "mojifix", *args], input=input, capture_output=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, cwd=cwd)


def no_traceback(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "internal error" not in err, err
    return err


# --- 1. non-text codecs ------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["fix", "--encoding", "rot13"],
    ["fix", "--encoding", "base64"],
    ["check", "--encoding", "hex"],
    ["detect", "--encoding", "zlib"],
    ["fix", "--jsonl", "--encoding", "rot13"],
])
def test_01_a_non_text_codec_is_a_usage_error(tmp_path, args):
    src = tmp_path / "a.txt"
    src.write_bytes(GARBLED)
    proc = cli(*args, str(src))
    err = no_traceback(proc)
    assert proc.returncode == 2, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mojifix: error: --encoding "), err
    assert "not a text encoding" in lines[0], err
    assert src.read_bytes() == GARBLED


# --- 2. JSONL lines json cannot hold ---------------------------------------------------------

def test_02_jsonl_huge_integers_and_deep_nesting_pass_through(tmp_path):
    good = '{"id": 12345678901234567890123, "f": 1.10, "e": 1E400, "text": "cafÃ©"}\n'
    huge = '{"n": ' + "7" * 5000 + ', "text": "cafÃ©"}\n'
    deep = "[" * 100_000 + "]" * 100_000 + "\n"
    src = tmp_path / "c.jsonl"
    src.write_text(good + huge + deep, encoding="utf-8")
    proc = cli("fix", "--jsonl", str(src))
    err = no_traceback(proc)
    assert proc.returncode == 0, err
    fixed_good = good.replace("cafÃ©", "café")
    assert proc.stdout == (fixed_good + huge + deep).encode()  # numbers byte for byte
    assert f"{src}:2: " in err and f"{src}:3: " in err
    assert "line passed through unchanged" in err
    proc = cli("check", "--jsonl", str(src))
    err = no_traceback(proc)
    assert proc.returncode == 1, err
    assert f"{src}:2: " in err and f"{src}:3: " in err


# --- 3. .gitignore lines that are not valid patterns ------------------------------------------

def test_03_bad_gitignore_lines_are_ignored_and_the_rest_apply(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / ".gitignore").write_bytes(b"[z-a]\nfoo\\\n!\n*.log\n")
    (tree / "a.log").write_bytes(GARBLED)
    (tree / "b.txt").write_bytes(GARBLED)
    proc = cli("check", str(tree))
    no_traceback(proc)
    assert proc.returncode == 1
    out = proc.stdout.decode()
    assert "b.txt:1:" in out and "a.log" not in out


# --- 4. a very deep tree -----------------------------------------------------------------------

def test_04_a_tree_1000_levels_deep_is_walked(tmp_path):
    deep = tmp_path / "deep"
    folder = str(deep)
    os.mkdir(folder)
    for _ in range(1000):  # not os.makedirs: it recurses once per level
        folder = os.path.join(folder, "d")
        os.mkdir(folder)
    leaf = os.path.join(folder, "f.txt")
    with open(leaf, "wb") as fh:
        fh.write(GARBLED)
    try:
        proc = cli("check", str(deep))
        no_traceback(proc)
        assert proc.returncode == 1
        assert proc.stdout.decode().startswith(leaf + ":1:")
    finally:  # pytest's own clean-up (shutil.rmtree) recurses once per level: undo it here
        os.unlink(leaf)
        while folder != str(tmp_path):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


# --- 5. file names that are not UTF-8 in machine formats ---------------------------------------

def test_05_names_that_are_not_utf8_are_written_escaped(tmp_path):
    folder = os.fsencode(tmp_path / "tree")
    os.mkdir(folder)
    with open(folder + b"/caf\xe9.txt", "wb") as fh:
        fh.write(GARBLED)
    want = "caf\\xe9.txt"
    for fmt in ("json", "sarif", "github"):
        proc = cli("check", "--output-format", fmt, folder, env={"PYTHONIOENCODING": "utf-8:strict"})
        no_traceback(proc)
        assert proc.returncode == 1, fmt
        out = proc.stdout.decode("utf-8")  # strict: valid UTF-8
        if fmt == "json":
            assert json.loads(out)["files"][0]["path"].endswith(want)
        elif fmt == "sarif":
            uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
            assert uri["artifactLocation"]["uri"].endswith("caf%E9.txt")
        else:
            assert "file=" in out and "caf\\xe9.txt" in out
    for name in ("r.json", "r.html"):
        report = os.fsencode(tmp_path) + b"/" + name.encode()
        proc = cli("fix", "--diff", folder, "--report", report)
        no_traceback(proc)
        assert proc.returncode == 0
        with open(report, "rb") as fh:
            text = fh.read().decode("utf-8")
        if name.endswith(".json"):
            assert json.loads(text)["files"][0]["path"].endswith(want)
        else:
            assert want in text
    proc = cli("detect", "--json", folder + b"/caf\xe9.txt", env={"PYTHONIOENCODING": "utf-8:strict"})
    no_traceback(proc)
    assert json.loads(proc.stdout.decode("utf-8"))["files"][0]["path"].endswith(want)


# --- 6. an ASCII-only stdout -------------------------------------------------------------------

@pytest.mark.parametrize("args, code", [
    (["detect"], 0), (["detect", "--json"], 0), (["check"], 1), (["fix", "--diff"], 0),
    (["check", "--diff"], 1),
])
def test_06_an_ascii_stdout_degrades_gracefully(tmp_path, args, code):
    src = tmp_path / "page.txt"
    src.write_bytes("強(qiáng)調(diào) cafÃ©\n".encode())
    proc = cli(*args, str(src), env={"PYTHONIOENCODING": "ascii", "LANG": "C", "LC_ALL": "C"})
    no_traceback(proc)
    assert proc.returncode == code
    assert proc.stdout.strip()


# --- 7. control characters in names are printed escaped -------------------------------------

def test_07_control_characters_in_names_are_printed_escaped(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    name = "evil\nforged.txt:1:1: ok\x1b[2J.txt"
    shown = "evil\\nforged.txt:1:1: ok\\x1b[2J.txt"
    (tree / name).write_bytes(GARBLED)
    (tree / "link\x1b]0;title\x07").symlink_to(tree / name)

    def raw_free(proc: subprocess.CompletedProcess[bytes]) -> tuple[str, str]:
        out, err = proc.stdout.decode(), proc.stderr.decode()
        for stream in (out, err):
            assert "\x1b" not in stream and "\x07" not in stream and "forged.txt:1:1: ok\n" not in stream
        return out, err

    out, err = raw_free(cli("check", "-v", str(tree)))
    assert out.startswith(f"{tree}/{shown}:1:") and len(out.splitlines()) == 1
    assert "skipped " + str(tree) + "/link\\x1b]0;title\\x07: symlink" in err
    out, _ = raw_free(cli("fix", "--diff", str(tree / name)))
    assert out.startswith(f"--- {tree}/{shown} (original)\n")
    out, _ = raw_free(cli("fix", "--diff", str(tree)))
    assert out.startswith(f"--- {tree}/{shown} (original)\n")
    out, _ = raw_free(cli("detect", str(tree / name)))
    assert "\\x1b" in out
    missing = str(tree / "gone\n\x1b[31mred")
    _, err = raw_free(cli("fix", missing))
    assert len(err.splitlines()) == 1 and "gone\\n\\x1b[31mred" in err
    _, err = raw_free(cli("check", missing))
    assert "gone\\n\\x1b[31mred: no such file" in err


# --- 8. bounded reads --------------------------------------------------------------------------

def test_08_dev_zero_ends_at_once_as_binary():
    for args in (["fix", "/dev/zero"], ["detect", "/dev/zero"], ["fix", "--jsonl", "/dev/zero"]):
        proc = cli(*args, timeout=30)
        err = no_traceback(proc)
        assert proc.returncode == 2 and "/dev/zero" in err and "binary" in err, err
    for args in (["check", "-v", "/dev/zero"], ["check", "-v", "--jsonl", "/dev/zero"]):
        proc = cli(*args, timeout=30)
        err = no_traceback(proc)
        assert "skipped /dev/zero: binary" in err and "1 skipped (1 binary)" in err, err


def test_08_endless_stdin_and_big_files_stop_at_max_size(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "mojifix", "fix", "--max-size", "1M", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    block = b"endless text line\n" * 4096
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            proc.stdin.write(block)
    except (BrokenPipeError, OSError):
        pass
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 2, err
    text = err.decode()
    assert "<stdin>" in text and "--max-size" in text and "Traceback" not in text
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "big.txt").write_bytes(b"x" * 3000 + GARBLED)
    (tree / "small.txt").write_bytes(GARBLED)
    proc = cli("check", "--max-size", "2K", str(tree))
    err = no_traceback(proc)
    assert proc.returncode == 2
    assert f"{tree}/big.txt: " in err and "--max-size" in err
    assert "small.txt:1:" in proc.stdout.decode() and "1 failed" in err
    assert "--max-size" in cli("fix", "--help").stdout.decode()
    # One file given alone to fix is streamed past the cap (bounded memory), not refused.
    proc = cli("fix", "--max-size", "2K", str(tree / "big.txt"))
    assert (proc.returncode, proc.stdout) == (0, b"x" * 3000 + FIXED)


# --- 9. FIFOs inside a walked tree ------------------------------------------------------------

def test_09_fifos_in_a_tree_are_skipped_not_read(tmp_path):
    tree = tmp_path / "tree"
    (tree / ".git" / "info").mkdir(parents=True)
    os.mkfifo(tree / ".git" / "info" / "exclude")
    os.mkfifo(tree / ".gitignore")
    os.mkfifo(tree / "pipe.txt")
    (tree / "b.txt").write_bytes(GARBLED)
    proc = cli("check", "-v", str(tree), timeout=30)
    err = no_traceback(proc)
    assert proc.returncode == 1
    assert f"skipped {tree}/.gitignore: not a regular file" in err
    assert f"skipped {tree}/pipe.txt: not a regular file" in err
    assert "2 skipped (2 not a regular file)" in err


# --- 10. workers die with their parent --------------------------------------------------------

def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.append(int(entry))
    return out


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc")
def test_10_workers_die_with_a_killed_parent(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    body = ("cafÃ© dÃ©cor 強(qiáng)調(diào) &amp; " * 400 + "\n").encode()
    for i in range(3000):
        (tree / f"f{i:04}.txt").write_bytes(body)
    proc = subprocess.Popen([sys.executable, "-m", "mojifix", "check", "-q", "-j", "2", str(tree)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    left: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(workers) < 2:
            time.sleep(0.1)
            workers = _children(proc.pid)
        assert len(workers) >= 2, "the batch never started its workers"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.1)
        left = [w for w in workers if _alive(w)]
    finally:
        for w in set(workers + _children(proc.pid)):
            try:
                os.kill(w, signal.SIGKILL)
            except OSError:
                pass
    assert not left, f"workers {left} outlived their parent"


# --- 11. a FIFO or /dev/stdin named on the command line is read -------------------------------

def test_11_named_fifo_and_dev_stdin_are_read_as_streams(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def writer() -> None:
        with open(fifo, "wb") as fh:
            fh.write(GARBLED)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    proc = cli("check", str(fifo), timeout=30)
    thread.join(timeout=10)
    no_traceback(proc)
    assert proc.returncode == 1
    assert proc.stdout.decode().startswith(f"{fifo}:1:4: mojibake")
    proc = cli("check", "/dev/stdin", input=GARBLED, timeout=30)
    no_traceback(proc)
    assert proc.returncode == 1 and proc.stdout.decode().startswith("/dev/stdin:1:4: mojibake")
    proc = cli("check", "/dev/stdin", input="café\n".encode(), timeout=30)
    assert proc.returncode == 0 and "1 clean" in no_traceback(proc)
    # In a folder walk a FIFO is still skipped (nobody writes to it: reading it would hang).
    os.mkfifo(tmp_path / "tree-pipe")
    tree = tmp_path / "t"
    tree.mkdir()
    os.mkfifo(tree / "p.txt")
    proc = cli("check", "-v", str(tree), timeout=30)
    assert proc.returncode == 0 and "p.txt: not a regular file" in no_traceback(proc)


# --- 12. a write error says "cannot write" ----------------------------------------------------

def test_12_write_errors_say_write_with_the_file_and_a_remedy(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.txt").write_bytes(GARBLED)
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"a file where a folder should be\n")
    proc = cli("fix", str(tree), "--out-dir", str(blocker / "out"), "-j", "1")
    err = no_traceback(proc)
    assert proc.returncode == 2
    line = next(x for x in err.splitlines() if x.startswith("mojifix: error: "))
    assert "cannot read" not in line and "cannot write" in line, line
    assert str(tree / "a.txt") in line and str(blocker / "out") in line, line
    assert "check" in line.split("cannot write", 1)[1], line  # a remedy
    assert blocker.read_bytes() == b"a file where a folder should be\n"
