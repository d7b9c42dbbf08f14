"""Ray engine overhead: `mojifix fix DIR --out-dir` with the local engine (-j 2) against
`--engine ray` on 2 CPUs, on the same generated tree, in one run.

    python bench/ray.py                  # 2,000 files (the batch bench's tree)
    python bench/ray.py --files 5000

Three runs, each the real CLI in a subprocess, timed wall-clock from start to exit:

* ``local -j 2``: the batch engine's process pool.
* ``ray -j 2 (own cluster)``: ``--engine ray -j 2`` without ``--address``; the run starts a local
  2-CPU Ray cluster and stops it, so this includes Ray's start-up and shut-down (seconds).
* ``ray --address (running cluster)``: ``--engine ray --address ADDR`` against a 2-CPU cluster this
  script started beforehand, as on a real cluster: the engine's per-run and per-file overhead
  alone (connecting, shipping tasks, gathering outcomes in order).

All three must write byte-identical trees (checked). Ray's temp dir and auth token go to a
throw-away folder (``RAY_TMPDIR``, ``HOME``), never to ``~/.ray``. The tree is bench/.data/ray-tree
(git-ignored, regenerated each run, made by bench/batch.py's generator); results also go to
bench/out/ray.json. One machine with 2 cores cannot show Ray's point (more machines): this
measures what the engine costs, so that the cost is known. Numbers depend on what else runs on
the machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
# This file is named ray.py: never let it shadow the real `ray` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

ROOT = HERE.parent
DATA = ROOT / "bench" / ".data"
OUT = ROOT / "bench" / "out"


def _batch_bench():
    spec = importlib.util.spec_from_file_location("bench_batch", HERE / "batch.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-800:]}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=2000)
    args = ap.parse_args()

    tree = DATA / "ray-tree"
    files, size = _batch_bench().make_tree(tree, args.files)
    mb = size / 1e6
    print(f"tree: {files} files, {mb:.1f} MB, {os.cpu_count()} CPUs visible "
          f"(machine shared with other jobs: numbers are indicative)")

    scratch = Path(tempfile.mkdtemp(prefix="mojifix-ray-"))
    (scratch / "home").mkdir()
    for k in [k for k in os.environ if k.startswith(("RAY_AUTH", "RAY_ADDRESS"))]:
        del os.environ[k]
    os.environ.update({"HOME": str(scratch / "home"), "RAY_TMPDIR": str(scratch),
                       "RAY_USAGE_STATS_ENABLED": "0"})  # the CLI runs inherit these

    import ray

    base = [sys.executable, "-m", "mojifix", "fix", str(tree), "-q"]
    rows: list[tuple[str, float]] = []
    trees: list[dict[str, bytes]] = []
    try:
        ctx = ray.init(num_cpus=2, include_dashboard=False, logging_level="ERROR",
                       log_to_driver=False)
        address = ctx.address_info["gcs_address"]
        runs = [
            ("local -j 2", ["-j", "2"]),
            ("ray -j 2 (own cluster, incl. start-up)", ["--engine", "ray", "-j", "2"]),
            ("ray --address (running 2-CPU cluster)", ["--engine", "ray", "--address", address]),
        ]
        for name, extra in runs:
            out = DATA / "ray-out"
            shutil.rmtree(out, ignore_errors=True)
            rows.append((name, _timed([*base, "--out-dir", str(out), *extra], dict(os.environ))))
            trees.append(_tree(out))
    finally:
        ray.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)

    same = all(t == trees[0] for t in trees[1:]) and len(trees[0]) == files
    local = rows[0][1]
    print(f"\n{'runner':<42} {'seconds':>8} {'files/s':>9} {'MB/s':>7} {'vs local':>9}")
    for name, secs in rows:
        print(f"{name:<42} {secs:8.2f} {files / secs:9.0f} {mb / secs:7.2f} {local / secs:8.2f}x")
    print(f"\noutputs byte-identical across engines: {'yes' if same else 'NO'}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "ray.json").write_text(json.dumps({
        "files": files, "bytes": size, "cpus": os.cpu_count(), "identical_outputs": same,
        "runs": [{"runner": n, "seconds": round(s, 3), "files_per_s": round(files / s, 1),
                  "mb_per_s": round(mb / s, 3)} for n, s in rows],
    }, indent=2) + "\n")
    if not same:
        sys.exit("bench: the engines wrote different bytes")


if __name__ == "__main__":
    main()
