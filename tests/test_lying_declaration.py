"""A UTF-8 file whose HTML, XML or CSS declaration names another encoding (api._lying_markup).

A new user's QA: ``check`` passed a UTF-8 page declaring ISO-8859-1, which a browser or an XML
parser that follows the declaration reads as mojibake (``Été`` as ``Ã‰tÃ©``). The declaration
is now rewritten to UTF-8, as a converted file's is, and ``check`` exits 1. A Python coding
cookie is left (a source file whose cookie and bytes disagree is a test of that, CPython's), and
so is a file of ASCII alone (every declaration reads it alike).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import run_cli

XML = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<doc><title>Été à Noël</title></doc>\n'
HTML = ('<!DOCTYPE html>\n<html><head><meta charset="iso-8859-1"><title>Été</title></head>\n'
        '<body><p>Crème brûlée à Noël.</p></body></html>\n')
CSS = '@charset "windows-1252";\n.quote::before { content: "« "; }\n'


@pytest.mark.parametrize(("name", "text", "label"), [("doc.xml", XML, "ISO-8859-1"),
                                                     ("page.html", HTML, "iso-8859-1"),
                                                     ("style.css", CSS, "windows-1252")])
def test_the_lie_is_found_and_rewritten(tmp_path: Path, name: str, text: str, label: str) -> None:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    check = run_cli("check", str(src))
    assert check.returncode == 1
    assert b"declared-encoding: encoding declaration rewritten to UTF-8, the bytes being UTF-8" in check.stdout
    assert run_cli("fix", "-i", str(src)).returncode == 0
    fixed = src.read_text("utf-8")
    assert fixed.replace("UTF-8", label, 1).replace("utf-8", label, 1) == text
    if name == "doc.xml":
        assert ET.parse(src).getroot().find("title").text == "Été à Noël"  # type: ignore[union-attr]


@pytest.mark.parametrize(("name", "text"), [
    ("mod.py", "# -*- coding: latin-1 -*-\nNAME = 'Été'\n"),
    ("ascii.xml", '<?xml version="1.0" encoding="ISO-8859-1"?>\n<doc>plain</doc>\n'),
    ("ok.html", '<meta charset="utf-8"><p>Été</p>\n'),
])
def test_what_does_not_lie_is_left(tmp_path: Path, name: str, text: str) -> None:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    assert run_cli("check", str(src)).returncode == 0
    assert run_cli("fix", "-i", str(src)).returncode == 0
    assert src.read_text("utf-8") == text
