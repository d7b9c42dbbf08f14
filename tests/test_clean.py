"""Do no harm: text that is not broken comes out byte-for-byte the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from conftest import FIXTURES, run_cli

CLEAN = sorted((FIXTURES / "clean").glob("*.txt"))
# Real clean files of odd shapes that once tempted a repair (keymap diagrams with ``хХ``
# pairs and ``¯¯¯¯`` rules): checked like the clean fixtures, but not garbled by the
# accuracy benchmark.
CLEAN += sorted((FIXTURES / "guards").glob("*.txt"))


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_fixture_unchanged(path):
    data = path.read_bytes()
    text = data.decode("utf-8")
    repair = mojifix.repair_text(text)
    assert repair.text == text
    assert repair.changes == ()
    assert mojifix.fix_bytes(data) == text


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_clean_fixture_cli_byte_identical(path):
    proc = run_cli("fix", str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == path.read_bytes()


def test_crlf_and_curly_quotes_survive():
    text = "“Quoted”, ‘single’, l’été, 中文，“引号”\r\nline two\r\n"
    assert mojifix.fix_text(text) == text


# Real words of many scripts (random letter soup such as "çĄĄ" *is* indistinguishable from
# mojibake, so properties are stated over words people write).
WORDS = [
    "the quick brown fox jumps over lazy dog text file data".split(),
    "café crème été naïve garçon œuvre déjà où forêt Noël".split(),
    "zażółć gęślą jaźń łódź źdźbło świętość kości".split(),
    "çalışma güneş ağaç öğrenci şehir ılık İstanbul".split(),
    "Größe Übermaß Straße Mädchen schön fünf".split(),
    "niño año piñata señor corazón acción ¿Qué ¡Olé".split(),
    "привет мир текст данные файл широкий объём ёлка".split(),
    "привіт світ їжак ґанок єдність".split(),
    "καλημέρα κόσμε ελληνικά κείμενο αρχείο".split(),
    "我们 的 中文 文本 测试 数据 强调 团镇 经济 发展 工作".split(),
    "臺灣 繁體 中文 強調 團鎮 經濟 發展 師市 黨委".split(),
    "こんにちは 世界 日本語 テキスト ｶﾀｶﾅ カタカナ 東京".split(),
    "안녕하세요 세계 한국어 텍스트 서울".split(),
    "مرحبا بالعالم نص عربي سليم".split(),
    "می‌خواهم نیم‌فاصله فارسی متن".split(),
    "Tiếng Việt chào thế giới văn bản sạch đường".split(),
    "👍 🎉 👩‍💻 👨‍👩‍👧 ❤️ 1️⃣".split(),
]
ENDINGS = [".", ",", "!", "?", ";", ":", "，", "。", "、", "！", "？", "…", ""]
OPEN_CLOSE = [("", ""), ("(", ")"), ("“", "”"), ("«", "»"), ("「", "」"), ("（", "）"), ("‘", "’")]


@st.composite
def sentence(draw):
    """Words of one real alphabet, possibly quoted or bracketed, with sentence punctuation."""
    vocabulary = draw(st.sampled_from(WORDS))
    words = draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=8))
    opener, closer = draw(st.sampled_from(OPEN_CLOSE))
    return opener + " ".join(words) + closer + draw(st.sampled_from(ENDINGS))


clean_text = st.lists(sentence(), min_size=1, max_size=6).flatmap(
    lambda parts: st.sampled_from([" ", "\n", "\r\n"]).map(lambda sep: sep.join(parts))
)


@settings(max_examples=300, deadline=None)
@given(clean_text)
def test_property_clean_text_unchanged(text):
    assert mojifix.fix_text(text) == text


@settings(max_examples=200, deadline=None)
@given(clean_text)
def test_property_idempotent(text):
    once = mojifix.fix_text(text)
    assert mojifix.fix_text(once) == once


@settings(max_examples=200, deadline=None)
@given(clean_text)
def test_property_utf8_bytes_roundtrip(text):
    assert mojifix.fix_bytes(text.encode("utf-8")) == text


# Real files of char-dataset (../shared), decoded with their labelled codec: clean text in ~45
# encodings and many languages. These are the only ones mojifix changes, each for a reason a
# user would want: numeric references whose "&" a converter dropped, C1 controls that are
# cp1252 / cp874 punctuation (ftfy's fix), and one real UTF-8-read-as-Latin-1 paragraph (its
# ``Ã\x96`` holds a C1 control: Latin-1, which the report names since fixers/partialpage.py).
CHAR_DATASET_CHANGES = {
    "big5/catshadow.blogspot.com.xml": {("bare-entities", ())},
    "big5/upsaid.com.xml": {("bare-entities", ())},
    "cp037/_ude_1.txt": {("mojibake", ("windows-1252", "latin-1"))},
    "cp424/_ude_1.txt": {("mojibake", ("windows-1252", "latin-1"))},
    "tis_620/opentle.org.xml": {("bare-entities", ())},
    "tis_620/pharmacy.kku.ac.th.centerlab.xml": {("mojibake", ("windows-1252", "latin-1"))},
    "tis_620/pharmacy.kku.ac.th.healthinfo-ne.xml": {("mojibake", ("windows-1252", "latin-1"))},
    "utf_8/balatonblog.typepad.com.xml": {("mojibake", ("utf-8", "latin-1"))},
}


def test_real_clean_files_in_many_encodings_are_left_alone():
    from conftest import shared_path

    root = shared_path("detection", "char-dataset")
    changed: dict[str, set[tuple[str, tuple[str, ...]]]] = {}
    checked = 0
    for path in sorted(root.glob("*/*")):
        label = path.parent.name
        if label == "None" or not path.is_file():
            continue
        try:
            text = path.read_bytes().decode(label).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            continue
        checked += 1
        r = mojifix.repair_text(text)
        if r.changes:
            changed[f"{label}/{path.name}"] = {(f.kind, f.chain) for f in r.findings if f.fixed}
    assert checked > 400
    assert changed == CHAR_DATASET_CHANGES
