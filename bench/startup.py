"""Start-up time: ``echo hello | mojifix fix -`` against ``echo hello | ftfy`` (the ftfy CLI).

Runs both commands alternately (``--runs`` times each) and prints the median and the minimum
wall time, so a busy machine affects both equally. Target: mojifix's median at most 0.8x
ftfy's. Both run in a fresh empty temporary folder, as a pipe in a user's folder does: run
from a project folder, mojifix also reads the nearest ``pyproject.toml`` that may hold a
``[tool.mojifix]`` table (this repository's does, in a comment). Writes its result to bench/RESULTS.md (section ``startup``) unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def once(cmd: list[str], cwd: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, input=b"hello\n", stdout=subprocess.DEVNULL, check=True, cwd=cwd)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    mojifix = shutil.which("mojifix") or sys.exit("mojifix is not on PATH (pip install .)")
    ftfy = shutil.which("ftfy") or sys.exit("the ftfy CLI is not on PATH")
    cmds = {"mojifix fix -": [mojifix, "fix", "-"], "ftfy": [ftfy]}
    times: dict[str, list[float]] = {k: [] for k in cmds}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(args.runs):
            for name, cmd in cmds.items():
                times[name].append(once(cmd, folder))
    rows = ["| command | median | min |", "|---|---|---|"]
    for name, xs in times.items():
        print(f"echo hello | {name:<14} median {statistics.median(xs) * 1000:6.1f} ms   "
              f"min {min(xs) * 1000:6.1f} ms")
        rows.append(f"| `echo hello \\| {name}` | {statistics.median(xs) * 1000:.0f} ms | "
                    f"{min(xs) * 1000:.0f} ms |")
    ratio = statistics.median(times["mojifix fix -"]) / statistics.median(times["ftfy"])
    verdict = "target met" if ratio <= 0.8 else "target NOT met"
    print(f"mojifix / ftfy: {ratio:.2f} (target <= 0.8: {verdict})")
    if not args.no_write:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import results

        results.write_section("startup", "\n".join([
            "## Start-up (bench/startup.py)", "",
            f"Median of {args.runs} alternating runs each, Python {platform.python_version()}: "
            f"mojifix / ftfy CLI = **{ratio:.2f}** (target ≤ 0.8: {verdict}).", "", *rows]))


if __name__ == "__main__":
    main()
