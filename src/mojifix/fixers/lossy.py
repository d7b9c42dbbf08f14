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
* an unknown byte ``x`` followed by ``y`` must be *refused* by the codec (:func:`_refused`):
  for GBK, whose pairs cover nearly every lead and trail, that leaves very few values;
* the whole must be valid UTF-8: a lost byte inside a character is a continuation byte
  (80-BF), a lost byte that starts one is a lead byte whose length the continuation bytes
  after it tell;
* among the readings left, the most frequent characters win
  (:mod:`mojifix.scoring.charfreq`), chosen for the whole line at once (Viterbi over
  characters: a lost byte's value also decides whether the byte after it was refused).

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
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from itertools import product

from ..kinds import FindingKind
from ..model import Finding, describe_chain
from ..scoring import atomic
from ..scoring.charfreq import rank_untrusted, script_and_logp
from ..scoring.plausibility import cost

FFFD = "\ufffd"
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
    kanji = any("\u3040" <= c <= "\u30ff" for c in text)  # (a Japanese line: charfreq's kanji)
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


Reading = tuple[int, tuple[int, ...], str, float]  # (length, bytes, character, log-probability)
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
    return tuple(sorted(out, key=lambda r: -r[3])) + (lost if out else ()), dropped


def _readings(raw: list[int], i: int, codec: str, prior: dict[str, float]) -> list[Reading]:
    """Every UTF-8 character that can start at ``i`` (the best of each script), its lost bytes
    filled in so that the codec refuses each of them where the line's known bytes decide it."""
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
    shares = {script: math.log(share + 0.01) for script, share in prior.items()}
    other = math.log(0.01)
    for n in lengths:
        slots = tuple(raw[i:i + n])
        if len(slots) < n or any(v >= 0 and not 0x80 <= v < 0xC0 for v in slots[1:]):
            continue
        after = -2 if slots[-1] >= 0 else raw[i + n] if i + n < size else _LINE_END
        for combo, ch, script, lp in _pattern(codec, slots, after, "kana" in prior)[0]:
            out.append((n, combo, ch, lp + (shares.get(script, other) if script else 0.0)))
    return out


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
    refused = _refusals(codec)
    prior = _prior(raw)
    size = len(raw)
    # Viterbi over characters. A state is (position, the value of the byte just before it when
    # that byte was lost and this one is lost too: the codec's refusal links the two).
    best: list[dict[int, tuple[float, int, int, Reading | None]]] = [{} for _ in range(size + 1)]
    best[0][-1] = (0.0, -1, -1, None)
    # Every step the search took: (start, state before, reading, state after) by start.
    edges: list[list[tuple[int, Reading, int]]] = [[] for _ in range(size)]
    cache: dict[int, list[Reading]] = {}
    for i in range(size):
        if not best[i]:
            continue
        options = cache[i] = _readings(raw, i, codec, prior)
        # The few best states only (a beam): a lost byte's value matters to the next one alone.
        states = sorted(best[i].items(), key=lambda kv: -kv[1][0])[:_BEAM]
        for reading in options:
            n, combo, _ch, score = reading
            carry = combo[-1] if raw[i + n - 1] < 0 and i + n < size and raw[i + n] < 0 else -1
            carry = max(carry, -1)
            for before, (total, *_rest) in states if raw[i] < 0 else states[:1]:
                if before >= 0 and combo[0] >= 0 and not refused[before * 256 + combo[0]]:
                    continue
                edges[i].append((before, reading, carry))
                new = total + score
                here = best[i + n].get(carry)
                if here is None or new > here[0]:
                    best[i + n][carry] = (new, i, before, reading)
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
    others, through = _other_spans(edges, best, size)
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
        rivals = [r for r in cache[start] if r[0] == n and r[1] != combo
                  and (before < 0 or r[1][0] < 0 or refused[before * 256 + r[1][0]])
                  and (following < 0 or r[1][-1] < 0 or refused[r[1][-1] * 256 + following])]
        rival = max((r[3] for r in rivals), default=-math.inf)
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
        after = -2 if raw[start + n - 1] >= 0 else raw[start + n] if start + n < size else _LINE_END
        clear = score - rival >= MARGIN and top - others[start].get(n, -math.inf) >= MARGIN \
            and not any(r[0] == n and r[1] != combo and rank_untrusted(r[2])
                        and (joint if (start, r[1]) not in through
                             else rest - (through[start, r[1]] - r[3]) < MARGIN)
                        for r in cache[start]) \
            and not (joint and _pattern(codec, tuple(raw[start:start + n]), after, "kana" in prior)[1])
        out.append(ch if clear else FFFD)
        if not clear and opened is not None and not joint and ch != FFFD \
                and not _pattern(codec, tuple(raw[start:start + n]), after, "kana" in prior)[1]:
            opened.append((len(out) - 1, tuple(dict.fromkeys(
                [ch] + [r[2] for r in rivals if r[2] != FFFD]))))
    return "".join(out)


def _other_spans(edges: list[list[tuple[int, Reading, int]]],
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
    for i in range(size - 1, -1, -1):
        here = back[i]
        for before, (n, combo, _ch, score), carry in edges[i]:
            rest = back[i + n].get(carry)
            if rest is None:
                continue
            if score + rest > here.get(before, -math.inf):
                here[before] = score + rest
            total = best[i][before][0] + score + rest
            if total > spans[i].get(n, -math.inf):
                spans[i][n] = total
            if total > through.get((i, combo), -math.inf):
                through[i, combo] = total
    covering: list[list[tuple[int, int, float]]] = [[] for _ in range(size)]
    for i, found in enumerate(spans):
        for n, total in found.items():
            for k in range(i, i + n):
                covering[k].append((i, n, total))
    return [{n: max((t for j, m, t in covering[k] if (j, m) != (k, n)), default=-math.inf)
             for n in spans[k]} for k in range(size)], through


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


def unrecovered(chosen: Mapping[int, tuple[str, tuple[str, ...], str]],
                lost: Counter[tuple[str, ...]], left: Finding | None = None) -> list[Finding]:
    """A lossy finding for the characters a repair left U+FFFD (bytes lost before mojifix saw
    the text, not brought back by fixers/lossy.py): the repaired document is still damaged,
    and ``check`` must say so (kinds.UNRECOVERABLE). ``left``: :func:`lossy_lines`' finding for
    the lost-byte lines left as they are, told in the same one (one loss, one finding)."""
    total = sum(lost.values())
    if not total:
        return [left] if left else []
    first = min(start + cand.index("\ufffd") for start, (_, _, cand) in chosen.items() if "\ufffd" in cand)
    chains = [ch for ch, n in lost.most_common() if n]
    summary = f"{total} character{'s' * (total != 1)} could not be recovered (marked U+FFFD)"
    if left:
        summary = (f"{total + left.lost} characters could not be recovered ({total} marked "
                   f"U+FFFD, {left.lost} on lines left as they are)")
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
            back[pos] = (body, page_chain, found[0])
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
