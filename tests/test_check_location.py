"""Issue 17: `mojifix check FILE` prints each finding at its true line and column, for garbled
text that starts mid-file (line 7, column 5, after six clean lines), one case per kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mojifix.cli import main

CLEAN = "".join(f"A clean line, number {i}.\n" for i in range(1, 7))

# Each line's damage starts at its 5th character; a clean tail follows.
CASES = {
    "mojibake": "abcdÃ©tÃ© and crÃ¨me\n",
    "html-entities": "abcd&amp; and &eacute;\n",
    "zero-width": "abcd\u200bword\u200bword\n",
    "pinyin-glosses": "你好的字(zì)和強(qiáng)調(diào)\n",
    "bare-entities": "第一章的#xff1a;開始\n",
    # Findings that change nothing are shown where they are, not at 1:1.
    "mojibake-lost": "abcd锟斤拷 and the rest\n",
    "mojibake-lossy": "abcd" + "中文文本测试内容，".encode()[:-1].decode("gbk", "replace") + "\n",
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_check_prints_the_finding_at_line_7_column_5(kind: str, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "doc.txt").write_text(CLEAN + CASES[kind] + "A clean last line.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-q", "doc.txt"], catch_exceptions=False)
    assert result.exit_code == 1
    (line,) = [x for x in result.output.splitlines() if f": {kind}: " in x]
    assert line.startswith(f"doc.txt:7:5: {kind}: ")


def test_gbk_misalignment_at_line_7_column_5(tmp_path: Path, monkeypatch) -> None:
    # A run read one byte off by a gloss converter (上海基層黨建 -> 上?;鶎狱h建), its '?' at
    # column 5; a gloss on the next line shows the converter ran.
    (tmp_path / "doc.txt").write_text(CLEAN + "上海在上?;鶎狱h建工作\n強(qiáng)調(diào)\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-q", "doc.txt"], catch_exceptions=False)
    (line,) = [x for x in result.output.splitlines() if ": gbk-misalignment: " in x]
    assert line.startswith("doc.txt:7:5: gbk-misalignment: ")
