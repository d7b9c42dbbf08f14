"""Where a single-byte page dropped bytes: UTF-8 read as windows-1252 (or 1250, 1251, 1253,
1254, 1257) with ``errors="ignore"``, the page's undefined bytes left out without a mark.

Why a module of its own: :mod:`mojifix.fixers.lostsingle` chooses back the byte each U+FFFD
stood for; a decoder that *dropped* the bytes left no U+FFFD, and ftfy repairs such a line only
in part (``СпаÑибо`` for ``Спасибо``: ``с`` is D1 81, and the 81 is gone, so ``Ñ`` is a lead
byte with no continuation). This module puts the marks back, so that the line becomes the
replace-mode line lostsingle reads:

* the line's bytes in the page (every character of the line is one byte there, so a byte's
  index is its character's) are read as UTF-8; every undefined byte of these pages is a
  continuation byte (80-BF), so what a drop leaves is a lead byte followed by one continuation
  byte too few, and nothing else: no stray continuation byte, no invalid lead;
* each such sequence is short by exactly one byte (two lost in one character leave too little
  to read), and where the lost byte stood in it (``E3 ?? 93`` or ``E3 93 ??``) is the place
  whose best reading is clearly the most likely (:data:`PLACE_MARGIN`);
* the line proves its UTF-8: at least two letters (multi-byte characters of a script, not
  punctuation) survived whole, half as many as the sequences short at least, and every
  sequence with a byte dropped can be read as a letter of a script the whole ones are of. A
  clean Western line (``é`` before a space is E9 and two continuation bytes short) never
  passes, nor a clean ``Ü`` beside ``â€“`` (its readings are Syriac and punctuation).

The caller asks only about lines ftfy already repaired through that page (mojibake.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import product

from ..memo import current
from ..scoring.charfreq import script_and_logp

FFFD = "\ufffd"
# A lead byte followed by fewer continuation bytes than it announces.
_SHORT = re.compile(b"[\\xc2-\\xdf](?![\\x80-\\xbf])|[\\xe0-\\xef](?![\\x80-\\xbf]{2})"
                    b"|[\\xf0-\\xf4](?![\\x80-\\xbf]{3})")
# ASCII bytes and whole UTF-8 sequences (a lead byte and as many continuation bytes as it says),
# and the characters of such a run past ASCII.
_WHOLE = re.compile(b"(?:[\\x00-\\x7f]|[\\xc2-\\xdf][\\x80-\\xbf]|[\\xe0-\\xef][\\x80-\\xbf]{2}"
                    b"|[\\xf0-\\xf4][\\x80-\\xbf]{3})*")
_PAST_ASCII = re.compile("[^\\x00-\\x7f]")
_RARE = math.log(1e-4)  # a letter read whole counts as proof only above this (not ``ⱸ``, ``ꇂ``)
# The blocks of a script whose letters _common_reading counts (the prior gives a script's other
# letters, Latin Extended-B to D, the Cyrillic Supplement, an ordinary letter's tier).
_CORE = {"latin": re.compile("[\u00c0-\u017f\u1e00-\u1eff]"), "cyrillic": re.compile("[\u0400-\u04ff]")}
_ANY = re.compile(".")
# A letter the prior ranks above this is a common one (_common_reading): a script's ordinary
# letters (``Á``, ``Ł`` at 0.003, ``č`` 0.02), not its extensions (Cyrillic ``Ӂ`` 0.0005).
_COMMON = math.log(0.0025)
PLACE_MARGIN = math.log(10.0)  # the best place's best reading over any other place's, at least


@lru_cache(maxsize=8)
def undefined(page: str) -> frozenset[int]:
    """The bytes ``page`` has no character for."""
    return frozenset(b for b in range(256) if bytes([b]).decode(page, "replace") == FFFD)


def marked(body: str, page: str, strict: bool = True) -> tuple[str, tuple[int, ...]] | None:
    """``body`` (UTF-8 read through ``page`` with its undefined bytes dropped) with a U+FFFD
    where each dropped byte was, and the characters of the reading that stay lost whatever the
    readings of their holes (by index: two bytes dropped in one character, or a byte whose place
    in it is not clear); None where the line is not that (see the module docstring).
    ``strict`` False: any multi-byte character read whole proves UTF-8, punctuation too, and a
    hole read as punctuation fits (what :func:`mojifix.fixers.shapes.dropped_utf8` asks before
    a line is read as a CJK page through windows-1252: the line is then no such page's either).

    >>> marked("ã“ã‚“ã‚“", "windows-1252")  # こんん: the 81 of こ (E3 81 93) was dropped
    ('ã\ufffd“ã‚“ã‚“', ())
    """
    found = marked_open(body, page, strict)
    return None if found is None else found[:2]


def marked_open(body: str, page: str, strict: bool = True, spaced: str = "all"
                ) -> tuple[str, tuple[int, ...], dict[int, tuple[str, ...]]] | None:
    """:func:`marked`, and for each character it names whose one dropped byte has no clear
    place, every character the byte makes at any place (by index, as the names): a word can
    still settle it (Korean ``의`` is EC 9D 98: with its 9D dropped, ``EC ?? 98`` and ``EC 98
    ??`` both read as hangul, ``의`` and ``옝``; fixers/lostsingle.py chooses by the words).
    Kept in the document's memo: a line is asked by its repair, by the document's proof of the
    page and by the context choice. ``spaced``: how a short sequence before a space that reads
    as well with an A0 (a no-break space made a space, ftfy's ``restore_byte_a0``) is taken, in
    a line without an A0 byte of its own: ``"all"``, the line is no such line where every short
    sequence is one; ``"any"``, where one is (a line no ftfy repair vouches for); ``"off"``,
    never (the document's lines of dropped bytes kept their A0 bytes)."""
    memo = current()
    if memo is None:
        return _marked_open(body, page, strict, spaced)
    key = (body, page, strict, spaced)
    if key in memo.marked:
        return memo.marked[key]  # type: ignore[no-any-return]
    got = _marked_open(body, page, strict, spaced)
    if len(memo.marked) < _KEPT_MAX:
        memo.marked[key] = got
    return got


_KEPT_MAX = 1 << 14  # lines a document's memo keeps the answer of, at most


def _marked_open(body: str, page: str, strict: bool, spaced: str = "all"
                 ) -> tuple[str, tuple[int, ...], dict[int, tuple[str, ...]]] | None:
    """:func:`marked_open`, worked out."""
    try:
        data = body.encode(page)
    except UnicodeEncodeError:
        return None
    if _SHORT.search(data) is None:
        return None  # (every line ftfy repaired whole: no sequence short, found at C speed)
    lost = undefined(page)
    size = len(data)
    shorts: list[tuple[int, bytes, int, int]] = []  # (where, the bytes, bytes short, character)
    letters = 0  # short sequences that are a clean accented letter's place (_clean_letter)
    counts: dict[str, float] = {"symbol": 1.0}  # (the prior's share of punctuation)
    survived = 0  # letters read whole (multi-byte characters of a script)
    chars = 0  # characters of the reading so far
    i = 0
    while i < size:
        # (ASCII and whole characters a run at a time: matched and decoded in C, then only the
        # characters past ASCII visited; a walk over every byte in Python was most of the time)
        end = _WHOLE.match(data, i).end()  # type: ignore[union-attr]
        if end > i:
            try:
                run = data[i:end].decode("utf-8")
            except UnicodeDecodeError:
                return None  # (an overlong form, a surrogate: no UTF-8)
            chars += len(run)
            i = end
            for c in _PAST_ASCII.findall(run):
                script, logp = script_and_logp(c)
                if not script:
                    continue  # (a C1 control, a private-use character: no proof, no rival)
                counts[script] = counts.get(script, 0.0) + 1.0
                survived += (script != "symbol" and logp > _RARE) or not strict
            continue
        lead = data[i]  # (no ASCII, and no whole character starts here)
        chars += 1
        if not 0xC2 <= lead <= 0xF4:
            return None
        need = 1 if lead < 0xE0 else 2 if lead < 0xF0 else 3
        j = i + 1
        while j < size and j - i <= need and 0x80 <= data[j] <= 0xBF:
            j += 1
        have = j - i - 1
        if need - have <= 2:
            if j < size and data[j] == 0x3F:
                return None  # (``â€?``: an encoder's "?" for the byte, ftfy's lossy sequence)
            shorts.append((i, data[i:j], need - have, chars - 1))
            letters += not have and _clean_letter(body, data, i, page)
        else:
            return None
        i = j
    # The line proves its UTF-8 by letters read whole, two at least and half as many as the
    # sequences short: punctuation proves nothing (``Über uns â€“ Kontakt``: the ``–`` read
    # whole, ``Ü`` before ``b`` one byte short, and its reading with 81 ``܁`` a symbol, which
    # fitted any line: the clean ``Ü`` became ``�``), nor does one letter in a short piece
    # of a legacy page (GBK's ``有效`` through cp1252, ``ÓÐÐ§``, has a whole ``Ч``).
    if not shorts or not survived or (strict and (survived < 2 or 2 * survived < len(shorts))):
        return None
    if letters == len(shorts) and not any(_common_reading(data[at], page, frozenset(counts))
                                          for at, _, _, _ in shorts):
        return None  # (every short sequence a clean accented letter's place: see _clean_letter)
    total = sum(counts.values())
    shares = {script: math.log(n / total + 0.01) for script, n in counts.items()}
    holes: list[tuple[int, int]] = []  # (where, how many)
    forced: list[int] = []
    choices: dict[int, tuple[str, ...]] = {}
    spaced_short = (short == 1 and at + len(seq) < size and data[at + len(seq)] == 0x20
                    and _spaced(seq, lost, shares) for at, seq, short, _ in shorts)
    if spaced != "off" and 0xA0 not in data and (all if spaced == "all" else any)(spaced_short):
        # (no-break spaces made spaces: ftfy's restore_byte_a0 reads them; but not in a line
        # that kept an A0 byte -- Korean ``고`` is EA B3 A0 -- whose A0s were never made spaces:
        # ``하고자 함`` lost the 90 of ``자`` before a space, and stayed mojibake)
        return None
    placed: dict[bytes, tuple[int, frozenset[str], bool] | None] = {}  # (a line repeats them)
    for at, seq, short, char in shorts:
        if short == 1:
            found = placed[seq] if seq in placed else placed.setdefault(seq, _place(seq, lost, shares))
        else:
            found = _two(seq, lost)
        if found is None or (found[1].isdisjoint(counts.keys() - {"symbol"} if strict else counts) \
                and not (short == 1 and len(seq) == 2 and seq[0] == 0xE2)):
            # (a hole read as punctuation only fits no line: a clean ``Ü`` before a letter reads
            # as Syriac ``܁``; but E2 and one more byte, one short, is a symbol of U+2000-2FFF:
            # ``”`` is E2 80 9D, a box drawing ``┐`` E2 94 90)
            return None
        place, _, clear = found
        holes.append((at + place, short))
        if not clear:
            forced.append(char)
            if short == 1:
                choices[char] = _every_place(seq, lost)
    out, done = [], 0
    for at, short in holes:
        out += (body[done:at], FFFD * short)
        done = at
    out.append(body[done:])
    return "".join(out), tuple(forced), choices


_ASCII_LETTER = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ASCII_CAPITAL = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _clean_letter(body: str, data: bytes, i: int, page: str) -> bool:
    """Whether the lead byte ``data[i]`` (``body[i]``), alone (no continuation byte after it),
    stands where a clean accented letter does: before an ASCII letter, and at a word's start
    (after ASCII that is no letter, or the line's start), after an ASCII capital, or, a small
    letter itself, after an ASCII small letter. Through these pages a lead byte is an accented
    letter (C2-DF capitals ``É Ç Ê``, E0-F4 small ``à ê ï``), and a clean one on a line that
    also holds mojibake (``PARAMÈTRES naÃ¯ve``, ``État``, ``l'en-tête``) was read as a
    character whose other bytes were dropped: U+FFFD where no reading was clear, where ftfy
    keeps the letter. A line whose every short sequence is such a letter, none of which its
    lost bytes would make a common letter of the line's scripts, is no line of dropped bytes
    (:func:`_marked_open`): ftfy's repair stands. Bytes dropped elsewhere leave their lead among mojibake
    (``СпаÑибо``: ``Ñ`` between ``°`` and ``Ð``) or a capital inside a word of small letters
    (Czech ``poÄet``: ``počet`` without its 8D). A lead whose lost bytes make a common letter
    of the line's scripts (:func:`_common_reading`: ``Ã Ä Å``, which may be ``Í č Ł`` that lost
    a byte, ``DÃA``, ``Äas``, ``SKÅADNIA``) stays a hole, so a German ``GERÄT`` is left to it."""
    if i + 1 >= len(data) or data[i + 1] not in _ASCII_LETTER:
        return False
    before = data[i - 1] if i else 0x20
    return before < 0x80 and (before not in _ASCII_LETTER or before in _ASCII_CAPITAL or body[i].islower())


@lru_cache(maxsize=1024)
def _common_reading(lead: int, page: str, scripts: frozenset[str]) -> bool:
    """Whether the lead byte ``lead``, alone, makes with the bytes ``page`` lacks (one for a
    two-byte lead, two for a three-byte one) a common letter (the prior's, above
    :data:`_COMMON`, of the script's core blocks, :data:`_CORE`) of one of ``scripts``: ``Ä`` makes Czech
    ``č`` (C4 8D), ``Ã`` ``Í``, ``Å`` ``Ł``, Japanese ``ã`` ``き`` (E3 81 8D); ``É``, ``Ç``,
    ``ê`` make none in Latin text (``Ɂ``, ``ǁ``, ``ꝁ``), nor ``Ó``, ``Ô`` in Cyrillic (``Ӂ``, ``ԁ``)."""
    need = 1 if lead < 0xE0 else 2
    for tail in product(sorted(undefined(page)), repeat=need):
        try:
            c = bytes((lead, *tail)).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if common_letter(c, scripts):
            return True
    return False


def common_letter(c: str, scripts: frozenset[str]) -> bool:
    """Whether ``c`` is a common letter (the prior's, above :data:`_COMMON`, of the script's core
    blocks, :data:`_CORE`) of one of ``scripts``."""
    script, logp = script_and_logp(c)
    return script in scripts and c.isalpha() and logp > _COMMON and _CORE.get(script, _ANY).match(c) is not None


@lru_cache(maxsize=4096)
def _every_place(seq: bytes, lost: frozenset[int]) -> tuple[str, ...]:
    """The characters ``seq`` (one byte short) makes with a byte of ``lost`` at any place,
    those of a script only (as :func:`_readings`)."""
    return tuple(dict.fromkeys(c for _, c, _, _ in _inserted(seq, lost)))


def _inserted(seq: bytes, lost: frozenset[int]) -> Iterator[tuple[int, str, str, float]]:
    """Each character of a script that ``seq`` makes with a byte of ``lost`` put at a place (an
    index from 1): (the place, the character, its script, its log-probability), by place, then
    by byte."""
    for at in range(1, len(seq) + 1):
        for byte in sorted(lost):
            try:
                c = (seq[:at] + bytes([byte]) + seq[at:]).decode("utf-8")
            except UnicodeDecodeError:
                continue
            script, logp = script_and_logp(c)
            if script:
                yield at, c, script, logp


@lru_cache(maxsize=4096)
def _readings(seq: bytes, lost: frozenset[int]) -> tuple[tuple[int, tuple[tuple[str, float], ...]], ...]:
    """For each place in ``seq`` (a lead byte and its continuation bytes, one short) the dropped
    byte may have stood at (an index from 1): the (script, log-probability) of each character
    a byte of ``lost`` there makes (places that make none left out)."""
    out: dict[int, list[tuple[str, float]]] = {}
    for at, _, script, logp in _inserted(seq, lost):
        out.setdefault(at, []).append((script, logp))
    return tuple((at, tuple(got)) for at, got in out.items())


@lru_cache(maxsize=4096)
def _scripted(seq: bytes, lost: frozenset[int]
              ) -> tuple[tuple[int, tuple[tuple[str, float], ...], frozenset[str]], ...]:
    """:func:`_readings`, each place with the set of its readings' scripts (made once)."""
    return tuple((at, got, frozenset(script for script, _ in got)) for at, got in _readings(seq, lost))


def _place(seq: bytes, lost: frozenset[int], shares: dict[str, float]
           ) -> tuple[int, frozenset[str], bool] | None:
    """Where in ``seq`` the dropped byte stood (an index from 1), the scripts of its readings
    there, and whether that place is clearly the best (else the character stays lost); None
    where no place reads. A reading counts with its script's share of the line (``shares``,
    logs), as lostbytes' prior does: ``、`` (E3 80 81) against ``㍀`` (E3 8D 80) in a Japanese
    line."""
    best: list[tuple[float, int, frozenset[str]]] = []
    for at, got, scripts in _scripted(seq, lost):
        top = max(logp + shares.get(script, _OTHER) for script, logp in got)
        best.append((top, at, scripts))
    if not best:
        return None
    best.sort(reverse=True)
    clear = len(best) == 1 or best[0][0] - best[1][0] >= PLACE_MARGIN
    return best[0][1], best[0][2], clear


@lru_cache(maxsize=1024)
def _two(seq: bytes, lost: frozenset[int]) -> tuple[int, frozenset[str], bool] | None:
    """:func:`_place` for a sequence two bytes short, both put after its surviving bytes (the
    character stays lost: up to 75 readings are a guess): None where none reads."""
    scripts = set()
    for a in lost:
        for b in lost:
            try:
                c = (seq + bytes([a, b])).decode("utf-8")
            except UnicodeDecodeError:
                continue
            scripts.add(script_and_logp(c)[0])
    scripts.discard("")
    return (len(seq), frozenset(scripts), False) if scripts else None


def _spaced(seq: bytes, lost: frozenset[int], shares: dict[str, float]) -> bool:
    """Whether ``seq`` before a space is as likely a character whose last byte A0 (a no-break
    space, in these pages) was written as a space: ``Г l`` (``à l``, cp1251), ``Å veices``
    (Latvian ``Š``), Thai ``à¸ `` (``ภ``). Its reading with A0 against the best with a lost
    byte: not clearly worse (:data:`PLACE_MARGIN`). A line whose every short sequence is that
    is ftfy's (restore_byte_a0); one that also has a sequence short elsewhere lost bytes, and
    those before a space with it. (Cyrillic ``я``, D1 8F, before a space is no ``Ѡ``, D1 A0.)"""
    try:
        spaced = (seq + b"\xa0").decode("utf-8")
    except UnicodeDecodeError:
        return False
    script, logp = script_and_logp(spaced)
    if not script:
        return False
    mine = logp + shares.get(script, _OTHER)
    best = max((p + shares.get(s, _OTHER) for _, got in _readings(seq, lost) for s, p in got),
               default=-math.inf)  # (no reading with a lost byte: only the space's)
    return mine > best - PLACE_MARGIN


_OTHER = math.log(0.01)  # the share of a script no whole character of the line is of
