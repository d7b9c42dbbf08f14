"""The engine choice without a cluster: a missing Ray is a one-line error with the remedy."""

from __future__ import annotations

import sys

import pytest

from mojifix.errors import MojifixError
from mojifix.runs import rayrun


def test_missing_ray_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    with pytest.raises(MojifixError) as err:
        rayrun.import_ray()
    assert str(err.value) == (
        "--engine ray needs Ray, which is not installed "
        "(install it with: pip install 'mojifix[ray]')"
    )


def test_importing_mojifix_does_not_import_ray() -> None:
    import subprocess

    code = "import sys, mojifix, mojifix.cli, mojifix.runs.rayrun; print('ray' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_chunk_sizes() -> None:
    assert rayrun.default_chunk_size(10, 2) == 2
    assert rayrun.default_chunk_size(1, 8) == 1
    assert rayrun.default_chunk_size(100_000, 2) == rayrun.MAX_CHUNK


def test_sweep_removes_only_mojifix_temp_files(tmp_path) -> None:
    (tmp_path / ".mojifix-abc.tmp").write_bytes(b"half")
    (tmp_path / "page.txt").write_text("kept")
    (tmp_path / ".mojifix-notes.txt").write_text("kept")
    assert rayrun.sweep_temp_files([str(tmp_path), str(tmp_path), str(tmp_path / "gone")]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".mojifix-notes.txt", "page.txt"]


def test_cli_engine_ray_without_ray_exits_2_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    from click.testing import CliRunner

    from mojifix.cli import main

    monkeypatch.setitem(sys.modules, "ray", None)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("cafÃ©\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["fix", str(tmp_path / "src"), "--out-dir", str(tmp_path / "out"), "--engine", "ray"]
    )
    assert result.exit_code == 2
    assert result.output == (
        "mojifix: error: --engine ray needs Ray, which is not installed "
        "(install it with: pip install 'mojifix[ray]')\n"
    )
    assert not (tmp_path / "out").exists()


def test_cli_address_needs_engine_ray(tmp_path) -> None:
    from click.testing import CliRunner

    from mojifix.cli import main

    (tmp_path / "a.txt").write_text("x\n")
    result = CliRunner().invoke(
        main, ["fix", str(tmp_path), "--in-place", "--address", "127.0.0.1:6379"]
    )
    assert result.exit_code == 2
    assert result.output == "mojifix: error: --address is for --engine ray\n"


def test_cli_unreachable_address_fails_fast(tmp_path) -> None:
    pytest.importorskip("ray")
    import socket

    from click.testing import CliRunner

    from mojifix.cli import main

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.txt").write_text("x\n")
    result = CliRunner().invoke(main, [
        "fix", str(tmp_path / "src"), "--out-dir", str(tmp_path / "out"),
        "--engine", "ray", "--address", f"127.0.0.1:{port}",
    ])
    assert result.exit_code == 2
    assert result.output.startswith(
        f"mojifix: error: cannot connect to the Ray cluster at 127.0.0.1:{port}: Connection refused"
    )


def test_cli_engine_ray_refuses_stdin() -> None:
    pytest.importorskip("ray")
    from click.testing import CliRunner

    from mojifix.cli import main

    result = CliRunner().invoke(main, ["check", "-", "--engine", "ray"], input="cafÃ©\n")
    assert result.exit_code == 2
    assert result.output == (
        "mojifix: error: --engine ray works on files and folders, not stdin (use --engine local)\n"
    )
