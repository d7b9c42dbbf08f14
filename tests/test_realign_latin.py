"""Realignment recovers a lost character before a Latin word from the page's own usage (issue
18, mojifix.fixers.realign._before_latin), on a whole real document made into a converter page
as bench/quality.py's ``realign`` kind makes it.

bzcat.1: ``可以? bzip2recover``, the lost trail byte of a D3xx character. No gloss follows it,
the page has no ``可以`` or ``以`` word with any candidate, and the word list ranks 有 (423,765)
over 由 and 用 (about 77,000 each): frequency alone would guess. The page writes ``用`` before a
space and a Latin word, a number or an option six times, ``由`` and ``有`` once each: it decides.
"""

from __future__ import annotations

import pytest

import mojifix
from test_restore_documents import _page


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_realign_recovers_a_lost_character_before_a_latin_word_from_the_page(lang):
    _, page, aligned = _page(lang, "bzcat.1", "realign")
    assert "可以用 bzip2recover" in aligned and "可以用" not in page
    assert mojifix.fix_text(page) == aligned


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_restore_gives_bzcat_its_lost_character_back(lang):
    art, page, _ = _page(lang, "bzcat.1", "restore")
    out = mojifix.fix_text(page, restore_original=True)
    assert "可以用 bzip2recover" in art and "可以用 bzip2recover" in out


def test_a_page_that_writes_two_candidates_before_latin_words_keeps_the_character_lost():
    # The same page with four more lines writing 由 before a Latin word: 用 six times to 由 five
    # is no clear choice, so the character stays U+FFFD (and is reported lost).
    _, page, aligned = _page("zh_CN", "bzcat.1", "realign")
    extra = "".join(f"由 {w} 完成。\n" for w in ("gzip", "tar", "zip", "xz"))
    repair = mojifix.repair_text(page + extra)
    assert repair.text == aligned.replace("可以用 bzip2recover", "可以\ufffd bzip2recover") + extra
    assert any(f.kind == "lost-characters" for f in repair.findings)
