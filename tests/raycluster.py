"""A local Ray cluster for the tests, kept entirely inside the test's temporary folder.

Ray writes a temp dir (``/tmp/ray`` by default) and, since 2.5x, an auth token in
``~/.ray/auth_token`` when it starts a local cluster. The fixture points ``RAY_TMPDIR`` and
``HOME`` at the test's folder (for this process, the cluster's processes and any CLI subprocess,
which inherit the environment) and leaves ``RAY_AUTH_MODE`` unset, so that Ray takes its default
path for a new local cluster: token auth on, a fresh token generated in ``$HOME/.ray`` (the
test's folder; Ray sets ``RAY_AUTH_MODE=token`` for the processes it starts). Afterwards it checks that the real ``~/.ray`` is untouched and that no process started with
that environment is still alive.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


@dataclass
class Cluster:
    address: str
    base: Path
    home: Path
    tmp: Path


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    if not folder.is_dir():
        return {}
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def procs_with_env(needle: str) -> list[int]:
    """Live (non-zombie) processes whose environment contains ``needle`` (e.g. ``HOME=...``)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as fh:
                env = fh.read().split(b"\0")
            with open(f"/proc/{entry}/stat", "rb") as fh:
                state = fh.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if state != b"Z" and needle.encode() in env:
            found.append(int(entry))
    return found


def wait_gone(needle: str, timeout: float = 20.0) -> list[int]:
    """Wait until no process carries ``needle`` in its environment; return the stragglers."""
    deadline = time.monotonic() + timeout
    left = procs_with_env(needle)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = procs_with_env(needle)
    return left


def ray_env(base: Path) -> dict[str, str]:
    home, tmp = base / "home", base / "t"
    home.mkdir(parents=True, exist_ok=True)
    tmp.mkdir(parents=True, exist_ok=True)
    return {"HOME": str(home), "RAY_TMPDIR": str(tmp), "RAY_USAGE_STATS_ENABLED": "0"}


AUTH_VARS = ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH")


def start_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Generator body of the module fixture (see the module docstring)."""
    ray: Any = pytest.importorskip("ray")
    base = tmp_path_factory.mktemp("ray")  # short: Ray's socket paths live under it
    real_ray_dir = Path(os.path.expanduser("~")) / ".ray"
    before = _snapshot(real_ray_dir)
    env = ray_env(base)
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        for k in AUTH_VARS:  # set to something first, so that undo restores "unset"
            mp.setenv(k, "")
            mp.delenv(k)
        ctx = ray.init(
            num_cpus=2, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False
        )
        try:
            assert str(ctx.address_info["session_dir"]).startswith(str(base))
            yield Cluster(ctx.address_info["gcs_address"], base, base / "home", base / "t")
        finally:
            ray.shutdown()
        left = wait_gone(f"HOME={env['HOME']}")
    assert left == [], f"Ray processes left behind: {left}"
    assert (base / "home" / ".ray" / "auth_token").is_file()  # the token went to the test's folder
    assert _snapshot(real_ray_dir) == before  # ... and not to the real home
