"""Turkish saved as cp1254 (or ISO-8859-9) and opened as cp1252 (or Latin-1): a QA pass found it
left as it was (``açýlýþ iþlemleri``) and ``check`` calling it clean. ``fixers/latinpages.py``
decides it as it decides cp1250 read as cp1252: the document's letters fit no Western alphabet
(``ý þ ð`` are Icelandic, ``ç ü`` not), once repaired they are Turkish's.
"""

from __future__ import annotations

import pytest

import mojifix
from conftest import run_cli, shared_path
from mojifix.fixers import pagewords

TR = ("Sistem açılış işlemleri başarıyla tamamlandı.\n"
      "Dosya sistemi kontrol ediliyor, lütfen bekleyin.\n"
      "İşlem sırasında bir hata oluştu: ağ bağlantısı yok.\n"
      "Ayarları değiştirmek için yönetici olmalısınız.\n")


@pytest.mark.parametrize("way", [("cp1254", "cp1252"), ("iso8859-9", "latin-1")], ids="->".join)
def test_turkish_paragraph_comes_back(way: tuple[str, str]) -> None:
    repair = mojifix.repair_text(TR.encode(way[0]).decode(way[1]))
    assert repair.text == TR
    assert [f.summary.split(":")[0] for f in repair.findings] == ["windows-1254 read as windows-1252"]


def test_check_no_longer_calls_it_clean(tmp_path) -> None:
    path = tmp_path / "tr.txt"
    path.write_text(TR.encode("cp1254").decode("cp1252"), encoding="utf-8")
    check = run_cli("check", str(path), "-q")
    assert check.returncode == 1
    assert b"windows-1254 read as windows-1252" in check.stdout
    fixed = run_cli("fix", str(path), "-q")
    assert fixed.stdout.decode("utf-8") == TR


@pytest.mark.parametrize("text", [
    # Icelandic writes ``ð ý þ`` itself; a French line beside it fits no one alphabet as a
    # document, but its changed lines are Icelandic: no Turkish reading.
    "Það er gott að vera hér, sagði hún.\nÞú ert ýmislegt, og þetta er þitt.\n"
    "Við förum á morgun í ferðalag.\nLe garçon a mangé une crêpe.\n",
    "Þórður og Sigþrúður búa á Ísafirði.\n",
])
def test_icelandic_is_not_turkish(text: str) -> None:
    assert mojifix.fix_text(text) == text


@pytest.mark.parametrize("lists", [True, False], ids=["word-lists", "no-word-lists"])
def test_too_little_is_left_unless_the_words_say(lists: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # One line, a few letters: a missed repair rather than a wrong one (MIN_LINES, MIN_CHANGED),
    # unless the repair's words are Turkish words and the line's are no language's
    # (fixers/pagewords.py, the words extra).
    if lists:
        pytest.importorskip("wordfreq")
    else:
        monkeypatch.setattr(pagewords, "_installed", lambda: False)
    line = "açýlýþ iþlemleri\n"
    assert mojifix.fix_text(line) == ("açılış işlemleri\n" if lists else line)


@pytest.mark.parametrize("way", [("cp1254", "cp1252"), ("iso8859-9", "latin-1")], ids="->".join)
def test_corpus_turkish_pages_come_back(way: tuple[str, str]) -> None:
    folder = shared_path("corpus", "manpages", "tr")
    pages = sorted(folder.glob("*.txt"))
    for path in pages:
        text = "".join(c for c in path.read_text("utf-8") if c.encode(way[0], "ignore"))
        garbled = text.encode(way[0]).decode(way[1], "replace")
        assert "\ufffd" not in garbled
        assert mojifix.fix_text(garbled) == text, path.name
    assert len(pages) == 60
