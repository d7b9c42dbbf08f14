"""GBK byte misalignment left by pinyin-gloss converters: ``上?;鶎狱h建`` for ``上海基層黨建``.

The converter that glosses pages (see :mod:`mojifix.fixers.glosses`) works on GBK *bytes*, not on
characters. Two of its steps scan byte pairs without respecting character boundaries:

1. Glossing: it looks up every byte pair in its pinyin table, so the trail byte of one character
   and the lead byte of the next can be "a character" too (``聞輿`` = ``C2 84 | DD 9B`` contains
   ``84 DD`` = 勢), and ``(shì)`` is inserted *inside* 輿.
2. Full-width to ASCII: it replaces the pairs ``A3 AC/BF/A1/BA/BB`` (``，？！：；``) with
   ``, ? ! : ;`` wherever they occur, so ``海基`` = ``BA A3 | BB F9`` loses ``A3 BB`` to ``;``.

Decoding the result as GBK then shows the damage: the byte left alone becomes ``?`` (taking the
next byte with it when that is ``(`` or a digit), and every following character is read one byte
off (``鶎狱`` for ``基層``) until an ASCII byte that was really a trail byte (the ``h`` of 黨
``FC 68``) brings the decoder back in step.

Repair re-encodes the shifted run to GBK and re-reads it one byte earlier, with the lead byte the
damage took (the second byte of the replaced ``A3xx`` pair, or the lead byte a straddling gloss
split off). A run is repaired only when the re-read characters are common ones (GB2312 level 1
after ``t2s``, or CJK punctuation) while the shifted ones were not: a page that merely contains
``?;`` is not touched. A byte that is truly lost is recovered from evidence, in this order: the
pinyin gloss that followed it (``睂?duì)`` -> 對, the only character of that row read ``duì``),
the same two-character word elsewhere on the page (``上?`` -> 上海 because ``上海市`` occurs),
jieba's word frequencies when it is installed (``擔?`` -> 擔保, the optional ``words`` extra),
a short list of punctuation priors (``。`` after a character and before a new clause, ``”``
after ``。``; for a lost byte of a symbol row, the mark the page writes most after hanzi, or the
ideographic space after a sentence end before a Latin word), the character the page writes
before a space and a Latin word where the lost one stood so (``可以? bzip2recover`` -> 用), and a
year rule for a lost digit (``?023年`` -> ``2023年``). Otherwise the one lost character becomes
U+FFFD and is reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ..config import Config
from ..model import Edit, Finding
from ..scoring.evidence import page_decision, page_rule
from ..textdiff import common_ends
from .gbkbytes import PUNCT_TRAIL, gbk, pair
from .glosses import CANDIDATE, TONED, classify, readings

FFFD = "\ufffd"
_GLOSS_TAIL = re.compile(f"(\\()?([a-zü{TONED}]{{1,7}})\\)")
_OPENING = set("“‘（(《〈「『【[〔")
_SENTENCE_END = set("。！？!?")
MAX_RUN = 80
# GBK user-defined areas: a pair here decodes to nothing, so a straddling pair in it vanishes.
_UDA_LEADS = tuple(range(0xAA, 0xB0)) + tuple(range(0xF8, 0xFF))


def is_hanzi(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f"


@lru_cache(maxsize=1)
def _t2s():  # -> opencc.OpenCC
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def simplified(ch: str) -> str:
    return _t2s().convert(ch)


@lru_cache(maxsize=65536)
def common(ch: str) -> bool:
    """A character real Chinese text is made of: ASCII, CJK punctuation (GB2312 rows 1 and 3),
    or a GB2312 level-1 hanzi once converted to Simplified. Misread text is mostly not."""
    if ch.isascii():
        return True
    s = simplified(ch)
    if len(s) != 1:
        return False
    try:
        b = s.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return b[0] in (0xA1, 0xA3) or 0xB0 <= b[0] <= 0xD7


@lru_cache(maxsize=1)
def _s2t():  # -> opencc.OpenCC
    import opencc

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=65536)
def s2t_stable(ch: str) -> bool:
    """True for a character a Simplified-to-Traditional converter can output (``基``, not ``机``)."""
    return _s2t().convert(ch) == ch


def _readings(ch: str) -> frozenset[str]:
    return readings(ch)[0]


def _evidence(cand: str, left: str, right: str, page: str) -> int:
    """How often the page has ``cand`` next to the same hanzi neighbour (the word it would make)."""
    score = 0
    if left and is_hanzi(left):
        score += page.count(left + cand)
    if right and is_hanzi(right):
        score += page.count(cand + right)
    return score


def _choose(cands: list[str], left: str, right: str, page: str) -> str | None:
    """The one hanzi candidate the page supports clearly (at least twice as often as any
    other), or None."""
    scored = sorted(((_evidence(c, left, right, page), c) for c in cands if is_hanzi(c)), reverse=True)
    if not scored or scored[0][0] == 0:
        return None
    if len(scored) > 1 and scored[0][0] < 2 * scored[1][0]:
        return None
    return scored[0][1]


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    """pypinyin's phrase list (47,000 Simplified words): the word evidence for a lost character
    the page itself does not settle. Loaded only when a lost character needs it (0.5 s)."""
    from pypinyin.phrases_dict import phrases_dict

    return frozenset(phrases_dict)


@lru_cache(maxsize=1)
def _word_freq() -> dict[str, int]:
    """One- and two-character words and their frequencies from jieba's dictionary (``dict.txt``, the
    standard Chinese word-frequency list), or {} when jieba is not installed (the optional
    ``words`` extra). Why jieba's list: pypinyin's phrase list has no frequencies, so it cannot
    tell 可以用 from 可以及, nor 帮助 from 帮凶; a frequency list can. Read as a file (jieba itself is
    never imported: it would build a segmenter), only when a lost character needs it."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    freq: dict[str, int] = {}
    try:
        with path.open(encoding="utf-8") as f:
            for line in f:
                parts = line.split(" ", 2)
                if len(parts) >= 2 and len(parts[0]) <= 2 and parts[1].isdigit():
                    freq[parts[0]] = int(parts[1])
    except OSError:
        return {}
    return freq


# A lost character chosen by word frequency alone: the word it makes with a neighbour must be
# common (at least MIN_WORD_FREQ in jieba's counts, where 可以 is 70,958 and 担保 796) and
# FREQ_MARGIN times as frequent as the next candidate's (帮助 9,128 to 帮主 1,309 on gunzip.1).
MIN_WORD_FREQ = 200
FREQ_MARGIN = 5


def _simple_han(ch: str) -> str:
    return simplified(ch) if ch and is_hanzi(ch) else ""


def _by_frequency(hanzi: list[str], lw: str, rw: str) -> str | None:
    freq = _word_freq()
    if not freq:
        return None
    scored = sorted(((max(freq.get(lw + simplified(c), 0) if lw else 0,
                          freq.get(simplified(c) + rw, 0) if rw else 0), c) for c in hanzi), reverse=True)
    if not scored or scored[0][0] < MIN_WORD_FREQ:
        return None
    if len(scored) > 1 and scored[0][0] < FREQ_MARGIN * scored[1][0]:
        return None
    return scored[0][1]


def _guess(cands: list[str], left: str, right: str, page: str, by_count: bool = True) -> str | None:
    """A lost character the page's own words did not settle (:func:`_choose`): the one candidate
    that makes a dictionary word with a hanzi neighbour; else the one the page uses at least
    three times and three times as often as any other candidate (``每?`` -> 個 on a page full
    of 個; not with ``by_count`` off, where a better prior follows). None when neither is
    clear."""
    hanzi = [c for c in cands if is_hanzi(c) and common(c)]
    words = _words()
    lw = simplified(left) if left and is_hanzi(left) else ""
    rw = simplified(right) if right and is_hanzi(right) else ""
    # A dictionary word counts only with a character the page uses elsewhere: the list has no
    # frequencies, and its rare words (字模, 每家 for 每個) misled the bench's pages otherwise.
    hits = [c for c in hanzi if ((lw and lw + simplified(c) in words) or (rw and simplified(c) + rw in words))
            and c in page]
    if len(hits) == 1:
        return hits[0]
    rival = _by_frequency(hanzi, lw, rw)
    if by_count:
        counts = sorted(((page.count(c), c) for c in (hits or hanzi)), reverse=True)
        if counts and counts[0][0] >= 3 and (len(counts) == 1 or counts[0][0] >= 3 * counts[1][0]):
            # The page's commonest candidate, unless it reads as a rarer word there than the
            # frequency list's clear winner: 恰當? stays 恰當的 (的 alone, 318,825, beats 当地,
            # 7,272), but 的每?設備 is 每個 (每个 6,618), not the page's 備 (设备's; 备 alone 2,284).
            won = counts[0][1]
            if rival is None or _as_word(won, lw, rw) >= _as_word(rival, lw, rw):
                return won
    # Last, the word frequency list (after the page's own counts, as above).
    return rival


def _as_word(c: str, lw: str, rw: str) -> int:
    """How common ``c`` is as a word where it stands: alone, or with a hanzi neighbour (jieba's
    counts, Simplified)."""
    freq, s = _word_freq(), simplified(c)
    return max(freq.get(s, 0), freq.get(lw + s, 0) if lw else 0, freq.get(s + rw, 0) if rw else 0)


@dataclass
class Run:
    chars: list[str] = field(default_factory=list)
    end: int = 0
    lost: int = 0
    glosses: list[str] = field(default_factory=list)
    priors: list[str] = field(default_factory=list)


# The converter's five marks as it writes them (A3AC ， -> ","): a lost byte that completes one
# comes back in the form the rest of the page shows it.
_CONVERTED = {pair(0xA3, t): c for c, t in PUNCT_TRAIL.items()}
_AFTER_HAN = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff])[^\s\w]")
IDEOGRAPHIC_SPACE = "\u3000"
_ASCII_WORD = re.compile(" [A-Za-z0-9-]")


def _quote_open(text: str, k: int) -> bool | None:
    """Whether a quote is open at ``k``: True, False, or None when the page shows no quote
    before ``k`` and no line break either (it may have started inside a quotation)."""
    opened, closed = text.count("“", 0, k), text.count("”", 0, k)
    if opened == closed == 0 and "\n" not in text[:k]:
        return None
    return opened > closed


def _mark(cands: list[str], left: str, nxt: str, text: str, k: int, page: str) -> str | None:
    """A lost byte of a symbol row (A1: ``。、　…``; A3: the full-width forms, the converter's
    marks among them). After a sentence end and before a Latin word, with no quote open, the
    ideographic space (``有用。　-use``: a closing quote needs an opened one, an opening quote
    its closing one on the line, a space needs nothing). After a hanzi, the candidate the page
    itself writes most after a hanzi (the converter's marks in their ASCII form), at least 3
    times and 3 times as often as any other (``傳輸?實際`` -> 。; ``註釋?, 目的`` -> ,)."""
    line_end = text.find("\n", k)
    rest_of_line = text[k:line_end if line_end >= 0 else len(text)]
    if (IDEOGRAPHIC_SPACE in cands and left in _SENTENCE_END and nxt.isascii() and nxt.strip()
            and _quote_open(text, k) is False and "”" not in rest_of_line):
        return IDEOGRAPHIC_SPACE
    if not is_hanzi(left):
        return None
    after: dict[str, int] = {}
    for m in _AFTER_HAN.finditer(page):
        after[m.group()] = after.get(m.group(), 0) + 1
    counts = sorted(((after.get(_CONVERTED.get(c, c), 0), c) for c in cands if not is_hanzi(c)), reverse=True)
    if counts and counts[0][0] >= 3 and (len(counts) == 1 or counts[0][0] >= 3 * counts[1][0]):
        return _CONVERTED.get(counts[0][1], counts[0][1])
    return None


def _before_latin(cands: list[str], text: str, k: int, page: str) -> str | None:
    """A lost hanzi before a space and an ASCII word (``可以? bzip2recover``): the candidate the
    page itself writes before a space and a Latin word, a number or an option, at least 3 times
    and 3 times as often as any other (bzcat.1: ``用 `` 6 times, ``由 `` and ``有 `` once each,
    where jieba's counts would put 有 first); word frequency alone would pick the commoner word."""
    if not _ASCII_WORD.match(text, k + 1):
        return None
    counts = sorted(((len(re.findall(re.escape(c) + _ASCII_WORD.pattern, page)), c)
                     for c in cands if is_hanzi(c) and common(c)), reverse=True)
    if counts and counts[0][0] >= 3 and (len(counts) == 1 or counts[0][0] >= 3 * counts[1][0]):
        return counts[0][1]
    return None


def _lost_trail(pending: int, text: str, k: int, left: str, page: str, run: Run) -> int:
    """A ``?`` met while a lead byte is pending: its trail byte is lost. Returns the new index.
    The lost byte is one the decoder showed as ``?``, so not ASCII (an ASCII byte shows as
    itself): 80-FE. (Whether it would have made a character with the byte after it is no
    evidence: the simulated decoder says so, but a real page shows ``ぷ?、`` for the bytes
    A4 D7 F7 A1 A2 of ``工作、``, where F7 A1 is a character.)"""
    nxt = text[k + 1:k + 2]
    rest = text[k + 1:k + 60]
    close = rest.find(")")
    took_paren = close > 0 and not any(c in rest[:close] for c in "(?\n")
    cands = [(t, c) for t in range(0x80, 0xFF) if (c := pair(pending, t))]
    m = _GLOSS_TAIL.match(text, k + 1)
    chosen: str | None = None
    end = k + 1
    if m:
        reading = unicodedata.normalize("NFC", m.group(2))
        hits = [c for _t, c in cands if reading in _readings(c)]
        if len(hits) > 1:
            hits = [c for c in hits if common(c) and s2t_stable(c)]
        if hits and any(ch in TONED for ch in reading):
            # The gloss that followed the lost byte narrows it to the characters read so.
            end = m.end()
            chosen = hits[0] if len(hits) == 1 else _choose(hits, left, text[end:end + 1], page)
            if chosen:
                run.glosses.append(f"{chosen}({reading})")
    if chosen is None and pending == 0xA1 and "”" in (c for _t, c in cands):
        # After 。！？ the closing quote is by far the commonest mark of that row; taken when a
        # quote is open, or when the page may have started inside one (no quote, no line before).
        is_open = _quote_open(text, k)
        if is_open or (is_open is None and left in _SENTENCE_END):
            chosen = "”"
            run.priors.append(chosen)
    if chosen is None:
        chosen = _choose([c for _t, c in cands], left, nxt, page)
        if chosen and _evidence(chosen, left, nxt, page) < 2:
            # A pair seen once on the page: a guess, and said so. A common word the frequency
            # list knows beats it (tcp.7's ``每?資料包`` -> 每個, not 備: seen once on the page).
            chosen = _by_frequency([c for _t, c in cands if is_hanzi(c) and common(c)],
                                   _simple_han(left), _simple_han(nxt)) or chosen
            run.priors.append(chosen)
        elif chosen is None and (chosen := _guess([c for _t, c in cands], left, nxt, page)):
            run.priors.append(chosen)  # a dictionary word or the page's frequency: a guess
        elif chosen is None and (chosen := _mark([c for _t, c in cands], left, nxt, text, k, page)):
            run.priors.append(chosen)
        elif chosen is None and (chosen := _before_latin([c for _t, c in cands], text, k, page)):
            run.priors.append(chosen)
    if chosen is None:
        chosen = FFFD
        run.lost += 1
    run.chars.append(chosen)
    if end == k + 1 and took_paren:
        # The decoder swallowed the byte after the lost one: a '(' that a later ')' misses.
        run.chars.append("(")
    elif end == k + 1 and nxt.isdigit():
        # The decoder swallowed the byte after the lost one: a digit, since one follows.
        y = re.match(r"\d{3}年", text[k + 1:k + 5])
        years = [d for d in "0123456789" if y and 1900 <= int(d + text[k + 1:k + 4]) <= 2099]
        if len(years) == 1:
            run.chars.append(years[0])
            run.priors.append(years[0])
        else:
            run.chars.append(FFFD)
            run.lost += 1
    return end


def realign(text: str, j: int, pending: int, left: str, page: str) -> Run | None:
    """Re-read ``text[j:]`` with ``pending`` as the lead byte of its first character, until the
    stream is back in step. None when the bytes do not re-read as GBK."""
    run = Run()
    k = j
    while k < len(text) and k - j < MAX_RUN:
        c = text[k]
        prev = run.chars[-1] if run.chars else left
        if c == "?":
            run.end = _lost_trail(pending, text, k, prev, page, run)
            return run
        if c in PUNCT_TRAIL and (ch := pair(pending, 0xA3)):
            # Another replaced A3xx pair inside the shifted run: A3 was this character's trail.
            run.chars.append(ch)
            pending = PUNCT_TRAIL[c]
            k += 1
            continue
        b = gbk(c)
        if b is None or c in "\r\n":
            return None
        ch = pair(pending, b[0])
        if ch is None:
            return None
        if not common(ch):
            hidden = _hidden_pair(pending, b[0], prev, page)
            if hidden:
                run.chars.extend(hidden)
                run.end = k + 1
                return run
        run.chars.append(ch)
        if len(b) == 1:
            run.end = k + 1
            return run
        if b[1] < 0x80:
            # The shifted "character" ended in an ASCII byte (琙 = AC 5A): that byte is the
            # letter it always was, and the stream is back in step.
            run.chars.append(chr(b[1]))
            run.end = k + 1
            return run
        pending = b[1]
        k += 1
    return None


def _hidden_pair(pending: int, trail: int, left: str, page: str) -> list[str] | None:
    """``pending ? ? trail`` where the middle pair fell in GBK's user-defined area and vanished
    in decoding (``“?!敝g`` for ``”之間``). Only on page evidence."""
    best: list[tuple[int, str, str]] = []
    for t in _UDA_LEADS:
        a = pair(pending, t)
        if not a or not common(a) or pair(t, 0xA1) is not None:
            continue
        for lead in range(0xA1, 0xFF):
            c2 = pair(lead, trail)
            if c2 and common(c2) and pair(t, lead) is None:
                n = page.count(a + c2)
                if n:
                    best.append((n, a, c2))
    if len(best) == 1 or (len(best) > 1 and sorted(best)[-1][0] > sorted(best)[-2][0]):
        _n, a, c2 = max(best)
        return [a, c2]
    return None


def _rarity(s: str) -> int:
    """Signs of misread text: uncommon characters, ``?``, and a lone ASCII letter or digit
    glued after a CJK character (``鶎狱h建``: the trail byte 68 of 黨 read as ``h``)."""
    n = 0
    for i, c in enumerate(s):
        if c == "?" or not common(c):
            n += 1
        elif c.isascii() and c.isalnum() and i and not s[i - 1].isascii():
            nxt = s[i + 1:i + 2]
            n += not (nxt.isascii() and nxt.isalnum())
    return n


def _plausible(shifted: str, run: Run) -> bool:
    fixed = "".join(c for c in run.chars if c != FFFD)
    if not all(common(c) for c in fixed):
        return False
    return _rarity(shifted) > _rarity(fixed) and any(not c.isascii() for c in shifted + fixed)


def _left_char(text: str, q: int) -> str:
    """The character before ``q``, looking through a gloss (``上(shàng)`` -> 上)."""
    if q and text[q - 1] == ")":
        m = re.search(f"([^\\x00-\\x7f])\\([a-zü{TONED}]{{1,7}}\\)$", text[max(0, q - 12):q])
        if m:
            return m.group(1)
    return text[q - 1] if q else ""


def _lost_lead(text: str, q: int, page: str) -> tuple[str, bool, bool]:
    """The character ``X A3`` whose lead byte became ``?`` when ``A3`` went to a punctuation
    replacement. Returns (character, lost, by prior)."""
    left = _left_char(text, q)
    cands = [c for x in range(0x81, 0xFF) if (c := pair(x, 0xA3)) and s2t_stable(c)]
    chosen = _choose(cands, left, "", page)
    if chosen:
        return chosen, False, _evidence(chosen, left, "", page) < 2  # seen once: a guess
    if is_hanzi(left) and (chosen := _guess(cands, left, "", page, by_count=False)):
        return chosen, False, True
    if left and left not in _OPENING and (is_hanzi(left) or left in ")]）】" or left.isdigit()):
        # 。 (A1 A3) is by far the commonest character ending in A3.
        return "。", False, True
    return FFFD, True, False


def _glossed_page(text: str) -> bool:
    """Page evidence that the converter ran: at least one toned gloss the dictionary confirms."""
    local = any(classify(m.group(1), m.group(2)) == "toned" for m in CANDIDATE.finditer(text))
    return page_decision("toned-gloss-page", toned=int(local))  # one decision per file


@page_rule("toned-gloss-page")
def _toned_page_rule(counts: Mapping[str, float]) -> bool:
    """A page (or a streamed file) with one confirmed toned gloss is a glossed page."""
    return counts.get("toned", 0) >= 1


_ANY_GLOSS = re.compile(f"\\([a-zü{TONED}]{{1,7}}\\)")


def find_runs(text: str) -> list[tuple[int, int, str, Run, str]]:
    """Every repairable run: (start, end, replacement, run, shape)."""
    out: list[tuple[int, int, str, Run, str]] = []
    # Word evidence is counted without the glosses: that copy of the page is made at the first
    # "?" that could start a run, not up front (a French page has its "?" but no run: the copy,
    # and the regex's pieces, cost 4x the file at once, issue 20's memory of clean Latin text).
    held: list[str] = []

    def page() -> str:
        if not held:
            held.append(_ANY_GLOSS.sub("", text))
        return held[0]

    glossed: bool | None = None
    q = text.find("?")
    while q != -1:
        nxt = q + 1
        found = None
        if q > 0 and text[q + 1:q + 2] in PUNCT_TRAIL and (glossed if glossed is not None else (glossed := _glossed_page(text))):
            lost, was_lost, prior = _lost_lead(text, q, page())
            run = realign(text, q + 2, PUNCT_TRAIL[text[q + 1]], lost, page())
            if run:
                run.chars.insert(0, lost)
            if run and _plausible(text[q:run.end], run):
                run.lost += was_lost
                if prior:
                    run.priors.insert(0, lost)
                found = (q, run.end, "".join(run.chars), run, "punctuation")
        elif q > 0 and (m := _GLOSS_TAIL.match(text, q + 1)):
            found = _gloss_straddle(text, q, m, page())
        if found:
            out.append(found)
            nxt = found[1]
        q = text.find("?", nxt)
    return out


def _gloss_straddle(text: str, q: int, m: re.Match[str], page: str) -> tuple[int, int, str, Run, str] | None:
    prev = _left_char(text, q)  # a gloss the converter added later may sit in between
    trail = PUNCT_TRAIL.get(prev) if prev in PUNCT_TRAIL else (b[1] if (b := gbk(prev)) and len(b) == 2 else None)
    reading = unicodedata.normalize("NFC", m.group(2))
    if trail is None or not any(ch in TONED for ch in reading):
        return None
    options = []
    for lead in range(0x81, 0xFF):
        g = pair(trail, lead)
        if not g or reading not in _readings(g):
            continue
        run = realign(text, m.end(), lead, prev, page)
        if run and _plausible(text[q:run.end], run):
            run.glosses.append(f"{g}({reading})")
            options.append((g, run))
    if len(options) > 1:
        # The converter glosses a character everywhere: prefer the one glossed so elsewhere.
        options = [(g, r) for g, r in options if f"{g}({reading})" in text]
    if len(options) != 1:
        return None
    run = options[0][1]
    return (q, run.end, "".join(run.chars), run, "gloss")


def _tight(text: str, start: int, end: int, new: str) -> tuple[int, int, str]:
    i, k = common_ends(text[start:end], new)
    return start + i, end - k, new[i:len(new) - k]


def fix_realign(text: str, config: Config) -> tuple[list[Edit], list[Finding]]:
    if not config.remove_glosses or "?" not in text:
        return [], []
    runs = find_runs(text)
    if not runs:
        return [], []
    edits: list[Edit] = []
    evidence: list[str] = []
    lost = 0
    for start, end, new, run, shape in runs:
        s, e, rep = _tight(text, start, end, new)
        how = f"{shape} straddle"
        if run.glosses:
            how += "; pinned by gloss " + " ".join(run.glosses)
        if run.priors:
            how += "; prior " + " ".join(run.priors)
        edits.append(Edit(s, e, rep, "gbk-realign", f"{text[start:end]} -> {new} ({how})"))
        evidence.append(f"{text[start:end]} -> {new}")
        lost += run.lost
    findings = [
        Finding(
            "gbk-misalignment",
            f"GBK byte misalignment, {len(runs)} run(s) re-aligned",
            count=len(runs),
            confidence=0.9,
            chain=("gbk", "byte-pair glossing / full-width to ASCII"),
            evidence=tuple(evidence[:10]),
        )
    ]
    if lost:
        findings.append(
            Finding(
                "lost-characters",
                f"{lost} character(s) lost by the converter, marked U+FFFD",
                count=lost,
                confidence=0.9,
                evidence=tuple(e for e in evidence if FFFD in e)[:10],
            )
        )
    return edits, findings
