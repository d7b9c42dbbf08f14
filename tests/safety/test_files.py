"""Issue 19, "Data lost or written to the wrong place": no run may destroy or misplace data.

Each test builds the situation a user met, runs the real CLI in a subprocess and checks the
files on disk byte for byte (and that a refusal is one line with exit code 2).
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

GARBLED = "Le cafÃ© de la gare\n".encode()
FIXED = "Le café de la gare\n".encode()


def mojifix(*args: str, cwd: Path | None = None, input: bytes | None = None,
            **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "mojifix", *args], cwd=cwd, input=input,
                          capture_output=True, timeout=120, **kwargs)  # type: ignore[call-overload]


def files(root: Path) -> dict[str, bytes]:
    """Every regular file under ``root`` (links not followed) and its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def assert_refused(proc: subprocess.CompletedProcess[bytes], *needles: str) -> None:
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.startswith("mojifix: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, err


# --- --out-dir and the inputs -----------------------------------------------------------------

def test_out_dir_that_is_an_ancestor_of_the_input_folder_is_refused(tmp_path: Path) -> None:
    # tree/in/in/a.txt would be copied to tree/in/a.txt: onto another input.
    (tmp_path / "tree/in/in").mkdir(parents=True)
    (tmp_path / "tree/in/a.txt").write_bytes(b"precious original\n")
    (tmp_path / "tree/in/in/a.txt").write_bytes(GARBLED)
    before = files(tmp_path)
    proc = mojifix("fix", "tree/in", "--out-dir", "tree", cwd=tmp_path)
    assert_refused(proc, "--out-dir tree contains the input tree/in")
    assert files(tmp_path) == before


def test_out_dir_that_is_the_folder_of_the_input_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(GARBLED)
    (tmp_path / "b.txt").write_bytes(b"Tom &amp; Jerry\n")
    before = files(tmp_path)
    proc = mojifix("fix", "a.txt", "b.txt", "--out-dir", ".", cwd=tmp_path)
    assert_refused(proc, "--out-dir . contains the input a.txt")
    assert files(tmp_path) == before


def test_out_dir_inside_the_input_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree/a.txt").write_bytes(GARBLED)
    proc = mojifix("fix", "tree", "--out-dir", "tree/fixed", cwd=tmp_path)
    assert_refused(proc, "--out-dir tree/fixed is inside the input folder tree")
    assert files(tmp_path) == {"tree/a.txt": GARBLED}


@pytest.mark.parametrize("follow", [False, True])
def test_out_dir_never_writes_through_a_link_to_a_file(tmp_path: Path, follow: bool) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src/a.txt").write_bytes(GARBLED)
    (tmp_path / "outside.txt").write_bytes(b"not mojifix's to touch\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out/a.txt").symlink_to(tmp_path / "outside.txt")
    args = ["--follow-symlinks"] if follow else []
    proc = mojifix("fix", "src", "--out-dir", "out", *args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "outside.txt").read_bytes() == b"not mojifix's to touch\n"
    # The link in the out-dir is replaced by the copy; its target is untouched.
    assert not (tmp_path / "out/a.txt").is_symlink()
    assert (tmp_path / "out/a.txt").read_bytes() == FIXED


@pytest.mark.parametrize("follow", [False, True])
def test_out_dir_never_writes_through_a_link_to_a_folder(tmp_path: Path, follow: bool) -> None:
    (tmp_path / "src/sub").mkdir(parents=True)
    (tmp_path / "src/sub/a.txt").write_bytes(GARBLED)
    (tmp_path / "src/b.txt").write_bytes(GARBLED)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/a.txt").write_bytes(b"not mojifix's to touch\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out/sub").symlink_to(tmp_path / "elsewhere")
    args = ["--follow-symlinks"] if follow else []
    proc = mojifix("fix", "src", "--out-dir", "out", *args, cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "src/sub/a.txt: cannot write out/sub/a.txt: out/sub is a symbolic link" in err
    assert files(tmp_path / "elsewhere") == {"a.txt": b"not mojifix's to touch\n"}
    assert (tmp_path / "out/b.txt").read_bytes() == FIXED  # the rest of the batch went on


# --- -o to special files ---------------------------------------------------------------------

def test_output_to_a_fifo_writes_through_it(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_bytes(GARBLED)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    proc = mojifix("fix", "in.txt", "-o", str(fifo), cwd=tmp_path)
    reader.join(30)
    assert proc.returncode == 0, proc.stderr
    assert got == [FIXED]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_output_to_a_character_device_writes_through_it(tmp_path: Path) -> None:
    # A private null device (same major/minor as /dev/null), so a regression cannot harm the
    # machine's own /dev/null.
    (tmp_path / "in.txt").write_bytes(GARBLED)
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    proc = mojifix("fix", "in.txt", "-o", str(null), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".mojifix-")] == []


def test_output_to_dev_stdout_into_a_pipe(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_bytes(GARBLED)
    proc = mojifix("fix", "in.txt", "-o", "/dev/stdout", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, FIXED, b"")


# --- --report --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("args", "report"),
    [
        (["check", "tree", "--report", "tree/notes.json"], "tree/notes.json"),
        (["fix", "tree", "-i", "--report", "tree/notes.json"], "tree/notes.json"),
        (["fix", "tree/page.html", "--report", "tree/page.html"], "tree/page.html"),
        (["fix", "tree/corpus.jsonl", "--jsonl", "--report", "tree/corpus.jsonl"], "tree/corpus.jsonl"),
        (["fix", "tree", "-i", "--jsonl", "--report", "tree/corpus.jsonl"], "tree/corpus.jsonl"),
    ],
)
def test_report_naming_an_input_is_refused(tmp_path: Path, args: list[str], report: str) -> None:
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree/notes.json").write_bytes(b'{"note": "caf\\u00c3\\u00a9"}\n')
    (tmp_path / "tree/page.html").write_bytes(b"<p>Le caf\xc3\x83\xc2\xa9</p>\n")
    (tmp_path / "tree/corpus.jsonl").write_bytes('{"text": "cafÃ©"}\n'.encode())
    before = files(tmp_path)
    proc = mojifix(*args, cwd=tmp_path)
    assert_refused(proc, f"--report {report} is an input file")
    assert files(tmp_path) == before


def test_report_naming_the_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_bytes(GARBLED)
    proc = mojifix("fix", "in.txt", "-o", "out.json", "--report", "out.json", cwd=tmp_path)
    assert_refused(proc, "--report out.json is also the -o output")
    assert files(tmp_path) == {"in.txt": GARBLED}


# --- in place --------------------------------------------------------------------------------

APPEND_DURING_REPAIR = """
import mojifix.runs.batch as batch
real = batch.repair_bytes
def appending(data, *args, **kwargs):
    with open({path!r}, "ab") as fh:  # another program appends while mojifix works
        fh.write(b"appended line\\n")
    return real(data, *args, **kwargs)
batch.repair_bytes = appending
import sys
from mojifix.cli import main
sys.argv[0] = "mojifix"
main()
"""


@pytest.mark.parametrize("jsonl", [False, True])
def test_in_place_keeps_what_another_program_appended(tmp_path: Path, jsonl: bool) -> None:
    name = "corpus.jsonl" if jsonl else "a.txt"
    path = tmp_path / "tree" / name
    path.parent.mkdir()
    original = '{"text": "cafÃ©"}\n'.encode() if jsonl else GARBLED
    path.write_bytes(original)
    code = APPEND_DURING_REPAIR.format(path=str(path))
    if jsonl:
        code = code.replace("mojifix.runs.batch as batch", "mojifix.files.jsonl as batch").replace(
            "batch.repair_bytes", "batch.repair_text")
    args = ["fix", "tree", "-i", "-j", "1"] + (["--jsonl"] if jsonl else [])
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], cwd=tmp_path,
                          capture_output=True, timeout=120)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert f"tree/{name}: changed by another program while it was being fixed" in err
    assert path.read_bytes().startswith(original) and path.read_bytes().endswith(b"appended line\n")
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".mojifix-")]


def test_output_naming_the_input_keeps_what_another_program_appended(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(GARBLED)
    code = APPEND_DURING_REPAIR.format(path=str(path)).replace(
        "mojifix.runs.batch as batch", "mojifix.api as batch")
    code = code.replace("batch.repair_bytes = appending",
                        "batch.repair_bytes = appending\nimport mojifix.cli")
    # _fix_one imports repair_bytes from mojifix.api at call time: the patch is seen.
    proc = subprocess.run([sys.executable, "-c", code, "fix", "a.txt", "-o", "a.txt"],
                          cwd=tmp_path, capture_output=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert path.read_bytes() == GARBLED + b"appended line\n"


@pytest.mark.parametrize("how", ["named twice", "folder and file", "symlink followed"])
def test_a_file_reached_twice_is_repaired_once(tmp_path: Path, how: str) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "a.txt").write_bytes(b"Tom &amp;lt; Jerry\n")  # once: &lt;  twice: <
    args = {
        "named twice": ["tree/a.txt", "tree/a.txt"],
        "folder and file": ["tree", "tree/a.txt"],
        "symlink followed": ["tree", "--follow-symlinks"],
    }[how]
    if how == "symlink followed":
        (tree / "0-link.txt").symlink_to("a.txt")
    proc = mojifix("fix", "-i", "-j", "1", *args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tree / "a.txt").read_bytes() == b"Tom &lt; Jerry\n"
    assert b"1 fixed" in proc.stderr and b"1 skipped (1 duplicate)" in proc.stderr


def test_hard_links_are_two_names_each_repaired_once(tmp_path: Path) -> None:
    # Rewriting one name gives it a new file (the other name keeps the old content, as with
    # dos2unix), so each name is repaired once, from the original bytes.
    (tmp_path / "a.txt").write_bytes(b"Tom &amp;lt; Jerry\n")
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    proc = mojifix("fix", "-i", "-j", "1", ".", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert files(tmp_path) == {"a.txt": b"Tom &lt; Jerry\n", "b.txt": b"Tom &lt; Jerry\n"}


def test_in_place_keeps_extended_attributes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(GARBLED)
    try:
        os.setxattr(path, "user.origin", b"scraped 2026-11-30")
    except OSError as exc:  # tmpfs without user xattrs, or not Linux
        pytest.skip(f"no user extended attributes here: {exc}")
    path.chmod(0o640)
    proc = mojifix("fix", "-i", "a.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert path.read_bytes() == FIXED
    assert os.getxattr(path, "user.origin") == b"scraped 2026-11-30"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_in_place_refuses_a_named_fifo(tmp_path: Path) -> None:
    # A FIFO cannot be replaced atomically; it must never become a regular file.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(GARBLED), daemon=True)
    writer.start()
    proc = mojifix("fix", "-i", "pipe", cwd=tmp_path)
    # Either skipped as a special file (exit 0) or refused (exit 2), but never replaced.
    assert proc.returncode in (0, 2), proc.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    if writer.is_alive():  # unblock the writer if mojifix never opened the FIFO
        fifo.read_bytes()
    writer.join(10)
