"""--restore reads the writer's spacing after full-width marks (issue 18, mojifix.fixers.restore
``_tight_habit``), on whole real documents made into converter pages as bench/quality.py's
``restore`` kind makes them.

The converter turns ``，`` into ``,`` with no space, and leaves ``。`` and ``、`` alone. A page
whose ``。``/``、`` are followed by something other than a space (at least 3 times, and more often
than by a space) shows a writer who leaves no space after a full-width mark; there, a mark with
a space after it was typed ASCII with its space:

* ``, ;`` between a bracket, quote or space and `` <hanzi>`` stay ASCII (elsewhere full-width);
* a colon between a hanzi and `` <hanzi or digit>`` stays ASCII (elsewhere full-width).

Each rule has a page where it must fire and one where it must not; a page too short to show
the habit (a web snippet) keeps the full-width default.
"""

from __future__ import annotations

import io
import json
import re

import pytest

import mojifix
from conftest import shared_path
from test_restore_documents import _page

HAN = "[\u4e00-\u9fff]"


def _restored(lang: str, name: str) -> tuple[str, str, str]:
    art, page, _ = _page(lang, name, "restore")
    assert page != art
    return art, page, mojifix.fix_text(page, restore_original=True)


def _spacing(text: str) -> tuple[int, int]:
    return len(re.findall("[。、] ", text)), len(re.findall("[。、][^ \n]", text))


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_a_spaced_comma_after_a_bracket_stays_ascii_on_a_page_without_space_after_marks(lang):
    # nroff.1: "-S (safer), 和 -U": an ASCII comma typed with its space (before: '，').
    art, page, out = _restored(lang, "nroff.1")
    spaced, tight = _spacing(page)
    assert 3 <= tight and spaced < tight
    assert "(safer), 和" in art and "(safer), 和" in page
    assert out == art


@pytest.mark.parametrize(("lang", "name"), [("zh_CN", "systemctl.1"), ("zh_TW", "journalctl.1"),
                                            ("zh_CN", "resolved.conf.5")])
def test_a_spaced_comma_after_a_bracket_is_fullwidth_on_a_page_with_space_after_marks(lang, name):
    art, page, out = _restored(lang, name)
    spaced, tight = _spacing(page)
    assert spaced > tight
    found = re.findall(f"[)\"]， {HAN}", art)
    assert found and "，" not in page  # the converter made every one ASCII
    assert all(f in out for f in found)
    if name != "systemctl.1":  # systemctl.1 fails elsewhere ('"容器名:单元名"' was typed ASCII)
        assert out == art


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_a_spaced_colon_stays_ascii_on_a_page_without_space_after_marks(lang):
    # history.3tcl: "一个数: 如果", "一个字符串: 选择" were ASCII. Its two colons ending a line
    # ("指定的一个事件:") were ASCII too, which the page cannot show (no space to read): they
    # come back full-width, the one difference left.
    art, page, out = _restored(lang, "history.3tcl")
    spaced, tight = _spacing(page)
    assert 3 <= tight and spaced < tight
    assert len(re.findall(f"{HAN}: {HAN}", art)) == 2
    assert out == re.sub(f"(?m)(?<={HAN}):$", "：", art)
    assert out != art


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_a_spaced_colon_is_fullwidth_on_a_page_with_space_after_marks(lang):
    # resolved.conf.5: "覆盖默认设置： 主配置文件" (full-width, then a space).
    art, page, out = _restored(lang, "resolved.conf.5")
    assert re.search(f"{HAN}： {HAN}", art) and re.search(f"{HAN}: {HAN}", page)
    assert out == art


def test_a_web_snippet_too_short_to_show_the_habit_keeps_fullwidth_marks():
    # A record of the user's web sample: no '。' or '、' followed by anything, so nothing is
    # known of its writer's spacing and "来源: 中国" keeps the full-width default.
    recs = [json.loads(line)["text"] for line in
            shared_path("samples", "pinyin-glossed-web.jsonl").read_text("utf-8").splitlines()]
    (rec,) = [r for r in recs if "源: 中國記者" in r]
    assert _spacing(rec) == (0, 0)
    out = mojifix.fix_text(rec, restore_original=True)
    assert "来源： 中国" in out and "来源: " not in out


def test_spacing_decides_marks_in_a_short_page_both_ways():
    glossed = ("選項(xiàng)說(shuō)明{s}用法一{s}用法二{s}用法三(每行一個(gè)), 可以\"Laptop\", 必須:\n"
               "一個數(shù): 如果\n")
    spaced = mojifix.fix_text(glossed.format(s="。 "), restore_original=True)
    assert spaced == "选项说明。 用法一。 用法二。 用法三(每行一个)， 可以\"Laptop\"， 必须：\n一个数： 如果\n"
    tight = mojifix.fix_text(glossed.format(s="。"), restore_original=True)
    assert tight == "选项说明。用法一。用法二。用法三(每行一个), 可以\"Laptop\", 必须：\n一个数: 如果\n"
    # Two marks are too few to show a habit: the full-width default.
    short = mojifix.fix_text(glossed.replace("{s}用法一", "").format(s="。"), restore_original=True)
    assert short == "选项说明。用法二。用法三(每行一个)， 可以\"Laptop\"， 必须：\n一个数： 如果\n"


@pytest.mark.parametrize("lang", ["zh_CN", "zh_TW"])
def test_a_streamed_page_takes_the_whole_page_spacing_decision(lang):
    from mojifix.files import stream

    art, page, _ = _page(lang, "nroff.1", "restore")
    out = io.BytesIO()
    result = stream.repair_stream(io.BytesIO(page.encode("utf-8")), out,
                                  config=mojifix.Config(restore_original=True), chunk_chars=400)
    assert result.chunks >= 3
    assert out.getvalue().decode("utf-8") == art
