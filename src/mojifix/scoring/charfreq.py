"""How often a character occurs in text: the prior that chooses a lost byte's value.

Why a module of its own: :mod:`mojifix.scoring.plausibility` prices whole lines with a few
coarse tiers (common / rare / wrong page), which cannot tell ``中`` from ``丫`` (both GB2312
level 1). When a byte of UTF-8 was lost (:mod:`mojifix.fixers.lostbytes`), up to 64 characters of
one block fit the bytes that survived, and only a finer frequency can pick one. The table is
built lazily, once per process, from data mojifix already ships with:

* hanzi and kanji: how often each character appears in pypinyin's phrase dictionary (47,000
  common words; a character's share of common words follows its share of running text well
  enough to rank the 64 characters of one block), backed off to the legacy standards' tiers
  (:func:`mojifix.scoring.codepages.cjk_tiers`);
* kana: a fixed order (the particles and endings first), hangul: KS X 1001's 2,350 common
  syllables, and the shares of their final consonants;
* Cyrillic: :data:`mojifix.scoring.letters.CYRILLIC_FREQ`; other scripts: letters before
  symbols, lower case before capitals.

The numbers are log-probabilities within a script; the caller adds the log of the script's
share (its prior for the line: the scripts of the characters that survived).

How far the numbers can be trusted (:func:`rank_untrusted`): the standards' tiers (GB2312,
JIS X 0208 and Big5 level 1, KS X 1001's hangul) were drawn from counts of real text, so
"common beats rare" is evidence; the order *among* common characters is not. The phrase counts
are words of a dictionary, not running text (心 counts twelve times 必), the hangul finals'
shares and the kana order are guesses with no Korean or Japanese text behind them (히 priced
fifteen times 있), and a traditional character the phrases lack gets a share made up for it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache

from .codepages import cjk_tiers
from .letters import CYRILLIC_FREQ

# Kana by rough frequency in running Japanese text (particles, endings, common syllables).
_HIRAGANA = "のにはをたがでてとしいるかなれすもっらりうあくこまさよつんおけえせそちみめやわほねむろ" \
            "ゆへふひぬきどじごずぜぞだぢづばびぶべぼぱぴぷぺぽゃゅょぁぃぅぇぉゎゐゑゔ"
_KATAKANA = "ルスントクリイラドーシアタプコレロマメフジカデバビテミナグッサニョャュパキボモオウ" \
            "ハエダゴピソブベポセケネヌヘホヒヤユヨワヲゼゾヂヅギゲザズヅチツァィゥェォヴヶヵ・"
# Shares of a hangul syllable's final consonant (index 0: none) in Korean text, roughly.
_FINALS = {0: 0.45, 4: 0.12, 8: 0.1, 21: 0.1, 1: 0.05, 16: 0.05, 17: 0.03, 19: 0.02, 20: 0.03}
_FLOOR = -20.0
_CJK_MARKS = "，。、：）（「」；！？『』【】《》・〈〉"


@lru_cache(maxsize=1)
def _han_counts() -> tuple[dict[str, int], int]:
    """{hanzi: occurrences in pypinyin's phrase dictionary}, and their total (read from the data
    file without importing pypinyin, as :mod:`mojifix.fixers.glosses` does)."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("pypinyin")
    counts: Counter[str] = Counter()
    for base in (spec.submodule_search_locations or []) if spec else []:
        path = os.path.join(base, "phrases_dict.json")
        if os.path.isfile(path):
            counts = _phrase_counts(path)
            break
    return dict(counts), max(1, sum(counts.values()))


# A phrase of the dictionary file as pypinyin writes it: a key at the start of its own line,
# its readings on the lines after (json.dump with indent).
_PHRASE = re.compile(r'"((?:[^"\\]|\\.)*)": \[$')


def _phrase_counts(path: str) -> Counter[str]:
    """The characters of the phrases (the keys) of pypinyin's ``phrases_dict.json``, counted a
    line at a time. Why not ``json.load``: the dictionary of 47,000 phrases with a list of
    lists of readings each was about 40 MB at once, for 5,000 counts (issue 20: the base of
    every Chinese file repaired through its lost bytes). A file not laid out a key a line
    (none found) is loaded whole, as before: the same counts either way."""
    import json

    counts: Counter[str] = Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = _PHRASE.match(line)
            if m is not None:
                key = m.group(1)
                counts.update(json.loads(f'"{key}"') if "\\" in key else key)
    if not counts:
        with open(path, encoding="utf-8") as f:
            for phrase in json.load(f):
                counts.update(phrase)
    return counts


def _rank(order: str, c: str) -> float:
    i = order.find(c)
    return math.log(1.0 / (i + 8)) if i >= 0 else math.log(1.0 / 400)


# The General Punctuation marks running text uses (dashes, curly quotes, the ellipsis); the
# rest of that block (two-dot leader ``‥``, one-dot leader ``․``, ...) is as rare as any symbol:
# priced alike, a lost byte was filled with a leader where the text had a hanzi.
_COMMON_MARKS = frozenset("\u2010\u2013\u2014\u2018\u2019\u201c\u201d\u2026")


def _rare_form(o: int) -> bool:
    """Code points text almost never holds although they are letters or marks: presentation
    and compatibility forms (FB00-FEFF: Arabic and Hebrew ligatures, vertical and small forms,
    combining half marks; a text writes the letters they stand for) and the supplementary
    planes' historic scripts (Tangut, Linear A ...; not the emoji, not the CJK extensions, which
    the han tiers price). A lost byte of 국 (EA B5 AD through Shift_JIS) was read as the Arabic
    ligature at EF B5 AD, priced as a letter: now priced as a control."""
    return 0xFB00 <= o <= 0xFEFF or (0x10000 <= o < 0x20000 and not 0x1F000 <= o <= 0x1FAFF)


# The letters of Latin Extended-B that languages write (Vietnamese ơ ư, Romanian ș ț).
_WRITTEN_EXTENDED = frozenset("\u01a0\u01a1\u01af\u01b0\u0218\u0219\u021a\u021b")


def _rare_letter(o: int) -> bool:
    """Letters no language of running text writes (Latin Extended-B, IPA, the modifier letters,
    the medievalist part of Latin Extended Additional before Vietnamese's 1EA0-1EF9): priced as
    letters of the line's script, a lost byte before a kana's last byte read as 'ɳ' or 'ȧ'
    beat the kana in a line whose only surviving letters were ASCII."""
    return 0x0180 <= o <= 0x02FF or 0x1E00 <= o <= 0x1E9F


def rank_untrusted(c: str) -> bool:
    """True for a character whose price in :func:`script_and_logp` is no evidence against
    another character of its kind: a kana (or 々 〆 〇, which stand for kanji), a hangul syllable of KS X 1001's common 2,350, a
    hanzi or kanji of a standard's common tier (see the module docstring). A lost byte that
    could as well make such a character was not chosen by data, only by the model's guess.

    >>> rank_untrusted("必"), rank_untrusted("있"), rank_untrusted("の"), rank_untrusted("д")
    (True, True, True, False)
    """
    o = ord(c)
    if 0x3040 <= o <= 0x30FF or 0x3005 <= o <= 0x3007:  # kana; 々 〆 〇 written as kanji
        return True
    common, _rare, hangul = cjk_tiers()
    return c in common or c in hangul


@lru_cache(maxsize=65536)
def script_and_logp(c: str, kanji: bool = False) -> tuple[str, float]:
    """(script, log-probability of ``c`` among that script's characters); script "" and
    :data:`_FLOOR` for characters text almost never holds (controls, private use, unassigned).

    >>> script_and_logp("中")[1] > script_and_logp("丫")[1]
    True
    """
    o = ord(c)
    cat = unicodedata.category(c)
    if cat[0] == "C" or o < 0xA0 or _rare_form(o):
        return "", _FLOOR
    if 0x3040 <= o <= 0x309F:
        return "kana", _rank(_HIRAGANA, c)
    if 0x30A0 <= o <= 0x30FF:
        return "kana", _rank(_KATAKANA, c) - 0.7
    if 0xAC00 <= o <= 0xD7A3:
        final = (o - 0xAC00) % 28
        common = c in cjk_tiers()[2]
        return "hangul", math.log(_FINALS.get(final, 0.004)) + (math.log(1 / 300) if common else math.log(1 / 30000))
    # (the supplementary planes' ideographs, Extension B on, are hanzi too: priced as letters of
    # a script "cjk" of their own, 𠂁 filled in for 関連 through Big5 at a letter's price)
    if cat == "Lo" and (0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF):
        counts, total = _han_counts()
        n = counts.get(c, 0)
        if n:
            return "han", math.log(n / total)
        common, rare, _ = cjk_tiers()
        if (c in common or c in rare) and not kanji:
            # Standard characters the (simplified Chinese) phrases lack: traditional forms and
            # Japanese kanji (這 個 們 說 記 欄). Their share of the text is unknown, not small:
            # priced as a frequent character of a script of their own, they win where the line's
            # surviving characters are of their kind, and in such a line they stand against any
            # counted character as a rival (言 was filled in for 記, 欠 for 欄 through EUC-KR,
            # with 記 priced as a character of half an occurrence).
            return "hant", math.log((200 if c in common else 5) / total)
        # (in a Japanese line, ``kanji``, they stay priced as rare: there the phrases' counts
        # rank the kanji well enough, and a kanji priced as frequent stood against 情 as 惡)
        return "han", math.log((0.5 if c in common else 0.1 if c in rare else 0.005) / total)
    if 0x0400 <= o <= 0x04FF:
        f = CYRILLIC_FREQ.get(c.lower())
        if f is None:
            return "cyrillic", math.log(0.0005)
        return "cyrillic", math.log(f / 100) + (math.log(0.06) if c.isupper() else 0.0)
    name = unicodedata.name(c, "")
    script = name.split(" ", 1)[0].lower() if cat[0] == "L" else "symbol"
    if 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFF5E:
        # CJK punctuation and full-width forms go with the ideographs; the marks every
        # sentence has first (a lost byte of ``。`` leaves the 64 characters of its block).
        i = _CJK_MARKS.find(c)
        return "han", math.log(0.02 / (i + 1) if i >= 0 else 0.0005 if cat[0] == "P" else 0.0001)
    if cat[0] == "L":
        if _rare_letter(o) and c not in _WRITTEN_EXTENDED:
            return script, math.log(0.00002)
        return script, math.log(0.02 if cat == "Ll" else 0.003)
    if c in _COMMON_MARKS:
        return "symbol", math.log(0.05)
    if cat[0] in "PS":
        return "symbol", math.log(0.001)
    return "symbol", math.log(0.0001)

