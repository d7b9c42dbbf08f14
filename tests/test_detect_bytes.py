"""``mojifix.detect_bytes``: detection as a library call, the one road of repair_bytes and
``mojifix detect`` (issue 20), and the detector's known misses fixed (brief "detect" item 3)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner

from conftest import shared_path
from mojifix import BinaryInputError, Detection, MojifixError, detect_bytes
from mojifix.cli import main

RUSSIAN = "Съешь же ещё этих мягких французских булок, да выпей чаю.\n"


# --- 1. the public call ------------------------------------------------------------------------


def test_detect_bytes_reports_encoding_confidence_alternatives_bom_and_lossy() -> None:
    d = detect_bytes(RUSSIAN.encode("cp1251"))
    assert isinstance(d, Detection)
    assert (d.encoding, d.bom, d.lossy, d.is_lossy) == ("windows-1251", None, 0, False)
    assert d.confidence > 0.25  # not a guess (mac-cyrillic reads all but the capitals the same)
    assert d.evidence and d.evidence[0].startswith("most plausible of ")
    assert d.text == RUSSIAN
    # Ranked alternatives, each (encoding, closeness, evidence), closest first, none the winner.
    assert 1 <= len(d.alternatives) <= 5
    names = [a[0] for a in d.alternatives]
    assert "windows-1251" not in names
    closeness = [a[1] for a in d.alternatives]
    assert closeness == sorted(closeness, reverse=True) and all(0 <= c < 1 for c in closeness)
    assert all("against windows-1251" in a[2] for a in d.alternatives)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.encoding = "koi8-r"  # type: ignore[misc]
    assert "text" not in repr(d) and json.loads(json.dumps(d.to_dict()))["encoding"] == "windows-1251"


@pytest.mark.parametrize(
    ("data", "encoding", "bom", "lossy", "evidence"),
    [
        (b"\xef\xbb\xbfplain", "utf-8", "utf-8", 0, ("utf-8 byte-order mark",)),
        ("a\u00e9".encode(), "utf-8", None, 0, ("valid UTF-8",)),
        (b"plain", "ascii", None, 0, ("ASCII only",)),
        ("你好".encode()[:-1], "utf-8", None, 1, ("valid UTF-8, cut inside its last character",)),
        ("caf\ufffd ok".encode(), "utf-8", None, 1, ("valid UTF-8",)),
    ],
)
def test_detect_bytes_bom_and_lossy_verdict(data: bytes, encoding: str, bom: str | None,
                                            lossy: int, evidence: tuple[str, ...]) -> None:
    d = detect_bytes(data)
    assert (d.encoding, d.bom, d.lossy, d.evidence) == (encoding, bom, lossy, evidence)
    assert d.is_lossy is (lossy > 0)


def test_detect_bytes_forced_and_refused() -> None:
    d = detect_bytes(RUSSIAN.encode("koi8-r"), encoding="koi8-r")
    assert (d.encoding, d.confidence, d.evidence) == ("koi8-r", 1.0, ("forced with --encoding",))
    with pytest.raises(BinaryInputError):
        detect_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(TypeError):
        detect_bytes("text")  # type: ignore[arg-type]


def test_repair_bytes_and_detect_command_take_the_same_road(monkeypatch, tmp_path) -> None:
    """repair_bytes decodes through detect_bytes (called once), and `mojifix detect` shows the
    very detection it repairs from."""
    import mojifix.api

    data = "Zażółć gęślą jaźń, powiedział Paweł.\n".encode("iso8859-2")
    calls = []
    real = mojifix.api.detect_bytes

    def spy(raw: bytes, *, encoding: str | None = None) -> Detection:
        calls.append(raw)
        return real(raw, encoding=encoding)

    monkeypatch.setattr(mojifix.api, "detect_bytes", spy)
    repair = mojifix.repair_bytes(data)
    assert calls == [data]
    d = detect_bytes(data)
    assert (repair.encoding, repair.confidence) == (d.encoding, d.confidence)
    assert repair.text == d.text

    (tmp_path / "pl.txt").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["detect", "--json", "pl.txt"], catch_exceptions=False)
    record = json.loads(res.stdout)["files"][0]
    assert (record["encoding"], record["confidence"]) == (d.encoding, d.confidence)
    assert record["evidence"] == list(d.evidence)
    assert record["runner_up"]["encoding"] == d.alternatives[0][0]


# --- 3. known misses ---------------------------------------------------------------------------

_EBCDIC = ("cp037", "cp500", "cp424")


def _manpages(lang: str, count: int) -> list[str]:
    folder = shared_path("corpus", "manpages", lang)
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:count]]


def test_hz_gb2312_is_recognised() -> None:
    """7-bit HZ (``~{ ~}``) from real Chinese text decodes as HZ; ``~{`` in ASCII does not."""
    for text in _manpages("zh_CN", 12):
        text = text[:3000]
        try:
            data = text.encode("hz")
        except UnicodeEncodeError:
            continue
        d = detect_bytes(data)
        assert (d.encoding, d.confidence, d.text) == ("hz", 1.0, text)
        assert d.evidence == ("HZ escape sequences (~{ ~})",)
    assert detect_bytes(b"echo ~{HOME~} and ~{x~}\n").encoding == "ascii"


@pytest.mark.parametrize(("lang", "codec"), [("ja", "shift_jis"), ("zh_CN", "gbk"), ("zh_TW", "big5")])
def test_short_cjk_is_never_ebcdic(lang: str, codec: str) -> None:
    """8-character pieces of real CJK text: before, 34 of 3,558 Japanese ones were named cp037
    (up to 0.9 confident). An EBCDIC guess now needs EBCDIC evidence (0x40, its space)."""
    named = []
    for text in _manpages(lang, 40):
        for i in range(0, 3000, 97):
            piece = text[i:i + 8]
            if piece.isascii():
                continue
            try:
                data = piece.encode(codec)
            except UnicodeEncodeError:
                continue
            try:
                if detect_bytes(data).encoding in _EBCDIC:
                    named.append(piece)
            except MojifixError:  # "mostly UTF-8 ... too few characters to be sure"
                pass
    assert named == []


def test_ebcdic_with_its_own_evidence_still_detected() -> None:
    text = _manpages("de", 1)[0][:2000]
    data = text.encode("cp037", "replace")
    d = detect_bytes(data)
    assert d.encoding in _EBCDIC and d.text == data.decode("cp037")


@pytest.mark.parametrize("lang", ["cs", "pl"])
def test_mac_latin2_documents(lang: str) -> None:
    """Czech and Polish documents in Mac Central European (mac_latin2): before, named
    windows-1256, cp850 or mac-roman."""
    for text in _manpages(lang, 10):
        data = text.encode("mac_latin2", "replace")
        d = detect_bytes(data)
        assert (d.encoding, d.text) == ("mac-latin2", data.decode("mac_latin2")), text[:60]


BALTIC = {
    "lt": "Įlinkdama fechtuotojo špaga sublykčiojusi pragręžė apvalų arbūzą. Lietuvių kalba yra viena seniausių gyvų kalbų.",
    "lv": "Glāžšķūņa rūķīši dzērumā čiepj Baha koncertflīģeļu vākus. Latviešu valoda ir baltu valoda.",
    "et": "Põdur Zagrebi tšellomängija-följetonist Ciqo külmetas kehvas garaažis. Eesti keel on soome-ugri keel.",
}


@pytest.mark.parametrize("codec", ["iso8859-4", "iso8859-13", "iso8859-10", "cp1257"])
def test_baltic_is_not_central_or_western(codec: str) -> None:
    """Baltic text in the Baltic pages: whole sentences decode exactly, and no 40-byte prefix is
    named windows-1250 or windows-1252 (before: Estonian and Lithuanian ones were)."""
    for lang, text in BALTIC.items():
        try:
            data = text.encode(codec)
        except UnicodeEncodeError:
            continue
        whole = detect_bytes(data)
        assert whole.encoding not in ("windows-1250", "windows-1252"), (lang, codec)
        if codec != "iso8859-10":  # Lithuanian in the Nordic page reads as iso8859-4 but for 3 letters
            assert whole.text == text, (lang, codec)
        assert detect_bytes(data[:40]).encoding not in ("windows-1250", "windows-1252"), (lang, codec)


def test_baltic_files_of_the_detection_corpus() -> None:
    corpus = shared_path("detection", "char-dataset")
    for label in ("iso8859_4", "windows_1257"):
        for path in sorted((corpus / label).iterdir()):
            data = path.read_bytes()
            assert detect_bytes(data).text == data.decode(label), path.name


def test_utf16_without_bom_broken_late_is_a_clean_error(tmp_path):
    """UTF-16 recognised by its NUL pattern, with an invalid unit 200 KB in: one line naming
    the file and a remedy, exit 2, no traceback, no output file (it used to be a traceback)."""
    from conftest import run_cli

    src = tmp_path / "u16.txt"
    src.write_bytes(("Hello world, UTF-16 text.\n" * 4000).encode("utf-16-le") + b"\x00\xd8A\x00")
    proc = run_cli("fix", str(src), "-o", str(tmp_path / "out.txt"))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "Traceback" not in err
    assert str(src) in err and "not valid UTF-16-LE" in err and "--encoding" in err
    assert not (tmp_path / "out.txt").exists()
