"""What a CJK reading of the evidence pays for its shape: Japanese without kana, Chinese spaced
like Korean.

Why a module of its own: these checks are part of detection's context cost
(:func:`mojifix.scoring.detectscore.context_cost`), and also a bound of their own that the
declaration check (:mod:`mojifix.decoding.overrule`) asks before it counts a CJK rival's
character pairs; both read one definition of the shape and of how ideographs are counted.
"""

from __future__ import annotations

import re

HAN_CODECS = frozenset({"gb2312", "gbk", "gb18030", "big5", "cp950", "big5hkscs"})
JA_CODECS = frozenset({"shift_jis", "cp932", "euc_jp", "iso2022_jp", "euc_jis_2004", "shift_jis_2004"})


def shape_cost(joined: str, codec: str = "") -> float:
    """The part of detection's context cost (:mod:`mojifix.scoring.detectscore`) that a CJK
    reading pays for its shape: Japanese without kana, Chinese spaced like Korean (0.4 an
    ideograph). It costs two or three C-speed searches, a fifth of the whole, and every other
    part is never negative: so it is a lower bound of ``context_cost``, and with ``char_cost``
    one of ``evidence_cost`` that rules out most wrong CJK readings of CJK text before their
    pairs are counted (:mod:`mojifix.decoding.overrule`; issue 20)."""
    if codec in JA_CODECS:
        # Japanese without kana (as detectscore._alphabet_penalty adds it): kana and ideographs
        # counted at C speed, not each distinct ideograph walked in Python (a Japanese reading
        # of CJK text holds hundreds: issue 20). Kana runs, not characters, are listed.
        ideographs = count_ideographs(joined)
        if ideographs >= 6 and sum(map(len, _KANA_RUNS.findall(joined))) < 0.1 * ideographs:
            return 0.4 * ideographs
    elif codec in HAN_CODECS and joined.count(" \x00") >= _SPACED_LEAST:
        # Chinese spaced like Korean: rather Korean read as Chinese (see _SPACED).
        ideographs = count_ideographs(joined)
        if len(_SPACED.findall(joined)) >= _SPACED_SHARE * ideographs:
            return 0.4 * ideographs
    return 0.0


# detectscore._letter_class's kinds 3 (kana) and 4 (CJK ideographs: count_ideographs), for
# shape_cost's two checks (Japanese without kana, Chinese spaced like Korean).
_KANA_RUNS = re.compile("[\u3040-\u30ff\uff66-\uff9f]+")
# The first byte of a character's UTF-16-BE code unit is 4E-9F exactly for U+4E00-U+9FFF (a
# surrogate's is D8-DF).
_IDEOGRAPH_HIGH = bytes(range(0x4E, 0xA0))


def count_ideographs(joined: str) -> int:
    """How many characters of ``joined`` are CJK ideographs (U+4E00-U+9FFF): the high bytes of
    its UTF-16 code units counted at C speed, an eighth of the time of summing the runs a regex
    finds on Korean text read as Chinese (issue 20).

    >>> count_ideographs("漢字 and かな, 😀 abc")
    2
    """
    high = joined.encode("utf-16-be", "surrogatepass")[::2]
    return len(high) - len(high.translate(None, _IDEOGRAPH_HIGH))


# Chinese spaced like Korean: two ideographs with one space between them (in the evidence, a
# run's trailing space and the next run: `` \x00``). Korean writes a space between words of two to
# four syllables, and its hangul read through a Chinese page are common hanzi (EUC-KR's hangul
# rows B0-C8 are GB2312's level 1): on char-dataset, such readings of its 34 Korean files put
# a space between 0.14 to 0.30 of their ideographs and the next, its 70 Chinese files (GB2312,
# Big5, GB18030) at most 0.063. From 0.1 a Chinese reading pays what Japanese without kana pays
# (0.4 an ideograph); only where the evidence holds 3 runs ending in a space at least (a window of
# a few words decides nothing; _SPACED_LEAST counts those runs, not the spaced ideographs).
_SPACED = re.compile("[\u4e00-\u9fff] \x00?(?=[\u4e00-\u9fff])")
_SPACED_SHARE = 0.1
_SPACED_LEAST = 3
