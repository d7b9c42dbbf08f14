"""Legacy-code-page mojibake chains: round trips, mixed documents, clean text untouched."""

import re
from pathlib import Path

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from mojifix.fixers.chains import undo
from mojifix.scoring.plausibility import cost, is_plausible

CASES = [
    ("中文文本的编码问题很常见", ("utf-8", "gb18030")),
    ("你好世界", ("utf-8", "gbk")),
    ("こんにちは、世界。今日はいい天気ですね。", ("shift_jis", "latin-1")),
    ("继续", ("utf-8", "windows-1252")),
    ("你好，我们今天去学校学习中文。", ("gbk", "latin-1")),
    ("日本語のテキストです", ("shift_jis", "windows-1252")),
    ("Привет, мир! Как у тебя дела сегодня?", ("windows-1251", "windows-1252")),
    ("Привет мир, это обычный русский текст", ("utf-8", "windows-1251")),
    ("Doğru şey, ąę żółć", ("utf-8", "windows-1252")),
    ("Москва - столица России. Сегодня хорошая погода, и мы гуляем в парке.", ("koi8-r", "windows-1251")),
]


def garble(text: str, chain: tuple[str, ...]) -> str:
    return text.encode(chain[0]).decode(chain[1])


@pytest.mark.parametrize(("text", "chain"), CASES)
def test_chain_round_trip(text, chain):
    bad = garble(text, chain)
    assert bad != text
    r = mojifix.repair_text(bad)
    assert r.text == text
    assert any(f.kind == "mojibake" and f.chain[0] == chain[0] for f in r.findings)


def test_two_layers():
    text = "Doğru şey, ąę żółć"
    bad = text.encode("utf-8").decode("windows-1252").encode("utf-8").decode("windows-1252")
    assert mojifix.fix_text(bad) == text


def test_finding_names_chain():
    r = mojifix.repair_text(garble("中文文本的编码问题很常见", ("utf-8", "gb18030")))
    f = next(f for f in r.findings if f.kind == "mojibake")
    assert f.summary.startswith("UTF-8 read as GB18030: 1 line, ")
    assert f.to_dict()["chain"] == ["utf-8", "gb18030"]


def test_mixed_document_only_garbled_paragraph_fixed():
    clean = "第一段是正常的中文。\nThe second paragraph is English, café.\n"
    bad = garble("中文文本的编码问题很常见", ("utf-8", "gb18030"))
    doc = clean + bad + "\n" + clean
    r = mojifix.repair_text(doc)
    assert r.text == clean + "中文文本的编码问题很常见\n" + clean
    assert {c.line for c in r.changes} == {3}


def test_cp1251_lost_byte_restored():
    text = "Привет, мир! Как у тебя дела сегодня?"
    bad = text.encode("utf-8").decode("windows-1251", errors="replace")
    assert undo(bad, "utf-8", "windows-1251") == text


def test_unfixable_garbage_reported():
    r = mojifix.repair_text("锟斤拷锟斤拷 烫烫烫烫")
    assert r.text == "锟斤拷锟斤拷 烫烫烫烫"
    lost = [f for f in r.findings if f.kind == "mojibake-lost"]
    assert lost and lost[0].fixed is False and lost[0].count == 3


RARE = [
    "天地玄黃，宇宙洪荒。日月盈昃，辰宿列張。寒來暑往，秋收冬藏。",
    "子曰：「學而時習之，不亦說乎？有朋自遠方來，不亦樂乎？」",
    "饕餮、麒麟、貔貅、魑魅魍魎，皆古書所載。",
    "諸葛亮、龔自珍、闞澤、鄺露都是歷史人物。",
    "蒟蒻、齟齬、囹圄、耄耋、饕餮、趔趄",
    "犇羴鱻、亳州、郴州、邕宁、儋州、衢州、婺源",
    "(╯°□°）╯︵ ┻━┻  ¯\\_(ツ)_/¯  ( ͡° ͜ʖ ͡°)  ヽ(・∀・)ﾉ  (ﾟДﾟ)",
    "ｶﾀｶﾅ ﾊﾝｶｸ ﾃｷｽﾄ",
    "Łódź, Gdańsk, Kraków; İzmir, Şanlıurfa; Ærøskøbing; Ðakovo",
    "Πλάτων, Ἀριστοτέλης; Ґалаґан, Їжакевич; Nguyễn Thị Minh Khai",
    "¡Hola! ¿Qué tal? «Très bien» — naïve façade, Straße, Ÿ",
]


@pytest.mark.parametrize("text", RARE)
def test_rare_clean_text_unchanged(text):
    assert mojifix.fix_text(text) == text


@pytest.mark.parametrize(
    "path", sorted((Path(__file__).parent.parent / "fixtures" / "texts").glob("*.txt")),
    ids=lambda p: p.stem,
)
def test_fixture_texts_unchanged(path):
    text = path.read_text("utf-8")
    assert mojifix.fix_text(text) == text


_ALPHABET = (
    "abcXYZ é Ü ñ 1,.?!«»“”—…€ 我们的問題上兀嗀 日本語かなカナｶﾅ 한국어 뷁 ПриветЁёҐ ΑΒγδάϒ مرحبا"
    "\u0300\u00a0\u3002\uff0c\u2500\ufffd\x85\ue000Г©"
)


@given(st.text(alphabet=_ALPHABET, max_size=40))
@settings(max_examples=600, deadline=None)
def test_is_plausible_never_hides_a_cost(text: str) -> None:
    # chains.py skips the plausibility loop on lines is_plausible passes: it must be exact then.
    if is_plausible(text):
        assert cost(text) == 0.0


def test_scans_lead_with_every_free_letter_that_can_clash() -> None:
    # plausibility.scans() leads its clash scans with the unified ideographs, kana, hangul,
    # Cyrillic and Greek only; any other character that can clash must carry a penalty of its
    # own (scan 1 finds those).
    from mojifix.scoring.plausibility import _char_class, _free_chars

    leads = re.compile("[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7a3\u0370-\u03ff"
                       "\u0410-\u044fёєіїўґЁЄІЇЎҐ]")
    clashing = {"han", "kana", "hangul", "cyrillic", "greek", "latin"}
    for c in _free_chars():
        if _char_class(c)[0] in clashing:
            assert leads.match(c), f"U+{ord(c):04X}"


def test_scans_find_every_clash_exhaustively() -> None:
    # Every cost event spans at most four characters (a lone ideograph one space from a Latin
    # word), so all strings of up to four characters from one representative of each class
    # exercise every branch of the scans: a string they pass must cost 0.
    from itertools import product

    alphabet = "aZ 中カ한ПёЖγΑ，(1é\u3400\n©"
    for n in range(1, 5):
        for chars in product(alphabet, repeat=n):
            text = "".join(chars)
            if is_plausible(text):
                assert cost(text) == 0.0, text


@given(st.lists(st.text(alphabet=_ALPHABET + " ", max_size=30), max_size=6))
@settings(max_examples=400, deadline=None)
def test_flagged_lines_hold_every_line_that_costs(lines: list[str]) -> None:
    # The chain search looks only at the lines plausibility.sites() lands on; the clash walker
    # goes a stretch at a time and stops somewhere on the line of the clash: every line that
    # costs anything must be among them, wherever it sits in a document.
    from mojifix.fixers.chains import _flagged_lines

    text = "\n".join(lines)
    flagged = set(_flagged_lines(text).values())
    for line in lines:
        if cost(line) > 0 and not line.isascii():  # no layer changes ASCII
            assert line in flagged, (line, text)


def test_clash_walker_finds_a_clash_after_many_clean_stretches() -> None:
    # A clause of hanzi, then one touching a Latin letter, far along a long line; and a
    # Russian line whose clash is in its last word.
    from mojifix.scoring.plausibility import sites

    zh = "我们的问题，" * 5000 + "中文abc"
    assert list(sites(zh)) and not is_plausible(zh)
    ru = "Привет мир, " * 5000 + "Приветabc\n" + "Привет мир.\n" * 3
    at = list(sites(ru))
    assert at and ru.rfind("\n", 0, at[0]) == -1  # on the first line, not later
    assert is_plausible("我们的问题，" * 5000 + "\n" + "Привет мир, " * 5000)


def test_koi8r_read_as_cp1251_one_sentence_is_repaired() -> None:
    # One sentence shows one case flip (``чЕ``) only; the vowels it lost are the evidence.
    ru = "Вечером мы читали книги и пили чай с вареньем, а потом долго разговаривали."
    bad = ru.encode("koi8-r").decode("cp1251")
    assert bad.startswith("чЕЮЕТПН")
    assert mojifix.fix_text(bad) == ru


@pytest.mark.parametrize("text", [
    "мАМА МЫЛА РАМУ, А ПАПА ЧИТАЛ ГАЗЕТУ НА КУХНЕ.",  # typed with Caps Lock on
    "вНИМАНИЕ: ВСЕМ СОТРУДНИКАМ СОБРАТЬСЯ В ЗАЛЕ В ПЯТЬ ЧАСОВ.",
])
def test_inverted_case_russian_with_its_vowels_is_left_alone(text: str) -> None:
    assert mojifix.fix_text(text) == text


@pytest.mark.parametrize("text", [
    "Il va à Paris, à Lyon et à Marseille.",
    "O livro é bom e é caro, mas é meu.",
])
def test_utf8_read_as_cp1251_on_one_latin_line(text: str) -> None:
    # ``à`` and ``é`` read as cp1251 are a lone capital and a symbol (``Г\xa0``, ``Г©``)
    # between Latin words: no case flip, no clash; the lone capital is the evidence.
    bad = text.encode().decode("cp1251")
    assert "Г" in bad
    assert mojifix.fix_text(bad) == text


@pytest.mark.parametrize("text", [
    "В\xa0Москве и\xa0Санкт-Петербурге прошли выставки класса «А».",
    "Пункт В… и пункт Г — см. приложение №\xa02.",
    "Model В© 2024, all rights reserved.",  # one lone pair on a line: too little evidence
])
def test_cyrillic_capitals_beside_symbols_are_left_alone(text: str) -> None:
    assert mojifix.fix_text(text) == text


@pytest.mark.parametrize("codec", ["gbk", "big5", "euc-kr"])
def test_a_repeated_lone_word_on_one_line_is_repaired(codec: str) -> None:
    # Portuguese ``é`` read as GBK ``茅``, Big5 ``矇``, EUC-KR ``챕``: one lone character among
    # Latin words is too little evidence, the same one three times on the line is not.
    pt = "O livro é bom e é caro, mas é meu."
    bad = pt.encode().decode(codec)
    assert mojifix.fix_text(bad) == pt


@pytest.mark.parametrize("text", [
    "茅 thatch, 矛 spear, 盾 shield: three characters a learner meets early.",
    "The word 茅 is read máo.",
    "Compare 猫 (cat) and 茅 (thatch).",  # both would decode (è, é), but they differ
    "이 Python 코드는 잘 돼요. 그 책 and 저 사람.",  # one-syllable Korean words near Latin ones
    "수 a 수 b",
])
def test_lone_cjk_words_in_a_glossary_or_korean_are_left_alone(text: str) -> None:
    assert mojifix.fix_text(text) == text


def test_two_words_of_cp1251_read_as_cp1252_meet_the_bar_exactly() -> None:
    # 0.8 + 5 * 0.4 + 3 * 0.4 adds up to 3.9999999999999996 in floating point: the bar of 4
    # must still count as met.
    assert mojifix.fix_text("Ïðèâåò ìèð") == "Привет мир"


@pytest.mark.parametrize("text", [
    "        s = shlex.shlex('áéíóú|áéíóú', punctuation_chars=True)",  # CPython's test_shlex
    "àáâãäåæ àáâãäåæ",
])
def test_accented_letter_listings_are_not_cp1251(text: str) -> None:
    # Read back through cp1251 they are бйнуъ / абвгдеж: as many vowels as an alphabet, not as
    # Russian (and under a cp1252 layer, no KOI8-R capitals either: АИМСЗ).
    assert mojifix.fix_text(text) == text


def test_korean_in_euc_kr_read_as_latin1_is_korean_not_gbk_hanzi() -> None:
    # The same bytes also read as common GBK hanzi (救崇窍技夸); Chinese puts no spaces
    # between words, which tips the cost to Korean.
    ko = "안녕하세요, 세계! 한국어 텍스트는 바뀌지 않습니다."
    assert mojifix.fix_text(ko.encode("euc-kr").decode("latin-1")) == ko


def test_two_layers_with_utf8_cp1252_outside() -> None:
    # Russian in cp1251 read as cp1252, then that UTF-8 read as cp1252 again: ftfy undoes the
    # outer layer, the chain search the inner one.
    ru = "Вечером мы читали книги и пили чай с вареньем."
    bad = ru.encode("cp1251").decode("cp1252").encode("utf-8").decode("cp1252")
    assert mojifix.fix_text(bad) == ru
    zh = "你好世界"
    bad = zh.encode("utf-8").decode("gb18030").encode("utf-8").decode("cp1252")
    assert mojifix.fix_text(bad) == zh


def test_two_layers_when_ftfys_outer_decoding_takes_a_pair_the_inner_layer_needs() -> None:
    # Ukrainian ``Мі`` in cp1251 read as cp1252 is ``Ì³``; ftfy's re-decoding of the outer UTF-8
    # layer also turns that pair into U+0333. The strict decoding of the whole line keeps it.
    uk = "Київ — столиця України, розташована на берегах Дніпра. Місто має понад тисячу років."
    bad = uk.encode("cp1251").decode("cp1252").encode("utf-8").decode("cp1252")
    assert "\u0333" in ftfy.fix_text(bad)
    assert mojifix.fix_text(bad) == uk


def test_western_utf8_read_as_gbk() -> None:
    # é read as GBK is 茅, a common hanzi: a lone ideograph among Latin words is the evidence.
    fr = "Le café de la gare sert des crêpes et du thé depuis 1920, à côté de l'église."
    assert mojifix.fix_text(fr.encode().decode("gbk")) == fr
    pt = "O livro é bom e é caro, mas é meu.\nEle é alto, é forte e é bom.\nEla é linda e é feliz."
    assert mojifix.fix_text(pt.encode().decode("gbk")) == pt


def test_garbage_is_not_turned_into_other_garbage() -> None:
    # UTF-8 read as GB18030 then as cp1252 on a lone "à": no Cyrillic "и„ї" for "è„¿".
    line = "Il va à Paris, à Lyon et à Marseille."
    bad = line.encode("utf-8").decode("gb18030").encode("utf-8").decode("cp1252")
    assert "и" not in mojifix.fix_text(bad)


def test_koi8r_read_as_cp1251_document() -> None:
    # KOI8-R read as cp1251 swaps case: the words are mostly capitals (чЕЮЕТПН НЩ ЮЙФБМЙ).
    doc = (
        "Вечером мы читали книги и пили чай с вареньем.\n"
        "Поезд отправляется с третьего пути ровно в полночь.\n"
        "Москва - столица России.\n"
    )
    assert mojifix.fix_text(doc.encode("koi8-r").decode("cp1251")) == doc
    clean = "Завод КамАЗ выпустил новый грузовик.\nВКонтакте и ТАСС сообщили об этом.\n"
    assert mojifix.fix_text(clean) == clean


def test_western_text_saved_as_gbk_read_as_latin1() -> None:
    # GBK keeps à and é in its pinyin row (A8 A4, A8 A6): read as Latin-1 they are ``¨¤ ¨¦``.
    text = "Elle est née à Nice et vit à Rome."
    bad = text.encode("gbk").decode("latin-1")
    assert bad == "Elle est n¨¦e ¨¤ Nice et vit ¨¤ Rome."
    r = mojifix.repair_text(bad)
    assert r.text == text
    assert [f.chain for f in r.findings if f.kind == "mojibake"] == [("gbk", "latin-1")]
    # ... and once more through UTF-8 read as cp1252 (``Â¨Â¤``).
    twice = bad.encode("utf-8").decode("windows-1252")
    assert mojifix.fix_text(twice) == text


def test_a_single_pinyin_row_pair_is_not_enough() -> None:
    text = "Symbols: ¨¤ and nothing else."
    assert mojifix.fix_text(text) == text


def test_utf8_read_as_gb18030_then_as_cp1252() -> None:
    # ``à`` read as GB18030 is ``脿``; saved as UTF-8 and read as cp1252, ``è„¿``. ftfy alone
    # finds ``è„¿`` plausible and leaves it.
    text = "Il va à Paris, à Lyon et à Marseille."
    bad = text.encode("utf-8").decode("gb18030").encode("utf-8").decode("windows-1252")
    assert bad == "Il va è„¿ Paris, è„¿ Lyon et è„¿ Marseille."
    r = mojifix.repair_text(bad)
    assert r.text == text
    # GBK reads these bytes the same as GB18030; the narrower name is reported.
    assert [f.chain for f in r.findings if f.kind == "mojibake"] == [
        ("utf-8", "gbk", "windows-1252")
    ]


def test_lower_case_cyrillic_with_a_stray_capital_is_not_koi8r() -> None:
    # From a real Bulgarian RSS feed (char-dataset, bpm.cult.bg): the cp1251 -> KOI8-R reading
    # of this line costs less (no case flip), but KOI8-R read as cp1251 turns lower-case text
    # into capitals; lower-case words with one stray capital are not that shape.
    line = "<title>&quot;пълниМ папки, после компресира-ам</title>\n"
    text = line * 3
    assert mojifix.fix_text(text) == text


def test_lone_ideographs_in_a_unicode_table_are_not_arabic() -> None:
    # idna's uts46data.py lists radicals one per line; GBK bytes of 丨 are UTF-8 for Arabic ح.
    text = "".join(f'    (0x{0x2F00 + i:X}, "M", "{c}"),\n' for i, c in enumerate("一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳"))
    assert mojifix.fix_text(text) == text


def test_alphabet_listings_are_not_cjk_read_as_latin1() -> None:
    # chardet's language metadata: accented letters only, no symbol among them.
    text = (
        '        alphabet="æøåÆØÅ",\n'
        '        alphabet="ñáéíóúüÑÁÉÍÓÚÜ",\n'
        '        alphabet="ABDEGHIJKLMNOPRSTUVÕÄÖÜabdeghijklmnoprstuvõäöü",\n'
        '        alphabet="ÅÄÖŠŽåäöšž",\n'
    )
    assert mojifix.fix_text(text) == text


def test_a_table_of_quotation_marks_is_not_cjk_read_as_cp1252() -> None:
    # docutils' smartquotes table: a run of cp1252 quotation marks only.
    text = "".join(f"        '{lang}':           '„“‚‘',\n" for lang in ("bg", "cs", "de", "et", "is", "lt"))
    text += "        'fr':           ('« ', ' »', '“', '”'),\n"
    assert mojifix.fix_text(text) == text


def test_yen_sign_is_not_a_backslash() -> None:
    # Python's shift_jis encodes ¥ as byte 5C, which it decodes as "\": not a round trip, so
    # no wrong decode made this ¥ (the xkb keymap diagrams have ``Y ¥``).
    text = "// ┃ Y ¥ │ U U ┃\n// ┃ y ¥ │ u u ┃\nPrice: ¥ 500, ¥ 300 and ¥ 20.\n"
    assert mojifix.fix_text(text) == text


def test_symbols_alone_are_not_cjk_read_as_latin1() -> None:
    # ftfy's own badness.py describes mojibake in a regex: ``à[²µ¹¼½¾]``. Symbols with no
    # accented letter among them are not a GBK line read as Latin-1.
    text = "    # alphabets\n    à[²µ¹¼½¾]\n    |\n    √[±∂†≠®™´≤≥¥µø]\n    |\n    ≈[°¢]\n"
    assert mojifix.fix_text(text) == text


def test_ascii_lines_are_passed_over_not_the_lines_after_them() -> None:
    # camelCase costs (a case flip) but no layer changes ASCII: the scan jumps to the next line
    # holding a non-ASCII character, and must still land on it.
    from mojifix.fixers.chains import _flagged_lines

    text = "getElementById()\nvar fooBar;\n" * 50 + "Ïðèâåò, ìèð\nsetX\n" + "xY é\n"
    flagged = _flagged_lines(text)
    assert list(flagged.values()) == ["Ïðèâåò, ìèð", "xY é"]
