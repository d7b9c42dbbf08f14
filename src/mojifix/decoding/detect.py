"""Which legacy code page are these bytes in? Decode with every candidate, keep the most plausible.

Why not just ask charset-normalizer or chardet: both are good on long text and weak where mojifix
needs them -- short inputs and sibling code pages that decode the same bytes to different but
well-formed letters (cp1252 ``ñ`` vs cp1250 ``ń``, iso-8859-2 vs cp1250, GB2312 vs Big5 vs
Shift_JIS). A decoder for a repair tool can afford to look at the *decoded text*:

1. **Candidates.** A fixed list of the code pages people actually meet (each with a small prior
   cost: windows-125x and the main CJK standards are free, DOS/Mac/EBCDIC pages cost more),
   filtered by *strict* decoding. Strictness does most of the work for multi-byte codecs. A
   trailing, truncated multi-byte character does not disqualify a candidate (inputs get cut).
2. **Plausibility cost** of each decoded text, computed only over its non-ASCII characters and
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

3. **A second opinion.** chardet 7's byte-bigram language models vote (a vote for GB18030 counts
   for GB2312 and GBK, and so on); the vote's weight grows with the square root of the non-ASCII
   evidence, slower than the cost does, so it settles near-ties -- mostly on 10-30-byte inputs
   where letter classes alone cannot tell Korean from Chinese or Greek capitals from Russian --
   and does not overrule a clear cost gap on long text. On char-dataset it is worth 6 points on
   whole files and 19 on 32-byte windows (``bench/detect.py`` shows both).
4. **Ties that decode identically** are one answer: the candidate with the lowest prior (the most
   common name) is reported. Narrower standards come first (gb2312 before gbk, shift_jis before
   cp932), so a file is named after the smallest standard that decodes it.

5. **The common page on weak evidence.** When windows-1252 reads the bytes as plain Western text,
   a rarer page must beat it clearly (:mod:`mojifix.decoding.commonpage`): short Spanish ``niña`` is
   not Baltic ``niņa`` because that reading costs a little less.

The confidence is the cost margin between the winner and the best candidate that decodes to a
different text, mapped to 0..1 (``1 - exp(-margin / 4)``): 0 means a coin toss, 0.9 a margin of
about nine "suspicious characters".
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from ..scoring.codepages import row_chars

# (codec, prior cost). Order matters only among candidates that decode to identical text: the
# first one listed wins, so the most common / narrowest name comes first.
CANDIDATES: tuple[tuple[str, float], ...] = (
    ("utf-8", 0.0),
    ("gb2312", 0.0),
    ("gbk", 0.5),
    ("gb18030", 1.0),
    ("big5", 0.0),
    ("cp950", 0.5),
    ("big5hkscs", 1.0),
    ("shift_jis", 0.0),
    ("cp932", 0.5),
    ("euc_jp", 0.0),
    ("euc_kr", 0.0),
    ("cp949", 0.5),
    ("johab", 2.0),
    ("windows-1252", 0.0),
    ("iso8859-1", 0.2),
    ("iso8859-15", 0.5),
    ("windows-1250", 0.0),
    ("iso8859-2", 0.2),
    ("windows-1251", 0.0),
    ("koi8-r", 0.3),
    ("iso8859-5", 0.5),
    ("cp866", 0.5),
    ("koi8-u", 0.8),
    ("mac-cyrillic", 0.6),
    ("cp855", 1.5),
    ("kz1048", 1.5),
    ("ptcp154", 1.8),
    ("windows-1253", 0.2),
    ("iso8859-7", 0.2),
    ("cp869", 1.5),
    ("windows-1254", 0.2),
    ("iso8859-9", 0.3),
    ("cp857", 1.5),
    ("windows-1255", 0.2),
    ("iso8859-8", 0.4),
    ("windows-1256", 0.2),
    ("iso8859-6", 0.4),
    ("windows-1257", 0.5),
    ("iso8859-13", 0.8),
    ("iso8859-4", 1.0),
    ("cp775", 1.5),
    ("windows-1258", 0.8),
    ("tis-620", 0.2),
    ("cp874", 0.4),
    ("iso8859-3", 1.5),
    ("iso8859-10", 1.5),
    ("iso8859-16", 1.5),
    ("cp852", 1.2),
    ("cp850", 1.5),
    ("cp437", 1.5),
    ("mac-roman", 1.5),
    ("cp037", 3.0),
    ("cp500", 3.5),
    ("cp424", 3.0),
    ("utf-16-le", 3.0),
    ("utf-16-be", 3.0),
    ("utf-32-le", 3.0),
    ("utf-32-be", 3.0),
)

ESCAPE_CANDIDATES: tuple[tuple[str, float], ...] = (("iso2022_jp", 0.0), ("iso2022_kr", 0.0))

# Cost of a character that no text contains; a decode full of them is no candidate at all.
FATAL = 8.0
# Whether detect() asks chardet for a vote by default (bench/detect.py measures both).
SECOND_OPINION = True
CHARDET_WEIGHT = 5.0
# A candidate this much worse than the best so far is not scored further (confidence saturates
# long before: a margin of 30 gives 0.9994).
PRUNE_MARGIN = 30.0
# Score at most this many bytes (whole files are still decoded strictly in full).
SAMPLE_BYTES = 64 * 1024
# ...and at most this many characters of non-ASCII runs (plenty of evidence, bounded time).
SCORE_CHARS = 3000

_ASCII_BYTES = bytes(range(128))
_CONTROLS = tuple(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f")
_CJK_FAMILIES = (
    ("gb2312", "gbk", "gb18030"),
    ("big5", "cp950", "big5hkscs"),
    ("cp037", "cp1140", "cp500"),
)
_EBCDIC = frozenset({"cp037", "cp500", "cp424"})
_HAN_CODECS = frozenset({"gb2312", "gbk", "gb18030", "big5", "cp950", "big5hkscs"})
_JA_CODECS = frozenset({"shift_jis", "cp932", "euc_jp", "iso2022_jp"})
_KO_CODECS = frozenset({"euc_kr", "cp949", "johab", "iso2022_kr"})

# Russian letter frequencies (%), the usual corpus figures.
_RU_FREQ = dict(
    zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
        (10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40, 3.49, 3.21, 2.98, 2.81,
         2.62, 2.01, 1.90, 1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97, 0.94, 0.73, 0.64, 0.48,
         0.36, 0.32, 0.26, 0.04, 0.04),
        strict=True,
    )
)
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
# Letters beyond Russian, by language: a text's should mostly come from one of these.
_CYRILLIC_ALPHABETS: tuple[str, ...] = (
    "ґєії",  # uk
    "іў",  # be
    "ђјљњћџ",  # sr
    "ѓќѕјљњџ",  # mk
    "әғқңөұүһі",  # kk
    "ғқҳўҷӣ",  # uz / tg
    "ңөү",  # ky / tt
)
# Greek letter frequencies (%), accents folded, rounded.
_GREEK_FREQ = dict(
    zip(
        "αοιετσνηυρπκμλωγδθχφβξζψς",
        (12.0, 10.0, 9.0, 8.0, 8.0, 5.0, 7.0, 5.0, 4.5, 4.5, 4.0, 4.0, 3.5, 3.0, 2.0, 2.0, 2.0,
         1.5, 1.0, 0.9, 0.7, 0.5, 0.4, 0.2, 2.0),
        strict=True,
    )
)

# Accented letters by language: a text's accented letters should mostly come from one of these.
_LATIN_ALPHABETS: tuple[str, ...] = (
    "áéíóúñü",  # es
    "áâãàçéêíóôõú",  # pt
    "àâæçéèêëîïôœùûüÿ",  # fr
    "àèéìíîòóù",  # it
    "äöüßé",  # de
    "éëïöüèáó",  # nl
    "àçèéíïòóúü",  # ca
    "ąćęłńóśźż",  # pl
    "áčďéěíňóřšťúůýž",  # cs
    "áäčďéíĺľňóôŕšťúýž",  # sk
    "áéíóöőúüű",  # hu
    "ăâîșțşţ",  # ro
    "çğıöşüâîİ",  # tr
    "čćđšž",  # hr / sl / bs
    "åäöé",  # sv
    "äöåšž",  # fi
    "æøåéó",  # da / no
    "áðéíóúýþæö",  # is
    "ąčęėįšųūž",  # lt
    "āčēģīķļņšūž",  # lv
    "äõöüšž",  # et
    "çë",  # sq
    "àáâãèéêìíòóôõùúýăđĩũơư",  # vi (base letters)
    "ĉĝĥĵŝŭ",  # eo
    "ċġħżàèìòù",  # mt
    "âêîôûŵŷáéíóú",  # cy / ga
)
_LATIN_COMMON = set("".join(_LATIN_ALPHABETS))
_LATIN1_SYMBOLS = set("©®°±×÷€£¥¢™µ¹²³¼½¾§¶«»¡¿·•…–—‘’‚“”„†‡‰‹›′″−√∞≤≥≠※○●◎◇◆□■△▲▽▼★☆→←↑↓")

_THAI_RARE = set("ฃฅฆฌญฎฏฐฑฒฬฮฤฦฝฺ๏๚๛ฯ")
_LOW_QUOTES = set("‚„")
_CLOSERS = set("”»›")
_OPENERS = set("“„«‹")
_MID_SYMBOLS = set("×÷¤¦¨¬¯´¸¶§¢£¥µ¬±°¼½¾")
_NON_ASCII_RUN = re.compile(r"[\x20-\x7e]?[^\x00-\x7f]+[\x20-\x7e]?")


@dataclass(frozen=True)
class Detection:
    """The chosen encoding, its decoded text, and how clearly it won.

    ``ranking`` lists (encoding, cost) for every candidate that decoded the bytes, best first
    (lower cost = more plausible); useful for explaining a choice. Costs of candidates far
    behind the winner are lower bounds (their scoring stopped early).
    """

    encoding: str
    text: str
    confidence: float
    ranking: tuple[tuple[str, float], ...]


@cache
def _canon(codec: str) -> str:
    return codecs.lookup(codec).name


def _decode_tolerant(data: bytes, codec: str) -> str | None:
    """Strict decode that forgives one truncated character at the very end (as U+FFFD)."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    try:
        text = decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None
    try:
        pending = decoder.getstate()[0]
    except (AttributeError, TypeError):  # pragma: no cover - codecs without state
        pending = b""
    if pending:
        if len(pending) > 3:
            return None
        text += "\ufffd"
    return text


# --- character classes and frequency tiers -------------------------------------------------


@lru_cache(maxsize=1)
def _cjk_tiers() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(common hanzi/kanji, less common ones, common hangul) from the legacy standards' layout."""
    common: set[str] = set()
    rare: set[str] = set()
    hangul: set[str] = set()

    def rows(codec: str, leads: range, trails: range | list[int], into: set[str]) -> None:
        into |= row_chars(codec, leads, trails)

    euc_trail = range(0xA1, 0xFF)
    rows("gb2312", range(0xB0, 0xD8), euc_trail, common)  # GB2312 level 1
    rows("gb2312", range(0xD8, 0xF8), euc_trail, rare)  # level 2
    rows("euc_jp", range(0xB0, 0xD0), euc_trail, common)  # JIS X 0208 level 1
    rows("euc_jp", range(0xD0, 0xF5), euc_trail, rare)  # level 2
    big5_trail = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    for lead in range(0xA4, 0xFA):
        for trail in big5_trail:
            code = (lead << 8) | trail
            if 0xA440 <= code <= 0xC67E:
                target = common
            elif 0xC940 <= code <= 0xF9D5:
                target = rare
            else:
                continue
            try:
                target.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                pass
    rows("euc_kr", range(0xB0, 0xC9), euc_trail, hangul)  # KS X 1001's 2,350 hangul
    return frozenset(common), frozenset(rare - common), frozenset(hangul)


@lru_cache(maxsize=1)
def _standard_tiers() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Per standard, (level 1, level 2): what a GB, Big5 or JIS reading makes common or rare."""
    euc_trail = range(0xA1, 0xFF)

    def rows(codec: str, leads: range, trails: range | list[int]) -> frozenset[str]:
        return frozenset(row_chars(codec, leads, trails))

    big5_trail = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    return {
        "gb": (rows("gb2312", range(0xB0, 0xD8), euc_trail), rows("gb2312", range(0xD8, 0xF8), euc_trail)),
        "big5": (rows("big5", range(0xA4, 0xC6), big5_trail), rows("big5", range(0xC9, 0xFA), big5_trail)),
        "ja": (rows("euc_jp", range(0xB0, 0xD0), euc_trail), rows("euc_jp", range(0xD0, 0xF5), euc_trail)),
    }


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
            return 0.4 if ch in _cjk_tiers()[2] else 2.5
        return 1.5  # isolated jamo
    if script == "cjk":
        if 0x3040 <= o < 0x3100:
            return 0.4  # kana (dearer in Chinese codecs: see _codec_adjust)
        if 0xFF66 <= o < 0xFFA0:
            return 1.5  # half-width katakana
        common, rare, _ = _cjk_tiers()
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


def _family(codec: str) -> str:
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
        common, rare = _standard_tiers()[family]
        if ch in common:
            return 0.4 - _char_cost(ch)
        if ch in rare:
            return 1.2 - _char_cost(ch)
        # Outside the base standard (GBK's Traditional characters, cp932's NEC rows): judged
        # by the other standards' tiers.
    return 0.0


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
        if (sa or sb) and (other in _MID_SYMBOLS or "\u2500" <= other < "\u25a0"):
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
    """A closing quote before a letter, or an opening one after it, is a misread letter."""
    if (a in _CLOSERS and b.isalpha()) or (a.isalpha() and b in _OPENERS):
        return 3.0
    if a in "‘‚" and _script(b) in ("cyrillic", "greek"):
        return 1.5  # English single quotes do not open Russian or Greek words
    if a in _LOW_QUOTES and b.isspace():
        return 1.5  # a low-9 quote opens a quotation, it is not followed by a space
    return 0.0


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
    joined = "\x00".join(runs)[:SCORE_CHARS]
    chars = Counter(joined)
    del chars["\x00"]
    cost = 0.0
    family = _family(codec)
    latin_counts: Counter[str] = Counter()
    cyrillic_counts: Counter[str] = Counter()
    for ch, n in chars.items():
        if ch < "\x80":
            if ch < " " and ch not in "\t\n\r\f":
                cost += FATAL * n
            continue
        cost += (_char_cost(ch) + _codec_adjust(ch, family)) * n
        script = _script(ch)
        if script == "latin":
            latin_counts[ch.lower()] += n
        elif script == "cyrillic" and ch.lower() not in _RU_FREQ:
            cyrillic_counts[ch.lower()] += n
    if cost > bound:
        return cost
    pairs = Counter(map(str.__add__, joined, joined[1:]))
    for pair, n in pairs.items():
        cost += _pair_cost(pair) * n
    if codec not in _EBCDIC and len(text) >= 64:
        spaces = text.count(" ") + text.count("\n")
        head = text[:4096]
        if spaces < len(text) / 64 and len(head.encode("ascii", "ignore")) > len(head) / 2:
            cost += 0.5 * len(text)  # no spaces or line breaks: EBCDIC (or not text at all)
    if codec in _JA_CODECS:
        kana = sum(n for ch, n in chars.items() if "\u3040" <= ch < "\u3100" or "\uff66" <= ch < "\uffa0")
        han = sum(n for ch, n in chars.items() if "\u4e00" <= ch < "\ua000")
        if han >= 6 and kana < 0.1 * han:
            cost += 0.4 * han  # Japanese without kana: rather Chinese or Korean read as Japanese
    for counts, alphabets in (
        (latin_counts, _LATIN_ALPHABETS),
        (cyrillic_counts, _CYRILLIC_ALPHABETS),
    ):
        if counts:
            total = sum(counts.values())
            best = max(sum(n for ch, n in counts.items() if ch in abc) for abc in alphabets)
            cost += 1.0 * (total - best)
    return cost


def _chardet_opinion(data: bytes) -> dict[str, float]:
    """chardet 7's confidence per codec, scaled so its favourite is 1.0 ({} if unavailable)."""
    try:
        import chardet
    except ImportError:  # pragma: no cover - chardet is a dependency, but stay usable without
        return {}
    try:
        results = chardet.detect_all(data, ignore_threshold=True)
    except Exception:  # pragma: no cover - a second opinion must never break decoding
        return {}
    opinion: dict[str, float] = {}
    for r in results:
        name, conf = r.get("encoding"), r.get("confidence") or 0.0
        if not name:
            continue
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        opinion[codec] = max(opinion.get(codec, 0.0), float(conf))
    # chardet names the superset (GB18030 for GB2312 text): its vote goes to the whole family,
    # and plausibility and priors pick the narrowest member.
    for family in _CJK_FAMILIES:
        vote = max(opinion.get(n, 0.0) for n in family)
        if vote:
            opinion.update(dict.fromkeys(family, vote))
    top = max(opinion.values(), default=0.0)
    return {k: v / top for k, v in opinion.items()} if top > 0 else {}


def detect(data: bytes, *, second_opinion: bool | None = None) -> Detection | None:
    """Pick the most plausible legacy encoding of ``data``; ``None`` when nothing fits.

    ``second_opinion`` (default :data:`SECOND_OPINION`) asks chardet for its vote.

    ``data`` is expected not to be plain UTF-8 (the caller tries that first), but any bytes
    are accepted.
    """
    candidates = CANDIDATES
    if b"\x1b$" in data or b"\x1b(" in data:
        candidates = ESCAPE_CANDIDATES + CANDIDATES
    sample = data[:SAMPLE_BYTES]
    # Identical decodes are scored once per codec family, under every name that produced them.
    decoded: dict[str, list[tuple[str, float]]] = {}
    texts: dict[str, str] = {}
    for codec, prior in candidates:
        text = _decode_tolerant(data, codec)
        if text is None:
            continue
        key = text if len(data) <= SAMPLE_BYTES else text[: len(sample)]
        decoded.setdefault(key, []).append((codec, prior))
        texts.setdefault(key, text)
    if not decoded:
        return None
    if second_opinion is None:
        second_opinion = SECOND_OPINION
    opinion = _chardet_opinion(sample) if second_opinion and len(decoded) > 1 else {}
    # chardet's say grows with the evidence, but slower than the plausibility cost does.
    evidence = len(sample[: SCORE_CHARS * 2].translate(None, _ASCII_BYTES))
    weight = CHARDET_WEIGHT * math.sqrt(max(4, evidence) / 4)
    scored: list[tuple[float, str, str]] = []
    best_total = math.inf
    # Likely winners first, so that hopeless candidates can stop scoring early.
    order = sorted(decoded, key=lambda k: -max(opinion.get(_canon(c), 0.0) for c, _ in decoded[k]))
    for key in order:
        members = decoded[key]
        text = texts[key]
        piece = key if len(data) <= SAMPLE_BYTES else _decode_tolerant(sample, members[0][0]) or key
        family_cost: dict[str, float] = {}
        costs: list[tuple[float, float, str]] = []  # (own cost, with chardet's vote, codec)
        for codec, prior in members:
            canon = codecs.lookup(codec).name
            family = _family(canon)
            if family not in family_cost:
                family_cost[family] = plausibility_cost(piece, canon, best_total + PRUNE_MARGIN)
            own = family_cost[family] + prior
            vote = weight * (1.0 - opinion.get(canon, 0.0)) if opinion else 0.0
            costs.append((own, own + vote, codec))
        # The text is judged with the vote; its name is the most plausible, most common one.
        scored.append((min(c[1] for c in costs), min(costs, key=lambda c: c[0])[2], text))
        best_total = min(best_total, scored[-1][0])
    scored.sort(key=lambda s: s[0])
    best_cost, best_codec, best_text = scored[0]
    head = best_text[:SAMPLE_BYTES]
    chars = len(head) - len(head.encode("ascii", "ignore")) + sum(map(head.count, _CONTROLS))
    if best_cost > 3.0 * max(4, chars):
        return None  # even the best reading is mostly characters no text contains
    margin = scored[1][0] - best_cost if len(scored) > 1 else 20.0
    from .commonpage import COMMON_MARGIN, RARER_MARGIN, prefer_plain

    plain = prefer_plain(scored)
    if plain is not None:
        # The common code page reads the bytes as plain Western text and the rarer winner is
        # not clearly better: the plain answer, as sure as the rarer one's missing lead.
        need = COMMON_MARGIN.get(best_codec, RARER_MARGIN)
        margin = max(0.0, scored[0][0] - scored[plain][0] + need)
        scored.insert(0, scored.pop(plain))
        best_cost, best_codec, best_text = scored[0]
    confidence = round(1.0 - math.exp(-margin / 4.0), 3)
    ranking = tuple((codec, round(cost, 2)) for cost, codec, _ in scored)
    return Detection(best_codec, best_text, confidence, ranking)
