"""DOS Greek (cp737) is a detection candidate.

QA: without it, a cp737 file was "stored as cp866" at 100% confidence and ``fix -i`` rewrote it
as Cyrillic gibberish (``О Vim ЬхдШа тдШк…``), and vim's own tutor.el.cp737 got a bogus
"KOI8-R read as windows-1251" repair on top. Its prior (2.5, above the other DOS pages) keeps
every answer bench/detect.py gives (char-dataset: the same encodings; only some runners-up
and cp866 margins move, ``tests/data/detect_answers.json``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli, shared_path
from mojifix import detect_bytes

GREEK = "Ο Vim είναι ένας πανίσχυρος συντάκτης που έχει πολλές εντολές.\n"


def test_the_qa_sentence_is_cp737(tmp_path: Path) -> None:
    d = detect_bytes(GREEK.encode("cp737"))
    assert (d.encoding, d.text) == ("cp737", GREEK) and d.confidence > 0.99
    src = tmp_path / "el737.txt"
    src.write_bytes(GREEK.encode("cp737"))
    proc = run_cli("fix", "-i", "-q", str(src))
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert src.read_text(encoding="utf-8") == GREEK


def _pages(lang: str) -> list[str]:
    folder = shared_path("corpus", "manpages", lang)
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def test_greek_pages_in_cp737_whole_and_cut() -> None:
    for text in _pages("el"):
        data = text.encode("cp737", "replace")
        for cut in (None, 200, 1000):
            piece = data[:cut]
            d = detect_bytes(piece)
            assert (d.encoding, d.text) == ("cp737", piece.decode("cp737")), (text[:40], cut)


@pytest.mark.parametrize(("lang", "codec"), [("ru", "cp866"), ("el", "cp869"), ("el", "cp1253")])
def test_the_neighbours_are_still_themselves(lang: str, codec: str) -> None:
    """Russian in cp866 (which shares cp737's box drawing) and Greek in the other pages."""
    named = {"cp1253": "windows-1253"}.get(codec, codec)
    for text in _pages(lang)[:20]:
        data = text.encode(codec, "replace")
        if data.isascii():
            continue
        d = detect_bytes(data)
        assert (d.encoding, d.text) == (named, data.decode(codec)), text[:40]
