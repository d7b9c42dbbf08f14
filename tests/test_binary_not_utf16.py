"""Binary files are skipped, never read as UTF-16 without a byte-order mark and rewritten.

A new user's QA: ``mojifix fix -i DIR`` rewrote an 8-bit WAV file (CPython's
``test/audiodata/pluck-pcm8.wav``: 6,756 bytes became 10,086 of UTF-8 "Chinese"), CPython's
4-byte test fixture ``binary.file`` (bytes 0-3) and a 3.9 MB ``.pyc`` as UTF-8 text, each
"decoded from utf-16-le (confidence 90%)", exit 0. Their bytes read as UTF-16 are assigned
characters (ideographs), which was all the BOM-less UTF-16 test asked; now the reading must also
hold what text holds: ASCII (spaces, line breaks, punctuation) or CJK punctuation
(``bomless._has_text_structure``).
"""

from __future__ import annotations

import math
import wave
from pathlib import Path

import pytest

from conftest import run_cli
from mojifix import BinaryInputError, detect_bytes, fix_bytes


def _wav8(path: Path) -> None:
    with wave.open(str(path), "wb") as w:  # 8-bit PCM: bytes near 0x80, a NUL nowhere but the header
        w.setnchannels(2)
        w.setsampwidth(1)
        w.setframerate(11025)
        w.writeframes(bytes(int(128 + 20 * math.sin(i / 9)) for i in range(8000)))


# A .pyc: a 16-byte header, then marshalled constants: here one long ASCII string (moto's
# aws_managed_policies.pyc holds a JSON document of 3.9 MB), NULs only in the header and lengths.
# (A guard: this sample's newlines read as unassigned characters, which the old test refused
# too; the real file's, at the other parity, read as assigned ones, and it was taken.)
PYC_LIKE = (b"\xa7\r\r\n\x00\x00\x00\x00\xdd\xe0\rj\xf0\xb3<\x00\xe3" + bytes(16) + b"\x01" + bytes(7)
            + b"\xf3\n\x00\x00\x00\x97\x00d\x00Z\x00d\x01S\x00)\x02a\xa2\xb3<\x00\n{\n" + "".join(
    f' "Service{i:04}Policy":{{\n  "CreateDate":"2026-03-26T00:00:00+00:00",\n  "Arn":"arn:aws:iam::aws:policy/S{i:04}"}},\n'
    for i in range(1200)).encode())


@pytest.mark.parametrize("data", [bytes([0, 1, 2, 3]), PYC_LIKE], ids=["four-bytes", "pyc-like"])
def test_the_library_calls_them_binary(data: bytes) -> None:
    with pytest.raises(BinaryInputError):
        fix_bytes(data)


def test_fix_in_place_over_a_folder_leaves_them_byte_for_byte(tmp_path: Path) -> None:
    _wav8(tmp_path / "quiet.wav")
    (tmp_path / "binary.file").write_bytes(bytes([0, 1, 2, 3]))
    (tmp_path / "cache.pyc").write_bytes(PYC_LIKE)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    res = run_cli("fix", "-i", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    res = run_cli("check", str(tmp_path))
    assert res.returncode == 0, res.stdout + res.stderr
    assert b"3 skipped (3 binary)" in res.stdout + res.stderr


@pytest.mark.parametrize("text", [
    "我没有埋怨，磋砣的只是一些时间。",  # no ASCII at all: CJK punctuation
    "Привет, мир\n",
    "Hello, world: a line of English.\n",
    "日本語のテキスト\n二行目",
])
@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_text_without_a_byte_order_mark_is_still_read(text: str, enc: str) -> None:
    found = detect_bytes(text.encode(enc))
    assert (found.encoding, found.text) == (enc, text)
