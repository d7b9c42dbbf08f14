"""Lost bytes brought back: UTF-8 read as a CJK page with ``errors="replace"`` (issue 18).

Why a module of its own: :func:`mojifix.fixers.chains.undo` decides *whether* a line is UTF-8
read as GBK, Big5, Shift_JIS or EUC-KR; this module answers one narrower question for it,
*which bytes* each U+FFFD of such a line stood for, and it needs its own machinery (a search
over byte values, a character-frequency prior) that the chain search has no other use for.

What CPython does (checked on the shared corpus for all four codecs, and by construction of
its multibyte decoders): each U+FFFD stands for exactly ONE byte, the byte at which the decoder
stood at a character boundary and could not start a character: a byte that is no character
alone and is no lead byte of a valid pair with the byte after it (or ends the input). The
decoder then goes on at the next byte. So:

* the surviving bytes are the line's pieces between U+FFFD encoded back with the wrong codec
  (exact: these codecs' decodings round-trip), with one unknown byte per U+FFFD;
* an unknown byte ``x`` followed by ``y`` must be *refused* by the codec (:func:`_refusals`):
  for GBK, whose pairs cover nearly every lead and trail, that leaves very few values;
* the whole must be valid UTF-8: a lost byte inside a character is a continuation byte
  (80-BF), a lost byte that starts one is a lead byte whose length the continuation bytes
  after it tell;
* among the readings left, the most frequent characters win
  (:mod:`mojifix.scoring.charfreq`), chosen for the whole line at once (Viterbi over
  characters: a lost byte's value also decides whether the byte after it was refused), which
  is the same as a part of the line at a time between the known bytes that start a character
  in every reading (:func:`_segments` says why); a character whose bytes all survived is
  read as itself.

Do no harm: a character is brought back only when its reading is clearly the best given its
neighbours (:data:`MARGIN`: at least ten times as likely as the runner-up of the same bytes, and
as the best reading of the line that cuts those bytes into characters of other lengths:
:func:`_other_spans`), and when no other reading of the same bytes is a character the model
cannot rank against it (:func:`mojifix.scoring.charfreq.rank_untrusted`: a kana, a common
hanzi, kanji or hangul). Among those the prior is a guess, not data: measured on whole
documents (bench/quality.py's "wrong" column), it put 心 for 必, 语 for 误, 言 for 設 and 히 for
있 at ten to a thousand times the odds, the same margins its right choices had, so no margin
separates them; the standards' tiers (common beats rare) and the scripts do. Otherwise it
stays U+FFFD and is counted as lost. A line that is no UTF-8 however its lost bytes are chosen (a
genuine U+FFFD in clean text) gets None, and the chain search treats it as before.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import product
from operator import itemgetter

from ..memo import FTFY_LINE_MAX, current
from ..scoring.charfreq import rank_untrusted, script_and_logp
from .lossy import FFFD

# The best reading of a lost character must be this much more likely than the next (log).
MARGIN = math.log(10.0)
# A character with more possible readings than this (two or three of its bytes lost) is left
# lost: the search would be slow and the choice a guess. It is read as one U+FFFD at the price
# of a rare character, so the line's other characters are still recovered around it.
_MAX_READINGS = 4096
_LOST_PRICE = -14.0
_LINE_END = 0x0A  # a line's last lost byte was followed by its line break (or the end)
_LEADS = {2: range(0xC2, 0xE0), 3: range(0xE0, 0xF0), 4: range(0xF0, 0xF5)}
_CONT = range(0x80, 0xC0)


@lru_cache(maxsize=8)
def _refusals(codec: str) -> bytes:
    """A 256 x 256 table: 1 where ``codec``'s decoder, at a character boundary before byte x
    followed by byte y, reports an error at x (and so writes one U+FFFD for it)."""
    table = bytearray(65536)
    for x in range(0x80, 0x100):
        for y in range(256):
            try:
                bytes((x, y)).decode(codec)
            except UnicodeDecodeError as e:
                if e.start == 0:
                    table[x * 256 + y] = 1
    return bytes(table)


def _surviving(parts: list[str], codec: str) -> list[int] | None:
    """The line's bytes, -1 for each lost one; None when a piece does not round-trip."""
    out: list[int] = []
    for i, part in enumerate(parts):
        try:
            data = part.encode(codec)
        except UnicodeEncodeError:
            return None
        if not data.isascii() and data.decode(codec, errors="replace") != part:
            return None
        if i:
            out.append(-1)
        out.extend(data)
    return out


def _prior(raw: list[int]) -> dict[str, float]:
    """The scripts' shares among the characters that survived whole (ASCII letters count a
    little for Latin): what a lost character most likely is."""
    text = bytes(b if b >= 0 else 0xFF for b in raw).decode("utf-8", errors="replace")
    counts: dict[str, float] = {"symbol": 2.0}
    kanji = _KANA.search(text) is not None  # (a Japanese line: charfreq's kanji; a regex: in C)
    for c in text:
        if c == FFFD:
            continue
        if c.isascii():
            if c.isalpha():
                counts["latin"] = counts.get("latin", 0.0) + 0.05
            continue
        script = script_and_logp(c, kanji)[0]
        if script:
            counts[script] = counts.get(script, 0.0) + 1.0
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()}


_KANA = re.compile("[\u3040-\u30ff]")


Reading = tuple[int, tuple[int, ...], str, float]  # (length, bytes, character, log-probability)
Step = tuple[Reading, int, list[tuple[int, float]]]  # (see _search's edges)
# Per script, the best readings of one byte pattern kept (the prior adds one constant per
# script, so the best and the runner-up of the line are among them).
_KEEP = 6
_BEAM = 8  # Viterbi states kept per position


@lru_cache(maxsize=32768)
def _pattern(codec: str, slots: tuple[int, ...], after: int,
                  kanji: bool = False) -> tuple[tuple[tuple[tuple[int, ...], str, str, float], ...], bool]:
    """The characters whose UTF-8 bytes fit ``slots`` (-1: lost) with each lost byte refused by
    ``codec`` before the byte that follows it (``after`` for the last one; -1: also lost, checked
    by the caller): (bytes, character, script, log-probability), best first, :data:`_KEEP` per
    script; one reading of U+FFFD when there are more than :data:`_MAX_READINGS` (keyed on a
    byte pattern, never on text: one table per pattern, the same for every document); and
    whether a character :func:`rank_untrusted` was left out of those kept (its lost bytes may
    suit neighbours the kept ones clash with: then it is a rival the search never saw)."""
    refused = _refusals(codec)
    n = len(slots)
    choices: list[list[int]] = []
    for k, v in enumerate(slots):
        if v >= 0:
            choices.append([v])
            continue
        values = _LEADS[n] if k == 0 else _CONT
        if k == n - 1 and after >= 0:  # the next byte is known: the codec decides now
            choices.append([x for x in values if refused[x * 256 + after]])
        else:
            choices.append(list(values))
    if not all(choices):
        return (), False
    # The character left lost is always a reading (any value the codec refuses is assumed
    # possible for its lost bytes): the best readings kept below may all clash with a lost
    # neighbour, and the line's other characters are still recovered around it.
    lost = ((tuple(c[0] if len(c) == 1 else -1 for c in choices), FFFD, "", _LOST_PRICE),)
    if math.prod(len(c) for c in choices) > _MAX_READINGS:
        return lost, False
    found: dict[str, list[tuple[tuple[int, ...], str, str, float]]] = {}
    for combo in product(*choices):
        if any(slots[k] < 0 and not refused[combo[k] * 256 + combo[k + 1]] for k in range(n - 1)):
            continue
        try:
            ch = bytes(combo).decode("utf-8")
        except UnicodeDecodeError:
            continue
        script, lp = script_and_logp(ch, kanji)
        found.setdefault(script, []).append((combo, ch, script, lp))
    out: list[tuple[tuple[int, ...], str, str, float]] = []
    dropped = False
    for group in found.values():
        group.sort(key=lambda r: -r[3])
        out += group[:_KEEP]
        dropped = dropped or any(rank_untrusted(r[1]) for r in group[_KEEP:])
    # (no lost reading where every byte survived: the character is the bytes' own, and a lost
    # neighbour's own lost reading follows anything, so the line is still read around it)
    return tuple(sorted(out, key=lambda r: -r[3])) + (lost if out and min(slots) < 0 else ()), dropped


Seen = dict[tuple[tuple[int, ...], int], list[Reading]]


def _readings(raw: list[int], i: int, codec: str, shares: dict[str, float], kana: bool,
              seen: Seen) -> list[Reading]:
    """Every UTF-8 character that can start at ``i`` (the best of each script), its lost bytes
    filled in so that the codec refuses each of them where the line's known bytes decide it
    (``shares``: :func:`_shares` of the line's prior; ``kana``: the line holds kana; ``seen``:
    the readings of each byte pattern of this line so far, for this line's ``shares``)."""
    b = raw[i]
    if 0 <= b < 0x80:
        return [(1, (b,), chr(b), 0.0)]
    if b >= 0:
        if not 0xC2 <= b <= 0xF4:
            return []
        lengths = [2 if b < 0xE0 else 3 if b < 0xF0 else 4]
    else:
        lengths = [2, 3, 4]
    size = len(raw)
    out: list[Reading] = []
    other = _OTHER_SHARE
    for n in lengths:
        slots = tuple(raw[i:i + n])
        if len(slots) < n or any(v >= 0 and not 0x80 <= v < 0xC0 for v in slots[1:]):
            continue
        after = -2 if slots[-1] >= 0 else raw[i + n] if i + n < size else _LINE_END
        got = seen.get((slots, after))
        if got is None:
            got = seen[slots, after] = [(n, combo, ch, lp + (shares.get(script, other) if script else 0.0))
                                        for combo, ch, script, lp in _pattern(codec, slots, after, kana)[0]]
        out += got
    return out


_OTHER_SHARE = math.log(0.01)


def _shares(prior: dict[str, float]) -> dict[str, float]:
    """The log of each script's share of ``prior`` (smoothed): what a reading of it adds."""
    return {script: math.log(share + 0.01) for script, share in prior.items()}


def _segments(raw: list[int]) -> list[tuple[int, int, bool]]:
    """``raw`` cut at the bytes every reading starts a character at: a known byte that is no
    continuation byte (ASCII or a lead: no character holds one after its first byte, and the
    carry of a lost byte's value stops at a known one). (start, stop, whether a byte of it is
    lost), in order, covering ``raw``: a part with no lost byte reads one way (or none); known
    parts in a row are one.

    Why: the search and its rivals (:func:`_other_spans`) decompose at such a byte (every
    reading of the line is a reading of each part, and the scores add), so each margin is
    the same asked of the part alone; a line's few lost bytes are searched over the few bytes
    around them instead of the whole line (issue 20: ``recover`` was most of ``fix_text`` on
    a Chinese page read as GBK, at 0.06 MB/s).

    Each lost byte is found in C (``list.index``) and its part is the bytes around it back to
    the byte a character starts at and on to the next: a walk over every byte of the line in
    Python was a fifth of :func:`recover`, on lines with a few lost bytes."""
    out: list[tuple[int, int, bool]] = []
    size = len(raw)
    done = 0  # where the last part cut ends
    at = -1
    for _ in range(raw.count(-1)):
        at = raw.index(-1, at + 1)
        if at < done:
            continue  # (in the part of a lost byte before it)
        start = at
        while start > done and not (raw[start] >= 0 and not 0x80 <= raw[start] < 0xC0):
            start -= 1  # (back to a character's start, or the last part's end: one too)
        stop = at + 1
        while stop < size and not (raw[stop] >= 0 and not 0x80 <= raw[stop] < 0xC0):
            stop += 1
        if start > done:
            out.append((done, start, False))
        out.append((start, stop, True))
        done = stop
    if done < size or not out:
        out.append((done, size, False))
    return out


def _unreadable(raw: list[int], lo: int, hi: int) -> bool:
    """Whether the part ``raw[lo:hi]`` of a line (:func:`_segments`: a known byte that starts a
    character, or the line's start, then continuation bytes, known or lost) is no UTF-8 however
    its lost bytes are chosen, seen from its first two characters' shape: a known first
    character longer than the part, or after it a known continuation byte or one lost byte
    alone, which can start no character (``Vi\ufffdt``: a lost byte between two ASCII
    letters). Where it says so, :func:`_search` finds no reading either; it says nothing of
    the rest (False)."""
    i = lo
    b = raw[i]
    if b >= 0:
        n = 1 if b < 0x80 else 2 if 0xC2 <= b < 0xE0 else 3 if 0xE0 <= b < 0xF0 else \
            4 if 0xF0 <= b <= 0xF4 else 0
        if n == 0 or i + n > hi:
            return True
        i += n
    if i == hi:
        return False
    return raw[i] >= 0 or i + 1 == hi


def recover(parts: list[str], codec: str,
            opened: list[tuple[int, tuple[str, ...]]] | None = None) -> str | None:
    """The UTF-8 text a line read as ``codec`` with ``errors="replace"`` came from, given the
    line split at its U+FFFD (``parts``): each lost byte chosen as the module docstring says,
    U+FFFD where no choice is clear. None when no choice of the lost bytes makes UTF-8.

    >>> line = "注意，比较操作遵从“LC_COLLATE”所指定的规则"
    >>> garbled = line.encode().decode("gbk", errors="replace")
    >>> garbled.count(FFFD), recover(garbled.split(FFFD), "gbk")
    (2, '注意，比较操作遵从“LC_COLLATE”所指定的\ufffd则')

    ``“`` comes back (UTF-8's structure leaves one choice); ``规`` stays lost, because its rivals
    are common hanzi too and the model's order among common characters is no evidence.

    ``opened``, where given, receives each character left U+FFFD that one lost byte among known
    ones leaves to a few readings: (its index in the result, the readings), for
    :mod:`mojifix.fixers.lostcjk` to choose among by the words they make.
    """
    raw = _surviving(parts, codec)
    if raw is None:
        return None
    segments = _segments(raw)
    if any(lost and _unreadable(raw, lo, hi) for lo, hi, lost in segments):
        return None  # (before the prior: many lines tried through a wrong page end here)
    refused = _refusals(codec)
    prior = _prior(raw)
    shares, kana = _shares(prior), "kana" in prior
    seen: Seen = {}  # (the readings of each byte pattern met in this line)
    out: list[str] = []
    length = 0  # characters in ``out``
    left: list[tuple[int, tuple[str, ...]]] = []  # (``opened``'s, given only if the line reads)
    for lo, hi, lost in segments:
        if not lost:
            try:
                piece = bytes(raw[lo:hi]).decode("utf-8")
            except UnicodeDecodeError:
                return None
        else:
            found: list[tuple[int, tuple[str, ...]]] | None = None if opened is None else []
            # (the byte after the part, when there is one: it decides the refusal of a lost
            # byte before it, as it does in the whole line)
            got = _search(raw[lo:hi + 1], hi - lo, codec, refused, shares, kana, found, seen)
            if got is None:
                return None
            piece = got
            if found:
                left.extend((length + k, readings) for k, readings in found)
        out.append(piece)
        length += len(piece)
    if opened is not None:
        opened.extend(left)
    return "".join(out)


# What :func:`recover` left open in a line, compact: (index in the result, its readings as one
# string, a character each).
Opened = tuple[tuple[int, str], ...]
# Notes a document's memo keeps (one a line and page the chain search read back), at most:
# each holds the line, its reading (both alive while the search holds the line anyway) and its
# open characters; :func:`forget` lets them go once lostcjk has read them. Past the cap,
# lostcjk works a line out again (time, not a result).
_KEPT_MAX = 1 << 14


def recover_line(line: str, codec: str) -> str | None:
    """:func:`recover` of ``line`` split at its U+FFFD, noting in the document's memo
    (:mod:`mojifix.memo`) what it left open, for :func:`left_open`: the chain search reads a
    lossy line back here (:func:`mojifix.fixers.undo.undo`), and
    :mod:`mojifix.fixers.lostcjk` asks about the lines it chose (the same search twice was half
    the time of a Chinese page read as GBK, issue 20)."""
    memo = current()
    if memo is None or len(line) > FTFY_LINE_MAX or len(memo.recovered) >= _KEPT_MAX:
        return recover(line.split(FFFD), codec)
    opened: list[tuple[int, tuple[str, ...]]] = []
    out = recover(line.split(FFFD), codec, opened)
    if out is not None:
        memo.recovered[line, codec] = (out, tuple((i, "".join(r)) for i, r in opened))
    return out


def forget() -> None:
    """Drop the document's notes (:func:`recover_line`): read once, by lostcjk; kept past it,
    they held every lossy line and its reading to the document's end."""
    memo = current()
    if memo is not None:
        memo.recovered.clear()


def left_open(line: str, codec: str, result: str) -> Opened:
    """The characters :func:`recover` left open in ``result``, its reading of ``line``: from the
    memo where :func:`recover_line` noted them, else worked out again; none when ``result`` is
    not recover's reading of the line as it stands."""
    memo = current()
    kept = None if memo is None else memo.recovered.get((line, codec))
    if kept is not None:  # (another text than recover's reading: nothing of it is open)
        return kept[1] if kept[0] == result else ()
    opened: list[tuple[int, tuple[str, ...]]] = []
    if recover(line.split(FFFD), codec, opened) != result:
        return ()
    return tuple((i, "".join(r)) for i, r in opened)


def _search(raw: list[int], size: int, codec: str, refused: bytes, shares: dict[str, float],
            kana: bool, opened: list[tuple[int, tuple[str, ...]]] | None, seen: Seen) -> str | None:
    """:func:`recover` on one part of a line (:func:`_segments`): ``raw`` its bytes (``size``),
    then the known byte after it if any; None when no reading of them is UTF-8."""
    lead = raw[0]
    if 0xC2 <= lead <= 0xF4 and size == (2 if lead < 0xE0 else 3 if lead < 0xF0 else 4):
        return _one_character(raw, size, codec, shares, kana, opened, seen)
    # Viterbi over characters. A state is (position, the value of the byte just before it when
    # that byte was lost and this one is lost too: the codec's refusal links the two).
    best: list[dict[int, tuple[float, int, int, Reading | None]]] = [{} for _ in range(size + 1)]
    best[0][-1] = (0.0, -1, -1, None)
    # Every step the search took, by start: (reading, state after, the states before it may
    # follow with their scores, best first). One entry a reading, not one per state before: the
    # best of those is the first, and a state before matters to the backward pass alone.
    edges: list[list[Step]] = [[] for _ in range(size)]
    cache: dict[int, list[Reading]] = {}
    # (whether a character ending before byte e carries its last byte's value into the next:
    # that byte and byte e both lost; asked once a position, not once a reading)
    linked = [False] + [raw[e - 1] < 0 and e < size and raw[e] < 0 for e in range(1, size + 1)]
    for i in range(size):
        if not best[i]:
            continue
        options = cache[i] = _readings(raw, i, codec, shares, kana, seen)
        # The few best states only (a beam): a lost byte's value matters to the next one alone.
        # (A known byte has one state before it: the first.)
        states = [(before, kept[0]) for before, kept in
                  sorted(best[i].items(), key=lambda kv: -kv[1][0])[:_BEAM if raw[i] < 0 else 1]]
        step = edges[i].append
        # (the states a first byte may follow, by its value: readings share few first bytes;
        # a state of no lost byte before, or a lost first byte, follows anything)
        free = all(before < 0 for before, _ in states)
        follow: dict[int, list[tuple[int, float]]] = {}
        for reading in options:
            n, combo, _ch, score = reading
            end = i + n
            # (no byte value is below -1, the mark of a lost one: no carry is either)
            carry = combo[-1] if linked[end] else -1
            first = combo[0]
            if free or first < 0:
                fits = states
            else:
                fits = follow.get(first)  # type: ignore[assignment]
                if fits is None:
                    fits = follow[first] = [st for st in states if st[0] < 0 or refused[st[0] * 256 + first]]
            if not fits:
                continue
            step((reading, carry, fits))
            before, total = fits[0]  # (the best of the states it may follow)
            new = total + score
            here = best[end].get(carry)
            if here is None or new > here[0]:
                best[end][carry] = (new, i, before, reading)
    if not best[size]:
        return None
    path: list[tuple[int, int, Reading]] = []  # (start, carry into it, reading)
    pos, carry = size, max(best[size], key=lambda k: best[size][k][0])
    top = best[size][carry][0]
    while pos > 0:
        _total, start, before, reading = best[pos][carry]
        assert reading is not None
        path.append((start, before, reading))
        pos, carry = start, before
    path.reverse()
    # (the rivals of other cuts, worked out only once a guess has passed the test of its own
    # bytes' rivals: most lost characters of a line never do, and this was half the search)
    spans: tuple[list[dict[int, float]], dict[tuple[int, tuple[int, ...]], float]] | None = None
    out: list[str] = []
    for j, (start, before, (n, combo, ch, score)) in enumerate(path):
        if ch == FFFD or all(raw[k] >= 0 for k in range(start, start + n)):
            out.append(ch)
            continue
        # Two rivals: another character of the same bytes, its neighbours as chosen (the
        # refusal rules of the bytes on each side), and the best reading of the whole line
        # that cuts these bytes into other characters.
        # (the byte after constrains a rival's last byte only when that byte was lost too: a
        # known byte is no refusal; checked on known bytes, every rival of a character ending
        # in a known byte before a lost one was dropped, and 히 stood for 있 unopposed)
        following = path[j + 1][2][1][0] \
            if j + 1 < len(path) and raw[start + n - 1] < 0 and raw[start + n] < 0 else -1
        # (the best rival's score; a reading that could not raise it is not tested)
        rival = -math.inf
        for r in cache[start]:
            if r[3] > rival and _rival(r, n, combo, before, following, refused):
                rival = r[3]
        # An untrusted rival (see the module docstring) blocks the guess unless the rest of the
        # line rules it out: the best whole-line reading through it (its lost neighbours chosen
        # anew: 가 was filled in for 각, the next lost byte chosen to suit 가 alone), its own
        # price left out, must fall MARGIN short of the best line's without the guess's price.
        # A rival the search did not carry through the line (left out of the kept readings, or
        # of the beam) blocks too when the guess's lost bytes border other lost bytes: there
        # the neighbours' values were chosen for the guess alone.
        rest = top - score
        joint = (raw[start] < 0 and start > 0 and raw[start - 1] < 0) or \
            (raw[start + n - 1] < 0 and start + n < size and raw[start + n] < 0)
        after = -2 if raw[start + n - 1] >= 0 else raw[start + n] if start + n < len(raw) else _LINE_END
        # (an untrusted reading of these bytes the kept ones left out: see _pattern)
        dropped = _pattern(codec, tuple(raw[start:start + n]), after, kana)[1]
        clear = score - rival >= MARGIN
        if clear:  # (the rest only for a guess its own bytes' rivals leave standing)
            if spans is None:
                spans = _other_spans(edges, best, size)
            others, through = spans
            clear = top - others[start].get(n, -math.inf) >= MARGIN \
                and not any(r[0] == n and r[1] != combo and rank_untrusted(r[2])
                            and (joint if (start, r[1]) not in through
                                 else rest - (through[start, r[1]] - r[3]) < MARGIN)
                            for r in cache[start]) \
                and not (joint and dropped)
        out.append(ch if clear else FFFD)
        if not clear and opened is not None and not joint and ch != FFFD and not dropped:
            opened.append((len(out) - 1, tuple(dict.fromkeys(
                [ch] + [r[2] for r in cache[start]
                        if r[2] != FFFD and _rival(r, n, combo, before, following, refused)]))))
    return "".join(out)


def _rival(r: Reading, n: int, combo: tuple[int, ...], before: int, following: int,
           refused: bytes) -> bool:
    """Whether ``r`` is a rival of the reading ``combo`` of ``n`` bytes: another character of the
    same bytes that the lost bytes on each side (``before``, ``following``: -1 where known or
    none) allow."""
    return r[0] == n and r[1] != combo \
        and (before < 0 or r[1][0] < 0 or refused[before * 256 + r[1][0]]) \
        and (following < 0 or r[1][-1] < 0 or refused[r[1][-1] * 256 + following])


_SCORE = itemgetter(3)  # (a reading's log-probability)


def _one_character(raw: list[int], size: int, codec: str, shares: dict[str, float], kana: bool,
                   opened: list[tuple[int, tuple[str, ...]]] | None, seen: Seen) -> str | None:
    """:func:`_search` on a part that is one character whose lead byte survived (most parts,
    through GBK and Shift_JIS): the same answer without the search's machinery. Its readings
    are all of one length and each is a whole reading of the part, so the best is the first
    of the highest score (the search's order), no other cut of the bytes exists (no margin to
    keep from one), and an untrusted rival always blocks (the best reading through it is its
    own, ``MARGIN`` short of nothing)."""
    options = _readings(raw, 0, codec, shares, kana, seen)
    if not options:
        return None
    # (max keeps the first of the highest score, as a loop taking only a higher one did; the
    # scores taken out in C)
    _n, combo, ch, score = max(options, key=_SCORE)
    if ch == FFFD:
        return ch
    rivals = [r for r in options if r[1] != combo]
    rival = max(map(_SCORE, rivals), default=-math.inf)
    if score - rival >= MARGIN and not any(rank_untrusted(r[2]) for r in rivals):
        return ch
    if opened is not None:
        after = -2 if raw[size - 1] >= 0 else raw[size] if size < len(raw) else _LINE_END
        if not _pattern(codec, tuple(raw[:size]), after, kana)[1]:
            opened.append((0, tuple(dict.fromkeys([ch] + [r[2] for r in rivals if r[2] != FFFD]))))
    return FFFD


def _other_spans(edges: list[list[Step]],
                 best: list[dict[int, tuple[float, int, int, Reading | None]]],
                 size: int) -> tuple[list[dict[int, float]], dict[tuple[int, tuple[int, ...]], float]]:
    """For each byte where a character may start and each length n, the score of the best
    whole-line reading that does NOT read a character of n bytes from there (max-marginals: a
    forward and a backward pass over the steps the search kept); and the score of the best
    whole-line reading through each (start, bytes) step.

    Why: a lost byte can also be read as part of a character of another length (a kana's three
    bytes as a Latin letter's two, the rest lost), and comparing readings of one length only let
    'ȧ' and '…' in for kana through Big5. Every reading of the line reads some character over
    the byte where one starts, so the best reading that cuts the bytes otherwise is the best
    through any step of another start or length covering that byte."""
    back: list[dict[int, float]] = [{} for _ in range(size + 1)]
    back[size] = {state: 0.0 for state in best[size]}
    spans: list[dict[int, float]] = [{} for _ in range(size)]  # start -> {n: best through it}
    through: dict[tuple[int, tuple[int, ...]], float] = {}
    none = -math.inf
    for i in range(size - 1, -1, -1):
        if not edges[i]:
            continue
        here, span = back[i], spans[i]
        for (n, combo, _ch, score), carry, fits in edges[i]:
            rest = back[i + n].get(carry)
            if rest is None:
                continue
            ahead = score + rest
            for before, _ in fits:
                if ahead > here.get(before, none):
                    here[before] = ahead
            # (the best state it may follow: the best line through it; summed in the order the
            # forward pass sums, so that equal readings stay equal)
            total = fits[0][1] + score + rest
            if total > span.get(n, none):
                span[n] = total
            if total > through.get((i, combo), none):
                through[i, combo] = total
    covering: list[list[tuple[int, int, float]]] = [[] for _ in range(size)]
    for i, found in enumerate(spans):
        for n, total in found.items():
            for k in range(i, i + n):
                covering[k].append((i, n, total))
    return [{n: max((t for j, m, t in covering[k] if (j, m) != (k, n)), default=-math.inf)
             for n in spans[k]} for k in range(size)], through
