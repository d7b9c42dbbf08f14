"""Linear time on a big garbled file (issue 20): what the chain search keeps alive per line.

``fixers.chains._decide`` kept, for EVERY line whose legacy-page candidates the shape test
refused, the line and its refused repairs (a list and a tuple, both tracked by the garbage
collector), for ``plan.shapeless``, which is asked only when no line of the document is
repaired. In a big file of repaired lines (Chinese saved as GBK and read as Latin-1, many
lines) those objects stayed alive to the end of the search, each full collection walked all
of them, and the number of full collections grows with the file: 1 MB -> 10 MB cost 12.6x
in ``bench/linear.py`` (with the collector off: 8.6x). Counted here, not timed: the objects
the collector tracks at the end of the line loop (after full collections), per added line.
"""

from __future__ import annotations

import gc

import pytest

import mojifix
from mojifix.fixers import chains, wholepage

# Sentences written for this test (not from any catalog), each a line of its own.
SENTENCES = [
    "如果压缩后的文件名太长，程序会将其截断。",
    "指定该选项后将不考虑这一机制，强制进行解压缩。",
    "新字段的类型，以及它所允许的取值范围。",
    "省略这个参数表示以本次启动为基准计算偏移量。",
    "所有注册的函数都以与注册时相反的顺序被调用。",
    "数据库服务器必须在目标主机上运行。",
]


def _page(lines: int) -> str:
    body = "".join(f"{SENTENCES[i % len(SENTENCES)]} 第{i}行\n" for i in range(lines))
    return body.encode("gbk").decode("latin-1")


def _tracked_after_loop(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    counts: list[int] = []
    real = chains.lossy_lines

    def spy(*args: object, **kwargs: object) -> object:  # called right after the line loop
        gc.collect()
        gc.collect()  # a tuple is untracked once what it holds was (one pass per level)
        counts.append(len(gc.get_objects()))
        return real(*args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(chains, "lossy_lines", spy)
        # (the line loop is what is counted: the whole-document road, which takes such a page
        # at once since fixers/wholelegacy.py, is turned off)
        m.setattr(wholepage, "reading", lambda _text: None)
        fixed = mojifix.fix_text(text)
    assert counts, "the line loop was not reached"
    assert fixed == text.encode("latin-1").decode("gbk")  # every line repaired
    return counts[0]


def test_big_repaired_file_keeps_no_object_per_line_alive(monkeypatch):
    mojifix.fix_text(_page(50))  # tables, imports
    small = _tracked_after_loop(_page(400), monkeypatch)
    big = _tracked_after_loop(_page(1600), monkeypatch)
    per_line = (big - small) / 1200
    # Before: 2 per line (the refused line's tuple and list); the repaired lines' own evidence
    # (ints, floats, strings and tuples of them) is untracked by the collection.
    assert per_line < 0.5, f"{small} -> {big} tracked objects: {per_line:.2f} per added line"
