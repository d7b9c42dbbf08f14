"""Character tables in source code are data (QA pass 26): bundled JavaScript carries tables of
characters written raw in its strings (the ``entities`` package's packed HTML decode tree,
SheetJS's cp1252 -> C1 map, xterm's C1 names, a cp437 table), where a few neighbours look like
a byte sequence read through the wrong page. ``fix -i`` rewrote them in place (JupyterLab,
Notebook, Dash, Streamlit, ipywidgets, Django's xregexp, Playwright). Real mojibake in code is
still repaired. See :mod:`mojifix.engine.chartables`."""

from __future__ import annotations

import pytest

import mojifix
from conftest import run_cli

NOTE = ("mojibake only in character tables, in a few strings near code that encodes or on few of "
        "its lines, left alone: source code (decided from the file name)")

# The smallest form of the `entities` decode tree: 'α‚‰' is UTF-8's 'ႉ' read through cp1253.
ENTITIES = 'const t = "Ācs‑⁒α‚‰‸⁅⁈";\n'
# SheetJS's cp1252 -> C1 table, one entry a line, each control written raw.
C1_MAP = ("var cp1252 = {\n"
          + "".join(f'  "{bytes([b]).decode("cp1252")}": "{chr(b)}",\n'
                    for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))
          + "};\n")
# xterm's C1 names (template literals) and a regular expression's range of controls.
XTERM = ("(function(e){" + ",".join(f"e.{n}=`{chr(b)}`" for n, b in
                                   [("PAD", 0x80), ("HOP", 0x81), ("BPH", 0x82), ("IND", 0x84),
                                    ("NEL", 0x85), ("CSI", 0x9B), ("APC", 0x9F)])
         + '})(C1);\nconst CONTROL = "\\0-\x1f\x7f-\x9f";\n')


@pytest.mark.parametrize(("name", "code"), [("t.js", ENTITIES), ("sheet.js", C1_MAP),
                                            ("xterm.js", XTERM)])
def test_a_character_table_in_code_is_left_as_it_is(tmp_path, name: str, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(code.encode())
    r = run_cli("fix", "-i", str(path))
    assert r.returncode == 0, r.stderr
    assert path.read_bytes() == code.encode()
    r = run_cli("check", "-q", str(path))
    assert (r.returncode, r.stdout) == (0, b""), r.stdout
    repair = mojifix.repair_text(code, path=name)
    assert not repair.changed
    assert [f.summary for f in repair.findings] == [NOTE]


def test_the_same_tables_as_plain_text_are_still_read_as_mojibake() -> None:
    # Only code holds tables: a text file is text (what mojifix was built for).
    assert mojifix.fix_text(ENTITIES) == 'const t = "Ācs‑⁒ႉ‸⁅⁈";\n'
    assert mojifix.fix_text(C1_MAP).startswith('var cp1252 = {\n  "€": "€",\n  "‚": "‚",\n')


@pytest.mark.parametrize(("name", "garbled", "fixed"), [
    # a comment and a string garbled (UTF-8 read as cp1252)
    ("b.js", '// Le rÃ©sumÃ© est affichÃ© en tÃªte.\nconst title = "RÃ©sumÃ©";\n',
     '// Le résumé est affiché en tête.\nconst title = "Résumé";\n'),
    # a dash garbled inside an unspaced Japanese sentence: text of one script, not a table
    ("c.py", 'msg = "これはテストですâ€”ここでは"\n', 'msg = "これはテストです—ここでは"\n'),
    # cp1252 read as Latin-1: the control sits between letters, in a sentence
    ("d.py", 'x = "It\x92s done"\n', 'x = "It’s done"\n'),
])
def test_real_mojibake_in_code_is_still_repaired(tmp_path, name: str, garbled: str, fixed: str) -> None:
    assert mojifix.fix_text(garbled, path=name) == fixed
    path = tmp_path / name
    path.write_bytes(garbled.encode())
    r = run_cli("fix", "-i", str(path))
    assert r.returncode == 0 and path.read_bytes() == fixed.encode(), r.stderr


def test_a_table_beside_real_mojibake_stays_while_the_mojibake_is_repaired(tmp_path) -> None:
    # Data is never repaired: the comment is, the table is not (Dash's bundle: SheetJS's C1 map
    # beside a string the rules call damage).
    code = 'const t = "Ācs‑⁒α‚‰‸⁅⁈"; // Le rÃ©sumÃ© est affichÃ©\n'
    fixed = 'const t = "Ācs‑⁒α‚‰‸⁅⁈"; // Le résumé est affiché\n'
    path = tmp_path / "t.js"
    path.write_bytes(code.encode())
    r = run_cli("check", "-q", str(path))
    assert r.returncode == 1
    assert r.stdout.decode().splitlines() == [
        f"{path}:1:1: file-kind: {NOTE}",
        f"{path}:1:33: mojibake: UTF-8 read as windows-1252: 3 places, 3 characters changed "
        "(first: 'Ã©' → 'é')"]
    r = run_cli("fix", "-i", str(path))
    assert r.returncode == 0 and path.read_bytes() == fixed.encode(), r.stderr


@pytest.mark.parametrize("codec", ["latin-1", "sloppy-windows-1252"])
def test_a_code_file_garbled_whole_repairs_its_table_too(codec: str) -> None:
    # Garbled whole, a table is mojibake through and through: evidence, repaired with the rest.
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    code = '# Tableau des caractères\nTABLE = "Ācs‑⁒α‚‰‸⁅⁈"  # entités\n'
    garbled = code.encode().decode(codec)
    assert garbled != code and mojifix.fix_text(garbled, path="table.py") == code
