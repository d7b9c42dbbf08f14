"""Examples quoted in code are examples (QA pass 24): a document about encodings quotes
mojibake, lost bytes and converter damage in its code on purpose, and mojifix leaves them as they
are, whichever fixer would have read them; the same damage in prose is still repaired or told.
See the table in :mod:`mojifix.engine.filekind`."""

from __future__ import annotations

import pytest

import mojifix
from conftest import run_cli

# docs/robustness.md lists the inputs it was timed on in inline code, among them ``?;?;``,
# and the page has toned glosses: the GBK re-aligner read ``?;` `` as a shifted run and took
# the closing backtick as a trail byte (``?;�籤,``), breaking the Markdown.
ROBUST = (
    "# Robustness\n\n"
    "- **Idempotence**: a doubled gloss `強(qiáng)(qiáng)`, and U+200C right\n"
    "  after a gloss (`強(qiáng)\\u200cx`: its neighbour is `)` until the gloss is gone).\n"
    "- **Linear time**: runs of `((((`, `Ã`, `&#&#`, `?;?;`, unclosed glosses `強(qiáng`, mixed scripts,\n"
    "  take time proportional to their size.\n"
)


def test_the_gbk_realigner_never_reads_markdown_code_nor_its_backticks(tmp_path) -> None:
    path = tmp_path / "robustness.md"
    path.write_bytes(ROBUST.encode())
    r = run_cli("fix", "-i", str(path))
    assert r.returncode == 0, r.stderr
    assert path.read_bytes() == ROBUST.encode()
    r = run_cli("check", "-q", str(path))
    assert r.returncode == 0, r.stdout
    # The same text as plain text is a glossed page, and re-aligned as before.
    assert "\ufffd" in mojifix.fix_text(ROBUST, file_kind="text")
    # A run that starts in prose stops at a code span: it never takes the backtick.
    prose = "上(shàng)海 x?;`code`\n"
    assert mojifix.fix_text(prose, path="a.md").count("`") == 2


@pytest.mark.parametrize("doc", [
    # UTF-8 read as cp1253, cp1251 read as cp1252, GBK read as Latin-1: the chain fixer's finds
    "# Notes\n\nUTF-8 read as cp1253: an English em dash (`β€”`) costs what mojibake costs.\n",
    "# Notes\n\nA Russian word read through the wrong page looks like `Ïðèâåò ìèð` and\n"
    "Chinese read as Latin-1 looks like `ÄãºÃ`.\n",
    "# Notes\n\n```\n>>> 'Привет мир'.encode('cp1251').decode('cp1252')\n'Ïðèâåò ìèð'\n```\n",
])
def test_chain_mojibake_quoted_in_markdown_code_stays(doc: str) -> None:
    assert mojifix.fix_text(doc, path="notes.md") == doc
    repair = mojifix.repair_text(doc, path="notes.md")
    assert [f.kind for f in repair.findings] == ["file-kind"]
    assert "mojibake only in code" in repair.findings[0].summary


def test_chain_mojibake_in_prose_still_repairs_the_code_too() -> None:
    garbled = "Привет, мир. `Привет`\n".encode("cp1251").decode("cp1252")
    assert mojifix.fix_text(garbled, path="notes.md") == "Привет, мир. `Привет`\n"


@pytest.mark.parametrize("doc", [
    "# FAQ\n\nIf you see `锟斤拷` or `烫烫烫`, the bytes were lost.\n",
    "# FAQ\n\n```\n>>> b'\\xff\\xfe'.decode('utf-8', 'replace')\n'\ufffd\ufffd'\n```\n",
    "<p>Lost bytes read as GBK show as <code>锟斤拷</code>.</p>\n",
])
def test_lost_bytes_quoted_in_code_are_examples_so_check_passes(tmp_path, doc: str) -> None:
    path = tmp_path / ("faq.html" if doc.startswith("<") else "faq.md")
    path.write_bytes(doc.encode())
    r = run_cli("check", "-q", str(path))
    assert (r.returncode, r.stdout) == (0, b""), r.stdout
    repair = mojifix.repair_text(doc, path=str(path))
    assert not repair.changed
    assert [f.kind for f in repair.findings] == ["file-kind"]
    assert "lost bytes only in code" in repair.findings[0].summary


def test_lost_bytes_in_prose_still_fail_check(tmp_path) -> None:
    for name, doc in [("prose.md", "If you see 锟斤拷 here, the bytes were lost.\n"),
                      ("both.md", "Lost: 锟斤拷 and, as code, `锟斤拷`.\n"),
                      ("notes.txt", "If you see `锟斤拷`, the bytes were lost.\n")]:
        (tmp_path / name).write_bytes(doc.encode())
        r = run_cli("check", "-q", str(tmp_path / name))
        assert r.returncode == 1 and b"mojibake-lost" in r.stdout, (name, r.stdout)


def test_zero_width_characters_in_data_files_are_left_alone(tmp_path) -> None:
    data = '{"name": "a\u200bb"}\n'
    r = run_cli("fix", "--file-kind", "data", "-", input=data.encode())
    assert (r.returncode, r.stdout) == (0, data.encode()), r.stderr
    path = tmp_path / "zw.json"
    path.write_bytes(data.encode())
    r = run_cli("fix", "-i", str(path))
    assert r.returncode == 0 and path.read_bytes() == data.encode()
    repair = mojifix.repair_text(data, path="zw.json")
    assert [f.summary for f in repair.findings] == [
        "zero-width characters left alone: data file (decided from the file name)"]
    assert mojifix.fix_text(data, file_kind="text") == '{"name": "ab"}\n'


# --- source code: deliberate mojibake in tests, damage garbled whole ---------------------------

TC = ('def test_latin1():\n'
      '    assert "café".encode("utf-8").decode("latin-1") == "cafÃ©"\n')
# CPython 3.11's test_shelve.py and test_getpass.py, as they are (the examples and their context).
SHELVE = ("    def test_keyencoding(self):\n        d = {}\n        key = 'PÃ¶p'\n"
          "        # the default keyencoding is utf-8\n        shelve.Shelf(d)[key] = [1]\n"
          "        self.assertIn(key.encode('utf-8'), d)\n")
GETPASS = ('    def test_uses_stdin_as_different_locale(self, mock_input):\n'
           '        stream = TextIOWrapper(BytesIO(), encoding="ascii")\n'
           '        mock_input.readline.return_value = "HasÅ‚o: "\n'
           '        getpass._raw_input(prompt="HasÅ‚o: ",stream=stream)\n')


@pytest.mark.parametrize("code", [TC, SHELVE, GETPASS])
def test_deliberate_mojibake_in_a_test_file_stays(tmp_path, code: str) -> None:
    path = tmp_path / "test_codec.py"
    path.write_bytes(code.encode())
    r = run_cli("fix", "-i", str(path))
    assert r.returncode == 0 and path.read_bytes() == code.encode(), r.stderr
    r = run_cli("check", "-q", str(path))
    assert (r.returncode, r.stdout) == (0, b""), r.stdout
    repair = mojifix.repair_text(code, path="test_codec.py")
    assert [f.summary for f in repair.findings] == [
        "mojibake only in character tables, in a few strings near code that encodes or on few "
        "of its lines, left alone: source code (decided from the file name)"]


def test_a_few_mojibake_lines_among_clean_ones_stay() -> None:
    # ftfy's fixes.py quotes mojibake in a comment and a docstring among clean non-ASCII lines.
    code = ('# The mojibake text "fÃ cil" is read as "fà cil".\n'
            + "".join(f'WORDS_{i} = "{w}"  # clean\n' for i, w in enumerate(["café", "naïve", "Köln"]))
            + 'def f():\n    """Decodes ``â€œ like this â€�``."""\n')
    assert mojifix.fix_text(code, path="fixes.py") == code


# A real source file with non-ASCII comments and strings (French), garbled whole.
FRENCH = ('# -*- coding: utf-8 -*-\n"""Module de génération des rapports."""\n\n'
          'def titre(nom):\n    # Le résumé est affiché en tête de la page.\n'
          '    return f"Résumé de {nom} : données à vérifier"\n')


@pytest.mark.parametrize("codec", ["cp1252", "gbk"])
def test_a_code_file_garbled_whole_is_still_repaired(codec: str) -> None:
    garbled = FRENCH.encode().decode(codec)
    assert garbled != FRENCH
    assert mojifix.fix_text(garbled, path="rapport.py") == FRENCH


def test_a_code_file_garbled_only_in_its_strings_is_still_repaired() -> None:
    # A program whose non-ASCII is all in its strings (rich's box drawings), garbled whole.
    box = pytest.importorskip("rich.box")
    with open(box.__file__, encoding="utf-8") as f:
        code = f.read()
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252: box drawings hold 0x90)

    garbled = code.encode().decode("sloppy-windows-1252")
    assert garbled != code and mojifix.fix_text(garbled, path="box.py") == code


def test_lost_bytes_in_string_literals_are_examples_in_comments_told(tmp_path) -> None:
    table = tmp_path / "junk.py"
    table.write_bytes('UNDECODABLE = ("锟斤拷", "烫烫烫")\n'.encode())
    r = run_cli("check", "-q", str(table))
    assert (r.returncode, r.stdout) == (0, b""), r.stdout
    comment = tmp_path / "lost.py"
    comment.write_bytes("x = 1  # 锟斤拷锟斤拷\n".encode())
    r = run_cli("check", "-q", str(comment))
    assert r.returncode == 1 and b"mojibake-lost" in r.stdout


def test_the_gbk_realigner_does_not_run_on_source_code() -> None:
    # fixers/realign.py's own docstring: a source file is no gloss converter's page.
    code = '"""A page glossed 強(qiáng)調(diào) shows 上?;鶎狱h建 for 上海基層黨建."""\n'
    assert mojifix.fix_text(code, path="realign.py") == code
    assert mojifix.fix_text(code) != code  # as plain text, a glossed page re-aligned


def test_a_streamed_code_file_decides_on_its_whole_text(tmp_path, monkeypatch) -> None:
    # A file with a long line is streamed in chunks, or held whole when small enough to decide
    # on (code, like Markdown, is a kind decided on spans and lines): its examples' lines are a few of the whole
    # file's non-ASCII lines, but most of the last chunk's; the file decides, as held whole.
    from click.testing import CliRunner

    from mojifix.cli import main
    from mojifix.files import stream
    from test_long_line_commands import count_stream_runs

    count_stream_runs(monkeypatch)  # (small chunks, should it stream)
    monkeypatch.setattr(stream, "LONG_LINE", 10_000)
    head = "".join(f'W{i} = "café {i}"  # été\n' for i in range(40))
    tail = '# Köln\n# naïve\nA = "cafÃ©"\nB = "naÃ¯ve"\nC = "KÃ¶ln"\n'
    code = head + 'X = "' + "a" * 30_000 + '"\n' + tail
    path = tmp_path / "words.py"
    path.write_bytes(code.encode())
    result = CliRunner().invoke(main, ["fix", "-q", "-j", "1", "-i", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    assert path.read_bytes() == code.encode()
    assert mojifix.fix_text(code, path="words.py") == code


@pytest.mark.parametrize(("name", "text"), [
    ("notes.md", "# Notes\n\nA lost quote shows up as:\n\n    \u9225\n"),
    ("half.py", 'HALF = "\u9225"  # half a quote read as GBK\n'),
])
def test_half_a_mark_quoted_in_code_is_an_example(tmp_path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_bytes(text.encode())
    r = run_cli("check", "-q", str(path))
    assert (r.returncode, r.stdout) == (0, b""), r.stdout
    prose = tmp_path / "prose.md"
    prose.write_bytes("A lost quote shows up as \u9225 here.\n".encode())
    assert run_cli("check", "-q", str(prose)).returncode == 1
