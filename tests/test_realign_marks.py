"""Realignment recovers a lost byte of a symbol row (GBK rows A1 and A3: ``。、　”`` and the
full-width forms, the converter's ``，：；`` among them) from the page's own evidence (issue 18),
on whole real documents made into converter pages as bench/quality.py makes them.

Before, such a byte always came back U+FFFD (no hanzi candidate, so no word evidence) or as a
closing quote the page never opened. Now: after a hanzi, the mark the page itself writes most
after hanzi (``註釋?zhuān)? 目的`` -> ``註釋, 目的``: the comma, in the converter's ASCII form
like every other comma on the page; ``傳輸?bài)?實際`` -> ``傳輸。實際``); after a sentence end
and before a Latin word, with no quote open, the ideographic space (``有用?!?-use`` ->
``有用。\u3000-use``). No jieba needed: the evidence is the page.
"""

from __future__ import annotations

import pytest

import mojifix
from test_restore_documents import _page


@pytest.mark.parametrize(("lang", "name", "kind", "words"), [
    ("zh_CN", "resolved.conf.5", "realign", "註釋, 目的"),
    ("zh_TW", "resolved.conf.5", "realign", "註釋, 目的"),
    ("zh_CN", "route.8", "restore", "傳輸。實際"),
    ("zh_CN", "tcp.7", "restore", "選項,調用"),
    ("zh_CN", "wish.1", "realign", "有用。\u3000-use"),
    ("zh_TW", "wish.1", "realign", "名字。\u3000geometry"),
])
def test_realign_recovers_a_lost_mark_from_the_page(lang, name, kind, words):
    _, page, aligned = _page(lang, name, kind)
    assert words in aligned and words not in page  # the converter's shift took a byte of it
    out = mojifix.fix_text(page)
    assert "\ufffd" not in out
    assert out == aligned


def test_no_closing_quote_where_none_was_opened():
    # wish.1: '。' then a lost byte of row A1 before '-use'; the page's quotes before it are
    # closed, so '”' (the row's commonest mark after a sentence end) cannot be it.
    _, page, _ = _page("zh_CN", "wish.1", "realign")
    assert "”-use" not in mojifix.fix_text(page)
    # A page that may start inside a quotation (no quote and no line break before) still
    # takes it, as the web sample '求實效?!?023年' (tests/test_gloss_pages.py) shows.
    assert mojifix.fix_text("求實(shí)效?!?023年3月,中國(guó)\n") == "求實效。”2023年3月,中國\n"


@pytest.mark.parametrize(("lang", "name"), [("zh_CN", "resolved.conf.5"), ("zh_CN", "wish.1"),
                                            ("zh_TW", "wish.1")])
def test_restore_gives_the_article_back_with_the_recovered_mark(lang, name):
    art, page, _ = _page(lang, name, "restore")
    assert "?" in page
    assert mojifix.fix_text(page, restore_original=True) == art
