"""Letters Big5 and EUC-KR lose, chosen back by word frequency (fixers/lostwords.py, issue 18's
lossy chains): whole multi-line documents, both ways the bytes are lost, the report and
``check``'s exit code, and the model the choice rests on."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import mojifix
from conftest import shared_path
from mojifix.cli import main
from mojifix.fixers import lostwords
from mojifix.kinds import FindingKind

pytest.importorskip("wordfreq")

DOC = (
    "ОПИСАНИЕ\n"
    "Программа для работы с файлами.\n"
    "Файл\n"
    "Проверьте настройки системы перед запуском программы. Эта программа может быть\n"
    "использована для проверки файлов и каталогов на диске.\n"
)


def _garble(text: str, page: str, errors: str) -> str:
    return text.encode("utf-8").decode(page, errors=errors)


@pytest.mark.parametrize("page", lostwords.PAGES)
@pytest.mark.parametrize("script", ["Cyrillic", "Greek", "Arabic"])
def test_the_model_holds_for_every_pair_of_letters(page: str, script: str) -> None:
    lost = lostwords._model(page, script)
    assert lost
    lo, hi = (ord(c) for c in lostwords.SCRIPTS[script][0].split("-"))
    letters = [chr(c) for c in range(lo, hi + 1) if chr(c).isalpha()]
    alone = {c: c.encode().decode(page, "replace") for c in letters}
    for c in letters:
        assert (alone[c] == "\ufffd" * len(alone[c])) == (c in lost)
    for a in letters:
        for b in letters:
            assert (a + b).encode().decode(page, "replace") == alone[a] + alone[b]


def test_pages_and_scripts_where_the_model_fails_are_left_alone() -> None:
    assert not lostwords._model("big5", "Hebrew")  # most letters lost: too little to match on
    assert not lostwords._model("shift_jis", "Hebrew")  # its words' endings: a coin toss
    assert "shift_jis" not in lostwords.PAGES  # its loss depends on the next byte: fixers/holes.py


@pytest.mark.parametrize("page", lostwords.PAGES)
def test_marked_letters_come_back_in_a_whole_document(page: str, monkeypatch) -> None:
    garbled = _garble(DOC, page, "replace")
    repair = mojifix.repair_text(garbled)
    assert mojifix.fix_text(garbled) == repair.text
    lines = repair.text.splitlines()
    assert lines[1] == "Программа для �або�� � файлами."  # работы/работу: no clear winner
    assert lines[2] == "Файл"
    assert " перед запуском п�ог�амм�. " in lines[3]  # программы/программу: open
    assert lines[4] == "использована для проверки файлов и каталогов на диске."
    monkeypatch.setattr(lostwords, "available", lambda: False)
    plain = mojifix.repair_text(garbled)
    # Only holes were filled, each with a letter the page loses.
    assert len(plain.text) == len(repair.text)
    changed = [(a, b) for a, b in zip(plain.text, repair.text, strict=True) if a != b]
    lost = lostwords._model(page, "Cyrillic")
    assert changed and all(a == "\ufffd" and b in lost for a, b in changed)
    (guessed,) = [f for f in repair.findings if f.kind == FindingKind.LOST_LETTERS]
    assert guessed.count == len(changed)
    assert "chosen back" in guessed.summary and "guesses" in guessed.summary
    (left,) = [f for f in repair.findings if f.kind == FindingKind.MOJIBAKE_LOSSY]
    assert left.count == repair.text.count("\ufffd")


@pytest.mark.parametrize("page", lostwords.PAGES)
def test_dropped_letters_come_back_and_the_loss_is_told(page: str, monkeypatch) -> None:
    garbled = _garble(DOC, page, "ignore")
    repair = mojifix.repair_text(garbled)
    assert mojifix.fix_text(garbled) == repair.text
    assert repair.text.splitlines()[1].startswith("Программа для ")
    (guessed,) = [f for f in repair.findings if f.kind == FindingKind.LOST_LETTERS]
    assert "dropped" in guessed.summary and guessed.count > 0
    # Without the word lists, the letters stay dropped, and the report still says so.
    monkeypatch.setattr(lostwords, "available", lambda: False)
    plain = mojifix.repair_text(garbled)
    assert plain.text.splitlines()[1] == "огамма дл або  айлами."
    (told,) = [f for f in plain.findings if f.kind == FindingKind.LOST_LETTERS]
    assert told.count == 0 and "pip install 'mojifix[words]'" in told.summary


def test_dropped_arabic_letters_are_told_not_guessed() -> None:
    text = "قال الرسول إن العلم نور والجهل ظلام وإن الكتاب خير جليس في الزمان\n" * 3
    garbled = _garble(text, "big5", "ignore")
    repair = mojifix.repair_text(garbled)
    (told,) = [f for f in repair.findings if f.kind == FindingKind.LOST_LETTERS]
    assert told.count == 0 and "dropped" in told.summary and "left out" in told.summary


def test_check_exits_1_on_dropped_letters(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "doc.txt").write_text(_garble(DOC, "big5", "ignore"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-q", "doc.txt"], catch_exceptions=False)
    assert result.exit_code == 1
    assert any(": lost-letters: " in x for x in result.output.splitlines()), result.output


def test_a_chinese_page_quoting_a_greek_letter_is_no_greek_page() -> None:
    chain = ("utf-8", "big5")
    # Its U+FFFD are lost CJK bytes, not Greek letters: the script must hold half its characters.
    assert lostwords._script_of(chain, "这是参数\ufffdα\ufffd决定它的行为β\ufffdγ。\n") is None
    assert lostwords._script_of(chain, "Το πρόγραμμα \ufffdα\ufffd αρχεία 程\n") == "Greek"
    assert lostwords._script_of(("utf-8", "gbk"), "Το πρόγραμμα\n") is None


def test_clean_text_and_other_chains_are_untouched() -> None:
    assert mojifix.fix_text(DOC) == DOC
    chosen = {0: ("Ð¿", ("utf-8", "windows-1252"), "п")}
    assert lostwords.fill(chosen) == (chosen, [])


@pytest.mark.parametrize("lang", ["ru", "uk", "el"])
def test_corpus_documents_lose_fewer_letters(lang: str, monkeypatch) -> None:
    docs = sorted(shared_path("corpus", "manpages", lang).glob("*.txt"))[:4]
    with_words = without = 0
    for path in docs:
        text = path.read_text(encoding="utf-8")
        garbled = _garble(text, "big5", "replace")
        with_words += mojifix.fix_text(garbled).count("\ufffd")
        with monkeypatch.context() as m:
            m.setattr(lostwords, "available", lambda: False)
            without += mojifix.fix_text(garbled).count("\ufffd")
    assert with_words < 0.75 * without
