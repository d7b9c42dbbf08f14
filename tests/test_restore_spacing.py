"""--restore reads the writer's spacing after full-width marks (issue 18, mojifix.fixers.restore
``_spaced_habit``), on whole real documents made into converter pages as bench/quality.py's
``restore`` kind makes them.

The converter turns ``，`` into ``,`` with no space, and leaves ``。`` and ``、`` alone. A page
whose ``。``/``、`` are mostly followed by a space shows a writer who spaces after full-width
marks; on a page that does not, a mark followed by a space was typed ASCII with its usual space:

* ``, ;`` between a bracket, quote or space and `` <hanzi>``: full-width only with the habit;
* a colon between a hanzi and `` <hanzi or digit>``: ASCII without the habit;
* a colon ending a line after a hanzi: ASCII on a page with neither the habit nor a full-width
  parenthesis.

Each rule has a page where it must fire and a page where it must not.
"""

from __future__ import annotations

import io
import re

import pytest

import mojifix
from test_restore_documents import _page

HAN = "[\u4e00-\u9fff]"


def _restored(lang: str, name: str) -> tuple[str, str, str]:
    art, page, _ = _page(lang, name, "restore")
    assert page != art
    return art, page, mojifix.fix_text(page, restore_original=True)


def _spacing(text: str) -> tuple[int, int]:
    return len(re.findall("[。、] ", text)), len(re.findall("[。、][^ \n]", text))


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_a_spaced_comma_after_a_bracket_stays_ascii_on_a_page_without_the_spacing_habit(lang):
    # nroff.1: "-S (safer), 和 -U": an ASCII comma typed with its space (before: '，').
    art, page, out = _restored(lang, "nroff.1")
    spaced, tight = _spacing(page)
    assert spaced <= tight
    assert "(safer), 和" in art and "(safer), 和" in page
    assert out == art


@pytest.mark.parametrize(("lang", "name"), [("zh_CN", "systemctl.1"), ("zh_TW", "journalctl.1"),
                                            ("zh_CN", "resolved.conf.5")])
def test_a_spaced_comma_after_a_bracket_is_fullwidth_on_a_page_with_the_spacing_habit(lang, name):
    art, page, out = _restored(lang, name)
    spaced, tight = _spacing(page)
    assert spaced > tight
    found = re.findall(f"[)\"]， {HAN}", art)
    assert found and "，" not in page  # the converter made every one ASCII
    assert all(f in out for f in found)
    if name != "systemctl.1":  # systemctl.1 fails elsewhere ('"容器名:单元名"' was typed ASCII)
        assert out == art


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_the_colons_of_a_page_without_spacing_habit_or_fullwidth_parenthesis_stay_ascii(lang):
    # history.3tcl: "一个数: 如果" (a spaced colon) and "指定的一个事件:" at a line end were ASCII.
    art, page, out = _restored(lang, "history.3tcl")
    spaced, tight = _spacing(page)
    assert spaced <= tight and "（" not in page
    assert re.search(f"{HAN}: {HAN}", art) and re.search(f"{HAN}:\n", art)
    assert out == art


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_a_colon_ending_a_line_stays_ascii_on_a_page_with_no_fullwidth_evidence(lang):
    art, page, out = _restored(lang, "socket.3tcl")
    assert re.search(f"{HAN}:\n", art) and "（" not in page
    assert out == art


@pytest.mark.parametrize(("lang", "name"), [("zh_CN", "pg_ctl.1"), ("zh_TW", "dropdb.1"),
                                            ("zh_CN", "alter_table.7")])
def test_a_colon_ending_a_line_is_fullwidth_with_a_fullwidth_parenthesis_or_the_habit(lang, name):
    # pg_ctl.1, dropdb.1: no spacing habit, but a '（'; alter_table.7: the spacing habit.
    art, page, out = _restored(lang, name)
    assert re.search(f"{HAN}：\n", art) and re.search(f"{HAN}:\n", page)
    assert "（" in page or _spacing(page)[0] > _spacing(page)[1]
    assert out == art


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_a_spaced_colon_is_fullwidth_on_a_page_with_the_spacing_habit(lang):
    # resolved.conf.5: "覆盖默认设置： 主配置文件" (full-width, then a space).
    art, page, out = _restored(lang, "resolved.conf.5")
    assert re.search(f"{HAN}： {HAN}", art) and re.search(f"{HAN}: {HAN}", page)
    assert out == art


def test_spacing_decides_marks_in_a_short_page_both_ways():
    glossed = ("選項(xiàng)說(shuō)明{stop}用法(每行一個(gè)), 可以\"Laptop\", 必須:\n"
               "一個數(shù): 如果\n")
    habit = mojifix.fix_text(glossed.format(stop="。 "), restore_original=True)
    assert habit == "选项说明。 用法(每行一个)， 可以\"Laptop\"， 必须：\n一个数： 如果\n"
    none = mojifix.fix_text(glossed.format(stop="。"), restore_original=True)
    assert none == "选项说明。用法(每行一个), 可以\"Laptop\", 必须:\n一个数: 如果\n"
    parens = mojifix.fix_text(glossed.format(stop="（見上）。"), restore_original=True)
    assert parens == "选项说明（见上）。用法(每行一个), 可以\"Laptop\", 必须：\n一个数: 如果\n"


@pytest.mark.parametrize(("lang", "name"), [("zh_CN", "nroff.1"), ("zh_TW", "history.3tcl")])
def test_a_streamed_page_takes_the_whole_page_spacing_decision(lang, name):
    from mojifix.files import stream

    art, page, _ = _page(lang, name, "restore")
    out = io.BytesIO()
    result = stream.repair_stream(io.BytesIO(page.encode("utf-8")), out,
                                  config=mojifix.Config(restore_original=True), chunk_chars=400)
    assert result.chunks >= 3
    assert out.getvalue().decode("utf-8") == art
