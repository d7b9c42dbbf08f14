"""--restore decides ASCII or full-width from the page's own evidence (issue 18), on whole real
documents made into converter pages exactly as bench/quality.py's ``restore`` kind makes them.

Each group is one cause of the bench's failures, fixed in mojifix.fixers.restore:

* a colon ending a line after ``》`` (the translation project's footer) stays ASCII, and on
  such a page the writer's colons before a space or a line end were ASCII too;
* a hanzi, a colon and a URL with no space (``手册页计划：https://``) is full-width even on a
  page whose writer typed ASCII punctuation;
* ``word， <hanzi>`` after a plain Latin word or number is full-width on a page that writes
  full-width parentheses, and so is a colon ending a line after one (``数据库 demo：``);
* a mark between a Latin word or digit and a closing CJK quote is full-width (``“0：”``).
"""

from __future__ import annotations

import io
import re

import pytest

import mojifix
from test_restore_documents import _page


def _restored(lang: str, name: str) -> tuple[str, str, str]:
    art, page, _ = _page(lang, name, "restore")
    assert page != art
    return art, page, mojifix.fix_text(page, restore_original=True)


@pytest.mark.parametrize(("lang", "name"), [("zh_CN", "MainFrame.3tk"), ("zh_TW", "MainFrame.3tk"),
                                            ("zh_CN", "llength.3tcl"), ("zh_TW", "tk_dialog.3tk")])
def test_restore_keeps_the_ascii_colons_of_a_page_that_ends_a_line_in_a_title_colon(lang, name):
    art, page, out = _restored(lang, name)
    assert "》:\nhttp" in art and "》:\nhttp" in page
    assert out == art


@pytest.mark.parametrize(("lang", "name"), [("zh_CN", "chattr.1"), ("zh_TW", "free.1"),
                                            ("zh_CN", "repquota.8")])
def test_restore_makes_a_colon_before_a_url_fullwidth_on_an_ascii_punctuation_page(lang, name):
    art, page, out = _restored(lang, name)
    assert re.search("[\u4e00-\u9fff]：https://", art) and re.search("[\u4e00-\u9fff)]:https://", page)
    assert out == art


@pytest.mark.parametrize(("lang", "name"), [("zh_CN", "alter_table.7"), ("zh_TW", "createlang.1")])
def test_restore_makes_a_comma_after_a_latin_word_fullwidth_on_a_fullwidth_page(lang, name):
    art, page, out = _restored(lang, name)
    assert re.search("[A-Za-z0-9]， [\u4e00-\u9fff]", art) and "（" in page
    assert out == art


@pytest.mark.parametrize(("lang", "name"), [("zh_CN", "dropdb.1"), ("zh_TW", "pg_ctl.1")])
def test_restore_makes_a_colon_ending_a_line_after_a_latin_word_fullwidth_on_a_fullwidth_page(lang, name):
    art, page, out = _restored(lang, name)
    assert re.search("[\u4e00-\u9fff] [a-z]+：\n", art) and "（" in page
    assert out == art


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_restore_makes_a_mark_before_a_closing_cjk_quote_fullwidth(lang):
    art, page, out = _restored(lang, "lspci.8")
    assert "“0：”" in art and "“0:”" in page
    assert out == art


@pytest.mark.parametrize(("lang", "name"), [("zh_CN", "MainFrame.3tk"), ("zh_CN", "alter_table.7")])
def test_a_streamed_page_takes_the_whole_page_decisions(lang, name):
    # The evidence (the footer's ``》:``, a full-width parenthesis) sits in one chunk; every
    # chunk must decide as the whole page does.
    from mojifix.files import stream

    art, page, _ = _page(lang, name, "restore")
    out = io.BytesIO()
    result = stream.repair_stream(io.BytesIO(page.encode("utf-8")), out,
                                  config=mojifix.Config(restore_original=True), chunk_chars=400)
    assert result.chunks >= 3
    assert out.getvalue().decode("utf-8") == art
