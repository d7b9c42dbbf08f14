"""Pinyin-gloss converter pages built from real Chinese documents: the ``restore`` and ``realign``
kinds of bench/quality.py (issue 18).

Why a module of its own: the two kinds share one simulation of the converter, and that
simulation already exists once, as the test helper ``tests/gloss_converter.py`` (OpenCC ``s2t``,
glosses inserted by ``str_replace`` on the GBK bytes, ``，？！：；`` replaced by ASCII on the bytes,
decoded as the pages show it). It is reused here, not copied, so the bench and the tests agree on
what the converter does.

The article: a zh_CN document as it is; a zh_TW document through OpenCC ``t2s`` (the converter
takes mainland articles: the Simplified text with the document's own full-width punctuation is
what it started from). The glossed characters: a seeded 60% of the distinct characters that
``s2t`` changed (the samples gloss Traditional forms, a different subset on every page).

* restore: ``fix_text(page, restore_original=True)``. **Exact** means the article itself: the
  Simplified script (OpenCC ``t2s`` of the page's hanzi) and full-width ``，？！：；`` wherever
  the article had them, including after a Latin word or a digit (``Apache，你``), with every
  gloss removed. Every document GBK can carry is a case (the few whose bytes the converter also
  shifted are counted here too: a user meets them).
* realign: only documents where the converter's byte-level replacements shifted GBK bytes (the
  page differs from the same glossing and punctuation done character by character).
  ``fix_text(page)`` (default settings) is compared with the converter's output as it would
  have been without the shift: Traditional script, ASCII ``, ? ! : ;``, glosses removed.

Fairness, checked: OpenCC ``t2s`` of the converter's ``s2t`` gives every article back (0 of the
98 restore cases differ), so no case asks for a Simplified character the page cannot show; and
every punctuation mark the converter made ASCII is still on the page, so exact is reachable in
principle. What the page cannot settle (a lost byte with no gloss, a writer who mixed ASCII and
full-width marks) stays a failure: that is the repair's limit, not the bench's. The realign
kind measures the lost-character recovery with jieba's word frequencies when the ``words``
extra is installed (part of the ``bench`` extra); without it, those characters stay U+FFFD.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import gloss_converter

LANGS = ("zh_CN", "zh_TW")
RESTORE_VARIANT = "s2t + glosses + ASCII punctuation → article"
REALIGN_VARIANT = "GBK bytes shifted → converter output"
GLOSSED_SHARE = 0.6

Case = tuple[str, str | None, str | None]


@lru_cache(maxsize=1)
def _t2s():  # -> opencc.OpenCC
    import opencc

    return opencc.OpenCC("t2s")


def article(lang: str, text: str) -> str:
    return _t2s().convert(text) if lang == "zh_TW" else text


def _page(lang: str, text: str, rng: random.Random) -> tuple[str, str, str | None] | None:
    """(article, page, the converter's output had it shifted no byte, or None when it shifted
    none), or None when the document is not Chinese or GBK cannot carry it."""
    if lang not in LANGS:
        return None
    art = article(lang, text)
    trad = gloss_converter._s2t().convert(art)
    try:
        trad.encode("gbk")
    except UnicodeEncodeError:
        return None
    changed = sorted({t for a, t in zip(art, trad, strict=False) if a != t} if len(art) == len(trad)
                     else set(trad) - set(art))
    glossed = {c for c in changed if rng.random() < GLOSSED_SHARE}
    if not glossed:
        return None
    page, _ = gloss_converter.convert(art, glossed)
    aligned = "".join(gloss_converter.FULL_TO_ASCII.get(c, c) for c in trad)
    # The same glossing and punctuation done character by character: the page had no shift
    # when it equals this.
    unshifted = "".join(f"{c}({gloss_converter.default_reading(c)})" if c in glossed
                        else gloss_converter.FULL_TO_ASCII.get(c, c) for c in trad)
    return art, page, aligned if page != unshifted else None


def restore_cases(lang: str, text: str, rng: random.Random) -> Iterable[Case]:
    if lang not in LANGS:
        return  # not a case at all (not "skipped"): the converter takes Chinese articles
    made = _page(lang, text, rng)
    yield (RESTORE_VARIANT, made[0], made[1]) if made else (RESTORE_VARIANT, None, None)


def realign_cases(lang: str, text: str, rng: random.Random) -> Iterable[Case]:
    if lang not in LANGS:
        return
    made = _page(lang, text, rng)
    yield (REALIGN_VARIANT, made[2], made[1]) if made and made[2] is not None else (
        REALIGN_VARIANT, None, None)
