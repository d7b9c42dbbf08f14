"""Is this mostly UTF-8? The counts that say it, and a prefix that says "no" sooner.

Why a module of its own: :func:`mojifix.decoding.decode._mostly_utf8` and the streaming decision
(:func:`mojifix.decoding.decode.stream_reading`) apply one rule (:func:`_mostly_utf8_verdict`) to
the invalid bytes and valid multi-byte characters of a UTF-8 reading; counting them over a whole
legacy file (one ``ignore`` decode and one encode of it) was a twelfth of detection's time on
char-dataset (issue 20), though a legacy file shows it is no UTF-8 in its first kilobytes.
:func:`surely_not_utf8` says so from a prefix and a bound on the rest, and never where the
whole count would say otherwise.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

from ..errors import DecodeError

# Valid multi-byte UTF-8 characters needed per invalid byte before the input counts as UTF-8.
MOSTLY_UTF8_RATIO = 20
MOSTLY_UTF8_MIN_CHARS = 8
_HIGH = bytes(range(0x80, 0x100))
# The prefix surely_not_utf8 decodes.
PREFIX = 4096


def surely_not_utf8(data: bytes, prefix: int = PREFIX) -> bool:
    """Whether :func:`_mostly_utf8_verdict` would say "not UTF-8" (None) on the counts of all of
    ``data``, known from its first ``prefix`` bytes and a bound on the rest, or failing that
    from its first quarter, then its first half, and a bound on the rest. The invalid bytes of
    a head are a lower bound of all of them (a character its end cuts is not counted); its valid multi-byte
    characters plus the places after it where a byte C0-FF is followed by one 80-BF (each
    valid character after it starts so, and a cut one is one more) are an upper bound of all
    of those. The verdict is None exactly when there are fewer than 3 such characters or the
    invalid bytes are more than half as many: if that holds for the bounds it holds for the
    true counts. False means "count it all": the rule may go either way.

    >>> surely_not_utf8("Съешь же ещё этих мягких булок".encode("cp1251") * 200)
    True
    >>> surely_not_utf8("café naïve ".encode() * 500 + bytes([0xE9]))
    False
    """
    dec = codecs.getincrementaldecoder("utf-8")("ignore")
    at = valid = multibyte = 0
    after: list[int] = []  # the lead pairs after each stage's end, counted once (below)
    # The first kilobytes decide most legacy files; a quarter or half of the file the rest of
    # them (EUC-JP text forms a valid UTF-8 character for every three bytes that are not: its
    # first 4 KiB cannot outweigh a bound on the rest, its first quarter mostly can), where all
    # of it was decoded before (issue 20: 80 of char-dataset's 434 legacy files with the bound
    # of continuation and lead bytes, now 2; the mostly-UTF-8 test over its 475 files: 103 -> 57
    # us a file).
    for stage, stop in enumerate((prefix, len(data) // 4, len(data) // 2)):
        if stage and stop <= at:  # (a stage no longer than the head read: nothing new)
            continue
        head = data[at:stop]
        text = dec.decode(head, final=stop >= len(data))
        valid += len(text) if text.isascii() else len(text.encode("utf-8"))
        multibyte += len(text) - len(head.translate(None, _HIGH))
        at = min(stop, len(data))
        pending = len(dec.getstate()[0])
        bad = at - pending - valid
        if not after:
            # A valid character after the head takes two bytes at least: half of the bytes
            # left bound them too, and on a short file that settles it without the pass over
            # the rest that counts lead pairs (198 of char-dataset's 412 legacy files).
            rough = multibyte + (len(data) - at) // 2 + int(pending > 0)
            if rough < 3 or bad * 2 > rough:
                return True
            after = _pairs_after(data, _stage_ends(data, prefix))
        bound = multibyte + after[stage] + int(pending > 0)  # (a cut character)
        if bound < 3 or bad * 2 > bound:
            return True
        if at >= len(data):
            break
    return False


def _stage_ends(data: bytes, prefix: int) -> list[int]:
    """Where each stage of :func:`surely_not_utf8` ends (a stage that reads nothing new: its
    predecessor's end again)."""
    ends: list[int] = []
    for stage, stop in enumerate((prefix, len(data) // 4, len(data) // 2)):
        ends.append(ends[-1] if stage and stop <= ends[-1] else min(stop, len(data)))
    return ends


def _pairs_after(data: bytes, ends: list[int]) -> list[int]:
    """:func:`_lead_pairs` of ``data`` after each of ``ends`` (ascending), in one pass: each
    stage's bound was a pass over the rest of the file, three passes where a file takes all
    three stages (Japanese: 40 of its 100 us; issue 20)."""
    bounds = [*ends, len(data)]
    after = [_lead_pairs(data, bounds[-2])]
    for i in range(len(ends) - 2, -1, -1):
        after.append(after[-1] + _lead_pairs(data, bounds[i], bounds[i + 1]))
    return after[::-1]


def _lead_pairs(data: bytes, start: int = 0, stop: int | None = None) -> int:
    """How many bytes of ``data[start:stop]`` are C0-FF and followed by one 80-BF: read as one
    big integer a block at a time, a byte's bit 6 moved onto its bit 7 tells C0-FF from 80-BF
    (two C-speed shifts, two masks and a popcount: about the time of one ``bytes.translate``
    pass over the same bytes, which counts no pairs; issue 20).

    >>> _lead_pairs(bytes([0xC3, 0xA9, 0xC3, 0x41, 0xE4, 0xB8, 0xAD, 0xFF, 0x80]))
    3
    """
    stop = len(data) if stop is None else min(stop, len(data))
    pairs = 0
    for at in range(start, stop, _HIGH_BLOCK):  # blocks: no copy of a big file
        end = min(at + _HIGH_BLOCK, stop)
        x = int.from_bytes(data[at:end], "little")
        high = x & _TOP_BITS
        leads = high & (x << 1)  # (bit 7 moves into the next byte's bit 0: masked out)
        pairs += (leads & ((high ^ leads) >> 8)).bit_count()
        if end < len(data) and data[end - 1] >= 0xC0 and 0x80 <= data[end] < 0xC0:
            pairs += 1  # the pair across two blocks (or across ``stop``: its lead is before)
    return pairs


_COUNT_BLOCK = 1 << 18
# _lead_pairs' blocks: its mask is held for good (64 KiB, and as fast as bigger blocks).
_HIGH_BLOCK = 1 << 16
_TOP_BITS = int.from_bytes(b"\x80" * _HIGH_BLOCK, "little")  # bit 7 of every byte of a block


def _utf8_counts(data: bytes) -> tuple[int, int, Callable[[], tuple[int, int]]]:
    """For :func:`mojifix.decoding.decode._mostly_utf8`: the bytes that are not UTF-8, the valid multi-byte characters
    and how to find the (offset, value) of the first invalid byte, counted block by block. WHY:
    the whole UTF-8 reading of a legacy file (each invalid byte a character) was built only to be
    counted, 8x the file at its peak (a 20 MB GBK file: 160 MB). The ``ignore`` handler drops
    exactly the bytes ``surrogateescape`` would keep as U+DC80..U+DCFF: the bytes it kept are
    the valid ones, one encode per block (issue 20: half the time of counting surrogates)."""
    dec = codecs.getincrementaldecoder("utf-8")("ignore")
    valid = chars = ascii_bytes = 0
    for start in range(0, len(data) + 1, _COUNT_BLOCK):  # (the last block flushes the decoder)
        block = data[start:start + _COUNT_BLOCK]
        ascii_bytes += len(block.translate(None, _HIGH))
        text = dec.decode(block, final=start + _COUNT_BLOCK > len(data))
        chars += len(text)
        valid += len(text) if text.isascii() else len(text.encode("utf-8"))

    def first() -> tuple[int, int]:  # the strict decoder stops at the first invalid byte
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return exc.start, data[exc.start]
        return 0, 0

    return len(data) - valid, chars - ascii_bytes, first


def _mostly_utf8_verdict(bad: int, multibyte: int, first_bad: Callable[[], tuple[int, int]]) -> float | None:
    """The rule of :func:`mojifix.decoding.decode._mostly_utf8` on its counts (invalid bytes, valid multi-byte
    characters), shared with the streaming decision (:func:`mojifix.decoding.decode.stream_reading`), which counts over
    a file read in blocks: the confidence of reading the bytes as UTF-8, None when they are not,
    or :class:`DecodeError` when too few characters say which. ``first_bad`` gives the (offset,
    value) of the first invalid byte, for that error."""
    if multibyte < MOSTLY_UTF8_MIN_CHARS or bad * MOSTLY_UTF8_RATIO > multibyte:
        if multibyte >= 3 and bad * 2 <= multibyte:
            # Twice as many valid multi-byte UTF-8 characters as invalid bytes: legacy text does
            # not look like that (EUC-KR, the likeliest, forms valid pairs about 1 time in 10;
            # no 32-byte window of the char-dataset corpus trips this rule), but
            # there is too little to keep the bytes as UTF-8 either. Guessing a code page here
            # turns every UTF-8 character into mojibake, so ask.
            offset, value = first_bad()
            raise DecodeError(
                f"mostly UTF-8 but {bad} byte(s) are not (first 0x{value:02X} at byte "
                f"{offset}), too few characters to be sure",
                "pass --encoding NAME with the file's real encoding",
            )
        return None
    return round(1.0 - bad / (bad + multibyte), 3)
