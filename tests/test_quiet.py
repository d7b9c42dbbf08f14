"""The combined walk (quiet.py): a line it clears is quiet for every screen it stands in for."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mojifix
from mojifix.engine import prefilters
from mojifix.fixers import chains
from mojifix.scoring import plausibility, quiet, screen


@pytest.fixture(autouse=True)
def walker_built(monkeypatch):
    """Every test here uses the walker, however short its text."""
    quiet.walker()
    monkeypatch.setattr(quiet, "WALKER_MIN", 0)


# Pieces aimed at each rule the walker re-implements: capitals after lowercase (Latin, Cyrillic,
# Greek), Cyrillic capitals before cp1251 trail symbols, rare and common hanzi, hangul and kana
# beside Latin, lone quotes beside the characters ftfy's patterns pair them with, mojibake runs,
# zero-width characters, surrogates, C1 controls, private use.
PIECES = [
    "hello", "World", "iPhone", "McD", "ABC", " ", "\n", "\r\n", ", ", ".", "(", ")", "1",
    "Привет", "мир", "МосКва", "СССР", "В", "Я", "ё", "Ё", "…", "„", "»", "«", "‚", "•",
    "Αθήνα", "ΑΒ", "α", "Ω", "你好", "，", "。", "“", "”", "‘", "’", "氏", "亍", "丂", "耂",
    "ソ", "浣犲", "日本語", "ｺ", "한국어", "가", "똠", "뷁", "Ã", "Â", "©", "€", "â€œ", "Ð¸",
    "é", "É", "è", "à", "ü", "ß", "°", "±", "×", "µ", "\u200b", "\u200d", "\ufeff", "\x85",
    "\x9d", "\ufffd", "\ue000", "\ud800", "مرحبا", "שלום", "—", "–", "™", "¬", "ĳ", "Ł",
]

TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=40).map("".join)


def cleared_lines(text: str) -> list[str]:
    """The lines of ``text`` outside every region the walker left to the exact screens."""
    spans = quiet.regions(text)
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line) + 1
        if not any(a <= pos < b for a, b in spans):
            out.append(line)
        pos = end
    return out


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_a_cleared_line_is_quiet_for_every_screen(text):
    ms = screen.mojibake_screen()
    for line in cleared_lines(text):
        assert next(plausibility.sites(line), None) is None, line
        assert ms.survey(line) == screen.Survey(False, False), line


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_screens_answer_as_without_the_walk(text):
    flagged = dict(chains._flagged_lines(text))
    survey = prefilters._survey_regions(text)
    # The exact screens over the whole text, as they ran before the walk existed.
    whole: dict[int, str] = {}
    for at in plausibility.sites(text):
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        whole.setdefault(start, text[start:len(text) if end < 0 else end].rstrip("\r"))
    # (the chain search wants the lines holding non-ASCII characters: no layer changes ASCII)
    assert flagged == {at: line for at, line in sorted(whole.items()) if not line.isascii()}
    old = screen.mojibake_screen().survey(text)
    assert survey.zero_width == old.zero_width
    # Line by line, the survey can only drop a window that spans a line end, which ftfy (one
    # line at a time) could not repair anyway.
    assert survey.mojibake <= old.mojibake
    if old.mojibake and not survey.mojibake:
        assert not any(screen.might_be_mojibake(line) for line in text.split("\n"))


def test_clean_text_in_five_scripts_is_cleared_in_one_walk():
    text = (
        "The committee met on Tuesday (see Table 4). “Quoted” and ‘single’ — dashes.\n"
        "我们在“乱码”问题上花了很多时间，（括号）里的内容也要保留。步行(walking)是基本方式。\n"
        "東京の天気は晴れのち曇り、「文字化け」の問題。\n"
        "Комитет собрался во вторник. Она сказала, что результаты «обнадёживают». СССР\n"
        "اجتمعت اللجنة يوم الثلاثاء. 한국어 텍스트입니다. Ελληνικά κείμενα.\n"
    ) * 20
    assert quiet.regions(text) == []
    assert mojifix.fix_text(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "an iPhone with 中文",  # Latin case flip
        "слово МосКва здесь",  # Cyrillic case flip
        "ΑΒΓ δέλτα",  # a Greek capital after a Greek letter
        "Я… и всё",  # a lone Cyrillic capital before a cp1251 trail symbol
        "浣犲ソ",  # rare hanzi and half-width kana: UTF-8 read as GBK
        "cafÃ© au lait",  # two mojibake characters in a row
        "a\u200bb",  # a zero-width space
        "Ð¸ÐºÐ°",
    ],
)
def test_the_walk_stops_on_the_line_of_each_signal(line):
    text = "clean line\n" + line + "\nanother clean line\n"
    start = len("clean line\n")
    assert quiet.regions(text) == [(start, start + len(line) + 1)]


def test_a_text_that_stops_everywhere_goes_to_the_exact_screens_whole():
    text = "cafÃ©\n" * 10_000
    spans = quiet.regions(text)
    assert spans[-1][1] == len(text)
    assert len(spans) <= quiet._SLACK + 1


def test_small_inputs_do_not_build_the_walker(monkeypatch):
    # Issue 17: whether a text is walked depends on that text alone (its length), no longer on
    # how much the process screened before (quiet.BUILD_AFTER, a process-wide counter, is gone).
    monkeypatch.setattr(quiet, "WALKER_MIN", 4096)
    quiet.walker.cache_clear()
    try:
        text = "中文 “quoted” text\n"
        assert quiet.regions(text) == [(0, len(text))]  # the exact screens decide it all
        assert quiet.walker.cache_info().currsize == 0
        assert mojifix.fix_text(text) == text
        assert quiet.walker.cache_info().currsize == 0
        long = text * (4096 // len(text) + 1)
        assert quiet.regions(long) == []
        assert quiet.walker.cache_info().currsize == 1
    finally:
        quiet.walker()
