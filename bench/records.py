"""Short records, one call each: what a JSONL corpus of sentences costs, with ftfy side by side.

Why a bench of its own: bench/throughput.py times one call per whole document (4 KB on average),
where mojifix's fixed cost per call is small beside its work on the text. A corpus of short
records (a JSONL file of sentences, titles, UI strings: ``mojifix fix corpus.jsonl --field text``
repairs each field in its own call) pays that fixed cost once a record. Measured so, on the
same real text, mojifix was slower than ftfy in Chinese and Japanese (0.6x) when whole
documents were 1.4-1.7x faster.

The records: every non-empty line of the documents bench/throughput.py reads (the development
corpus plus the Korean, Hebrew, Arabic and English that installed packages ship), each a call
to ``mojifix.fix_text`` (default settings) and to ``ftfy.fix_text`` (repair-only settings);
best of ``--repeat`` runs per language; whether every record comes back unchanged (they are
clean). The headline is the slowest language.

    python bench/records.py                # all languages, up to 20 documents each
    python bench/records.py --limit 5 --repeat 1 --no-write   # a quick look

Writes its table to bench/RESULTS.md (section ``records``) unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ftfy  # noqa: E402

import mojifix  # noqa: E402
import quality  # noqa: E402
import results  # noqa: E402
from throughput import best_seconds  # noqa: E402


def rows(docs: dict[str, list[tuple[str, str]]], repeat: int) -> tuple[list[str], str]:
    out = ["| language | records | mean bytes | mojifix µs/record | ftfy µs/record | mojifix / ftfy "
           "| unchanged |", "|---|---|---|---|---|---|---|"]
    slowest = ("", float("inf"))
    total_m = total_f = 0.0
    count = 0
    for lang, found in docs.items():
        records = [line for _, text in found for line in text.split("\n") if line.strip()]
        if not records:
            continue
        for r in records[:20]:
            mojifix.fix_text(r)  # one-time tables, outside the timings
        m = best_seconds(mojifix.fix_text, records, repeat)
        f = best_seconds(lambda t: ftfy.fix_text(t, quality.REPAIR_ONLY), records, repeat)
        changed = sum(mojifix.fix_text(r) != r for r in records)
        size = sum(len(r.encode("utf-8")) for r in records) / len(records)
        ratio = f / m
        total_m, total_f, count = total_m + m, total_f + f, count + len(records)
        if ratio < slowest[1]:
            slowest = (lang, ratio)
        out.append(f"| {lang} | {len(records)} | {size:.0f} | {m / len(records) * 1e6:.1f} | "
                   f"{f / len(records) * 1e6:.1f} | {ratio:.2f}x | "
                   f"{'yes' if not changed else f'NO ({changed} changed)'} |")
        print(out[-1], flush=True)
    out.append(f"| **all** | {count} | | {total_m / count * 1e6:.1f} | {total_f / count * 1e6:.1f} | "
               f"{total_f / total_m:.2f}x | |")
    head = (f"Short clean records, one call each: slowest language **{slowest[0]}** at "
            f"{slowest[1]:.2f}x ftfy repair-only; {total_f / total_m:.2f}x over all records.")
    return out, head


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=20, help="documents per language (default 20)")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs (default 3)")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--no-write", action="store_true", help=f"do not update {results.RESULTS.name}")
    args = ap.parse_args(argv)
    docs, _notes = quality.load_docs(list(quality.LANGS), args.limit, args.seed)
    table, head = rows(docs, args.repeat)
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    section = "\n".join([
        "## Short records (bench/records.py)", "",
        f"{platform.machine()}, Python {platform.python_version()}, ftfy {ftfy.__version__}; every "
        f"non-empty line of up to {args.limit} documents a language, one call each, best of "
        f"{args.repeat}; {when}. Command: `python bench/records.py`", "", head, "", *table])
    print("\n" + head)
    if not args.no_write:
        results.write_section("records", section)
        print(f"(written to {results.RESULTS})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
