"""Mojibake words on a line that also holds clean text (fixers/mixedwords.py): a clean label or
template around a value read through the wrong page (``Город: РњРѕСЃРєРІР°``). No line repair can
undo such a line whole, and ftfy repairs only the runs it calls bad: on the development corpus,
with each non-ASCII line's second half garbled, 80-90% of the lines stayed wrong through
windows-1251, windows-1250 and windows-1253 (the short words: ``РІ``, ``vĂ˝sledku``, ``ΞΊΞΉ``)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mojifix
from conftest import shared_path
from mojifix.files import stream


def garble(text: str, page: str) -> str:
    """``text``'s UTF-8 read through ``page``, a byte it leaves undefined as the C1 control of
    the same number (as browsers and Windows read it)."""
    return "".join(bytes([b]).decode(page, "ignore") or chr(b) for b in text.encode("utf-8"))


@pytest.mark.parametrize(("clean", "value", "page"), [
    ("Город: ", "Москва", "cp1251"),
    ("улица Ленина, ", "дом 5", "cp1251"),
    ("Název: ", "Москва", "cp1251"),  # a Czech label: ``á`` is no letter of windows-1251
    ("Имя: ", "Иван Петров", "cp1251"),  # ``И`` is D0 98: 0x98 undefined, read as U+0098
    ("Πόλη: ", "Αθήνα και Πειραιάς", "cp1253"),
    ("Miejscowość: ", "Łódź i Kraków", "cp1250"),
])
def test_a_clean_label_and_a_garbled_value(clean: str, value: str, page: str) -> None:
    garbled = clean + garble(value, page)
    assert mojifix.fix_text(garbled) == clean + value
    report = mojifix.repair_text(garbled)
    assert report.text == clean + value
    (finding,) = [f for f in report.findings if f.kind == "mojibake"]
    assert finding.chain == ("utf-8", {"cp1251": "windows-1251", "cp1253": "windows-1253",
                                       "cp1250": "windows-1250", "cp1252": "windows-1252",
                                       # (Turkish letters' UTF-8 reads alike through both: the
                                       # commoner page is named, as ftfy names it)
                                       "cp1254": "windows-1252"}[page])
    # (said as words beside clean text, or as ftfy's places where ftfy repairs the line the
    # same way: ``Имя: Р\x98РІР°РЅ РџРµС‚СЂРѕРІ`` is ftfy's, its bad run and C1 control)
    assert finding.summary.startswith(f"UTF-8 read as {finding.chain[1]}")


def test_short_words_follow_the_documents_evidence() -> None:
    # One short word alone proves nothing (``vĂ˝sledek`` could be a word of some language);
    # beside others on the document's lines, it is the document's page.
    line = "Název: " + garble("výsledek", "cp1250")
    assert mojifix.fix_text(line) == line
    doc = "\n".join(["Název: " + garble("výsledek", "cp1250"), "Popis: " + garble("něco jiného", "cp1250"),
                     "Stav: " + garble("hotovo, žádné chyby", "cp1250")])
    assert mojifix.fix_text(doc) == "Název: výsledek\nPopis: něco jiného\nStav: hotovo, žádné chyby"
    # The Russian preposition ``в`` (two characters garbled) beside a long garbled word
    assert mojifix.fix_text("Данные: " + garble("доступна в сети", "cp1251")) == "Данные: доступна в сети"


@pytest.mark.parametrize("text", [
    "Ві стоїть тут, Вілля Ві",  # clean Ukrainian: ``Ві`` is C2 B3 through windows-1251, ``³``
    "ÚŽ, DALŠÍ ŘÁDEK",  # clean Czech: ``ÚŽ`` reads an Arabic letter through windows-1250
    "Ο’Νιλ και ΤΆ",  # clean Greek
    "Copyright © 2022 Free Software Foundation",
])
def test_clean_words_that_read_as_utf8_stay(text: str) -> None:
    doc = text + "\n" + "Popis: " + garble("příliš žluťoučký kůň úpěl ďábelské ódy", "cp1250") + "\n"
    out = mojifix.fix_text(doc)
    assert out.split("\n")[0] == text
    assert mojifix.fix_text(text) == text


def test_a_line_garbled_whole_through_another_page_is_left_to_the_line_repair() -> None:
    # ftfy's own conformance case: Latvian through windows-1257; two of its words also read
    # through windows-1250, and ``Å`` (``Š`` with its no-break space made a space) is no clean word
    text = "Å veices baÅ†Ä·ieri gaida konkrÄ“tus investÄ«ciju projektus"
    assert mojifix.fix_text(text) == "Šveices baņķieri gaida konkrētus investīciju projektus"


@pytest.mark.parametrize(("labels", "values", "page"), [
    (("Název", "Popis"), ("výsledek", "žluťoučký kůň"), "cp1250"),
    (("Sonuç", "Açıklama"), ("eşzamanlı", "değişken işleme sokar"), "cp1254"),
    (("Tên", "Ghi chú"), ("Nguyễn", "tệp cấu hình chứa các tùy chọn"), "cp1252"),
])
def test_streamed_in_small_chunks_as_held_whole(labels: tuple[str, str], values: tuple[str, str], page: str) -> None:
    # Each chunk holds a line or two: a chunk with one short word alone (``vĂ˝sledek``) takes the
    # page the whole file's evidence shows (summed over the chunks), as the whole text does;
    # through ftfy's own pages, what ftfy leaves is asked of each word, never of a chunk.
    lines = []
    for i in range(40):
        lines.append(f"{labels[0]} {i}: " + garble(values[0], page))
        lines.append(f"{labels[1]} {i}: " + garble(values[1], page))
    text = "\n".join(lines) + "\n"
    whole = mojifix.repair_text(text)
    assert whole.text == "".join(f"{labels[0]} {i}: {values[0]}\n{labels[1]} {i}: {values[1]}\n" for i in range(40))
    out = io.BytesIO()
    result = stream.repair_stream(io.BytesIO(text.encode("utf-8")), out, chunk_chars=64, read_bytes=17)
    assert out.getvalue().decode("utf-8") == whole.text
    assert sorted((f.chain, f.count) for f in result.findings.values()) == sorted((f.chain, f.count) for f in whole.findings)


def test_turkish_and_vietnamese_words_ftfy_leaves() -> None:
    # Through ftfy's own pages (windows-1252; Turkish letters' UTF-8 reads alike through
    # windows-1254): ftfy repairs the runs its detector flags (``Ä±``, ``Ã§``) and leaves
    # ``ÅŸ``, ``ÄŸ`` and ``á»…``, half a word repaired (``iÅŸleme``, ``Nguyá»…n``).
    rows = [("Açıklama: ", "kullanıldığında işleme sokar", "cp1254"), ("Sonuç: ", "eşzamanlı olur", "cp1254"),
            ("Sonuç — ", "değişken işleme", "cp1254"),  # (``ç`` and ``—`` are no ``⠀`` whose A0 was lost)
            ("Güvenlik: ", "sağlanır", "cp1254"),
            # (a clean half with no clean letter: ``’`` after a digit is no continuation of a
            # lead, and before ``d`` no lead of Mac Roman's sequence)
            ("1989’da AT&T tput’una benzer hale ", "getirmek için değiştirdiğinde betiği ekledi", "cp1254"), ("Địa chỉ: ", "Thành phố Hồ Chí Minh", "cp1252"),
            ("Tên: ", "Nguyễn Văn Trường", "cp1252"), ("Ghi chú: ", "tệp cấu hình chứa các tùy chọn", "cp1252")]
    doc = "\n".join(clean + garble(value, page) for clean, value, page in rows)
    report = mojifix.repair_text(doc)
    assert report.text == "\n".join(clean + value for clean, value, _ in rows)
    assert [f.chain for f in report.findings] == [("utf-8", "windows-1252")]


def test_clean_words_with_lead_letters_inside_them() -> None:
    # ``Vypíše`` holds ``íš`` (ED 9A through windows-1250, part of a UTF-8 sequence) and
    # ``VÝRAZ1`` a two-byte lead ``Ý`` (DD): a decoder that dropped a byte windows-1250 leaves
    # undefined would have left them of a Syriac or Hangul letter, not a Latin one, so they are
    # clean words and their lines mixed (``á»c``, ``Ãx`` through windows-1252 are not).
    lines = [("Vypíše informaci o verzi programu a ", "skončí"), ("VÝRAZ1 -a ", "VÝRAZ2"),
             ("ŘETĚZEC1 = ", "ŘETĚZEC2"), ("VÝRAZ1 nebo VÝRAZ2 je ", "pravdivý")]
    doc = "\n".join(clean + garble(value, "cp1250") for clean, value in lines)
    assert mojifix.fix_text(doc) == "\n".join(clean + value for clean, value in lines)


@pytest.mark.parametrize(("lines", "page", "name"), [
    # ``©`` first in its word, after a word ending in ASCII, is no part of a page's UTF-8 (a
    # continuation's character follows a lead's): the line holds clean text with no clean
    # letter. ``paměť`` ends in ``ěť``, EC 9D through windows-1250, which a no-break space or a
    # byte the page leaves undefined completes only into a Hangul syllable: clean, not a cut
    # sequence. ``nejnížší`` holds ``ížš``, ED 9E 9A through windows-1250 (a Hangul syllable
    # again): a reading, not a second layer, so ISO-8859-2's ``nejníŵŷí`` does not take it.
    ([("Copyright © 2022 Free Software Foundation, Inc. Licence GPLv3+: GNU GPL verze 3 nebo ",
       "novější <https://gnu.org/licenses/gpl.html>."),
      ("vcs, vcsa - paměť ", "virtuální konzoly"),
      ("Pořadí priorit je od ", "nejvyšší do nejnížší (Ghostscript používá zařízení s nejvyšší prioritou)")],
     "cp1250", "windows-1250"),
    # ``пристрій`` holds ``рі`` (F0 B3 through windows-1251) and ``форматі`` ends in ``ті``
    # (F2 B3): the two bytes that would complete either make a code point no text uses, so
    # they are clean words, not what a decoder left. ``МіБ``'s ``Мі`` reads again as U+0333,
    # a combining mark with no letter before it: no second layer in the reading.
    ([("delpart пристрій ", "розділ"), ("Дані у форматі ", "журналу системи"),
      ("Ця команда надішле запит щодо ", "надання 1024 МіБ пам'яті.")], "cp1251", "windows-1251"),
])
def test_clean_halves_the_rules_once_refused(lines: list[tuple[str, str]], page: str, name: str) -> None:
    doc = "\n".join(clean + garble(value, page) for clean, value in lines)
    report = mojifix.repair_text(doc)
    assert report.text == "\n".join(clean + value for clean, value in lines)
    assert [f.chain for f in report.findings] == [("utf-8", name)]


def test_each_pages_finding_points_at_its_own_first_word() -> None:
    doc = "Город: " + garble("Москва", "cp1251") + "\nΠόλη: " + garble("Αθήνα", "cp1253") + "\n"
    report = mojifix.repair_text(doc)
    assert report.text == "Город: Москва\nΠόλη: Αθήνα\n"
    assert [(f.chain[1], f.offset) for f in report.findings] == [("windows-1251", 7), ("windows-1253", doc.index("Ξ"))]


def _corpus_lines(lang: str) -> list[str]:
    folder = shared_path("corpus", "manpages", lang)
    return [line for p in sorted(folder.glob("*.txt"))[:12] for line in p.read_text("utf-8").split("\n")]


@pytest.mark.parametrize(("lang", "page", "most_wrong"), [
    ("ru", "cp1251", 0), ("uk", "cp1251", 0.01), ("cs", "cp1250", 0), ("pl", "cp1250", 0),
    ("el", "cp1253", 0), ("tr", "cp1254", 0), ("vi", "cp1252", 0), ("fr", "cp1252", 0),
])
def test_corpus_documents_with_their_lines_half_garbled(lang: str, page: str, most_wrong: float) -> None:
    """Each document of the corpus with each non-ASCII line's second half (from a space after
    its middle) garbled: the lines come back (all, or nearly: a line whose clean half holds no
    clean word, Ukrainian capitals ``АВТОРСЬКІ``, where ``КІ`` is a whole UTF-8 sequence through
    windows-1251, is the line repairs'), and no clean half is harmed."""
    folder = shared_path("corpus", "manpages", lang)
    garbled_lines = wrong = 0
    for path in sorted(folder.glob("*.txt"))[:12]:
        original, garbled = [], []
        for line in path.read_text("utf-8").split("\n"):
            cut = line.find(" ", len(line) // 2)
            head, tail = line[:cut + 1], line[cut + 1:]
            if cut < 0 or head.isascii() or tail.isascii():
                original.append(line)
                garbled.append(line)
                continue
            original.append(line)
            garbled.append(head + garble(tail, page))
        got = mojifix.fix_text("\n".join(garbled)).split("\n")
        for o, g, x in zip(original, garbled, got, strict=True):
            cut = o.find(" ", len(o) // 2)
            assert x.startswith(o[:cut + 1]) or o == g, (path.name, x)  # no clean half harmed
            garbled_lines += o != g
            wrong += x != o
    assert garbled_lines > 50
    assert wrong <= most_wrong * garbled_lines, (wrong, garbled_lines)


@pytest.mark.parametrize(("lang", "name"), [("it", "iso-8859-1.7.txt"), ("ru", "iso_8859-1.7.txt"),
                                          ("es", "iso-8859-1.7.txt")])
def test_character_tables_with_their_lines_half_garbled_keep_their_clean_halves(lang: str, name: str) -> None:
    # A table's row names its character after its byte in hex (``302 194 C2 Â``): ftfy read
    # ``Â `` as a lost no-break space on a line whose second half held mojibake.
    original = shared_path("corpus", "manpages", lang, name).read_text("utf-8").split("\n")
    halves = []
    for line in original:
        cut = line.find(" ", len(line) // 2)
        head, tail = line[:cut + 1], line[cut + 1:]
        halves.append((head, tail if cut >= 0 and not head.isascii() and not tail.isascii() else None))
    garbled = "\n".join(head + (garble(tail, "cp1252") if tail else "") if tail else line
                         for (head, tail), line in zip(halves, original, strict=True))
    got = mojifix.fix_text(garbled).split("\n")
    assert any(tail and "C2" in head for head, tail in halves)  # (the table: a long line or two)
    assert [x[:len(head)] for (head, tail), x in zip(halves, got, strict=True) if tail] == \
        [head for head, tail in halves if tail]


_WORDS = ["Москва", "программа", "файл", "данные", "в", "не", "и", "с", "журнал", "ошибка", "строка"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6),
       st.sampled_from(["Город:", "Описание —", "Статус", "Ім'я користувача:"]))
def test_garbled_russian_values_come_back(words: list[str], label: str) -> None:
    value = " ".join(words)
    text = f"{label} {garble(value, 'cp1251')}\nОписание: {garble('журнал ошибок программы', 'cp1251')}\n"
    assert mojifix.fix_text(text) == f"{label} {value}\nОписание: журнал ошибок программы\n"


_LATIN = {"tr": (["işleme", "değişken", "sağlanır", "için", "çalıştırır", "ve", "bir", "dosyası", "şöyle", "ağ"],
                 ["Açıklama:", "Sonuç —", "Güvenlik"], "cp1254"),
          "vi": (["chứa", "các", "tùy", "chọn", "tệp", "cấu", "hình", "và", "là", "của", "người", "Nguyễn"],
                 ["Tên:", "Ghi chú —", "Địa chỉ"], "cp1252")}


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(sorted(_LATIN)), st.data())
def test_garbled_turkish_and_vietnamese_values_come_back(lang: str, data: st.DataObject) -> None:
    words, labels, page = _LATIN[lang]
    value = " ".join(data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=6)))
    label = data.draw(st.sampled_from(labels))
    more = " ".join(words[:6])
    text = f"{label} {garble(value, page)}\n{labels[0]} {garble(more, page)}\n"
    assert mojifix.fix_text(text) == f"{label} {value}\n{labels[0]} {more}\n"


@pytest.mark.parametrize(("text", "path"), [
    ("# Код\n\nПример:\n\n    >>> x = 'Город: РњРѕСЃРєРІР°'\n\nГотово.\n", "README.md"),
    ('x = "Город: РњРѕСЃРєРІР°"\n', "a.py"),
])
def test_a_mixed_line_quoted_in_code_is_an_example(text: str, path: str) -> None:
    # Confined like the other mojibake fixers (engine/filekind.py): found only in code, left
    # alone, and the report says why
    report = mojifix.repair_text(text, path=path)
    assert report.text == text
    assert [f.kind for f in report.findings] == ["file-kind"]
    assert "left alone" in report.findings[0].summary
