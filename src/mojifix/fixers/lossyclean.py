"""Clean words on a line of lost bytes: a line's own characters that UTF-8 cannot have made stay.

:func:`mojifix.fixers.lossy.lossy_read` reads a line of UTF-8 read through a CJK page back by
encoding it with the page and decoding UTF-8 with replacement: every byte that is no UTF-8
becomes U+FFFD, a lost byte. On a line that holds mojibake beside clean text of the page's
own script (a Chinese label before a garbled value: ``名称: 浣犲ソ涓栫晫``), the clean words'
bytes are no UTF-8 either, and they came back U+FFFD: ``����: 你好世界``. Clean text destroyed,
where ftfy leaves the line as it came.

What tells them apart is the model itself: every character of such a line was decoded by the
page from bytes that stood side by side in the UTF-8 text (with ``errors="ignore"`` the page
dropped the bytes it refused; with ``"replace"`` it wrote U+FFFD for them), so none holds a byte
UTF-8 never uses (C0, C1, F5-FF) or a lead byte followed by anything but a continuation byte.
``名`` is GBK C3 FB, ``项`` CF EE: no mojibake of UTF-8. Such a character is clean, and so are
the characters beside it (up to ASCII, a U+FFFD of the line, or a character whose bytes read
as kana, a hanzi or hangul) whose bytes read back as no such character: ``称`` (B3 C6) after
``名``, ``选`` (D1 A1, ``ѡ``) before ``项``, ``用户`` before ``名称`` (D3 C3 BB A7: ``�»�``). A
run of them is kept as it was. In a word holding such a character, a kana, hanzi or hangul read
back alone is clean text's bytes met by chance (``显示版本``: B1 BE after E6 is ``汾``):
mojibake reads back as runs of them. Most hanzi of GBK rows C0-F7 are such a character (a
trail byte C0-FE after a lead byte), so most clean words hold one (1,552 of the 2,119 commonest
words of two hanzi); ``公司`` (B9 AB CB BE) holds none and stays lost.

Whether the line is lost bytes at all, and read back, is decided on its reading as before
(:func:`mojifix.fixers.lossy.lossy_read`, ``lossy_lines``): only the reading written changes
(:func:`mojifix.fixers.lossy.clean_kept`), so a long line and the pieces a stream cuts it into
get the same decisions. On the bench's lossy lines (every page, both ways of losing bytes) no
character is such a character: their readings are the same.
"""

from __future__ import annotations

import re

FFFD = "\ufffd"

# Bytes UTF-8 never uses: no character decoded from UTF-8's bytes holds one.
NEVER_UTF8 = frozenset((0xC0, 0xC1, *range(0xF5, 0x100)))


def _never_utf8(data: bytes) -> bool:
    """Whether ``data``, one character's bytes in a page, cannot be bytes that stood side by
    side in UTF-8: a byte UTF-8 never uses, or a lead byte followed by anything but a
    continuation byte it takes (``项`` is GBK CF EE: CF starts a character of two bytes, EE is
    no continuation). A page decodes a character from bytes that followed each other in what it
    read, whether it dropped the bytes it refused or marked them."""
    for k, b in enumerate(data):
        if b in NEVER_UTF8:
            return True
        if b >= 0xC2 and k + 1 < len(data):
            lo, hi = _NEXT.get(b, (0x80, 0xBF))
            if not lo <= data[k + 1] <= hi:
                return True
    return False


# The continuation bytes the leads that narrow them take first (the others: 80-BF).
_NEXT = {0xE0: (0xA0, 0xBF), 0xED: (0x80, 0x9F), 0xF0: (0x90, 0xBF), 0xF4: (0x80, 0x8F)}
# A well-formed UTF-8 sequence (what Python's decoder takes whole; every other byte is an error).
_SEQUENCE = re.compile(
    rb"[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
# What :func:`_never_utf8` needs somewhere in a line's bytes (FF stands for a U+FFFD of the line).
_MAY_ANCHOR = re.compile(rb"[\xc0\xc1\xf5-\xfe]|[\xc2-\xf4](?![\x80-\xbf\xff])|\xe0[\x80-\x9f]|\xed[\xa0-\xbf]"
                         rb"|\xf0[\x80-\x8f]|\xf4[\x90-\xbf]")


def keep_clean(line: str, whole: bytes, page: str, out: str, cjk: re.Pattern[str]) -> str:
    """``out``, :func:`mojifix.fixers.lossy.lossy_read`'s reading of ``line`` through
    ``page`` (``whole``: the line's bytes in it, a U+FFFD as FF), with the runs of clean
    characters of the module docstring put back. ``cjk``: a kana, hanzi or hangul
    (``lossy.COMMON_CJK``, given: lossy imports this module)."""
    if _MAY_ANCHOR.search(whole) is None:
        return out  # (no such character can be there: most lines of lost bytes, at C speed)
    spans: list[tuple[int, int]] = []  # each character's bytes (a U+FFFD of the line: one)
    data = bytearray()
    try:
        for ch in line:
            start = len(data)
            data += b"\xff" if ch == FFFD else ch.encode(page)
            spans.append((start, len(data)))
    except UnicodeEncodeError:  # (a page that writes one character as two: Big5-HKSCS' Ê̄)
        return out
    # Each byte: -1 where it is no UTF-8, 1 where it belongs to a kana, hanzi or hangul read
    # back, 0 otherwise; and the reading's kana, hanzi and hangul with their byte spans.
    role = [-1] * len(data)
    found: list[tuple[int, int]] = []
    pos = 0
    size = len(data)
    while pos < size:
        m = _SEQUENCE.match(data, pos)
        if m is None:
            pos += 1
            continue
        if cjk.match(m.group().decode("utf-8")):
            role[pos:m.end()] = [1] * (m.end() - pos)
            found.append((pos, m.end()))
        else:
            role[pos:m.end()] = [0] * (m.end() - pos)
        pos = m.end()
    _demote_strays(line, spans, role, found, data)
    keep = _clean_runs(line, spans, role, data)
    if not keep:
        return out
    # The reading again, piece by piece. No sequence crosses a kept run's edge: past it stands
    # ASCII or a U+FFFD (a sequence of its own, or an error), or a character a kana, hanzi or
    # hangul read back holds bytes of (that sequence would make the run's character one too).
    # The errors between sequences become one U+FFFD per maximal invalid part, as Python's
    # decoder writes them.
    parts: list[str] = []
    done = 0
    for i in sorted(keep):
        lo, hi = spans[i]
        if lo > done:
            parts.append(bytes(data[done:lo]).decode("utf-8", errors="replace"))
        parts.append(line[i])
        done = hi
    parts.append(bytes(data[done:]).decode("utf-8", errors="replace"))
    return "".join(parts)


def _demote_strays(line: str, spans: list[tuple[int, int]], role: list[int], found: list[tuple[int, int]],
                   data: bytearray) -> None:
    """In a word (characters between ASCII and U+FFFD) holding a character UTF-8 cannot have
    made, a kana, hanzi or hangul read back alone (none read back right before or after it)
    is clean text's bytes met by chance (``版本`` is GBK B0 E6 B1 BE, and E6 B1 BE is ``汾``):
    its bytes count as no such character's, in place. Mojibake reads back as runs of them."""
    owner = [0] * len(data)
    for i, (lo, hi) in enumerate(spans):
        owner[lo:hi] = [i] * (hi - lo)
    word = [-1] * len(line)
    anchored: set[int] = set()
    current = -1
    for i, ch in enumerate(line):
        if ch == FFFD or ch.isascii():
            current = -1
            continue
        if current < 0:
            current = i
        word[i] = current
        if current not in anchored and _never_utf8(data[slice(*spans[i])]):
            anchored.add(current)
    if not anchored:
        return
    for k, (lo, hi) in enumerate(found):
        if (k and found[k - 1][1] == lo) or (k + 1 < len(found) and found[k + 1][0] == hi):
            continue  # (one of a run)
        if word[owner[lo]] in anchored and word[owner[hi - 1]] == word[owner[lo]]:
            role[lo:hi] = [0] * (hi - lo)


def _clean_runs(line: str, spans: list[tuple[int, int]], role: list[int], data: bytearray) -> set[int]:
    """The indices of the line's characters to keep: runs of characters (no U+FFFD, no ASCII)
    none of whose bytes belong to a kana, hanzi or hangul read back, that hold one whose bytes
    UTF-8 cannot have (:func:`_never_utf8`)."""
    keep: set[int] = set()
    run: list[int] = []
    anchored = False
    for i, ch in enumerate(line):
        lo, hi = spans[i]
        if ch != FFFD and not ch.isascii() and 1 not in role[lo:hi]:
            run.append(i)
            anchored = anchored or _never_utf8(data[lo:hi])
            continue
        if anchored:
            keep.update(run)
        run, anchored = [], False
    if anchored:
        keep.update(run)
    return keep
