"""Letter tables are no mojibake: a new user's QA pass (clean text given to ``mojifix fix``).

Latin-1's letters listed in a test or a note were "repaired": pyparsing's tests/test_unit.py
writes the Latin-1 range, whose ``×Ø`` ftfy read back as Hebrew ``ר``; a note listing
``ÀÉÎÕÜ àéîõü ÂÊÎÔÛ âêîôû`` became Cyrillic ``АЙОХЬ айохь`` (cp1251 read as Latin-1); the
capitals ``ÀÁÂ…ß`` in a string became hangul (EUC-KR read as Latin-1). Each is now refused
(``fixers/shapes.py``'s listings, ``fixers/ftfyguard.py``'s glued Hebrew letter), and real
Russian read through cp1252 still comes back: the literal cases always, whole documents of the
corpus where it is present.
"""

from __future__ import annotations

import pytest

import mojifix
from conftest import run_cli, shared_path

LATIN1 = "".join(map(chr, range(0xA1, 0x100)))


@pytest.mark.parametrize("text", [
    f'P = "{LATIN1}"\n',  # pyparsing's test, ``×Ø`` was ``ר``
    "Vowels with accents: ÀÉÎÕÜ àéîõü ÂÊÎÔÛ âêîôû\n",  # was АЙОХЬ айохь ВКОФЫ вкофы
    "Vowels: àéîõü âêîôû\n",  # was айохь вкофы
    'UPPER = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß"\n',  # was hangul and hanzi (EUC-KR)
    'x = "ÑÒÓÔÕÖ×ØÙÚ"\n',  # was 岩釉罩棕仝 (GBK)
    'x = "ßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþ"\n',  # was 嗇飡宸臆預隅 (EUC-KR)
])
def test_latin1_letter_tables_are_left_alone(text: str) -> None:
    repair = mojifix.repair_text(text)
    assert (repair.text, repair.findings) == (text, ())


def test_latin1_table_in_a_python_file_is_byte_identical(tmp_path) -> None:
    path = tmp_path / "t.py"
    path.write_text(f'P = "{LATIN1}"\n', encoding="utf-8")
    proc = run_cli("fix", str(path), "-q")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == path.read_bytes()
    check = run_cli("check", str(path), "-q")
    assert check.returncode == 0, check.stdout


@pytest.mark.parametrize("ru", [
    "Привет мир",
    "для бить лес",  # ``áèòü``: accented vowels in order, but a word among words
    "ВАЖНО: это важно, и КОНТЕКСТ тоже контекст.",  # a word in both cases, other words count
])
def test_russian_read_as_cp1252_still_comes_back(ru: str) -> None:
    assert mojifix.fix_text(ru.encode("cp1251").decode("cp1252")) == ru


def test_hebrew_read_as_latin1_still_comes_back() -> None:
    # A Hebrew letter standing alone (a list's ``א.``) is refused only glued to a Latin letter.
    he = "שלום עולם, זהו טקסט בעברית.\nא. פריט ראשון\n"
    assert mojifix.fix_text(he.encode("utf-8").decode("latin-1")) == he


@pytest.mark.parametrize("doc", ["ru/boot.7", "ru/hier.7", "uk/mkswap.8", "uk/cp.1"])
def test_corpus_cyrillic_read_as_cp1252_comes_back_whole(doc: str) -> None:
    # The corpus' documents (``КОНТЕКСТ`` beside ``контекст`` on lines of cp.1 and mkswap.8)
    # come back whole. (A Latin-1 table inside such a document is the document's: its bytes
    # are cp1251's alphabet as much as Latin-1's, and the document's chain takes it.)
    lang, name = doc.split("/")
    text = shared_path("corpus", "manpages", lang, f"{name}.txt").read_text("utf-8")
    text = "".join(c for c in text if c.encode("cp1251", "ignore"))
    assert mojifix.fix_text(text.encode("cp1251").decode("cp1252")) == text
    lines = [ln for ln in text.splitlines() if len(ln.split()) >= 3 and not ln.isascii()][:12]
    for line in lines:  # and line by line, where the line alone is the evidence
        assert mojifix.fix_text(line.encode("cp1251").decode("cp1252")) in (line, line.encode(
            "cp1251").decode("cp1252"))
