"""Byte-encoding detection accuracy: mojifix vs charset-normalizer vs chardet, same corpus, one run.

Corpus: ``../shared/detection/char-dataset/`` (or ``--corpus``), one folder per Python codec name;
``None/`` holds binaries that a detector must refuse.

Two measures, the same inputs for every detector:

* **whole files** -- a hit is a detected codec that decodes the file *strictly* to the same text
  as the label codec (a leading U+FEFF is ignored on both sides, so ``utf-16`` and
  ``utf-16-le`` + BOM agree). For ``None/`` a hit is a refusal (no encoding / an error).
* **32-byte windows** -- ``i`` is the offset of the first non-ASCII byte (0 for pure-ASCII files);
  the window is ``data[s:s+32]`` with ``s = max(0, i - 16)`` rounded down to a multiple of 4.
  The rounding looks at no label: it only keeps UTF-16/32 code units whole when the file itself
  is aligned. The window is never trimmed to whole characters, so it may cut a multi-byte
  character at its end (or, for ISO-2022/UTF-16/32, anywhere). A hit is: the detected codec
  decodes the window to the same text as the label codec, both with ``errors="replace"`` (one
  policy for every detector). Binaries' windows are included: a hit is a refusal.

Run: ``python bench/detect.py [--corpus DIR] [--only mojifix,chardet,charset-normalizer]``.
Prints accuracy, files/s and the misses per label encoding for each detector.
"""

from __future__ import annotations

import argparse
import codecs
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "detection" / "char-dataset"
WINDOW = 32

Detector = Callable[[bytes], "str | None"]


def load_corpus(root: Path) -> list[tuple[str, str, bytes]]:
    """(label codec or ``None``, relative path, bytes) for every file under ``root``."""
    items = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        label = folder.name
        for f in sorted(folder.iterdir()):
            if f.is_file():
                items.append((label, f"{label}/{f.name}", f.read_bytes()))
    return items


def window(data: bytes, size: int = WINDOW) -> bytes:
    """The ``size``-byte window around the first non-ASCII byte (see module docstring)."""
    first = next((i for i, b in enumerate(data) if b >= 0x80), 0)
    start = max(0, first - size // 2) // 4 * 4
    return data[start : start + size]


def _canon(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _decode(data: bytes, codec: str, errors: str) -> str | None:
    try:
        text = data.decode(codec, errors)
    except (UnicodeDecodeError, LookupError):
        return None
    return text[1:] if text.startswith("\ufeff") else text


def is_hit(label: str, detected: str | None, data: bytes, errors: str = "strict") -> bool:
    """Whether ``detected`` decodes ``data`` to the same text as the ``label`` codec."""
    if label == "None":
        return detected is None
    codec = _canon(detected)
    if codec is None:
        return False
    expected = _decode(data, label, errors)
    return expected is not None and _decode(data, codec, errors) == expected


def detect_mojifix(data: bytes) -> str | None:
    from mojifix.decoding.decode import decode
    from mojifix.errors import MojifixError

    try:
        return decode(data).encoding
    except MojifixError:
        return None


def detect_mojifix_alone(data: bytes) -> str | None:
    """mojifix without chardet's vote: what the second opinion is worth."""
    import mojifix.decoding.detect

    mojifix.decoding.detect.SECOND_OPINION = False
    try:
        return detect_mojifix(data)
    finally:
        mojifix.decoding.detect.SECOND_OPINION = True


def detect_charset_normalizer(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else None


def detect_chardet(data: bytes) -> str | None:
    import chardet

    return chardet.detect(data)["encoding"]


DETECTORS: dict[str, Detector] = {
    "mojifix": detect_mojifix,
    "mojifix-no-chardet": detect_mojifix_alone,
    "charset-normalizer": detect_charset_normalizer,
    "chardet": detect_chardet,
}


def evaluate(
    detector: Detector, items: list[tuple[str, str, bytes]], windows: bool
) -> tuple[int, list[tuple[str, str | None]], float]:
    """(hits, [(path, detected) for misses], seconds)."""
    hits, misses = 0, []
    t0 = time.perf_counter()
    results = [(label, path, data, detector(data)) for label, path, data in _inputs(items, windows)]
    elapsed = time.perf_counter() - t0
    for label, path, data, detected in results:
        if is_hit(label, detected, data, "replace" if windows else "strict"):
            hits += 1
        else:
            misses.append((path, detected))
    return hits, misses, elapsed


def _inputs(items: list[tuple[str, str, bytes]], windows: bool) -> Iterator[tuple[str, str, bytes]]:
    for label, path, data in items:
        yield label, path, window(data) if windows else data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--only", default=",".join(DETECTORS), help="comma-separated detectors")
    ap.add_argument("-q", "--quiet", action="store_true", help="do not list misses")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: corpus {args.corpus} not found; pass --corpus DIR", file=sys.stderr)
        return 2
    items = load_corpus(args.corpus)
    print(f"corpus: {args.corpus} ({len(items)} files, {sum(len(d) for *_, d in items)} bytes)")
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    for name in names:
        DETECTORS[name](b"warm up \xe4\xbd\xa0\xe5\xa5\xbd \xc4\xe3\xba\xc3")  # imports, tables
    rows = []
    for mode in ("whole files", f"{WINDOW}-byte windows"):
        for name in names:
            hits, misses, secs = evaluate(DETECTORS[name], items, mode != "whole files")
            rows.append((mode, name, hits, len(items), secs))
            print(
                f"{mode:16} {name:19} {hits:4}/{len(items)} = {100 * hits / len(items):5.1f}%"
                f"   {len(items) / secs:7.1f} files/s"
            )
            if misses and not args.quiet:
                by_label: dict[str, list[str]] = defaultdict(list)
                for path, detected in misses:
                    by_label[path.split("/")[0]].append(f"{path.split('/', 1)[1]}->{detected}")
                for label, ms in sorted(by_label.items()):
                    print(f"    {label:14} {len(ms):3} miss: {', '.join(ms[:6])}"
                          + (" ..." if len(ms) > 6 else ""))
    print()
    print(f"{'':16} " + " ".join(f"{n:>19}" for n in names))
    print(f"{'files/s':16} " + " ".join(
        f"{t / s:19.1f}" for m, _, _, t, s in rows if m == "whole files"))
    for mode in ("whole files", f"{WINDOW}-byte windows"):
        cells = [f"{100 * h / t:18.1f}%" for m, _, h, t, _ in rows if m == mode]
        print(f"{mode:16} " + " ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
