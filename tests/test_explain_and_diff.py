"""``mojifix explain`` tells one file's repair step by step; ``--diff`` is coloured on a
terminal only and names files that are only re-encoded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GARBLED = "Le cafÃ© &amp;amp; x\n強(qiáng)調(diào)\n".encode()


def mojifix(*args: str, cwd: Path, env: dict[str, str] | None = None,
            input: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mojifix", *args], cwd=cwd, input=input,
                          capture_output=True, timeout=120, env=env, text=input is None)


def test_explain_tells_each_step(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_bytes(GARBLED)
    proc = mojifix("explain", "page.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        f"page.txt: {len(GARBLED)} bytes",
        "1. bytes -> text: decoded as utf-8",
        "2. html-entities: HTML entities in plain text, 1 decoded (confidence 95%)",
        "   evidence: &amp;amp; -> '&'",  # escaped twice, decoded twice (issue 18)
        "   line 1, column 10: '&amp;amp;' -> '&'",
        "3. mojibake: UTF-8 read as Latin-1: 1 place, 1 character changed (confidence 90%)",
        "   evidence: 'Ã©' -> 'é'",
        "   line 1, column 7: 'Ã©' -> 'é'",
        "4. pinyin-glosses: pinyin glosses, 2 removed (confidence 99%)",
        "   evidence: 強(qiáng) x1; 調(diào) x1",
        "   line 2, column 2: '(qiáng)' -> ''",
        "   line 2, column 10: '(diào)' -> ''",
        "result: the text changes; 'mojifix fix' would write it as UTF-8 (4 changes)",
    ]
    assert (tmp_path / "page.txt").read_bytes() == GARBLED


def test_explain_of_a_legacy_file_and_of_clean_text(tmp_path: Path) -> None:
    (tmp_path / "gbk.txt").write_bytes("中文的文字，这是一个测试。\n".encode("gbk"))
    lines = mojifix("explain", "gbk.txt", cwd=tmp_path).stdout.splitlines()
    assert lines[1].startswith("1. bytes -> text: decoded as g")
    assert lines[-1] == "result: the text is unchanged; 'mojifix fix' would write it as UTF-8"
    clean = mojifix("explain", "-", cwd=tmp_path, input="Le café\n".encode()).stdout.decode()
    assert clean.splitlines()[-1] == ("result: clean; 'mojifix fix' leaves the file byte for byte "
                                      "as it is")


def test_explain_of_a_missing_file_is_one_line(tmp_path: Path) -> None:
    proc = mojifix("explain", "nope.txt", cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "mojifix: error: nope.txt: no such file (check the path)\n"


@pytest.mark.parametrize("args", [["fix", "--diff", "f.txt"], ["check", "--diff", "f.txt"]])
def test_diff_is_plain_in_a_pipe_and_coloured_when_forced(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "f.txt").write_bytes("Le cafÃ©\n".encode())
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    plain = mojifix(*args, cwd=tmp_path, env=env).stdout
    assert "\x1b[" not in plain and "-Le cafÃ©\n+Le café\n" in plain
    coloured = mojifix(*args, cwd=tmp_path, env={**env, "FORCE_COLOR": "1"}).stdout
    assert "\x1b[31m-Le cafÃ©\x1b[0m\n\x1b[32m+Le café\x1b[0m\n" in coloured
    assert "\x1b[" not in mojifix(*args, cwd=tmp_path,
                                  env={**env, "FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


def test_diff_is_coloured_on_a_terminal(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")
    (tmp_path / "f.txt").write_bytes("Le cafÃ©\n".encode())
    pid, fd = pty.fork()
    if pid == 0:  # child: stdout is the terminal
        os.chdir(tmp_path)
        os.environ.pop("NO_COLOR", None)
        os.execv(sys.executable, [sys.executable, "-m", "mojifix", "fix", "--diff", "f.txt"])
    out = bytearray()
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out.extend(chunk)
    os.waitpid(pid, 0)
    assert "\x1b[32m+Le café\x1b[0m" in out.decode()


def test_diff_of_a_file_only_re_encoded_says_so(tmp_path: Path) -> None:
    (tmp_path / "gbk.txt").write_bytes("中文的文字，这是一个测试。\n".encode("gbk"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfhello\n")
    proc = mojifix("fix", "--diff", "gbk.txt", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == ""
    assert proc.stderr.startswith("mojifix: gbk.txt: re-encoded from g")
    assert proc.stderr.endswith(" to UTF-8 (text unchanged)\n")
    proc = mojifix("fix", "--diff", "bom.txt", cwd=tmp_path)
    assert proc.stderr == ("mojifix: bom.txt: byte-order mark removed (text unchanged; --keep-bom "
                           "keeps it)\n")
