"""Whole translation catalogs, garbled whole: mojifix next to ftfy on short UI strings (issue 18).

Why a bench of its own: bench/quality.py's documents are manual pages, cut at 4,000 characters of
prose; most lines carry many non-ASCII letters. Real files are often the other kind: a list of
short strings (menu items, month names, "Server error", "%(count)s hours ago"), where a line holds
one accented letter or none and only the whole document can say what happened to it (issue 18:
"the document decides, not the line"). The first run of this bench (2026-12-06) found mojifix
writing wrong text there that the manual pages never showed: `Bokmål` made `Bokmĺl` (a Turkish
page read as Latin-1), `Сбросить все фильтры` made `Ъюомъупщ аъе руйщпоь` (cp1251 read as
KOI8-R), `és` made `Ês` (UTF-8 read as ISO 8859-2).

The catalogs: Django's own ``.po`` files (BSD licence; ``django`` is in the ``bench`` extra and only
its data files are read, never imported), the core, admin, auth, contenttypes, gis and humanize
catalogs of every language Django ships (~100 languages, 578 catalogs, 6 MB). Each gives two
documents:

* ``po``: the ``.po`` file as it is (English msgids, translated msgstrs, translator comments);
* ``msgs``: its translated strings alone, one a line (what an exported string table looks like).

Each document goes through every lossless chain of bench/quality.py that can carry it and changes
it (``quality.lossless_cases``), and is also checked clean (left byte-for-byte unchanged). Per chain
the table gives mojifix's and ftfy's (repair-only) exact-restore rates and how mojifix failed:
**wrong** (it changed the text, but not back to the original: a wrong repair, or a partial one that
left some lines garbled; the failure the project counts worst) or **missed** (left as it came), and **ftfy only** (ftfy exact, mojifix not).

What is not a failure of the repair: a few originals hold stray zero-width spaces
(``bestaan \u200b\u200buit``, ``sag\u200be``), which mojifix removes as junk (README: zero-width
characters); those cases are counted apart ("junk removed") and not as wrong.

The system's gettext catalogs (the locale directory) are not read: they are kept for independent
evaluation.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ftfy

import mojifix
import quality
import results as results_md

RESULTS = results_md.RESULTS
APPS = ("core", "admin", "auth", "contenttypes", "gis", "humanize")
ZERO_WIDTH = "\u200b\u2060\ufeff"
_PO = re.compile(r"(?:conf|contrib/(\w+))/locale/([^/]+)/LC_MESSAGES/django\.po$")


def django_dir() -> Path | None:
    """The installed django package's folder (found, not imported), or None."""
    try:
        spec = importlib.util.find_spec("django")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def catalogs(root: Path) -> list[tuple[str, str, str]]:
    """(language, app, text) of every catalog of :data:`APPS`, sorted."""
    found = []
    for path in sorted(root.rglob("django.po")):
        m = _PO.search(path.relative_to(root).as_posix())
        if m and (m.group(1) or "core") in APPS:
            found.append((m.group(2), m.group(1) or "core", path.read_text("utf-8")))
    return found


def msgstrs(po: str) -> str:
    """The translated strings of a ``.po`` text, one a line (a string's own line breaks made
    spaces; the header entry and untranslated entries left out)."""
    out: list[str] = []
    pieces: list[str] = []
    inside = False

    def flush() -> None:
        if inside and pieces:
            try:
                text = "".join(ast.literal_eval(p) for p in pieces)
            except (SyntaxError, ValueError):
                text = ""
            if text and "Project-Id-Version" not in text:
                out.append(text.replace("\n", " "))

    for line in po.splitlines():
        if line.startswith("msgstr"):
            flush()
            inside, pieces = True, [line.split(" ", 1)[1]]
        elif inside and line.startswith('"'):
            pieces.append(line)
        else:
            flush()
            inside, pieces = False, []
    flush()
    return "\n".join(out) + "\n"


Record = tuple[str, str, str, str, bool]  # (chain, language, status, where, ftfy exact)


def _junk_only(original: str, got: str) -> bool:
    """Whether ``got`` differs from ``original`` only in zero-width characters."""
    drop = dict.fromkeys(map(ord, ZERO_WIDTH))
    return got != original and got.translate(drop) == original.translate(drop)


def run_doc(job: tuple[str, str, str, str]) -> list[Record]:
    lang, app, kind, text = job
    where = f"{lang}/{app} {kind}"
    got = mojifix.fix_text(text)
    status = "exact" if got == text else "junk removed" if _junk_only(text, got) else "wrong"
    out: list[Record] = [("clean", lang, status, where + ": " + quality.first_difference(text, got)
                          if status == "wrong" else where, True)]
    rng = random.Random(f"{lang}:{app}:{kind}")
    for variant, original, garbled in quality.lossless_cases(lang, text, rng):
        if original is None or garbled is None:
            continue
        got = mojifix.fix_text(garbled)
        theirs = ftfy.fix_text(garbled, config=quality.REPAIR_ONLY) == original
        if got == original:
            status = "exact"
        elif _junk_only(original, got):
            status = "junk removed"
        else:
            status = "missed" if got == garbled else "wrong"
        out.append((variant, lang, status, where + ": " + quality.first_difference(original, got)
                    if status in ("wrong", "missed") else where, theirs))
    return out


def table(records: list[Record]) -> tuple[list[str], str, str]:
    """The per-chain table's lines, the weakest chain and the weakest language (exact share,
    junk removal counted exact)."""
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    langs: dict[str, Counter[str]] = defaultdict(Counter)
    for chain, lang, status, _where, theirs in records:
        good = status in ("exact", "junk removed")
        for c in (rows[chain], langs[lang]):
            c["n"] += 1
            c["good"] += good
        c = rows[chain]
        c[status] += 1
        c["ftfy"] += theirs
        c["ftfy only"] += theirs and not good

    def rate(c: Counter[str]) -> float:
        return c["good"] / c["n"]

    order = sorted(rows, key=lambda k: (rate(rows[k]), k))
    lines = ["| chain | documents | mojifix exact | wrong | missed | junk removed | ftfy exact | "
             "ftfy only |", "|---|---|---|---|---|---|---|---|"]
    for k in order:
        c = rows[k]
        lines.append(f"| {k} | {c['n']} | {rate(c):.1%} | {c['wrong']} | {c['missed']} | "
                     f"{c['junk removed']} | {c['ftfy'] / c['n']:.1%} | {c['ftfy only']} |")
    worst_lang = min(langs, key=lambda k: (rate(langs[k]), k))
    return (lines, f"`{order[0]}` {rate(rows[order[0]]):.1%}",
            f"{worst_lang} {rate(langs[worst_lang]):.1%} over its {langs[worst_lang]['n']} cases")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--langs", default="", help="comma-separated Django locale names (default: all)")
    ap.add_argument("--show", type=int, default=40, help="wrong outputs listed (default 40)")
    ap.add_argument("--no-write", action="store_true", help=f"do not update {RESULTS.name}")
    args = ap.parse_args(argv)
    root = django_dir()
    if root is None:
        print("catalogs.py: django is not installed (pip install -e '.[bench]'); only its .po "
              "files are read", file=sys.stderr)
        return 2
    wanted = {x for x in args.langs.split(",") if x}
    found = [c for c in catalogs(root) if not wanted or c[0] in wanted]
    jobs = [(lang, app, kind, text if kind == "po" else msgstrs(text))
            for lang, app, text in found for kind in ("po", "msgs")]
    jobs.sort(key=lambda j: -len(j[3]))
    t0 = time.perf_counter()
    if args.jobs > 1:
        with get_context("fork" if sys.platform != "win32" else "spawn").Pool(args.jobs) as pool:
            records = [r for rs in pool.imap_unordered(run_doc, jobs, chunksize=2) for r in rs]
    else:
        records = [r for j in jobs for r in run_doc(j)]
    elapsed = time.perf_counter() - t0
    import django

    rows, worst_chain, worst_lang = table(records)
    wrong = sorted(f"{chain}: {where}" for chain, _l, status, where, _t in records if status == "wrong")
    nlangs = len({c[0] for c in found})
    lines = ["## Whole translation catalogs (bench/catalogs.py)", "",
             f"Django {django.__version__}'s catalogs ({', '.join(APPS)}): {len(found)} catalogs in "
             f"{nlangs} languages, each as its .po file and as its strings one a line "
             f"({len(jobs)} documents), through every lossless chain of bench/quality.py that "
             f"carries it; mojifix {quality.git_head()}, ftfy {ftfy.__version__} (repair-only); "
             f"{elapsed:.0f} s on {args.jobs} job(s). \"junk removed\": the original's own stray "
             "zero-width spaces removed, nothing else changed (counted exact).", "",
             f"Weakest chain: **{worst_chain}**; weakest language: **{worst_lang}**. "
             f"Wrong outputs (changed, but not to the original: wrong or partial): {len(wrong)}.", "", *rows, ""]
    if wrong:
        lines += [f"Wrong outputs (first {min(args.show, len(wrong))} of {len(wrong)}, where each "
                  "first departs from the original):", "",
                  *[f"- {w}" for w in wrong[:args.show]], ""]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        results_md.write_section("catalogs", report)
        print(f"(written to {RESULTS})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
