"""One mojibake finding per chain in a document, whichever fixer repaired its lines (QA 25,
item 3: ``check`` printed two ``mojibake`` findings of one chain at the same place).

The chain search repairs some lines of a garbled part and ftfy's road the others; each told
its finding, so ``check`` showed ``UTF-8 read as windows-1252`` twice at the chain's first
change and the report's chain table counted the file twice. Now the two are summed (see
src/mojifix/engine/onechain.py), as the streamed road sums a file's chunks.
"""

from __future__ import annotations

import json

from conftest import run_cli, shared_path


def _clean_then_garbled(tmp_path):
    # A real Italian page (charsets(7)) whose second half a broken program appended as UTF-8
    # read as windows-1252 (the quality bench's "clean + garbled" case).
    text = shared_path("corpus", "manpages", "it", "charsets.7.txt").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    mid = len(lines) // 2
    head, tail = "".join(lines[:mid]), "".join(lines[mid:])
    path = tmp_path / "charsets.txt"
    path.write_text(head + tail.encode("utf-8").decode("cp1252"), encoding="utf-8")
    return path, text


def test_check_tells_one_finding_per_chain(tmp_path):
    path, _ = _clean_then_garbled(tmp_path)
    proc = run_cli("check", "-q", str(path))
    assert proc.returncode == 1
    assert proc.stdout.decode() == (
        f"{path}:17:206: mojibake: UTF-8 read as windows-1252: 14 places, 16 characters changed "
        "(first: 'Ä²/Ä³' → 'Ĳ/ĳ')\n")


def test_fix_report_counts_the_file_once_per_chain(tmp_path):
    path, text = _clean_then_garbled(tmp_path)
    out, report = tmp_path / "out.txt", tmp_path / "r.json"
    proc = run_cli("fix", str(path), "-o", str(out), "--report", str(report))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == text
    doc = json.loads(report.read_text())
    assert doc["summary"]["chains"] == [{"kind": "mojibake", "chain": "UTF-8 read as windows-1252",
                                         "files": 1, "count": 14, "changed": 16, "lost": 0}]
    assert [(f["kind"], f["summary"], f["chain"]) for f in doc["files"][0]["findings"]] == [
        ("mojibake", "UTF-8 read as windows-1252: 14 places, 16 characters changed",
         ["utf-8", "windows-1252"])]
