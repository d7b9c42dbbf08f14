"""Repairing files too big to hold in memory, in chunks, with the same result as all at once.

A 2 GB corpus file cannot be read, decoded and repaired as one string: that costs several times
its size in memory. Every fixer works on something local (a line for mojibake, a few characters
for entities, zero-width runs and glosses), so the text can be cut into chunks and repaired
chunk by chunk, *provided* that:

* **No cut falls inside a repair.** Chunks end after a newline. A line longer than the chunk
  size is cut before a space or tab in a "quiet" stretch (within a bounded look-back): 40 characters either side
  hold no ``&``, ``;``, ``(``, ``)``, zero-width or mojibake-alphabet character, so the cut is
  inside no entity, gloss (``字(zì)``), zero-width context or mojibake run. Cutting
  happens on *decoded* text (an incremental decoder), so a multi-byte character is never split.
* **Page-level decisions are made once, for the whole file.** Two kinds of evidence belong to
  the page, not to a chunk:

  - *the byte encoding*: a BOM, or strict UTF-8 validated over the whole file in the first pass,
    or else detection (:mod:`mojifix.detect`) on a sample: the first ``SAMPLE_BYTES`` up to a line
    break. The encoding found is then used for every chunk (strictly: a later byte it cannot
    decode is an error naming the offset, with the remedy ``--encoding``).
  - *markup* (which switches entity decoding off) and *gloss evidence* (which lets toneless
    glosses go): the first pass scans every chunk (markup with an overlap, since a tag may
    span chunks) and records the gloss counts (see :mod:`mojifix.evidence`); the second pass
    forces the decisions the whole file would get.

  Stdin cannot be read twice, so it is first spooled to a temporary file (on disk, not memory).

What is *not* identical to whole-text processing: a single line longer than the chunk size that
contains mojibake is handed to ftfy in pieces (ftfy's own ``fix_text`` also cuts lines longer
than a million code points). Clean long lines, and long lines with entities, zero-width
characters or glosses, come out the same.

JSONL has one road, :func:`mojifix.jsonl.repair_jsonl` (``mojifix fix --jsonl --field F``): it is
streamed line by line already (each record is its own document), so it needs nothing from here.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import BinaryIO

from .config import Config
from .decode import decode, normalize_encoding_name, sniff_bom
from .entities import _TAG
from .errors import DecodeError, MojifixError
from .evidence import forcing, recording
from .model import Finding, summed
from .pipeline import run_fixers

CHUNK_CHARS = 1 << 18  # code points per chunk: 0.5-1 MB as a str, plus the fixers' edits
READ_BYTES = 1 << 18
SAMPLE_BYTES = 4 << 20
LOOKBACK = 1 << 16  # how far back from the chunk end a cut point is searched for
_TAG_OVERLAP = 2100  # the longest tag entities._TAG can match spans at most this many characters
# Bytes: `mojifix fix FILE` streams files bigger than this (the environment may lower it).
STREAM_THRESHOLD = int(os.environ.get("MOJIFIX_STREAM_THRESHOLD", 64 << 20))

QUIET = 40  # characters on each side of a cut that must hold nothing a fixer looks at


@lru_cache(maxsize=1)
def _quiet_run() -> re.Pattern[str]:
    """A run of 2*QUIET characters with no ``& ; ( )``, no zero-width character and nothing
    of the mojibake screen's alphabet: a cut in its middle splits no entity (at most 34
    characters), gloss, zero-width context or mojibake run."""
    from .screen import mojibake_screen

    alphabet = mojibake_screen().alphabet
    return re.compile(f"[^&;()\\u200b-\\u200d\\u2060\\ufeff{alphabet}]{{{2 * QUIET}}}")


def find_cut(text: str, limit: int, lookback: int = LOOKBACK) -> int:
    """Where to end a chunk of ``text`` that has no newline before ``limit``: an index in
    ``(0, limit]``. Prefers a space or tab inside a quiet run (see :func:`_quiet_run`) in the
    last ``lookback`` characters, then the middle of such a run; ``limit`` itself only when the
    text holds no quiet run at all (then a fix spanning the cut may be missed)."""
    start = max(0, limit - lookback)
    best = -1
    for m in _quiet_run().finditer(text, start, limit + QUIET):
        mid = m.start() + QUIET
        if mid > limit:
            break
        ws = max(text.rfind(" ", m.start() + QUIET // 2, mid + 1), text.rfind("\t", m.start() + QUIET // 2, mid + 1))
        best = ws if ws > 0 else mid
    if best > 0:
        return best
    return _structural_cut(text, start, limit)


_ZW = "\u200b\u200c\u200d\u2060\ufeff"


def _structural_cut(text: str, start: int, limit: int) -> int:
    """For text with no quiet stretch (a glossed page on one line): the last position that is
    not inside parentheses of gloss length, an entity, a zero-width context or a run of the
    mojibake alphabet."""
    from .screen import mojibake_screen

    alphabet = mojibake_screen().any_char
    p = limit
    while p > max(start, 1):
        before, here = text[p - 1], text[p] if p < len(text) else ""
        if here != "(" and before not in _ZW and here not in _ZW:
            lp = text.rfind("(", max(0, p - 12), p)
            if lp < 0 or text.rfind(")", lp, p) >= 0:
                amp = text.rfind("&", max(0, p - 34), p)
                if (amp < 0 or text.find(";", amp, p) >= 0) and not alphabet.search(
                    text, max(0, p - 2), p + 2
                ):
                    return p
        p -= 1
    return limit


def iter_chunks(pieces: Iterable[str], chunk_chars: int = CHUNK_CHARS, lookback: int = LOOKBACK) -> Iterator[str]:
    """Re-cut a stream of decoded text into chunks that end at safe boundaries.

    >>> list(iter_chunks(["ab\\ncd", "e\\nf"], chunk_chars=4))
    ['ab\\n', 'cde\\n', 'f']
    """
    buf = ""
    for piece in pieces:
        buf += piece
        while len(buf) >= chunk_chars:
            nl = buf.rfind("\n", 0, chunk_chars)
            cut = nl + 1 if nl >= 0 else find_cut(buf, chunk_chars, lookback)
            yield buf[:cut]
            buf = buf[cut:]
    if buf:
        yield buf


def _read_blocks(fh: BinaryIO, size: int = READ_BYTES) -> Iterator[bytes]:
    while True:
        block = fh.read(size)
        if not block:
            return
        yield block


def _decoded_pieces(fh: BinaryIO, codec: str, skip: int, read_bytes: int = READ_BYTES) -> Iterator[str]:
    """Decode a file incrementally and strictly; errors name the byte offset."""
    fh.seek(skip)
    dec = codecs.getincrementaldecoder(codec)("strict")
    offset = skip
    for block in _read_blocks(fh, read_bytes):
        try:
            yield dec.decode(block)
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"not valid {normalize_encoding_name(codec)}: byte {offset + exc.start} cannot be decoded",
                "name the right encoding with --encoding",
            ) from None
        offset += len(block)
    try:
        yield dec.decode(b"", final=True)
    except UnicodeDecodeError:
        raise DecodeError(
            f"not valid {normalize_encoding_name(codec)}: the file ends inside a character",
            "name the right encoding with --encoding",
        ) from None


@dataclass
class StreamResult:
    """What streaming a file found: the encoding, whether anything changed, findings summed."""

    encoding: str
    confidence: float
    bom: str | None = None
    changed: bool = False
    chunks: int = 0
    findings: dict[str, Finding] = field(default_factory=dict)

    def add(self, found: Iterable[Finding]) -> None:
        for f in found:
            key = f"{f.kind}|{f.chain}"
            old = self.findings.get(key)
            self.findings[key] = f if old is None else summed(old, f)


def _sample_encoding(fh: BinaryIO, config: Config) -> tuple[str, float, str | None, int]:
    """(codec, confidence, bom, bytes to skip), decided on the first ``SAMPLE_BYTES`` up to a
    line break, exactly as :func:`mojifix.decode.decode` decides for a whole input."""
    fh.seek(0)
    head = fh.read(SAMPLE_BYTES)
    sample = head
    if len(head) == SAMPLE_BYTES and fh.read(1):
        nl = head.rfind(b"\n")
        if nl > 0:
            sample = head[: nl + 1]
            bom, _ = sniff_bom(head)
            if (bom or "").startswith("utf-16") and (nl + 1) % 2:
                sample = head[: nl + 2]
    decoded = decode(sample, config.encoding)
    skip = len(codecs.BOM_UTF8) if decoded.bom == "utf-8" else sniff_bom(head)[1] if decoded.bom else 0
    return decoded.encoding, decoded.confidence, decoded.bom, skip


class _NotPlainUtf8(Exception):
    pass


def _first_pass(chunks: Iterable[str]) -> tuple[bool, bool, bool, bool]:
    """(markup anywhere, any ``(`` anywhere, any ``&`` anywhere, all ASCII): tags are searched with an overlap,
    since a tag may span two chunks."""
    markup = paren = amp = False
    ascii_only = True
    tail = ""
    for chunk in chunks:
        if not markup and ("<" in chunk or "<" in tail):
            markup = _TAG.search(tail + chunk) is not None
        tail = chunk[-_TAG_OVERLAP:]
        paren = paren or "(" in chunk
        amp = amp or "&" in chunk
        if "\x00" in chunk:
            raise _NotPlainUtf8  # NUL: UTF-16 without a BOM, or binary; decode() decides
        ascii_only = ascii_only and chunk.isascii()
    return markup, paren, amp, ascii_only


def _page_evidence(
    chunks: Iterable[str], config: Config, glosses: bool, chains: bool
) -> tuple[dict[str, bool], dict[str, dict[str, float]]]:
    """Second pass: the evidence of the whole file. ``glosses``: the gloss counts (files with
    ``(`` or ``&``); ``chains``: the chain search's gain per chain (non-ASCII files)."""
    from .pipeline import FIXERS

    upto_chains = FIXERS[: [name for name, _ in FIXERS].index("chains") + 1]
    with recording() as totals:
        for chunk in chunks:
            # Without "(" a gloss can only appear by decoding one from an entity ("&#40;").
            # (--restore also weighs the script of chunks without glosses.)
            if glosses and ("(" in chunk or "&" in chunk or config.restore_original):
                run_fixers(chunk, config, locate=False)  # fills ``totals`` through evidence
            elif chains and (not chunk.isascii() or "&" in chunk):
                # The chain search sees the chunk after the fixers before it (the entity fixer):
                # run just those (their screens make a clean chunk cheap).
                run_fixers(chunk, config, fixers=upto_chains, locate=False)
    sums = {"chain-gain": totals["chain-gain"]} if "chain-gain" in totals else {}
    decisions: dict[str, bool] = {}
    g = totals.get("pinyin-glosses")
    if g:
        from .glosses import MIN_PAGE_GLOSSES, MIN_PAGE_RATIO

        confirmed, candidates = g.get("confirmed", 0), g.get("candidates", 0)
        decisions["pinyin-glosses"] = (
            confirmed >= MIN_PAGE_GLOSSES and confirmed >= MIN_PAGE_RATIO * candidates
        )
    if "gloss-converter" in totals:  # toned glosses go on converter pages only (glosses.py)
        from .glosses import converter_decision

        decisions["gloss-converter"] = converter_decision(totals["gloss-converter"])
    if "toned-gloss-page" in totals:  # the GBK re-alignment needs one confirmed toned gloss
        decisions["toned-gloss-page"] = totals["toned-gloss-page"].get("toned", 0) >= 1
    if "restore-evidence" in totals:
        from .restore import MIN_GLOSSES, MIN_TRADITIONAL

        r = totals["restore-evidence"]
        decisions["restore-evidence"] = r.get("runs", 0) >= 1 or r.get("glosses", 0) >= MIN_GLOSSES
        if "restore-kana" in totals:
            decisions["restore-kana"] = totals["restore-kana"].get("kana", 0) >= 1
        if "restore-traditional" in totals:
            t = totals["restore-traditional"]
            decisions["restore-traditional"] = t.get("changed", 0) >= MIN_TRADITIONAL * t.get("hanzi", 0)
    return decisions, sums


def repair_stream(
    src: BinaryIO,
    out: BinaryIO,
    config: Config | None = None,
    *,
    chunk_chars: int = CHUNK_CHARS,
    lookback: int = LOOKBACK,
    read_bytes: int = READ_BYTES,
) -> StreamResult:
    """Repair the seekable binary file ``src`` into ``out`` (UTF-8), chunk by chunk.

    Memory stays bounded by the chunk size; the output equals ``fix_bytes(src.read())`` (see
    the module docstring for the one exception: mojibake inside a line longer than a chunk).
    """
    cfg = config or Config()
    codec, confidence, bom, skip = "utf-8", 1.0, None, 0
    src.seek(0)
    head = src.read(4)
    if cfg.encoding is not None or sniff_bom(head)[0] is not None:
        codec, confidence, bom, skip = _sample_encoding(src, cfg)

    def chunks() -> Iterator[str]:
        return iter_chunks(_decoded_pieces(src, codec, skip, read_bytes), chunk_chars, lookback)

    try:
        markup, paren, amp, ascii_only = _first_pass(chunks())
    except (DecodeError, _NotPlainUtf8):
        if bom is not None or cfg.encoding is not None:
            raise
        # Not UTF-8: decide the legacy encoding on a sample, then scan again.
        codec, confidence, bom, skip = _sample_encoding(src, cfg)
        markup, paren, amp, ascii_only = _first_pass(chunks())
    if codec == "utf-8" and bom is None and ascii_only:
        codec = "ascii"
    run_cfg = cfg.replace(unescape_html=False) if markup else cfg
    want_glosses = (paren or amp) and cfg.remove_glosses
    want_chains = cfg.fix_mojibake and not ascii_only
    decisions: dict[str, bool] = {}
    sums: dict[str, dict[str, float]] = {}
    if want_glosses or want_chains:
        decisions, sums = _page_evidence(chunks(), run_cfg, want_glosses, want_chains)
    result = StreamResult(normalize_encoding_name(codec), confidence, bom)
    with forcing(decisions, sums):
        for chunk in chunks():
            fixed, findings, _changes = run_fixers(chunk, run_cfg, locate=False)
            result.chunks += 1
            if fixed != chunk:
                result.changed = True
                result.add(findings)
            out.write(fixed.encode("utf-8", errors="surrogateescape"))
    return result


def fix_file(
    path: str, output: str | None, config: Config | None = None, *, chunk_chars: int = CHUNK_CHARS
) -> StreamResult:
    """Stream ``path`` (``-`` for stdin, spooled to a temporary file) to ``output`` (a path,
    written atomically through a temporary file in its folder, or ``None``/``-`` for stdout)."""
    import sys

    spool = None
    try:
        if path == "-":
            spool = tempfile.TemporaryFile()
            shutil.copyfileobj(sys.stdin.buffer, spool, READ_BYTES)
            src: BinaryIO = spool
        else:
            try:
                src = open(path, "rb")
            except OSError as exc:
                raise MojifixError(f"cannot read: {exc.strerror or exc}", "check the path", path) from None
        try:
            if output in (None, "-"):
                return repair_stream(src, sys.stdout.buffer, config, chunk_chars=chunk_chars)
            return _to_file(src, output, config, chunk_chars)
        except MojifixError as exc:
            raise exc if exc.path else exc.with_path("<stdin>" if path == "-" else path) from None
        finally:
            src.close()
    finally:
        if spool is not None:
            spool.close()


def _to_file(src: BinaryIO, output: str, config: Config | None, chunk_chars: int) -> StreamResult:
    from .fileio import open_output

    expect = None
    with contextlib.suppress(OSError):  # -o naming the input itself: an in-place rewrite
        if os.path.samefile(src.name, output):  # type: ignore[arg-type]
            expect = os.fstat(src.fileno())
    with open_output(output, expect=expect) as out:
        result = repair_stream(src, out, config, chunk_chars=chunk_chars)  # type: ignore[arg-type]
        out.commit()
    return result
