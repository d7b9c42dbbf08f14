"""Learner items: the runs of hanzi a person glossed whole, the evidence that keeps a lesson's pinyin.

Why a module of its own: the gloss fixer (:mod:`mojifix.fixers.glosses`) decides from a page's
counts; this is how one of them is counted, a walk over the page's glosses and what stands beside
them, with its own measurements (QA 26, item 3: a Traditional vocabulary list, a table,
flashcards lost every reading). The threshold that turns the count into a decision,
``glosses.MIN_ITEMS``, stays with the rule it belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..scoring.evidence import is_recording
from .pinyintable import HANZI

# A hanzi or a kana: a character of a run (kana are part of it, unglossed: ``記(jì)者(zhě)の``
# is a Japanese sentence, no item).
_RUN_CHAR = re.compile(f"[{HANZI}\u3040-\u30ff]")
_SPACES = " \t\u3000"
# What stands beside a learner's item, besides a line's edge and spaces: a label's colon, table
# marks, list markers, dashes; a Latin word or a number only across a space (a meaning: ``學(xué)
# study``). Quotes, brackets and sentence ends stand in running text (``輿(yú)論(lùn)“職(zhí)業(yè)”``).
_LIST_MARKS = "：|｜-–—=/•·*#"
# Marks between a list's members: a member is an item only when those beside it are items too
# (``學(xué)、習(xí)``; the converter's ``“基層(céng)”、職(zhí)業(yè)、ZHANG Wei`` is a list of running text).
# ASCII ``, ; :`` count only with a space after them: a converted ``，`` has none.
_LIST_SEPS = "、，；,;"
# A gloss's shape on the first hanzi of a run: no hanzi or kana before it (a ``)`` may end a
# gloss before it, which :func:`learner_items` tells apart).
_RUN_START = re.compile(f"\\((?<=[{HANZI}]\\()(?<![{HANZI}\u3040-\u30ff][{HANZI}]\\()")


def learner_items(text: str, confirmed: int, gloss: re.Pattern[str],
                  is_reading: Callable[[str, str], bool]) -> tuple[int, int]:
    """How many of the page's ``confirmed`` glosses stand in a learner's item, and in how many
    items (a page needs ``glosses.MIN_ITEM_RUNS``). An item is a run of hanzi whose every character
    is glossed (``學(xué)``, ``學(xué)習(xí)``), with no run beside it, across spaces only, that is not
    (``1. 學(xué) - to study``, ``| 學(xué) | study |``, ``學(xué)、習(xí)``, ``學(xué) 習(xí)``, one flashcard a
    line, a poem's glossed line).

    A learner glosses every character of what they teach: a list item, a table cell, a
    flashcard. The converter glosses the characters its ``s2t`` changed wherever they stand in
    running text, beside the shared forms it leaves unglossed (``丁翊強(qiáng)調(diào),要``), so its
    glosses stand in such runs only where a word happens to be all changed forms between
    punctuation. Measured (issue QA 26: a Traditional vocabulary list, table, flashcards lost
    every reading, being dense and all on changed forms, which a lesson of Traditional script
    is): converter pages built from the 98 zh_CN/zh_TW manual pages (bench kind restore, seeds
    18-20, 60% and all of the changed forms glossed) have at most 19% of their glosses in items
    (alter_operator_class.7; close.2, whose translation puts a space between words, 0-6%: words
    of a space-separated page are no items when a word beside them is unglossed), the 40 web
    snippets and the user's sample none (0 of 228); learner layouts built from real words of the
    zh_TW pages with pypinyin's readings (numbered lists, tables, flashcards, ``、``-, space- and
    tab-separated; toned, toneless) 100%. At ``glosses.MIN_ITEMS`` or more the page is a person's.
    Where an item may stand (a line's edge, ``_LIST_MARKS``, ``_LIST_SEPS``) comes from the
    converter property test (tests/test_converter_property.py): word salads of all-changed words
    between quotes, ``、`` and converted commas were items by a looser rule.

    ``gloss`` is the fixer's gloss shape (its CANDIDATE) and ``is_reading`` its dictionary check,
    handed in: this module sits below the fixer. Only the glosses that start a run are looked at
    (``_RUN_START``), each followed through the glosses back to back after it: on a converter's
    page, a few in a hundred. In a streamer's
    first pass (whose counts add up over chunks), a run that ends a chunk cut inside a line (a
    line longer than a chunk) is no item: its other part is in the next chunk, and the two
    would count as two items."""
    if not confirmed:
        return 0, 0
    cut = is_recording() and not text.endswith("\n")
    word = _RUN_CHAR.match
    size = len(text)
    items = runs = 0
    # The previous run looked at, its right side not yet settled: its end, its confirmed
    # glosses (an item's, so far: every character glossed, a left edge), and where a run beside
    # it across spaces starts (-1: none). Runs beside each other (``學(xué) 習(xí)``, ``學(xué)、習(xí)``)
    # are items together or not at all: ``chain`` holds the glosses and runs of those before
    # the pending one, settled when the group's last run meets an edge (a group that ends
    # before ``.`` is running text: ``the. 測(cè)試(shì) 測(cè)試(shì) 測(cè)試(shì).``).
    prev_end, pending, beside = -1, 0, -1
    chain_items = chain_runs = 0
    for start in _RUN_START.finditer(text):
        first = start.start() - 1
        if first and text[first - 1] == ")" and _gloss_ends_at(text, first, gloss):
            continue  # (inside a run: the gloss before it goes on to this one)
        good, full, end = 0, True, first
        while (m := gloss.match(text, end + 1)) is not None:
            ok = is_reading(m.group(1), m.group(2))
            good += ok
            full = full and ok
            end = m.end()
            if not (end + 1 < size and text[end + 1] == "(" and word(text, end)):
                break
        full = full and not (end < size and word(text, end))
        linked = False  # (whether the previous run was an item so far, and this run beside it)
        if pending:  # the previous run's right side: this run, when it is the one beside
            if beside < 0:
                items += chain_items + pending
                runs += chain_runs + 1
                chain_items = chain_runs = 0
            elif beside == first and full:
                chain_items += pending
                chain_runs += 1
                linked = True
            else:
                chain_items = chain_runs = 0
            pending = 0
        elif chain_runs:
            chain_items = chain_runs = 0
        left = first - 1
        while left >= 0 and text[left] in _SPACES:
            left -= 1
        spaced = 0 <= left < first - 1
        if left >= 0 and text[left] in _LIST_SEPS and (spaced or text[left] not in ",;"):
            left -= 1  # (a list's member: the one before it must be an item's run)
            while left >= 0 and text[left] in _SPACES:
                left -= 1
            if full and good and left + 1 == prev_end and linked:
                pending = good
        elif full and good and _left_edge(text, left, spaced) and not (
                spaced and (word(text, left) or (left + 1 == prev_end and not linked)
                            or (left + 1 != prev_end and text[left] == ")" and _gloss_ends_at(text, left + 1, gloss)))):
            pending = good
        if not pending:
            chain_items = chain_runs = 0
        right = end
        while right < size and text[right] in _SPACES:
            right += 1
        if right < size and text[right] in _LIST_SEPS and (text[right] not in ",;" or text[right + 1:right + 2] in " \t"):
            right += 1  # (a list's member: the one after it must be an item's run)
            while right < size and text[right] in _SPACES:
                right += 1
            beside = right if right < size and word(text, right) else -1 if right == size or text[right] in "\r\n" else size
        else:
            beside = right if end < right < size and word(text, right) else -1
            if pending and beside < 0 and not _right_edge(text, right, right > end):
                beside = size  # (no run starts there: the run's right side is no item's)
        prev_end = end
    if pending and beside < 0 and not (cut and prev_end == size):
        items += chain_items + pending
        runs += chain_runs + 1
    return items, runs


def _left_edge(text: str, left: int, spaced: bool) -> bool:
    """Whether ``text[left]``, the first character before a run that is not a space
    (``spaced``: spaces between), may stand before a learner's item (see ``_LIST_MARKS``; a run
    across spaces, ``學(xué) 習(xí)``, is :func:`learner_items`' to judge)."""
    if left < 0:
        return True
    c = text[left]
    if c in "\n\r.)" or c in _LIST_MARKS or (spaced and ((c.isascii() and c.isalnum()) or _RUN_CHAR.match(c))):
        return True  # (a line's start, ``1.``, ``1)``, ``(1)``, a label ``生字：``)
    return spaced and c == ":"


def _right_edge(text: str, right: int, spaced: bool) -> bool:
    """Whether ``text[right]``, the first character after a run that is not a space, may stand
    after a learner's item (see ``_LIST_MARKS``; a run beside it across spaces is
    :func:`learner_items`' to judge)."""
    if right >= len(text):
        return True
    c = text[right]
    if c in "\n\r" or c in _LIST_MARKS or (spaced and (c == "(" or (c.isascii() and c.isalnum()))):
        return True  # (``學(xué) - to study``, ``學(xué) study``, ``學(xué) (n.)``)
    return c == ":" and (right + 1 == len(text) or text[right + 1] in " \t\r\n")


def _gloss_ends_at(text: str, pos: int, gloss: re.Pattern[str]) -> bool:
    """Whether a gloss's shape (``gloss``, the fixer's CANDIDATE) ends just before ``pos``, at a ``)``."""
    opening = text.rfind("(", max(0, pos - 12), pos)
    return opening > 0 and (m := gloss.match(text, opening)) is not None and m.end() == pos
