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


@pytest.mark.parametrize(("call", "message"), [
    # (a known defect) Python's own words, from deep inside: "lookup() argument must be str, not
    # int", "expected str, bytes or os.PathLike object, not int"
    (lambda: mojifix.fix_text("x", encoding=5), "fix_text takes encoding as str or None, got int"),
    (lambda: mojifix.fix_text("x", path=5), "fix_text takes path as str, os.PathLike or None, got int"),
    (lambda: mojifix.fix_text("x", path=b"a.md"),
     "fix_text takes path as str, os.PathLike or None, got bytes"),
    (lambda: mojifix.fix_text("x", fixers=5),
     "fix_text takes fixers as a mojifix.engine.registry.Registry, got int"),
    (lambda: mojifix.fix_text("x", fix_mojibake="no"), "fix_text takes fix_mojibake as bool, got str"),
    (lambda: mojifix.fix_text("x", normalization=5), "fix_text takes normalization as str or None, got int"),
    (lambda: mojifix.fix_text("x", file_kind=5), "fix_text takes file_kind as str or None, got int"),
    (lambda: mojifix.fix_text("x", file_kinds="*.md=text"),
     "fix_text takes file_kinds as a tuple or list of str, got str"),
    (lambda: mojifix.fix_text("x", file_kinds=("*.md=text", 5)),
     "fix_text takes file_kinds as a tuple or list of str, got int"),
    (lambda: mojifix.fix_text("x", Config(), keep_bom=1), "fix_text takes keep_bom as bool, got int"),
    (lambda: mojifix.repair_text("x", encoding=5), "repair_text takes encoding as str or None, got int"),
    (lambda: mojifix.repair_text("x", path=5.0),
     "repair_text takes path as str, os.PathLike or None, got float"),
    (lambda: mojifix.repair_text("x", fixers=[]),
     "repair_text takes fixers as a mojifix.engine.registry.Registry, got list"),
    (lambda: mojifix.fix_bytes(b"x", encoding=5), "fix_bytes takes encoding as str or None, got int"),
    (lambda: mojifix.fix_bytes(b"x", path=5), "fix_bytes takes path as str, os.PathLike or None, got int"),
    (lambda: mojifix.fix_bytes(b"x", fixers=None),
     "fix_bytes takes fixers as a mojifix.engine.registry.Registry, got NoneType"),
    (lambda: mojifix.repair_bytes(b"x", encoding=b"gbk"),
     "repair_bytes takes encoding as str or None, got bytes"),
    (lambda: mojifix.repair_bytes(b"x", path=5),
     "repair_bytes takes path as str, os.PathLike or None, got int"),
    (lambda: mojifix.repair_bytes(b"x", fixers="entities"),
     "repair_bytes takes fixers as a mojifix.engine.registry.Registry, got str"),
    (lambda: mojifix.detect_bytes(b"x", encoding=5), "detect_bytes takes encoding as str or None, got int"),
    (lambda: Config(encoding=5), "Config takes encoding as str or None, got int"),
    (lambda: Config().replace(remove_glosses="false"), "Config takes remove_glosses as bool, got str"),
])
def test_a_wrong_type_of_argument_names_the_function_and_the_argument(call, message):
    with pytest.raises(TypeError) as exc:
        call()
    assert str(exc.value) == message


def test_a_path_may_be_a_path_object():
    from pathlib import Path

    assert mojifix.fix_text("a &amp; b", path=Path("a.py")) == "a &amp; b"  # code: entities left
    assert mojifix.fix_text("a &amp; b", path=Path("a.txt"), file_kinds=["*.txt=code"]) == "a &amp; b"
    assert mojifix.repair_bytes(b"a &amp; b", path=Path("a.txt")).text == "a & b"


def test_an_unknown_normal_form_is_refused_up_front():
    # It was refused deep inside, by unicodedata, and only on a text with non-ASCII in it:
    # "x" passed, "é" raised "invalid normalization form".
    for text in ("x", "caf\u00e9"):
        with pytest.raises(ValueError, match="normalization is one of None, NFC, NFD, NFKC, NFKD, not 'NFX'"):
            mojifix.fix_text(text, normalization="NFX")
    assert mojifix.fix_text("cafe\u0301", normalization="NFC") == "caf\u00e9"
