"""Start-up of ``echo x | mojifix fix -`` (issue 20): a tiny clean input imports none of the
heavy modules (ftfy and its tables, the legacy-encoding detector, chardet, the JSON and HTML
report code, rich). A guard on behaviour, not on time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
HEAVY = ("ftfy", "chardet", "mojifix.decoding.detect", "mojifix.scoring.detectscore", "json",
         "html.entities", "rich", "mojifix.output.report", "mojifix.output.htmlreport",
         "mojifix.fixers.mojibake", "mojifix.fixers.chains",
         # the plain pipe does not build the click app (mojifix.cli.pipe)
         "click", "mojifix.cli.commands", "mojifix.cli.common", "mojifix.cli.run")


def test_fix_stdin_on_a_tiny_ascii_input_imports_no_heavy_module(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "mojifix", "fix", "-"],
                          input=b"x\n", capture_output=True, cwd=tmp_path, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"x\n"
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.decode().splitlines()
                if line.startswith("import time:")}
    assert "mojifix.cli" in imported  # (the measure works)
    assert not [m for m in HEAVY if m in imported]


def test_version_and_help_do_not_import_the_repair_engine(tmp_path: Path) -> None:
    # mojifix/__init__ exposes its API lazily (PEP 562): --version needs none of it.
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    for args, shown in ((["--version"], b"mojifix, version "), (["--help"], b"Usage: ")):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "mojifix", *args],
                              capture_output=True, cwd=tmp_path, env=env, timeout=60)
        assert proc.returncode == 0 and proc.stdout.startswith(shown), proc.stderr[-500:]
        imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.decode().splitlines()
                    if line.startswith("import time:")}
        assert "mojifix.cli.commands" in imported
        assert not {"mojifix.api", "mojifix.engine.pipeline", "mojifix.model"} & imported


def test_the_lazy_api_is_the_api() -> None:
    code = ("import mojifix, typing\n"
            "assert mojifix.fix_text('cafÃ©') == 'café'\n"
            "from mojifix import Config, Repair, MojifixError, detect_bytes, repair_bytes\n"
            "import mojifix.api, mojifix.model\n"
            "assert mojifix.repair_bytes is mojifix.api.repair_bytes is repair_bytes\n"
            "assert mojifix.Repair is mojifix.model.Repair is Repair\n"
            "assert all(getattr(mojifix, n) is not None for n in mojifix.__all__)\n"
            "assert set(mojifix.__all__) <= set(dir(mojifix))\n"
            "try:\n    mojifix.nope\nexcept AttributeError:\n    pass\nelse:\n    raise SystemExit(1)\n")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
