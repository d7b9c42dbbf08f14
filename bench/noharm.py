"""Do no harm, on real files: which clean-looking UTF-8 files under a directory mojifix changes.

Walks DIR (default: this Python's standard library and site-packages), reads every UTF-8 text
file with non-ASCII content, repairs it with mojifix and with ftfy (repair-only settings), and
prints how many each changed, plus, for every file mojifix changed, the findings and the first
change. mojifix is given the file's name, as the CLI has it, so its file-kind rules apply (no
entity or zero-width fixer in source code or data: ``mojifix.engine.filekind``); ftfy has none.
Source trees hold files that are *meant* to contain mojibake (ftfy's own tests, codec tests),
so read the list, do not just count it: every line should be a repair a user would want. Runs of this on the development machine found the guards in ``chains.py`` that
``fixtures/guards`` and ``tests/test_chains.py`` now keep.

    python bench/noharm.py                # the standard library and site-packages
    python bench/noharm.py /usr/share     # any tree
"""

from __future__ import annotations

import argparse
import os
import sys
import sysconfig
import time

import ftfy

import mojifix

REPAIR_ONLY = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False,
    fix_line_breaks=False, normalization=None,
)
SUFFIXES = (".py", ".txt", ".rst", ".md", ".json", ".html", ".po", ".csv", ".xml", ".yaml",
            ".yml", ".cfg", ".ini", ".sh", ".tex", ".pm", ".pod")


def texts(root: str, max_bytes: int) -> list[tuple[str, str]]:
    out = []
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if "." in name and not name.endswith(SUFFIXES):
                continue
            path = os.path.join(dirpath, name)
            try:
                if os.path.islink(path) or os.path.getsize(path) > max_bytes:
                    continue
                with open(path, "rb") as f:
                    text = f.read().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if not text.isascii() and "\x00" not in text:
                out.append((path, text.removeprefix("\ufeff")))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", default=sorted({sysconfig.get_path("stdlib"),
                                                       sysconfig.get_path("purelib")}))
    ap.add_argument("--max-bytes", type=int, default=2_000_000)
    args = ap.parse_args()
    files = [ft for d in args.dirs for ft in texts(d, args.max_bytes)]
    t0 = time.perf_counter()
    changed = []
    ftfy_changed = 0
    for path, text in files:
        r = mojifix.repair_text(text, path=path)  # (the file's kind decides, as in the CLI)
        ftfy_changed += ftfy.fix_text(text, REPAIR_ONLY) != text
        if r.changes:
            c = r.changes[0]
            kinds = sorted({(f.kind + (":" + "→".join(f.chain) if f.chain else "")) for f in r.findings if f.fixed})
            changed.append(f"{path}: {', '.join(kinds)}: line {c.line}: {c.before[:40]!r} -> {c.after[:40]!r}")
    print(f"{len(files)} non-ASCII UTF-8 files under {', '.join(args.dirs)} "
          f"({time.perf_counter() - t0:.1f} s)")
    print(f"changed: mojifix {len(changed)}, ftfy repair-only {ftfy_changed}")
    print("\n".join(changed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
