from __future__ import annotations

import pytest

import mojifix


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a &#59; b &#x3B; c", "a ; b ; c"),
        ("Fish &amp; chips &eacute;", "Fish & chips é"),
        ("&amp;lt; stays one level", "&lt; stays one level"),
        ("AT&T and &copy 2020 and ?a=1&lt=2", "AT&T and &copy 2020 and ?a=1&lt=2"),
        ("&#0; &#xD800; &#1114112; &bogus;", "&#0; &#xD800; &#1114112; &bogus;"),
    ],
)
def test_entities(text, expected):
    assert mojifix.fix_text(text) == expected


def test_entities_left_alone_in_markup():
    html = "<p>Fish &amp; chips&#59;</p>"
    assert mojifix.fix_text(html) == html
    assert mojifix.fix_text("x <br/> &amp;") == "x <br/> &amp;"
    # A lone "<" is not markup.
    assert mojifix.fix_text("1 < 2 &amp; 3 > 2") == "1 < 2 & 3 > 2"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zero\u200bwidth", "zerowidth"),
        ("word\u2060joiner", "wordjoiner"),
        ("stray\ufeffbom", "straybom"),
        ("中\u200d文\u200c字", "中文字"),
        ("La\u200ctin", "Latin"),
    ],
)
def test_zero_width_removed(text, expected):
    assert mojifix.fix_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "می\u200cخواهم",  # Persian ZWNJ
        "क्\u200dष",  # Devanagari ZWJ
        "👩\u200d💻 and 👨\u200d👩\u200d👧",  # emoji ZWJ sequences
        "ภาษา\u200bไทย",  # Thai word break
    ],
)
def test_zero_width_that_does_a_job_is_kept(text):
    assert mojifix.fix_text(text) == text
