"""Learner material in Traditional script keeps its pinyin (QA 26, item 3): one gloss a list
item, table cell or flashcard line, every character of the item glossed. Converter pages, whose
glosses stand beside unglossed characters of running text, still lose theirs."""

from __future__ import annotations

import io

import pytest

import mojifix
from conftest import run_cli, shared_path
from mojifix.files import stream

VOCAB_MD = ("# 第五課 生字\n\n| 字(拼音) | English |\n|---|---|\n| 學(xué) | study |\n| 書(shū) | book |\n"
            "| 寫(xiě) | write |\n| 讀(dú) | read |\n")
LESSON5 = ("生字：\n1. 學(xué) - to study\n2. 習(xí) - to practise\n3. 漢(hàn) - Han\n4. 語(yǔ) - language\n"
           "5. 課(kè) - lesson\n")

LAYOUTS = [
    VOCAB_MD,
    LESSON5,
    "學(xué)\n習(xí)\n漢(hàn)\n語(yǔ)\n課(kè)\n",  # flashcards
    "生字：學(xué)、習(xí)、漢(hàn)、語(yǔ)、課(kè)\n",
    "學(xué) 習(xí) 漢(hàn) 語(yǔ) 課(kè)\n",
    "生字：學(xué) 習(xí) 漢(hàn) 語(yǔ) 課(kè)\n",  # (a label, then the list)
    "1. 學(xué)習(xí) - to study\n2. 漢(hàn)語(yǔ) - Chinese\n3. 課(kè)本(běn) - textbook\n",  # words
    "生字：\n1. 學(xue) - to study\n2. 習(xi) - to practise\n3. 漢(han) - Han\n4. 語(yu) - language\n",
    "| 詞 | 拼音 |\n|---|---|\n| 檔(dàng)案(àn) | dàng'àn |\n| 說(shuō)明(míng) | shuōmíng |\n",
]


def test_qa_repro_files_keep_their_pinyin(tmp_path) -> None:
    # (QA 26) fix -i removed every reading of a Traditional vocabulary list and table, exit 0
    (tmp_path / "vocab.md").write_text(VOCAB_MD, encoding="utf-8")
    (tmp_path / "lesson5.txt").write_text(LESSON5, encoding="utf-8")
    check = run_cli("check", str(tmp_path), "-q")
    assert check.returncode == 0, check.stdout + check.stderr
    fix = run_cli("fix", "-i", str(tmp_path), "-q")
    assert fix.returncode == 0, fix.stderr
    assert (tmp_path / "vocab.md").read_bytes() == VOCAB_MD.encode("utf-8")
    assert (tmp_path / "lesson5.txt").read_bytes() == LESSON5.encode("utf-8")


@pytest.mark.parametrize("text", LAYOUTS)
def test_learner_layouts_keep_their_pinyin(text: str) -> None:
    assert mojifix.fix_text(text) == text
    assert mojifix.repair_text(text).text == text
    assert mojifix.fix_bytes(text.encode("utf-8")) == text
    out = io.BytesIO()  # the page's decision, summed over a streamed file's chunks
    stream.repair_stream(io.BytesIO((text * 20).encode("utf-8")), out, chunk_chars=64, read_bytes=17)
    assert out.getvalue().decode("utf-8") == text * 20


def test_real_words_in_a_vocabulary_list_keep_their_pinyin() -> None:
    # Words of a real zh_TW manual page, read by pypinyin as a learner writes them
    from pypinyin import Style, pinyin

    page = shared_path("corpus", "manpages", "zh_TW", "close.2.txt").read_text(encoding="utf-8")
    words = ["關閉", "檔案", "描述", "錯誤", "資源", "釋放"]
    assert all(w in page for w in words)
    for style in (Style.TONE, Style.NORMAL):
        items = ["".join(f"{c}({r[0]})" for c, r in zip(w, pinyin(w, style=style), strict=True)) for w in words]
        for text in ("".join(f"{i}. {w}\n" for i, w in enumerate(items, 1)), "、".join(items) + "\n"):
            assert mojifix.fix_text(text) == text


def test_converter_lists_in_running_text_still_lose_their_glosses() -> None:
    # The converter glosses changed forms beside unglossed ones, lists and all: still its page
    page = "4月24日,師市黨委書記深入十一團(tuán)花橋鎮(zhèn)、十三團(tuán)幸福鎮(zhèn)、十四團(tuán)金楊鎮(zhèn)調(diào)研。\n"
    assert mojifix.fix_text(page) == "4月24日,師市黨委書記深入十一團花橋鎮、十三團幸福鎮、十四團金楊鎮調研。\n"
    # A page whose words stand between spaces (close.2's translation), every changed form glossed
    import gloss_converter

    source = shared_path("corpus", "manpages", "zh_CN", "close.2.txt").read_text(encoding="utf-8")
    trad = gloss_converter._s2t().convert(source)
    glossed = {t for s, t in zip(source, trad, strict=True) if s != t}
    page, lost = gloss_converter.convert(source, glossed)
    assert lost == 0 and "則(zé) 這(zhè)個" in page
    assert mojifix.fix_text(page) == "".join(gloss_converter.FULL_TO_ASCII.get(c, c) for c in trad)


@pytest.mark.parametrize(("page", "fixed"), [
    # (the converter property test's word salads) all-changed words glossed whole, between
    # quotes, converted commas (no space after) and a 、 list holding running text: no list
    ("輿(yú)論(lùn)“職(zhí)業(yè)”,ZHANG Wei。ZHANG Wei。", "輿論“職業”,ZHANG Wei。ZHANG Wei。"),
    ("輿(yú)論(lùn),職(zhí)業(yè),ZHANG Wei。", "輿論,職業,ZHANG Wei。"),
    ("上海ZHANG Wei。上海,“基層(céng)”、職(zhí)業(yè)、義(yì)務(wù)、ZHANG Wei。",
     "上海ZHANG Wei。上海,“基層”、職業、義務、ZHANG Wei。"),
])
def test_words_glossed_whole_in_running_text_are_no_list(page: str, fixed: str) -> None:
    assert mojifix.fix_text(page) == fixed


@pytest.mark.parametrize(("page", "fixed"), [
    # (a hypothesis draw of test_properties) runs side by side across spaces are items together
    # or not at all: the last one ends before a full stop, running text, so none is an item
    ("the. 測(cè)試(shì) 測(cè)試(shì) 測(cè)試(shì).", "the. 測試 測試 測試."),
    ("the. 測(cè)試(shì) 測(cè)試(shì) 測(cè)試(shì) 測(cè)試(shì)。", "the. 測試 測試 測試 測試。"),
    ("the. 測(cè)試(shì)、測(cè)試(shì)、測(cè)試(shì).", "the. 測試、測試、測試."),
    # a run after one that stands in running text is no item either, whatever follows it
    ("好。測(cè)試(shì) 測(cè)試(shì) 測(cè)試(shì)\n", "好。測試 測試 測試\n"),
])
def test_runs_beside_running_text_are_no_list(page: str, fixed: str) -> None:
    assert mojifix.fix_text(page) == fixed
    out = io.BytesIO()
    stream.repair_stream(io.BytesIO((page + "\n") .encode("utf-8") * 20), out, chunk_chars=64, read_bytes=17)
    assert out.getvalue().decode("utf-8") == (fixed + "\n") * 20
