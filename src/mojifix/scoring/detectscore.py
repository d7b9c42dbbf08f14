"""How plausible is a decoded text? The scoring half of byte-encoding detection.

Belongs in ``scoring/`` (the lead moves it): :mod:`mojifix.decoding.detect` chooses the candidate code
pages and the evidence bytes; this module says how suspicious each reading of them is.

The **plausibility cost** of a decoded text is computed only over its non-ASCII characters and
their neighbours (ASCII decodes the same everywhere):

* *character classes*: controls, unassigned and private-use characters are near-fatal;
  box drawing and rare symbols are expensive; letters are cheap;
* *frequency tiers*: legacy CJK standards are frequency tables -- GB2312 level 1, Big5's
  frequent tier and JIS X 0208 level 1 hold the common hanzi/kanji, KS X 1001 the 2,350 common
  hangul; an ideograph is judged by the tiers of the standard that produced it (GB2312 level 2
  read from GBK bytes is rare even if Big5 lists it as frequent). Cyrillic, Greek and Arabic
  letters cost by letter frequency, Thai by a list of rare letters, accented Latin letters by
  whether any language uses them (capitals cost more);
* *script and case consistency*: a Cyrillic letter glued to a Latin one, an upper-case letter
  inside a lower-case word (KOI8-R read as cp1251), a vowel sign on a letter of another
  script, a closing quote before a word, Latin-1 symbols glued to letters (``¾Ä``) cost extra;
* *one language at a time*: the accented Latin letters (and non-Russian Cyrillic letters) of
  a text should belong to one language's alphabet (Spanish ``ñ`` with ``á é`` rather than
  Polish ``ń`` with them);
* *document shape*: Japanese without kana is rather Chinese or Korean read as Japanese; text
  without spaces or line breaks is EBCDIC read as ASCII (or no text).

Why the split into :func:`evidence_cost` (over already-collected runs) and
:func:`plausibility_cost` (over a whole text): detection collects the non-ASCII runs once from
the *bytes* and decodes only them with each candidate (speed: issue 20), while
:mod:`mojifix.decoding.declared` weighs two whole texts against each other.
"""

from __future__ import annotations

import math
import operator
import re
import sys
import unicodedata
from collections import Counter
from functools import cache, lru_cache

from .cjkshape import HAN_CODECS as _HAN_CODECS
from .cjkshape import JA_CODECS as _JA_CODECS
from .cjkshape import shape_cost
from .classcodes import class_codes, pair_sum, triple_sum
from .codepages import cjk_tiers, standard_tiers
from .letters import CYRILLIC_ALPHABETS, LATIN_ALPHABETS, RUSSIAN_FREQ, alphabet_fit_cost
from .pairrules import (  # (names tests and callers read here too)
    _GUILLEMETS,
    _pair_class,
    _pair_cost,
    _quote_cost,  # noqa: F401
    _script,
    _triple_cost,
)

# Cost of a character that no text contains; a decode full of them is no candidate at all.
FATAL = 8.0

# Score at most this many characters of non-ASCII runs (plenty of evidence, bounded time).
SCORE_CHARS = 3000
# The document-shape checks of detection look at this many bytes (decoding.detect, .commonpage).
SAMPLE_BYTES = 64 * 1024

_EBCDIC = frozenset({"cp037", "cp500", "cp424"})
_KO_CODECS = frozenset({"euc_kr", "cp949", "johab", "iso2022_kr"})

# Russian letter frequencies (%): the one table, in scoring/letters.py.
_RU_FREQ = RUSSIAN_FREQ
# Arabic letter frequencies (%), rounded.
_AR_FREQ = dict(
    zip(
        "اليمونهرتبعدسفكقةحجأإشصىزخثضطغذظءآئؤ",
        (12.5, 11.0, 9.0, 6.5, 6.0, 6.0, 4.5, 4.5, 4.0, 3.8, 3.3, 3.0, 2.5, 2.5, 2.3, 2.2, 2.5,
         2.0, 1.4, 2.5, 0.9, 0.9, 0.9, 1.0, 0.5, 0.7, 0.4, 0.5, 0.6, 0.3, 0.5, 0.2, 0.3, 0.2, 0.4,
         0.2),
        strict=True,
    )
)
_CYRILLIC_OTHER = set("іїєґўђјљњћџѓќѕ")
_CYRILLIC_EXTENDED = set("әғқңөұүһҗҙҡҫҳӊӯӑӓӗӧӱӹ")
# Greek letter frequencies (%), accents folded, rounded.
_GREEK_FREQ = dict(
    zip(
        "αοιετσνηυρπκμλωγδθχφβξζψς",
        (12.0, 10.0, 9.0, 8.0, 8.0, 5.0, 7.0, 5.0, 4.5, 4.5, 4.0, 4.0, 3.5, 3.0, 2.0, 2.0, 2.0,
         1.5, 1.0, 0.9, 0.7, 0.5, 0.4, 0.2, 2.0),
        strict=True,
    )
)

_LATIN_COMMON = set("".join(LATIN_ALPHABETS))
_LATIN1_SYMBOLS = set("©®°±×÷€£¥¢™µ¹²³¼½¾§¶«»¡¿·•…–—‘’‚“”„†‡‰‹›′″−√∞≤≥≠※○●◎◇◆□■△▲▽▼★☆→←↑↓")

_THAI_RARE = set("ฃฅฆฌญฎฏฐฑฒฬฮฤฦฝฺ๏๚๛ฯ")
_NON_ASCII_RUN = re.compile(r"[\x20-\x7e]?[^\x00-\x7f]+[\x20-\x7e]?")


# --- character classes and frequency tiers -------------------------------------------------


@cache
def _char_cost(ch: str) -> float:
    """How suspicious one non-ASCII character is in running text (codec-independent part)."""
    o = ord(ch)
    cat = unicodedata.category(ch)
    if ch == "\ufffd":
        return 2.0  # only ever a truncated final character
    if 0xFF01 <= o < 0xFF66:
        return 0.4  # full-width forms: part of CJK text
    if cat in ("Cc", "Cn", "Co", "Cs"):
        return FATAL
    if cat == "Cf":
        return 1.5 if o in (0xAD, 0x200E, 0x200F, 0x200C, 0x200D) else 4.0
    if cat == "Zs":
        return 0.3 if o in (0xA0, 0x3000) else 2.0
    script = _script(ch)
    upper = cat == "Lu"
    if script == "latin":
        low = ch.lower()
        if low in _LATIN_COMMON:
            return 0.5 + 0.5 * upper  # capitals with accents are much rarer than small ones
        if o < 0x180:
            return 1.5 + 0.1 * upper
        return 3.0
    if script == "cyrillic":
        low = ch.lower()
        if low in _RU_FREQ:
            return 0.4 * -math.log10(_RU_FREQ[low] / 100) + 0.1 * upper
        if low in _CYRILLIC_OTHER:
            return 1.3 + 0.3 * upper
        if low in _CYRILLIC_EXTENDED:
            return 1.6 + 0.1 * upper
        return 3.0
    if script == "greek":
        base = unicodedata.normalize("NFD", ch.lower())[0]
        if base in _GREEK_FREQ:
            return 0.4 * -math.log10(_GREEK_FREQ[base] / 100)
        return 3.0
    if script == "hebrew":
        return 0.4 if 0x5D0 <= o <= 0x5EA else 2.0
    if script == "arabic":
        if ch in _AR_FREQ:
            return 0.4 * -math.log10(_AR_FREQ[ch] / 100)
        if o in (0x67E, 0x686, 0x698, 0x6AF, 0x6A9, 0x6CC, 0x671):
            return 0.7
        if o >= 0xFB50:
            return 2.5  # presentation forms: what cp864 & co. produce, not what people type
        return 1.5
    if script == "thai":
        return 1.5 if ch in _THAI_RARE else 0.4
    if script == "hangul":
        if o >= 0xAC00 and o < 0xD7A4:
            return 0.4 if ch in cjk_tiers()[2] else 2.5
        return 1.5  # isolated jamo
    if script == "cjk":
        if 0x3040 <= o < 0x3100:
            return 0.4  # kana (dearer in Chinese codecs: see _codec_adjust)
        if 0xFF66 <= o < 0xFFA0:
            return 1.5  # half-width katakana
        common, rare, _ = cjk_tiers()
        if ch in common:
            return 0.4
        if ch in rare:
            return 1.2
        return 3.0
    if cat == "Mn" and 0x300 <= o < 0x370:
        return 0.8  # combining accents: Vietnamese in cp1258 is written with them
    if cat == "Mn":
        if ch in _THAI_RARE:
            return 1.5
        return 1.0 if 0x591 <= o < 0x700 or 0xE31 <= o < 0xE4F else 2.5
    if cat.startswith("L"):
        return 2.5
    if ch in _LATIN1_SYMBOLS:
        return 0.6
    if 0x3000 <= o < 0x3040 or o == 0x30FB or 0xFF01 <= o < 0xFF66 or 0x2010 <= o < 0x2060:
        return 0.4  # CJK punctuation, full-width forms, general punctuation
    if cat.startswith("P"):
        return 0.8
    if 0x2500 <= o < 0x25A0:
        return 2.5  # box drawing, blocks
    if cat.startswith("N"):
        return 1.5
    if cat == "Sm" and 0x2190 <= o < 0x2300:
        return 0.8  # arrows and operators: CJK code pages carry many (∼ ∴ ≒ ≡)
    return 2.0


def codec_family(codec: str) -> str:
    if codec in _EBCDIC:
        return "ebcdic"
    if codec in _HAN_CODECS:
        return "big5" if codec in ("big5", "cp950", "big5hkscs") else "gb"
    if codec in _JA_CODECS:
        return "ja"
    if codec in _KO_CODECS:
        return "ko"
    return "other"


@lru_cache(maxsize=1 << 16)
def _codec_adjust(ch: str, family: str) -> float:
    """What a character costs more (or less) when this codec family produced it."""
    o = ord(ch)
    if family in ("gb", "big5") and 0x3040 <= o < 0x30FB:
        return 1.2  # kana in a Chinese code page: possible, not typical
    if family == "ko" and _script(ch) == "cjk":
        return 1.0  # hanja are rare in modern Korean
    if family in ("gb", "big5", "ja") and (0x4E00 <= o < 0xA000 or 0xF900 <= o < 0xFB00):
        # Judge an ideograph by the tiers of the standard that produced it: GB2312 level 2
        # characters read from GBK bytes are rare even if Big5 lists them as frequent.
        common, rare = standard_tiers()[family]
        if ch in common:
            return 0.4 - _char_cost(ch)
        if ch in rare:
            return 1.2 - _char_cost(ch)
        # Outside the base standard (GBK's Traditional characters, cp932's NEC rows): judged
        # by the other standards' tiers.
    return 0.0


# Per codec family, the cost of each character met so far (_char_cost + _codec_adjust): a plain
# dict lookup in the hot loop. Bounded by the characters legacy code pages can produce.
class _Costs(dict):  # type: ignore[type-arg]
    """One codec family's cost of each character met so far, computed on first sight (ASCII:
    free, but for control characters). Summed by ``map`` over a text at C speed."""

    def __init__(self, family: str) -> None:
        super().__init__((chr(c), 0.0) for c in range(128))
        for c in _CONTROL_CODES:
            self[chr(c)] = FATAL
        self.family = family

    def __missing__(self, ch: str) -> float:
        cost = self[ch] = _char_cost(ch) + _codec_adjust(ch, self.family)
        return cost


class _PairCosts(dict):  # type: ignore[type-arg]
    """Cost of each pair of adjacent characters met so far, computed on first sight: a property
    of the two characters (never of a text), bounded in size (emptied past 2**18 pairs).

    Keyed by the pair as one integer: the two characters' UTF-32 code units (in the machine's
    byte order) read as one 64-bit number (see :func:`_pair_counts`).

    A pair's cost depends only on what :func:`_pair_class` says of each character, so a new
    pair of characters whose classes were met before costs two lookups, not a
    :func:`_pair_cost` call (a cold run over char-dataset meets 60,000 pairs of a few hundred
    class pairs: that was a third of its time)."""

    def __init__(self) -> None:
        super().__init__()
        self.classes: dict[int, tuple[object, ...]] = {}  # by code point
        self.by_class: dict[tuple[tuple[object, ...], tuple[object, ...]], float] = {}

    def __missing__(self, key: int) -> float:
        if len(self) > 1 << 18:
            self.clear()
            self.classes.clear()
            self.by_class.clear()
        first, second = key & 0xFFFFFFFF, key >> 32
        if not _LITTLE:
            first, second = second, first
        classes = self.classes
        a = classes.get(first) or classes.setdefault(first, _pair_class(chr(first)))
        b = classes.get(second) or classes.setdefault(second, _pair_class(chr(second)))
        cost = self.by_class.get((a, b))
        if cost is None:
            cost = self.by_class[a, b] = _pair_cost(chr(first) + chr(second))
        self[key] = cost
        return cost


def _pair_counts(joined: str) -> Counter[int]:
    """How often each pair of adjacent characters occurs in ``joined``, keyed as
    :class:`_PairCosts` keys them.

    Why integers: a text encoded as UTF-32 and read as 64-bit numbers is its pairs at even
    offsets; shifted by one character, those at odd ones. Counting those numbers runs in C
    without making a two-character string per position (3x faster than ``str.__add__`` over
    the text: detection's speed, issue 20)."""
    n = len(joined)
    raw = joined.encode(_UTF32)
    pairs: Counter[int] = Counter(memoryview(raw[: n // 2 * 8]).cast("Q"))
    if n > 1:
        pairs.update(memoryview(raw[4: 4 + (n - 1) // 2 * 8]).cast("Q"))
    return pairs


# UTF-32 in the byte order memoryview.cast("Q") reads.
_LITTLE = sys.byteorder == "little"
_UTF32 = "utf-32-le" if _LITTLE else "utf-32-be"
_CONTROL_CODES = [c for c in range(1, 32) if chr(c) not in "\t\n\r\f"]
_COSTS: dict[str, _Costs] = {}
_PAIRS = _PairCosts()


class _ClassChars(dict):  # type: ignore[type-arg]
    """Code point -> its :func:`_pair_class`'s number as one character, for ``str.translate``;
    filled on first sight (a property of the character; emptied past 2**18 characters, the
    numbers kept: 218 classes over all of Unicode). ``chars``: one character of each class."""

    def __init__(self) -> None:
        super().__init__()
        self.numbers: dict[tuple[object, ...], int] = {}
        self.chars: list[str] = []
        self.blocks: dict[int, bytes | None] = {}  # (scoring.classcodes: numbers by block)

    def __missing__(self, cp: int) -> str:
        if len(self) > 1 << 18:
            self.clear()
        ch = chr(cp)
        cls = _pair_class(ch)
        n = self.numbers.get(cls)
        if n is None:
            n = self.numbers[cls] = len(self.chars)
            self.chars.append(ch)
        out = self[cp] = chr(n)
        return out


class _ClassPairCosts(dict):  # type: ignore[type-arg]
    """Cost of two class numbers side by side, keyed as ``memoryview.cast("H")`` reads them.
    ``costly``: each set of classes' costly pairs (scoring.classcodes.pair_sum)."""

    def __init__(self) -> None:
        super().__init__()
        self.costly: dict[bytes, tuple[tuple[tuple[bytes, float], ...],
                                       tuple[tuple[bytes, float, tuple[bytes, ...]], ...]]] = {}
        self.triples: dict[bytes, tuple[tuple[re.Pattern[bytes], float], ...]] = {}
        self.middle_codes = b""

    def __missing__(self, key: int) -> float:
        first, second = (key & 0xFF, key >> 8) if _LITTLE else (key >> 8, key & 0xFF)
        chars = _CLASS_CHARS.chars
        cost = self[key] = _pair_cost(chars[first] + chars[second])
        return cost

    def triple(self, first: int, second: int, third: int) -> float:
        """:func:`_triple_cost` of three class numbers in a row."""
        chars = _CLASS_CHARS.chars
        return _triple_cost(chars[first], chars[second], chars[third])

    def middle(self, number: int) -> bool:
        """Whether class ``number`` may be the middle of a costly triple (a guillemet's)."""
        return _CLASS_CHARS.chars[number] in _GUILLEMETS


_CLASS_CHARS = _ClassChars()
_CLASS_PAIRS = _ClassPairCosts()
# (numbered first, so that a text without them skips the triples at C speed: classcodes.triple_sum)
_CLASS_PAIRS.middle_codes = bytes(sorted({ord(_CLASS_CHARS[ord(c)]) for c in _GUILLEMETS}))


@cache
def _letter_class(ch: str) -> tuple[int, str, tuple[int, ...]]:
    """(kind, lower-case letter, alphabets it belongs to) for the one-language-at-a-time and
    Japanese checks: kind 1 an accented Latin letter, 2 a Cyrillic letter beyond Russian's
    alphabet, 3 kana, 4 a CJK ideograph, 0 anything else."""
    o = ord(ch)
    if 0x3040 <= o < 0x3100 or 0xFF66 <= o < 0xFFA0:
        return 3, ch, ()
    if 0x4E00 <= o < 0xA000:
        return 4, ch, ()
    script = _script(ch) if o >= 0x80 else ""
    low = ch.lower()
    if script == "latin":
        return 1, low, tuple(i for i, abc in enumerate(LATIN_ALPHABETS) if low in abc)
    if script == "cyrillic" and low not in _RU_FREQ:
        return 2, low, tuple(i for i, abc in enumerate(CYRILLIC_ALPHABETS) if low in abc)
    return 0, ch, ()


def _alphabet_penalty(chars: dict[str, int], codec: str,
                      only: tuple[str, str, str, str] | None = None) -> float:
    """One language at a time (accented Latin letters, non-Russian Cyrillic ones: those outside
    the best-fitting alphabet cost 1 each), and Japanese without kana. ``only``: the two
    ranges of characters :data:`_EU_LETTERS` picks (the caller did not pick them)."""
    cost = 0.0
    totals = [0, 0, 0, 0, 0]
    fits = ([0] * len(LATIN_ALPHABETS), [0] * len(CYRILLIC_ALPHABETS))
    for ch, n in chars.items():
        if ch < "\x80":
            continue
        if only and not (only[0] <= ch <= only[1] or only[2] <= ch <= only[3]):
            continue
        kind, _, members = _letter_class(ch)
        if kind:
            totals[kind] += n
            if kind <= 2:
                acc = fits[kind - 1]
                for i in members:
                    acc[i] += n
    cost += alphabet_fit_cost(totals, fits)
    if codec in _JA_CODECS and totals[4] >= 6 and totals[3] < 0.1 * totals[4]:
        cost += 0.4 * totals[4]  # Japanese without kana: rather Chinese or Korean read as Japanese
    return cost


def _cost_of(ch: str, family: str) -> float:
    table = _COSTS.get(family)
    if table is None:
        table = _COSTS[family] = _Costs(family)
    return table[ch]


def evidence_cost(joined: str, codec: str = "", bound: float = math.inf,
                  chars: float | None = None) -> float:
    """Suspicion of ``joined``: runs of non-ASCII characters with one ASCII neighbour on each
    side, separated by NUL (as :func:`plausibility_cost` and :mod:`mojifix.decoding.detect` collect
    them). Lower is more plausible; the document-shape checks are the caller's.

    Once the per-character part alone exceeds ``bound`` the rest is skipped and that partial
    (lower-bound) cost is returned: the candidate has lost anyway.

    ``chars``, when the caller already has it, is :func:`char_cost` of ``joined`` (detection
    computes it first, as a lower bound to prune candidates by): it is not summed twice.

    Why ``map`` over dicts that fill themselves: every character and pair is looked up at C
    speed, the Python work is per *new* character or pair only (detection's speed, issue 20).

    >>> evidence_cost("é\\x00è", "windows-1252") < evidence_cost("й\\x00и", "windows-1252")
    True
    """
    cost = char_cost(joined, codec) if chars is None else chars
    if cost > bound:
        return cost
    return cost + context_cost(joined, codec)


def char_cost(joined: str, codec: str = "") -> float:
    """The per-character part of :func:`evidence_cost`: a lower bound of it."""
    family = codec_family(codec)
    table = _COSTS.get(family)
    if table is None:
        table = _COSTS[family] = _Costs(family)
    return sum(map(table.__getitem__, joined))


def context_cost(joined: str, codec: str = "") -> float:
    """The rest of :func:`evidence_cost`: adjacent pairs and one language at a time. It only
    grows as text is added, so on a prefix it is a lower bound of the whole's."""
    # Every adjacent pair of class numbers counted at C speed (a few dozen distinct; CJK text's
    # character pairs are nearly all distinct), each costed once: pair costs are multiples of
    # 0.5, so the sum is exact, the very float of summing character pairs (issue 20).
    # (A long reading's numbers a block of code points at a time: scoring.classcodes.)
    raw = class_codes(joined, _CLASS_CHARS) if len(joined) >= _BLOCKWISE_CHARS else None
    try:
        if raw is None:
            raw = joined.translate(_CLASS_CHARS).encode("latin-1")
    except UnicodeEncodeError:  # pragma: no cover - a number over 255 (none): pair by pair
        pairs = _pair_counts(joined)
        cost = sum(map(operator.mul, pairs.values(), map(_PAIRS.__getitem__, pairs)))
        cost += sum(_triple_cost(joined[i - 1], ch, joined[i + 1])
                    for i, ch in enumerate(joined[1:-1], 1) if ch in _GUILLEMETS)
    else:
        n = len(raw)
        if n >= _BLOCKWISE_CHARS:  # only the costly class pairs counted (classcodes.pair_sum)
            cost = pair_sum(raw, _CLASS_PAIRS)
        else:
            classes: Counter[int] = Counter(memoryview(raw[: n // 2 * 2]).cast("H"))
            if n > 1:
                classes.update(memoryview(raw[1: 1 + (n - 1) // 2 * 2]).cast("H"))
            cost = sum(map(operator.mul, classes.values(), map(_CLASS_PAIRS.__getitem__, classes)))
            cost += triple_sum(raw, _CLASS_PAIRS)
    letters = _EU_LETTERS.findall(joined)
    penalty = _alphabet_penalty(Counter(letters), "") if letters else 0.0
    penalty += shape_cost(joined, codec)  # (0.0 but for CJK readings: the same float)
    return cost + penalty


# From this many characters on, class_codes is the quicker (its fixed cost is a few calls:
# 2-3 us, what str.translate takes for 70-80 characters).
_BLOCKWISE_CHARS = 96

# What _alphabet_penalty looks at (all else it skips): accented Latin and Cyrillic letters, and
# for Japanese readings kana and ideographs too. A regex picks them at C speed.
_EU_LETTERS = re.compile("[\u00aa-\u052f\u1e00-\u1eff]")
_EU_RANGE = ("\u00aa", "\u052f", "\u1e00", "\u1eff")
_JA_LETTERS = re.compile("[\u00aa-\u052f\u1e00-\u1eff\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]")


def no_spaces(length: int, spaces: int, head: str | bytes) -> bool:
    """Text without spaces or line breaks (``spaces`` of them in ``length``) whose ``head`` is
    mostly ASCII: EBCDIC read as ASCII, or no text at all."""
    if length < 64 or spaces >= length / 64:
        return False
    if isinstance(head, str):
        return len(head.encode("ascii", "ignore")) > len(head) / 2
    return len(head.translate(None, bytes(range(128, 256)))) > len(head) / 2


def plausibility_cost(text: str, codec: str = "", bound: float = math.inf) -> float:
    """Total suspicion of ``text``'s non-ASCII characters (lower = more plausible).

    Once the per-character part alone exceeds ``bound`` the rest is skipped and that partial
    (lower-bound) cost is returned: the candidate has lost anyway.
    """
    window = 4 * SCORE_CHARS
    runs = _NON_ASCII_RUN.findall(text, 0, window)
    if len(text) > window and sum(map(len, runs)) < SCORE_CHARS:
        runs = _NON_ASCII_RUN.findall(text)  # sparse non-ASCII: look further
    if not runs:
        return 0.0
    cost = evidence_cost("\x00".join(runs)[:SCORE_CHARS], codec, bound)
    if cost > bound:
        return cost
    if codec not in _EBCDIC and no_spaces(len(text), text.count(" ") + text.count("\n"), text[:4096]):
        cost += 0.5 * len(text)  # no spaces or line breaks: EBCDIC (or not text at all)
    return cost
