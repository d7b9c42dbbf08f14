"""What two or three characters in a row cost in a decoded text: the context rules of detection.

(Split out of :mod:`mojifix.scoring.detectscore`, at 600 lines, with the guillemets' rules.)
Detection (:mod:`mojifix.scoring.detectscore`) sums a reading's characters' costs and these: a
letter glued to a letter of another script, a capital inside a lower-case word (KOI8-R read as
cp1251), a vowel sign on a letter of another script, a closing quote before a word, a symbol
inside a word (``¾Ä``, Mac Cyrillic's ``в≥дпов≥дь``), a guillemet between two letters. A pair's
cost depends only on what :func:`_pair_class` says of each character (detectscore's tables cost
class pairs, not character pairs; ``tests/test_detect_speed.py``).
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

_LOW_QUOTES = set("‚„")
_CLOSERS = set("”»›")
_OPENERS = set("“„«‹")
# Guillemets point either way: German and Danish quote »so«, French and Russian «so», Swiss
# German «so». See :func:`_quote_cost`. (The single ones keep their direction: a German inner
# quotation ›so‹ is rarer, and pages that read its bytes 8B and 9B as letters, Mac Roman's
# ``ã õ``, are the ones a letter table in windows-1252 must not lose to: Vim's canfr-win.vim.)
_GUILLEMETS = set("«»")
_MID_SYMBOLS = set("×÷¤¦¨¬¯´¸¶§¢£¥µ¬±°¼½¾¹²³")
# Symbols of the Mac and Windows pages that no word holds either (a letter beside one costs as
# beside a Latin-1 symbol): Ukrainian windows-1251 read as Mac Cyrillic writes ``і`` as ``≥``
# and ``я`` as ``€`` (``в≥дпов≥дь``), a reading that cost less than the right one's ``і``.
_GLUED_SYMBOLS = _MID_SYMBOLS | set("≥≤≠≈∞√∆€")


@cache
def _script(ch: str) -> str:
    """A coarse script name for letters ('' for non-letters)."""
    if not ch.isalpha():
        return ""
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o < 0x1F00:
        return "latin"
    if 0x370 <= o < 0x400:
        return "greek"
    if 0x400 <= o < 0x530:
        return "cyrillic"
    if 0x590 <= o < 0x600 or 0xFB1D <= o < 0xFB50:
        return "hebrew"
    if 0x600 <= o < 0x700 or 0xFB50 <= o < 0xFE00 or 0xFE70 <= o < 0xFF00:
        return "arabic"
    if 0xE00 <= o < 0xE80:
        return "thai"
    if 0xAC00 <= o < 0xD7A4 or 0x1100 <= o < 0x1200 or 0x3130 <= o < 0x3190:
        return "hangul"
    if 0x3040 <= o < 0x3100 or 0xFF01 <= o < 0xFFA0 or 0x4E00 <= o < 0xA000 or 0x3400 <= o < 0x4DC0:
        return "cjk"
    if 0xF900 <= o < 0xFB00 or 0x20000 <= o < 0x30000:
        return "cjk"
    return unicodedata.name(ch, "other").split(" ")[0].lower()


@lru_cache(maxsize=1 << 16)
def _pair_cost(pair: str) -> float:
    """Cost of two adjacent characters: mixed scripts or CaSe inside a word, misplaced quotes."""
    a, b = pair[0], pair[1]
    return _script_pair_cost(a, b) + _quote_cost(a, b)


def _mark_script(ch: str) -> str:
    o = ord(ch)
    if o < 0x591 or unicodedata.category(ch) != "Mn":
        return ""
    if 0x591 <= o < 0x5C8:
        return "hebrew"
    if 0x610 <= o < 0x61B or 0x64B <= o < 0x660 or o == 0x670:
        return "arabic"
    if 0xE31 <= o < 0xE4F:
        return "thai"
    return ""


def _script_pair_cost(a: str, b: str) -> float:
    mark = _mark_script(b)
    if mark:
        # A vowel sign or point belongs on a letter of its own script.
        return 0.0 if _script(a) == mark or _mark_script(a) == mark else 3.0
    sa, sb = _script(a), _script(b)
    if not sa or not sb:
        if a in _MID_SYMBOLS and b in _MID_SYMBOLS:
            return 1.0  # ¢½, ¾¤: two Latin-1 symbols in a row are bytes of another script
        other = b if sa else a
        if (sa or sb) and (other in _GLUED_SYMBOLS or "\u2500" <= other < "\u25a0"):
            return 1.0  # a symbol glued to a letter: ×, ÷, ¤, box pieces inside words
        return 0.0
    if sa != sb:
        if {sa, sb} == {"cjk", "hangul"}:
            return 1.0
        if (a < "\x80" or b < "\x80") and {sa, sb} & {"cjk", "hangul", "thai", "hebrew", "arabic"}:
            return 0.5  # an ASCII word next to CJK, Thai, Hebrew or Arabic is common
        return 3.0
    if a.islower() and b.isupper():
        return 1.5
    return 0.0


def _quote_cost(a: str, b: str) -> float:
    """A closing quote before a letter, or an opening one after it, is a misread letter.

    But for guillemets, at a third of that: German and Danish open a quotation with ``»`` and
    close it with ``«`` (``»Lennart's Laptop«``), so that order is the language's, not a misread.
    At 3.0 a side, a German windows-1252 page quoting so read best as ISO 8859-3, its guillemets
    ``ğ…Ğ`` (a lower-case letter before a capital costs 1.5 a side): ``fix`` wrote that at 99.8%.
    A letter misread as one (ISO 8859-2's ``ť`` read as Latin-1, ``š»astný``) still pays 1.0 and
    its other letters' costs, and a guillemet between two letters pays what it paid before, 3.0
    (:func:`_triple_cost`: ``Ç`` read as mac-cyrillic ``«`` inside a Ukrainian capital word)."""
    if (a in _CLOSERS and b.isalpha()) or (a.isalpha() and b in _OPENERS):
        return 1.0 if a in _GUILLEMETS or b in _GUILLEMETS else 3.0
    if a in "‘‚" and _script(b) in ("cyrillic", "greek"):
        return 1.5  # English single quotes do not open Russian or Greek words
    if a in _LOW_QUOTES and b.isspace():
        return 1.5  # a low-9 quote opens a quotation, it is not followed by a space
    return 0.0


def _triple_cost(a: str, b: str, c: str) -> float:
    """What three characters in a row cost beyond their two pairs: a guillemet between two
    letters is a misread letter (``š»astný``), whichever way it points, so it pays the 3.0 a
    misplaced quote paid before guillemets were let point either way (:func:`_quote_cost`)."""
    if b in _GUILLEMETS and a.isalpha() and c.isalpha():
        return 3.0 - _quote_cost(a, b) - _quote_cost(b, c)
    return 0.0


def _pair_class(ch: str) -> tuple[object, ...]:
    """Everything :func:`_script_pair_cost` and :func:`_quote_cost` ask of one character."""
    return (_script(ch), _mark_script(ch), ch < "\x80", ch in _MID_SYMBOLS, ch in _GLUED_SYMBOLS,
            "\u2500" <= ch < "\u25a0", ch.islower(), ch.isupper(), ch.isalpha(), ch.isspace(),
            ch in _CLOSERS, ch in _OPENERS, ch in _GUILLEMETS, ch in "‘‚", ch in _LOW_QUOTES)
