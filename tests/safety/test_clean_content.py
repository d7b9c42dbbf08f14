"""Issue 19, "clean content changed": the fixers never touch clean content of any kind of file.

One test (or parametrized group) per item of the policy brief:

1. HTML entities (and zero-width characters) are left alone in source code, data files and
   Markdown code; they are still decoded in plain text and in JSONL text fields.
2. Learner material keeps its toned pinyin; converter pages still lose their glosses.
3. Zero-width spaces that belong to the text (Japanese line-break hints, spaceless scripts, a
   ZWSP in a string literal) are kept; injected ones in Latin/Chinese words still go.
4. A lone ``Ã`` in correct Portuguese stays; real ``Ã  la`` mojibake is still repaired.
"""

from __future__ import annotations

import json

import pytest

import mojifix
from conftest import run_cli

# --- item 1: entities by kind of file ---------------------------------------------------------

CLEAN_TREE = {
    "data.json": '{"s": "&amp;", "t": "Tom &lt;3 Jerry"}\n',
    "conf.yaml": "title: Tom &amp; Jerry\n",
    "table.csv": "name,value\nAT&amp;T,&copy;\n",
    "test_escape.py": 'import html\n\n\ndef test_escape():\n    assert html.escape("&") == "&amp;"\n',
    "app.js": 'const s = "&lt;b&gt;";\n',
    "guide.md": (
        "# Escaping\n\n"
        "Write `&amp;` to get an ampersand, or `&lt;` for a less-than sign.\n\n"
        "```html\n<p>Tom &amp; Jerry &copy; 2020</p>\n```\n\n"
        "    indented &amp; code\n\n"
        "In prose, &lt;div&gt; shows a tag and &amp; shows an ampersand.\n"
    ),
}


def test_entities_left_alone_in_code_data_and_markdown_code(tmp_path):
    for name, text in CLEAN_TREE.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Tom &amp; Jerry &eacute;t&eacute;\n", encoding="utf-8")
    (tmp_path / "prose.md").write_text("Caf&eacute; `&eacute;` here\n", encoding="utf-8")
    r = run_cli("fix", "-i", "--jobs", "1", str(tmp_path))
    assert r.returncode == 0, r.stderr
    for name, text in CLEAN_TREE.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text, name
    # Plain text is still repaired, and Markdown prose gets the entities that render the same.
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "Tom & Jerry été\n"
    assert (tmp_path / "prose.md").read_text(encoding="utf-8") == "Café `&eacute;` here\n"
    # The API: the path is a hint; file_kind forces a kind; stdin JSON is recognised.
    assert mojifix.fix_text('{"s": "&amp;"}', path="x.json") == '{"s": "&amp;"}'
    assert mojifix.fix_text('{"s": "&amp;"}') == '{"s": "&amp;"}'
    assert mojifix.fix_text('{"s": "&amp;"}', file_kind="text") == '{"s": "&"}'
    repair = mojifix.repair_text("x = '&amp;'\n", path="a.py")
    assert repair.text == "x = '&amp;'\n"
    assert any("entities left alone: source code" in f.summary for f in repair.findings)
    # The CLI option, on fix (stdin), check and detect.
    r = run_cli("fix", "--file-kind", "code", "-", input=b"Tom &amp; Jerry\n")
    assert r.returncode == 0 and r.stdout == b"Tom &amp; Jerry\n"
    r = run_cli("check", "--file-kind", "text", str(tmp_path / "data.json"))
    assert r.returncode == 1, r.stdout
    r = run_cli("detect", "--json", str(tmp_path / "data.json"))
    assert r.returncode == 0 and b"entities left alone: data" in r.stdout


def test_html_entities_only_double_escapes_in_text_nodes(tmp_path):
    # The text nodes escaped twice throughout (the page decides, see fixers/entities.py).
    page = (
        '<!DOCTYPE html>\n<p title="a &amp;amp; b">Tom &amp;amp; Jerry&amp;#39;s &amp;quot;show&amp;quot;</p>\n'
        "<pre>&amp;lt;p&amp;gt;</pre><!-- &amp;amp; -->\n"
    )
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "clean.html").write_text("<p>Tom &amp; Jerry &lt;3</p>\n", encoding="utf-8")
    # One double escape beside a single one: no page escaped twice (it may mean ``&amp;``).
    one = '<p title="a &amp;amp; b">Tom &amp;amp; Jerry &amp; co</p>\n'
    (tmp_path / "one.html").write_text(one, encoding="utf-8")
    r = run_cli("fix", "-i", "--jobs", "1", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == page.replace(
        "Tom &amp;amp; Jerry&amp;#39;s &amp;quot;show&amp;quot;", "Tom &amp; Jerry&#39;s &quot;show&quot;"
    )
    assert (tmp_path / "clean.html").read_text(encoding="utf-8") == "<p>Tom &amp; Jerry &lt;3</p>\n"
    assert (tmp_path / "one.html").read_text(encoding="utf-8") == one


def test_jsonl_text_fields_are_prose(tmp_path):
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps({"text": "```\nTom &amp; Jerry\n```"}) + "\n", encoding="utf-8")
    r = run_cli("fix", "--jsonl", str(src))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["text"] == "```\nTom & Jerry\n```"


# --- item 2: learner pinyin -------------------------------------------------------------------

LEARNER = [
    "我(wǒ)爱(ài)你(nǐ)。这是一本汉语课本。和(hè)",
    "第一课：你(nǐ)好(hǎo)！\n老师说：“请跟我读。”我们一起读课文。\n",
    "生词：学(xué)习(xí)、朋(péng)友(yǒu)。请用这些词造句。",
    "“行”有两个读音：行(xíng)走的“行”，银行(háng)的“行”。",
]


@pytest.mark.parametrize("text", LEARNER)
def test_learner_pinyin_is_kept(text):
    assert mojifix.fix_text(text) == text
    assert mojifix.fix_bytes(text.encode("utf-8")) == text


def test_converter_glosses_still_removed():
    assert mojifix.fix_text("強(qiáng)調(diào)") == "強調"
    assert mojifix.fix_text("他強(qiáng)調(diào),要发展经济。") == "他強調,要发展经济。"


# --- item 3: zero-width characters that belong to the text --------------------------------------

KEPT_ZW = [
    "日本語の\u200b文章です。長い\u200b行を\u200b折り返す\u200bための\u200bヒントです。",
    "ภาษาไทย\u200bไม่มี\u200bช่องว่าง",
    "می\u200cخواهم",
]


@pytest.mark.parametrize("text", KEPT_ZW)
def test_zero_width_that_belongs_to_the_text_is_kept(text):
    assert mojifix.fix_text(text) == text


def test_zero_width_in_source_string_is_kept_and_junk_still_removed(tmp_path):
    src = tmp_path / "zw.py"
    code = 'ZWSP = "\u200b"\nSPLIT = "a\u200bb".split("\u200b")\n'
    src.write_text(code, encoding="utf-8")
    md = tmp_path / "zw.md"
    md.write_text("Use `\u200b` as a hint.\n", encoding="utf-8")
    r = run_cli("fix", "-i", "--jobs", "1", str(src), str(md))
    assert r.returncode == 0, r.stderr
    assert src.read_text(encoding="utf-8") == code
    assert md.read_text(encoding="utf-8") == "Use `\u200b` as a hint.\n"
    assert mojifix.fix_text("spa\u200bm wo\u200brd") == "spam word"
    assert mojifix.fix_text("中\u200b文") == "中文"


# --- item 4: a lone Ã is a letter ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["A letra Ã aparece", "A letra Ã aparece no alfabeto.\nA letra Â também.\n", "Ã é uma letra"],
)
def test_lone_a_tilde_in_clean_portuguese_stays(text):
    assert mojifix.fix_text(text) == text


def test_a_tilde_mojibake_still_repaired():
    assert mojifix.fix_text("cafÃ© Ã  la carte") == "café à la carte"
    assert mojifix.fix_text("rÃ©flexion\nÃ  la carte\n") == "réflexion\nà la carte\n"
    assert mojifix.fix_text("voilÃ le travail") == "voilà le travail"


def test_mojibake_quoted_in_markdown_code_is_an_example_not_damage() -> None:
    # A README about encodings quotes mojibake in its code on purpose; the prose is clean.
    readme = ("# Encodings\n\nThe usual damage looks like this:\n\n"
              "    >>> broken = 'cafÃ©'\n\nor inline, `Ã©` for `é`.\n")
    assert mojifix.fix_text(readme, path="README.md") == readme
    repair = mojifix.repair_text(readme, path="README.md")
    assert not repair.changed
    assert any(f.kind == "file-kind" and "mojibake" in f.summary for f in repair.findings)


def test_a_markdown_document_garbled_as_a_whole_is_repaired_code_included() -> None:
    garbled = "# Titre\n\nLe cafÃ© est ouvert.\n\n```\nprint('cafÃ©')\n```\n"
    assert mojifix.fix_text(garbled, path="notes.md") == (
        "# Titre\n\nLe café est ouvert.\n\n```\nprint('café')\n```\n")
