"""The plain pipe ``mojifix fix -`` runs without click (mojifix.cli.pipe, issue 20) and is
byte-for-byte the click command: the same stdout, stderr and exit code over clean, garbled,
binary, empty, legacy-encoded and bad input, with and without a settings file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
# The click app itself, as the console script ran it before the pipe existed.
CLICK = ("import sys; sys.argv[0] = 'mojifix'; from mojifix.cli.commands import main; main()")
# The console script (mojifix.cli:main), also reporting whether the click app was built.
ENTRY = ("import sys, atexit; sys.argv[0] = 'mojifix'; "
         "atexit.register(lambda: sys.stderr.write('[click]' if 'mojifix.cli.commands' in sys.modules else ''));"
         " from mojifix.cli import main; main()")

INPUTS = {
    "clean": "The committee met on Tuesday. “Quoted” — «Привет», 中文。\n".encode(),
    "garbled": "cafÃ© au lait, â€œquotedâ€\x9d &amp;eacute; a\u200bb\n".encode(),
    "gbk-mojibake": "浣犲ソ涓栫晫\n".encode(),
    "binary": b"\x00\x01\x02PNG\x00\x00" * 50,
    "empty": b"",
    "legacy-cp1252": "café, naïve — “quoted”\n".encode("cp1252"),
    "legacy-gbk": "你好，世界。这是一个测试。\n".encode("gbk"),
    "bad-utf8": b"caf\xc3\xa9 \xff\xfe broken \xc3\x28 end\n",
    "bom": "\ufeffhello\n".encode(),
    "no-newline": b"x",
}


def _run(code: str, args: list[str], data: bytes, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-c", code, *args], input=data, capture_output=True,
                          cwd=cwd, env=env, timeout=120)


@pytest.mark.parametrize("args", [["fix", "-"], ["fix"]])
@pytest.mark.parametrize("name", sorted(INPUTS))
def test_the_pipe_without_click_gives_what_click_gives(tmp_path: Path, name: str,
                                                      args: list[str]) -> None:
    data = INPUTS[name]
    fast = _run(ENTRY, args, data, tmp_path)
    slow = _run(CLICK, args, data, tmp_path)
    assert not fast.stderr.endswith(b"[click]"), fast.stderr
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)


@pytest.mark.parametrize("name", ["clean", "garbled", "legacy-cp1252"])
def test_a_settings_file_sends_the_pipe_to_click(tmp_path: Path, name: str) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mojifix]\nentities = false\nmojibake = false\n")
    fast = _run(ENTRY, ["fix", "-"], INPUTS[name], tmp_path)
    slow = _run(CLICK, ["fix", "-"], INPUTS[name], tmp_path)
    assert fast.stderr.endswith(b"[click]")
    assert (fast.returncode, fast.stdout, fast.stderr[:-7]) == (slow.returncode, slow.stdout,
                                                                 slow.stderr)
    if name == "garbled":  # the file was read: mojibake and entities left as they are
        assert fast.stdout == "cafÃ© au lait, â€œquotedâ€\x9d &amp;eacute; ab\n".encode()


def test_a_broken_settings_file_is_reported_by_click(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mojifix]\nentities = \n")
    fast = _run(ENTRY, ["fix", "-"], b"x\n", tmp_path)
    slow = _run(CLICK, ["fix", "-"], b"x\n", tmp_path)
    assert fast.returncode == slow.returncode == 2
    assert fast.stderr[:-7] == slow.stderr and b"not valid TOML" in slow.stderr


@pytest.mark.parametrize("args", [["fix", "--no-entities", "-"], ["fix", "-", "-q"], ["fix", "--"],
                                  ["--version"], ["check", "-q", "-"]])  # (-q: no timings)
def test_any_other_argument_goes_to_click(tmp_path: Path, args: list[str]) -> None:
    fast = _run(ENTRY, args, b"a &amp; b\n", tmp_path)
    slow = _run(CLICK, args, b"a &amp; b\n", tmp_path)
    assert fast.stderr.endswith(b"[click]")
    assert (fast.returncode, fast.stdout, fast.stderr[:-7]) == (slow.returncode, slow.stdout,
                                                                 slow.stderr)


def test_a_folder_named_dash_goes_to_click(tmp_path: Path) -> None:
    (tmp_path / "-").mkdir()
    fast = _run(ENTRY, ["fix", "-"], b"x\n", tmp_path)
    slow = _run(CLICK, ["fix", "-"], b"x\n", tmp_path)
    assert fast.stderr.endswith(b"[click]")
    assert (fast.returncode, fast.stdout, fast.stderr[:-7]) == (slow.returncode, slow.stdout,
                                                                 slow.stderr)


def test_the_pipe_defaults_are_what_click_parses_for_fix(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from mojifix.cli import pipe
    from mojifix.cli.commands import fix
    from mojifix.cli.common import _build_config
    from mojifix.config import Config
    from mojifix.files.bounded import parse_size

    monkeypatch.chdir(tmp_path)
    ctx = fix.make_context("fix", ["-"])
    keys = set(pipe.CONFIG)
    chosen = {k: v for k, v in ctx.params.items() if k in keys}
    chosen["file_kind"] = None if chosen["file_kind"] == "auto" else chosen["file_kind"]
    assert {k: tuple(v) if isinstance(v, list) else v for k, v in chosen.items()} == pipe.CONFIG
    assert _build_config(dict(ctx.params)) == Config.build(None, **pipe.CONFIG)
    assert ctx.params["max_size"] == parse_size(pipe.MAX_SIZE)
    # The options _fix_one reads beyond the config: none asks for anything but the plain pipe.
    assert not any(ctx.params[k] for k in ("jsonl", "jsonl_field", "include", "exclude"))


def test_a_closed_pipe_ends_as_with_click(tmp_path: Path) -> None:
    data = ("cafÃ© au lait " * 20 + "\n").encode() * 20000
    codes = []
    for code in (ENTRY, CLICK):
        env = {**os.environ, "PYTHONPATH": str(SRC)}
        proc = subprocess.Popen([sys.executable, "-c", code, "fix", "-"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path,
                                env=env)
        assert proc.stdout is not None and proc.stdin is not None
        proc.stdout.close()  # the reader is gone before anything is written
        _, err = proc.communicate(data, timeout=300)
        codes.append((proc.returncode, err.replace(b"[click]", b"")))
    assert codes[0] == codes[1]
