"""Start-up time: ``echo hello | mojifix fix -`` against ``echo hello | ftfy`` (the ftfy CLI).

Runs both commands alternately (``--runs`` times each) and prints the median and the minimum
wall time, so a busy machine affects both equally.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def once(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, input=b"hello\n", stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    mojifix = shutil.which("mojifix") or sys.exit("mojifix is not on PATH (pip install .)")
    ftfy = shutil.which("ftfy") or sys.exit("the ftfy CLI is not on PATH")
    cmds = {"mojifix fix -": [mojifix, "fix", "-"], "ftfy": [ftfy]}
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(args.runs):
        for name, cmd in cmds.items():
            times[name].append(once(cmd))
    for name, xs in times.items():
        print(f"echo hello | {name:<14} median {statistics.median(xs) * 1000:6.1f} ms   "
              f"min {min(xs) * 1000:6.1f} ms")
    ratio = statistics.median(times["mojifix fix -"]) / statistics.median(times["ftfy"])
    print(f"mojifix / ftfy: {ratio:.2f} ({'no slower' if ratio <= 1.0 else 'SLOWER'})")


if __name__ == "__main__":
    main()
