"""Byte-encoding detection on a second corpus: real manpages encoded to their legacy pages.

Why: ``bench/detect.py`` measures char-dataset alone, and a detector tuned on it can fit it. The
manpages of ``../shared/corpus/manpages`` (14 languages, UTF-8) are encoded here to the pages
their language met before UTF-8 (:data:`PAGES`; a character a page lacks becomes ``?``, as a
converter's "replace" leaves it; Vietnamese goes to windows-1258 with its tone marks
combining), and every detector is asked about the same cases:

* **whole documents** -- a hit decodes the bytes *strictly* to the label page's text;
* **32- and 16-byte windows**, two per document: around the first non-ASCII byte (as
  ``bench/detect.py`` cuts them) and around the first non-ASCII byte past the middle; a hit
  decodes the window to the label's text, both with ``errors="replace"``.

Speed is cases per CPU second, as in ``bench/detect.py`` (one untimed pass first).

Run: ``python bench/detect_legacy.py [--only mojifix,chardet] [--windows 32,16] [-v]``. Prints a
table; writes nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import detect as B

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "manpages"

# The pages each language's documents are encoded to (their legacy code pages).
PAGES: dict[str, tuple[str, ...]] = {
    "zh_CN": ("gb2312", "gbk", "gb18030"),
    "zh_TW": ("big5", "cp950"),
    "ja": ("shift_jis", "cp932", "euc_jp"),
    "ru": ("windows-1251", "koi8-r", "cp866", "iso8859-5", "mac-cyrillic"),
    "uk": ("windows-1251", "koi8-u"),
    "el": ("windows-1253", "iso8859-7"),
    "de": ("windows-1252", "iso8859-1"),
    "fr": ("windows-1252", "iso8859-15"),
    "es": ("windows-1252", "iso8859-1"),
    "it": ("windows-1252",),
    "pl": ("windows-1250", "iso8859-2"),
    "cs": ("windows-1250", "iso8859-2"),
    "tr": ("windows-1254", "iso8859-9"),
    "vi": ("windows-1258",),
}


def encode(text: str, page: str) -> bytes:
    """``text`` in ``page``; a character it lacks is tried decomposed (a base letter and its
    marks, as windows-1258 writes Vietnamese), else becomes ``?``."""
    try:
        return text.encode(page)
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode(page)
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        for head, tail in ((unicodedata.normalize("NFC", parts[:2]), parts[2:]), ("", parts)):
            try:
                out += head.encode(page) + tail.encode(page)
                break
            except UnicodeEncodeError:
                continue
        else:
            out += b"?"
    return bytes(out)


def load_cases(root: Path) -> list[tuple[str, str, bytes]]:
    """(label page, name, bytes) for every document in every page of its language."""
    cases = []
    for lang, pages in PAGES.items():
        folder = root / lang
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for page in pages:
                data = encode(text, page)
                if not data.isascii():
                    cases.append((page, f"{lang}/{path.name}@{page}", data))
    return cases


def windows_of(data: bytes, size: int) -> list[bytes]:
    """The two ``size``-byte windows of a document (see the module docstring)."""
    middle = next((i for i in range(len(data) // 2, len(data)) if data[i] >= 0x80), None)
    out = [B.window(data, size)]
    if middle is not None:
        start = max(0, middle - size // 2) // 4 * 4
        out.append(data[start:start + size])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--only", default="mojifix,chardet", help="comma-separated detectors")
    ap.add_argument("--windows", default="32,16", help="window sizes besides whole documents")
    ap.add_argument("-v", "--verbose", action="store_true", help="misses per label page")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: corpus {args.corpus} not found; pass --corpus DIR", file=sys.stderr)
        return 2
    cases = load_cases(args.corpus)
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    sizes = [0] + [int(w) for w in args.windows.split(",") if w.strip()]
    print(f"corpus: {args.corpus} ({len(cases)} documents in their legacy pages)")
    rows = []
    for size in sizes:
        mode = "whole documents" if size == 0 else f"{size}-byte windows"
        inputs = [(label, name, data) for label, name, doc in cases
                  for data in ([doc] if size == 0 else windows_of(doc, size))]
        for name in names:
            detector = B.DETECTORS[name]
            for _, _, data in inputs:  # the untimed pass
                detector(data)
            t0 = time.process_time()
            found = [detector(data) for _, _, data in inputs]
            secs = max(time.process_time() - t0, 1e-9)
            errors = "replace" if size else "strict"
            misses = Counter(label for (label, _, data), got in zip(inputs, found, strict=True)
                             if not B.is_hit(label, got, data, errors))
            hits = len(inputs) - sum(misses.values())
            rows.append((mode, name, hits, len(inputs), secs))
            print(f"{mode:16} {name:19} {hits:5}/{len(inputs)} = {100 * hits / len(inputs):5.1f}%"
                  f"   {len(inputs) / secs:7.1f} cases/s")
            if args.verbose and misses:
                print("    " + ", ".join(f"{k} {v}" for k, v in sorted(misses.items())))
    modes = ["whole documents" if n == 0 else f"{n}-byte windows" for n in sizes]
    print()
    print(B.table(rows, names, modes).replace("files/s", "cases/s"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
