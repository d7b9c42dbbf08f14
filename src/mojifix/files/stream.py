"""Repairing files too big to hold in memory, in chunks, with the same result as all at once.

A 2 GB corpus file cannot be read, decoded and repaired as one string: that costs several times
its size in memory. Every fixer works on something local (a line for mojibake, a few characters
for entities, zero-width runs and glosses), so the text can be cut into chunks and repaired
chunk by chunk, *provided* that:

* **No cut falls inside a repair.** Chunks end after a newline. A line longer than the chunk
  size is cut before a space or tab in a "quiet" stretch (within a bounded look-back): 40 characters either side
  hold no ``&``, ``;``, ``(``, ``)``, zero-width or mojibake-alphabet character, so the cut is
  inside no entity, gloss (``字(zì)``), zero-width context or mojibake run; else after the last
  space or tab that follows an ASCII character, outside an entity, gloss or zero-width context
  (or a box-drawing one: such a space splits no character of a mojibake run, see
  :func:`_space_cut`); else at the last place outside all of those (and not inside a word or
  next to punctuation); else, rather than cut
  inside a repair, the chunk runs on to the first such place or newline after the limit (up to
  ``LOOKBACK`` characters more). Cutting happens on *decoded* text (an incremental decoder),
  so a multi-byte character is never split.
* **Page-level decisions are made once, for the whole file.** Two kinds of evidence belong to
  the page, not to a chunk:

  - *the byte encoding*: decided by :func:`mojifix.decoding.decode.stream_reading`, which is
    :func:`mojifix.decoding.decode.decode`'s decision for the whole file (decode() itself on a file up to
    ``HOLD_BYTES``; decode()'s steps on counts over every byte of a bigger one, legacy detection
    on a sample of it). The bytes are then decoded incrementally with that codec and error
    mode, so a stream accepts exactly what a whole read accepts.
  - *markup* (which switches entity decoding off), *the kind of file* (code, data, Markdown,
    HTML: which fixers may act where, :mod:`mojifix.engine.filekind`) and *gloss evidence* (which
    lets toneless glosses go): the first pass scans every chunk (markup with an overlap, since
    a tag may span chunks; the kind on the text's first ``HOLD_BYTES`` characters) and records
    the counts the fixers' page rules need (see :mod:`mojifix.scoring.evidence`); :func:`evidence.plan`
    turns the sums into decisions by those same rules, and the second pass forces them.

  Stdin cannot be read twice, so it is first spooled to a temporary file (on disk, not memory).

What is *not* identical to whole-text processing (``tests/test_stream_equivalence.py`` states
the property, leaves out exactly the first, and draws its documents derandomized, which the
last does not meet):

* a single line longer than the chunk size that contains mojibake is handed to ftfy in pieces
  (ftfy's own ``fix_text`` also cuts lines longer than a million code points);
* only for files bigger than ``HOLD_BYTES`` (4 MB): legacy detection sees a sample (see
  :func:`mojifix.decoding.decode.stream_reading`); a Markdown or HTML file is cut into chunks (a cut may
  fall inside a fenced block or ``<pre>``, which the chunk then cannot see as protected); an
  encoding declaration (``<meta charset>``) is not rewritten to UTF-8;
* notes about what was left as is (``lost-spaces``) are given per chunk;
* the chain search's plan (:mod:`mojifix.fixers.plan`: spans of lines one chain repairs, reaching
  back to the document's start and on to its end) is laid out per chunk, on the whole file's
  gains: a weak line (``眉ber``, a lone ideograph among German words) in a chunk holding no
  line that proves the chain alone stays as it is, where the whole document's first span reaches
  back over it. Chunks of 256 Ki characters hold such a line only where a long, nearly clean
  head precedes the garbled part; the property test's chunks of a few dozen characters draw it
  about one run in thirteen (note 23).

A file below ``STREAM_THRESHOLD`` with a line longer than ``LONG_LINE`` (2 MB) is streamed too
by ``mojifix fix FILE``, with every decision made on the whole file (:func:`mojifix.files.streamable.has_long_line`), and
refused (held whole) where the first exception above could apply: the output is the held-whole
repair byte for byte (``tests/test_long_line_stream.py``), for a fraction of its memory. The
other commands (``check``, ``detect``, ``fix -i``, ``--out-dir``, ``fix -``) stream such a file
the same way, and a file over ``STREAM_THRESHOLD`` as ``fix FILE`` streams it
(:func:`mojifix.files.streamable.is_big`, :mod:`mojifix.files.longline`).

JSONL has one road, :func:`mojifix.files.jsonl.repair_jsonl` (``mojifix fix --jsonl --field F``): it is
streamed line by line already (each record is its own document), so it needs nothing from here.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import BinaryIO, NamedTuple, Protocol

from ..config import Config
from ..decoding.decode import HOLD_BYTES, Decoded, Reading, iter_decoded, stream_reading
from ..engine.filekind import kind_from_content
from ..engine.pipeline import run_fixers
from ..errors import MojifixError
from ..fixers.entities import has_markup
from ..fixers.ftfyguard import splits_table_row
from ..model import Change, Finding, summed
from ..scoring.evidence import forcing, page_sums, plan, recording
from .pieces import as_piece, marked_pieces

CHUNK_CHARS = 1 << 18  # code points per chunk: 0.5-1 MB as a str, plus the fixers' edits
READ_BYTES = 1 << 18
LOOKBACK = 1 << 16  # how far back from the chunk end a cut point is searched for
_TAG_OVERLAP = 2100  # the longest tag entities._TAG can match spans at most this many characters
# Bytes: `mojifix fix FILE` streams files bigger than this (the environment may lower it).
STREAM_THRESHOLD = int(os.environ.get("MOJIFIX_STREAM_THRESHOLD", 64 << 20))
# Bytes: `mojifix fix FILE` streams a smaller file whose longest line is longer than this, with
# the whole file's decisions (see :func:`mojifix.files.streamable.has_long_line`; the environment
# may lower it).
LONG_LINE = int(os.environ.get("MOJIFIX_LONG_LINE", 2 << 20))

QUIET = 40  # characters on each side of a cut that must hold nothing a fixer looks at


@lru_cache(maxsize=1)
def _quiet_run() -> re.Pattern[str]:
    """A run of 2*QUIET characters with no ``& ; ( )``, no zero-width character and nothing
    of the mojibake screen's alphabet: a cut in its middle splits no entity (at most 34
    characters), gloss, zero-width context or mojibake run."""
    from ..scoring.screen import mojibake_screen

    alphabet = mojibake_screen().alphabet
    return re.compile(f"[^&;()\\u200b-\\u200d\\u2060\\ufeff{alphabet}]{{{2 * QUIET}}}")


def find_cut(text: str, limit: int, lookback: int = LOOKBACK) -> int:
    """Where to end a chunk of ``text`` that has no newline before ``limit``: an index in
    ``(0, limit]``. Prefers a space or tab inside a quiet run (see :func:`_quiet_run`) in the
    last ``lookback`` characters, then the middle of such a run, then a place outside every
    entity, gloss, zero-width context and mojibake run; ``limit`` itself only when there is
    none (then a fix spanning the cut may be missed: :func:`iter_chunks` reads on instead)."""
    return _cut_before(text, limit, lookback) or limit


def _cut_before(text: str, limit: int, lookback: int) -> int | None:
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
    return _space_cut(text, start, limit) or _structural_cut(text, start, limit)


_ZW = "\u200b\u200c\u200d\u2060\ufeff"


def _structural_cut(text: str, start: int, limit: int) -> int | None:
    """For text with no quiet stretch (a glossed page on one line): the last position that is
    not inside parentheses of gloss length, an entity, a zero-width context or a run of the
    mojibake alphabet; None when there is none."""
    from ..scoring.screen import mojibake_screen

    alphabet = mojibake_screen().any_char
    p = limit
    while p > max(start, 1):
        if _safe_at(text, p, alphabet):
            return p
        p -= 1
    return None


def _space_cut(text: str, start: int, limit: int) -> int | None:
    """For a line with no quiet stretch, such as one of mojibake (``п╢п╩я▐ я┌п╣я┘``, Russian
    read as KOI8-R, on one 3 MB line): right after its last space or tab before ``limit`` that
    follows an ASCII character (``я─п╬, п``) and is inside no gloss, entity or zero-width
    context. Why that is safe: on a page that read UTF-8, an ASCII character and the space
    after it were those very bytes, which no character of the original holds (multi-byte trail
    bytes start at 0x40), so both pieces start and end on whole characters of the original. A
    space after a page's letter may be a no-break space made a space (``voilÃ  tout``: ``à`` is
    C3 A0), half of a character: no cut there. A box-drawing or block character before it is
    as good (KOI8-R's letters for UTF-8's second bytes, ``я┌п╣я┘ ``, a line of Russian words
    with no punctuation): no page that reads A0 as a no-break space has one. Cut at ``limit``
    instead, a piece that starts or ends inside a character reads as no page at all, and every
    piece after the first was left garbled (a new user's QA). None when there is no such space."""
    p = limit
    while p > start:
        p = max(text.rfind(" ", start, p), text.rfind("\t", start, p))
        if p <= start:
            return None
        if (text[p - 1] < "\x80" or "\u2500" <= text[p - 1] <= "\u25ff") and _free(text, p + 1) \
                and not splits_table_row(text, p + 1):  # (``C2 Â LATIN``: fixers/ftfyguard.table_cuts)
            return p + 1
    return None


def _free(text: str, p: int) -> bool:
    """Whether a cut before ``text[p]`` is inside no gloss, entity or zero-width context."""
    if text[p - 1] in _ZW or (p < len(text) and text[p] in _ZW + "("):
        return False
    lp = text.rfind("(", max(0, p - 12), p)
    if lp >= 0 and text.rfind(")", lp, p) < 0:
        return False
    amp = text.rfind("&", max(0, p - 34), p)
    return amp < 0 or text.find(";", amp, p) >= 0


def _safe_at(text: str, p: int, alphabet: re.Pattern[str]) -> bool:
    """Whether a cut before ``text[p]`` splits nothing a fixer reads as one piece: a gloss
    ``字(zì)``, an entity (also ``&amp;amp;``, read on past its ``;``), a zero-width character and
    its neighbours, a word, a run of the mojibake alphabet."""
    before, here = text[p - 1], text[p] if p < len(text) else ""
    if before.isalnum() and here.isalnum():
        return False
    if before in ",;:?!" or here in ",;:?!":  # an entity's end, punctuation glued to CJK text
        return False
    return _free(text, p) and not alphabet.search(text, max(0, p - 2), p + 2)


def _next_cut(buf: str, limit: int, lookback: int, reach: int) -> int | None:
    """Where the chunk of ``buf`` ends: after its last newline before ``limit``, else at a safe
    place before it, else at the first newline or safe place after it (a chunk may run over
    by up to ``reach`` characters rather than split a repair). None: no safe place yet in what
    was read, read on. ``limit`` when there is none within ``reach`` (the documented limit)."""
    nl = buf.rfind("\n", 0, limit)
    if nl >= 0:
        return nl + 1
    cut = _cut_before(buf, limit, lookback)
    if cut:
        return cut
    from ..scoring.screen import mojibake_screen

    alphabet = mojibake_screen().any_char
    end = min(len(buf), limit + reach)
    nl = buf.find("\n", limit, end)
    stop = nl + 1 if nl >= 0 else end
    for p in range(limit + 1, min(stop, len(buf) - 2)):  # two characters of context after p
        if _safe_at(buf, p, alphabet):
            return p
    if nl >= 0:
        return nl + 1
    return limit if len(buf) >= limit + reach else None


def iter_chunks(pieces: Iterable[str], chunk_chars: int = CHUNK_CHARS, lookback: int = LOOKBACK,
                reach: int = LOOKBACK) -> Iterator[str]:
    """Re-cut a stream of decoded text into chunks that end at safe boundaries.

    >>> list(iter_chunks(["ab\\ncd", "e\\nf"], chunk_chars=4))
    ['ab\\n', 'cde\\n', 'f']
    """
    buf = ""
    for piece in pieces:
        buf += piece
        while len(buf) >= chunk_chars:
            cut = _next_cut(buf, chunk_chars, lookback, reach)
            if cut is None:
                break  # the safe place lies beyond what has been read
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


@dataclass
class StreamResult:
    """What streaming a file found: the encoding, whether anything changed, findings summed."""

    encoding: str
    confidence: float
    bom: str | None = None
    changed: bool = False
    chunks: int = 0
    findings: dict[str, Finding] = field(default_factory=dict)
    decoded: Decoded | None = None  # the reading's decision (its ranking and declaration)

    def add(self, found: Iterable[Finding]) -> None:
        for f in found:
            key = f"{f.kind}|{f.chain}"
            old = self.findings.get(key)
            self.findings[key] = f if old is None else summed(old, f)


class Placer(Protocol):
    """Turns a chunk's places into the whole text's (see :mod:`mojifix.files.longline`)."""

    def place(self, chunk: str, findings: list[Finding], changes: list[Change]) -> list[Finding]: ...


class _FirstPass(NamedTuple):
    markup: bool  # a tag anywhere (entity decoding off)
    paren: bool  # any "(" (glosses possible)
    amp: bool  # any "&"
    ascii_only: bool
    zero_width: bool  # any U+200B (the Japanese U+200B decision weighs every chunk)
    head: str  # the text's first HOLD_BYTES characters, for the file-kind decision
    whole: bool  # ``head`` is the whole text


def _first_pass(chunks: Iterable[str], hold: int = HOLD_BYTES) -> _FirstPass:
    """What the whole text shows, gathered chunk by chunk: tags are searched with an overlap,
    since a tag may span two chunks. ``head``: the first ``hold`` characters."""
    markup = paren = amp = zero_width = False
    ascii_only = True
    tail = ""
    head: list[str] = []
    held = 0
    for chunk in chunks:
        if not markup and ("<" in chunk or "<" in tail):
            markup = has_markup(tail + chunk)  # the entity fixer's own test, on the whole file
        tail = (tail + chunk)[-_TAG_OVERLAP:]  # a tag may span several small chunks
        paren = paren or "(" in chunk
        amp = amp or "&" in chunk
        zero_width = zero_width or "\u200b" in chunk
        ascii_only = ascii_only and chunk.isascii()
        if held <= hold:
            head.append(chunk)
            held += len(chunk)
    text = "".join(head)
    del head[:]  # (the chunks, not held beside their join)
    return _FirstPass(markup, paren, amp, ascii_only, zero_width,
                      text if held <= hold else text[:hold], held <= hold)


# Kinds whose protected spans (Markdown code, HTML tags and <pre>) are found on the text a fixer
# is given (filekind._MASKED): a chunk cut inside a fenced block cannot see that it is code. Such a
# file is repaired in one piece when it is small enough to decide on whole (HOLD_BYTES). Source
# code too: whether its mojibake is an example is decided on the whole file's lines and strings
# (engine/codestrings.py), which a chunk cut inside a triple-quoted string does not see.
_SPANNED_KINDS = ("markdown", "html", "code")


def _record_gloss_page(text: str, config: Config) -> tuple[list, list]:
    """A step run just before the gloss fixer in the first pass: records the converter-page
    evidence of the text that fixer is given (after the entity, mojibake and zero-width fixers,
    which can turn bytes into hanzi), for every chunk, glosses in it or not. Edits nothing."""
    from ..fixers.glosses import page_evidence

    page_evidence(text)
    return [], []


def _may_hold_page_evidence(chunk: str) -> bool:
    """Whether ``chunk`` may hold converter-page evidence as the gloss fixer sees it: hanzi (an
    entity can spell one), or an ASCII ``)`` glued to ``, ; : ? !``, which the rule counts too
    (``glosses._GLUED``) and which needs no hanzi: ``diff(1), diff3(1),`` on a line of its own
    was left out, and a later chunk's toned gloss went whole but stayed streamed."""
    return not chunk.isascii() or "&" in chunk or ")" in chunk


def _page_evidence(
    chunks: Callable[[], Iterable[str]], config: Config, glosses: bool, chains: bool,
    zero_width: bool = False, refuse: bool = False,
) -> tuple[dict[str, bool], dict[str, dict[str, float]]]:
    """Second pass: the evidence of the whole file. ``glosses``: the gloss counts (files with
    ``(`` or ``&``); ``chains``: the chain search's gain per chain (non-ASCII files)."""
    from ..engine.registry import FIXERS, Fixer

    # The page counter runs just before the gloss fixer, on the text the gloss fixer sees.
    fixers = FIXERS
    # (through mixed-words: its page's evidence is the whole file's too, fixers/mixedwords.py)
    upto_evidence = FIXERS.upto("mixed-words")
    if zero_width:  # every chunk's phrase ends weigh in the Japanese U+200B decision
        fixers = FIXERS.insert_before(
            "zero-width", Fixer("zero-width-page-evidence", "mojifix.fixers.zerowidth", "record_phrase_ends"))
        upto_evidence = fixers.upto("zero-width-page-evidence")
    upto_zero_width = fixers.upto("zero-width")
    with_page = fixers.insert_before(
        "glosses", Fixer("gloss-page-evidence", __name__, "_record_gloss_page"))
    upto_page = with_page.upto("gloss-page-evidence")
    # The converter-page rule, once some chunk with toned glosses asks it, weighs the hanzi of
    # the whole file as the gloss fixer sees them (after the entity, mojibake and zero-width
    # fixers, which can turn bytes into hanzi), in every chunk, glosses in it or not. Counting
    # them is paid only from the first chunk that asks; the chunks before it are counted in a
    # second pass (``asked``: how many chunks that pass must cover).
    asked = -1
    with recording() as totals:
        for n, (chunk, piece) in enumerate(marked_pieces(chunks())):
            counting = asked >= 0
            # Without "(" a gloss can only appear by decoding one from an entity ("&#40;").
            # (--restore also weighs the script of chunks without glosses.)
            with as_piece(piece):
                if glosses and ("(" in chunk or "&" in chunk or config.restore_original):
                    run_fixers(chunk, config, fixers=with_page if counting else fixers, locate=False)
                elif counting and _may_hold_page_evidence(chunk):
                    run_fixers(chunk, config, fixers=upto_page, locate=False)
                elif chains and (not chunk.isascii() or "&" in chunk):
                    # The chain search sees the chunk after the fixers before it (the entity
                    # fixer): run just those (their screens make a clean chunk cheap); with
                    # U+200B in the chunk, up to the zero-width fixer, whose Japanese decision
                    # is the page's.
                    run_fixers(chunk, config, fixers=upto_zero_width if "\u200b" in chunk else upto_evidence,
                               locate=False)
            if asked < 0 and "gloss-converter" in totals:
                asked = n + 1
            if refuse and any(totals.get("chain-gain", {}).values()):
                raise CutRefused()  # at the first chunk that gains: not after reading them all
    if asked > 0:
        with recording() as page:  # (only the page counts are kept: the rest was counted)
            for n, (chunk, piece) in enumerate(marked_pieces(chunks())):
                if n >= asked:
                    break
                if _may_hold_page_evidence(chunk):
                    with as_piece(piece):
                        run_fixers(chunk, config, fixers=upto_page, locate=False)
        for kind, amounts in page.items():
            if kind.startswith("gloss-page-"):
                mine = totals.setdefault(kind, {})
                for k, v in amounts.items():
                    mine[k] = mine.get(k, 0) + v
    # (and the sums the fixers ask with page_totals: the chain search's gain, the words of the
    # lines a case-swap chain repaired, the mixed lines' evidence per page)
    sums = page_sums(totals)
    # The whole file's decisions from its summed counts, by the rules the fixers decide a
    # whole text with (mojifix.scoring.evidence): one rule per decision, no copy here.
    return plan(totals), sums


class CutRefused(Exception):
    """Raised by :func:`repair_stream` asked ``whole_or_refuse``, before anything is written,
    when cutting the file's lines gains nothing or may change the result: the chain search
    gains somewhere in the file (a line cut into chunks may be repaired otherwise than whole:
    its plan is made per line), or the file is Markdown or HTML small enough to be repaired in
    one chunk (streamed, it would cost its text once more). The caller holds the file whole."""


def repair_stream(
    src: BinaryIO,
    out: BinaryIO,
    config: Config | None = None,
    *,
    chunk_chars: int = CHUNK_CHARS,
    lookback: int = LOOKBACK,
    read_bytes: int = READ_BYTES,
    hold: int = HOLD_BYTES,
    whole_or_refuse: bool = False,
    placer: Placer | None = None,
) -> StreamResult:
    """Repair the seekable binary file ``src`` into ``out`` (UTF-8), chunk by chunk.

    Memory stays bounded by the chunk size; the output equals ``fix_bytes(src.read())`` (see
    the module docstring for the exceptions: mojibake inside a line longer than a chunk, and a
    few decisions on files bigger than ``hold`` bytes, which are decided on a sample).
    ``whole_or_refuse``: raise :class:`CutRefused` (nothing written) rather than write
    what may differ from the whole repair, i.e. when the chain search gains anywhere (the
    mojibake the chain search repairs is the exception above: its plan is per line; the
    other fixers act on runs a cut never splits, see :func:`find_cut`), or cut nothing.
    ``placer``: locate the changes, chunk by chunk, in the whole text (``check`` and reports
    show where; :mod:`mojifix.files.longline`); the result's ``decoded`` is the reading.
    """
    cfg = config or Config()
    # The bytes are read as decode() reads them whole: one decision (mojifix.decoding.decode.stream_reading).
    reading = _reading(src, cfg.encoding, hold, read_bytes)

    def chunks() -> Iterator[str]:
        return iter_chunks(iter_decoded(src, reading, read_bytes), chunk_chars, lookback)

    # ``hold`` bounds what is decided on the whole text: the reading above, and the file's kind
    # and its encoding declaration below (its first ``hold`` characters; hold >= the file's size:
    # every decision is the whole-text one, see streamable.has_long_line).
    first = _first_pass(chunks(), max(hold, HOLD_BYTES))
    # The file's kind is decided once, on the whole text (the first HOLD_BYTES characters of a
    # bigger one), as run_fixers decides it for a whole text; every chunk is given that kind
    # (a chunk that starts with "{" or holds a fence is no data or Markdown file of its own).
    kind = cfg.file_kind or kind_from_content(first.head)
    run_cfg = cfg if cfg.file_kind else cfg.replace(file_kind=kind, file_kind_from="content")
    if kind in _SPANNED_KINDS and first.whole:
        if whole_or_refuse:
            raise CutRefused()
        chunk_chars = max(chunk_chars, len(first.head) + 1)
    if first.markup:
        run_cfg = run_cfg.replace(unescape_html=False)
    want_glosses = (first.paren or first.amp) and cfg.remove_glosses
    want_chains = cfg.fix_mojibake and not first.ascii_only
    decisions: dict[str, bool] = {}
    sums: dict[str, dict[str, float]] = {}
    if want_glosses or want_chains:
        decisions, sums = _page_evidence(chunks, run_cfg, want_glosses, want_chains, first.zero_width,
                                         whole_or_refuse)
    if whole_or_refuse and any(sums.get("chain-gain", {}).values()):
        raise CutRefused()
    decided = reading.decoded
    keep_bom = bool(decided.bom) and cfg.keep_bom
    result = StreamResult(decided.encoding, decided.confidence, None if keep_bom else decided.bom,
                          decoded=decided)
    if keep_bom:  # as repair_bytes: the BOM is kept, as the UTF-8 one
        out.write(codecs.BOM_UTF8)
    # A text that declares a legacy encoding (<meta charset>, XML, coding cookie) is written as
    # UTF-8 with its declaration rewritten, as repair_bytes does: that needs the repaired text
    # whole, so such a file small enough to hold is held (a bigger one keeps its declaration).
    held: list[str] | None = [] if first.whole and _declares_legacy(first.head) else None
    if held is None:  # the head is needed no more: not held beside the chunks
        first = first._replace(head="")
    with forcing(decisions, sums):
        for chunk, piece in marked_pieces(chunks()):
            with as_piece(piece):
                fixed, findings, changes = run_fixers(chunk, run_cfg, locate=placer is not None)
            if placer is not None:  # chunk places made whole-text places, the changes kept
                findings = placer.place(chunk, findings, changes)
            result.chunks += 1
            if fixed != chunk:
                result.changed = True
            result.add(findings)  # notes of what was left (file-kind, restore) too, as whole
            if held is not None:
                held.append(fixed)
            else:
                out.write(fixed.encode("utf-8", errors="surrogateescape"))
    if held is not None:
        text = _declare_utf8(first.head, "".join(held), decided, keep_bom, result)
        out.write(text.encode("utf-8", errors="surrogateescape"))
    return result


def _reading(src: BinaryIO, encoding: str | None, hold: int, read_bytes: int) -> Reading:
    """:func:`stream_reading` with ``hold``; but asked to hold more than ``HOLD_BYTES`` (the
    whole file's decisions, see ``streamable.has_long_line``), the scan of every byte is tried first:
    when it finds strict UTF-8 with non-ASCII characters and no BOM, decode() on all the bytes
    answers the same (its BOM, NUL, ISO-2022 and HZ steps need a BOM, NULs or ASCII-only data,
    and its next step is strict UTF-8), and the file is not held whole to be decoded twice
    (bytes, text and the text again: 4x the file)."""
    if hold > HOLD_BYTES and encoding is None:
        reading = stream_reading(src, None, block=read_bytes)
        d = reading.decoded
        if (d.encoding == "utf-8" and d.confidence == 1.0 and d.bom is None and reading.errors == "strict"
                and not reading.tolerant_end and not reading.skip and reading.text is None):
            return reading
    return stream_reading(src, encoding, hold=hold, block=read_bytes)


def _declares_legacy(text: str) -> bool:
    from ..decoding.declared import find, is_utf8

    return ("coding" in text or "charset" in text or "fenc" in text) and any(not is_utf8(d.label) for d in find(text))


def _declare_utf8(original: str, fixed: str, decided: Decoded, keep_bom: bool, result: StreamResult) -> str:
    """``fixed`` with its encoding declarations rewritten to UTF-8 when repair_bytes would
    rewrite them (the file is rewritten, and not as ASCII)."""
    from ..api import _declare_utf8 as declare

    rewrites = fixed != original or (decided.bom and not keep_bom) or decided.encoding not in ("utf-8", "ascii")
    if rewrites and not fixed.isascii():
        fixed, _, found = declare(original, fixed, [])
        if found:
            result.changed = True
            result.add(found)
    return fixed


def fix_file(
    path: str, output: str | None, config: Config | None = None, *, chunk_chars: int = CHUNK_CHARS,
    hold: int = HOLD_BYTES, whole_or_refuse: bool = False, data: bytes | None = None,
) -> StreamResult:
    """Stream ``path`` (``-`` for stdin, spooled to a temporary file) to ``output`` (a path,
    written atomically through a temporary file in its folder, or ``None``/``-`` for stdout).
    ``hold``: the size up to which the file's decisions are made on all of it (see
    :func:`repair_stream`); ``whole_or_refuse``: see there; ``data``: the input, read already."""
    import io
    import sys

    spool = None
    try:
        if data is not None:
            src: BinaryIO = io.BytesIO(data)  # (a view of the bytes, not a copy)
        elif path == "-":
            spool = tempfile.TemporaryFile()
            shutil.copyfileobj(sys.stdin.buffer, spool, READ_BYTES)
            src = spool
        else:
            try:
                src = open(path, "rb")
            except OSError as exc:
                raise MojifixError(f"cannot read: {exc.strerror or exc}", "check the path", path) from None
        try:
            if output in (None, "-"):
                return repair_stream(src, sys.stdout.buffer, config, chunk_chars=chunk_chars, hold=hold,
                                     whole_or_refuse=whole_or_refuse)
            return _to_file(src, output, config, chunk_chars, hold, whole_or_refuse)
        except MojifixError as exc:
            raise exc if exc.path else exc.with_path("<stdin>" if path == "-" else path) from None
        finally:
            src.close()
    finally:
        if spool is not None:
            spool.close()


def _to_file(src: BinaryIO, output: str, config: Config | None, chunk_chars: int,
             hold: int = HOLD_BYTES, whole_or_refuse: bool = False) -> StreamResult:
    from .fileio import open_output

    expect = None
    with contextlib.suppress(OSError, AttributeError):  # -o naming the input itself: in place
        if os.path.samefile(src.name, output):  # type: ignore[arg-type]
            expect = os.fstat(src.fileno())
    with open_output(output, expect=expect) as out:
        result = repair_stream(src, out, config, chunk_chars=chunk_chars, hold=hold,  # type: ignore[arg-type]
                               whole_or_refuse=whole_or_refuse)
        out.commit()
    return result
