"""Letters UTF-8 loses through Shift_JIS, chosen back by word frequency (fixers/holes.py,
fixers/lostwords.py, issue 18's lossy chains): a letter is lost or kept by the byte after it,
the chain search marks exactly the letters that model predicts, and whole documents get their
words back, with the report and ``check``'s exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import mojifix
from conftest import shared_path
from mojifix.cli import main
from mojifix.fixers import holes, lostwords
from mojifix.kinds import FindingKind

pytest.importorskip("wordfreq")

HOLE = "\ufffd"
DOC = (
    "ОПИСАНИЕ\n"
    "Программа для работы с файлами.\n"
    "Работа программы зависит от настроек. Результат работы сохраняется в файле.\n"
    "Проверьте настройки системы перед запуском программы. Эта программа может быть\n"
    "использована для проверки файлов и каталогов на диске.\n"
)
# What comes back: работы/работу and программы/программу stay open (no clear winner), the
# preposition "с" is all hole; "Работа" starts a sentence, "работы" does not.
RESTORED = (
    "ОПИСАНИЕ\n"
    "Программа для �абот� � файлами.\n"
    "Работа п�ог�амм� зависит от настроек. Результат �абот� сохраняется в файле.\n"
    "Проверьте настройки системы перед запуском п�ог�амм�. Эта программа может быть\n"
    "использована для проверки файлов и каталогов на диске.\n"
)


def _predicted(text: str, errors: str) -> str:
    """``text`` with each letter Shift_JIS loses before the next character's first byte one
    U+FFFD ("replace"), each run of them one ("ignore"): what the chain search reads back."""
    out: list[str] = []
    last = False
    for i, c in enumerate(text):
        after = text[i + 1] if i + 1 < len(text) else "\n"
        gone = ord(c) >= 0x80 and bool(holes.lost("shift_jis", c, after.encode("utf-8")[0]))
        if not gone:
            out.append(c)
        elif not (last and errors == "ignore"):
            out.append(HOLE)
        last = gone
    return "".join(out)


def test_a_letter_is_lost_or_kept_by_the_byte_after_it() -> None:
    lost = lostwords._model("shift_jis", "Cyrillic")
    keys = holes.Keys("shift_jis", "replace", lost)
    # т is D1 82: before о (D0 BE) it is the hiragana 82 D0 and comes back; before a space it
    # is no pair. р (D1 80) never survives, а (D0 B0) always does.
    assert keys.of("то") == "то"
    assert keys.of("т") == HOLE
    assert keys.of("работы") == "�абот�"
    assert keys.of("ссылка") == "��ылка"
    assert holes.Keys("shift_jis", "runs", lost).of("ссылка") == "�ылка"
    assert "р" in lost and "т" in lost and "а" not in lost
    # A byte that is no character alone (the first byte of "—") leaves the word open.
    assert keys.of("работ", after="—") is None


@pytest.mark.parametrize("lang", ["ru", "uk", "el"])
@pytest.mark.parametrize("errors", ["replace", "ignore"])
def test_the_chain_search_marks_what_the_model_predicts(lang: str, errors: str, monkeypatch) -> None:
    monkeypatch.setattr(lostwords, "available", lambda: False)
    for path in sorted(shared_path("corpus", "manpages", lang).glob("*.txt"))[:2]:
        text = path.read_text(encoding="utf-8")
        garbled = text.encode("utf-8").decode("shift_jis", errors)
        assert mojifix.fix_text(garbled) == _predicted(text, errors), path.name


@pytest.mark.parametrize("errors", ["replace", "ignore"])
def test_marked_letters_come_back_in_a_whole_document(errors: str, monkeypatch) -> None:
    garbled = DOC.encode("utf-8").decode("shift_jis", errors)
    repair = mojifix.repair_text(garbled)
    assert repair.text == RESTORED
    assert mojifix.fix_text(garbled) == RESTORED
    (guessed,) = [f for f in repair.findings if f.kind == FindingKind.LOST_LETTERS]
    assert "chosen back" in guessed.summary and "guesses" in guessed.summary
    assert ("one a run" in guessed.summary) == (errors == "ignore")
    # Without the word lists: the holes the model predicts, and every letter chosen was one.
    monkeypatch.setattr(lostwords, "available", lambda: False)
    plain = mojifix.fix_text(garbled)
    assert plain == _predicted(DOC, errors)
    if errors == "replace":
        filled = [(a, b) for a, b in zip(plain, RESTORED, strict=True) if a != b]
        assert filled and all(a == HOLE for a, _ in filled)
        assert guessed.count == len(filled)


@pytest.mark.parametrize("text", [DOC, "列出文件的信息。这是一个简单的程序，它的用法和其他的命令一样。\n" * 3])
def test_check_exits_1_and_names_the_guesses(tmp_path: Path, monkeypatch, text: str) -> None:
    """Letters chosen by words (Russian) and CJK characters chosen by words (Chinese,
    fixers/lostcjk.py) are guesses: the document is still reported damaged."""
    (tmp_path / "doc.txt").write_text(text.encode("utf-8").decode("shift_jis", "replace"),
                                      encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-q", "doc.txt"], catch_exceptions=False)
    assert result.exit_code == 1
    assert any(": lost-letters: " in x for x in result.output.splitlines()), result.output


def test_greek_headings_and_final_sigma() -> None:
    text = ("ΠΕΡΙΓΡΑΦΗ\nΤο πρόγραμμα διαβάζει τα αρχεία της εισόδου και γράφει τις γραμμές "
            "τους στην έξοδο.\n")
    for page in ("shift_jis", "big5"):
        out = mojifix.fix_text(text.encode("utf-8").decode(page, "replace"))
        assert "πρόγραμμα" in out and "γραμμές" in out, page  # (the list writes σ for ς)
    out = mojifix.fix_text(text.encode("utf-8").decode("shift_jis", "replace"))
    assert out.startswith("ΠΕΡΙΓΡΑΦΗ\n")  # (capitals without their accent)


def test_hebrew_and_japanese_letters_are_no_alphabet_to_choose() -> None:
    hebrew = "בראשית ברא אלהים את השמים ואת הארץ והארץ היתה תהו ובהו וחשך על פני תהום\n" * 3
    japanese = "このプログラムはファイルを読み込み、行を並べ替えて標準出力に書き出します。\n" * 3
    for text in (hebrew, japanese):
        repair = mojifix.repair_text(text.encode("utf-8").decode("shift_jis", "replace"))
        # (Japanese's open characters are chosen by fixers/lostcjk.py, told as such)
        assert not [f for f in repair.findings
                    if f.kind == FindingKind.LOST_LETTERS and "cannot decode" in f.summary]
        (lossy,) = [f for f in repair.findings if f.kind == FindingKind.MOJIBAKE_LOSSY]
        assert lossy.count == repair.text.count(HOLE) > 0


def test_arabic_letters_chosen_are_the_original() -> None:
    text = "قال الرسول إن العلم نور والجهل ظلام وإن الكتاب خير جليس في الزمان\n" * 3
    garbled = text.encode("utf-8").decode("shift_jis", "replace")
    out = mojifix.fix_text(garbled)
    assert len(out) == len(text)
    chosen = [(a, b) for a, b in zip(out, text, strict=True) if a != HOLE and a != b]
    assert not chosen
    assert out.count(HOLE) < _predicted(text, "replace").count(HOLE)


def test_a_page_read_whole_goes_to_the_words_only_with_a_lost_letter() -> None:
    from mojifix.fixers.chains import whole_document

    spanish = "El programa lee él mismo los ficheros, qué difícil y está aquí la salida.\n" * 40
    japanese = "このプログラムはファイルを読み込み、行を並べ替えて標準出力に書き出します。\n" * 40
    for text, errors in ((spanish, "strict"), (japanese, "replace")):
        whole = whole_document(text.encode("utf-8").decode("shift_jis", errors))
        assert whole is None or not lostwords.applies(whole)
    assert whole_document(spanish.encode("utf-8").decode("shift_jis")) is not None
    # (a lossy page is not read whole today: its lines go to the search, and to the words)
    assert whole_document((DOC * 10).encode("utf-8").decode("shift_jis", "replace")) is None
    assert lostwords.applies({0: ("ﾐ", ("utf-8", "shift_jis"), "\ufffdабота")})


def test_a_word_in_capitals_keeps_its_capital_first_letter() -> None:
    doc = ("Привет, как дела? Это простой текст на русском языке.\n"
           "Мы проверяем, что всё работает правильно в РОССИИ и на РАБОТЕ.\n"
           "Смотрите РЕЗУЛЬТАТ и РАБОТА здесь.\n")
    out = mojifix.fix_text(doc.encode("utf-8").decode("shift_jis", "replace"))
    assert "рОССИИ" not in out and "рЕЗУЛЬТАТ" not in out
    assert " РОССИИ " in out
