"""Batch throughput: `mojifix fix DIR --out-dir` with -j 1 and -j 2 against a shell loop over
the ftfy CLI, on the same generated tree, in one run.

    python bench/batch.py                 # 2,000 files (the issue's size)
    python bench/batch.py --files 5000    # bigger tree
    python bench/batch.py --ftfy-sample 300   # time the ftfy loop on 300 files, extrapolate

The tree (bench/.data/batch-tree, regenerated each run, git-ignored) is made from the clean
texts in fixtures/clean: ~70% clean files in many scripts, ~30% damaged ones (UTF-8 mojibake,
HTML entities, zero-width characters, pinyin glosses, GBK bytes), 1-40 KB each, log-uniform
(median about 6 KB, like text extracted from web pages). Every runner
writes a repaired copy of every file to its own output folder, so the work compared is the same
(read, repair, write). The ftfy loop is what users write today (`for f in ...; do ftfy "$f" -o
...; done`); ftfy refuses the GBK files without -g, as it would in their loop.

Targets from the issue: -j 2 >= 1.8x -j 1, and mojifix >= 20x the ftfy loop. Wall-clock times
include each command's start-up; the CPU column (the command and its children) shows how much
work each run did, so a -j 2 run starved by other jobs on a shared machine can be told from one
that does not scale. Results also go to bench/out/batch.json. The numbers depend
on the machine and on what else runs on it: report them with that caveat.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / ".data"
OUT = ROOT / "bench" / "out"
CLEAN = sorted((ROOT / "fixtures" / "clean").glob("*.txt"))


def _damage(text: str, kind: str) -> bytes:
    if kind == "mojibake":
        return text.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    if kind == "entities":
        return text.replace("&", "&amp;").replace(",", "&#44;").encode("utf-8")
    if kind == "zero-width":
        return text.replace(" ", " \u200b").encode("utf-8")
    if kind == "glosses":
        return ("強(qiáng)調(diào)一下，協調(diào)。\n" + text).encode("utf-8")
    if kind == "gbk":
        return text.encode("gbk", errors="replace")
    return text.encode("utf-8")


def make_tree(root: Path, n: int, seed: int = 7) -> tuple[int, int]:
    """Write ``n`` files under ``root``; return (files, bytes)."""
    if root.exists():
        shutil.rmtree(root)
    rng = random.Random(seed)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in CLEAN}
    # a real page in Traditional Chinese (the user's sample, repaired) for longer CJK text
    texts["zh-hant"] += (ROOT / "fixtures" / "golden" / "000_fa615ddf964b754e.fixed.txt").read_text(
        encoding="utf-8")[:6000]
    latin = [k for k in texts if k in ("fr", "de", "es", "vi", "latin-ascii")]
    total = 0
    for i in range(n):
        folder = root / f"site{i % 17:02}" / f"section{i % 5}"
        folder.mkdir(parents=True, exist_ok=True)
        roll = rng.random()
        if roll < 0.70:
            kind, name = "clean", rng.choice(sorted(texts))
        elif roll < 0.82:
            kind, name = "mojibake", rng.choice(latin)
        elif roll < 0.87:
            kind, name = "entities", rng.choice(latin)
        elif roll < 0.92:
            kind, name = "zero-width", rng.choice(latin)
        elif roll < 0.97:
            kind, name = "glosses", "zh-hant"
        else:
            kind, name = "gbk", "zh-hans"
        unit = texts[name]
        # log-uniform 1-40 KB (median ~6 KB): most extracted pages are short, a few are long
        target = int(math.exp(rng.uniform(math.log(1_000), math.log(40_000))))
        body = unit * max(1, target // len(unit.encode("utf-8")))
        data = _damage(body, kind)
        (folder / f"page{i:05}.txt").write_bytes(data)
        total += len(data)
    return n, total


def _timed(cmd: list[str], cwd: Path | None = None, check: bool = True) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its children)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if check and proc.returncode != 0:
        sys.exit(f"bench: {cmd} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--ftfy-sample", type=int, default=0,
                    help="time the ftfy loop on this many files and extrapolate (0: all)")
    args = ap.parse_args()

    tree = DATA / "batch-tree"
    files, size = make_tree(tree, args.files)
    rel = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*.txt"))
    mb = size / 1e6
    load = os.getloadavg()[0]
    print(f"tree: {files} files, {mb:.1f} MB, {os.cpu_count()} CPUs visible, load average "
          f"{load:.2f} before the run (a shared machine: other jobs compete for the CPUs)")

    mojifix = [sys.executable, "-m", "mojifix", "fix", str(tree), "-q"]
    rows = []
    for jobs in (1, 2):
        out = DATA / f"out-j{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        secs, cpu = _timed([*mojifix, "--out-dir", str(out), "-j", str(jobs)])
        rows.append((f"mojifix -j {jobs}", files, secs, cpu))

    ftfy = shutil.which("ftfy") or str(Path(sys.executable).with_name("ftfy"))
    sample = rel if not args.ftfy_sample else rel[: args.ftfy_sample]
    out = DATA / "out-ftfy"
    shutil.rmtree(out, ignore_errors=True)
    for r in sample:
        (out / r).parent.mkdir(parents=True, exist_ok=True)
    listing = DATA / "ftfy-files.txt"
    listing.write_text("".join(r + "\n" for r in sample))
    loop = f'while IFS= read -r f; do "{ftfy}" "$f" -o "{out}/$f" 2>/dev/null; done < "{listing}"'
    secs, cpu = _timed(["bash", "-c", loop], cwd=tree, check=False)
    if len(sample) != files:
        secs, cpu = secs * files / len(sample), cpu * files / len(sample)
    label = "ftfy CLI loop" + (f" (timed on {len(sample)}, extrapolated)" if len(sample) != files else "")
    rows.append((label, files, secs, cpu))

    ftfy_secs = rows[-1][2]
    print(f"\n{'runner':<44} {'seconds':>8} {'CPU s':>7} {'files/s':>9} {'MB/s':>7} {'vs ftfy':>8}")
    for name, n, s, c in rows:
        print(f"{name:<44} {s:8.2f} {c:7.2f} {n / s:9.0f} {mb / s:7.2f} {ftfy_secs / s:7.1f}x")
    j1, j2 = rows[0][2], rows[1][2]
    scaling = j1 / j2
    best = ftfy_secs / min(j1, j2)
    print(f"\n-j 2 vs -j 1: {scaling:.2f}x (target >= 1.8x: {'met' if scaling >= 1.8 else 'MISSED'})")
    print(f"mojifix vs ftfy loop: {best:.1f}x (target >= 20x: {'met' if best >= 20 else 'MISSED'})")

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "batch.json").write_text(json.dumps({
        "files": files, "bytes": size, "cpus": os.cpu_count(), "load_before": load,
        "runs": [{"runner": n, "seconds": round(s, 3), "cpu_seconds": round(c, 3),
                  "files_per_s": round(f / s, 1), "mb_per_s": round(mb / s, 3)}
                 for n, f, s, c in rows],
        "scaling_j2_over_j1": round(scaling, 3), "speedup_vs_ftfy": round(best, 1),
    }, indent=2) + "\n")


if __name__ == "__main__":
    main()
