"""The shape mojibake of a chain leaves on a line, beyond what a plausibility cost can tell.

(Moved out of :mod:`mojifix.fixers.chains`, which searches the chains, to keep that module
under 600 lines: these tests are one idea, asked by the search about each candidate.) A cost
alone would turn Western accents into Cyrillic or hanzi at a lower price; real mojibake of
each kind has a shape: whole words of non-ASCII characters through a single-byte page, runs of
ideographs for UTF-8 read as a CJK page, vowels where a Cyrillic language has them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from ..scoring import letters
from ..scoring.plausibility import cost
from .plan import CASE_SWAP

MULTIBYTE = frozenset({"gbk", "gb18030", "big5", "shift_jis", "euc-kr", "cp932"})
# Runs of non-ASCII characters: legacy text read through a single-byte page is made of them.
_RUNS = re.compile("[^\\x00-\\x7f]{3,}")
_SINGLE_BYTE = {"windows-1251", "koi8-r", "latin-1", "windows-1252", "windows-1253", "iso-8859-7"}


def legacy_shape(line: str, chain: tuple[str, ...]) -> bool:
    """Whether ``line`` has the shape a legacy-page chain leaves, beyond what a cost can tell.

    Western text is full of accented letters that a single-byte chain would turn into Cyrillic
    or hanzi at a lower cost: a lone ``é``/``à`` between ASCII words (Portuguese, French) or an
    all-capital word like ``ÀÉÎÕÜ``. Real mojibake of this kind is whole words of non-ASCII
    characters: Russian through cp1252 gives at least two such words of 3+ letters, mostly
    lower case (``Ïðèâåò ìèð``); CJK through Latin-1 gives a run of 4+ characters (two
    ideographs) that holds a symbol, not only letters (``ÄãºÃ``), or GBK's pinyin letters
    (below).
    """
    runs = _RUNS.findall(line)
    if any(map(_LISTED.search, runs)):
        return False  # a character table (``ÀÁÂÃÄÅ``): see _LISTED
    if chain[0] in _SINGLE_BYTE:
        # KOI8-R read as cp1251 swaps case (``чЕЮЕТПН``): its words are mostly capitals, and
        # only Cyrillic text gets that far (cp1251 cannot encode ``é``).
        # (Bulgarian ``пълниМ папки`` is lower case with one stray capital: not this.)
        # cp1251 read as KOI8-R swaps case the same way (``ОПНЖЕЯЯ`` is ``процесс``).
        # (The counts map the str methods over a run: at C speed, no Python step per
        # character; the line screens ask this of thousands of lines, issue 20.)
        if chain in CASE_SWAP:
            def shaped(r: str) -> bool:  # (an xkb keymap's ``уУюЮ`` pairs are half and half)
                return sum(map(str.isupper, r)) >= 0.6 * len(r)
        else:  # through cp1252: ``Ïðèâåò``, a capital then lower case
            def shaped(r: str) -> bool:
                return any(map(str.islower, r))
        words = 0
        # A word the line also writes in capitals is a table of letters, no word (``Vowels:
        # ÀÉÎÕÜ àéîõü ÂÊÎÔÛ âêîôû``, a QA pass's listing, read through cp1251 as ``АЙОХЬ
        # айохь``): the corpus' Russian and Ukrainian read through cp1252, 2,191 lines of two
        # words or more, hold 6 lines with such a pair (a man page's ``КОНТЕКСТ`` and
        # ``контекст``), each with other words that count.
        # Nor is a listing of the vowels (``àéîõü``, ``áéíóú``: see _vowels).
        capitals = {r for r in runs if r.isupper()}
        for r in runs:
            if (r.islower() and r.upper() in capitals) or _vowels(r):
                continue
            if shaped(r) and sum(map(str.isalpha, r)) >= 0.75 * len(r):  # ``è„¿`` is no word
                words += 1
                if words == 2:
                    return True
        return False
    # ... and a symbol among the letters: a lead or trail byte in A1-BF is one (``º`` in
    # ``ÄãºÃ``), and four hanzi with none are about 1 in 100; a run of accented letters only
    # (``alphabet="ñáéíóúüÑÁÉÍÓÚÜ"``) is a language's alphabet, not mojibake.
    # A run of quotation marks only (``'de': '„“‚‘'``, docutils' table) is no mojibake either.
    # Nor is one symbol repeated (``¯¯¯¯`` in an xkb keymap comment).
    # And symbols alone are no mojibake (``à[²µ¹¼½¾``, a regex class in ftfy's source): a hanzi
    # gives two symbols (leads B0-BF, trails A1-BF) about 1 time in 14; unless C1 controls show
    # the bytes (Shift_JIS leads 81-9F read as Latin-1).
    if any(len(r) >= 4 and len(set(r)) >= 3 and not set(r) <= _LATIN_LETTERS
           and (not set(r).isdisjoint(_LATIN_LETTERS) or any("\x80" <= c <= "\x9f" for c in r))
           and not all(unicodedata.category(c)[0] == "P" for c in r) for r in runs):
        return True
    # Western text saved as GBK keeps its accents in GBK's pinyin row (A8A1-A8BA: ``à`` is
    # A8 A4), read as Latin-1 ``¨¤``: short, but a diaeresis before a Latin-1 symbol is no
    # spelling of any language. At least two, and nothing else non-ASCII on the line.
    if chain[0] in ("gbk", "gb18030"):
        pairs = _PINYIN_ROW.findall(line)
        return len(pairs) >= 2 and 2 * len(pairs) == sum(not c.isascii() for c in line)
    return False


# Four characters of consecutive code points (``ÀÁÂÃ``, ``ÐÑÒÓ``): a character table, no
# mojibake (a QA pass's ``"ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß"``, the capitals of Latin-1 in a
# test, read as EUC-KR through Latin-1: ``읒쩠컵판훔墾勁``). The corpus' pages written as GBK,
# Big5, Shift_JIS, EUC-KR, cp1251 or cp1250, or UTF-8, and read through cp1252 or Latin-1
# (20,592 lines with a run of three or more) hold no such four: a multi-byte character's two
# bytes and the next one's would have to follow each other in the code page, a Russian word
# four letters of the alphabet in their order.
_LISTED = re.compile("|".join(
    "".join(chr(c + i) for i in range(4)) for c in range(0x80, 0x100 - 3)
    if all(chr(c + i).isprintable() for i in range(4))))



def _vowels(run: str) -> bool:
    """Whether ``run`` lists accented vowels: four or more, each a different vowel, in the
    alphabet's order (``àéîõü``, CPython's ``áéíóú``; through cp1251 ``айохь``, ``бйнуъ``). No
    run of the corpus' Russian, Ukrainian or ten other languages written as cp1251 or KOI8-R and
    read through cp1252 (64,476 runs of three or more) is one."""
    if len(run) < 4:
        return False
    bases = [unicodedata.normalize("NFD", c) for c in run]
    if any(len(b) < 2 or b[0].lower() not in "aeiouy" for b in bases):
        return False
    return all(a[0].lower() < b[0].lower() for a, b in pairwise(bases))


# The letters Latin-1 and cp1252 give bytes 80-FF (ª µ º count as symbols here: bytes AA B5 BA).
_LATIN_LETTERS = frozenset(chr(c) for c in range(0xC0, 0x100)) - {"×", "÷"} | frozenset("ŠŒŽšœžŸƒ")
_PINYIN_ROW = re.compile("\u00a8[\u00a1-\u00ba]")



def legacy_ok(line: str, chain: tuple[str, ...], cand: str,
              shaped: dict[tuple[bool, bool], bool] | None = None) -> bool:
    """:func:`legacy_shape`, and for text that was cp1251 or KOI8-R a repair that reads like a
    Cyrillic language: at least 30% vowels (sentences of Russian, Ukrainian or Bulgarian have 34-47%).
    Spanish ``áéíóú`` read back through cp1251 is ``бйнуъ``, one vowel in five.

    ``shaped``: the caller's answers of :func:`legacy_shape` for this very ``line``, by
    :func:`shape_class` (a line is asked about for each of its candidate chains, and the
    shape depends on the chain only through its class: issue 20, a fifth of the search's time)."""
    if shaped is None:
        ok = legacy_shape(line, chain)
    elif (key := shape_class(chain)) in shaped:
        ok = shaped[key]
    else:
        ok = shaped[key] = legacy_shape(line, chain)
    if not ok:
        return False
    if chain[0] in MULTIBYTE and chain[-1] == "windows-1252" and dropped_utf8(line):
        return False
    if chain[:2] in CASE_SWAP and len(chain) == 3:
        # Under an outer cp1252 layer, the inner KOI8-R layer must show its own shape (words
        # mostly in capitals) on the text between the two layers.
        try:
            mid = cand.encode(chain[0]).decode(chain[1])
        except (UnicodeEncodeError, UnicodeDecodeError):
            return False
        if not legacy_shape(mid, chain[:2]):
            return False
    if chain[0] in ("windows-1251", "koi8-r"):
        n, share = letters.vowel_share(cand)
        if n >= 6 and share < 0.3:
            return False
    if chain[0] == "windows-1251" and len(chain) == 2 and greek_reads_better(line, chain[1], cand):
        return False
    return True


def greek_reads_better(line: str, wrong: str, cand: str) -> bool:
    """Whether ``line``, read through ``wrong`` (Latin-1 or cp1252), is Greek's bytes rather than
    the cp1251 ``cand`` made of it: read as cp1253 or ISO-8859-7 it costs less. Greek saved
    with either page and opened as Latin-1 or cp1252 (``ÏÍÏÌÁ``, ``óýãêñéóç``) reads through
    cp1251 as Cyrillic of a low enough cost (``ПНПМБ``, ``уэгксйуз``): a QA pass had all five
    Greek pages of the corpus "repaired" so (its lower case words read with capitals inside,
    ``бсчеЯщн``, for ``ί``). A Russian line seldom gets this far: cp1251's ``я`` and ``Т`` (FF,
    D2) are holes of both Greek pages; and one that does costs nothing read as Russian, where
    Greek reads its ``а`` as ``ΰ``."""
    if wrong not in ("latin-1", "windows-1252"):
        return False
    try:
        data = line.encode(wrong)
    except UnicodeEncodeError:
        return False
    bar = None
    for page in ("windows-1253", "iso-8859-7"):
        try:
            greek = data.decode(page)
        except UnicodeDecodeError:
            continue
        if bar is None:
            bar = cost(cand)
        if cost(greek, bar) < bar:
            return True
    return False


def dropped_utf8(line: str) -> bool:
    """Whether ``line`` is UTF-8 read as windows-1252 whose undefined bytes were dropped
    (:func:`mojifix.fixers.droppedsingle.marked`): every pair of high bytes is a GBK or Big5
    character, and such a line, no UTF-8 as it stands, was read as GBK through windows-1252
    (Ukrainian ``ÑÐ¿Ð¾Ð²Ñ–`` for ``сповіщення``, its ``с`` D1 81 without the 81, became
    ``研啃拘``, and ``ОПИС`` beside it ``袨袩袠小``)."""
    from .droppedsingle import marked

    return marked(line, "windows-1252", strict=False) is not None


def shape_class(chain: tuple[str, ...]) -> tuple[bool, bool]:
    """All that :func:`legacy_shape` reads of ``chain``: through a single-byte page (and then
    whether it swaps case), or else whether GBK's pinyin row counts."""
    if chain[0] in _SINGLE_BYTE:
        return True, chain in CASE_SWAP
    return False, chain[0] in ("gbk", "gb18030")


def utf8_shape(line: str, cand: str, chain: tuple[str, ...]) -> bool:
    """Whether UTF-8 read as a CJK page (``chain[1]``) has the shape of mojibake on ``line``.

    A lone ideograph among ASCII is how a Western accent reads (``caf茅``), and the repair is a
    Latin letter. A lone ideograph that would become a letter of another script (``"丨"`` in a
    Unicode table is GBK for Arabic ``ح``) is not: real Arabic, Greek or Cyrillic text read
    that way gives runs of ideographs, one per letter. So with no run of two, the repair may
    hold only Latin letters and Western punctuation and symbols (``¿Qué``, ``€``; not Arabic
    ``٫`` from a pinyin collation table's ``棓``).
    Western means the whole Latin-1 supplement too (``ª µ º ¹ ¼`` and the soft hyphen are no
    punctuation or symbol by category, yet every Western page holds them) and the spacing
    accents of the Latin pages (``˘ ˛ ˇ ˝``, U+02C0-U+02DF): a character table of ISO 8859-1 or
    -2 read as GBK is one ideograph per entry (``241 161 A1 隆 INVERTED EXCLAMATION MARK``),
    never a run, and its repair is exactly these characters."""
    if chain[1] not in MULTIBYTE or chain[0] != "utf-8" or len(chain) != 2:
        return True
    if _unassigned().search(cand) is not None and _unassigned().search(line) is None:
        # A code point no text holds: the pair of bytes was never UTF-8 (GBK's ``蝷`` reads as
        # U+0380, a hole of the Greek block; a new user's QA had ``蝷趥`` "repaired" into one).
        return False
    if _RUNS2.search(line):
        return True  # a run of two or more: the common shape
    return all(c.isascii() or "\u00a0" <= c <= "\u00ff" or "\u02c0" <= c <= "\u02df"
               or unicodedata.name(c, "").startswith("LATIN")
               or (unicodedata.category(c)[0] in "PSZ" and (c < "\u0250" or "\u2000" <= c < "\u2300"))
               for c in cand)


_RUNS2 = re.compile("[^\\x00-\\x7f]{2,}")


@lru_cache(maxsize=1)
def _unassigned() -> re.Pattern[str]:
    """The code points this Python's Unicode data leaves unassigned (category Cn) up to U+FFFF,
    as one character class: a search at C speed. (Above U+FFFF a two-byte page cannot reach.)"""
    ranges: list[str] = []
    start = None
    for o in range(0x80, 0x10000):
        cn = unicodedata.category(chr(o)) == "Cn" and not 0xD800 <= o < 0xE000
        if cn and start is None:
            start = o
        elif not cn and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{o - 1:04x}")
            start = None
    return re.compile(f"[{''.join(ranges)}]")
_SCRIPT_LETTERS = 20  # letters of a script the repaired lines must hold before it counts


def script_of(c: str) -> str:
    """A character's script as its name's first word (CYRILLIC, GREEK; ``?`` for an unassigned
    code point, which has no name: the chain fixer's script test failed on one)."""
    return unicodedata.name(c, "?").split()[0]


def scripts_of(repairs: Iterable[str]) -> set[str]:
    """The scripts (a character name's first word: CYRILLIC, GREEK) of which ``repairs`` hold at
    least :data:`_SCRIPT_LETTERS` non-ASCII letters (the whole file's, when streamed)."""
    from ..scoring.evidence import page_totals

    chars: Counter[str] = Counter()
    for repair in repairs:  # (counted at C speed, a line at a time: one string of them all was
        chars.update(repair)  # a copy of every repaired line at the chain fixer's peak, issue 20)
    seen: Counter[str] = Counter()
    for c, n in chars.items():  # named once per letter
        if not c.isascii() and c.isalpha():
            seen[script_of(c)] += n
    return {k for k, n in page_totals("chain-scripts", dict(seen)).items() if n >= _SCRIPT_LETTERS}
