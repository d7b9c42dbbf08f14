"""Running mojifix's per-item work on a Ray cluster, for corpora one machine cannot clean alone.

Why a module of its own: the repair core and the batch runner know nothing about clusters, and
Ray is a heavy optional dependency (``pip install 'mojifix[ray]'``) that must never be imported
unless ``--engine ray`` asks for it. Everything Ray-specific lives here:

* :func:`import_ray` turns a missing Ray into a one-line :class:`MojifixError` with the install
  command (the CLI prints it and exits 2).
* :func:`connect` joins a running cluster (``address``) or starts a local one with the requested
  CPUs, and shuts down only what it started. A process that is already a Ray driver (a notebook,
  a Ray job) keeps its own connection.
* :func:`run_batch` is the batch runner's ``--engine ray``: the same per-file function
  (:func:`mojifix.runs.batch.process`, with its atomic writes) and the same outcomes, in the same
  order, as the local engine, computed on the cluster.
* :func:`ray_map` runs a picklable function over items as Ray tasks, a chunk of items per task,
  and yields the results **in input order**. A worker that dies mid-task (OOM killer, a crashed
  C extension, a lost node) has its task retried by Ray (``max_retries``). A chunk that still
  fails is split and its items retried one by one, so one poisonous item cannot take its
  neighbours down with it; an item that fails on its own becomes ``failed(item, reason)``: it is
  reported, never lost.

Workers read and write through the paths they are given, so on a multi-node cluster the input
and output folders must be on a filesystem every node sees (NFS, a FUSE mount), and mojifix must
be installed on every node (as for any Ray job).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import math
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import MojifixError

if TYPE_CHECKING:
    from ..files.discover import Entry
    from .batch import Job, Outcome

T = TypeVar("T")
R = TypeVar("R")

INSTALL_HINT = "pip install 'mojifix[ray]'"
DEFAULT_MAX_RETRIES = 3
MAX_CHUNK = 32


def import_ray() -> ModuleType:
    """Import Ray, or raise a one-line :class:`MojifixError` saying how to install it."""
    try:
        import ray
    except ImportError:
        raise MojifixError(
            "--engine ray needs Ray, which is not installed", f"install it with: {INSTALL_HINT}"
        ) from None
    return ray


@contextlib.contextmanager
def connect(address: str | None = None, num_cpus: int | None = None) -> Iterator[ModuleType]:
    """Be a Ray driver for the ``with`` block: join ``address``, or start a local cluster.

    ``address`` is what ``ray.init`` takes (``host:port`` of the head's GCS, ``auto``, or
    ``ray://host:10001`` for Ray Client). Without it, a local cluster with ``num_cpus`` CPUs
    (all of them when ``None``) is started and shut down at the end of the block.
    """
    ray = import_ray()
    if ray.is_initialized():  # already a driver: use that cluster and leave it running
        yield ray
        return
    quiet: dict[str, Any] = {"logging_level": logging.ERROR, "log_to_driver": False}
    if os.environ.get("RAY_ADDRESS") and not address:
        address = os.environ["RAY_ADDRESS"]  # Ray's own convention (set inside Ray jobs)
    if address:
        _check_reachable(address)
    try:
        if address:
            ray.init(address=address, **quiet)
        else:
            # "local": always a new cluster, even when `ray start` left one running here
            ray.init(address="local", num_cpus=num_cpus, include_dashboard=False, **quiet)
    except Exception as exc:  # Ray raises ConnectionError, RuntimeError, ValueError, ...
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        if address:
            raise MojifixError(
                f"cannot connect to the Ray cluster at {address}: {first}",
                "check --address: the head node's host:port (ray start --head prints it), "
                "'auto', or ray://host:10001",
            ) from None
        raise MojifixError(f"cannot start a local Ray cluster: {first}", "see Ray's logs") from None
    try:
        with _notices_to_stderr(ray):
            yield ray
    finally:
        ray.shutdown()


def _check_reachable(address: str, timeout: float = 10.0) -> None:
    """Fail fast on a ``host:port`` nobody listens on (``ray.init`` would wait for it forever)."""
    import socket

    hostport = address.split("://", 1)[-1].rstrip("/")
    host, sep, port = hostport.rpartition(":")
    if not sep or not port.isdigit():
        return  # "auto" and the like: Ray resolves them itself
    try:
        with socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout):
            pass
    except OSError as exc:
        raise MojifixError(
            f"cannot connect to the Ray cluster at {address}: {exc.strerror or exc}",
            "check --address: the head node's host:port (ray start --head prints it), "
            "'auto', or ray://host:10001",
        ) from None


@contextlib.contextmanager
def _notices_to_stderr(ray: ModuleType) -> Iterator[None]:
    """Send the driver-side notices Ray prints (e.g. "A worker died ... will be retried") to
    stderr. Ray writes them to stdout, which carries mojifix's diffs and reports."""
    worker = getattr(getattr(ray, "_private", None), "worker", None)
    original = getattr(worker, "print_to_stdstream", None)
    if original is None:
        yield
        return

    def to_stderr(data: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        return original({**data, "is_err": True}, *args, **kwargs)

    worker.print_to_stdstream = to_stderr
    try:
        yield
    finally:
        worker.print_to_stdstream = original


def cluster_cpus(ray: ModuleType) -> int:
    """CPUs the cluster offers (at least 1)."""
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def default_chunk_size(n_items: int, cpus: int) -> int:
    """Items per task: about four tasks per CPU, so that a slow or retried task does not leave the
    others idle, and at most :data:`MAX_CHUNK` so that a retry redoes little work."""
    return max(1, min(MAX_CHUNK, math.ceil(n_items / (cpus * 4))))


def _run_chunk(fn: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    """The Ray task: one chunk of items, in order."""
    return [fn(item) for item in chunk]


def _reason(exc: BaseException, max_retries: int) -> str:
    """One line saying why a task failed, without Ray's traceback."""
    cause = getattr(exc, "cause", None)
    if isinstance(cause, BaseException):  # RayTaskError: the function raised
        text = (str(cause).strip().splitlines() or [""])[0]
        return f"failed on a Ray worker: {type(cause).__name__}" + (f": {text}" if text else "")
    name = type(exc).__name__
    if "Crashed" in name or "Died" in name or "Lost" in name:
        return f"a Ray worker died while repairing it ({name}, retried {max_retries} times)"
    text = (str(exc).strip().splitlines() or [""])[0]
    return f"failed on Ray: {name}" + (f": {text}" if text else "")


def ray_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    failed: Callable[[T, str], R],
    *,
    chunk_size: int | None = None,
    max_retries: int = DEFAULT_MAX_RETRIES,
    retry_exceptions: bool | list[type[BaseException]] = False,
    window: int | None = None,
) -> Iterator[R]:
    """Yield ``fn(item)`` for every item, in order, computed by Ray tasks on the current cluster.

    Call inside :func:`connect`. ``fn`` must be picklable (a module-level function, or a
    ``functools.partial`` of one); it is put in the object store once. ``max_retries`` is how
    often Ray reruns a task whose worker died; ``retry_exceptions`` (``False``, ``True`` or a list
    of exception types) whether it also reruns a task that raised. An item whose task still fails
    yields ``failed(item, reason)``. At most ``window`` tasks are in flight (default: twice the
    cluster's CPUs, plus two), so memory stays bounded on any corpus size.
    """
    ray = import_ray()
    work: Sequence[T] = items if isinstance(items, Sequence) else list(items)
    if not work:
        return
    cpus = cluster_cpus(ray)
    size = chunk_size or default_chunk_size(len(work), cpus)
    task = ray.remote(_run_chunk).options(
        max_retries=max_retries, retry_exceptions=retry_exceptions, name="mojifix"
    )
    fn_ref = ray.put(fn)
    chunks = iter([list(work[i : i + size]) for i in range(0, len(work), size)])
    pending: deque[tuple[list[T], Any]] = deque()

    def submit() -> None:
        chunk = next(chunks, None)
        if chunk is not None:
            pending.append((chunk, task.remote(fn_ref, chunk)))

    for _ in range(window or cpus * 2 + 2):
        submit()
    try:
        while pending:
            chunk, ref = pending.popleft()
            try:
                results = ray.get(ref)
            except ray.exceptions.RayError:
                # Split the chunk: each item on its own, so only the guilty one is lost.
                singles = [(item, task.remote(fn_ref, [item])) for item in chunk]
                results = []
                for item, one in singles:
                    try:
                        results.extend(ray.get(one))
                    except ray.exceptions.RayError as exc:
                        results.append(failed(item, _reason(exc, max_retries)))
            submit()
            yield from results
    finally:
        for _, ref in pending:  # interrupted (Ctrl-C, consumer stopped): stop the rest
            with contextlib.suppress(Exception):
                ray.cancel(ref, force=True)


def sweep_temp_files(folders: Iterable[str], prefix: str = ".mojifix-", suffix: str = ".tmp") -> int:
    """Remove temp files a killed worker left behind in ``folders``; return how many.

    Writes go to ``.mojifix-*.tmp`` beside the destination and are moved over it only when
    complete, so a destination is never half-written; but a worker killed mid-write cannot clean
    up its temp file. After a run, the driver sweeps the folders it wrote to.
    """
    removed = 0
    for folder in set(folders):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.startswith(prefix) and name.endswith(suffix):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))
                    removed += 1
    return removed


# ---------------------------------------------------------------------------------------------
# The batch runner's --engine ray


def _failed_outcome(entry: Entry, reason: str) -> Outcome:
    from .batch import ERROR, Outcome

    return Outcome(entry.path, ERROR, entry.size, reason=reason)


def _destination_folders(entries: Sequence[Entry], job: Job) -> list[str]:
    """The folders a run may have left a killed worker's temp file in."""
    if job.write == "out-dir" and job.out_dir:
        return [os.path.dirname(os.path.join(job.out_dir, e.rel)) or "." for e in entries]
    if job.write == "in-place":
        return [os.path.dirname(os.path.realpath(e.path)) or "." for e in entries]
    return []


def run_batch(
    entries: Sequence[Entry],
    job: Job,
    cpus: int | None = None,
    address: str | None = None,
    process: Callable[[Entry, Job], Outcome] | None = None,
    max_retries: int = DEFAULT_MAX_RETRIES,
) -> Iterator[Outcome]:
    """Yield the outcome of every entry, in order, as :func:`mojifix.runs.batch.run` does, with the
    work done by Ray tasks (files in chunks, a JSONL corpus one file per task).

    Paths travel as absolute paths (a worker's working folder is not the driver's) and come back
    as the user wrote them. ``process`` is the per-file function (default
    :func:`mojifix.runs.batch.process`); tests pass a wrapper that kills its worker.
    """
    from .batch import process as default_process

    if any(e.path == "-" for e in entries):
        raise MojifixError("--engine ray works on files and folders, not stdin", "use --engine local")
    fn = process or default_process
    remote_job = job
    if job.out_dir:
        remote_job = dataclasses.replace(job, out_dir=os.path.abspath(job.out_dir))
    shipped = [dataclasses.replace(e, path=os.path.abspath(e.path)) for e in entries]
    try:
        with connect(address, cpus):
            outcomes = ray_map(
                functools.partial(fn, job=remote_job),
                shipped,
                _failed_outcome,
                chunk_size=1 if job.jsonl_field else None,
                max_retries=max_retries,
            )
            for entry, outcome in zip(entries, outcomes, strict=True):
                outcome.path = entry.path
                yield outcome
    finally:  # also after Ctrl-C, once the cluster's tasks are cancelled
        sweep_temp_files(_destination_folders(entries, job))
