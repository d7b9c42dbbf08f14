"""Linear time on pathological input: long runs of ``(``, ``Ã``, ``&#``, ``?`` (and a mix).

Prints, for each shape, the time at 1, 10 and 100 MB and the ratio to the 1 MB time: a linear
implementation shows ratios near 10 and 100; a quadratic one, 100 and 10,000.

    python bench/adversarial.py            # 1, 10, 100 MB
    python bench/adversarial.py --max-mb 10  # scaled down: 1 and 10 MB only
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mojifix
from corpus import ADVERSARIAL, adversarial_text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-mb", type=int, default=100)
    ap.add_argument("--kinds", default=",".join(ADVERSARIAL))
    args = ap.parse_args()
    sizes = [s for s in (1, 10, 100) if s <= args.max_mb]
    if args.max_mb < 100:
        print(f"(scaled down: sizes {sizes} MB, not 1/10/100)")
    print(f"{'input':<10} " + " ".join(f"{s:>5} MB s" for s in sizes) + "   ratios to 1 MB")
    for kind in args.kinds.split(","):
        times = []
        for mb in sizes:
            text = adversarial_text(kind, mb << 20)
            t0 = time.perf_counter()
            mojifix.fix_text(text)
            times.append(time.perf_counter() - t0)
            del text
        ratios = " ".join(f"{t / times[0]:.1f}x" for t in times[1:])
        print(f"{kind!r:<10} " + " ".join(f"{t:>10.2f}" for t in times) + f"   {ratios}", flush=True)


if __name__ == "__main__":
    main()
