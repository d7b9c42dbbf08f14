"""BOM-less UTF-16 in scripts whose other byte order is assigned too (decoding/bomless.py).

A new user's QA: Russian saved as UTF-16 without a byte-order mark was "binary": ``fix`` exit
2, ``check`` skipped it and exited 0 (CI passed a file it never read). Russian in one byte
order is Greek Extended in the other (``П``, 1F 04, is ``ἄ``), Polish is CJK ideographs, so
the unassigned characters did not tell the orders apart, and the NULs of its spaces alone (under
a tenth of the bytes) passed for stray NULs in UTF-8. Over the corpus's documents saved so in
both byte orders, before: es 112/120, fr 118/120, it 42/72, pl 44/120, ru 78/120, uk 104/120
exact; now every one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli, shared_path
from mojifix.decoding.decode import decode

RU = "Параметры хранятся в памяти, но как минимум в ней есть загрузчик.\n" * 5


@pytest.mark.parametrize("lang", ["ru", "uk", "pl", "it", "es", "fr", "el", "zh_CN", "ja"])
def test_corpus_documents_saved_as_bomless_utf16_read_back(lang: str) -> None:
    wrong = []
    for path in sorted(shared_path("corpus", "manpages", lang).glob("*.txt")):
        text = path.read_text("utf-8")
        for order in ("utf-16-le", "utf-16-be"):
            got = decode(text.encode(order))
            if (got.encoding, got.text) != (order, text):
                wrong.append((path.name, order, got.encoding))
    assert not wrong


def test_check_reads_a_russian_bomless_utf16_file(tmp_path: Path) -> None:
    src = tmp_path / "ru16.txt"
    src.write_bytes(RU.encode("utf-16-le"))
    check = run_cli("check", str(src))
    assert check.returncode == 1
    assert b"ru16.txt:1:1: encoding: decoded from utf-16-le" in check.stdout
    assert run_cli("fix", "-i", str(src)).returncode == 0
    assert src.read_text("utf-8") == RU
