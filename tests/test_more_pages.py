"""UTF-8 read through the Hebrew, Arabic, Thai and Vietnamese Windows pages, repaired whole
(fixers/wholepage.OTHER_PAGES, fixers/sloppy).

A new user's QA: Hebrew (windows-1255) and Thai (cp874) UTF-8 read the way browsers and Windows
read them (undefined bytes as C1 controls) were given a cp1252 repair of their C1 controls
alone ("windows-1252 read as Latin-1: 4 places"), still garbled; Arabic (windows-1256) was
called clean; Vietnamese (windows-1258) half repaired. Measured on real documents before: he
0/63, ar 0/114, vi 0/60, French through windows-1258 0/60, Russian through windows-1256 0/60
exact; now all.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import mojifix
from conftest import run_cli, shared_path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _garble(text: str, page: str) -> str:
    """UTF-8 read through ``page`` as browsers do (an undefined byte: its C1 control)."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode(page))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def _docs(lang: str) -> list[tuple[str, str]]:
    sys.path.insert(0, str(BENCH))
    try:
        import realtext
    finally:
        sys.path.pop(0)
    docs = realtext.load(lang)
    if not docs:
        pytest.skip(f"{lang}: the bench extra's corpus is not installed (pip install -e '.[bench]')")
    return docs


@pytest.mark.parametrize(("lang", "page"), [("he", "cp1255"), ("ar", "cp1256")])
def test_hebrew_and_arabic_documents_come_back(lang: str, page: str) -> None:
    docs = _docs(lang)
    wrong = [name for name, text in docs if mojifix.fix_text(_garble(text, page)) != text]
    assert not wrong


@pytest.mark.parametrize(("lang", "page"), [("vi", "cp1258"), ("fr", "cp1258"), ("ru", "cp1256")])
def test_corpus_documents_come_back(lang: str, page: str) -> None:
    wrong = []
    for path in sorted(shared_path("corpus", "manpages", lang).glob("*.txt")):
        text = path.read_text("utf-8")
        if mojifix.fix_text(_garble(text, page)) != text:
            wrong.append(path.name)
    assert not wrong


def test_thai_is_repaired_and_named(tmp_path: Path) -> None:
    text = "สวัสดีครับ วันนี้เป็นอย่างไรบ้าง\nขอบคุณมากสำหรับความช่วยเหลือ\n"
    path = tmp_path / "th.txt"
    path.write_text(_garble(text, "cp874"), encoding="utf-8")
    check = run_cli("check", str(path))
    assert check.returncode == 1
    assert b"mojibake: UTF-8 read as cp874: 2 lines" in check.stdout
    assert run_cli("fix", str(path)).stdout.decode("utf-8") == text


@pytest.mark.parametrize("text", ["שלום, מה שלומך היום?\nתודה רבה על העזרה שלך!\n",
                                  "مرحبا، كيف حالك اليوم؟\nشكرا جزيلا على مساعدتك.\n",
                                  "สวัสดีครับ วันนี้เป็นอย่างไรบ้าง\n",
                                  "Xin chào, hôm nay bạn thế nào?\nTôi không biết phải làm gì bây giờ.\n"])
def test_clean_text_in_those_scripts_stays(text: str) -> None:
    assert mojifix.fix_text(text) == text
