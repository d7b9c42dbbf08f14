"""Lines that mix clean text with mojibake: each line's second half garbled, whole documents.

A clean label or template around a value read through the wrong page (``Город: РњРѕСЃРєРІР°``) is
what a database export or a scraped page with one bad column looks like. For each development
corpus document, every non-ASCII line is cut at the first space after its middle and the second
half is garbled (UTF-8 read through the language's page, a byte the page leaves undefined read as
the C1 control of its number, as browsers do); the document is repaired whole, by mojifix and by
ftfy (repair-only settings), and each garbled line is compared with the original. Printed per
language: lines right, and lines whose clean first half was harmed, for both tools.

    python bench/mixedlines.py              # 30 documents a language
    python bench/mixedlines.py --limit 0    # all

Writes its table to bench/RESULTS.md (section ``mixedlines``) unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ftfy  # noqa: E402

import mojifix  # noqa: E402
import results  # noqa: E402

PAGES = {"ru": "cp1251", "uk": "cp1251", "cs": "cp1250", "pl": "cp1250", "el": "cp1253",
         "tr": "cp1254", "de": "cp1252", "fr": "cp1252", "es": "cp1252", "it": "cp1252", "vi": "cp1252"}
REPAIR_ONLY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False,
                                   fix_line_breaks=False, normalization=None)


def garble(text: str, page: str) -> str:
    return "".join(bytes([b]).decode(page, "ignore") or chr(b) for b in text.encode("utf-8"))


def halves(line: str) -> tuple[str, str] | None:
    """The clean head (up to and with the first space after the middle) and the tail to garble."""
    cut = line.find(" ", len(line) // 2)
    if cut < 0:
        return None
    head, tail = line[:cut + 1], line[cut + 1:]
    return None if head.isascii() or tail.isascii() else (head, tail)


def measure(path: Path, page: str) -> tuple[int, dict[str, tuple[int, int]], float, float]:
    """(garbled lines, {tool: (right, harmed)}, mojifix seconds, ftfy seconds) for one document."""
    original = path.read_text("utf-8").split("\n")
    garbled = []
    for line in original:
        parts = halves(line)
        garbled.append(line if parts is None else parts[0] + garble(parts[1], page))
    text = "\n".join(garbled)
    t0 = time.perf_counter()
    ours = mojifix.fix_text(text).split("\n")
    t1 = time.perf_counter()
    theirs = ftfy.fix_text(text, config=REPAIR_ONLY).split("\n")
    t2 = time.perf_counter()
    n = 0
    counts = {}
    for tool, got in (("mojifix", ours), ("ftfy", theirs)):
        right = harmed = 0
        for o, g, x in zip(original, garbled, got, strict=True):
            if o == g:
                continue
            n += tool == "mojifix"
            right += x == o
            harmed += not x.startswith(halves(o)[0])  # type: ignore[index]
        counts[tool] = (right, harmed)
    return n, counts, t1 - t0, t2 - t1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=30, help="documents a language (0: all)")
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--no-write", action="store_true", help=f"do not update {results.RESULTS.name}")
    args = ap.parse_args(argv)
    root = Path(args.shared) / "corpus" / "manpages"
    if not root.is_dir():
        print(f"mixedlines.py: {root} is absent: pass --shared DIR (it holds corpus/manpages)", file=sys.stderr)
        return 2
    print(f"{'lang':5} {'page':7} {'lines':>6} {'mojifix right':>14} {'harmed':>7} {'ftfy right':>11} {'harmed':>7}"
          f" {'time vs ftfy':>13}")
    weakest = None
    rows = []
    mojifix.fix_text("Город: " + garble("Москва", "cp1251"))  # (tables built once, before timing)
    ftfy.fix_text("cafÃ©", config=REPAIR_ONLY)
    for lang, page in PAGES.items():
        paths = sorted((root / lang).glob("*.txt"))
        paths = paths[:args.limit] if args.limit else paths
        total = 0
        sums = {"mojifix": [0, 0], "ftfy": [0, 0]}
        ours_s = theirs_s = 0.0
        for path in paths:
            n, counts, a, b = measure(path, page)
            total += n
            ours_s += a
            theirs_s += b
            for tool, (right, harmed) in counts.items():
                sums[tool][0] += right
                sums[tool][1] += harmed
        if not total:
            continue
        share = sums["mojifix"][0] / total
        weakest = min(weakest or (share, lang), (share, lang))
        print(f"{lang:5} {page:7} {total:6} {share:13.1%} {sums['mojifix'][1]:7} "
              f"{sums['ftfy'][0] / total:10.1%} {sums['ftfy'][1]:7} {ours_s / max(theirs_s, 1e-9):12.1f}x")
        rows.append(f"| {lang} | {page} | {len(paths)} | {total} | {share:.1%} | {sums['mojifix'][1]} | "
                    f"{sums['ftfy'][0] / total:.1%} | {sums['ftfy'][1]} | {ours_s / max(theirs_s, 1e-9):.1f}x |")
    if weakest:
        print(f"weakest language: {weakest[1]} ({weakest[0]:.1%} of its garbled lines right)")
    if rows and not args.no_write:
        import quality

        limit = f"{args.limit} documents a language" if args.limit else "every document"
        results.write_section("mixedlines", "\n".join([
            "## Mixed lines: a clean half and a garbled half (bench/mixedlines.py)", "",
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {quality.git_head()}, {limit}: each "
            "non-ASCII line cut at the first space after its middle, the second half garbled (UTF-8 read "
            "through the page); lines right, and lines whose clean half was harmed, for mojifix and ftfy "
            "(repair-only settings); time is mojifix's over ftfy's.", "",
            f"Weakest language: **{weakest[1]} {weakest[0]:.1%}**" if weakest else "", "",
            "| lang | page | docs | garbled lines | mojifix right | harmed | ftfy right | harmed | time vs ftfy |",
            "|---|---|---|---|---|---|---|---|---|", *rows, ""]))
        print(f"(written to {results.RESULTS.name})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
