"""--restore and realignment on whole real documents turned into converter pages (issue 18).

The pages are made as bench/quality.py makes its ``restore`` and ``realign`` cases: a manual
page of the shared corpus (zh_TW through OpenCC ``t2s``: the mainland article the converter
started from) through the simulated converter of ``gloss_converter.py``, glossing a seeded 60%
of the characters ``s2t`` changed.
"""

from __future__ import annotations

import random
import re

import pytest

import gloss_converter
import mojifix
from conftest import shared_path


def _page(lang: str, name: str, kind: str) -> tuple[str, str, str]:
    """(article, converter page, the converter's output had it shifted no byte)."""
    text = shared_path("corpus", "manpages", lang, f"{name}.txt").read_text("utf-8")
    import opencc

    art = opencc.OpenCC("t2s").convert(text) if lang == "zh_TW" else text
    trad = gloss_converter._s2t().convert(art)
    changed = sorted({t for a, t in zip(art, trad, strict=True) if a != t})
    rng = random.Random(f"18:{kind}:{lang}:{name}")
    glossed = {c for c in changed if rng.random() < 0.6}
    page, _ = gloss_converter.convert(art, glossed)
    aligned = "".join(gloss_converter.FULL_TO_ASCII.get(c, c) for c in trad)
    return art, page, aligned


@pytest.mark.parametrize(("lang", "name"), [("zh_CN", "exit.3"), ("zh_TW", "exit.3"),
                                            ("zh_CN", "pg_dumpall.1")])
def test_restore_gives_the_whole_article_back_fullwidth_after_latin_words(lang, name):
    art, page, _ = _page(lang, name, "restore")
    # The reason these failed: a full-width mark right after a Latin word, a digit or a space
    # inside Chinese text came back ASCII ("exit，" "1，").
    assert re.search("[A-Za-z0-9 )][，：；！][\u4e00-\u9fff]", art)
    assert page != art
    assert mojifix.fix_text(page, restore_original=True) == art


def test_restore_keeps_ascii_marks_of_urls_and_numbers_before_hanzi():
    text = "強(qiáng)調(diào)發(fā)展(zhǎn)經(jīng)濟,見 http://a.cn/x,見 Apache,你 2,中 option ,則 1,000 x:y 寫 a@b.cn;好\n"
    assert mojifix.fix_text(text, restore_original=True) == (
        "强调发展经济，见 http://a.cn/x,见 Apache，你 2，中 option ，则 1,000 x:y 写 a@b.cn;好\n")


@pytest.mark.parametrize(("lang", "name"), [("zh_TW", "history.3tcl"), ("zh_TW", "lspci.8"),
                                            ("zh_CN", "gunzip.1")])
def test_realign_recovers_lost_characters_from_the_page_and_word_list(lang, name):
    _, page, aligned = _page(lang, name, "realign")
    assert "?" in page and page.replace("(", "") != aligned  # the converter shifted bytes here
    assert mojifix.fix_text(page) == aligned


def test_restore_keeps_the_ascii_punctuation_of_a_writer_who_typed_it():
    # Sentences end in '.' after hanzi: the writer's ',' and ':' were ASCII too (chattr.1, ld.1).
    text = ("選項(xiàng)說(shuō)明. 不更新atime(A),同步更新(S).\n"
            "顯(xiǎn)示幫助: 然後(hòu)退出.\n")
    assert mojifix.fix_text(text, restore_original=True) == (
        "选项说明. 不更新atime(A),同步更新(S).\n显示帮助: 然后退出.\n")
    # The same marks on a page that ends its sentences in '。' come back full-width, and a
    # closing bracket, quote or space before " <hanzi>" takes a full-width comma too.
    text = ("選項(xiàng)說(shuō)明。不更新atime(A),同步更新(S)。\n"
            "顯(xiǎn)示幫助:然後(hòu)退出(每行一個), 可以\"Laptop\", 必須, ID ; 那麼。\n")
    assert mojifix.fix_text(text, restore_original=True) == (
        "选项说明。不更新atime(A)，同步更新(S)。\n显示帮助：然后退出(每行一个)， 可以\"Laptop\"， 必须， ID ； 那么。\n")
