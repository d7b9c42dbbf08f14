"""Pinyin-gloss pages: the user's sample, the 40 web snippets, the report, --restore."""

from __future__ import annotations

import json

import pytest

import mojifix
from conftest import FIXTURES, run_cli, shared_path
from mojifix.fixers.glosses import CANDIDATE, STRADDLE, classify, straddled

GOLDEN = FIXTURES / "golden"


def _samples() -> list[dict]:
    path = shared_path("samples", "pinyin-glossed-web.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _sample(fragment: str) -> str:
    hits = [s["text"] for s in _samples() if fragment in s["text"]]
    assert len(hits) == 1, fragment
    return hits[0]


# --- the user's sample -------------------------------------------------------------------

def test_user_sample_default_output_is_the_golden_file(tmp_path):
    sample = shared_path("samples", "000_fa615ddf964b754e.txt")
    out = tmp_path / "out.txt"
    proc = run_cli("fix", str(sample), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == (GOLDEN / "000_fa615ddf964b754e.fixed.txt").read_bytes()


def test_user_sample_restore_output_is_the_simplified_article(tmp_path):
    sample = shared_path("samples", "000_fa615ddf964b754e.txt")
    proc = run_cli("fix", "--restore", str(sample))
    assert proc.returncode == 0, proc.stderr
    golden = (GOLDEN / "000_fa615ddf964b754e.restored.txt").read_bytes()
    assert proc.stdout == golden
    text = golden.decode("utf-8")
    assert "4月24日，师市党委书记、政委丁翊强深入十一团花桥镇" in text
    assert text.endswith("还没有账号？\n立即注册\n") or "还没有账号？" in text
    assert "," not in text.split("用户登录")[0].replace("，", "")  # every comma of the article is back to ，
    # In-process too, with the finding that says why.
    r = mojifix.repair_text(sample.read_text(encoding="utf-8"), restore_original=True)
    assert r.text == text
    restore = [f for f in r.findings if f.kind == "restore"]
    assert restore and restore[0].fixed and "228 pinyin glosses removed" in restore[0].evidence


# --- the 40 web snippets ------------------------------------------------------------------

def test_no_valid_gloss_left_in_any_sample():
    for s in _samples():
        out = mojifix.fix_text(s["text"])
        left = [m.group() for m in CANDIDATE.finditer(out) if classify(m.group(1), m.group(2)) == "toned"]
        left += [m.group() for m in STRADDLE.finditer(out) if straddled(*m.groups())]
        assert not left, (s["source"], left)


# damaged text in the sample -> what mojifix writes (default mode: Traditional, as on the page)
NOTED = [
    ("上?;鶎狱h建", "成為上海基層黨建“繼續前進"),
    ("[5]?;蛘哒f(shuō)", "建構過程[5]。或者說,現有的"),
    ("效?!?023", "求實效。”2023年3月"),
    ("新聞?shì)浾摴ぷ?、", "做好新聞輿論工作、提升職業精神"),
    ("日?qǐng)?bào)社", "經濟日報社副總編輯"),
    # A quoted single character whose lead byte is gone: no evidence pins it (the page's other
    # quoted characters are no proof), so it is marked U+FFFD; the gloss pins 對 after it.
    ("“?!睂?duì)", "例如“的”對應的拼音英文字母數僅2個,“\ufffd”對應的"),
    ("“?!迸c“?!敝g", "文字中“\ufffd”與“\ufffd”之間和“常”與“嘲”之間"),
    ("F(xiàn)U", "ZHANG Weilu,FU Ting,SHAO"),
    ("#xff1a;", "第一章：Open-AutoGLM輸出亂碼"),
]


@pytest.mark.parametrize(("damaged", "repaired"), NOTED, ids=[d for d, _ in NOTED])
def test_noted_damage_is_repaired(damaged, repaired):
    out = mojifix.fix_text(_sample(damaged))
    assert repaired in out
    assert damaged not in out


def test_detect_reports_glosses_misalignments_and_lost_characters_per_page(tmp_path):
    pages = {
        "haiji.txt": _sample("上?;鶎狱h建"),
        "quoted.txt": _sample("“?!迸c“?!敝g"),
        "spaces.txt": _sample("[中圖分類號]?"),
        "clean.txt": "步行(walking)是指通過雙腳的交互動作。\n",
    }
    for name, text in pages.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    proc = run_cli("detect", "--json", *(str(tmp_path / n) for n in pages))
    assert proc.returncode == 0, proc.stderr
    files = {f["path"].rsplit("/", 1)[-1]: {x["kind"]: x for x in f["findings"]} for f in json.loads(proc.stdout)["files"]}
    assert files["haiji.txt"]["gbk-misalignment"]["count"] == 1
    assert files["haiji.txt"]["pinyin-glosses"]["count"] == 13
    assert "lost-characters" not in files["haiji.txt"]
    assert files["quoted.txt"]["gbk-misalignment"]["count"] == 2
    assert files["quoted.txt"]["lost-characters"]["count"] == 2
    spaces = files["spaces.txt"]["lost-spaces"]
    assert spaces["count"] == 9 and spaces["fixed"] is False
    assert files["clean.txt"] == {}
    table = run_cli("detect", str(tmp_path / "haiji.txt"))
    assert b"re-aligned" in table.stdout


def test_report_locates_each_gloss_and_each_realigned_run(tmp_path):
    text = "標題\n" + _sample("上?;鶎狱h建")
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    report = tmp_path / "r.json"
    proc = run_cli("fix", str(page), "--report", str(report), "-o", str(tmp_path / "out.txt"))
    assert proc.returncode == 0, proc.stderr
    changes = json.loads(report.read_text(encoding="utf-8"))["files"][0]["changes"]
    lines = text.split("\n")
    realigned = [c for c in changes if c["kind"] == "gbk-realign"]
    assert len(realigned) == 1
    c = realigned[0]
    assert (c["line"], c["before"], c["after"]) == (2, "?;鶎狱h", "海基層黨")
    assert lines[1][c["column"] - 1:c["column"] - 1 + len(c["before"])] == c["before"]
    glosses = [c for c in changes if c["kind"] == "pinyin-gloss"]
    assert len(glosses) == 13
    for g in glosses:
        assert lines[g["line"] - 1][g["column"] - 1:g["column"] - 1 + len(g["before"])] == g["before"]


def test_legit_parentheses_kept_in_the_samples():
    for legit, fragment in [
        ("步行(walking)", "步行(walking)"),
        ("步態(gait)", "步態(tài)(gait)"),
        ("臨床試驗(Clinical Trial)", "(Clinical Trial)"),
        ("1009-928X(2023)05-0085-04", "(2023)05"),
        ("研究”(20SDGHI108;);", "(20SDGHI108;)"),
    ]:
        assert legit in mojifix.fix_text(_sample(fragment))
        paren = fragment[fragment.index("(", fragment.index(")") if "(tài)" in fragment else 0):]
        assert paren in mojifix.fix_text(_sample(fragment), restore_original=True)


def test_toneless_variant_page():
    out = mojifix.fix_text(_sample("当(dang)“乱(luan)码”"))
    assert out.startswith("当“乱码”遇上“哔哩哔哩”:一场跨越“编码”的冒险\n\n各位B站的小伙伴们,有没有遇到过这样的糟心事?")


# --- --restore ----------------------------------------------------------------------------

def test_restore_on_a_sample_page():
    out = mojifix.fix_text(_sample("[5]?;蛘哒f(shuō)"), restore_original=True)
    assert "仍处于建构过程[5]。或者说，现有的“知识”是对客观世界的假说，" in out


def test_restore_without_evidence_changes_nothing_and_says_why():
    text = "這是一篇繁體文章,沒有注音。你好?\n"
    r = mojifix.repair_text(text, restore_original=True)
    assert r.text == text
    (f,) = [f for f in r.findings if f.kind == "restore"]
    assert not f.fixed and "no sign of a pinyin-gloss converter" in f.summary


def test_restore_keeps_latin_numbers_urls_and_lost_spaces():
    text = ("強(qiáng)調(diào)發(fā)展(zhǎn)經(jīng)濟,見 http://a.cn/x?y=1;ZHANG Wei, LI Na; 1,000;"
            "[摘? 要]好嗎?\n")
    out = mojifix.fix_text(text, restore_original=True)
    assert out == "强调发展经济，见 http://a.cn/x?y=1;ZHANG Wei, LI Na; 1,000;[摘? 要]好吗？\n"


def test_straddled_gloss_in_latin_text_proves_the_fullwidth_comma():
    text = "YUAN Xiaojie,ZHANG Weilu,F(xiàn)U Ting,SHAO Zhongjun"
    assert mojifix.fix_text(text) == "YUAN Xiaojie,ZHANG Weilu,FU Ting,SHAO Zhongjun"
    assert mojifix.fix_text(text, restore_original=True) == "YUAN Xiaojie,ZHANG Weilu，FU Ting,SHAO Zhongjun"


def test_restore_keeps_japanese_script():
    text = "記(jì)者(zhě)節(jié)の記(jì)事(shì)です,よろしく(yī)。\n"
    out = mojifix.fix_text(text, restore_original=True)
    assert out == "記者節の記事です，よろしく(yī)。\n"


def test_bare_entities_only_in_cjk_context():
    assert mojifix.fix_text("第一章#xff1a;Open") == "第一章：Open"
    assert mojifix.fix_text("時#xff0c;部分") == "時，部分"
    for clean in ("color: #fff;", "issue #12345;", "see #x41; here", "a #xff1a; b"):
        assert mojifix.fix_text(clean) == clean


def test_no_glosses_option_turns_realignment_off_too():
    text = _sample("上?;鶎狱h建")
    assert mojifix.fix_text(text, remove_glosses=False) == text


@pytest.mark.parametrize("path", sorted((FIXTURES / "clean").glob("*.txt")), ids=lambda p: p.name)
def test_clean_fixtures_unchanged_with_restore(path):
    proc = run_cli("fix", "--restore", str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == path.read_bytes()
