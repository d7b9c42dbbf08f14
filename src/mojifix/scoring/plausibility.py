"""Plausibility: how much a piece of text looks like something a person wrote.

Mojibake is made of characters people rarely write: rare hanzi from GB2312 level 2 or the GBK
extension (``浣犲ソ``), half-width katakana among kanji (``縺薙ｓ``), runs of accented capitals
and Latin-1 symbols (``ÄãºÃ``, ``Ïðèâåò``), Cyrillic with the case flipped mid-word (KOI8-R read
as cp1251). Legacy code pages are, in effect, frequency tables: GB2312 level 1, Big5's frequent
tier, JIS X 0208 level 1 and KS X 1001's 2,350 hangul list the common characters. :func:`cost`
adds up per-character penalties from those signals; lower is more plausible. It needs no
language model and no data beyond Python's codecs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import compress, count
from operator import ne

from . import atomic, latinpairs
from .atomic import rep
from .codepages import cjk_tiers, row_chars


def _han_common(c: str) -> bool:
    """True when a CJK ideograph is in a legacy code page's frequent tier (GB2312 level 1,
    Big5's frequent tier, JIS X 0208 level 1: :func:`mojifix.scoring.codepages.cjk_tiers`)."""
    return c in cjk_tiers()[0]


@lru_cache(maxsize=65536)
def _char_class(c: str) -> tuple[str, float]:
    """(script class, penalty) for one character."""
    o = ord(c)
    if o < 0x80:
        return ("latin" if c.isalpha() else "other"), 0.0
    if c == "\ufffd":
        return "other", 2.0
    if 0x80 <= o < 0xA0 or 0xE000 <= o < 0xF900:
        return "other", 3.0  # C1 controls, private use
    if 0xFF61 <= o <= 0xFF9F:
        return "kana", 2.0  # half-width katakana
    if 0x3040 <= o <= 0x30FF:
        return "kana", 0.0
    if 0xAC00 <= o <= 0xD7A3:
        try:
            c.encode("euc-kr")
            return "hangul", 0.0
        except UnicodeEncodeError:
            return "hangul", 1.5
    cat = unicodedata.category(c)
    if cat == "Lo" and ("CJK" in unicodedata.name(c, "")):
        return "han", 0.0 if _han_common(c) else 1.0
    if 0x0410 <= o <= 0x044F or c in "ЁёЄєІіЇїЎўҐґ":
        return "cyrillic", 0.0
    if 0x0400 <= o <= 0x04FF:
        return "cyrillic", 1.0
    if 0x0370 <= o <= 0x03FF:
        return "greek", 0.0
    if 0x0600 <= o <= 0x06FF:
        return "arabic", 0.0
    if 0x05D0 <= o <= 0x05EA:  # Hebrew letters: a script of its own (was "other-letter", 1.0 each)
        return "hebrew", 0.0
    if cat.startswith("L"):
        if o < 0x250:
            return "latin", 0.4 if c.islower() else 0.8
        if 0x1E00 <= o < 0x1F00:
            return "latin", 0.3
        return ("latin" if o < 0x2B0 else "other-letter"), 1.0
    if cat.startswith("M"):
        return "mark", 0.3
    if 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF60:
        return "other", 0.0  # CJK and full-width punctuation: as common as the hanzi around it
    if o < 0x100 or c in "€‚ƒ„…†‡ˆ‰‹Œ‘’“”•–—˜™›œŸ":
        return "other", 0.0 if c in "«»°±·×÷–—‘’“”…€£§©®" or c == "\xa0" else 1.0
    if 0x2500 <= o < 0x2600:
        return "other", 1.0  # box drawing, blocks
    return "other", 0.1


_MIX = {
    frozenset({"han", "latin"}), frozenset({"kana", "latin"}), frozenset({"hangul", "han"}),
    frozenset({"hangul", "kana"}), frozenset({"cyrillic", "latin"}), frozenset({"greek", "latin"}),
    frozenset({"hangul", "latin"}), frozenset({"cyrillic", "han"}),
}


_MIX_PAIRS = frozenset((a, b) for pair in _MIX for a in pair for b in pair if a != b)
_CASED = frozenset(("cyrillic", "latin", "greek"))


def cost(text: str, limit: float = math.inf) -> float:
    """Implausibility of ``text``: per-character penalties plus script and case clashes.

    With ``limit``, stops as soon as the total exceeds it (the value returned is then only known
    to be above ``limit``): a candidate that cannot win need not be scored to the end.
    """
    if len(text) > 24 and is_plausible(text):
        return 0.0  # a few regex scans in C instead of a Python loop over every character
    total = 0.0
    prev_cls = ""
    prev = ""
    if not text.isascii():
        # A lone ideograph among Latin words: ``caf茅``, ``O livro 茅 bom`` (UTF-8 ``é`` read as
        # GBK). Beside CJK text or on its own (``的.``) it is ordinary.
        # Likewise a lone hangul syllable (``O livro 챕 bom``, UTF-8 ``é`` read as EUC-KR).
        lone = lone_cjk().findall(text)
        # The same lone character again and again is a short word of the Latin text read
        # wrongly (``O livro 茅 bom e 茅 caro``: Portuguese ``é``); a glossary's or a textbook's
        # lone ideographs differ from one another.
        total += len(lone) + len(lone) - len(set(lone))
        # Chinese does not put spaces between words: Korean or Russian bytes read as hanzi do.
        total += 0.5 * len(_SPACED_HAN.findall(text))
        # A lone Cyrillic capital, then a symbol, then no Cyrillic letter: ``Г©``, ``Г\xa0``
        # (UTF-8 ``é``, ``à`` read as cp1251: the lead byte C2-DF is a capital В-Я, the trail
        # 80-BF mostly symbols). Russian puts a Cyrillic letter on one side (``В\xa0Москве``).
        total += 1.5 * len(_LONE_CYRILLIC_CAPITAL.findall(text))
        total += _greek_lead_cost(text)
        # UTF-8's accented letter read as cp1253, cp1251 or KOI8-R inside a Latin word (``tΓ©``,
        # ``ningГєn``, ``tц╘``): see scoring/latinpairs.py.
        total += _LATIN_PAIR_COST * latinpairs.count(text)
    # The loop adds the same terms in the same order as ever (a zero penalty is not added:
    # x + 0.0 is x), with the class pair looked up as a tuple: one character at a time is the
    # cost of every garbled line, so each step is kept short.
    char_class, mix, cased = _char_class, _MIX_PAIRS, _CASED
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        i += 1
        cls, pen = char_class(c)
        if pen and not (c == prev and cls == "han"):
            # (a rare ideograph said twice is Chinese reduplication, ``讷讷`` ``侬侬``: the second
            # is no more evidence of a wrong reading than the first; a new user's QA had such a
            # line read as UTF-8 through GBK, ``ٯٯ``, for a gain of two rare ideographs)
            total += pen
        if cls != prev_cls:
            if (cls, prev_cls) in mix:
                total += 1.0
        elif cls in cased and prev.islower() and c.isupper():
            total += 2.0  # case flips mid-word: KOI8-R read as cp1251 swaps case
        if total > limit:
            return total
        prev_cls, prev = cls, c
        if c < "\x80" and i < n and text[i] < "\x80":
            # The rest of an ASCII run at C speed: its characters cost nothing and their classes
            # (latin, other) never clash, so only a lower-case letter before a capital adds (2.0
            # each, in order, as the loop adds them: the same sum to the last bit).
            end = _ASCII_RUN.match(text, i).end()
            for _ in _ASCII_FLIP.finditer(text, i - 1, end):
                total += 2.0
                if total > limit:
                    return total
            prev = text[end - 1]
            prev_cls, i = ("latin" if prev.isalpha() else "other"), end
    return total


_ASCII_RUN = re.compile("[\x00-\x7f]*")
_ASCII_FLIP = re.compile("[a-z][A-Z]")


def cost_change(old: str, new: str, places: Iterable[int] | None = None) -> float:
    """``cost(new) - cost(old)`` for two texts of one length (a single-byte page's rewrite:
    ``Skonèí`` and ``Skončí``), summed over the places they differ only (``places``, in order,
    where the caller knows them: a page's characters, found by one search; else compared).

    Why: a Central European page read through cp1252 is decided by the cost of its repaired
    lines against its lines (:mod:`mojifix.fixers.latinpages`), and costing both whole, a
    character at a time, was half that chain's time (issue 20). Outside the regex terms of
    :func:`cost` (lone hanzi, Cyrillic capitals, Greek leads, UTF-8 pairs: all about Greek,
    Cyrillic or CJK letters), every term of the loop is owed to one character and the one
    before it; so the change is the terms of the places where either differs. A text holding
    a character of those scripts (or not one length) is costed whole, as before. Equal to the
    difference of the costs up to rounding (every penalty is a tenth's multiple: a change is 0
    or at least 0.1 away from it).

    >>> cost_change("Skon\u00e8\u00ed", "Skon\u010d\u00ed") == cost("Skon\u010d\u00ed") - cost("Skon\u00e8\u00ed")
    True
    """
    if len(old) != len(new) or _SCRIPT_TERMS.search(old) or _SCRIPT_TERMS.search(new):
        return cost(new) - cost(old)
    total = 0.0
    last = len(old) - 1
    for i in compress(count(), map(ne, old, new)) if places is None else places:
        if 0 < i < last:  # (a place and its neighbours: cached, a page changes few letters among few)
            total += _place_change(old[i - 1:i + 2], new[i - 1:i + 2])
            continue
        before_new, before_old = (new[i - 1], old[i - 1]) if i else ("", "")
        total += _term(before_new, new[i]) - _term(before_old, old[i])
        if i < last and old[i + 1] == new[i + 1]:  # (the next place's pair changed too)
            total += _term(new[i], new[i + 1]) - _term(old[i], old[i + 1])
    return total


@lru_cache(maxsize=8192)  # (a document's pages change a few hundred distinct places)
def _place_change(old: str, new: str) -> float:
    """:func:`cost_change`'s loop at a place inside the text: ``old[1]`` became ``new[1]``
    between the characters around it. A Turkish page read as Latin-1 changes 7,200 places of its
    40 documents' lines, 417 distinct: each asked four terms (issue 20)."""
    change = _term(new[0], new[1]) - _term(old[0], old[1])
    if old[2] == new[2]:
        change += _term(new[1], new[2]) - _term(old[1], old[2])
    return change


@lru_cache(maxsize=65536)
def _term(prev: str, c: str) -> float:
    """What :func:`cost`'s loop adds at ``c`` after ``prev`` (``""`` at the text's start): its
    penalty, and the clash of its class with the character before it."""
    cls, total = _char_class(c)
    if not prev:
        return total
    prev_cls = _char_class(prev)[0]
    if cls != prev_cls:
        if (cls, prev_cls) in _MIX_PAIRS:
            total += 1.0
    elif cls in _CASED and prev.islower() and c.isupper():
        total += 2.0
    return total


# A character some regex term of cost() is about: Greek, Cyrillic, and every CJK script.
_SCRIPT_TERMS = re.compile("[\u0370-\u04ff\u2e80-\ud7ff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")


_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_CONTEXT = _HAN + "\u3040-\u30ff\uac00-\ud7a3“”‘’「」『』《》〈〉【】（）、。，！？：；…—·〔〕"


_SPACED_HAN = re.compile(f" (?<=[{_HAN}] )(?=[{_HAN}])")
# cp1251's characters for bytes 80-BF that are not letters (UTF-8 trail bytes read as cp1251).
_CP1251_TRAIL_SYMBOLS = "".join(
    c for c in bytes(range(0x80, 0xC0)).decode("cp1251", errors="ignore") if not c.isalpha()
)
_CYR = "\u0400-\u04ff"
_LONE_CAPITAL = (
    f"(?<=[\u0412-\u042f])(?<![{_CYR}].)(?=[{re.escape(_CP1251_TRAIL_SYMBOLS)}](?![{_CYR}]))"
)
_LONE_CYRILLIC_CAPITAL = re.compile(f"[\u0412-\u042f]{_LONE_CAPITAL}")
# UTF-8's three-byte characters read as cp1253: the lead byte E0-EF is a small Greek letter
# (``ΰ``-``ο``), both continuations 80-BF mostly symbols, so ``—`` is ``β€”`` and ``’`` is
# ``β€™``. Greek puts a Greek letter beside its letters; a lone one followed by two of those
# symbols is no spelling of Greek (``α’`` for "first" has one), and in English prose it costs
# nothing (Greek letters and ``€ ” —`` are free): a document whose one non-ASCII character was
# an em dash stayed garbled. Priced at the evidence a lone line needs for a UTF-8 chain (2.5,
# chains.fix_chains), like ftfy's ``â€``. (Its own function of the cost: Greek only.)
_CP1253_TRAIL_SYMBOLS = "".join(
    c for c in bytes(range(0x80, 0xC0)).decode("cp1253", errors="ignore") if not c.isalpha()
)
_CP1253_LEADS3 = bytes(range(0xE0, 0xF0)).decode("cp1253")
_LONE_GREEK_LEAD = re.compile(
    f"[{_CP1253_LEADS3}](?<![\u0370-\u03ff].)[{re.escape(_CP1253_TRAIL_SYMBOLS)}]{{2}}")
_LONE_GREEK_LEAD_COST = 2.5


_LATIN_PAIR_COST = 2.5  # (the same bar: one such word is a line's own evidence)


def _greek_lead_cost(text: str) -> float:
    """The price of UTF-8's three-byte shape read as cp1253 (``β€”``) in ``text``."""
    return _LONE_GREEK_LEAD_COST * len(_LONE_GREEK_LEAD.findall(text))



@lru_cache(maxsize=1)
def lone_cjk() -> re.Pattern[str]:
    """An ideograph or hangul syllable with no CJK character or mark either side and an ASCII
    letter next to it (or one space away). Starts with that class, so ``re`` skips other text
    quickly."""
    return re.compile(
        f"[{_HAN}\uac00-\ud7a3](?<![{_CJK_CONTEXT}].)(?![{_CJK_CONTEXT}])"
        "(?:(?<=[A-Za-z].)|(?<=[A-Za-z] .)|(?=[A-Za-z]| [A-Za-z]))"
    )


@lru_cache(maxsize=1)
def _free_chars() -> str:
    """Every non-ASCII character with no penalty of its own, from the few blocks that hold
    them (each one checked with :func:`_char_class`, so the set is never too big)."""
    pool: set[str] = set()
    for lo, hi in ((0x80, 0x250), (0x370, 0x700), (0x2000, 0x2100), (0x3000, 0x3100), (0xFF00, 0xFF61)):
        pool.update(map(chr, range(lo, hi)))
    for codec, leads, trails in (
        ("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
        ("shift_jis", range(0x88, 0x99), [*range(0x40, 0x7F), *range(0x80, 0xFD)]),
        ("euc-kr", range(0xB0, 0xC9), range(0xA1, 0xFF)),
    ):
        pool |= row_chars(codec, leads, trails)
    return "".join(sorted(c for c in pool if len(c) == 1 and _char_class(c)[1] == 0.0))


# The scripts of the clash and case-flip rules, as the insides of character classes (literal
# characters and ranges only). quiet.py's combined walk is built from the same ones.
_HK = "\u4e00-\u9fff\u3040-\u30ff"  # hanzi and kana
_HANGUL = "\uac00-\ud7a3"
_CYR_LO, _CYR_UP = "\u0430-\u044fёєіїўґ", "\u0410-\u042fЁЄІЇЎҐ"
_GREEK, _GREEK_UP = "\u0370-\u03ff", "\u0370-\u03ab\u03cf-\u03ff"


@lru_cache(maxsize=1)
def scans() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Two regexes that together find every place a cost can come from (a superset: a line
    neither finds costs 0; ``tests/test_chains.py`` checks that against :func:`cost`).
    :func:`sites` runs them.

    1. ``search``: a character with a penalty of its own (everything else is then free: ASCII
       letters, common hanzi, kana, KS X 1001 hangul, Russian/Ukrainian letters, Greek), or a
       case flip, led by the capital. ``re`` scans for a leading character class in C and only
       tries the rest where the class matches, and these characters are rare in clean text.
    2. ``match``: a walker over the script clashes, which a leading-class search would have to
       try at every hanzi or Cyrillic letter (about 35 ns each, the larger part of the cost of
       clean text). It consumes the text a *run* at a time inside one match: everything that
       is neither hanzi/kana nor Cyrillic/Greek/hangul in one possessive step; a stretch of
       hanzi/kana (with the non-letter, non-space characters between them: a clause) when it
       touches no Latin letter, hangul or Cyrillic, has no Latin word one space before or after
       it and no hanzi one space after it (hanzi spaced like words); a stretch of Cyrillic or
       Greek words, or of hangul words, when it touches no Latin letter (and no one-syllable
       hangul word has a Latin word one space away). It stops where a stretch breaks
       one of those rules: the match's end is on the line of a clash, and the end of the text
       means there is none. Possessive quantifiers throughout: no backtracking, linear time,
       and no stretch crosses a line end (written by :func:`mojifix.scoring.atomic.rep`, in the form
       this interpreter runs correctly).

    Ideographs outside the unified block (extension A, B..., compatibility) always carry a
    penalty, so scan 1 covers them and the walker treats them as other characters.
    """
    return _scans(atomic.NATIVE)


@lru_cache(maxsize=2)
def _scans(native: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """:func:`scans`, with the possessive repeats in the native or the portable form."""

    def r(x: str, q: str) -> str:
        return rep(x, q, native=native)

    free = set(_free_chars())
    latin, hk, hangul = "A-Za-z", _HK, _HANGUL
    cyr_lo, cyr_up, greek, greek_up = _CYR_LO, _CYR_UP, _GREEK, _GREEK_UP
    cyr = cyr_lo + cyr_up
    capitals = {c for c in free if re.fullmatch(f"[{cyr_up}{greek_up}]", c)}
    near_hk = latin + hangul + cyr  # scripts whose letters clash with hanzi or kana (see _MIX)
    cgk = cyr + greek + hangul
    hks, between_hk = r(f"[{hk}]", "+"), r(f"[^{latin}{hk}{cgk}\\n ]", "+")
    hanzi_stretch = (
        f"(?<![{near_hk}])(?<![{latin}] ){hks}{r(between_hk + hks, '*')}"
        f"(?![{near_hk}]| [{_HAN}{latin}])"
    )
    cg = cyr + greek
    between = r(f"[^{latin}{hk}{cgk}\\n]", "+")
    cgs = r(f"[{cg}]", "+")
    cg_stretch = f"(?<![{latin}]){cgs}{r(between + cgs, '*')}(?![{latin}])"
    # Hangul words: a single syllable must also have no Latin word one space away.
    syllables = (
        f"(?:[{hangul}]{r(f'[{hangul}]', '+')}"
        f"|[{hangul}](?![{hangul}])(?<![{latin}] .)(?! [{latin}]))"
    )
    hangul_stretch = f"(?<![{latin}]){syllables}{r(between + syllables, '*')}(?![{latin}])"
    others = r(f"[^{hk}{cgk}]", "+")
    return (
        # The lead is every penalised character and every capital letter (free capitals are
        # taken out of the negated class), then which of the two it is.
        re.compile(
            f"[^\\x00-\\x40\\x5b-\\x7f{class_of(free - capitals)}]"
            f"(?:(?<=[^\\x00-\\x7f{class_of(free)}])|(?<=[a-z{cyr_lo}{greek}][A-Z{cyr_up}{greek_up}])"
            f"|{_LONE_CAPITAL})"
            # (a free symbol after a lone Greek lead, before another symbol: _greek_lead_cost)
            f"|[{class_of(free & set(_CP1253_TRAIL_SYMBOLS))}]"
            f"(?<=(?<![\u0370-\u03ff])[{_CP1253_LEADS3}].)(?=[{re.escape(_CP1253_TRAIL_SYMBOLS)}])"
            # (a free second character of a pair, after its lead: before a Latin letter, for a
            # symbol, ``Γ©tat``, and before a space and a Latin letter, a pair alone between
            # Latin words, ``Si ГЁ verificato``: latinpairs.count. A Latin letter next to the
            # lead, or next to a second character that is a letter, is a script clash.)
            f"|[{class_of(free & set(latinpairs.symbol_trails() + latinpairs.lone_trails()))}]"
            f"(?<=[{latinpairs.leads()}].)(?= ?[A-Za-z\u00c0-\u024f])"
        ),
        atomic.compile(r(f"{others}|{hanzi_stretch}|{cg_stretch}|{hangul_stretch}", "*")),
    )


def sites(text: str, start: int = 0, stop: int | None = None, *, non_ascii: bool = False) -> Iterator[int]:
    """Offsets in ``text`` where a cost may come from: at least one on every line whose cost
    may be above 0 (after each, the scans go on from the next line). ``start`` and ``stop``
    limit the scans to whole lines (``stop`` just past a line's ``\n``, or the text's end):
    no lookaround reaches past a line end, so the answer for those lines is the same.

    With ``non_ascii``, only the lines holding a non-ASCII character are wanted (the chain
    search's: no layer changes ASCII): after each hit the scans go on from the next such line,
    found by one search, so a source file's camelCase lines (a case flip costs) are skipped in
    C instead of being landed on one by one. (Lines of ASCII may still be among the answers.)"""
    size = len(text) if stop is None else stop
    penalty, walker = scans()
    m = penalty.search(text, _next_non_ascii_line(text, start, size) if non_ascii else start, size)
    while m is not None:
        yield m.start()
        end = text.find("\n", m.start(), size)
        if end < 0:
            break
        m = penalty.search(text, _next_non_ascii_line(text, end + 1, size) if non_ascii else end + 1, size)
    at = walker.match(text, start, size).end()
    while at < size:
        yield at
        end = text.find("\n", at, size)
        at = walker.match(text, end + 1, size).end() if end >= 0 else size


_NON_ASCII = re.compile("[^\x00-\x7f]")


def _next_non_ascii_line(text: str, pos: int, stop: int) -> int:
    """The start of the first line at or after ``pos`` (a line start) holding a non-ASCII
    character before ``stop``; ``stop`` when there is none."""
    m = _NON_ASCII.search(text, pos, stop)
    return stop if m is None else max(pos, text.rfind("\n", pos, m.start()) + 1)


def class_of(chars: set[str]) -> str:
    """The inside of a character class, consecutive code points as ranges (a shorter pattern
    parses and compiles faster: these classes hold thousands of characters; the screens'
    classes too, engine/docscreen.py and scoring/screen.py)."""
    out: list[str] = []
    codes = sorted(map(ord, chars))
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = (re.escape(chr(codes[k])) for k in (i, j))
        out.append(lo if i == j else f"{lo}{hi}" if j == i + 1 else f"{lo}-{hi}")
        i = j + 1
    return "".join(out)


def _members(inside: str) -> set[str]:
    """The characters of a class inside made of literal characters and ``a-z`` ranges (the
    script constants above)."""
    out: set[str] = set()
    i = 0
    while i < len(inside):
        if i + 2 < len(inside) and inside[i + 1] == "-":
            out.update(map(chr, range(ord(inside[i]), ord(inside[i + 2]) + 1)))
            i += 3
        else:
            out.add(inside[i])
            i += 1
    return out


def is_plausible(text: str) -> bool:
    """A fast, conservative ``cost(text) == 0``: True promises a cost of 0 (regex scans
    instead of a Python loop; False may still mean 0)."""
    return next(sites(text), None) is None
