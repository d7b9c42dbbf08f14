"""Clean CJK words on a line of UTF-8 read as a CJK page stay themselves (fixers/lossyclean.py).

A Chinese label before a garbled value (``名称: 浣犲ソ涓栫晫``) was read back as lost bytes
whole: the label's GBK bytes are no UTF-8 either, so it came back ``����: 你好世界``. A character
holding a byte UTF-8 never uses (C0, C1, F5-FF), or a lead byte followed by no continuation
byte, cannot be a page's reading of UTF-8, so it and the characters beside it that read back as
no CJK character are kept.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from mojifix.fixers.lossy import COMMON_CJK, clean_kept, lossy_utf8
from mojifix.fixers.lossyclean import keep_clean

VALUE = "你好世界"  # (GBK reads its UTF-8 back whole: 浣犲ソ涓栫晫)


@pytest.mark.parametrize("label", ["名称", "名称：", "城市", "选项"])
def test_a_clean_label_before_a_garbled_value_stays(label: str) -> None:
    garbled = VALUE.encode("utf-8").decode("gbk")
    assert mojifix.fix_text(f"{label}: {garbled}") == f"{label}: {VALUE}"


@pytest.mark.parametrize("label", ["用户名称", "【名称】", "显示版本信息并退出"])
def test_a_longer_label_is_never_destroyed(label: str) -> None:
    """Where the line's reading is mostly U+FFFD (the label's bytes are more than the value's),
    the line is left as it came, a lossy line the finding counts (that decision is made on the
    reading before the label is kept, as before: the same for a long line and the pieces a
    stream cuts it into). (``公司``, which holds no character UTF-8 cannot have made, is read as
    lost bytes still: the known limit, below.)"""
    garbled = VALUE.encode("utf-8").decode("gbk")
    assert mojifix.fix_text(f"{label}: {garbled}") == f"{label}: {garbled}"


def test_a_document_of_labels_and_garbled_values() -> None:
    rows = [("名称", "你好世界"), ("描述", "这是非常好的产品")]
    doc = "\n".join(f"{k}: {v.encode('utf-8').decode('gbk')}" for k, v in rows)
    assert mojifix.fix_text(doc) == "\n".join(f"{k}: {v}" for k, v in rows)


def read(line: str) -> str:
    """The reading lossy_lines writes for ``line`` through GBK (its clean words kept)."""
    found = lossy_utf8(line, "gbk")
    assert found is not None
    return clean_kept(line, "gbk", found[0])


def test_only_a_proven_clean_run_is_kept() -> None:
    # 市 is GBK CA D0 (a lead, then no continuation byte), 项 CF EE: 城 and 选 beside them stay
    assert read("城市: 鍖椾含甯傛湞闃冲尯") == "城市: 北京市朝阳区"
    assert read("选项: 鍖椾含甯傛湞闃冲尯") == "选项: 北京市朝阳区"
    # 公司 (B9 AB CB BE) could be bytes of UTF-8: it stays lost (the known limit)
    assert read("公司: 鍖椾含甯傛湞闃冲尯") == "\ufffd\ufffd\u02fe: 北京市朝阳区"
    # 版本 (B0 E6 B1 BE) reads back 汾 by chance, alone in a word that holds clean hanzi
    assert read("显示版本信息并退出 浣犲ソ涓栫晫") == "显示版本信息并退出 " + VALUE
    # a label glued to the value: the run ends where the value's hanzi start
    assert read("名称浣犲ソ涓栫晫") == "名称" + VALUE


def test_a_line_of_lost_bytes_is_read_as_before() -> None:
    line = "鍚嶅墠 apm 銇鍟忋亜鍚堛倧銇涖倠 鏇稿紡"  # 名前 apm ?問い合わせる 書式
    assert lossy_utf8(line, "gbk") == ("名前 apm \ufffd問い合わせる 書式", 1)
    assert read(line) == "名前 apm \ufffd問い合わせる 書式"


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=12),
                 st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)),
       st.sampled_from(["gbk", "big5", "shift_jis", "euc-kr"]))
def test_what_utf8_makes_through_a_page_is_never_kept(text: str, page: str) -> None:
    """Any text's UTF-8 (hanzi, or any characters at all) read through a page with bytes
    dropped or replaced holds no character UTF-8 cannot have made: keep_clean gives the
    reading back unchanged."""
    for errors in ("ignore", "replace"):
        line = text.encode("utf-8").decode(page, errors)
        try:
            data = b"\xff".join(part.encode(page) for part in line.split("\ufffd"))
        except UnicodeEncodeError:
            continue
        out = data.decode("utf-8", errors="replace")
        assert keep_clean(line, data, page, out, COMMON_CJK) == out
