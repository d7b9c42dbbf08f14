from __future__ import annotations

import re

import pytest

import mojifix
from conftest import FIXTURES, run_cli, shared_path

GLOSS = re.compile(r"[\u3400-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def test_user_sample_all_228_glosses_removed_and_nothing_else():
    sample = shared_path("samples", "000_fa615ddf964b754e.txt")
    text = sample.read_text(encoding="utf-8")
    repair = mojifix.repair_text(text)
    gloss = [f for f in repair.findings if f.kind == "pinyin-glosses"]
    assert len(gloss) == 1 and gloss[0].count == 228
    assert [f.kind for f in repair.findings] == ["pinyin-glosses"]
    assert len(repair.changes) == 228
    assert not GLOSS.search(repair.text)
    # Nothing else changed: removing exactly the reported spans from the input gives the output.
    rebuilt = text
    for c in sorted(repair.changes, key=lambda c: -c.offset):
        assert rebuilt[c.offset:c.offset + len(c.before)] == c.before
        rebuilt = rebuilt[:c.offset] + rebuilt[c.offset + len(c.before):]
    assert rebuilt == repair.text
    # Traditional script, ASCII , and ?, “ ” and page chrome stay.
    assert repair.text == (FIXTURES / "golden" / "000_fa615ddf964b754e.fixed.txt").read_text(encoding="utf-8")
    assert "丁翊強調研團鎮組團經濟發展工作" in repair.text
    assert "4月24日,師市黨委書記" in repair.text
    assert "“一中心、五組團”" in repair.text
    assert repair.text.endswith("用戶登錄\n還沒有賬號?\n立即注冊\n") or repair.text.endswith("立即注冊")


def test_cli_detect_names_gloss_finding_with_count():
    sample = shared_path("samples", "000_fa615ddf964b754e.txt")
    proc = run_cli("detect", "--json", str(sample))
    assert proc.returncode == 0
    import json

    doc = json.loads(proc.stdout)
    finding = doc["files"][0]["findings"][0]
    assert finding["kind"] == "pinyin-glosses" and finding["count"] == 228
    table = run_cli("detect", str(sample))
    assert b"pinyin glosses, 228 removed" in table.stdout.replace(b"\n", b" ").replace(b"\xe2\x94\x82", b"") or b"228" in table.stdout


@pytest.mark.parametrize(
    "text",
    [
        "步行(walking)是指通過雙腳的交互動作。",
        "步態(gait)是人類步行時的姿態",
        "文章編號 1009-928X(2023)05-0085-04",
        "隨機對照試驗(Clinical Trial)",
        "基金項目(20SDGHI108;)",
        "行(xing)",  # a lone toneless reading: a textbook, not spam
        "他說(see above)",
        "中(zhōng)國",  # would be a gloss... but see the assertion below
    ][:-1],
)
def test_legit_parentheses_kept(text):
    assert mojifix.fix_text(text) == text


def test_gloss_is_validated_against_all_readings_and_simplified_form():
    # 調 in 協調 is tiáo; the gloss gives the default reading diào: still a gloss.
    assert mojifix.fix_text("協調(diào)") == "協調"
    # A reading of a different character is not a gloss.
    assert mojifix.fix_text("強(diào)") == "強(diào)"


def test_toneless_glosses_need_page_evidence():
    page = "当(dang)“乱(luan)码”遇(yu)上(shang)“哔哩哔哩(li)”:一(yi)场跨(kua)越“编码”的(de)冒(mao)险"
    assert mojifix.fix_text(page) == "当“乱码”遇上“哔哩哔哩”:一场跨越“编码”的冒险"
    assert mojifix.fix_text("这个字读行(xing)，不读别的。") == "这个字读行(xing)，不读别的。"


def test_reading_table_agrees_with_pypinyin_for_every_character():
    # glosses.py reads pypinyin's data file instead of importing the package (whose phrase
    # dictionary costs start-up time and garbage-collector time); the readings must be exactly
    # what pypinyin.pinyin gives, toned and toneless, for every character it knows.
    from pypinyin import Style, pinyin

    from mojifix.fixers.glosses import _toneless
    from mojifix.fixers.pinyintable import table as pinyin_table

    table = pinyin_table()
    assert len(table) > 40000
    for cp, joined in table.items():
        ch = chr(cp)
        toned = pinyin(ch, style=Style.TONE, heteronym=True, errors="ignore")[0]
        plain = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")[0]
        assert joined.split(",") == toned, ch
        assert {_toneless(r) for r in toned} == set(plain), ch


def test_gloss_removal_does_not_import_pypinyin():
    import subprocess
    import sys

    code = ("import sys, mojifix; out = mojifix.fix_text('強(qiáng)調(diào)'); "
            "print(out, 'pypinyin' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.split() == ["強調", "False"]


def test_the_readings_table_is_held_in_little_memory():
    """The 41,923 readings are loaded while a big garbled document is alive in three versions
    (issue 20's memory budget): a dict of them took 8 MB, 11 MB while loading."""
    import subprocess
    import sys

    code = ("import tracemalloc; tracemalloc.start(); "
            "from mojifix.fixers.pinyintable import table; "
            "before = tracemalloc.get_traced_memory()[0]; tracemalloc.reset_peak(); "
            "t = table(); now, peak = tracemalloc.get_traced_memory(); "
            "print(len(t), now - before, peak - before)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    n, held, peak = map(int, res.stdout.split())
    assert n > 40000 and held < 2_000_000 and peak < 4_000_000


def test_a_readings_file_of_another_layout_is_not_read_as_empty():
    """The entries are read with a pattern of the layout pypinyin writes (``"13312": "qiū"``);
    a file of another layout (compact separators, escaped characters) is refused, so the table
    falls back to ``json`` rather than holding nothing."""
    import json

    from mojifix.fixers.pinyintable import Readings, _entries

    entries = {"13312": "qiū", "20013": "zhōng,zhòng"}
    assert dict(Readings(_entries(json.dumps(entries, ensure_ascii=False, indent=0))).items()) == {
        13312: "qiū", 20013: "zhōng,zhòng"}
    for other in (json.dumps(entries, separators=(",", ":"), ensure_ascii=False), json.dumps(entries)):
        with pytest.raises(ValueError):
            Readings(_entries(other))


LESSON = (
    "Lesson 3: Greetings\n\n"
    "In this lesson we learn how to greet people in Mandarin.\n"
    '你好 (nǐ hǎo) means "hello". The tones matter: nǐ is the third tone.\n'
    '我(wǒ) 是(shì) 学生(xuésheng). This means "I am a student".\n'
    'Note the tone of 师(shī): it is the first tone, as in 老师(lǎoshī), "teacher".\n'
    "Practice: 妈(mā) 麻(má) 马(mǎ) 骂(mà) show the four tones on one syllable.\n"
)


@pytest.mark.parametrize("text", [
    LESSON,
    "Note the tone of 师(shī): it is the first tone.",  # (glued ``):`` a converter's evidence)
    "The word 好(hǎo) means good.",  # (one gloss: every hanzi glossed, but no page)
    "小(xiǎo)猫(māo)在(zài)花(huā)园(yuán)里(lǐ)玩(wán)。",  # a children's book glosses every hanzi
    "我(wǒ)爱(ài)妈(mā)妈(ma)。",  # (the neutral tone unmarked: toneless, a lesson's too)
])
def test_pinyin_a_person_wrote_is_kept(text: str) -> None:
    # (a new user's QA: the lesson's and the book's pinyin were removed) The converter glosses
    # its Traditional output; these gloss Simplified-only forms (师, 妈, 猫), or too little
    assert mojifix.fix_text(text) == text
    assert mojifix.fix_bytes(text.encode("utf-8")) == text


def test_a_lesson_streamed_in_chunks_keeps_its_pinyin() -> None:
    # The decision is the page's, summed over a streamed file's chunks (each chunk alone could
    # be a single line glossing shared characters only: ``我(wǒ) 是(shì)``).
    import io

    from mojifix.files import stream

    data = (LESSON * 40).encode("utf-8")
    out = io.BytesIO()
    stream.repair_stream(io.BytesIO(data), out, chunk_chars=64, read_bytes=17)
    assert out.getvalue() == data


def test_converter_glosses_on_traditional_text_still_go() -> None:
    # The converter glosses the characters its s2t changed (貓 園 裏), not the others
    assert mojifix.fix_text("小貓(māo)在花園(yuán)裏(lǐ)玩。") == "小貓在花園裏玩。"
    assert mojifix.fix_text("本發(fā)明涉及一種(zhǒng)系統(tǒng)。") == "本發明涉及一種系統。"


@pytest.mark.parametrize("text", [
    "小(xiǎo)貓(māo)在(zài)花(huā)園(yuán)裏(lǐ)玩(wán)。",  # a Traditional children's book
    "你(nǐ)好(hǎo)！我(wǒ)是(shì)老(lǎo)師(shī)。\n謝(xiè)謝(xie)你(nǐ)。",  # (and its neutral tone)
    "好(hǎo), 是(shì) and 我(wǒ) are common.",
])
def test_glosses_mostly_on_forms_s2t_keeps_are_a_persons(text: str) -> None:
    # (a review) every character glossed, most of them forms s2t leaves as they are: a lesson;
    # all 423 toned glosses of the web samples stand on a Traditional-only form
    assert mojifix.fix_text(text) == text


SHORT_LESSON = "你(nǐ)好(hǎo)！我(wǒ)叫(jiào)大(dà)卫(wèi)。我(wǒ)是(shì)中(zhōng)国(guó)人(rén)。"


def test_a_line_a_person_glossed_keeps_its_glosses() -> None:
    # (a review) 2 of its 11 toned glosses on Simplified-only forms (卫, 国): under the page's
    # fifth, but the line holds one, and the converter never glosses such a character
    assert mojifix.fix_text(SHORT_LESSON) == SHORT_LESSON


def test_a_lesson_line_beside_converter_text() -> None:
    # The converter's lines lose their glosses, the lesson's line keeps its own, on every road.
    import io
    import json

    from conftest import shared_path
    from mojifix.files import stream

    samples = [json.loads(line)["text"]
               for line in shared_path("samples", "pinyin-glossed-web.jsonl").read_text("utf-8").splitlines()]
    lesson = "老师(lǎoshī)说(shuō)：学(xué)习(xí)汉(hàn)语(yǔ)很(hěn)有(yǒu)意(yì)思(si)。"
    page = "\n".join([*samples[:3], lesson]) + "\n"
    fixed = mojifix.fix_text(page)
    assert fixed.splitlines()[:3] == [mojifix.fix_text(s) for s in samples[:3]]
    assert "(" not in "".join(fixed.splitlines()[:3]) and fixed.splitlines()[3] == lesson
    assert mojifix.repair_text(page).text == fixed
    for chunk_chars in (64, 4096):
        out = io.BytesIO()
        stream.repair_stream(io.BytesIO(page.encode()), out, chunk_chars=chunk_chars)
        assert out.getvalue().decode() == fixed
