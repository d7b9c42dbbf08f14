"""A UTF-8 file cut inside its last character: every command treats it alike.

A new user's QA: ``check`` (exit 0), ``fix --diff`` and ``fix -i`` called such a file clean and
left it, while ``fix`` to stdout, ``-o`` and ``--out-dir`` wrote its cut bytes as U+FFFD. The
cut bytes are now kept as they came (decode.Decoded.cut), as a stray byte of mostly-UTF-8 text
is, so a clean file written out is the file; ``detect_bytes`` still counts the character lost.
"""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from mojifix import detect_bytes

CUT = "Le café est très bon, mais l'addition est salée.\nFin du t".encode() + "é".encode()[:1]


def test_every_command_keeps_the_file_as_it_is(tmp_path: Path) -> None:
    src = tmp_path / "cut.txt"
    src.write_bytes(CUT)
    assert run_cli("check", str(src)).returncode == 0
    res = run_cli("fix", str(src))
    assert (res.returncode, res.stdout) == (0, CUT)
    assert run_cli("fix", str(src), "-o", str(tmp_path / "out.txt")).returncode == 0
    assert (tmp_path / "out.txt").read_bytes() == CUT
    assert run_cli("fix", str(src), "--out-dir", str(tmp_path / "copy")).returncode == 0
    assert (tmp_path / "copy" / "cut.txt").read_bytes() == CUT
    assert run_cli("fix", "-i", str(src)).returncode == 0
    assert src.read_bytes() == CUT
    res = run_cli("fix", "-", input=CUT)
    assert (res.returncode, res.stdout) == (0, CUT)


def test_mojibake_before_the_cut_is_repaired_and_the_cut_kept(tmp_path: Path) -> None:
    src = tmp_path / "cut.txt"
    src.write_bytes("Le cafÃ© est très bon.\nFin du t".encode() + "é".encode()[:1])
    res = run_cli("fix", str(src))
    assert (res.returncode, res.stdout) == (0, "Le café est très bon.\nFin du t".encode() + b"\xc3")


def test_detect_bytes_counts_the_cut_character_lost() -> None:
    d = detect_bytes(CUT)
    assert (d.encoding, d.lossy, d.evidence) == ("utf-8", 1, ("valid UTF-8, cut inside its last character",))
