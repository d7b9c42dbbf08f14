"""Linear time: 10x the input may cost at most 12x the time, in every input family.

For each family (clean real text per script, whole documents garbled by each chain, and the
shapes that once made a pass quadratic: runs of ``Ã© ``, ``浣犲ソ ``, ``(qiáng``, ``中文 ``,
``(``, ``&#``, ``?;``, glossed pages) the text is built at 100 KB, 1 MB and 10 MB, both as many
lines and as ONE line, and ``mojifix.fix_text`` is timed (CPU seconds) in a child process (after a warm-up on
a small piece of the same family, so one-time table building is not counted): every size of a
case in one process, in 3 rounds that take the sizes in turn, each sample of a size the same
work as one run of the largest (100 KB: the mean of 100 calls), the best of the rounds kept
(see ``child``; the whole bench takes about 20 minutes). A run past ``--timeout`` seconds is
reported as such and the larger sizes are skipped: that is a failure of the target, not of
the bench.

    python bench/linear.py                    # 100 KB, 1 MB, 10 MB (about 20 minutes)
    python bench/linear.py --sizes 0.1,1      # quicker, says so in its output
    python bench/linear.py --families clean-fr,paren

Writes its table to bench/RESULTS.md (section ``linear``) unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

BLOCK = 100_000  # bytes of real text per block (the smallest size is one block)
TARGET = 12.0  # the most 10x the input may cost, as a multiple of the time
ROUNDS = 3  # samples of each size, taken in turn (the best is kept)


def shared_dir() -> Path:
    env = os.environ.get("MOJIFIX_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def _manpages(lang: str) -> str:
    folder = shared_dir() / "corpus" / "manpages" / lang
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise SystemExit(f"linear.py: no documents in {folder}: set MOJIFIX_SHARED to the shared folder")
    # One block of about BLOCK bytes of whole documents: every size repeats the same text, so the
    # sizes differ in length only, not in content.
    out, n = [], 0
    for p in files:
        text = p.read_text("utf-8")
        out.append(text)
        n += len(text.encode("utf-8"))
        if n >= BLOCK:
            break
    return "".join(out)


def _garble(text: str, right: str, wrong: str) -> str:
    kept = "".join(line + "\n" for line in text.splitlines()
                   if _carries(line, right, wrong))
    return kept.encode(right).decode(wrong)


def _carries(line: str, right: str, wrong: str) -> bool:
    try:
        line.encode(right).decode(wrong)
        return True
    except UnicodeError:
        return False


def _c1_pages() -> str:
    """A block of French pages with ``’`` for ``'``, written as windows-1252 and read as Latin-1:
    the pages the C1 rule takes whole (fixers/c1quotes.py; not the character tables, whose
    letters fit no one alphabet: they take the mojibake fixer's road, line by line)."""
    from mojifix.fixers import c1quotes

    out, n = [], 0
    for p in sorted((shared_dir() / "corpus" / "manpages" / "fr").glob("*.txt")):
        garbled = _garble(p.read_text("utf-8").replace("'", "\u2019"), "cp1252", "latin-1")
        if c1quotes.plan(garbled) is not None:
            out.append(garbled)
            n += len(garbled.encode("utf-8"))
            if n >= BLOCK:
                break
    return "".join(out)


def _gloss_page() -> str:
    from corpus import GLOSSED
    return "\n".join(GLOSSED) + "\n"


# family -> (description, function returning a block of text that is repeated to the size)
FAMILIES: dict[str, tuple[str, object]] = {
    "clean-fr": ("clean French (manpages)", lambda: _manpages("fr")),
    "clean-cs": ("clean Czech (manpages)", lambda: _manpages("cs")),
    "clean-ru": ("clean Russian (manpages)", lambda: _manpages("ru")),
    "clean-zh": ("clean Chinese (manpages)", lambda: _manpages("zh_CN")),
    "clean-ja": ("clean Japanese (manpages)", lambda: _manpages("ja")),
    "utf8-cp1252": ("French, UTF-8 read as cp1252", lambda: _garble(_manpages("fr"), "utf-8", "cp1252")),
    "utf8-gbk": ("Chinese, UTF-8 read as GBK", lambda: _garble(_manpages("zh_CN"), "utf-8", "gbk")),
    "gbk-latin1": ("Chinese, GBK read as Latin-1", lambda: _garble(_manpages("zh_CN"), "gbk", "latin-1")),
    "cp1251-cp1252": ("Russian, cp1251 read as cp1252",
                      lambda: _garble(_manpages("ru"), "cp1251", "cp1252")),
    "utf8-sjis": ("Japanese, UTF-8 read as Shift_JIS",
                  lambda: _garble(_manpages("ja"), "utf-8", "shift_jis")),
    # The chains the document's alphabet or page choice decides (fixers/latinpages.py,
    # fixers/pagechoice.py) and UTF-8's Latin pairs read through cp1253 (scoring/latinpairs.py).
    "cp1250-cp1252": ("Czech, cp1250 read as cp1252", lambda: _garble(_manpages("cs"), "cp1250", "cp1252")),
    "iso2-latin1": ("Polish, ISO 8859-2 read as Latin-1",
                    lambda: _garble(_manpages("pl"), "iso-8859-2", "latin-1")),
    "cp1254-latin1": ("Turkish, cp1254 read as Latin-1",
                      lambda: _garble(_manpages("tr"), "cp1254", "latin-1")),
    "utf8-iso2": ("German, UTF-8 read as ISO 8859-2",
                  lambda: _garble(_manpages("de"), "utf-8", "iso-8859-2")),
    "utf8-cp1253": ("Spanish, UTF-8 read as cp1253",
                    lambda: _garble(_manpages("es"), "utf-8", "cp1253")),
    # Windows-1252's quotes read as Latin-1 and nothing else (fixers/c1quotes.py, the whole document at once).
    "cp1252-latin1": ("French with ’, cp1252 read as Latin-1", lambda: _c1_pages()),
    "a-tilde": ("`Ã© ` repeated", lambda: "Ã© " * 64),
    "gbk-run": ("`浣犲ソ ` repeated", lambda: "浣犲ソ " * 64),
    "gloss-run": ("`(qiáng` repeated", lambda: "(qiáng" * 64),
    "hanzi-run": ("`中文 ` repeated", lambda: "中文 " * 64),
    "paren": ("`(` repeated", lambda: "(" * 256),
    "amp-hash": ("`&#` repeated", lambda: "&#" * 128),
    "qsemi": ("`?;` repeated", lambda: "?;" * 128),
    "glossed": ("glossed page (`強(qiáng)調(diào)`)", _gloss_page),
}


def build(family: str, size: int, one_line: bool) -> str:
    """The family's text at about ``size`` bytes: whole repeats of its unit, then whole lines
    (or, on one line, whole words) of one more, so that every size holds the same text and
    differs in length only. (The text was cut at the byte nearest ``size``: ``Ã© `` repeated
    in lines ended in a lone ``Ã`` at 10 MB and not at 1 MB, a different document, whose last
    line sent it down another road: the cp1250 alphabet test ran at 10 MB only.)"""
    block = FAMILIES[family][1]()  # type: ignore[operator]
    if one_line:
        block = block.replace("\n", " ")
    elif "\n" not in block:
        block += "\n"  # a run of repeats: one line per block
    unit = _period(block)
    data = unit.encode("utf-8")
    rest = data[: size % len(data)].decode("utf-8", "ignore")
    rest = rest[: rest.rfind(" " if one_line else "\n") + 1]
    return unit * (size // len(data)) + rest or unit


def _period(block: str) -> str:
    """The shortest piece whose repeats make ``block`` (``Ã© `` of ``Ã© Ã© ``; a block of
    documents is its own)."""
    for n in range(1, len(block)):
        if len(block) % n == 0 and block[:n] * (len(block) // n) == block:
            return block[:n]
    return block


def child(family: str, sizes: list[int], one_line: bool, timeout: float) -> None:
    import signal

    import mojifix

    # Warm-up: tables, imports, on one whole block, the text every size repeats (a 20 KB piece
    # missed the paths its later lines take: clean Japanese loads the gloss table past 20 KB, a
    # one-time 0.1 s counted in the single 10 MB run and read as 17.5x growth).
    mojifix.fix_text(build(family, BLOCK, one_line))
    texts = [build(family, size, one_line) for size in sizes]
    # CPU time of this process: the machine's other load (a test run, other benches) inflates
    # wall time unevenly and made 10 ms rows read as 50x growth; a quadratic pass costs CPU
    # time all the same. But the other load slows CPU time too (shared caches, memory
    # bandwidth), and it comes and goes: like must be compared with like. So every size is
    # timed in this one process, in ROUNDS that take the sizes in turn (a busy spell falls on
    # all of them), each sample of a size is the same work as one of the largest (100 KB:
    # 100 calls, their mean), and the best sample of the rounds is kept. Before, each size was
    # a process of its own minutes apart, the 10 MB case ran once against the best of 3 below
    # it (and so paid alone what only a first run at a size does: the heap's growth, the
    # repertoire classes the chain search builds past 5 M characters, which the warm-up never
    # reaches), and a 5 ms sample's best of 3 was a few ms of noise.
    reps = [max(1, round(sizes[-1] / size)) for size in sizes]
    best: list[float | None] = [float("inf")] * len(sizes)

    def expired(_signum: int, _frame: object) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, expired)
    for _ in range(ROUNDS):
        for i, text in enumerate(texts):
            if best[i] is None:
                continue
            spent = 0.0
            try:
                for _ in range(reps[i]):
                    signal.setitimer(signal.ITIMER_REAL, timeout)
                    t0 = time.process_time()
                    mojifix.fix_text(text)
                    spent += time.process_time() - t0
                    signal.setitimer(signal.ITIMER_REAL, 0)
            except TimeoutError:  # one call past --timeout: this size and the larger ones fail
                best[i:] = [None] * (len(sizes) - i)
                continue
            best[i] = min(best[i], spent / reps[i])  # type: ignore[type-var]
    print(json.dumps({"seconds": best}))


def timed(family: str, sizes: list[int], one_line: bool, timeout: float) -> list[float | None]:
    """Each size's best CPU time (None: a run went past ``timeout`` seconds), from one child."""
    cmd = [sys.executable, __file__, "--child", family, ",".join(map(str, sizes)),
           "1" if one_line else "0", str(timeout)]
    proc = subprocess.run(cmd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    if proc.returncode != 0:
        raise SystemExit(f"linear.py: {family} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])["seconds"]


def fmt_size(n: int) -> str:
    return f"{n // 1_000_000} MB" if n >= 1_000_000 else f"{n // 1000} KB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0.1,1,10", help="sizes in MB (default 0.1,1,10)")
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--timeout", type=float, default=300, help="seconds one run of a case may take")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child[0], [int(n) for n in args.child[1].split(",")], args.child[2] == "1",
              float(args.child[3]))
        return 0
    sizes = [int(float(s) * 1_000_000) for s in args.sizes.split(",")]
    families = [f for f in args.families.split(",") if f]
    unknown = sorted(set(families) - set(FAMILIES))
    if unknown:
        ap.error(f"unknown families: {', '.join(unknown)} (known: {', '.join(FAMILIES)})")
    import mojifix

    head = ["family", "shape"] + [fmt_size(s) for s in sizes] + [
        f"{fmt_size(b)}→{fmt_size(a)}" for a, b in zip(sizes[1:], sizes, strict=False)] + ["linear"]
    rows: list[list[str]] = []
    worst = ("", 0.0)
    failures = 0
    for family in families:
        for one_line in (False, True):
            times = timed(family, sizes, one_line, args.timeout)
            growth = []
            ok = True
            for a, b in zip(times[1:], times, strict=False):
                if a is None or b is None:
                    growth.append("timeout" if b is not None or a is None else "–")
                    ok = False
                    continue
                g = a / max(b, 1e-4)
                growth.append(f"{g:.1f}x")
                ok &= g <= TARGET or a < 0.05  # below 50 ms the ratio is noise
                if g > worst[1] and a >= 0.05:
                    worst = (f"{family} ({'one line' if one_line else 'lines'})", g)
            failures += not ok
            cells = [f"{t:.3f} s" if t is not None else f"> {args.timeout:.0f} s" for t in times]
            rows.append([FAMILIES[family][0], "one line" if one_line else "many lines", *cells,
                         *growth, "yes" if ok else "NO"])
            print(" | ".join(rows[-1]), flush=True)
    table = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    table += ["| " + " | ".join(r) + " |" for r in rows]
    scaled = "" if sizes == [100_000, 1_000_000, 10_000_000] else " (scaled: not the target's sizes)"
    section = "\n".join([
        "## Linear time (bench/linear.py)", "",
        f"`fix_text` CPU time per input size (one process per case, best of {ROUNDS} rounds over the "
        f"sizes, each sample the work of one run of the largest){scaled}; mojifix {mojifix.__version__} "
        f"({_commit()}); target: 10x the input costs at most {TARGET:.0f}x the time. "
        f"Families meeting it: {len(rows) - failures} of {len(rows)}; steepest growth: "
        f"{worst[0] or '–'} {worst[1]:.1f}x.", "", *table])
    print("\n" + section)
    if not args.no_write:
        import results
        results.write_section("linear", section)
    return 0 if failures == 0 else 1


def _commit() -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip() or "?"
    except OSError:
        return "?"


if __name__ == "__main__":
    raise SystemExit(main())
