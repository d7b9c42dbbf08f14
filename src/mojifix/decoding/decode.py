"""Bytes to text: byte-order marks, a strict UTF-8 fast path, then our legacy-page detector.

Order matters and each step is cheap when it does not apply:

1. A BOM (UTF-32 before UTF-16, since ``FF FE 00 00`` starts with ``FF FE``) settles the
   encoding; the BOM is stripped and reported.
2. A forced encoding (``--encoding``) is decoded strictly; failure is an error naming the byte.
3. NUL bytes: BOM-less UTF-32 or UTF-16, or binary. ISO-2022-JP/KR escapes and HZ-GB-2312
   ``~{ ~}`` spans (:func:`mojifix.decoding.detect.hz`) in 7-bit input.
4. Strict UTF-8: valid UTF-8 is UTF-8 (the chance that legacy bytes form valid multi-byte UTF-8
   by accident is negligible beyond a few bytes); so is UTF-8 cut inside its last character.
   Mostly-valid UTF-8 (a stray byte in a UTF-8 file) is UTF-8 too, its invalid bytes kept
   as they are (see ``_mostly_utf8``; counted in :mod:`mojifix.decoding.utf8counts`).
5. Otherwise a declared encoding (HTML meta charset, XML declaration, CSS ``@charset``, coding
   cookie) is weighed against detection (:func:`mojifix.decoding.declared.weigh`): it wins unless it
   cannot decode the bytes or its text is clearly less plausible than detection's (detection
   runs only when :mod:`mojifix.decoding.overrule` finds a reading as plausible as the declared).
6. Otherwise :mod:`mojifix.decoding.detect` picks the most plausible legacy encoding.

Input that is no text at all (NUL bytes outside UTF-16/32, many control bytes) is refused with
:class:`~mojifix.errors.BinaryInputError` rather than "repaired"; bytes that look like text but
that nothing decodes plausibly with its subclass :class:`~mojifix.errors.UndecodableInputError`
(the batch commands report that as an error, not a skipped binary).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from ..errors import BinaryInputError, DecodeError, UndecodableInputError
from .bomless import _has_text_structure as _has_text_structure  # (re-exported: tests name it here)
from .bomless import _implausible as _implausible
from .bomless import _utf16_without_bom as _utf16_without_bom
from .cjkpages import decode_damaged, replace_errors, strict_errors
from .strayholes import _CP1252_HOLES, C1_ERRORS, western_with_holes
from .tolerant import CJK_PAGES
from .utf8counts import _HIGH, _mostly_utf8_verdict, _utf8_counts, surely_not_utf8

# Below this confidence a detected legacy encoding is a guess: ``fix -i`` does not write such a
# file back in place without ``--force`` (it is reported instead). 0.25 is a cost margin of
# about one suspicious character over the runner-up (``1 - exp(-1.15 / 4)``): on short Western
# files every wrong reading measured stays below it (none above 0.07 on 416 short manpage
# lines, see mojifix.decoding.commonpage), while a right one is often above (a short Russian line
# scores about 0.3).
LOW_CONFIDENCE = 0.25


def low_confidence(encoding: str | None, confidence: float | None) -> bool:
    """Whether a detected legacy encoding is too weak a guess to rewrite a file in place."""
    if encoding in (None, "utf-8", "ascii") or confidence is None:
        return False
    return confidence < LOW_CONFIDENCE


# Longest first: the UTF-32-LE BOM begins with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control bytes that never occur in text (everything below 0x20 except \t \n \v \f \r and ESC).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))


@dataclass(frozen=True)
class Decoded:
    """Decoded text and what was learnt about its bytes."""

    text: str
    encoding: str
    confidence: float
    bom: str | None = None
    # The encoding the bytes declare (label, where, and whether it was followed), when that
    # declaration was weighed: legacy bytes only (valid UTF-8 is UTF-8 whatever it declares).
    declared: tuple[str, str, bool] | None = None
    # The legacy detector's (encoding, cost) for each reading, best first, when it ran (see
    # mojifix.decoding.detect.Detection.ranking): read-only, for `mojifix detect` to show the runner-up.
    ranking: tuple[tuple[str, float], ...] = ()
    # Valid UTF-8 cut inside its last character: the cut bytes end ``text`` as they came (one
    # character lost, which detect_bytes counts as lossy; writing the text back gives the file).
    cut: bool = False
    # UTF-8 with whole lines in a legacy page (decoding/mixedlines.py): (the page, how many
    # lines, the first of them, 1-based).
    mixed: tuple[str, int, int] | None = None
    # Spans of a CJK page's bytes it cannot decode, marked U+FFFD (decoding/cjkpages.py): a
    # lossy decoding, reported as such.
    replaced: int = 0


def sniff_bom(data: bytes) -> tuple[str | None, int]:
    """Return (encoding, BOM length) for a leading byte-order mark, or (None, 0)."""
    for bom, name in BOMS:
        if data.startswith(bom):
            # FF FE 00 00 could also be UTF-16-LE text starting with U+0000; nobody writes that.
            return name, len(bom)
    return None, 0


def normalize_encoding_name(name: str) -> str:
    """Canonical, human-friendly codec name (``cp1252`` -> ``windows-1252``)."""
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return name
    if canonical == "mbcs":
        return "windows-1252"
    return f"windows-{canonical[2:]}" if canonical in _WINDOWS_PAGES else canonical


# The pages --encoding reads with a few undecodable spans marked (cjkpages.decode_damaged).
_CJK_PAGES = CJK_PAGES
_WINDOWS_PAGES = frozenset(f"cp{n}" for n in range(1250, 1259))  # cp1250 -> windows-1250 ...


def looks_binary(data: bytes) -> bool:
    """NUL or other non-text control bytes in more than a trace amount."""
    if not data:
        return False
    if b"\x00" in data:
        return True
    sample = data[:65536]
    bad = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    return bad > max(2, len(sample) // 100)


def _family(codec: str) -> str:
    name = codecs.lookup(codec).name
    for fam in ("utf-8", "utf-16", "utf-32"):
        if name.startswith(fam):
            return fam
    return name


def codec_named(encoding: str) -> str:
    """The codec's canonical name, or a :class:`DecodeError` with the remedy for an unknown one
    (``--encoding``'s check and :func:`decode` both ask here)."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise DecodeError(
            f"unknown encoding {encoding!r}",
            "use a Python codec name such as gbk, big5, shift_jis, cp1251",
        ) from None


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``data`` to text, detecting the encoding unless one is forced."""
    bom_enc, bom_len = sniff_bom(data)
    if encoding is not None:
        codec = codec_named(encoding)
        body = data
        bom = None
        if bom_enc and _family(bom_enc) == _family(codec):
            body, bom = data[bom_len:], bom_enc
            codec = bom_enc if codec in ("utf-16", "utf-32") else codec
        try:
            text = body.decode(codec, strict_errors(codec))
        except UnicodeDecodeError as exc:
            damaged = decode_damaged(body, codec) if codec in _CJK_PAGES else None
            if damaged is not None:  # the page named, a few bytes it cannot decode (cjkpages)
                return Decoded(damaged[0], normalize_encoding_name(codec), 1.0, bom,
                               replaced=damaged[1])
            raise DecodeError(
                f"not valid {normalize_encoding_name(codec)}: byte {exc.start} "
                f"(0x{body[exc.start]:02x}) cannot be decoded",
                "drop --encoding to detect the encoding, or name the right one",
            ) from None
        except UnicodeError as exc:  # a codec that is no byte page (``undefined``, ``punycode``)
            raise DecodeError(
                f"cannot decode as {normalize_encoding_name(codec)}: {exc}",
                "drop --encoding to detect the encoding, or name a byte encoding such as gbk",
            ) from None
        return Decoded(text, normalize_encoding_name(codec), 1.0, bom)

    if bom_enc:
        try:
            return Decoded(data[bom_len:].decode(bom_enc), bom_enc, 1.0, bom_enc)
        except UnicodeDecodeError:
            pass  # a BOM followed by garbage: fall through to detection

    if b"\x00" in data:
        # NUL bytes: UTF-16 without a BOM, or binary. (ASCII in UTF-16 is valid UTF-8, so this
        # comes before the UTF-8 fast path.)
        utf16 = _utf16_without_bom(data)
        if utf16:
            try:
                return Decoded(data.decode(utf16), utf16, 0.9)
            except UnicodeDecodeError as exc:  # the NUL pattern holds, a later unit does not
                raise DecodeError(
                    f"looks like {utf16.upper()} without a byte-order mark, but bytes "
                    f"{exc.start}-{exc.end - 1} are not valid {utf16.upper()}",
                    "pass --encoding NAME with the file's real encoding",
                ) from None
        raise BinaryInputError(
            "looks like binary data, not text (it contains NUL bytes)",
            "pass --encoding if it really is text in an unusual encoding",
        )

    # (data.isascii() first: it stops at the first non-ASCII byte, where a search for a rare
    # byte pair reads the whole of a legacy file -- issue 20.)
    if data.isascii() and b"\x1b" in data:
        escaped = _iso2022(data)
        if escaped:
            return escaped
    if data.isascii() and b"~{" in data:
        from .detect import hz  # HZ-GB-2312: 7-bit, so before the ASCII/UTF-8 answer

        text = hz(data)
        if text is not None:
            return Decoded(text, "hz", 1.0)

    try:
        return Decoded(data.decode("utf-8"), "ascii" if data.isascii() else "utf-8", 1.0)
    except UnicodeDecodeError as exc:
        if (
            exc.reason == "unexpected end of data"
            and len(data) - exc.start < 4
            and not data[: exc.start].isascii()
        ):
            # Valid UTF-8, with multi-byte characters, cut inside its last character (a
            # truncated file or a prefix). Without an earlier multi-byte character the tail is
            # no evidence of UTF-8 at all (cp1252 "café" ends in a UTF-8 lead byte). The cut
            # bytes are kept as they are (surrogateescape, as a stray byte of mostly-UTF-8 is),
            # so a clean file written out is the file: they were one U+FFFD, which ``fix -o``
            # and stdout wrote while ``check`` and ``fix -i`` called the file clean (a new
            # user's QA).
            return Decoded(data.decode("utf-8", "surrogateescape"), "utf-8", 0.99, cut=True)

    binary = looks_binary(data)
    mixed = None
    if len(data) <= HOLD_BYTES and not binary:  # (a bigger file: decided on counts, without lines;
        from .mixedlines import utf8_with_legacy_lines  # a binary one is no text of two pages)

        mixed = utf8_with_legacy_lines(data)
        if isinstance(mixed, tuple):
            text, page, lines, first, confidence = mixed
            return Decoded(text, "utf-8", confidence, mixed=(normalize_encoding_name(page), lines, first))

    # No multi-byte UTF-8 sequence at all (mixedlines' NO_SEQUENCE, told by its C-speed shape
    # search): the mostly-UTF-8 rule, which needs 3 valid characters, cannot say yes, and its
    # prefix decode is not made (187 of char-dataset's 412 legacy files; issue 20).
    mostly = None if mixed is False else _mostly_utf8(data)
    if mostly is not None:
        return mostly
    if binary:
        raise BinaryInputError(
            "looks like binary data, not text",
            "pass --encoding if it really is text in an unusual encoding",
        )
    decoded = _legacy(data)
    # UTF-8 lines beside lines a single-byte page was chosen for, or a CJK page read as damaged
    # (whose "damage" they may be: a Shift_JIS page with two UTF-8 lines; decoding/mixedlines.py): asked
    # only then (a CJK page chosen reads its accidental UTF-8 pairs as they are, and most legacy
    # files hold none: False), so that detection keeps its speed.
    if len(data) <= HOLD_BYTES and mixed is not False and (decoded.encoding not in _MULTIBYTE_NAMES or decoded.replaced):
        from .mixedlines import refuse_a_glued_reading, refuse_a_page_reading, utf8_evidence

        evidence = utf8_evidence(data)
        refuse_a_page_reading(evidence, data)
        refuse_a_glued_reading(evidence, decoded.text)
    return decoded


# The multi-byte pages' names as decode() gives them.
_MULTIBYTE_NAMES = CJK_PAGES | {"iso2022_jp", "iso2022_kr", "hz"}


def _legacy(data: bytes) -> Decoded:
    """Bytes that are no UTF-8 and no BOM-marked or BOM-less UTF-16/32: a declared encoding
    weighed against detection, or detection alone. (The streaming decision calls it on a
    sample of a file too big to hold.)"""
    from .declared import declared_codec, weigh, where

    declaration = declared_codec(data)  # looked for once: weigh() is handed what was found
    if declaration is not None:
        weighed = weigh(data, declaration)
        if weighed is not None:
            text, codec, confidence, decl = weighed
            return Decoded(text, normalize_encoding_name(codec), confidence,
                           declared=(decl.label, where(decl.kind), True))
        found = _detect_legacy(data)
        decl = declaration[1]
        return Decoded(found.text, found.encoding, found.confidence,
                       declared=(decl.label, where(decl.kind), False), ranking=found.ranking)
    return _detect_legacy(data)


def _iso2022(data: bytes) -> Decoded | None:
    """7-bit ISO-2022-JP/KR: ASCII bytes whose escape sequences switch to a CJK set."""
    for codec in ("iso2022_jp", "iso2022_kr"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not text.isascii():
            return Decoded(text, normalize_encoding_name(codec), 1.0)
    return None


# A byte that is not UTF-8, as Python's surrogateescape keeps it (U+DC80..U+DCFF).
_RAW_BYTE = re.compile("[\udc80-\udcff]")


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bytes that are not (one stray byte pasted in, a download cut short).

    Legacy encodings almost never form valid multi-byte UTF-8 sequences (windows-1252 ``é`` is
    a lone ``E9``; GBK pairs are mostly invalid as UTF-8), so many valid sequences and a few
    invalid bytes mean UTF-8. The invalid bytes are kept as U+DC80..U+DCFF (surrogateescape),
    left alone by every fixer and written back as the very same bytes, so nothing is lost.
    Without this, legacy detection picks a code page and every UTF-8 character becomes
    mojibake.
    """
    if surely_not_utf8(data):  # most legacy files: decided on a prefix (issue 20)
        return None
    bad, multibyte, first = _utf8_counts(data)
    confidence = _mostly_utf8_verdict(bad, multibyte, first)
    if confidence is None:
        return None
    return Decoded(data.decode("utf-8", "surrogateescape"), "utf-8", confidence)


def _detect_legacy(data: bytes) -> Decoded:
    """Pick the most plausible legacy encoding (see :mod:`mojifix.decoding.detect`)."""
    from .cjkpages import damaged_reading, worth_asking
    from .detect import _MULTIBYTE, _STATEFUL, detect
    from .overrule import single_byte

    found = detect(data)
    if found is not None and found.encoding != "windows-1252" and single_byte(found.encoding):
        # (a multi-byte page's lead bytes are these: a Shift_JIS window stays Shift_JIS; Latin-1
        # was the answer where 81 or 90 shut out every Windows Latin page, its quotes C1 controls)
        western = western_with_holes(data)
        if western is not None:
            text, encoding, confidence, ranking = western
            return Decoded(text, encoding, confidence, ranking=ranking)
    if found is None or (found.encoding not in _MULTIBYTE and found.encoding not in _STATEFUL
                         and worth_asking(found.text, found.ranking)):
        # A CJK page that fails on a few bytes only is no candidate of detection's: the bytes
        # without them are asked about (decoding/cjkpages.py)
        damaged = damaged_reading(data)
        if damaged is not None:
            codec, text, confidence, ranking, replaced = damaged
            return Decoded(text, normalize_encoding_name(codec), confidence, ranking=ranking,
                           replaced=replaced)
    if found is None:  # text-like bytes no encoding reads: an error, not a binary (errors.py)
        raise UndecodableInputError(
            "no text encoding decodes this input plausibly",
            "pass --encoding NAME if you know the encoding",
        )
    return Decoded(found.text, normalize_encoding_name(found.encoding), found.confidence,
                   ranking=found.ranking)


# ---------------------------------------------------------------------------------------------
# Streaming (mojifix.files.stream): the same decision for a file read in blocks.
#
# A streamed file is decoded block by block, yet must read exactly as :func:`decode` reads it
# whole. So the decision is decode()'s: a file up to ``HOLD_BYTES`` is handed to decode() whole
# and the stream only finds the codec and error mode that reproduce decode()'s text (checked,
# not assumed); a bigger file is scanned once and decided by decode()'s own steps, in decode()'s
# order, on counts gathered over every byte (BOM, NUL, escapes, UTF-8 validity, the mostly-UTF-8
# counts, a character cut by the end). Only legacy detection cannot see every byte of a big
# file: it runs on a sample (the head, every line holding a non-ASCII byte up to SAMPLE_BYTES,
# the tail), so a later cp1252 or GBK line is in it even after megabytes of ASCII.

HOLD_BYTES = 4 << 20  # a file up to this size is decided by decode() on all of its bytes
SAMPLE_BYTES = 4 << 20  # the sample legacy detection sees of a bigger file
_HEAD = 1 << 16  # what decode() itself looks at of a big input (UTF-16 sniffing, binary test)
_TAIL = 1024  # what the declaration search reads at the end (Vim modelines)


@dataclass(frozen=True)
class Reading:
    """How to turn a file's bytes into text, decided once for the whole file.

    ``decoded`` is the decision as :func:`decode` reports it (its ``text`` left empty); the
    bytes after the first ``skip`` (a BOM) are decoded with ``codec`` and ``errors``; with
    ``tolerant_end`` a character cut by the end of the file is kept as its bytes (UTF-8) or becomes
    U+FFFD (a legacy page), as decode() does.
    ``text`` holds decode()'s text itself when no codec reproduces it (then it is used as is).
    """

    decoded: Decoded
    codec: str
    errors: str = "strict"
    skip: int = 0
    tolerant_end: bool = False
    text: str | None = None
    forced: bool = False  # the user named the codec (--encoding): read as it reads


def iter_decoded(fh: BinaryIO, reading: Reading, block: int = 1 << 18) -> Iterator[str]:
    """The text of ``fh`` as ``reading`` says, decoded incrementally in reads of ``block``
    bytes; a byte the codec cannot decode is a :class:`DecodeError` naming its offset."""
    if reading.text is not None:
        for i in range(0, len(reading.text), block):
            yield reading.text[i:i + block]
        return
    fh.seek(reading.skip)
    yield from _pieces(iter(lambda: fh.read(block), b""), reading, reading.skip)


def _pieces(blocks: Iterable[bytes], reading: Reading, offset: int = 0) -> Iterator[str]:
    from .tolerant import _NOT_ASCII_READINGS

    name = normalize_encoding_name(reading.codec)
    canon = codecs.lookup(reading.codec).name
    errors = strict_errors(canon) if reading.errors == "strict" else reading.errors
    dec = codecs.getincrementaldecoder(reading.codec)(errors)
    odd = _NOT_ASCII_READINGS.get(canon, ())
    for data in blocks:
        try:
            piece = dec.decode(data)
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid {name}: byte {offset + exc.start} cannot be decoded",
                              "name the right encoding with --encoding") from None
        if odd and not reading.forced and any(c in piece for c in odd):
            # A big file read as shift_jis_2004 from a sample: a backslash or tilde past the
            # sample would be read as ``¥``/``‾`` (see tolerant._NOT_ASCII_READINGS), which the
            # whole-file road refuses; here too, before anything of it is written.
            raise DecodeError(f"{name} would read ASCII '\\' or '~' as {odd[0]!r} or {odd[1]!r} "
                              f"after byte {offset}", "name the right encoding with --encoding")
        yield piece
        offset += len(data)
    if reading.tolerant_end:
        state = dec.getstate()
        pending = state[0] if isinstance(state, tuple) and isinstance(state[0], bytes) else b""
        if pending and len(pending) <= 3:
            # as decode() reads a character cut by the end: UTF-8's bytes kept as they are, a
            # legacy page's one U+FFFD (its bytes written into UTF-8 would be no character)
            yield pending.decode("utf-8", "surrogateescape") if name == "utf-8" else "\ufffd"
            return
    try:
        yield dec.decode(b"", final=True)
    except UnicodeDecodeError:
        raise DecodeError(f"not valid {name}: the file ends inside a character",
                          "name the right encoding with --encoding") from None


def reading_for(data: bytes, decoded: Decoded) -> Reading:
    """The :class:`Reading` that reproduces ``decoded`` (decode()'s result on ``data``)."""
    meta = Decoded("", decoded.encoding, decoded.confidence, decoded.bom, decoded.declared, decoded.ranking)
    skip = sniff_bom(data)[1] if decoded.bom else 0
    for errors, tolerant in (("strict", False), ("strict", True), ("surrogateescape", False),
                             (C1_ERRORS, False)):
        reading = Reading(meta, decoded.encoding, errors, skip, tolerant)
        try:
            if "".join(_pieces([data[skip:]], reading)) == decoded.text:
                return reading
        except (DecodeError, LookupError):
            continue
    return Reading(meta, decoded.encoding, text=decoded.text)


@dataclass
class _Facts:
    """What decode() asks of the bytes, counted over a whole file read in blocks."""

    size: int = 0
    high: int = 0  # bytes >= 0x80
    nul: bool = False
    esc: bool = False
    chars: int = 0  # characters of the UTF-8 reading (surrogateescape)
    bad: int = 0  # bytes that are not UTF-8 (before the end)
    bad_at_end: int = 0  # ... and at the end (a character cut by it)
    pending: int = 0  # bytes of an unfinished UTF-8 character at the end
    first_bad: tuple[int, int] = (0, 0)
    sample: bytearray = field(default_factory=bytearray)




def _scan(fh: BinaryIO, block: int) -> _Facts:
    f = _Facts()
    dec = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    partial = b""  # the unfinished last line of the blocks so far, for the sample
    done = 0  # bytes decoded into characters so far
    fh.seek(0)
    for data in iter(lambda: fh.read(block), b""):
        f.size += len(data)
        high = len(data) - len(data.translate(None, _HIGH))
        f.high += high
        f.nul = f.nul or b"\x00" in data
        f.esc = f.esc or b"\x1b" in data
        text = dec.decode(data)
        f.chars += len(text)
        if not text.isascii():
            bad = len(_RAW_BYTE.findall(text))
            if bad and not f.bad:
                m = _RAW_BYTE.search(text)
                # An escaped byte b is the character U+DC00 + b (surrogateescape).
                f.first_bad = (done + len(text[: m.start()].encode("utf-8", "surrogateescape")),  # type: ignore[union-attr]
                               ord(m.group()) - 0xDC00)  # type: ignore[union-attr]
            f.bad += bad
        if len(f.sample) < SAMPLE_BYTES:
            partial = _sample_lines(f.sample, partial + data)
        done = f.size - len(dec.getstate()[0])
    if partial:
        _sample_lines(f.sample, partial + b"\n")
    f.pending = len(dec.getstate()[0])
    tail = dec.decode(b"", final=True)
    f.chars += len(tail)
    f.bad_at_end = len(_RAW_BYTE.findall(tail))
    if f.bad == 0 and f.bad_at_end:
        f.first_bad = (f.size - f.pending, ord(tail[0]) - 0xDC00)
    return f


def _sample_lines(sample: bytearray, data: bytes) -> bytes:
    """Add the complete lines of ``data`` that hold a non-ASCII byte to ``sample`` (up to
    SAMPLE_BYTES); return the unfinished last line (at most 64 KiB of it: a longer line is
    sampled in pieces)."""
    end = data.rfind(b"\n") + 1
    if end == 0 and len(data) > _HEAD:
        end = len(data)
    for line in data[:end].splitlines(keepends=True):
        if not line.isascii():
            sample += line[: SAMPLE_BYTES - len(sample)]
            if len(sample) >= SAMPLE_BYTES:
                break
    return data[end:]


def stream_reading(fh: BinaryIO, encoding: str | None = None, *, hold: int = HOLD_BYTES,
                   block: int = 1 << 18) -> Reading:
    """Decide how to read the seekable file ``fh`` as :func:`decode` would read all of it."""
    size = fh.seek(0, 2)
    fh.seek(0)
    if size <= hold:
        data = fh.read()
        return reading_for(data, decode(data, encoding))
    head = fh.read(_HEAD + 4)
    bom_enc, bom_len = sniff_bom(head)
    if encoding is not None:  # decode()'s own naming of the forced codec and its BOM
        d = decode(head[:bom_len], encoding)
        return Reading(Decoded("", d.encoding, 1.0, d.bom), d.encoding, skip=bom_len if d.bom else 0,
                       forced=True)
    if bom_enc:
        reading = Reading(Decoded("", bom_enc, 1.0, bom_enc), bom_enc, skip=bom_len)
        try:
            for _ in iter_decoded(fh, reading, block):
                pass
            return reading
        except DecodeError:
            pass  # a BOM followed by garbage: on, as decode() goes on to detection
    f = _scan(fh, block)
    if f.nul:
        utf16 = _utf16_without_bom(head[: _HEAD + size % 4])  # decode()'s sample and length parity
        if utf16:
            return Reading(Decoded("", utf16, 0.9), utf16)
        decode(b"\x00\x00")  # raises decode()'s own BinaryInputError for NUL bytes
    if f.esc and not f.high:
        for codec in ("iso2022_jp", "iso2022_kr"):
            reading = Reading(Decoded("", normalize_encoding_name(codec), 1.0), codec)
            try:
                if any(not piece.isascii() for piece in iter_decoded(fh, reading, block)):
                    return reading
            except DecodeError:
                continue
    if not f.bad and not f.bad_at_end:
        name = "utf-8" if f.high else "ascii"
        return Reading(Decoded("", name, 1.0), "utf-8")
    if not f.bad and f.pending and f.high > f.pending:  # valid UTF-8 cut inside its last character
        return Reading(Decoded("", "utf-8", 0.99), "utf-8", tolerant_end=True)
    bad = f.bad + f.bad_at_end
    confidence = _mostly_utf8_verdict(bad, f.chars - (f.size - f.high) - bad, lambda: f.first_bad)
    if confidence is not None:
        return Reading(Decoded("", "utf-8", confidence), "utf-8", "surrogateescape")
    if looks_binary(head[:_HEAD]):
        raise BinaryInputError("looks like binary data, not text",
                               "pass --encoding if it really is text in an unusual encoding")
    if size <= SAMPLE_BYTES:  # detection sees every byte, as decode()'s does
        fh.seek(0)
        witness = fh.read()
    else:
        fh.seek(max(0, size - _TAIL))
        witness = head[: head.rfind(b"\n") + 1] + bytes(f.sample) + b"\n" + fh.read(_TAIL)
    d = _legacy(witness)
    c1 = d.encoding == "windows-1252" and witness.translate(None, _CP1252_HOLES) != witness
    errors = replace_errors(codecs.lookup(d.encoding).name) if d.replaced else C1_ERRORS if c1 else "strict"
    return Reading(Decoded("", d.encoding, d.confidence, None, d.declared, d.ranking,
                           replaced=d.replaced), d.encoding, errors, tolerant_end=True)
