from __future__ import annotations

import dataclasses

import pytest

import mojifix
from mojifix import Config


def test_fix_text_examples():
    assert mojifix.fix_text("cafÃ©") == "café"
    assert mojifix.fix_text("強(qiáng)調(diào)") == "強調"
    assert mojifix.fix_text("Fish &amp; chips&#59; 10&#x20AC;") == "Fish & chips; 10€"


def test_repair_text_reports_findings_and_located_changes():
    r = mojifix.repair_text("ok\ncafÃ© &amp; cr\u200bème")
    assert r.text == "ok\ncafé & crème"
    assert r.original == "ok\ncafÃ© &amp; cr\u200bème"
    assert r.changed
    assert r.encoding is None and r.confidence is None
    kinds = {f.kind for f in r.findings}
    assert kinds == {"html-entities", "mojibake", "zero-width"}
    moj = next(f for f in r.findings if f.kind == "mojibake")
    assert moj.chain == ("utf-8", "latin-1") or moj.chain[0] == "utf-8"
    located = [(c.kind, c.line, c.column, c.before, c.after) for c in r.changes]
    assert located == [
        ("mojibake", 2, 4, "Ã©", "é"),
        ("html-entity", 2, 7, "&amp;", "&"),
        ("zero-width", 2, 15, "\u200b", ""),
    ]


def test_change_columns_point_into_original_after_earlier_fixers():
    # The gloss fixer runs after the entity fixer shortened the line; columns still refer
    # to the original text.
    r = mojifix.repair_text("&amp;&amp; 強(qiáng)")
    gloss = next(c for c in r.changes if c.kind == "pinyin-gloss")
    assert (gloss.line, gloss.column) == (1, 13)
    assert "&amp;&amp; 強(qiáng)"[gloss.offset:].startswith("(qiáng)")


def test_repair_bytes_reports_encoding_and_bom():
    r = mojifix.repair_bytes("\ufeffhello".encode("utf-8"))
    assert r.text == "hello" and r.bom == "utf-8" and r.encoding == "utf-8"
    assert [f.kind for f in r.findings] == ["bom"]
    r = mojifix.repair_bytes("你好，世界。这是一个测试。".encode("gbk"))
    assert r.text == "你好，世界。这是一个测试。"
    assert r.encoding in ("gbk", "gb18030", "gb2312")
    assert 0 < r.confidence <= 1
    assert r.findings[0].kind == "encoding"


def test_config_is_immutable_and_accepts_keywords():
    cfg = Config()
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.fix_mojibake = False  # type: ignore[misc]
    assert cfg.replace(remove_glosses=False).remove_glosses is False
    assert mojifix.fix_text("強(qiáng)", remove_glosses=False) == "強(qiáng)"
    assert mojifix.fix_text("強(qiáng)", Config(remove_glosses=False)) == "強(qiáng)"
    with pytest.raises(TypeError, match="unknown mojifix option"):
        mojifix.fix_text("x", no_such_option=True)


def test_defaults_do_not_normalise_but_options_can():
    text = "“ﬁne” ＡＢＣ\r\n"
    assert mojifix.fix_text(text) == text
    assert mojifix.fix_text(text, uncurl_quotes=True) == "\"ﬁne\" ＡＢＣ\r\n"
    assert mojifix.fix_text(text, fix_latin_ligatures=True, fix_character_width=True) == "“fine” ABC\r\n"
    assert mojifix.fix_text(text, fix_line_breaks=True) == "“ﬁne” ＡＢＣ\n"


def test_type_errors():
    with pytest.raises(TypeError):
        mojifix.fix_text(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        mojifix.fix_bytes("text")  # type: ignore[arg-type]


def test_repair_to_dict_is_json_serialisable():
    import json

    r = mojifix.repair_bytes("強(qiáng)".encode())
    doc = json.loads(json.dumps(r.to_dict(), ensure_ascii=False))
    assert doc["findings"][0]["kind"] == "pinyin-glosses"
    assert doc["changes"][0] == {
        "kind": "pinyin-gloss", "line": 1, "column": 2, "before": "(qiáng)", "after": "",
        "offset": 1, "note": "強(qiáng)",
    }


@pytest.mark.parametrize(("call", "message"), [
    # The function the user called is named, with the type it got; the twin is suggested only
    # for what the twin takes (None is neither str nor bytes).
    (lambda: mojifix.fix_bytes("str"), "fix_bytes takes bytes, got str; use fix_text for str"),
    (lambda: mojifix.fix_bytes(None), "fix_bytes takes bytes, got NoneType"),
    (lambda: mojifix.fix_text(None), "fix_text takes str, got NoneType"),
    (lambda: mojifix.fix_text(b"x"), "fix_text takes str, got bytes; use fix_bytes for bytes"),
    (lambda: mojifix.repair_text(bytearray(b"x")),
     "repair_text takes str, got bytearray; use repair_bytes for bytes"),
    (lambda: mojifix.repair_text(None), "repair_text takes str, got NoneType"),
    (lambda: mojifix.repair_bytes("s"), "repair_bytes takes bytes, got str; use repair_text for str"),
    (lambda: mojifix.repair_bytes(3), "repair_bytes takes bytes, got int"),
    (lambda: mojifix.detect_bytes("s"), "detect_bytes takes bytes, got str"),
    (lambda: mojifix.detect_bytes(None), "detect_bytes takes bytes, got NoneType"),
    (lambda: mojifix.fix_text("x", "gbk"),
     "config must be a mojifix.Config or None, got str; pass options as keywords (encoding='gbk')"),
    (lambda: mojifix.fix_bytes(b"x", {}),
     "config must be a mojifix.Config or None, got dict; pass options as keywords (encoding='gbk')"),
])
def test_type_errors_name_the_function_called_and_the_type_given(call, message):
    with pytest.raises(TypeError) as exc:
        call()
    assert str(exc.value) == message


def test_a_codec_that_decodes_no_file_is_a_decode_error() -> None:
    # (a review) 'undefined' and 'punycode' raise UnicodeError, not UnicodeDecodeError: a traceback
    for name in ("undefined", "punycode"):
        with pytest.raises(mojifix.MojifixError, match=name):  # (3.13's punycode: UnicodeDecodeError)
            mojifix.fix_bytes(b"x\n", encoding=name)
