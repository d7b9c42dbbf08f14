"""CJK characters a lost byte left open, chosen by the words they make (fixers/lostcjk.py,
issue 18's lossy chains): whole documents through Shift_JIS and GBK, the report and ``check``'s
exit code, what stays open, and real documents of every CJK language."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import mojifix
from conftest import shared_path
from mojifix.fixers import lostbytes, lostcjk, lostwords
from mojifix.kinds import FindingKind

pytest.importorskip("wordfreq")

HOLE = "\ufffd"
ROOT = Path(__file__).resolve().parent.parent
DOC = (
    "名称\n"
    "ls - 列出目录的内容\n"
    "描述\n"
    "列出文件的信息（默认为当前目录）。如果没有指定排序的方式，就按字母顺序排列。\n"
    "这是一个简单的程序，它的用法和其他的命令一样。\n"
)


def _without_words(garbled: str, monkeypatch) -> str:
    with monkeypatch.context() as m:
        m.setattr(lostwords, "available", lambda: False)
        return mojifix.fix_text(garbled)


def _filled(plain: str, fixed: str, original: str) -> tuple[int, int]:
    """(right, wrong) among the characters the words filled in (``plain``: without them)."""
    assert len(plain) == len(fixed) == len(original)
    right = wrong = 0
    for a, b, c in zip(plain, fixed, original, strict=True):
        if a != b:
            assert a == HOLE  # only holes are filled
            right, wrong = (right + 1, wrong) if b == c else (right, wrong + 1)
    return right, wrong


def test_a_chinese_document_through_shift_jis(monkeypatch) -> None:
    garbled = DOC.encode("utf-8").decode("shift_jis", "replace")
    repair = mojifix.repair_text(garbled)
    assert mojifix.fix_text(garbled) == repair.text
    plain = _without_words(garbled, monkeypatch)
    assert plain.splitlines()[1] == "ls - 列�目录的�容"
    lines = repair.text.splitlines()
    assert lines[1] == "ls - 列出目录的内容"
    assert lines[4] == "这是一个简单的程序，它的用法和其他的命令一样\ufffd"  # (。 is no word)
    right, wrong = _filled(plain, repair.text, DOC)
    assert right >= 8 and wrong == 0
    (guessed,) = [f for f in repair.findings if f.kind == FindingKind.LOST_LETTERS]
    assert guessed.count == right
    assert "chosen by the words they make (zh)" in guessed.summary and "guesses" in guessed.summary
    (left,) = [f for f in repair.findings if f.kind == FindingKind.MOJIBAKE_LOSSY]
    assert left.count == repair.text.count(HOLE)


# (check's exit code on these guesses: tests/test_lostwords_sjis.py, both kinds at once)


def test_readings_no_word_settles_stay_open() -> None:
    freq = {w: math.log(f) for w, f in {"的": 0.06, "皆": 1e-4, "话": 1e-4, "的话": 1e-3, "文件": 1e-3,
                                         "中": 1e-3, "一": 1e-3}.items()}
    chars = list("说\ufffd话")
    assert lostcjk.settle(chars, [(1, ("皆", "的"))], freq) == 1 and chars[1] == "的"
    # Two readings as likely as each other: left open.
    chars = list("文\ufffd件")
    assert lostcjk.settle(chars, [(1, ("中", "一"))], freq) == 0 and chars[1] == HOLE
    # No known neighbour and a lost one beside it: left open.
    chars = list("\ufffd\ufffd话")
    assert lostcjk.settle(chars, [(0, ("皆", "的"))], freq) == 0


def test_korean_through_shift_jis(monkeypatch) -> None:
    text = (ROOT / "fixtures" / "korean" / "constitution-preamble.txt").read_text(encoding="utf-8")
    garbled = text.encode("utf-8").decode("shift_jis", "replace")
    plain = _without_words(garbled, monkeypatch)
    fixed = mojifix.fix_text(garbled)
    right, wrong = _filled(plain, fixed, text)
    assert right > 20 * max(wrong, 1)
    assert fixed.count(HOLE) < 0.8 * plain.count(HOLE)


def test_lines_mostly_lost_are_left_as_they_are(monkeypatch) -> None:
    # Japanese through Big5 loses most characters: no open character there has a known
    # neighbour, and its readings alone are no evidence.
    text = "システムが生成する APM サスペンドイベントを、 AC 電源がオンの時は無視する。\n" * 3
    garbled = text.encode("utf-8").decode("big5", "replace")
    assert mojifix.fix_text(garbled) == _without_words(garbled, monkeypatch)


@pytest.mark.parametrize("lang, page", [("zh_CN", "shift_jis"), ("zh_TW", "shift_jis"),
                                        ("ja", "shift_jis"), ("zh_CN", "gbk")])
def test_corpus_documents(lang: str, page: str, monkeypatch) -> None:
    right = wrong = holes = left = 0
    for path in sorted(shared_path("corpus", "manpages", lang).glob("*.txt"))[:3]:
        text = path.read_text(encoding="utf-8")
        garbled = text.encode("utf-8").decode(page, "replace")
        plain = _without_words(garbled, monkeypatch)
        fixed = mojifix.fix_text(garbled)
        holes, left = holes + plain.count(HOLE), left + fixed.count(HOLE)
        lines = (plain.splitlines(), fixed.splitlines(), text.splitlines())
        assert len({len(x) for x in lines}) == 1
        for a, b, c in zip(*lines, strict=True):
            if len(a) == len(c):  # (lines whose lost characters left one U+FFFD each)
                r, w = _filled(a, b, c)
                right, wrong = right + r, wrong + w
    assert right >= 20 and wrong <= 0.03 * (right + wrong)
    assert left < 0.8 * holes


def test_letters_of_other_scripts_are_not_chosen_by_a_cjk_list() -> None:
    doc = "Η γλώσσα είναι ελληνική και το κείμενο είναι απλό.\nΠκζ Πλζ Πμζ\n"
    repair = mojifix.repair_text(doc.encode("utf-8").decode("shift_jis", "replace"))
    assert not [f for f in repair.findings if "CJK characters" in f.summary]


def test_lostcjk_does_not_search_a_line_again(monkeypatch) -> None:
    # The chain search reads each lossy line back (lostbytes.recover_line) and notes in the
    # document's memo what it left open; lostcjk reads that note instead of searching the line
    # a second time (the same search twice was half the time of this kind of page, issue 20).
    text = shared_path("corpus", "manpages", "zh_CN", "basenc.1.txt").read_text(encoding="utf-8")
    garbled = text.encode("utf-8").decode("gbk", errors="replace")
    searched = {"in fill": 0}
    inside = {"fill": False}
    real_recover, real_fill = lostbytes.recover, lostcjk.fill

    def recover(parts: list[str], codec: str, opened: list | None = None) -> str | None:
        searched["in fill"] += inside["fill"]
        return real_recover(parts, codec, opened)

    def fill(chosen):
        inside["fill"] = True
        try:
            return real_fill(chosen)
        finally:
            inside["fill"] = False

    monkeypatch.setattr(lostbytes, "recover", recover)
    monkeypatch.setattr(lostcjk, "fill", fill)  # (chains calls it through the module)
    repair = mojifix.repair_text(garbled)
    assert any(f.kind == FindingKind.LOST_LETTERS for f in repair.findings)  # lostcjk did choose
    assert searched["in fill"] == 0
    assert mojifix.fix_text(garbled) == repair.text


def test_chinese_is_simplified_as_wordfreq_does_without_importing_jieba() -> None:
    """The lost-character search simplifies Chinese with wordfreq's own map, read from its
    data file: ``wordfreq.chinese`` would import jieba too (12 MB, issue 20's memory budget)."""
    import subprocess
    import sys

    code = ("import sys; from mojifix.fixers import lostcjk; "
            "s = lostcjk._simplify()('漢字與電腦 ABC Ärger 中文'); "
            "print(s, 'jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    from wordfreq.chinese import simplify_chinese

    assert out.stdout.split() == [*simplify_chinese("漢字與電腦 ABC Ärger 中文").split(), "False"]
    sample = (shared_path("corpus", "manpages", "zh_TW").glob("*.txt"))
    text = "".join(p.read_text("utf-8") for p in sorted(sample)[:20])
    assert lostcjk._simplify()(text) == simplify_chinese(text)
