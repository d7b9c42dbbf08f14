"""Adversarial input at the issue's sizes: each hostile case at 1 MB and 10 MB, with the ratio.

    python bench/adversarial_cases.py [--small BYTES] [--scale N] [CASE...]

The same cases as ``tests/test_adversarial.py`` (which asserts ratio <= 25 at 0.1 MB / 1 MB in
CI). A linear path shows a ratio near the scale (10); a quadratic one near its square (100).
Takes a few minutes: the slowest cases repair about 0.5 MB/s.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_adversarial as cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000_000)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("case", nargs="*")
    args = parser.parse_args()
    runs = [(k, cases._repair_text, u) for k, u in cases.TEXT_UNITS.items()]
    runs += [(k, cases._repair_bytes, u) for k, u in cases.BYTE_UNITS.items()]
    runs += [("diff-report-same-lines", cases.diff_and_report, cases.NUMBERED)]
    runs += [("diff-report-more-lines", cases.diff_and_report, cases.ENTITY_NEWLINES)]
    big_mb = args.small * args.scale / 1e6
    print(f"{'case':28s} {args.small / 1e6:>7.1f} MB {big_mb:>7.1f} MB  ratio  (CPU seconds)")
    worst = 0.0
    for name, run, unit in runs:
        if args.case and name not in args.case:
            continue
        t_small, t_big = cases.measure(run, unit, args.small, args.scale)
        ratio = t_big / max(t_small, 1e-6)
        worst = max(worst, ratio if t_big >= cases.NOISE_FLOOR_S else 0.0)
        print(f"{name:28s} {t_small:9.3f}s {t_big:9.3f}s  x{ratio:.1f}", flush=True)
    print(f"worst ratio (runs >= {cases.NOISE_FLOOR_S}s): x{worst:.1f}, limit x{cases.MAX_RATIO}")


if __name__ == "__main__":
    main()
