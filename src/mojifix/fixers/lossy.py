"""Lossy chains told: UTF-8 read as a CJK page that lost bytes on the way (issue 18).

Why a module of its own: :func:`mojifix.fixers.chains.undo` decides *whether* a line is UTF-8
read as GBK, Big5, Shift_JIS or EUC-KR; this module holds what the chain search and the screens
ask about lost bytes before and after that: junk runs no repair brings back (``锟斤拷``), the
lines that may hold lost bytes (:data:`LOSSY_LINE`, :func:`may_read`), their reading with the
lost bytes marked (:func:`lossy_utf8`, :func:`lossy_read`) and the findings that count what
stays lost (:func:`unrecovered`, :func:`lossy_lines`). *Which* bytes each U+FFFD stood for is
:mod:`mojifix.fixers.lostbytes`' question.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from ..kinds import FindingKind
from ..model import Finding, describe_chain, lost_summary
from ..scoring import atomic
from ..scoring.plausibility import cost
from .lossyclean import keep_clean

FFFD = "\ufffd"

# Runs no repair brings back: U+FFFD U+FFFD stored as UTF-8 and read as GBK (锟斤拷), and
# uninitialised memory (0xCC, 0xCD) read as GBK (烫烫烫, 屯屯屯).
UNDECODABLE_RUNS = ("锟斤拷", "烫烫烫", "屯屯屯")
_UNDECODABLE = re.compile("|".join(UNDECODABLE_RUNS))


def garbage(text: str) -> list[Finding]:
    """The finding for :data:`UNDECODABLE_RUNS` in ``text`` (none: an empty list)."""
    junk = _UNDECODABLE.findall(text)
    if not junk:
        return []
    first = _UNDECODABLE.search(text)
    c = Counter(junk)
    return [Finding(
        "mojibake-lost",
        f"unrecoverable garbage: {', '.join(f'{k} x{n}' for k, n in c.items())}",
        count=len(junk), confidence=0.95, chain=("utf-8", "gbk"),
        evidence=("锟斤拷 = U+FFFD U+FFFD stored as UTF-8 and read as GBK; "
                  "烫烫烫 = uninitialised memory (0xCC) read as GBK",), fixed=False,
        offset=first.start() if first else None,
    )]


def fffd_only(line: str) -> bool:
    """Whether ``line`` holds nothing but U+FFFD and ASCII (``'���'``): what any replacing
    decoder leaves of any bad bytes, the same through every page. A lossy chain reads it back
    by merging marks (``'�'``: three lost bytes, one character) and brings no character back,
    so the line is no evidence of the chain: it counts for nothing in the document's gain, and
    it is read back only where the rest of the document proves the chain (a clean file that
    quotes a decoder's ``'���'`` was said to be UTF-8 read as GBK, and the marks merged)."""
    return "\ufffd" in line and line.replace("\ufffd", "").isascii()


_MARK_RUN = re.compile("\ufffd{2,}")


def replaced_runs(text: str, chosen: Mapping[int, object]) -> list[Finding]:
    """The finding for runs of U+FFFD on lines that hold nothing else but ASCII and that no chain
    repaired (``chosen``: line start -> repair), told, not changed (``'���'``).

    Why told: a run is what a replacing decoder leaves of a character whose bytes it could not
    read (each byte one U+FFFD): the characters are gone, so the file is not clean and ``check``
    says so (kinds.UNRECOVERABLE), as it did when such a line was taken for UTF-8 read as a CJK
    page. Why not changed: such a line shows no page (:func:`fffd_only`), and merging its
    marks into one character would be a guess. A lone U+FFFD is left untold: documents about
    Unicode write it."""
    if "\ufffd\ufffd" not in text:
        return []
    runs = marks = 0
    first: int | None = None
    end = -1  # the current line's end; its start in chosen, or holding other characters: no
    told = False
    for m in _MARK_RUN.finditer(text):
        if m.start() > end:  # (a new line: its bounds found once, searched from the last one)
            start = text.rfind("\n", end + 1, m.start()) + 1 or end + 1
            end = text.find("\n", m.end())
            end = len(text) if end < 0 else end
            told = start not in chosen and fffd_only(text[start:end])
        if told:
            runs += 1
            marks += len(m.group())
            first = m.start() if first is None else first
    if not runs:
        return []
    return [Finding(
        "mojibake-lost",
        # (one number, at least 2: a streamed file's chunks add it up, model.summed)
        f"replacement characters left by a decoder, in runs: {marks} U+FFFD; "
        "the bytes were lost before this text (left as they are)",
        count=runs, confidence=0.9,
        evidence=("a run of U+FFFD is a character whose bytes a decoder could not read",),
        fixed=False, offset=first,
    )]


def unrecovered(chosen: Mapping[int, tuple[str, tuple[str, ...], str]],
                lost: Counter[tuple[str, ...]], left: Finding | None = None) -> list[Finding]:
    """A lossy finding for the characters a repair left U+FFFD (bytes lost before mojifix saw
    the text, not brought back by fixers/lostbytes.py): the repaired document is still damaged,
    and ``check`` must say so (kinds.UNRECOVERABLE). ``left``: :func:`lossy_lines`' finding for
    the lost-byte lines left as they are, told in the same one (one loss, one finding)."""
    total = sum(lost.values())
    if not total:
        return [left] if left else []
    first = min(start + cand.index("\ufffd") for start, (_, _, cand) in chosen.items() if "\ufffd" in cand)
    chains = [ch for ch, n in lost.most_common() if n]
    summary = lost_summary(total, left.lost if left else None)
    if left:
        first = first if left.offset is None else min(first, left.offset)
        total += left.lost
    return [Finding(
        FindingKind.MOJIBAKE_LOSSY, f"{describe_chain('mojibake', chains[0])} with bytes lost: {summary}",
        count=total, confidence=0.9, chain=chains[0], fixed=False, lost=total, offset=first,
        evidence=left.evidence if left else (),
    )]


# Common CJK characters (kana, the unified ideographs, Hangul syllables): what a UTF-8 reading
# of lost-byte mojibake is mostly made of.
# (one home: the document screen, engine/docscreen.py, builds its lossy line from these too)
COMMON_CJK_CHARS = "\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3"
COMMON_CJK = re.compile(f"[{COMMON_CJK_CHARS}]")
# The letters of the other scripts whose UTF-8 survives a CJK page in part when its refused
# bytes are dropped (Greek, Cyrillic, Hebrew, Arabic: fixers/vanished.py reports such lines).
# Not accented Latin: clean CJK text through Big5 or GBK reads as many (C3 A4 is "ä").
VANISHED_LETTERS = "\u0370-\u03ff\u0400-\u04ff\u05d0-\u05ea\u0620-\u064a"
# A line holding four of them or of the common CJK (:func:`lossy_utf8`'s least), possessive:
# linear time.
_SEEN = COMMON_CJK_CHARS + VANISHED_LETTERS
LOSSY_LINE = atomic.compile("(?m)^(?:" + atomic.rep(f"[^\\n{_SEEN}]", "*") + f"[{_SEEN}]){{4}}")


# UTF-8 read as GBK, with the bytes GBK could not decode dropped (``errors="ignore"``) or each
# turned into one U+FFFD (``errors="replace"``, long lines whose every piece lost a byte):
# strict codecs refuse the line, so no chain repairs it, yet it is no clean text.
LOSSY_KIND = "mojibake-lossy"
LOSSY_PAGES = ("gbk", "big5", "shift_jis", "euc-kr")  # (errors="ignore" on any CJK page)


_MOSTLY_LOST = 16  # U+FFFD per character kept, at most (see lossy_utf8)


# UTF-8's byte classes, mapped by one ``bytes.translate`` (then ``bytes.count`` counts letters):
# "a" ASCII, "T" a lead of three bytes E3-ED (kana, CJK, Hangul: the three-byte leads of
# :data:`COMMON_CJK`'s blocks), "D" a lead of two bytes CE-D3 or D7-D9 (Greek, Cyrillic, Hebrew,
# Arabic), "c" a continuation byte 80-BF, "." any other byte. :func:`lossy_read` counts "Tcc";
# :func:`mojifix.fixers.vanished.shown` also "Dc" (one table for both: one home).
UTF8_CLASS = bytes.maketrans(bytes(range(256)), bytes(
    ord("a") if b < 0x80 else ord("T") if 0xE3 <= b <= 0xED
    else ord("D") if 0xCE <= b <= 0xD3 or 0xD7 <= b <= 0xD9
    else ord("c") if b < 0xC0 else ord(".") for b in range(256)))


# The fewest "Tcc" (a lead E3-ED and two continuation bytes, :data:`UTF8_CLASS`) a line's bytes
# hold for :func:`lossy_read` to read it back: it needs four common CJK characters.
LOST_RUNS = 4


def lossy_utf8(line: str, wrong: str = "gbk") -> tuple[str, int] | None:
    """(the line's recoverable reading, characters lost) when ``line`` is UTF-8 read as
    ``wrong`` with bytes lost; None otherwise.

    The line is encoded back with ``wrong`` (a U+FFFD becomes byte FF, never part of UTF-8)
    and decoded as UTF-8 with replacement. Clean CJK text encoded this way is no UTF-8 at all
    (nearly every character becomes U+FFFD: a valid three-byte sequence turns up by accident
    about once in thirty characters), so the reading must hold at least four common CJK
    characters, at least one per four U+FFFD (a heavily lossy line loses more than it keeps;
    one per sixteen where the survivors cost nothing and the line 20 or more: Hangul through
    Shift_JIS with ``errors="ignore"``), and cost at most half of the line's: mojibake whose
    lost bytes cost a character each.

    >>> lossy_utf8("鍚嶅墠 apm 銇鍟忋亜鍚堛倧銇涖倠 鏇稿紡")[1]  # 名前 apm ?問い合わせる 書式
    1
    """
    try:
        data = b"\xff".join(part.encode(wrong) for part in line.split("\ufffd"))
    except UnicodeEncodeError:
        return None
    return lossy_read(line, data)


def may_read(data: bytes) -> bool:
    """False only when :func:`lossy_read` reads nothing back from ``data`` whatever the line:
    its tests on the bytes alone, before any cost (the page survey asks it of the lines of a
    whole document at once, ``vanished.pages_of``)."""
    return _counted(data) is not None


def _counted(data: bytes) -> tuple[str, int, int] | None:
    """(the UTF-8 reading of ``data``, U+FFFD marking bytes that are no UTF-8, their number,
    the common CJK characters it holds) when the counts let it be lost bytes; else None."""
    # Each common CJK character of the reading is a lead E3-ED and two continuation bytes of
    # ``data``: fewer than four such triples, and the reading has fewer than four (the answer of
    # clean CJK text on most lines, known from one translate and one count instead of a decode
    # with replacement and a regex scan).
    if data.translate(UTF8_CLASS).count(b"Tcc") < LOST_RUNS:
        return None
    out = data.decode("utf-8", errors="replace")
    bad = out.count("\ufffd")
    good = len(COMMON_CJK.findall(out))
    if good < 4 or bad > _MOSTLY_LOST * good:
        return None
    return out, bad, good


def lossy_read(line: str, data: bytes) -> tuple[str, int] | None:
    """:func:`lossy_utf8` for ``data``, the line already encoded back with the wrong page (the
    chain screen shares one strict encode per line and page with its layer search: issue 20)."""
    read = _counted(data)
    if read is None or read[0] == line:
        return None
    out, bad, good = read
    # (the reading's cost scored only up to half the line's: past it the line is refused, and
    # cost() stops there, every term it adds being >= 0; below it the value is exact, as the
    # test after this one needs. Clean Japanese through GBK: its readings cost 20-90, the line 0.)
    base = cost(line)
    kept = cost(out.replace("\ufffd", ""), 0.5 * base)
    if kept > 0.5 * base:
        return None
    # A line that lost most of its bytes (errors="ignore" through Shift_JIS: Hangul keeps one
    # character in eight) counts only when what survived reads as flawless text and the line
    # itself as heavy garbage: no clean line of the corpus costs 20 (the worst: 8), and the
    # few valid characters clean CJK text gives through a wrong page cost far above it.
    if bad > 4 * good and not (base >= 20 and kept <= 0.1 * base):
        return None
    return out, bad


def clean_kept(line: str, page: str, out: str) -> str:
    """``out``, :func:`lossy_utf8`'s reading of ``line`` through ``page``, with the line's clean
    words kept (:mod:`mojifix.fixers.lossyclean`). Asked where the reading is written, after
    every decision was made on the reading itself (the same decisions as before, and the same
    for a line and the pieces a stream cuts it into)."""
    data = b"\xff".join(part.encode(page) for part in line.split(FFFD))
    return keep_clean(line, data, page, out, COMMON_CJK)


def lossy_lines(flagged: Mapping[int, str], repaired: set[int]
                ) -> tuple[Finding | None, dict[int, tuple[str, tuple[str, ...], str]]]:
    """For the lines no chain could repair because bytes were lost: (the finding for those
    left as they are, the lines read back: {offset: (line, chain, its UTF-8 reading through
    the page, U+FFFD where bytes are gone: :func:`lossy_utf8`)}).

    Why read back: the line as it came is mojibake from end to end, its reading the original
    but for marked gaps (fixers/vanished.py's ``read_back`` says more); the chain fixer repairs
    it and :func:`unrecovered` counts its U+FFFD. Only through the document's page (the first
    one named) and only a line that kept at least as many characters as it lost: a reading
    mostly U+FFFD (Hangul through Shift_JIS) is noise, and its few whole characters are as often
    a lost byte's neighbours put together wrong. The others are left as they are (half a line
    repaired may read worse than the damage) and the finding counts them."""
    lost = lines = 0
    example = ""
    first: int | None = None
    chain = ("utf-8", "gbk")
    back: dict[int, tuple[str, tuple[str, ...], str]] = {}
    for pos, body in flagged.items():
        if pos in repaired or body.isascii():
            continue
        page, found = next(((w, r) for w in LOSSY_PAGES if (r := lossy_utf8(body, w))), ("", None))
        if found is None:
            continue
        page_chain = ("utf-8", page)
        if (not back or page_chain == next(iter(back.values()))[1]) \
                and found[0].count("\ufffd") <= len(COMMON_CJK.findall(found[0])):
            back[pos] = (body, page_chain, clean_kept(body, page, found[0]))
            continue
        chain = chain if lines else page_chain
        lines += 1
        lost += found[1]
        example = example or f"{body[:30]!r} -> {found[0][:30]!r}"
        # where the damage starts: the line's first non-ASCII character
        at = pos + next(i for i, c in enumerate(body) if c > "\x7f")
        first = at if first is None else min(first, at)
    if not lines:
        return None, back
    return Finding(
        LOSSY_KIND,
        f"{describe_chain('mojibake', chain)} with bytes lost: {lost} character{'s' * (lost != 1)} cannot be "
        f"recovered; {lines} line{'s' * (lines != 1)} left as {'they are' if lines > 1 else 'it is'}",
        count=lost, confidence=0.9, chain=chain, evidence=(example,), fixed=False,
        lost=lost, offset=first,
    ), back
