"""Hostile files through the CLI's single-file modes (``fix FILE``, ``fix FILE -o OUT``, stdin,
``detect``): each case has a documented outcome (docs/robustness.md), no traceback, and no
data lost: the input is never modified and a failed write leaves the destination as it was, with
no temporary file behind.

Tests run as root here, and root ignores permission bits, so "permission denied" and "read-only
directory" are simulated by patching the OS call in a real ``mojifix`` subprocess
(``run_patched``); a full disk is both simulated (ENOSPC from ``write`` and from ``fsync``) and,
where ``mount`` is allowed, real (a 64 KiB tmpfs).

Every test is named ``test_hNN_...`` after its row in the table of docs/robustness.md; ``test_readme_table``
keeps the two in step.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

GARBLED = "cafÃ© and dÃ©cor, the crème\n強(qiáng)調(diào)\n".encode()
FIXED = "café and décor, the crème\n強調\n".encode()


def run_patched(patch: str, *args: str | bytes, input: bytes | None = None):
    """Run the real CLI in a subprocess after ``patch`` (Python code) has run in it."""
    code = textwrap.dedent(patch) + textwrap.dedent("""
        import sys
        from mojifix.cli import main
        sys.argv[0] = "mojifix"
        main()
    """)
    return subprocess.run(
        [sys.executable, "-c", code, *args], input=input, capture_output=True, timeout=120
    )


def assert_clean_error(proc, *needles: str) -> str:
    """Exit 2, one line on stderr naming the problem, no traceback."""
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mojifix: error: "), err
    for needle in needles:
        assert needle in lines[0], err
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".mojifix-")]


@pytest.fixture
def garbled(tmp_path: Path) -> Path:
    path = tmp_path / "in.txt"
    path.write_bytes(GARBLED)
    return path


# --- what is read ---------------------------------------------------------------------------

def test_h01_zero_byte_file(tmp_path):
    src, out = tmp_path / "empty.txt", tmp_path / "out.txt"
    src.write_bytes(b"")
    proc = run_cli("fix", str(src), "-o", str(out))
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert out.read_bytes() == b""
    proc = run_cli("detect", "--json", str(src))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["files"][0]["would_change"] is False


def test_h02_empty_stdin():
    proc = run_cli("fix", input=b"")
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"")


@pytest.mark.parametrize(
    "bom, name",
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
     (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le"),
     (codecs.BOM_UTF32_BE, "utf-32-be")],
)
def test_h03_only_a_bom(tmp_path, bom, name):
    src = tmp_path / "bom.txt"
    src.write_bytes(bom)
    proc = run_cli("fix", str(src))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"")
    proc = run_cli("detect", "--json", str(src))
    record = json.loads(proc.stdout)["files"][0]
    assert (record["bom"], record["would_change"]) == (name, True)
    assert src.read_bytes() == bom


def test_h04_nul_bytes_refused_as_binary(tmp_path):
    src, out = tmp_path / "nul.txt", tmp_path / "out.txt"
    src.write_bytes(b"text with a NUL\x00 inside\n")
    out.write_bytes(b"previous output\n")
    assert_clean_error(run_cli("fix", str(src), "-o", str(out)), "nul.txt", "binary", "--encoding")
    assert out.read_bytes() == b"previous output\n"
    assert leftovers(tmp_path) == []
    # Forcing the encoding passes the NUL through untouched.
    proc = run_cli("fix", "--encoding", "utf-8", str(src))
    assert (proc.returncode, proc.stdout) == (0, b"text with a NUL\x00 inside\n")


def test_h05_invalid_utf8_in_the_middle(tmp_path):
    src = tmp_path / "mid.txt"
    data = "café 中文 ".encode() + b"\xff" + " more café\n".encode()
    src.write_bytes(data)
    assert_clean_error(run_cli("fix", str(src)), "mid.txt", "--encoding")
    # The remedy works: read as cp1252, the UTF-8 parts are mojibake and get repaired.
    proc = run_cli("fix", "--encoding", "cp1252", str(src))
    assert (proc.returncode, proc.stdout) == (0, "café 中文 ÿ more café\n".encode())
    assert src.read_bytes() == data


def test_h05_long_mostly_utf8_file_keeps_its_bytes(tmp_path):
    """A stray byte in a long UTF-8 file: decoded as UTF-8, the byte kept and written back."""
    text = "Ceci est un texte français, écrit en UTF-8: é à è ù ç.\n" * 30 + "中文 “引号” cafÃ©\n"
    data = text.encode()
    half = len(data) // 2
    src, out, report = tmp_path / "mostly.txt", tmp_path / "out.txt", tmp_path / "r.json"
    src.write_bytes(data[:half] + b"\xff" + data[half:])
    proc = run_cli("fix", str(src), "-o", str(out), "--report", str(report))
    assert (proc.returncode, proc.stderr) == (0, b"")
    fixed = text.replace("cafÃ©", "café").encode()
    assert out.read_bytes() == fixed[:half] + b"\xff" + fixed[half:]
    record = json.loads(report.read_text(encoding="utf-8"))["files"][0]
    assert record["encoding"] == "utf-8" and record["confidence"] < 1
    # --diff on a strict UTF-8 stdout: the raw byte goes out as it came in.
    proc = subprocess.run([sys.executable, "-m", "mojifix", "fix", "--diff", str(src)],
                          capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"})
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    assert b"-" + "中文 “引号” cafÃ©\n".encode() in proc.stdout


def test_h06_huge_single_line(tmp_path):
    src, out = tmp_path / "line.txt", tmp_path / "out.txt"
    unit = "cafÃ© 強(qiáng)調(diào) &amp; "
    src.write_bytes((unit * 40_000).encode())  # 1.2 M characters, no line break at all
    proc = run_cli("fix", str(src), "-o", str(out))
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert out.read_bytes() == ("café 強調 & " * 40_000).encode()


def test_h07_file_vanishes_before_it_is_read(garbled, tmp_path):
    out = tmp_path / "out.txt"
    patch = """
        import builtins, os
        import mojifix.files.fileio as fileio
        def vanishing_open(path, *args, **kwargs):
            os.unlink(path)  # another process deletes it between listing and reading
            return builtins.open(path, *args, **kwargs)
        fileio.open = vanishing_open
    """
    assert_clean_error(run_patched(patch, "fix", str(garbled), "-o", str(out)), "in.txt", "no such file")
    assert not out.exists() and leftovers(tmp_path) == []
    # Also: a dangling symlink (listed, target gone).
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert_clean_error(run_cli("fix", str(link)), "dangling.txt", "no such file")


def test_h08_file_changes_during_the_run(garbled, tmp_path):
    """The input is read once; the output is the repair of that snapshot, and the input file
    (which mojifix never writes in these modes) keeps whatever the other writer appended."""
    out = tmp_path / "out.txt"
    patch = f"""
        import mojifix.api as api
        real = api.repair_bytes
        def repair_while_appending(data, *args, **kwargs):
            with open({str(garbled)!r}, "ab") as fh:
                fh.write(b"appended meanwhile\\n")
            return real(data, *args, **kwargs)
        api.repair_bytes = repair_while_appending
    """
    proc = run_patched(patch, "fix", str(garbled), "-o", str(out))
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert out.read_bytes() == FIXED
    assert garbled.read_bytes() == GARBLED + b"appended meanwhile\n"


def test_h09_permission_denied_on_read(garbled, tmp_path):
    patch = """
        import mojifix.files.fileio as fileio
        def denied(path, *args, **kwargs):
            raise PermissionError(13, "Permission denied", path)
        fileio.open = denied
    """
    assert_clean_error(run_patched(patch, "fix", str(garbled)), "in.txt", "permission denied")
    proc = run_patched(patch, "detect", str(garbled))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr.decode()
    assert garbled.read_bytes() == GARBLED


def test_h10_other_read_errors(garbled):
    patch = """
        import mojifix.files.fileio as fileio
        def broken(path, *args, **kwargs):
            raise OSError(5, "Input/output error", path)
        fileio.open = broken
    """
    assert_clean_error(run_patched(patch, "fix", str(garbled)), "in.txt", "Input/output error")


def test_h11_a_directory_as_input(tmp_path):
    assert_clean_error(run_cli("fix", str(tmp_path)), "is a directory")


def test_h12_fifo_is_read_to_its_end(tmp_path):
    """A FIFO (as from ``mojifix fix <(cmd)``) is read until the writer closes it, like cat."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def writer() -> None:
        with open(fifo, "wb") as fh:
            fh.write(GARBLED)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    proc = run_cli("fix", str(fifo))  # the helper's timeout guards against a hang
    thread.join(timeout=10)
    assert (proc.returncode, proc.stdout) == (0, FIXED)


def test_h13_binary_file(tmp_path):
    src = tmp_path / "image.png"
    src.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert_clean_error(run_cli("fix", str(src)), "image.png", "binary")


def test_h14_symlink_loop_as_input(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert_clean_error(run_cli("fix", str(tmp_path / "a")), "a: cannot read", "symbolic links")


# --- where it is written --------------------------------------------------------------------

def test_h15_read_only_directory_for_output(garbled, tmp_path):
    out = tmp_path / "out.txt"
    out.write_bytes(b"previous output\n")
    # Root may write anywhere: refuse the temp file's creation (os.open with O_CREAT) instead.
    patch = """
        import os
        real_open = os.open
        def denied(path, flags, *args, **kwargs):
            if flags & os.O_CREAT:
                raise PermissionError(13, "Permission denied")
            return real_open(path, flags, *args, **kwargs)
        os.open = denied
    """
    assert_clean_error(run_patched(patch, "fix", str(garbled), "-o", str(out)),
                       "out.txt", "Permission denied", "nothing was changed")
    assert out.read_bytes() == b"previous output\n"
    assert garbled.read_bytes() == GARBLED
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_h16_full_disk_simulated(garbled, tmp_path, where):
    out = tmp_path / "out.txt"
    out.write_bytes(b"previous output\n")
    patch = {
        "write": """
            import io, os
            real_fdopen = os.fdopen
            class Full(io.RawIOBase):
                def writable(self): return True
                def write(self, b): raise OSError(28, "No space left on device")
            os.fdopen = lambda fd, *a, **k: (os.close(fd), io.BufferedWriter(Full()))[1]
        """,
        "fsync": """
            import os
            def full(fd): raise OSError(28, "No space left on device")
            os.fsync = full
        """,
    }[where]
    assert_clean_error(run_patched(patch, "fix", str(garbled), "-o", str(out)),
                       "out.txt", "No space left on device", "nothing was changed")
    assert out.read_bytes() == b"previous output\n"
    assert leftovers(tmp_path) == []


def _tmpfs(path: Path) -> bool:
    path.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(path)],
                          capture_output=True)
    return proc.returncode == 0


def test_h16_full_disk_real_tmpfs(garbled, tmp_path):
    """A real full disk where ``mount`` is allowed; elsewhere the same checks run against a
    simulated ENOSPC at ``close`` (the test never skips)."""
    mnt = tmp_path / "small"
    mounted = _tmpfs(mnt)
    try:
        out = mnt / "out.txt"
        out.write_bytes(b"previous output\n")
        big = tmp_path / "big.txt"
        big.write_bytes(GARBLED * 4000)  # about 200 KB: does not fit in 64 KiB
        args = ("fix", str(big), "-o", str(out))
        proc = run_cli(*args) if mounted else run_patched(
            "import os\ndef full(fd): raise OSError(28, 'No space left on device')\nos.fsync = full\n",
            *args,
        )
        assert_clean_error(proc, "out.txt", "No space left on device", "nothing was changed")
        assert out.read_bytes() == b"previous output\n"
        assert leftovers(mnt) == []
    finally:
        if mounted:
            subprocess.run(["umount", str(mnt)], check=True)


def test_h17_output_in_a_missing_directory(garbled, tmp_path):
    out = tmp_path / "no" / "such" / "dir" / "out.txt"
    assert_clean_error(run_cli("fix", str(garbled), "-o", str(out)), "out.txt", "cannot write")
    assert not (tmp_path / "no").exists()


def test_h18_output_is_a_directory(garbled, tmp_path):
    target = tmp_path / "adir"
    target.mkdir()
    (target / "keep.txt").write_bytes(b"keep\n")
    assert_clean_error(run_cli("fix", str(garbled), "-o", str(target)), "adir", "cannot write")
    assert (target / "keep.txt").read_bytes() == b"keep\n"
    assert leftovers(tmp_path) == []


def test_h19_output_is_a_symlink_loop(garbled, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert_clean_error(run_cli("fix", str(garbled), "-o", str(tmp_path / "a")), "cannot write")
    assert os.readlink(tmp_path / "a") == str(tmp_path / "b")
    assert leftovers(tmp_path) == []


def test_h20_output_is_the_input(garbled):
    proc = run_cli("fix", str(garbled), "-o", str(garbled))
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert garbled.read_bytes() == FIXED
    assert leftovers(garbled.parent) == []


def test_h21_report_cannot_be_written(garbled, tmp_path):
    """A report in a missing folder is refused before anything is written; one that fails when
    written (after the output) leaves the output standing, and the exit code says 2 without
    claiming that nothing was changed."""
    out = tmp_path / "out.txt"
    bad = tmp_path / "missing" / "report.json"
    proc = run_cli("fix", str(garbled), "-o", str(out), "--report", str(bad))
    assert_clean_error(proc, "report.json", "no such folder")
    assert not out.exists()
    folder = tmp_path / "report.json"  # a directory where the report file would go
    folder.mkdir()
    proc = run_cli("fix", str(garbled), "-o", str(out), "--report", str(folder))
    assert_clean_error(proc, "report.json", "cannot write")
    assert b"nothing was changed" not in proc.stderr and b"the report was not written" in proc.stderr
    assert out.read_bytes() == FIXED


def test_h22_stdout_closed_early(tmp_path):
    """``mojifix fix big.txt | head -c 10``: no traceback, and nothing but the pipe is hurt."""
    src = tmp_path / "big.txt"
    src.write_bytes(GARBLED * 5_000)
    for args in (("fix", str(src)), ("fix", "--diff", str(src))):
        proc = subprocess.Popen([sys.executable, "-m", "mojifix", *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None and proc.stderr is not None
        assert len(proc.stdout.read(10)) == 10
        proc.stdout.close()
        err = proc.stderr.read()
        proc.wait(timeout=120)
        assert b"Traceback" not in err, err
        assert proc.returncode in (0, 1), (proc.returncode, err)
    assert src.read_bytes() == GARBLED * 5_000


# --- names --------------------------------------------------------------------------------

def test_h23_file_names_that_are_not_utf8(tmp_path):
    folder = os.fsencode(tmp_path)
    src, out = folder + b"/caf\xe9.txt", folder + b"/out-\xff.txt"
    report = folder + b"/report.json"
    with open(src, "wb") as fh:
        fh.write(GARBLED)
    proc = subprocess.run([sys.executable, "-m", "mojifix", "fix", src, "-o", out, "--report", report],
                          capture_output=True, timeout=120)
    assert (proc.returncode, proc.stderr) == (0, b"")
    with open(out, "rb") as fh:
        assert fh.read() == FIXED
    with open(report, "rb") as fh:  # valid UTF-8 JSON; the odd byte shown as \xe9
        assert json.loads(fh.read().decode("utf-8"))["files"][0]["path"].endswith("caf\\xe9.txt")
    proc = subprocess.run([sys.executable, "-m", "mojifix", "detect", "--json", src],
                          capture_output=True, timeout=120)
    assert proc.returncode == 0
    assert json.loads(proc.stdout.decode("utf-8"))["files"][0]["path"].endswith("caf\\xe9.txt")
    proc = subprocess.run([sys.executable, "-m", "mojifix", "detect", src], capture_output=True, timeout=120)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    # --diff names the file in its header; on a strict UTF-8 stdout the name's bytes go out as-is.
    proc = subprocess.run([sys.executable, "-m", "mojifix", "fix", "--diff", src], capture_output=True,
                          timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"})
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    assert proc.stdout.startswith(b"--- " + src + b" (original)\n")


def test_h24_missing_file_with_a_name_that_is_not_utf8(tmp_path):
    missing = os.fsencode(tmp_path) + b"/nope\xe9.txt"
    proc = subprocess.run([sys.executable, "-m", "mojifix", "fix", missing], capture_output=True, timeout=120)
    assert_clean_error(proc, "no such file")
    proc = subprocess.run([sys.executable, "-m", "mojifix", "detect", "--json", missing],
                          capture_output=True, timeout=120)
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert "no such file" in json.loads(proc.stdout.decode("utf-8"))["files"][0]["error"]


def test_h25_detect_goes_on_after_a_bad_file(garbled, tmp_path):
    proc = run_cli("detect", "--json", str(tmp_path / "missing.txt"), str(garbled))
    assert proc.returncode == 2
    files = json.loads(proc.stdout)["files"]
    assert "error" in files[0] and files[1]["would_change"] is True


def test_h26_read_only_file_is_not_rewritten(garbled, tmp_path):
    # (a new user's QA: -i replaced a 0444 file, which the folder's permission allows) Refused,
    # as black and ruff refuse it; the others of a batch are still fixed. Root ignores the
    # bits, so for root "read-only" is a file with no write bit at all.
    garbled.chmod(0o444)
    for args in (("-i", str(garbled)), (str(garbled), "-o", str(garbled))):
        proc = run_cli("fix", *args)
        assert proc.returncode == 2
        assert b"in.txt: cannot write: it is read-only" in proc.stderr
        assert b"chmod u+w" in proc.stderr and b"Traceback" not in proc.stderr
        assert garbled.read_bytes() == GARBLED and oct(garbled.stat().st_mode)[-3:] == "444"
    other = tmp_path / "other.txt"
    other.write_bytes(GARBLED)
    proc = run_cli("fix", "-i", "--jobs", "1", str(tmp_path))
    assert proc.returncode == 2
    assert (garbled.read_bytes(), other.read_bytes()) == (GARBLED, FIXED)
    assert leftovers(tmp_path) == []
    out = tmp_path / "out"
    for _ in range(2):  # --out-dir's copies mirror the input's bits; a second run replaces them
        proc = run_cli("fix", "--out-dir", str(out), str(garbled))
        assert proc.returncode == 0, proc.stderr
        assert (out / "in.txt").read_bytes() == FIXED


# --- the README table is the list of these cases --------------------------------------------

def test_readme_table_lists_every_case():
    readme = (ROOT / "docs" / "robustness.md").read_text(encoding="utf-8")
    section = readme.split("## Robustness", 1)[1].split("\n## ", 1)[0]
    in_readme = set(re.findall(r"^\| (H\d\d) \|", section, re.M))
    tested = {name[5:8].upper() for name in globals() if re.match(r"test_h\d\d_", name)}
    assert in_readme == tested
