"""Property: Simplified text run through a simulated gloss converter comes back with --restore."""

from __future__ import annotations

import difflib

import opencc
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

import mojifix
from gloss_converter import convert, default_reading
from mojifix.fixers.glosses import TONED

pytest.importorskip("pypinyin")

_S2T = opencc.OpenCC("s2t")
_T2S = opencc.OpenCC("t2s")

WORDS = [
    w
    for w in (
        "上海 基层 党建 新闻 舆论 工作 提升 职业 精神 调查 研究 发展 经济 团镇 组团 协同 推动 "
        "常见 海洋 对应 拼音 字母 汉字 标注 系统 方法 技术 领域 实用 新型 电动 推杆 设备 装置 "
        "宝贵 经验 探索 城市 郊区 我们 已经 或者 过程 知识 客观 世界 平衡 状态 教学 课堂 学生 "
        "国家 前途 命运 学校 生存 高校 思想 政治 理论 教师 会议 召开 相继 全国 教育 大会 医学 "
        "临床 患者 疾病 治疗 预防 合同 纠纷 法院 案件 法律 文书 约束 履行 义务 争议 解决"
    ).split()
    if _T2S.convert(_S2T.convert(w)) == w
]
PUNCT = ["，", "。", "、", "？", "！", "：", "；", ""]
LATIN = ["ZHANG Wei", "2023年", "(Clinical Trial)", "(2023)05", "Open-AutoGLM"]


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, set[str]]:
    parts: list[str] = [draw(st.sampled_from(WORDS))]
    for _ in range(draw(st.integers(6, 30))):
        if draw(st.integers(0, 9)) == 0:
            # After Latin text a converted ， is indistinguishable from a real ',' (the rule keeps
            # ASCII there), so the generator only puts CJK punctuation that survives after it.
            parts.append(draw(st.sampled_from(LATIN)))
            parts.append(draw(st.sampled_from(["。", "、", "“", "”", ""])))
        else:
            word = draw(st.sampled_from(WORDS))
            parts.append(f"“{word}”" if draw(st.integers(0, 5)) == 0 else word)
            parts.append(draw(st.sampled_from(PUNCT)))
    text = "".join(parts).rstrip("，。、？！：；") + "。"
    trad = _S2T.convert(text)
    # The converter glosses with toned readings (the toneless variant is another converter) the
    # characters its s2t changed: all 423 toned glosses of the web samples stand on a
    # Traditional-only form (glosses on forms s2t keeps are a lesson's, fixers/glosses.py).
    changed = {t for s, t in zip(text, trad, strict=True) if s != t} if len(text) == len(trad) else set()
    hanzi = sorted({c for c in changed if "\u4e00" <= c <= "\u9fff" and any(t in default_reading(c) for t in TONED)})
    assume(hanzi)
    glossed = draw(st.sets(st.sampled_from(hanzi), min_size=min(6, len(hanzi)), max_size=len(hanzi)))
    return text, glossed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_restore_undoes_the_converter(case: tuple[str, set[str]]) -> None:
    original, glossed = case
    page, lost = convert(original, glossed)
    # --restore acts only on evidence: at least 4 glosses on the page (restore.MIN_GLOSSES).
    assume(page.count(")") - original.count(")") >= 4)
    repair = mojifix.repair_text(page, restore_original=True)
    out = repair.text
    event("no byte lost" if lost == 0 else "bytes lost: " + ("restored exactly" if out == original else "marked or left visible"))
    if lost == 0:
        assert out == original
    else:
        # A byte the converter lost: recovered from a gloss or the page, marked U+FFFD, or the
        # damage is left visible ('?'); a punctuation prior (。 before a new clause, ” after 。)
        # is a guess and says so in the report. Never a silent, plausible-looking wrong text.
        guessed = sum(c.note.count("prior") for c in repair.changes if c.kind == "gbk-realign")
        marks = "\ufffd?？"
        if len(out) == len(original):
            silent = sum(1 for a, b in zip(out, original, strict=True) if a != b and a not in marks)
        else:
            silent = 0
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, original, out, autojunk=False).get_opcodes():
                if op != "equal" and not any(c in out[j1:j2] for c in marks):
                    silent += max(i2 - i1, j2 - j1)
        assert silent <= 2 * guessed, (page, out)


@st.composite
def clean_articles(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 25))):
        choice = draw(st.integers(0, 7))
        if choice == 0:
            parts.append(draw(st.sampled_from(["(walking)", "(gait)", "(Clinical Trial)", "(2023)05", "(20SDGHI108;)", "(即磁吸作用)", "(xing)"])))
        elif choice == 1:
            parts.append(draw(st.sampled_from([*LATIN, "What? No!", "a, b; c: d", "http://example.com/?a=1"])))
        else:
            parts.append(draw(st.sampled_from(WORDS)))
        parts.append(draw(st.sampled_from([*PUNCT, "“", "”", "（", "）", " ", "\n"])))
    text = "".join(parts)
    return _S2T.convert(text) if draw(st.booleans()) else text


@settings(max_examples=60, deadline=None)
@given(clean_articles())
def test_clean_text_with_real_parentheses_unchanged(text: str) -> None:
    assert mojifix.fix_text(text) == text
    # No converter evidence: --restore changes nothing either.
    assert mojifix.fix_text(text, restore_original=True) == text
