"""Japanese U+200B: junk injected inside words goes, line-break hints at phrase ends stay
(issue 18: zero-width junk >= 99% exact in every language; Japanese was 80%)."""

from __future__ import annotations

import random
import re

import pytest

import mojifix
from conftest import shared_path

JUNK = [
    # between two hiragana and at a katakana-kanji seam: no phrase ends there
    ("各 FILE の CRC チェックサムおよびバイト数を表示しま\u200bす。\n--version\n"
     "バージョン\u200b情報を表示して終了します。\n"),
    # a hiragana then a kanji, but the line's other phrase ends carry no hint
    ("ファイルの指定がない場合や FILE が - の場合, 標準入力から\u200b読み込みを行います。\n"
     "赤色の線はヒープ使用量を示し、 緑色の線はスタック\u200b使用量を示す。\n"),
    # one alone, inside a katakana word, on a line whose phrase ends it misses
    "mtrace - malloc のトレー\u200bスログを解釈する\n",
]

HINTS = [
    "日本語の\u200b文章です。長い\u200b行を\u200b折り返す\u200bための\u200bヒントです。",
    "今日は\u200b天気が\u200b良いので\u200b散歩に\u200b行きましょう。\n",
    "日本語の\u200b文章",
]


@pytest.mark.parametrize("text", JUNK)
def test_junk_zero_width_spaces_in_japanese_words_are_removed(text: str) -> None:
    assert mojifix.fix_text(text) == text.replace("\u200b", "")


@pytest.mark.parametrize("text", HINTS)
def test_line_break_hints_at_japanese_phrase_ends_stay(text: str) -> None:
    assert mojifix.fix_text(text) == text


def test_junk_zero_width_spaces_in_every_japanese_manpage() -> None:
    folder = shared_path("corpus", "manpages", "ja")
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text("utf-8")
        rng = random.Random(path.name)
        spots = [i for i in range(1, len(text)) if text[i - 1].isalpha() and text[i].isalpha()]
        garbled = text
        for i in sorted(rng.sample(spots, min(len(spots), max(3, len(text) // 100))), reverse=True):
            garbled = garbled[:i] + "\u200b" + garbled[i:]
        kana_side = [m for m in re.finditer("(?<=[\u3041-\u30ff])\u200b|\u200b(?=[\u3041-\u30ff])",
                                            garbled)]
        if len(kana_side) == 1 and re.match("[\u3041-\u309f]\u200b[\u4e00-\u9fff\u30a1-\u30fa]",
                                            garbled[kana_side[0].start() - 1:]):
            continue  # one U+200B alone, at a phrase end: that is what one line-break hint looks like
        assert mojifix.fix_text(garbled) == text, path.name


@pytest.mark.parametrize("data", [
    "本\u200bバージョンの bc は、伝統的な bc の実装および POSIX のドラフト規格よりも拡張されています。"
    "コマンドラインオプションにより、 これらの拡張に対して警告を表示したりすることが可能です。\n",
    "&amp;BEZEICHNUNG\n&amp;amp;BEZEICHNUNG\n",  # (the entities' page decision, too)
])
def test_a_streamed_file_decides_as_the_whole_text(data: str) -> None:
    import io

    from mojifix.files import stream

    out = io.BytesIO()
    stream.repair_stream(io.BytesIO(data.encode()), out, chunk_chars=1, read_bytes=1, hold=0, lookback=1)
    assert out.getvalue().decode() == mojifix.fix_text(data)
