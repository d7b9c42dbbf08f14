"""Peak memory of streaming big inputs: a 2 GB text file, a 2 GB JSONL file, a 100 MB line.

Each case runs in its own child process, the command users run (``mojifix fix FILE -o OUT`` for
text, which streams above the size threshold; ``mojifix fix --jsonl --field text FILE -o OUT``
for JSONL, the one JSONL road, :func:`mojifix.files.jsonl.repair_jsonl`) and its peak RSS is read with
GNU ``time``. The data is generated into ``bench/.data/`` at run time (repeated blocks of the
benchmark corpus, clean and garbled) and deleted afterwards. The output is checked against
repairing one block in memory (the file is that block repeated, so the streamed output must be
that repair repeated), and the 100 MB line against repairing it whole.

Then every command on one mid-size file held whole (``--file-mb``, default 20 MB of real
Chinese text from the manpage corpus stored as GBK, the issue's case): ``fix`` to stdout, ``-o``,
``-i``, ``--out-dir``, ``check``, ``detect``, ``fix -`` (stdin); target: peak RSS <= 100 MB + 3x
the file. The same commands on the single line (``--line-mb``; a file over 64 MB, or with a line
over 2 MB, is streamed).

Then other kinds of file held whole, the same size and target (``--kind-mb``, default 20 MB, the
manpage corpus repeated): clean French (accented Latin, UTF-8), French UTF-8 read as cp1252
(mojibake on every accented letter; once with ``errors="replace"``, its undefined bytes made
U+FFFD, and once as browsers and Windows read it, those bytes made C1 controls: the road of
``fixers/wholepage.py``), Chinese UTF-8 read as GBK with ``errors="replace"`` (the
issue's hand measurements: 323, 654 and 433 MB on 25 MB files; the bench's Chinese GBK file met
the target while these missed it). Not all seven commands, to keep the run near ~10 minutes
on a 2-core machine (the Chinese file takes about 50 s a command since 3e8f6aa, 100-340 s
before it): ``fix FILE -o OUT`` (the road ``fix`` to stdout and ``fix -`` share; its output is
checked against repairing the file in this process) and ``check FILE`` (the batch road ``-i``
and ``--out-dir`` share) on each.

    python bench/memory.py             # 2 GB files (needs ~5 GB free disk)
    python bench/memory.py --gb 0.5    # scaled down, says so
    python bench/memory.py --only-kinds --kind-mb 5   # the other kinds only, 5 MB files

Writes its tables to bench/RESULTS.md (section ``memory``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import mojifix  # noqa: E402
from corpus import clean_text, garbled_text  # noqa: E402

DATA = HERE / ".data"


def run(cmd: list[str], check: bool = True, stdin: Path | None = None) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of a command, measured by GNU time in a fresh process (a child
    forked from this one would count this process's memory in its own peak); ``stdin``: a file
    fed to it."""
    t0 = time.perf_counter()
    with open(stdin if stdin else os.devnull, "rb") as feed:
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdin=feed, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0 and (check or proc.returncode > 1):  # check exits 1 on findings
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
    return time.perf_counter() - t0, int(proc.stderr.strip().splitlines()[-1]) / 1024


def write_repeated(path: Path, block: bytes, total: int) -> int:
    n = max(1, total // len(block))
    with open(path, "wb") as fh:
        for _ in range(n):
            fh.write(block)
    return n


def digest_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def repeated_digest(block: bytes, n: int) -> str:
    h = hashlib.sha256()
    for _ in range(n):
        h.update(block)
    return h.hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gb", type=float, default=2.0, help="size of the big files")
    ap.add_argument("--line-mb", type=float, default=100.0, help="size of the single line")
    ap.add_argument("--file-mb", type=float, default=20.0, help="size of the file held whole")
    ap.add_argument("--kind-mb", type=float, default=20.0, help="size of the other kinds' files")
    ap.add_argument("--only-kinds", action="store_true", help="only the other kinds of file held whole")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    if args.only_kinds:
        print("\n".join(per_kind(args.kind_mb)))
        return
    total = int(args.gb * (1 << 30))
    free = shutil.disk_usage(HERE).free
    if free < 2.6 * total + (1 << 30):
        raise SystemExit(f"only {free / 2**30:.1f} GB free; pass --gb {free / 2.6 / 2**30 * 0.8:.1f}")
    if args.gb < 2 or args.line_mb < 100:
        print(f"(scaled down: {args.gb} GB files and a {args.line_mb} MB line, not 2 GB / 100 MB)")
    DATA.mkdir(exist_ok=True)
    py = sys.executable
    rows = []
    try:
        # 1. Text file: 8 MB clean + 1 MB garbled per block, the block ends with a newline.
        block_text = clean_text(8 << 20) + garbled_text(1 << 20)
        block = block_text.encode("utf-8")
        src, out = DATA / "big.txt", DATA / "big.out.txt"
        n = write_repeated(src, block, total)
        secs, rss = run([py, "-m", "mojifix", "fix", str(src), "-o", str(out)])
        same = digest_of(out) == repeated_digest(mojifix.fix_text(block_text).encode("utf-8"), n)
        rows.append((f"text file, {src.stat().st_size / 2**30:.2f} GB", secs, rss, same))
        src.unlink()
        out.unlink()

        # 2. JSONL: one record per paragraph.
        lines = [json.dumps({"id": i, "text": p}, ensure_ascii=False)
                 for i, p in enumerate(block_text.split("\n")) if p]
        jblock = ("\n".join(lines) + "\n").encode("utf-8")
        src, out = DATA / "big.jsonl", DATA / "big.out.jsonl"
        n = write_repeated(src, jblock, total)
        secs, rss = run([py, "-m", "mojifix", "fix", "--jsonl", "--field", "text", str(src),
                         "-o", str(out)])
        from mojifix.files.jsonl import repair_jsonl

        expect: list[bytes] = []
        repair_jsonl(iter(jblock.splitlines(keepends=True)), "text", mojifix.Config(), expect.append)
        same = digest_of(out) == repeated_digest(b"".join(expect), n)
        rows.append((f"JSONL --field text, {src.stat().st_size / 2**30:.2f} GB", secs, rss, same))
        src.unlink()
        out.unlink()

        # 3. One line, no newline at all.
        line_text = block_text.replace("\n", " ")
        reps = max(1, int(args.line_mb * 1e6) // len(line_text.encode("utf-8")))
        src, out = DATA / "line.txt", DATA / "line.out.txt"
        src.write_bytes((line_text * reps).encode("utf-8"))
        secs, rss = run([py, "-m", "mojifix", "fix", str(src), "-o", str(out)])
        same = out.read_bytes() == mojifix.fix_bytes(src.read_bytes()).encode("utf-8")
        rows.append((f"single line, {src.stat().st_size / 1e6:.0f} MB", secs, rss, same))
        out.unlink()
        line_mb = src.stat().st_size / 1e6
        on_line = each_command(src)  # (last: -i rewrites it)
    finally:
        shutil.rmtree(DATA, ignore_errors=True)

    table = ["| input (streamed) | seconds | peak RSS | MB/s | output identical |", "|---|---|---|---|---|"]
    print(f"\n{'input':<34}{'seconds':>9}{'peak RSS MB':>13}{'MB/s':>8}  identical")
    for (label, secs, rss, same), size in zip(rows, (total, total, args.line_mb * 1e6), strict=True):
        print(f"{label:<34}{secs:>9.1f}{rss:>13.0f}{size / 1e6 / secs:>8.1f}  {same}")
        table.append(f"| {label} | {secs:.1f} | {rss:.0f} MB | {size / 1e6 / secs:.1f} | {same} |")
    stream_ok = all(r[2] <= 150 for r in rows)
    print("target: peak RSS <= 150 MB:", "yes" if stream_ok else "NO")
    held, size_mb = per_command(args.file_mb)
    limit = 100 + 3 * size_mb
    worst = max(held, key=lambda r: r[2])
    line_limit = 100 + 3 * line_mb
    line_worst = max(on_line, key=lambda r: r[2])
    lines = ["## Memory (bench/memory.py)", "",
             f"Streaming{' (scaled: ' + str(args.gb) + ' GB, not 2 GB)' if args.gb < 2 else ''}: "
             f"peak RSS ≤ 150 MB: {'yes' if stream_ok else 'NO'}.", "", *table, "",
             f"Every command on a {size_mb:.0f} MB file held whole (real Chinese stored as GBK): "
             f"target ≤ 100 MB + 3x the file = {limit:.0f} MB; worst **{worst[0]}** "
             f"{worst[2]:.0f} MB ({worst[2] / size_mb:.0f}x the file). And on the {line_mb:.0f} MB "
             f"single line (a file over 64 MB, or with a line over 2 MB, is streamed by every command): target {line_limit:.0f} MB; worst "
             f"**{line_worst[0]}** {line_worst[2]:.0f} MB.", "",
             f"| command | {size_mb:.0f} MB file: seconds | peak RSS | met | {line_mb:.0f} MB line: seconds "
             "| peak RSS | met |", "|---|---|---|---|---|---|---|",
             *[f"| `{c}` | {s:.1f} | {r:.0f} MB | {'yes' if r <= limit else 'NO'} | {ls:.1f} | {lr:.0f} MB "
               f"| {'yes' if lr <= line_limit else 'NO'} |"
               for (c, s, r), (_, ls, lr) in zip(held, on_line, strict=True)]]
    lines += ["", *per_kind(args.kind_mb)]
    section = "\n".join(lines)
    print("\n" + section)
    if not args.no_write:
        import results

        results.write_section("memory", section)


def per_command(file_mb: float) -> tuple[list[tuple[str, float, float]], float]:
    """Peak RSS of each command on one GBK file of about ``file_mb`` MB, held whole."""
    import os

    corpus = Path(os.environ.get("MOJIFIX_SHARED", HERE.parent.parent / "shared")) / "corpus" / "manpages" / "zh_CN"
    text = "".join(p.read_text("utf-8") for p in sorted(corpus.glob("*.txt")))
    text = "".join(ch for ch in text if _gbk_ok(ch))
    data = text.encode("gbk")
    data = data * max(1, int(file_mb * 1e6) // len(data))
    DATA.mkdir(exist_ok=True)
    src = DATA / "held.txt"
    src.write_bytes(data)
    try:
        return each_command(src), len(data) / 1e6
    finally:
        shutil.rmtree(DATA, ignore_errors=True)


def each_command(src: Path) -> list[tuple[str, float, float]]:
    """(command, seconds, peak RSS MB) of every command users run on ``src``, one process each:
    fix to stdout, -o, --out-dir, check, detect, fix from stdin, and last fix -i (it rewrites
    ``src``)."""
    py = sys.executable
    out = []
    work = src.parent / "each"
    work.mkdir(exist_ok=True)
    try:
        cmds = [
            ("fix FILE > stdout", [py, "-m", "mojifix", "fix", str(src)], None),
            ("fix FILE -o OUT", [py, "-m", "mojifix", "fix", str(src), "-o", str(work / "o.txt")], None),
            ("fix --out-dir DIR FILE", [py, "-m", "mojifix", "fix", "-q", "-j", "1", "--out-dir",
                                        str(work / "outdir"), str(src)], None),
            ("check FILE", [py, "-m", "mojifix", "check", "-q", "-j", "1", str(src)], None),
            ("detect FILE", [py, "-m", "mojifix", "detect", str(src)], None),
            ("fix - < FILE", [py, "-m", "mojifix", "fix", "-"], src),
            ("fix -i FILE", [py, "-m", "mojifix", "fix", "-q", "-j", "1", "-i", str(src)], None),
        ]
        for label, cmd, stdin in cmds:
            secs, rss = run(cmd, check=False, stdin=stdin)
            out.append((label, secs, rss))
            print(f"{label:<28}{secs:>8.1f} s{rss:>8.0f} MB  ({src.name})", flush=True)
            for p in (work / "o.txt", work / "outdir"):
                shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink(missing_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def _manpages(lang: str) -> str:
    corpus = Path(os.environ.get("MOJIFIX_SHARED", HERE.parent.parent / "shared")) / "corpus" / "manpages"
    return "".join(p.read_text("utf-8") for p in sorted((corpus / lang).glob("*.txt")))


def kinds() -> dict[str, bytes]:
    """One block of each other kind of file (repeated to the size asked; see the module
    docstring)."""
    fr, zh = _manpages("fr"), _manpages("zh_CN")
    return {
        "clean French, UTF-8": fr.encode("utf-8"),
        "French UTF-8 read as cp1252": fr.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8"),
        "French UTF-8 read as cp1252 (C1)": _as_browsers_read_cp1252(fr.encode("utf-8")).encode("utf-8"),
        "Chinese UTF-8 read as GBK (replace)": zh.encode("utf-8").decode("gbk", errors="replace").encode("utf-8"),
    }


def _as_browsers_read_cp1252(data: bytes) -> str:
    """``data`` read as cp1252 the way browsers and Windows read it: the five bytes cp1252
    leaves undefined (81 8D 8F 90 9D) become the C1 controls of the same number, not U+FFFD
    (the road :mod:`mojifix.fixers.wholepage` takes: no holes, so the whole document is read
    back through one page)."""
    table = {}
    for b in range(0x80, 0x100):
        try:
            table[b] = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            table[b] = chr(b)
    return data.decode("latin-1").translate(table)


def per_kind(file_mb: float) -> list[str]:
    """The table of the other kinds of file held whole (see the module docstring)."""
    py = sys.executable
    rows = []
    DATA.mkdir(exist_ok=True)
    try:
        for kind, block in kinds().items():
            data = block * max(1, int(file_mb * 1e6) // len(block))
            src, out = DATA / "kind.txt", DATA / "kind.out.txt"
            src.write_bytes(data)
            size_mb = len(data) / 1e6
            secs, rss = run([py, "-m", "mojifix", "fix", str(src), "-o", str(out)])
            same = out.read_bytes() == mojifix.fix_bytes(data).encode("utf-8")
            csecs, crss = run([py, "-m", "mojifix", "check", "-q", "-j", "1", str(src)], check=False)
            rows.append((kind, size_mb, secs, rss, same, csecs, crss))
            print(f"{kind:<38}{size_mb:>6.1f} MB  fix -o {secs:>6.1f} s {rss:>5.0f} MB  {same}  "
                  + f"check {csecs:>6.1f} s {crss:>5.0f} MB", flush=True)
            out.unlink(missing_ok=True)
    finally:
        shutil.rmtree(DATA, ignore_errors=True)

    def met(rss: float, mb: float) -> str:
        return "yes" if rss <= 100 + 3 * mb else "NO"

    return ["Other kinds of file held whole (target ≤ 100 MB + 3x the file):", "",
            "| file | MB | `fix FILE -o OUT`: seconds | peak RSS | met | output identical "
            "| `check FILE`: seconds | peak RSS | met |", "|---|---|---|---|---|---|---|---|---|",
            *[f"| {k} | {mb:.0f} | {s:.1f} | {r:.0f} MB | {met(r, mb)} | {same} | "
              f"{cs:.1f} | {cr:.0f} MB | {met(cr, mb)} |"
              for k, mb, s, r, same, cs, cr in rows]]


def _gbk_ok(ch: str) -> bool:
    try:
        ch.encode("gbk")
        return True
    except UnicodeEncodeError:
        return False


if __name__ == "__main__":
    main()
