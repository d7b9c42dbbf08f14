"""Clean Chinese word lists stay byte for byte (a new user's QA).

A pair of GBK bytes is now and then a valid UTF-8 character (``侬`` is D9 AF, which UTF-8 reads
as the Arabic ``ٯ``), so a short line of Chinese may read as "UTF-8 read as GBK" undone. Three
ways that went wrong, each pinned here:

* a rare ideograph said twice (``讷讷``, ``侬侬``: Chinese reduplication) cost two units of
  rarity, and its reading in another script none, so the line alone was "repaired";
* some readings hold unassigned code points (``峚`` is U+03A2, ``蝷`` U+0380), whose character
  name the chain fixer took the first word of: an IndexError (``诤诤`` then ``谆``);
* in a big file, the few such lines summed enough gain to plan the chain over the whole file:
  jieba's dictionary had 159 lines rewritten (``写写 32 v`` -> ``дд 32 v``), its IDF table 172
  (the chain's gain per scored line must reach ``docgain.SPARSE_GAIN``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import mojifix
from conftest import shared_path
from mojifix.fixers import docgain


def test_every_doubled_ideograph_is_left_alone() -> None:
    changed = [c + c for c in map(chr, range(0x4E00, 0x9FA6)) if mojifix.fix_text(c + c) != c + c]
    assert changed == []


@pytest.mark.parametrize("text", [
    "讷讷", "侬侬", "侬侬 说", "佟佟 is a name", "峚峚",
    "诤诤\n谆\n",  # (was an IndexError: a reading with an unassigned code point)
    "蝷趥\n蝷\n", "蝷褗\n蝷\n",  # (the same, without a doubled character: ``蝷`` is U+0380)
    "词表:\n你好\n侬侬\n世界\n",
    "诤诤 3 v\n谆 28 l\n",
])
def test_short_chinese_lines_are_clean(text: str) -> None:
    result = mojifix.repair_text(text)
    assert result.text == text and result.findings == ()


def _jieba_file(*parts: str) -> Path:
    jieba = pytest.importorskip("jieba")  # (the words extra, installed with the test extras)
    return Path(jieba.__file__).parent.joinpath(*parts)


@pytest.mark.parametrize("parts", [("dict.txt",), ("analyse", "idf.txt")])
def test_jieba_word_lists_are_clean(parts: tuple[str, ...]) -> None:
    text = _jieba_file(*parts).read_text(encoding="utf-8")
    result = mojifix.repair_text(text)
    assert result.findings == () and result.text == text


def test_a_garbled_word_list_is_still_repaired() -> None:
    # The other side of SPARSE_GAIN: a list of one word a line, every line UTF-8 read as GBK
    # (most too short to prove the chain alone), comes back whole: the document decides.
    text = shared_path("corpus", "manpages", "ru", "procfs.5.txt").read_text(encoding="utf-8")
    words = sorted({w for w in text.split() if w.isalpha() and not w.isascii()})[:200]
    assert len(words) == 200
    # Under a clean Chinese title, so that no reading of the whole document takes it at once
    # (fixers/wholepage.py): the lines go through the search and the plan.
    title = "俄语词表（第一部分）\n"
    original = "\n".join(words) + "\n"
    garbled = original.encode("utf-8").decode("gbk")
    assert garbled != original
    assert mojifix.fix_text(title + garbled) == title + original


def test_sparse_gain_is_a_share_of_the_scored_lines() -> None:
    chain = ("utf-8", "gbk")
    assert docgain.sparse(chain, 10.6, 15_005)  # jieba's dictionary: 0.0007 a line
    assert not docgain.sparse(chain, 2.0, 1)  # a one-line document that proves it
    assert not docgain.sparse(("utf-8", "windows-1252"), 0.0, 1_000)  # single-byte pages: not asked
