from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = Path(os.environ.get("MOJIFIX_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is absent (a user's fresh clone)."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not present (shared material exists only on development machines and CI)")
    return p


def run_cli(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the real installed CLI in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "mojifix", *args],
        input=input,
        capture_output=True,
        timeout=120,
    )
