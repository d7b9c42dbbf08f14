"""Bytes that vanished: UTF-8 read as a CJK page with ``errors="ignore"`` (issue 18).

Why a module of its own: :mod:`mojifix.fixers.lostbytes` works on the U+FFFD an
``errors="replace"`` decode leaves, one per lost byte; with ``errors="ignore"`` the refused
bytes leave no mark at all, and the one question here is *where* bytes vanished, found from the
shape of what survived. No chain can undo such a line (its bytes are no UTF-8), so without this
module a document that lost bytes was called clean.

What survives (CPython's multibyte decoders, as :mod:`mojifix.fixers.lostbytes` describes): at a
character boundary the decoder refuses a byte that is no character alone and no lead of a valid
pair with the byte after it, drops it and goes on at the next byte. So the text encoded back
with the page is the UTF-8 bytes less the refused ones, and read as UTF-8 it breaks only where
bytes vanished: each break (a maximal run of bytes that are no UTF-8) is a character cut short
or missing its lead. A break is *explained* (:func:`mojifix.fixers.breakfill.fillable`) when
one or two bytes put back at the garbled text's character boundaries (where the decoder stood)
make it whole UTF-8, each put-back byte refused by the page before the byte that follows it
(the page's refusal rules bound what can vanish: through GBK only 80, or a continuation byte
before ASCII punctuation).

**The document decides first** (:func:`shown`, issue 20): the per-line search below (plausibility
costs, fillings) is run only for a page through which the document's flagged lines, written
back with that page, are at least half (:data:`_SHOWN`) UTF-8 letters by their non-ASCII
bytes (a three-byte kana, CJK or Hangul, a two-byte Greek, Cyrillic, Hebrew or Arabic letter).
UTF-8 that lost bytes through a page keeps most of its bytes whole (the documents reported
here: 0.87 and more), while clean text of any script written back with a page makes a UTF-8
letter only by chance (the corpus: at most 0.40 on a document's flagged lines, Ukrainian
through GBK; clean CJK at most 0.30). One encode, one ``bytes.translate`` and two
``bytes.count`` a page (C speed), where the search cost clean CJK text half its speed.
What it gives up: a loss so heavy that less than half of what is left is whole UTF-8 (Japanese
through Big5 or EUC-KR, 0.05 to 0.27): no page is searched and no line read back; where the
chain fixer finds nothing else, the same survey's count of UTF-8 byte pairs in the page's
characters tells the whole document's loss (:func:`soup`). Reused from nothing else on purpose:
the document screen (engine/docscreen.py) runs only on Latin-accented texts and never on CJK.

Clean text seldom looks like this: clean CJK text encoded with its page is mostly no UTF-8, and
its breaks are seldom explained (a lead byte ``x`` put back before a continuation byte is, in
GBK, Big5 and EUC-KR, almost always a valid pair with it: not refused, so it could not have
vanished). Each line that reads badly as it is (plausibility cost 1 or more, and 0.3 a non-ASCII
character: a line that reads as text is never called lossy) and whose reading keeps what
:data:`mojifix.fixers.lossy.LOSSY_LINE` asks (four common CJK or Greek, Cyrillic, Hebrew, Arabic
letters: what the document screen looks for, so it never clears a text reported here) is judged
on its own first (:func:`_verdict`): at least half of
its first breaks explained, and the line read with one filling of each costs at most half of
what it costs garbled; then the document (:func:`find`): a page is named when at least half of
the lines it may explain are. Each explained break is at least one character lost; the finding
says "at least N". A loss that leaves no break (nothing non-ASCII survived, or only whole
characters vanished) leaves no trace to find: bench/quality.py skips such documents. The lost
bytes are not put back: with ``errors="ignore"`` even their number per break is not known, and
a wrong character is worse than a missed one. But each line explained through the page named
is read back (:func:`read_back`): its surviving bytes as UTF-8, each break one U+FFFD, where it
was mojibake from end to end. What that can get wrong: where a character's last bytes and the
next one's first vanished, the bytes left may make a whole wrong character (``缺省值`` through
Shift_JIS reads back as ``缺眼�``): bench/quality.py counts these ("wrong put in": 25 in 64
documents through Shift_JIS, against 86,000 mojibake characters before).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from ..model import Finding, describe_chain, encoding_name
from ..scoring.plausibility import cost
from .breakfill import explain, explain_every, hopeful
from .lossy import LOSSY_KIND, LOSSY_LINE, LOSSY_PAGES, LOST_RUNS, UTF8_CLASS, may_read

# A maximal run of bytes that are no UTF-8 (read with surrogateescape: one lone surrogate each).
BREAK = re.compile("[\udc80-\udcff]+")
# The document's share of breaks that must be explained, and how much better (cost) its
# surviving characters must read than the garbled text.
_EXPLAINED = 0.5
_BETTER = 0.5
_NON_ASCII = re.compile("[^\x00-\x7f]")
# Breaks of a line looked at (the first): enough to count a loss, bounded work per line.
_FIRST = 8
# A line that costs less than this (scoring.plausibility) reads as text: never called lossy.
_LINE_COST = 1.0
_PER_CHAR = 0.3


def _read(body: str, codec: str) -> tuple[bytes, str] | None:
    """(the line's bytes through ``codec``, read as UTF-8 with surrogateescape), or None when
    the page cannot write the line exactly."""
    try:
        data = body.encode(codec)
    except UnicodeEncodeError:
        return None
    if data.decode(codec, errors="replace") != body:
        return None
    return data, data.decode("utf-8", errors="surrogateescape")


_Read = tuple[bytes, str, list[re.Match[str]]]


def _breaks(body: str, codec: str) -> _Read | None:
    """(the line's bytes through ``codec``, their UTF-8 reading, its first :data:`_FIRST`
    breaks), or None when the page cannot write the line exactly or it reads as whole UTF-8."""
    got = _read(body, codec)
    if got is None:
        return None
    data, reading = got
    breaks = []
    for m in BREAK.finditer(reading):
        breaks.append(m)
        if len(breaks) == _FIRST:
            break
    return (data, reading, breaks) if breaks else None


def _verdict(body: str, garbled: float, codec: str, got: _Read,
             every: bool = False) -> tuple[int, float] | None:
    """(breaks explained, cost of the line read with them filled) when the line itself looks
    like bytes dropped through ``codec``: at least :data:`_EXPLAINED` of its first breaks
    explained, and that reading costs at most :data:`_BETTER` of the line's ``garbled`` cost
    (a line, not only the document: a clean CJK line, whose breaks are seldom explained, is
    then refused at once, and the per-line screen asks the same question). ``every``: None
    unless every break is explained (:func:`explain_every`), as a short line must be."""
    data, reading, breaks = got
    fills: Sequence[str | None] | None = explain_every(body, codec, data, reading, breaks) \
        if every else explain(body, codec, data, reading, breaks)
    if fills is None:  # (``every``: a break is not explained)
        return None
    explained = sum(f is not None for f in fills)
    if not explained or explained < _EXPLAINED * len(fills):
        return None
    pieces, last = [], 0
    for m, filled in zip(breaks, fills, strict=True):
        pieces += [reading[last:m.start()], filled or ""]
        last = m.end()
    kept = cost("".join(pieces) + BREAK.sub("", reading[last:]))
    return (explained, kept) if kept <= _BETTER * garbled else None


def _reads(line: str, pages: Iterable[str]) -> dict[str, _Read]:
    """The pages (of ``pages``) through which ``line`` has a break that
    :func:`mojifix.fixers.breakfill.fillable` may explain: the per-line break search starts here
    (only on pages :func:`shown` names)."""
    if line.isascii() or "\ufffd" in line:
        return {}
    out = {}
    for codec in pages:
        got = _breaks(line, codec)
        # (a cheap gate first: UTF-8 that lost bytes keeps whole characters between its breaks,
        # four common CJK or Greek, Cyrillic, Hebrew, Arabic letters at least: lossy.LOSSY_LINE,
        # the very line the document screen looks for, so that it never clears such a text)
        if got is not None and LOSSY_LINE.search(got[1]) is not None \
                and any(hopeful(m) for m in got[2]):
            out[codec] = got
    return out


def _reads_badly(line: str, garbled: float) -> bool:
    """Whether a line whose plausibility cost is ``garbled`` reads too badly to be text: at
    least :data:`_LINE_COST`, and :data:`_PER_CHAR` per non-ASCII character (the corpus: 9 in
    10 clean lines with an explainable break cost under 0.2 a character, 19 in 20 lines that
    lost bytes 0.33 or more; the search is then spared on clean text)."""
    return garbled >= max(_LINE_COST, _PER_CHAR * len(_NON_ASCII.findall(line)))


def find(lines: Mapping[int, str], pages: Sequence[str]) -> dict[int, tuple[str, tuple[str, ...], str]]:
    """The lines read back ({offset: (line, chain, reading)}) when ``lines`` ({offset: line} of
    the document's non-ASCII lines no chain repaired) are UTF-8 read as one of ``pages`` (what
    :func:`shown` names for the document) with bytes dropped (see the module docstring); {}
    otherwise. The page whose breaks are best explained is named.

    Only lines that read badly as they are count (plausibility cost :data:`_LINE_COST` or
    more: a line that reads as text is left alone), and a page is named only when at least half
    of the lines it may explain are explained (:func:`_verdict`).

    The lines explained through the named page are read back: their bytes through the page read
    as UTF-8, each break one U+FFFD (:func:`read_back`). The chain fixer repairs them as it
    repairs its own lines, and the loss is reported as theirs (``lossy.unrecovered`` counts the
    U+FFFD: each is at least one character lost; ``check`` exits 1 on it)."""
    if not pages:
        return {}  # (the document gate: no line is searched)
    explained = dict.fromkeys(pages, 0)
    asked = dict.fromkeys(pages, 0)
    back: dict[str, dict[int, tuple[str, tuple[str, ...], str]]] = {codec: {} for codec in pages}
    for pos, body in lines.items():
        reads = _reads(body, pages)
        if not reads or not _reads_badly(body, garbled := cost(body)):
            continue
        for codec, got in reads.items():
            asked[codec] += 1
            verdict = _verdict(body, garbled, codec, got)
            if verdict is not None:
                explained[codec] += verdict[0]
                back[codec][pos] = (body, ("utf-8", codec), read_back(got[1]))
    named = [(explained[codec], codec) for codec in pages
             if explained[codec] and len(back[codec]) >= _EXPLAINED * asked[codec]]
    return short_lines(lines, back[max(named)[1]]) if named else {}


def short_lines(lines: Mapping[int, str], chosen: dict[int, tuple[str, tuple[str, ...], str]]
                ) -> dict[int, tuple[str, tuple[str, ...], str]]:
    """``chosen`` (lines read back through one page, which the document named) and the short
    lines of ``lines`` the same page explains, read back too.

    The document decides the short lines: a heading of two or three characters (``譖ｸ蠑``
    is ``書式``) holds too few letters for the line gate of :func:`_reads` (and of
    ``lossy.lossy_utf8``), but once the document names the page, a line whose own breaks the
    page explains (:func:`_verdict`) and that reads badly as it is is read back too."""
    if not chosen:
        return chosen
    chain = next(iter(chosen.values()))[1]
    for pos, body in lines.items():
        if pos in chosen or body.isascii() or "\ufffd" in body:
            continue
        got = _breaks(body, chain[-1])
        # (every break must be explained: one that cannot be, or the first that is not, ends
        # the line's test)
        if got is None or not all(hopeful(m) for m in got[2]) \
                or not _reads_badly(body, garbled := cost(body)):
            continue
        verdict = _verdict(body, garbled, chain[-1], got, every=True)
        if verdict is None or verdict[0] < len(got[2]) or verdict[1] > 0:
            continue  # (alone, a short line must be explained whole and read as clean text)
        chosen[pos] = (body, chain, read_back(got[1]))
    return chosen


def read_back(reading: str) -> str:
    """A line's UTF-8 reading (surrogateescape, :func:`_read`) with each break one U+FFFD.

    Why repair at all when the lost bytes cannot be put back: the line as it came is mojibake
    from end to end (every character wrong), its reading is the original but for the gaps, and a
    U+FFFD tells the reader where characters are gone (the whole-document CER of such pages,
    bench/quality.py's ignore rows, falls from 50-100% to about 10%). Why one U+FFFD per break
    and no filling: with ``errors="ignore"`` neither the bytes nor their number are known (a
    break is at least one character), and a wrong character is worse than a marked gap. Only
    lines :func:`_verdict` explains are read back: a clean line is never one."""
    return BREAK.sub("\ufffd", reading)


def may_hold(line: str, pages: Sequence[str]) -> bool:
    """Whether ``line`` could count in :func:`find` with the same ``pages`` (the chain fixer's
    per-line screen; ``pages`` from :func:`shown` on the document, once)."""
    if not pages:
        return False
    reads = _reads(line, pages)
    if not reads or not _reads_badly(line, garbled := cost(line)):
        return False
    return any(_verdict(line, garbled, codec, got) is not None for codec, got in reads.items())


# The document gate (:func:`shown`): each byte of the document through a page mapped to its
# UTF-8 class by one ``bytes.translate`` (:data:`mojifix.fixers.lossy.UTF8_CLASS`: "T" a lead of
# three bytes E3-ED, "D" a lead of two bytes CE-D3 or D7-D9, "c" a continuation byte);
# ``bytes.count`` then counts "Tcc" and "Dc".
# The share of a page's non-ASCII bytes that must read as those letters (the corpus: clean
# CJK, Cyrillic, Greek text at most 0.23 through any page; documents the search reports 0.87
# and more, but one Japanese page through EUC-KR at 0.24, given up).
_SHOWN = 0.5
# What these pages make of UTF-8's bytes is mostly hanzi, kana (half-width through Shift_JIS),
# Hangul: a text holding no character from U+3000 up (German, Russian, Greek) was read through
# none of them, and one regex scan (no encode) says so.
PAGE_LETTER = re.compile("[\u3000-\uffff]")


# UTF8_CLASS with byte 0A kept as itself (not "a", ASCII's class), so that the classes of a
# block split into its lines' (no count changes: neither is "T", "D" or "c").
_LINE_CLASS = UTF8_CLASS[:0x0A] + b"\n" + UTF8_CLASS[0x0B:]


def shown(lines: Iterable[str]) -> tuple[str, ...]:
    """The pages through which the document (its flagged ``lines``) reads mostly as UTF-8
    letters: the only pages the per-line break search (:func:`may_hold`, :func:`find`) is run
    for, so a clean document, through which no page shows that, pays for no search at all.

    Why the document and not the line: UTF-8 read through a CJK page with bytes dropped keeps
    most of its bytes whole UTF-8 (each break costs a character or two of a run of whole ones),
    while clean CJK text written back with its page is mostly no UTF-8 at all (its bytes make a
    UTF-8 letter only by chance, a few in a hundred). One question per page over the whole
    document, at C speed (encode, ``bytes.translate``, two ``bytes.count``), answers what
    the per-line search, with its plausibility costs and fillings, was asked line by line:
    clean CJK text paid twice the chain screen for it. Characters the page cannot write are
    left out (they neither count nor block), so a clean paragraph of another script does not
    hide the damaged ones (it dilutes the share only by its letters). Its cost (the corpus,
    30 documents a language): 2-3% of ``fix_text`` on clean zh_CN and Korean, 4-8% on
    zh_TW and Japanese, where the four encodes of the flagged lines are most of it; a regex
    scan only on text with no character a CJK page writes (:data:`PAGE_LETTER`).

    ``lines`` is read twice: a re-iterable view (the chain search's ``Flagged.values()``, each
    line sliced when reached) is read as it is; listed, its lines were a copy of most of the
    document, held through the count (issue 20: 0.6x a French file read whole, at the peak of
    the chain search's check of its reading)."""
    return pages_of(lines).pages


class Shown(NamedTuple):
    """What :func:`pages_of` found: the pages :func:`shown` names, and a byte per line (in the
    order given: one byte, not a set of numbers, on a big file's many lines) that is 1 where
    the line's bytes through some page of ``LOSSY_PAGES`` may hold lost bytes
    (``lossy.may_read``); None when the pages were not read (no line holds a character a CJK
    page writes, :data:`PAGE_LETTER`). ``soup``: the two-byte pages through which the lines
    read as UTF-8 that lost most of its characters (:func:`soup`), each with its share of
    pairs, the highest first."""

    pages: tuple[str, ...]
    lost: bytes | None
    soup: tuple[tuple[str, float], ...] = ()


def pages_of(lines: Iterable[str]) -> Shown:
    """:func:`shown`, and the lines lost bytes may be read back on, in the same pass.

    Why both at once: the chain screen asks each CJK line whether ``lossy.lossy_read`` reads
    lost bytes back through any of four pages (``chains.may_apply``), and that test's first
    steps on the bytes alone (four "Tcc", then ``lossy.may_read``'s counts of the reading) are
    asked here of the very bytes (a line the page writes whole has the bytes of its strict
    encode; one it cannot write has no lost bytes read back through it at all, whatever these
    bytes hold). Counted on the document's blocks it costs little but for the lines that hold
    four: a per-line encode through four pages was a fifth of ``fix_text`` on clean Japanese,
    and a third of its lines hold four "Tcc" through GBK or Shift_JIS (issue 20)."""
    if iter(lines) is lines:  # (a one-shot iterator: read twice below)
        lines = list(lines)
    if not any(not b.isascii() and PAGE_LETTER.search(b) for b in _blocks(lines)):
        return Shown((), None)
    letters = dict.fromkeys(LOSSY_PAGES, 0)  # bytes of whole UTF-8 letters, per page
    high = dict.fromkeys(LOSSY_PAGES, 0)  # non-ASCII bytes, per page
    pairs = dict.fromkeys(_SOUP_PAGES, 0)  # a UTF-8 lead byte before a continuation byte ("Tc")
    conts = 0  # continuation bytes ("c") through _HALF_PAGE
    chars = 0  # non-ASCII characters
    lost = bytearray()
    for block in _blocks(lines):  # (no letter spans a newline: counts add up across blocks)
        ascii_bytes = len(block.encode("ascii", errors="ignore"))  # (the same through every page)
        chars += len(block) - ascii_bytes
        marks = bytearray(block.count("\n") + 1)  # (the block's lines)
        for codec in LOSSY_PAGES:
            data = block.encode(codec, errors="ignore")
            got = len(data) - ascii_bytes
            high[codec] += got
            classes = data.translate(_LINE_CLASS)
            # (pairs only where the block's leads could make enough of them: a one-byte count
            # first, 3x cheaper; a block left out adds none, so a document is only told less)
            if codec in pairs and 2 * classes.count(b"T") >= _SOUP * got:
                pairs[codec] += classes.count(b"Tc")
            elif codec == _HALF_PAGE:
                conts += classes.count(b"c")
            runs = classes.count(b"Tcc")
            letters[codec] += 3 * runs + 2 * classes.count(b"Dc")
            if runs >= LOST_RUNS:  # (each line's classes: the block's split at its newlines)
                held = block.split("\n")
                for i, part in enumerate(classes.split(b"\n")):
                    if not marks[i] and part.count(b"Tcc") >= LOST_RUNS and _may_read(held[i], codec):
                        marks[i] = 1
        lost += marks
    soup = sorted(((2 * n / high[c], c) for c, n in pairs.items() if n >= _SOUP_PAIRS
                   and 2 * n >= _SOUP * high[c] and high[c] >= 2 * _WRITTEN * chars), reverse=True)
    if conts >= _CONT_MOST * high[_HALF_PAGE] > 0:  # (rare: the half-width count only then)
        halves = sum(len(_HALF_CONT.findall(b)) for b in _blocks(lines))
        if halves >= _SOUP_PAIRS and halves >= _HALVES * chars \
                and high[_HALF_PAGE] >= _WRITTEN * (2 * chars - halves):
            soup.append((halves / chars, _HALF_PAGE))
    return Shown(tuple(c for c in LOSSY_PAGES if high[c] > 0 and letters[c] >= _SHOWN * high[c]),
                 bytes(lost), tuple((c, share) for share, c in soup))


def _may_read(line: str, codec: str) -> bool:
    """``lossy.may_read`` on ``line``'s strict encode (False where ``codec`` cannot write it:
    the lost bytes of a line are read back through a page that writes it whole, and the bytes
    of the block leave its other characters out, which may make four "Tcc" of a line the page
    cannot write: a Japanese line through EUC-KR, a third of those counted on the corpus)."""
    try:
        return may_read(line.encode(codec))
    except UnicodeEncodeError:
        return False


# The soup (:func:`soup`): UTF-8 so broken by a two-byte page that the page's characters are made
# of what is left of UTF-8's characters, a continuation byte and the next one's lead (Japanese
# through Big5: ``[81 E3][82 E3]`` of ``E3 81 xx E3 82 xx``). The pages: two bytes to every
# non-ASCII character (the share is of characters); not GBK, through which Japanese keeps 0.86
# of its bytes whole letters and is read back, while each page costs clean CJK text a count
# (0.2% of fix_text, a count of the leads first; 0.8% without it). The share of the page's
# characters that pair a lead E3-ED with a continuation byte, within a character or across two
# ("Tc" in :data:`UTF8_CLASS`); the fewest pairs; the share of the lines' non-ASCII characters
# the page must write (it wrote them all, when it made them). The corpus (flagged lines): clean
# documents of every language at most 0.24 (Ukrainian through EUC-KR; Chinese, Japanese and
# Korean at most 0.11 through Big5, 0.21 through EUC-KR; any 1 to 10 lines of a document, 8
# pairs or more, at most 0.38: Russian, which :data:`_ALPHABETS` leaves out), the 42 documents
# bench/quality.py called clean 0.66 and more (Japanese through Big5 and EUC-KR).
_SOUP_PAGES = ("big5", "euc-kr")
_SOUP = 0.5
# The halves: Korean UTF-8 (leads EA-ED) read through Shift_JIS, whose pairs end at EA A4 (JIS X
# 0208's last row), so most leads are refused and dropped, and the continuation bytes left
# read as kanji made of two of them (81-9F, then 80-BF) or alone as half-width katakana: a
# byte A1-BF is one of ``｡`` to ``ｿ`` (:data:`_HALF_CONT`). No pair of bytes is left to count:
# what tells it is that the page's bytes are nearly all continuation bytes (:data:`_CONT_MOST`,
# only a gate: clean text the page writes reaches 0.83, the Korean 0.90) and that those
# half-width katakana are a fifth of the characters or more (:data:`_HALVES`): on the corpus
# (every language, 1,038 documents) clean text at most 0.005, the Korean documents through
# Shift_JIS with bytes dropped 0.34 and more. Real half-width Japanese writes ``ﾀ`` to ``ﾟ`` (bytes
# C0-DF) as much, which these counts leave out and UTF-8 Korean has no byte of.
_HALF_PAGE = "shift_jis"
_HALF_CONT = re.compile("[\uff61-\uff7f]")
_CONT_MOST = 0.85
_HALVES = 0.2
_SOUP_PAIRS = 8
_WRITTEN = 0.9
# Letters below U+2000 (Latin, Greek, Cyrillic, Hebrew, Arabic): none is made of UTF-8 CJK's bytes
# by these pages, and a Russian word can hold as many pairs (``тысяча`` through EUC-KR: 4 of 6).
_ALPHABETS = re.compile("[\x80-\u1fff]")
_ALPHABETS_MOST = 0.1


def soup(lines: Iterable[tuple[int, str]], survey: Shown, rest: bool = False) -> list[Finding]:
    """A lossy finding (unfixed: ``check`` exits 1) when the document's flagged ``lines``
    (``(offset, line)``; ``survey``: :func:`pages_of` of them) are UTF-8 read through Big5 or
    EUC-KR with so many bytes dropped that no line can be read back; [] otherwise.

    Why: :func:`shown` names a page when at least half of what survives is whole UTF-8 letters,
    and reads lines back from them. Japanese through Big5 or EUC-KR keeps far less (0.05 to 0.27
    of its bytes: a kana's lead E3 and second byte 81-83 are refused, its third byte pairs with
    the next kana's lead), and reads as rare hanzi or Hangul and Hanja that no fixer told of:
    bench/quality.py called 42 such documents clean. What is left is a pair of UTF-8 bytes in
    most of the page's characters (:data:`_SOUP`), which clean text of any script shows in at
    most a quarter, counted in the page survey the chain screen makes anyway (a
    ``bytes.count`` or two a page). The text is left as it is: there is too little left of each line
    to read back (a U+FFFD for nearly every character), and no line is told as repaired.

    The count is at least one character a break (a run of bytes that are no UTF-8, written
    back with the page: each is a character cut or missing at least), as :func:`find` counts.
    ``rest``: the chain fixer read a few other lines back (``lines`` are those it left)."""
    if not survey.soup:
        return []
    lines = list(lines)
    held = sum(len(body) - len(body.encode("ascii", errors="ignore")) for _, body in lines)
    if sum(len(_ALPHABETS.findall(body)) for _, body in lines) > _ALPHABETS_MOST * held:
        return []
    page, share = survey.soup[0]
    lost, first, example = 0, None, ""
    for at, body in lines:
        got = _read(body, page)
        breaks = 0 if got is None else len(BREAK.findall(got[1]))
        if breaks:
            lost += breaks
            if first is None:
                first, example = at, f"{body[:40]!r}"
    if not lost:
        return []
    chain = ("utf-8", page)
    return [Finding(
        LOSSY_KIND, f"{describe_chain('mojibake', chain)} with bytes dropped: at least {lost} "
        f"character{'s' * (lost != 1)} cannot be recovered; {'the rest ' * rest}left as it is",
        count=lost, confidence=0.8, chain=chain, fixed=False, lost=lost, offset=first,
        evidence=(example, f"written back with {encoding_name(page)}, {share:.0%} of its characters "
                  + ("are a UTF-8 continuation byte read alone as half-width katakana (clean text: "
                     "under 1%)" if page == _HALF_PAGE else
                     "pair a UTF-8 lead byte with a continuation byte (clean text: under 30%)")))]


# Characters :func:`shown` encodes at a time: the flagged lines of a big clean CJK file, joined
# and encoded through four pages at once, held about 50 MB more on a 20 MB file (issue 20's
# memory bench); a block at a time the counts are the same and the extra memory is bounded
# (64 Ki characters: a block of 1 Mi still cost a 3 MB file 0.8x its size, tests/test_memory_held.py).
_BLOCK = 1 << 16


def _blocks(lines: Iterable[str]) -> Iterator[str]:
    """``lines`` joined by newlines, about :data:`_BLOCK` characters at a time (whole lines)."""
    held: list[str] = []
    size = 0
    for line in lines:
        held.append(line)
        size += len(line) + 1
        if size >= _BLOCK:
            yield "\n".join(held)
            held, size = [], 0
    if held:
        yield "\n".join(held)
