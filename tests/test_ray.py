"""The Ray engine on a real local cluster (2 CPUs, everything inside the test's tmp folder)."""

from __future__ import annotations

import functools
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from mojifix import rayrun  # noqa: E402
from raycluster import Cluster, start_cluster  # noqa: E402

# Ray workers cannot import this test module: ship its functions by value.
ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    yield from start_cluster(tmp_path_factory)


def double(x: int) -> int:
    return x * 2


def failed(x: int, reason: str) -> str:
    return f"failed {x}: {reason}"


def test_ray_map_keeps_input_order(cluster: Cluster) -> None:
    out = list(rayrun.ray_map(double, range(50), failed, chunk_size=3))
    assert out == [x * 2 for x in range(50)]


def test_ray_map_on_nothing(cluster: Cluster) -> None:
    assert list(rayrun.ray_map(double, [], failed)) == []


def die_once(x: int, marker_dir: str, victim: int) -> int:
    """SIGKILL this worker the first time it reaches ``victim`` (a marker file remembers)."""
    if x == victim:
        marker = Path(marker_dir, f"died-{x}")
        if not marker.exists():
            marker.write_text(str(os.getpid()))
            os.kill(os.getpid(), signal.SIGKILL)
    return x * 2


def always_die(x: int, victim: int) -> int:
    if x == victim:
        os.kill(os.getpid(), signal.SIGKILL)
    return x * 2


def raise_on(x: int, marker_dir: str, always: int, once: int) -> int:
    """Raise for ``always`` every time, and for ``once`` the first time only."""
    marker = Path(marker_dir, f"raised-{x}")
    if x == always or (x == once and not marker.exists()):
        marker.write_text("")
        raise ValueError(f"boom {x}")
    return x * 2


def test_killed_worker_task_is_retried(cluster: Cluster, tmp_path: Path) -> None:
    fn = functools.partial(die_once, marker_dir=str(tmp_path), victim=7)
    out = list(rayrun.ray_map(fn, range(20), failed, chunk_size=4))
    assert out == [x * 2 for x in range(20)]
    pid = int((tmp_path / "died-7").read_text())
    assert pid != os.getpid()  # a worker, not the driver, was killed


def test_item_that_keeps_killing_workers_is_reported_not_lost(cluster: Cluster) -> None:
    fn = functools.partial(always_die, victim=5)
    out = list(rayrun.ray_map(fn, range(12), failed, chunk_size=4, max_retries=1))
    assert out[:5] == [0, 2, 4, 6, 8] and out[6:] == [x * 2 for x in range(6, 12)]
    assert out[5].startswith("failed 5: a Ray worker died while repairing it (")


def test_exception_is_retried_alone_then_reported(cluster: Cluster, tmp_path: Path) -> None:
    # The chunk fails, its items are rerun one by one: the flaky item recovers, the broken one
    # is reported with its exception, and its neighbours are not lost.
    fn = functools.partial(raise_on, marker_dir=str(tmp_path), always=4, once=2)
    out = list(rayrun.ray_map(fn, range(8), failed, chunk_size=8))
    assert out == [0, 2, 4, 6, "failed 4: failed on a Ray worker: ValueError: boom 4", 10, 12, 14]
    assert (tmp_path / "raised-2").exists()


def test_ray_data_map_batches_on_the_cluster(cluster: Cluster) -> None:
    from mojifix.integrations.ray_data import FixTextBatch

    texts = ["cafÃ© &amp; 強(qiáng)調(diào)", "clean “text”，（好）", "ÐŸÑ€Ð¸Ð²ÐµÑ‚"] * 4
    ds = ray.data.from_items([{"id": i, "text": t} for i, t in enumerate(texts)])
    rows = sorted(ds.map_batches(FixTextBatch("text"), batch_size=5).take_all(), key=lambda r: r["id"])
    assert [r["text"] for r in rows] == ["café & 強調", "clean “text”，（好）", "Привет"] * 4
    pandas_rows = ds.map_batches(FixTextBatch("text", output_column="clean"), batch_format="pandas")
    got = sorted(pandas_rows.take_all(), key=lambda r: r["id"])
    assert [(r["text"], r["clean"]) for r in got][:2] == [
        ("cafÃ© &amp; 強(qiáng)調(diào)", "café & 強調"),
        ("clean “text”，（好）", "clean “text”，（好）"),
    ]
