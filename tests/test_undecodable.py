"""Bytes that look like text but that no encoding decodes: an error (exit 2), never "binary".

QA: such a file was reported "skipped: binary" by ``check`` (exit 0), by ``check -`` and by a
batch ``fix --out-dir`` (exit 0, the file silently missing from the copy). Real binaries (NUL
bytes: images, executables) stay skipped in a batch, as README and docs/usage.md say, so
``mojifix check $(git ls-files)`` still passes over a repository's images.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import run_cli
from mojifix import BinaryInputError, UndecodableInputError, detect_bytes, fix_bytes

# Printable ASCII and high bytes, no NUL, no control byte, no spaces: no encoding reads it.
UNDECODABLE = b"".join(bytes((b % 95 + 32) if b < 200 else b for b in hashlib.sha256(bytes([i])).digest())
                       for i in range(40))
MESSAGE = "no text encoding decodes this input plausibly (pass --encoding NAME if you know the encoding)"
# The head of an executable: NUL bytes.
BINARY = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4


def test_the_library_raises_undecodable_a_binary_input_error() -> None:
    for call in (detect_bytes, fix_bytes):
        with pytest.raises(UndecodableInputError) as err:
            call(UNDECODABLE)
        assert isinstance(err.value, BinaryInputError)  # callers catching that still do
        assert str(err.value) == MESSAGE
    with pytest.raises(BinaryInputError) as err:
        fix_bytes(BINARY)
    assert not isinstance(err.value, UndecodableInputError)


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    (root / "und.txt").write_bytes(UNDECODABLE)
    (root / "ok.txt").write_bytes(b"hello\n")
    (root / "ls.bin").write_bytes(BINARY)
    return root


def test_check_of_an_undecodable_file_fails(tree: Path) -> None:
    path = tree / "und.txt"
    proc = run_cli("check", "-q", str(path))
    assert proc.returncode == 2
    assert proc.stderr.decode() == f"mojifix: error: {path}: {MESSAGE}\n"
    proc = run_cli("check", "-q", "-", input=UNDECODABLE)
    assert proc.returncode == 2
    assert proc.stderr.decode() == f"mojifix: error: <stdin>: {MESSAGE}\n"
    proc = run_cli("fix", str(path))
    assert (proc.returncode, proc.stdout) == (2, b"")
    assert proc.stderr.decode() == f"mojifix: error: {path}: {MESSAGE}\n"


def test_a_folder_with_an_undecodable_file_fails_but_skips_the_binary(tree: Path, tmp_path: Path) -> None:
    proc = run_cli("check", str(tree))
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert f"mojifix: error: {tree / 'und.txt'}: {MESSAGE}\n" in err
    assert "1 clean, 1 skipped (1 binary), 1 failed" in err.splitlines()[1]
    out = tmp_path / "out"
    proc = run_cli("fix", str(tree), "--out-dir", str(out), "-q")
    assert proc.returncode == 2
    assert proc.stderr.decode() == f"mojifix: error: {tree / 'und.txt'}: {MESSAGE}\n"
    assert sorted(p.name for p in out.iterdir()) == ["ok.txt"]
    proc = run_cli("detect", "--json", str(tree))
    assert proc.returncode == 2
    assert f"{tree / 'und.txt'}: {MESSAGE}" in proc.stderr.decode()


def test_a_binary_stays_skipped_in_a_batch(tree: Path) -> None:
    (tree / "und.txt").unlink()
    proc = run_cli("check", "-q", str(tree))
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"")
    proc = run_cli("check", "-q", "-", input=BINARY)  # `head -c 3000 /bin/ls | mojifix check -`
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, b"", b"")
    proc = run_cli("fix", str(tree / "ls.bin"))  # one file named to fix: refused
    assert proc.returncode == 2 and b"looks like binary data" in proc.stderr


@pytest.mark.parametrize("data", [
    ("=" * 300 + "\n" + "统计在一个列表中元素的个数\n").encode("gbk"),  # the QA's file
    "ИМЯloop, loop-control - закольцованные устройства".encode("koi8-r") + b"=" * 300,
])
def test_a_long_separator_line_refuses_rather_than_guesses(tmp_path: Path, data: bytes) -> None:
    # A long ASCII token makes a short legacy file "shapeless" to detection. Letting it through
    # (a try this session) decoded 379 such corpus files right but 32 wrong with enough
    # confidence for -i to rewrite them (KOI8-R as GBK: a review): refused, with the remedy, is
    # the safe side; --encoding decodes it.
    path = tmp_path / "sep.txt"
    path.write_bytes(data)
    for args in (("check", str(path)), ("fix", "-i", str(path))):
        proc = run_cli(*args)
        assert proc.returncode == 2 and b"pass --encoding NAME" in proc.stderr
    assert path.read_bytes() == data
    codec = "gbk" if data.startswith(b"=") else "koi8-r"
    proc = run_cli("fix", "--encoding", codec, str(path))
    assert proc.returncode == 0 and proc.stdout == data.decode(codec).encode("utf-8")
