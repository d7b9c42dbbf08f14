"""Examples quoted in code are examples (QA pass 24): a document about encodings quotes
mojibake, lost bytes and converter damage in its code on purpose, and mojifix leaves them as they
are, whichever fixer would have read them; the same damage in prose is still repaired or told.
See the table in :mod:`mojifix.engine.filekind`."""

from __future__ import annotations

import mojifix
from conftest import run_cli


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
