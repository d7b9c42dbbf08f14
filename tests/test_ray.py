"""The Ray engine on a real local cluster (2 CPUs, everything inside the test's tmp folder)."""

from __future__ import annotations

import functools
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")

from conftest import run_cli  # noqa: E402
from mojifix.runs import rayrun  # noqa: E402
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


# ---------------------------------------------------------------------------------------------
# `mojifix fix --engine ray`: same bytes and reports as the local engine


def make_tree(root: Path) -> dict[str, bytes]:
    """Clean and garbled files of several kinds, a binary, a symlink and a .gitignored file."""
    files = {
        "clean/zh.txt": "中文“引号”，（括号）\n".encode(),
        "clean/fa.txt": "می‌خواهم\n".encode(),
        "clean/emoji.txt": "👨\u200d👩\u200d👧 family\n".encode(),
        "garbled/mojibake.txt": "cafÃ© crÃ¨me\r\n".encode(),
        "garbled/entities.txt": b"Fish &amp; chips &#59; done\n",
        "garbled/zw.txt": "zero\u200bwidth\n".encode(),
        "garbled/glosses.txt": "強(qiáng)調(diào)一下\n".encode(),
        "legacy/gbk.txt": "你好，世界。这是中文文本。\n".encode("gbk"),
        "legacy/bom.txt": b"\xef\xbb\xbfwith bom\n",
        "deep/a/b/c/page.txt": "ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€\n".encode(),
        "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "ignored/skip.txt": "cafÃ©\n".encode(),
        ".gitignore": b"ignored/\n",
    }
    for i in range(30):  # enough files for several tasks per CPU
        files[f"many/p{i:02}.txt"] = (f"page {i} cafÃ© &amp; " * (i + 1) + "\n").encode()
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    (root / "link.txt").symlink_to("garbled/mojibake.txt")
    return files


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() or p.is_symlink()
    }


def without_timing(report: dict) -> dict:
    report = json.loads(json.dumps(report))
    report["summary"].pop("seconds")
    return report


def run_both(cluster: Cluster, tmp_path: Path, *args: str) -> tuple[dict, dict]:
    """Run `mojifix fix ARGS` with the local engine and with Ray; return both results."""
    results = {}
    for engine in ("local", "ray"):
        extra = ["-j", "2"] if engine == "local" else ["--engine", "ray", "--address", cluster.address]
        report = tmp_path / f"{engine}.json"
        proc = run_cli("fix", *args, "--out-dir", str(tmp_path / f"out-{engine}"),
                       "--report", str(report), *extra)
        results[engine] = {
            "code": proc.returncode,
            "stdout": proc.stdout,
            "stderr": proc.stderr.decode(),
            "tree": tree_bytes(tmp_path / f"out-{engine}"),
            "report": without_timing(json.loads(report.read_text(encoding="utf-8"))),
        }
    return results["local"], results["ray"]


def test_engine_ray_tree_equals_local(cluster: Cluster, tmp_path: Path) -> None:
    src = tmp_path / "src"
    make_tree(src)
    local, remote = run_both(cluster, tmp_path, str(src))
    assert local["code"] == remote["code"] == 0, remote["stderr"]
    assert remote["tree"] == local["tree"]
    assert remote["report"] == local["report"]
    assert remote["stdout"] == local["stdout"] == b""
    # ... and the shared answer is the right one, not merely the same one.
    tree = remote["tree"]
    assert tree["garbled/mojibake.txt"] == "café crème\r\n".encode()
    assert tree["garbled/entities.txt"] == b"Fish & chips ; done\n"
    assert tree["garbled/glosses.txt"] == "強調一下\n".encode()
    assert tree["legacy/gbk.txt"] == "你好，世界。这是中文文本。\n".encode()
    assert tree["deep/a/b/c/page.txt"] == "Привет мир\n".encode()
    assert tree["clean/fa.txt"] == "می‌خواهم\n".encode()
    assert tree["many/p03.txt"] == ("page 3 café & " * 4 + "\n").encode()
    assert not any(k.startswith(("ignored/", "image.png", "link.txt")) for k in tree)
    summary = remote["report"]["summary"]
    assert (summary["scanned"], summary["failed"]) == (len(tree), 0)
    assert summary["skipped_by_reason"] == local["report"]["summary"]["skipped_by_reason"] != {}
    assert not list((tmp_path / "out-ray").rglob(".mojifix-*"))


def test_engine_ray_jsonl_equals_local(cluster: Cluster, tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    src.mkdir()
    for shard in range(3):
        lines = [
            json.dumps({"id": f"{shard}-{i}", "text": t, "meta": {"n": i}}, ensure_ascii=i % 2 == 0)
            for i, t in enumerate(["cafÃ© &amp; 強(qiáng)調(diào)", "clean “text”", "zero\u200bwidth"])
        ]
        lines.insert(1, '{"id": broken json')
        (src / f"shard-{shard}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    local, remote = run_both(cluster, tmp_path, str(src), "--jsonl", "--field", "text")
    assert local["code"] == remote["code"] == 0, remote["stderr"]
    assert remote["tree"] == local["tree"]
    assert remote["report"] == local["report"]
    assert remote["stderr"].count("line passed through unchanged") == 3
    out = remote["tree"]["shard-1.jsonl"].decode().splitlines()
    assert out[1] == '{"id": broken json'
    assert json.loads(out[0])["text"] == "café & 強調"
    assert json.loads(out[2]) == {"id": "1-1", "text": "clean “text”", "meta": {"n": 1}}
    assert json.loads(out[3])["text"] == "zerowidth"
    assert remote["report"]["summary"]["fixed"] == 3


# ---------------------------------------------------------------------------------------------
# Workers killed during `fix --engine ray`


def die_mid_write(entry, job, marker_dir: str, victim: str, every_time: bool = False):
    """The batch per-file function, except that on ``victim`` the worker is SIGKILLed after the
    repaired bytes went to the temp file and before it is moved into place (the worst moment)."""
    from mojifix.files import fileio
    from mojifix.runs import batch

    marker = Path(marker_dir, "killed")
    if entry.rel == victim and (every_time or not marker.exists()):
        marker.write_text(str(os.getpid()))

        def die(self, *args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)

        fileio.AtomicFile.commit = die
    return batch.process(entry, job)


def batch_run(src: Path, out: Path, **ray_args) -> list:
    from mojifix.config import Config
    from mojifix.files.discover import discover
    from mojifix.runs.batch import Job, run

    entries = list(discover([str(src)]))
    job = Job(Config(), "out-dir", str(out), keep_changes=True)
    if not ray_args:
        return list(run(entries, job, 1))
    return list(rayrun.run_batch(entries, job, **ray_args))


def test_worker_killed_mid_write_is_retried_and_every_file_is_right(
    cluster: Cluster, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    make_tree(src)
    expected = batch_run(src, tmp_path / "expected")
    fn = functools.partial(die_mid_write, marker_dir=str(tmp_path), victim="many/p07.txt")
    got = batch_run(src, tmp_path / "out", process=fn)
    killed = int((tmp_path / "killed").read_text())
    assert killed != os.getpid()  # a Ray worker died, not the driver
    assert [o.record() for o in got] == [o.record() for o in expected]
    assert tree_bytes(tmp_path / "out") == tree_bytes(tmp_path / "expected")
    assert (tmp_path / "out" / "many" / "p07.txt").read_bytes() == ("page 7 café & " * 8 + "\n").encode()
    assert not list((tmp_path / "out").rglob(".mojifix-*"))  # the dead worker's temp file is gone


def test_file_that_keeps_killing_workers_is_reported_and_never_half_written(
    cluster: Cluster, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    make_tree(src)
    expected = batch_run(src, tmp_path / "expected")
    fn = functools.partial(
        die_mid_write, marker_dir=str(tmp_path), victim="garbled/zw.txt", every_time=True
    )
    got = batch_run(src, tmp_path / "out", process=fn, max_retries=1)
    by_path = {o.path: o for o in got}
    bad = by_path[str(src / "garbled" / "zw.txt")]
    assert bad.status == "error"
    assert bad.reason.startswith("a Ray worker died while repairing it (")
    others = [o.record() for o in got if o is not bad]
    assert others == [o.record() for o in expected if o.path != bad.path]
    out = tree_bytes(tmp_path / "out")
    assert "garbled/zw.txt" not in out  # never written, not half-written
    assert {k: v for k, v in tree_bytes(tmp_path / "expected").items() if k != "garbled/zw.txt"} == out
    assert not list((tmp_path / "out").rglob(".mojifix-*"))


def test_cli_reports_a_missing_file_and_exits_2(cluster: Cluster, tmp_path: Path) -> None:
    proc = run_cli("fix", str(tmp_path / "p.txt"), str(tmp_path / "missing.txt"),
                   "--out-dir", str(tmp_path / "out"), "--engine", "ray", "--address", cluster.address)
    assert proc.returncode == 2
    assert f"{tmp_path / 'missing.txt'}: no such file" in proc.stderr.decode()


def test_engine_ray_starts_and_stops_its_own_local_cluster(
    cluster: Cluster, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Without --address, a local cluster with -j CPUs is started for the run and shut down."""
    from raycluster import ray_env, wait_gone

    src = tmp_path / "src"
    make_tree(src)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_AUTH")}
    own_dir = tmp_path_factory.mktemp("own")  # short: Ray's socket paths live under it
    env.update(ray_env(own_dir))  # its own HOME and temp dir, to tell its processes apart
    base = [sys.executable, "-m", "mojifix", "fix", str(src), "--report"]
    local = subprocess.run([*base, str(tmp_path / "l.json"), "--out-dir", str(tmp_path / "l")],
                           capture_output=True, timeout=120)
    own = subprocess.run([*base, str(tmp_path / "r.json"), "--out-dir", str(tmp_path / "r"),
                          "--engine", "ray", "-j", "2"], env=env, capture_output=True, timeout=180)
    assert own.returncode == local.returncode == 0, own.stderr.decode()
    assert tree_bytes(tmp_path / "r") == tree_bytes(tmp_path / "l")
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert without_timing(report) == without_timing(json.loads((tmp_path / "l.json").read_text()))
    sessions = list((own_dir / "t" / "ray").glob("session_2*"))
    assert len(sessions) == 1  # it started its own cluster, in its own temp dir
    assert (own_dir / "home" / ".ray" / "auth_token").is_file()
    assert wait_gone(f"HOME={env['HOME']}") == []  # ... and left no process behind


def test_engine_ray_in_place_equals_local(cluster: Cluster, tmp_path: Path) -> None:
    reports = {}
    for engine in ("local", "ray"):
        src = tmp_path / engine
        make_tree(src)
        extra = ["--engine", "ray", "--address", cluster.address] if engine == "ray" else ["-j", "2"]
        proc = run_cli("fix", str(src), "--in-place", "--report", str(tmp_path / f"{engine}.json"), *extra)
        assert proc.returncode == 0, proc.stderr.decode()
        text = (tmp_path / f"{engine}.json").read_text(encoding="utf-8").replace(str(src), "SRC")
        reports[engine] = without_timing(json.loads(text))
    assert tree_bytes(tmp_path / "ray") == tree_bytes(tmp_path / "local")
    assert reports["ray"] == reports["local"]
    assert reports["ray"]["summary"]["fixed"] == 37
    assert (tmp_path / "ray" / "garbled" / "zw.txt").read_bytes() == b"zerowidth\n"


def test_ray_notices_go_to_stderr_not_stdout(cluster: Cluster, capsys: pytest.CaptureFixture) -> None:
    # Ray prints "A worker died ..." notices on the driver's stdout, which carries --diff output.
    notice = {"lines": ["A worker died"], "pid": "raylet", "is_err": False}
    with rayrun._notices_to_stderr(ray):
        ray._private.worker.print_to_stdstream(notice, ignore_prefix=False)
    captured = capsys.readouterr()
    assert captured.out == "" and "A worker died" in captured.err


def test_datatrove_formatter_on_datatroves_ray_executor(cluster: Cluster, tmp_path: Path) -> None:
    pytest.importorskip("datatrove")
    pytest.importorskip("orjson")
    from datatrove.executor.ray import RayPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from mojifix.integrations.datatrove import MojifixFormatter

    src = tmp_path / "src"
    src.mkdir()
    texts = ["cafÃ© &amp; 強(qiáng)調(diào)", "clean “text”", "ÐŸÑ€Ð¸Ð²ÐµÑ‚"]
    for shard in range(2):
        rows = [{"id": f"{shard}-{i}", "text": t} for i, t in enumerate(texts)]
        (src / f"s{shard}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
    RayPipelineExecutor(
        pipeline=[JsonlReader(str(src)), MojifixFormatter(), JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=2,
        logging_dir=str(tmp_path / "logs"),
        mem_per_cpu_gb=0.1,
    ).run()
    got = {}
    for f in sorted((tmp_path / "out").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            got[row["id"]] = row["text"]
    fixed = ["café & 強調", "clean “text”", "Привет"]
    assert got == {f"{s}-{i}": t for s in range(2) for i, t in enumerate(fixed)}
